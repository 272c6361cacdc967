"""Reading: records and transcripts by event and version, a turn by its permalink, events
listed and filtered, and what annotating a stored version needs."""

from __future__ import annotations

import json
import re
import zlib
from typing import Any, Iterator, Sequence

import orjson

from ..errors import UsageError
from ..record import Transcript
from ..search import CLARITY_ALIASES, Filters, _check_date, parse_query
from .bounds import next_period
from .bounds import page as _page
from .models import EventPage, EventSummary, NotFound, VersionInfo
from .rows import rebuild_source


class Reading:
    """`Store`'s reads."""

    def _version_row(self, event_id: str, version: int | None):
        if version is None:
            row = self.engine.one(
                "SELECT v.id, v.version, v.record FROM events e JOIN versions v ON v.id = e.current_version "
                "WHERE e.id = ?",
                (event_id,),
            )
        else:
            row = self.engine.one(
                "SELECT id, version, record FROM versions WHERE event_id = ? AND version = ?", (event_id, int(version))
            )
        if row is None:
            what = f"event {event_id!r}" + (f" version {version}" if version is not None else "")
            raise NotFound(f"no {what} in {self.url}")
        return row

    def get_record(self, event_id: str, version: int | None = None) -> dict[str, Any]:
        """The JSON record (as ``pressroom parse --json`` prints it) of the current version,
        or of ``version``."""
        return decode_record(self._version_row(event_id, version)[2])

    def get_transcript(self, event_id: str, version: int | None = None) -> Transcript:
        return Transcript.from_dict(self.get_record(event_id, version))

    def versions(self, event_id: str) -> list[VersionInfo]:
        rows = self.engine.query(
            "SELECT v.version, v.sha256, v.last_updated, v.source_path, v.format, v.annotators, v.ingested_at, "
            "v.id = e.current_version FROM versions v JOIN events e ON e.id = v.event_id WHERE v.event_id = ? "
            "ORDER BY v.version",
            (event_id,),
        )
        if not rows:
            raise NotFound(f"no event {event_id!r} in {self.url}")
        return [
            VersionInfo(r[0], r[1], r[2], r[3], r[4], [a for a in (r[5] or "").split(",") if a], r[6], bool(r[7]))
            for r in rows
        ]

    def turn(self, permalink: str) -> dict[str, Any]:
        """One turn of the current version by its permalink id ``<event_id>#<turn_id>``."""
        if "#" not in permalink:
            raise UsageError(f"a turn permalink looks like '<event id>#<turn id>', not {permalink!r}")
        event_id, turn_id = permalink.split("#", 1)
        row = self.engine.one(
            "SELECT t.event_id, t.turn_id, t.seq, t.speaker_id, t.speaker, t.role, t.outlet, t.kind, t.exchange_id, "
            "t.date, t.start_char, t.end_char, t.start_line, t.end_line, t.text, e.title FROM turns t "
            "JOIN events e ON e.id = t.event_id AND t.version_id = e.current_version "
            "WHERE e.id = ? AND t.turn_id = ?",
            (event_id, turn_id),
        )
        if row is None:
            raise NotFound(f"no turn {permalink!r} in {self.url}")
        keys = (
            "event_id",
            "turn_id",
            "seq",
            "speaker_id",
            "speaker",
            "role",
            "outlet",
            "kind",
            "exchange_id",
            "date",
            "start_char",
            "end_char",
            "start_line",
            "end_line",
            "text",
            "event_title",
        )
        out = dict(zip(keys, row))
        out["id"] = permalink
        return out

    # -- events --------------------------------------------------------------------------------
    _EVENT_COLS = (
        "e.id, e.title, e.kind, e.date, e.last_updated, e.place, e.organisation, e.source_url, "
        "v.version, e.n_versions, e.n_speakers, e.n_turns, e.n_exchanges, e.n_questions, e.n_words"
    )

    @staticmethod
    def _event(row) -> EventSummary:
        return EventSummary(*row[:8], int(row[8]), int(row[9]), *(int(x or 0) for x in row[10:15]))

    def event(self, event_id: str) -> EventSummary:
        row = self.engine.one(
            f"SELECT {self._EVENT_COLS} FROM events e JOIN versions v ON v.id = e.current_version WHERE e.id = ?",
            (event_id,),
        )
        if row is None:
            raise NotFound(f"no event {event_id!r} in {self.url}")
        return self._event(row)

    def events(
        self,
        filters: Filters | None = None,
        query: str | None = None,
        limit: int = 50,
        offset: int = 0,
        order: str = "date",
    ) -> EventPage:
        """Events (current versions), newest first (``order="date"``) or oldest first
        (``"date_asc"``) or by title. Turn filters and ``query`` keep the events holding at
        least one matching turn."""
        filters = filters or Filters()
        conds, params = _period_conditions("e.date", filters, [], [])
        if filters.event:
            conds.append("e.id = ?")
            params.append(filters.event)
        turn_filters = Filters(**{**filters.__dict__, "since": None, "until": None, "event": None})
        parsed = parse_query(query) if query else None
        if parsed is not None and parsed.columns:
            # speaker: / outlet: are matched on the turn table's names: the events of those turns
            table, pos = self._match_positions(parsed, turn_filters)
            event_ids = sorted({table.columns["event"].values[c] for c in table.columns["event"].codes[pos]})
            if self.engine.name == "sqlite":
                conds.append("e.id IN (SELECT value FROM json_each(?))")
                params.append(json.dumps(event_ids))
            else:
                conds.append("e.id = ANY(?)")
                params.append(event_ids)
        elif query or not turn_filters.is_empty():
            if query:
                frm, match, mparams = self.engine.fts_from(parse_query(query))
                tconds, tparams = self._turn_conditions(turn_filters)
                sub = f"SELECT t.event_id FROM {frm} WHERE {match} AND {' AND '.join(tconds)}"
                conds.append(f"e.id IN ({sub})")
                params += mparams + tparams
            else:
                tconds, tparams = self._turn_conditions(turn_filters)
                conds.append(
                    f"EXISTS (SELECT 1 FROM turns t WHERE t.version_id = e.current_version AND {' AND '.join(tconds)})"
                )
                params += tparams
        where = ("WHERE " + " AND ".join(conds)) if conds else ""
        orders = {"date": "e.date DESC, e.id", "date_asc": "e.date ASC, e.id", "title": "e.title, e.id"}
        if order not in orders:
            raise UsageError(f"unknown order {order!r}; choose one of: {', '.join(orders)}")
        limit, offset = _page(limit, offset)
        total = self.engine.one(f"SELECT count(*) FROM events e {where}", params)[0]
        rows = self.engine.query(
            f"SELECT {self._EVENT_COLS} FROM events e JOIN versions v ON v.id = e.current_version {where} "
            f"ORDER BY {orders[order]} LIMIT ? OFFSET ?",
            params + [limit, offset],
        )
        return EventPage([self._event(r) for r in rows], int(total), limit, offset)

    def event_ids(self, filters: Filters | None = None, query: str | None = None) -> list[str]:
        """All matching event ids, oldest first (for exports)."""
        ids, offset = [], 0
        while True:
            page = self.events(filters, query, limit=1000, offset=offset, order="date_asc")
            ids += [e.id for e in page.events]
            offset += 1000
            if offset >= page.total:
                return ids

    def iter_records(self, filters: Filters | None = None, query: str | None = None) -> Iterator[dict[str, Any]]:
        """The records of the matching events (current versions), oldest first, one at a time."""
        for event_id in self.event_ids(filters, query):
            yield self.get_record(event_id)

    def _turn_conditions(self, filters: Filters) -> tuple[list[str], list[Any]]:
        """SQL conditions on the turns ``t`` (and their parameters) for ``filters``."""
        e = self.engine
        conds: list[str] = []
        params: list[Any] = []
        if not filters.all_versions:
            conds.append("t.is_current = 1")
        conds, params = _name_conditions(e, filters, conds, params)
        for column, value, condition in (
            ("t.speaker", None if filters.speaker_names else filters.speaker, e.ci_contains),
            ("t.role", filters.role, e.ci_equals),
            ("t.outlet", None if filters.outlet_names else filters.outlet, e.ci_contains),
            ("t.kind", filters.kind, e.ci_equals),
            ("t.event_id", filters.event, lambda c: f"{c} = ?"),
        ):
            if value:
                conds.append(condition(column))
                params.append(value)
        conds, params = _period_conditions("t.date", filters, conds, params)
        for facet in ("entity", "topic", "clarity"):
            value = getattr(filters, facet)
            if value:
                if facet == "clarity":
                    value = CLARITY_ALIASES.get(value.strip().lower(), value)
                conds.append(
                    f"EXISTS (SELECT 1 FROM turn_labels l WHERE l.turn = t.id AND l.facet = ? AND {e.label_equals()})"
                )
                params += [facet, value]
        if not conds:
            conds.append("1 = 1")
        return conds, params

    # -- annotating what is stored (`pressroom.annotating`) -----------------------------
    def annotation_state(self, version_ids: Sequence[int]) -> dict[int, dict[str, str]]:
        """{version id: {annotator: its version}} for what each version was annotated with."""
        out: dict[int, dict[str, str]] = {int(v): {} for v in version_ids}
        ids = list(out)
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            for vid, name, version in self.engine.query(
                f"SELECT version_id, annotator, version FROM annotation_runs WHERE version_id IN "
                f"({', '.join('?' * len(part))})",
                part,
            ):
                out[int(vid)][name] = version
        return out

    def current_versions(self, event_ids: Sequence[str]) -> list[tuple[str, int]]:
        """(event id, id of its current version row), in the order given."""
        rows = dict(self.engine.query("SELECT id, current_version FROM events WHERE current_version IS NOT NULL"))
        return [(e, int(rows[e])) for e in event_ids if e in rows]

    def stored_input(self, version_id: int) -> tuple[Transcript, str, bool]:
        """(the transcript, the source text the annotators read, whether that text is whole):
        rebuilt from the record and the ``sources`` row, without the file."""
        row = self.engine.one("SELECT record FROM versions WHERE id = ?", (int(version_id),))
        if row is None:
            raise NotFound(f"no version {version_id} in {self.url}")
        transcript = Transcript.from_dict(decode_record(row[0]))
        src = self.engine.one("SELECT gaps FROM sources WHERE version_id = ?", (int(version_id),))
        gaps = bytes(src[0]) if src is not None else None
        return transcript, rebuild_source(transcript, gaps), gaps is not None


