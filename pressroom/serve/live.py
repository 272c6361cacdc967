"""Live sessions in the browser and the API: ``/live`` lists them, ``/live/{id}`` shows the running
transcript (turn cards, the open question highlighted, unanswered questions counted, verdicts as
they come), updated by Server-Sent Events from ``/api/v1/live/{id}/events``.

Sessions are the files `pressroom live --publish` writes (`pressroom.live.spool`), so a session
run by another process shows here while it runs. The event stream sends each event as
``id: <seq>``, ``event: <type>``, ``data: <JSON>``; a client that reconnects with
``Last-Event-ID`` (browsers do it by themselves) gets what it missed and goes on. A stream ends
after the session's ``ended`` event, or after `MAX_STREAM` seconds (the browser reconnects).
"""

from __future__ import annotations

import json
import time
from typing import Iterator

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, StreamingResponse

from ..errors import UsageError
from ..live.spool import live_dir, read_events, session_path, sessions
from ..store import NotFound
from .api import ERRORS
from .context import render

router = APIRouter()
LIVE_ERRORS = {**ERRORS, 404: {**ERRORS[404], "description": "No such live session"}}
STREAM = {200: {"description": "The events, one Server-Sent Event each", "content": {"text/event-stream": {}}}}
#: how often a stream looks for new events (seconds)
POLL = 0.2
#: a comment line keeps idle connections open through proxies
KEEPALIVE = 15.0
#: a stream is closed after this long; the browser reconnects with Last-Event-ID
MAX_STREAM = 300.0


def _path(session_id: str):
    try:
        path = session_path(live_dir(), session_id)
    except UsageError:
        raise NotFound(f"no live session {session_id!r}")
    if not path.exists():
        raise NotFound(f"no live session {session_id!r}")
    return path


def _after(request: Request, after: int | None) -> int:
    header = request.headers.get("last-event-id", "")
    if header.strip().isdigit():
        return int(header)
    return max(0, after or 0)


def sse(ev: dict) -> str:
    return f"id: {ev['seq']}\nevent: {ev['type']}\ndata: {json.dumps(ev, ensure_ascii=False)}\n\n"


def stream(path, after: int, poll: float = POLL, limit: float = MAX_STREAM) -> Iterator[str]:
    """The session's events after ``after``, then each new one as it is written."""
    yield "retry: 1000\n\n"
    offset, started, quiet = 0, time.monotonic(), time.monotonic()
    while time.monotonic() - started < limit:
        events, offset = read_events(path, offset)
        for ev in events:
            if ev.get("seq", 0) > after:
                quiet = time.monotonic()
                yield sse(ev)
            if ev["type"] == "session" and ev["action"] == "ended":
                return  # the session is over (also when the client had seen its end already)
        if time.monotonic() - quiet > KEEPALIVE:
            quiet = time.monotonic()
            yield ": keepalive\n\n"
        time.sleep(poll)


@router.get("/api/v1/live", tags=["live"], summary="Live sessions, the most recent first", responses=ERRORS)
def api_sessions() -> dict:
    return {"sessions": sessions(live_dir())}


@router.get(
    "/api/v1/live/{session_id}/events",
    tags=["live"],
    summary="A live session's events as Server-Sent Events (resumes after Last-Event-ID or ?after=N)",
    response_class=StreamingResponse,
    responses={**LIVE_ERRORS, **STREAM},
)
def api_events(session_id: str, request: Request, after: int | None = None) -> StreamingResponse:
    path = _path(session_id)
    return StreamingResponse(
        stream(path, _after(request, after)),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.get("/live", include_in_schema=False)
def live_list(request: Request) -> HTMLResponse:
    return render(request, "live_list.html", {"sessions": sessions(live_dir())})


@router.get("/live/{session_id}", include_in_schema=False)
def live_page(session_id: str, request: Request) -> HTMLResponse:
    _path(session_id)
    return render(request, "live.html", {"session_id": session_id})
