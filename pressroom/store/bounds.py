"""What a request may ask: a page of results, a period of dates."""

from __future__ import annotations

import datetime as dt

from ..errors import UsageError


def next_period(value: str) -> str:
    """The first date after the period ``value`` names (``2021`` → ``2022``)."""
    parts = value.split("-")
    if len(parts) == 1:
        return str(int(parts[0]) + 1)
    if len(parts) == 2:
        y, m = int(parts[0]), int(parts[1])
        return f"{y + (m == 12):04d}-{(m % 12) + 1:02d}"
    day = dt.date.fromisoformat(value) + dt.timedelta(days=1)
    return day.isoformat()


def page(limit: int, offset: int) -> tuple[int, int]:
    """(limit, offset) as whole numbers, or a `UsageError`: 1 to 1000 results, from 0 on."""
    try:
        limit, offset = int(limit), int(offset)
    except (TypeError, ValueError):
        raise UsageError("limit and offset must be whole numbers")
    if not 1 <= limit <= 1000:
        raise UsageError(f"limit must be between 1 and 1000, not {limit}")
    if offset < 0:
        raise UsageError(f"offset must be 0 or more, not {offset}")
    return limit, offset
