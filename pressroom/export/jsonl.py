"""JSON Lines: one flat object per turn (or exchange, or event), or one whole record per line."""

from __future__ import annotations

import json
from typing import Any, Iterable, TextIO

from .flat import rows


def write(
    items: Iterable[tuple[str, dict[str, Any]]],
    out: TextIO,
    level: str = "turns",
    turns: dict[str, set[str]] | None = None,
) -> int:
    """Write the rows of ``level`` (``turns``, ``exchanges``, ``events``, or ``records`` for
    the whole JSON record with its ``event_id``); with ``turns``, only the turns in
    ``turns[event_id]`` or the exchanges holding one; return how many lines were written."""
    n = 0
    for event_id, record in items:
        if level == "records":
            out.write(json.dumps({"event_id": event_id, **record}, ensure_ascii=False) + "\n")
            n += 1
            continue
        for row in rows(level, event_id, record, None if turns is None else turns.get(event_id, set())):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n
