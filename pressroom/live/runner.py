"""Run a live session over a source until it ends, then store its record like an ingest."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import PressroomError

#: a turn closes after this many seconds of stream time without new words
SILENCE = 5.0
#: the source is reported stalled after this many wall seconds without new bytes
STALL = 30.0
#: the longest wait for new bytes before looking at the clock again (wall seconds)
POLL = 0.25
#: the shortest wait: a deadline nearer than this counts as reached (a fake clock's float time
#: would not move by less)
MIN_WAIT = 1e-7


@dataclass
class Timing:
    silence: float = SILENCE  # stream seconds
    stall: float = STALL  # wall seconds
    until_idle: float | None = None  # wall seconds; None: until the source ends
    poll: float = POLL


def session_id(name: str, now: datetime | None = None) -> str:
    """``<file stem>-<UTC time>``, e.g. ``briefing-hour-20260104T101500``."""
    stem = Path(name).name.rsplit(".", 1)[0] if not name.startswith("<") else name.strip("<>")
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:40] or "live"
    return f"{slug}-{(now or datetime.now(timezone.utc)).strftime('%Y%m%dT%H%M%S')}"


def run(source, session, timing: Timing | None = None, stop=None):
    """Feed ``session`` from ``source`` until the source ends, stays idle ``until_idle`` seconds,
    or the user stops it (Ctrl-C; or ``stop``, a `threading.Event`, is set: the CLI sets it on
    SIGINT and SIGTERM, so no line is cut in the middle); then finish the session. Returns the final record.
    A turn still open after ``silence`` seconds of stream time closes; a source silent for
    ``stall`` seconds is reported ``stalled`` (and ``resumed`` when bytes come again)."""
    timing = timing or Timing()
    clock = source.clock
    speed = getattr(source, "speed", 1.0)
    session.stream_time = source.stream_time
    source.start()
    if not session.events:
        session.start(mode="replay" if hasattr(source, "units") else "follow")
    last = clock.now()
    stalled = False
    reason = "end of stream"
    try:
        while True:
            if stop is not None and stop.is_set():
                reason = "stopped"
                break
            idle = clock.now() - last
            deadlines = [timing.silence / speed, timing.stall] + ([timing.until_idle] if timing.until_idle else [])
            wait = min([timing.poll] + [d - idle for d in deadlines if d > idle])
            chunks = source.poll(max(wait, MIN_WAIT))
            for n in source.drain_notices():
                session.notice(n)
            if chunks is None:
                break
            if chunks:
                last = clock.now()
                if stalled:
                    stalled = False
                    session.emit("stream", "resumed", message=f"{source.name} sends again")
                session.feed(b"".join(chunks))
                session.update()
                continue
            idle = clock.now() - last
            if idle >= timing.silence / speed:
                session.close_open()
            if idle >= timing.stall and not stalled:
                stalled = True
                session.emit("stream", "stalled", message=f"nothing new from {source.name} for {timing.stall:g} s")
            if timing.until_idle and idle >= timing.until_idle:
                reason = f"idle for {timing.until_idle:g} s"
                break
    except KeyboardInterrupt:
        reason = "stopped"
    except PressroomError as exc:  # the stream became unreadable (over the size limit): keep what we have
        session.emit("stream", "refused", message=str(exc))
        reason = "refused"
    except Exception as exc:  # a bug: end cleanly with what was received, and say so
        session.emit("session", "error", message=f"internal error ({type(exc).__name__}: {exc})")
        reason = "error"
    finally:
        source.close()
    return session.finish(reason)


def store_record(session, db: str | None, annotators=()) -> dict:
    """Store the session's final record like `pressroom ingest` (annotated with ``annotators``,
    then the people and outlets linked again). Returns what was stored."""
    from ..identity import rebuild
    from ..ingest import add_transcript
    from ..store import open_store

    if session.record is None:
        raise session.error or PressroomError("nothing to store")
    store = open_store(db)
    try:
        res = add_transcript(store, session.record, session.doc.text, list(annotators) or None)
        if res.status in ("added", "updated"):
            rebuild(store)
        return {"status": res.status, "event_id": res.event_id, "version": res.version, "db": str(store.url)}
    finally:
        store.close()
