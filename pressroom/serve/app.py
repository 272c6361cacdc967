"""The FastAPI application: the HTTP API under ``/api/v1`` and the server-rendered pages.

    >>> from pressroom.serve import create_app
    >>> app = create_app("corpus.db", token="…")        # then: uvicorn.run(app)

The store is opened once, when the app is made (a bad URL fails here, not at the first
request), and closed when the server stops. Request handlers are plain functions run in
the server's thread pool; the store gives each thread its own connection.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from pathlib import Path
from typing import Sequence

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware

from .. import __version__
from ..errors import (
    AnnotatorError,
    ExportError,
    FormatError,
    ModelError,
    ParseError,
    PressroomError,
    ReadError,
    StoreError,
    UsageError,
)
from ..store import NotFound, Store, open_store
from .cache import StoreCache
from .config import ServeSettings, resolve_settings
from .context import HTTPError, cache_of, render, settings_of, store_of  # noqa: F401  (their home is context.py)
from .middleware import CSP, TOO_LARGE, BodyLimit, CleanInput, ReadGate, SecurityHeaders
from .turn_table import serve_stale_turn_table

API_PREFIX = "/api/v1"
PACKAGE = Path(__file__).resolve().parent.parent
#: the vendored interactive API docs (pressroom/static/vendor/README.md): no CDN
SWAGGER_UI = "/static/vendor/swagger-ui-5.35.0"
REDOC_JS = "/static/vendor/redoc-2.5.4/redoc.standalone.js"


def status_for(exc: PressroomError) -> int:
    """The HTTP status of a pressroom error."""
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, (ReadError, ParseError, FormatError)):
        return 422
    if isinstance(exc, ModelError):
        return 503
    if isinstance(exc, StoreError):
        return 503
    if isinstance(exc, UsageError):
        return 400
    if isinstance(exc, (AnnotatorError, ExportError)):  # the request asked for something wrong
        return 400
    return 400


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(PACKAGE / "templates")),
        autoescape=True,  # transcript text is untrusted: everything is escaped
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    from . import pages

    pages.install_filters(env)
    return Jinja2Templates(env=env)


#: an absolute file-system path (two segments or more) inside a message; the server's own URL
#: paths (/api/…, /static/…) are not file-system paths
_PATH = re.compile(r"(?<![\w.:/])/(?!api/|static/)(?:[\w.~+-]+/)+[\w.~+-]*")


def _store_names(request: Request) -> list[str]:
    """The ways an error message can name the server's store (its URL, its file)."""
    store = getattr(request.app.state, "store", None)
    url = getattr(store, "url", None)
    if url is None:
        return []
    names = {str(url), str(getattr(url, "target", ""))}
    target = getattr(url, "target", "")
    if target and getattr(url, "engine", "") == "sqlite" and target != ":memory:":
        names.add(os.path.abspath(target))
    return sorted((n for n in names if n), key=len, reverse=True)


def public_message(request: Request, message: str) -> str:
    """The message without the server's paths: the store's URL or file becomes 'the store',
    any other absolute path '…'."""
    for name in _store_names(request):
        message = message.replace(name, "the store")
    return _PATH.sub("…", " ".join(message.split()))


def _error_response(request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None):
    message = public_message(request, message)
    if _is_api(request) or not hasattr(request.app.state, "templates"):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)
    return request.app.state.templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "code": code, "message": message, **request.app.state.page_globals},
        status_code=status,
        headers=headers,
    )


def _lifespan(store: Store, owned: bool, reloader):
    """The app's lifespan: warm the caches before the first visitor; at the end, stop the
    upload workers and background work, then close the store if the app opened it."""

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        from ..search import Filters
        from . import pages, queries

        # the home page's statistics and who-spoke-where, computed before the first visitor asks
        warm = {
            ("people",): lambda: queries.people_index(store),
            ("overview", (), None): lambda: pages.overview(store, Filters(), None),
        }
        warm[("turn-table",)] = store.load_turn_table  # the store's search columns
        app.state.cache.warm(warm)
        yield
        from . import uploads

        uploads.shutdown()
        # background work still reading the store must end before its connections close
        app.state.cache.join()
        if reloader is not None:
            reloader.join()
        if owned:
            store.close()

    return lifespan