#: a number orjson would read as a float: more digits than an unsigned 64-bit int holds
_LONG_NUMBER = re.compile(rb"\d{20,}")


def decode_record(value) -> dict[str, Any]:
    """A stored record: zlib-compressed JSON bytes (schema v2), or JSON text (v1)."""
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, str):
        value = value.encode("utf-8", "surrogatepass")  # json reads such bytes back with surrogatepass
    elif value[:1] == b"x":
        value = zlib.decompress(value)
    if _LONG_NUMBER.search(value) is None:
        try:
            return orjson.loads(value)  # twice as fast as json
        except orjson.JSONDecodeError:  # NaN, Infinity, a lone surrogate: what json wrote and reads
            pass
    return json.loads(value)  # orjson would read an int beyond 64 bits as a float


def _name_conditions(e, filters: Filters, conds: list[str], params: list[Any]) -> tuple[list[str], list[Any]]:
    """The speaker and outlet conditions of a person's or an outlet's every stored name
    (`Filters.speaker_names`, `outlet_names`, from pressroom.identity), added to ``conds``."""
    for column, names in (("t.speaker", filters.speaker_names), ("t.outlet", filters.outlet_names)):
        if names:
            conds.append("(" + " OR ".join(e.ci_equals(column) for _ in names) + ")")
            params += list(names)
    return conds, params


def _period_conditions(
    column: str, filters: Filters, conds: list[str], params: list[Any]
) -> tuple[list[str], list[Any]]:
    """``--since`` and ``--until`` on a date ``column`` (until: the whole period it names), added to ``conds``."""
    if filters.since:
        conds.append(f"{column} >= ?")
        params.append(_check_date("since", filters.since))
    if filters.until:
        conds.append(f"{column} < ?")
        params.append(next_period(_check_date("until", filters.until)))
    return conds, params
