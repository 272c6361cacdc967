"""CSV: one row per turn (or exchange, or event), a header row first, UTF-8, RFC 4180 quoting."""
from __future__ import annotations

import csv
from typing import Any, Iterable, TextIO

from .flat import FIELDS, rows


def write(items: Iterable[tuple[str, dict[str, Any]]], out: TextIO, level: str = "turns") -> int:
    """Write the rows of ``level``; return how many data rows were written."""
    writer = csv.DictWriter(out, fieldnames=list(FIELDS[level]), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    n = 0
    for event_id, record in items:
        for row in rows(level, event_id, record):
            writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
            n += 1
    return n