def _add_error_handlers(app: FastAPI) -> None:
    """Every error as one coded line: JSON under /api, the error page elsewhere."""

    @app.exception_handler(PressroomError)
    async def pressroom_error(request: Request, exc: PressroomError):
        return _error_response(request, status_for(exc), exc.code, " ".join(exc.message.split()))

    @app.exception_handler(HTTPError)
    async def http_error(request: Request, exc: HTTPError):
        return _error_response(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        parts = []
        for err in exc.errors()[:3]:
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
            parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
        status = 400 if not _is_api(request) else 422
        return _error_response(request, status, "H422", "invalid request: " + "; ".join(parts))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception):
        # a bug: logged with its traceback on the server, one coded line (JSON under /api) to the client
        logging.getLogger("pressroom.serve").error("internal error on %s", request.url.path, exc_info=exc)
        return _error_response(request, 500, "E000", "internal error: the server could not answer this request")

    @app.exception_handler(StarletteHTTPException)
    async def starlette_error(request: Request, exc: StarletteHTTPException):
        if request.scope.get(TOO_LARGE):
            return _error_response(request, 413, "H413", request.scope[TOO_LARGE])
        message = {404: "no such page", 405: "method not allowed"}.get(exc.status_code, str(exc.detail))
        return _error_response(request, exc.status_code, f"H{exc.status_code}", message, getattr(exc, "headers", None))


def _add_middleware(app: FastAPI, settings: ServeSettings) -> None:
    # middleware: the last added runs first
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=3)  # 3: half the CPU of 5, 10% larger
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            allow_credentials=False,
            max_age=600,
        )
    if not settings.public_reads:
        app.add_middleware(ReadGate, settings=settings)
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes)
    app.add_middleware(CleanInput)
    app.add_middleware(SecurityHeaders)


def create_app(
    store_url: str | None = None,
    *,
    token: str | None = None,
    public_reads: bool | None = None,
    max_upload_bytes: int | None = None,
    cors_origins: Sequence[str] | None = None,
    config_path: str | None = None,
    store: Store | None = None,
    title: str | None = None,
) -> FastAPI:
    """The pressroom web application over the store at ``store_url`` (see `open_store`:
    None means ``$PRESSROOM_DB`` or ``./pressroom.db``), or over an open ``store``.

    ``token``: the bearer token writes need (default ``$PRESSROOM_TOKEN`` or the config
    file; none: writes are refused). ``public_reads=False`` makes reads need it too.
    ``max_upload_bytes``: the largest request body (413 above it). ``cors_origins``:
    origins allowed to call the API from a browser (default none: no CORS headers)."""
    settings = resolve_settings(token, public_reads, max_upload_bytes, cors_origins, config_path)
    owned = store is None
    if store is None:
        store = open_store(store_url)
    reloader = serve_stale_turn_table(store)

    lifespan = _lifespan(store, owned, reloader)

    app = FastAPI(
        title="pressroom",
        version=__version__,
        summary="Press-conference transcripts as structured records: events, turns, exchanges, search, exports.",
        description=(
            "Reads are public unless the server closes them; writes (`POST /api/v1/ingest`) need "
            '`Authorization: Bearer <token>`. Errors are JSON: `{"error": {"code", "message"}}`.'
        ),
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # /docs and /redoc are added below, over the vendored copies (FastAPI's load from a CDN)
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.cache = StoreCache(store)
    app.state.settings = settings
    app.state.templates = _templates()
    app.state.page_globals = {
        "app_version": __version__,
        "site_title": title or "pressroom",
        "writes_enabled": settings.writes_enabled,
    }

    _add_error_handlers(app)
    _add_api_docs(app)
    from . import api, pages

    app.include_router(api.router, prefix=API_PREFIX)
    app.include_router(pages.router)
    app.include_router(__import__("pressroom.serve.live", fromlist=["router"]).router)  # /live, /api/v1/live
    app.mount("/static", StaticFiles(directory=str(PACKAGE / "static")), name="static")

    _add_middleware(app, settings)
    return app


def _add_api_docs(app: FastAPI) -> None:
    """``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) over ``/api/v1/openapi.json``, their
    scripts and styles served from ``/static/vendor/`` (they work offline)."""
    from fastapi.openapi.docs import get_redoc_html

    openapi_url = app.openapi_url

    @app.get("/docs", include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        # FastAPI's get_swagger_ui_html starts Swagger UI with an inline script, which the
        # Content-Security-Policy forbids; this page loads static/js/swagger-init.js instead
        return render(request, "swagger.html", {"openapi_url": openapi_url, "vendor": SWAGGER_UI})

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        page = get_redoc_html(
            openapi_url=openapi_url,
            title=f"{app.title} API · ReDoc",
            redoc_js_url=REDOC_JS,
            redoc_favicon_url="/static/favicon.svg",
            with_google_fonts=False,
        )
        # the page's language for screen readers (FastAPI's template has none)
        page = HTMLResponse(page.body.decode().replace("<html>", '<html lang="en">', 1))
        # ReDoc's search runs in a Web Worker made from a blob: URL
        page.headers["content-security-policy"] = CSP + "; worker-src 'self' blob:"
        return page


def app_from_env() -> FastAPI:
    """The app for each process of ``pressroom serve --workers N``: the command passes the
    store and the resolved settings through the environment."""
    import json
    import os

    settings = json.loads(os.environ.get("PRESSROOM_SERVE_SETTINGS") or "{}")
    return create_app(os.environ.get("PRESSROOM_SERVE_DB"), **settings)
