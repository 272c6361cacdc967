"""Counting: the store's figures, counts over time, the topics."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import UsageError
from ..search import Filters, parse_query
from .engines import file_size
from .models import StoreStats, TimelinePoint

INTERVALS = {"year": 4, "month": 7, "day": 10}


class Stats:
    """`Store`'s counts."""

    def stats(self) -> StoreStats:
        e = self.engine
        ev = e.one(
            "SELECT count(*), sum(n_versions), min(date), max(date), sum(n_words), sum(n_exchanges), "
            "sum(n_questions) FROM events"
        )
        turns = e.one("SELECT count(*) FROM turns WHERE is_current = 1")[0]
        speakers = e.one("SELECT count(DISTINCT speaker) FROM turns WHERE is_current = 1")[0]
        roles = dict(
            e.query(
                "SELECT role, count(*) FROM turns WHERE is_current = 1 AND role IS NOT NULL GROUP BY role ORDER BY role"
            )
        )
        emb = dict(e.query("SELECT model, count(*) FROM embeddings GROUP BY model"))
        labels = dict(
            e.query(
                "SELECT l.facet, count(DISTINCT t.event_id) FROM turn_labels l JOIN turns t ON t.id = l.turn "
                "WHERE t.is_current = 1 GROUP BY l.facet ORDER BY l.facet"
            )
        )
        return StoreStats(
            engine=e.name,
            location=str(self.url),
            schema_version=e.schema_version(),
            events=int(ev[0]),
            versions=int(ev[1] or 0),
            turns=int(turns),
            exchanges=int(ev[5] or 0),
            questions=int(ev[6] or 0),
            speakers=int(speakers),
            words=int(ev[4] or 0),
            embeddings={k: int(v) for k, v in emb.items()},
            first_date=ev[2],
            last_date=ev[3],
            bytes=file_size(self.url),
            roles={k: int(v) for k, v in roles.items()},
            annotated={k: int(v) for k, v in labels.items()},
        )

    def timeline(
        self,
        facet: str | None = None,
        interval: str = "month",
        query: str | None = None,
        filters: Filters | None = None,
        unit: str = "turns",
        top: int = 8,
    ) -> list[TimelinePoint]:
        """Counts per period (``interval``: year, month, day) of matching turns (``unit="turns"``)
        or of events holding one (``unit="events"``), split by ``facet`` (speaker, role,
        outlet, entity, topic, clarity, evasion; its ``top`` most frequent values) or not
        split (``facet=None``). With ``unit="questions"``, counts individual questions by
        their clarity verdict (``facet`` clarity or evasion; the turn filters apply to the
        question turn)."""
        _check_timeline(facet, interval, unit)
        filters = filters or Filters()
        table = self._turn_table()
        mask = self._mask(table, filters)
        if query:
            selected = self._match_positions(parse_query(query), filters)[1]
        else:
            selected = np.nonzero(mask)[0]
        return [TimelinePoint(p, v, n) for p, v, n in table.timeline(selected, facet, interval, unit, int(top))]

    def topics(self) -> list[dict[str, Any]]:
        """The topics of the current transcripts, most frequent first: ``{"topic", "exchanges",
        "events"}`` — exchanges (and events) labelled with each (the topics annotator's labels)."""
        rows = self.engine.query(
            "SELECT l.value, count(DISTINCT t.event_id || '#' || coalesce(t.exchange_id, t.turn_id)), "
            "count(DISTINCT t.event_id) FROM turn_labels l JOIN turns t ON t.id = l.turn "
            "WHERE l.facet = 'topic' AND t.is_current = 1 GROUP BY l.value"
        )
        out = [{"topic": v, "exchanges": int(n), "events": int(e)} for v, n, e in rows]
        out.sort(key=lambda r: (-r["exchanges"], r["topic"]))
        return out


def _check_timeline(facet: str | None, interval: str, unit: str) -> None:
    """Refuse (`UsageError`) an interval, a unit or a facet `Stats.timeline` does not know."""
    if interval not in INTERVALS:
        raise UsageError(f"unknown interval {interval!r}; choose one of: {', '.join(INTERVALS)}")
    if unit not in ("turns", "events", "questions"):
        raise UsageError(f"unknown unit {unit!r}; choose one of: turns, events, questions")
    if unit == "questions" and facet not in (None, "clarity", "evasion"):
        raise UsageError("unit 'questions' splits by clarity or evasion only")
    if facet not in (None, "speaker", "role", "outlet", "entity", "topic", "clarity", "evasion"):
        raise UsageError(
            f"unknown facet {facet!r}; choose one of: speaker, role, outlet, entity, topic, clarity, evasion"
        )
