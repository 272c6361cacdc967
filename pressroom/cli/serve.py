"""`pressroom serve`: the HTTP API and the web pages (FastAPI on uvicorn)."""

from __future__ import annotations

import os

import click

#: seconds an idle keep-alive connection stays open (uvicorn's default, 5, races with
#: clients that pause between requests)
KEEP_ALIVE = 30


@click.command()
@click.option(
    "--db",
    help="Database: a SQLite file or postgresql://… URL. Default: $PRESSROOM_DB, else the bundled demo corpus.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port.")
@click.option(
    "--token",
    help="Bearer token that writes (uploads) need. Default: $PRESSROOM_TOKEN or the "
    "config file; none: uploads are refused.",
)
@click.option("--private", is_flag=True, help="Close reads too: every page and API call needs the token.")
@click.option(
    "--max-upload-mb", type=click.FloatRange(0.001, 4096), help="Largest upload per request (default 20 MiB)."
)
@click.option(
    "--cors-origin",
    "cors",
    multiple=True,
    help="An origin allowed to call the API from a browser (repeatable). Default: none.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Config file (TOML). Default: $PRESSROOM_CONFIG or ~/.config/pressroom/serve.toml.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes (each opens the store).",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
)
def serve(db, host, port, token, private, max_upload_mb, cors, config_path, workers, log_level):
    """Serve the corpus: web pages at / and the JSON API at /api/v1.

    With no --db (and no $PRESSROOM_DB) it serves a bundled demo corpus: the NATO seed and
    six White House briefings, shipped prebuilt in the package and copied into the cache.
    """
    import uvicorn

    from ..serve.app import create_app
    from ..serve.config import resolve_settings
    from ..serve.demo import demo_store, stderr_log

    db = db or os.environ.get("PRESSROOM_DB")
    if not db:
        report = demo_store(log=stderr_log)
        db = report.path
        what = "the demo corpus" + (" (cached)" if report.cached else f" (built in {report.seconds:.1f} s)")
    else:
        what = db
    limit = int(max_upload_mb * 1024 * 1024) if max_upload_mb else None
    settings = resolve_settings(token, False if private else None, limit, list(cors) or None, config_path)
    # fail here, with one line, when the store cannot be opened
    app = create_app(
        db,
        token=settings.token,
        public_reads=settings.public_reads,
        max_upload_bytes=settings.max_upload_bytes,
        cors_origins=list(settings.cors_origins),
        config_path=config_path,
    )
    click.echo(
        f"pressroom: serving {what} on http://{host}:{port}/ "
        f"(uploads {'need the token' if settings.writes_enabled else 'disabled'}; "
        f"reads {'public' if settings.public_reads else 'need the token'})",
        err=True,
    )
    if workers > 1:
        os.environ["PRESSROOM_SERVE_DB"] = db
        os.environ["PRESSROOM_SERVE_SETTINGS"] = _encode(settings)
        uvicorn.run(
            "pressroom.serve.app:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
            proxy_headers=False,
            server_header=False,
            timeout_keep_alive=KEEP_ALIVE,
        )
    else:
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level=log_level,
            proxy_headers=False,
            server_header=False,
            timeout_keep_alive=KEEP_ALIVE,
        )


def register(main, groups):
    """Add this module's commands to the CLI."""
    main.add_command(serve)


def _encode(settings) -> str:
    import json

    return json.dumps(
        {
            "token": settings.token,
            "public_reads": settings.public_reads,
            "max_upload_bytes": settings.max_upload_bytes,
            "cors_origins": list(settings.cors_origins),
        }
    )
