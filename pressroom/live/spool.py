"""Live sessions as files, so `pressroom serve` (another process) can show them while they run:
each session appends its events, one JSON line each, to ``<dir>/<session id>.jsonl``.
The folder is ``$PRESSROOM_LIVE_DIR``, or ``pressroom-live`` in the system's temporary folder."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from ..errors import UsageError

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,99}")


def live_dir(path: str | os.PathLike | None = None) -> Path:
    return Path(path or os.environ.get("PRESSROOM_LIVE_DIR") or Path(tempfile.gettempdir()) / "pressroom-live")


def session_path(directory: Path, session_id: str) -> Path:
    if not _ID.fullmatch(session_id or ""):
        raise UsageError(f"not a live session id: {session_id!r}")
    return directory / f"{session_id}.jsonl"


class SpoolWriter:
    """``emit`` for a `LiveSession`: appends each event to the session's file, flushed."""

    def __init__(self, directory: Path, session_id: str):
        directory.mkdir(parents=True, exist_ok=True)
        self.path = session_path(directory, session_id)
        self.file = open(self.path, "a", encoding="utf-8")

    def __call__(self, ev: dict) -> None:
        self.file.write(json.dumps(ev, ensure_ascii=False) + "\n")
        self.file.flush()

    def close(self) -> None:
        self.file.close()


def read_events(path: Path, offset: int = 0) -> tuple[list[dict], int]:
    """The complete event lines of ``path`` from byte ``offset``, and the offset after them (a
    line still being written is left for the next read)."""
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            data = f.read()
    except FileNotFoundError:
        return [], offset
    end = data.rfind(b"\n") + 1
    events = []
    for line in data[:end].splitlines():
        try:
            events.append(json.loads(line))
        except ValueError:
            continue  # a damaged line: skipped, the others are shown
    return events, offset + end


def summary(path: Path) -> dict:
    """What the list of live sessions shows of one: id, source, start, state and counts."""
    events, _ = read_events(path)
    first = events[0] if events else {}
    out = {
        "id": path.stem,
        "source": first.get("source"),
        "mode": first.get("mode"),
        "title": None,
        "reason": None,
        "live": True,
        "events": len(events),
        "turns": 0,
        "questions": 0,
        "unanswered": 0,
        "updated": path.stat().st_mtime,
    }
    asked, answered = set(), set()
    for ev in events:
        if ev["type"] == "turn" and ev["action"] == "opened":
            out["turns"] += 1
        elif ev["type"] == "exchange" and ev["action"] == "asked":
            asked.add(ev["id"])
        elif ev["type"] == "exchange" and ev["action"] == "answered":
            answered.add(ev["id"])
        elif ev["type"] == "event":
            out["title"] = (ev.get("event") or {}).get("title")
        elif ev["type"] == "session" and ev["action"] == "ended":
            out.update(live=False, reason=ev.get("reason"), turns=ev.get("turns", out["turns"]))
    out["questions"], out["unanswered"] = len(asked), len(asked - answered)
    return out


def sessions(directory: Path) -> list[dict]:
    """Every session in ``directory``, the most recently updated first."""
    if not directory.is_dir():
        return []
    paths = [p for p in directory.glob("*.jsonl") if _ID.fullmatch(p.stem)]
    return sorted((summary(p) for p in paths), key=lambda s: -s["updated"])
