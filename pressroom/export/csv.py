"""CSV: one row per turn (or exchange, or event), a header row first, UTF-8, RFC 4180 quoting."""

from __future__ import annotations

import csv
from typing import Any, Iterable, TextIO

from .flat import FIELDS, rows


def write(
    items: Iterable[tuple[str, dict[str, Any]]],
    out: TextIO,
    level: str = "turns",
    turns: dict[str, set[str]] | None = None,
) -> int:
    """Write the rows of ``level`` (only the turns in ``turns[event_id]``, or the exchanges
    holding one, when given); return how many data rows were written."""
    writer = csv.DictWriter(out, fieldnames=list(FIELDS[level]), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    n = 0
    for event_id, record in items:
        for row in rows(level, event_id, record, None if turns is None else turns.get(event_id, set())):
            writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
            n += 1
    return n
