"""`pressroom live`: follow a briefing while it happens (a growing file, stdin, or a replay)."""

from __future__ import annotations

import json
import signal
import sys
import threading

import click

from ..errors import UsageError


def _annotators(spec: str) -> list[str]:
    from .analyze import check_available, pipeline_names

    if spec.strip().lower() == "none":
        return []
    names = pipeline_names(spec)
    check_available(names)
    return names


def _source(source, replay, speed):
    from ..live import FileFollower, ReplaySource, StreamSource, UrlSource

    if bool(source) == bool(replay):
        raise UsageError("give a SOURCE to follow (a file, or '-' for stdin) or --replay FILE, not both")
    if replay:
        return ReplaySource(replay, speed=speed)
    if speed != 1.0:
        raise UsageError("--speed goes with --replay")
    if source == "-":
        return StreamSource(sys.stdin.buffer)
    if source.startswith(("http://", "https://")):
        return UrlSource(source)
    return FileFollower(source)


def _printer(as_json: bool, plain: bool = False):
    """The terminal view: JSON lines, a live panel when stdout is a terminal (not --plain), else
    one plain line per event."""
    from ..live.view import line

    if not as_json and not plain and sys.stdout.isatty():
        from ..live.panel import LiveView

        return LiveView()

    def show(ev: dict) -> None:
        text = json.dumps(ev, ensure_ascii=False) if as_json else line(ev)
        if text is not None:
            click.echo(text)
            sys.stdout.flush()

    return show


def _check_positive(**values) -> None:
    for name, value in values.items():
        if value is not None and not value > 0:
            raise UsageError(f"--{name.replace('_', '-')} must be above 0, not {value}")


def _emitter(show, publish_as: str | None):
    """(emit, spool): show each event; with ``publish_as`` (the session id) also write it where
    `pressroom serve` reads live sessions."""
    if publish_as is None:
        return show, None
    from ..live.spool import SpoolWriter, live_dir

    spool = SpoolWriter(live_dir(), publish_as)

    def emit(ev: dict) -> None:
        spool(ev)
        show(ev)

    return emit, spool


@click.command()
@click.argument("source", required=False)
@click.option("--replay", type=click.Path(dir_okay=False), help="Replay this caption or text file instead.")
@click.option("--speed", type=float, default=1.0, show_default=True, help="Replay at real time × N.")
@click.option("--json", "as_json", is_flag=True, help="Print the events as JSON lines.")
@click.option("--plain", is_flag=True, help="One plain line per event, even on a terminal (no live panel).")
@click.option("--out", type=click.Path(dir_okay=False), help="Write the final JSON record to this file.")
@click.option("--db", help="Store the final record here, like an ingest (SQLite path or postgresql://…).")
@click.option(
    "--annotators",
    default="clarity",
    show_default=True,
    help="Annotators for the stored record; clarity also gives the live verdicts ('none': no verdicts).",
)
@click.option("--until-idle", type=float, help="End the session after this many seconds without new bytes.")
@click.option("--silence", type=float, default=5.0, show_default=True, help="Seconds without words that close a turn.")
@click.option("--stall", type=float, default=30.0, show_default=True, help="Seconds without bytes reported as a stall.")
@click.option(
    "--publish",
    is_flag=True,
    help="Also write the events where `pressroom serve` shows them at /live ($PRESSROOM_LIVE_DIR, or pressroom-live "
    "in the temporary folder).",
)
def live(source, replay, speed, as_json, plain, out, db, annotators, until_idle, silence, stall, publish):
    """Follow SOURCE (a growing WebVTT, SRT or text file, like tail -F; '-' for stdin; an http(s)://
    URL of a WebVTT file or of an HLS playlist of WebVTT segments) or
    --replay FILE, printing turns, exchanges and verdicts as they happen. The session ends at the
    end of stdin or of the replay, after --until-idle seconds, or on Ctrl-C; its final record is
    `pressroom parse`'s record of everything received."""
    from ..live import LiveSession, Timing, run, session_id, store_record
    from ..live.judge import ClarityJudge
    from .parse import write_json

    _check_positive(until_idle=until_idle, silence=silence, stall=stall)
    names = _annotators(annotators)
    src = _source(source, replay, speed)
    judge = ClarityJudge() if "clarity" in names else None
    if judge is not None:
        judge.load()
    sid = session_id(src.name)
    show = _printer(as_json, plain)
    emit, spool = _emitter(show, sid if publish else None)
    session = LiveSession(src.name, sid, judge=judge, emit=emit)
    session.start(mode="replay" if replay else "follow", speed=speed if replay else None)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        record = run(src, session, Timing(silence=silence, stall=stall, until_idle=until_idle), stop)
    finally:
        if spool is not None:
            spool.close()
        if hasattr(show, "close"):
            show.close()
    if record is None:
        raise session.error
    if out:
        write_json(record.to_dict(), out)
    if db is not None:
        stored = store_record(session, db, names)
        text = f"stored as {stored['event_id']} (version {stored['version']}, {stored['status']}) in {stored['db']}"
        click.echo(json.dumps({"type": "session", "action": "stored", **stored}) if as_json else text)
    if session.error is not None:
        raise session.error


def register(main, groups):
    """Add this module's commands to the CLI."""
    main.add_command(live)
