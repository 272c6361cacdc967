"""`Store`: the corpus in a database — add transcripts, read records, list events, search,
count, embed. One class for both engines (see `engines.py` for what differs)."""

from __future__ import annotations

import os

import datetime as dt
import json
import logging
import math
import re
import threading
import time
import zlib
from typing import Any, Callable, Iterator, Sequence

import numpy as np
import orjson

from ..errors import StoreError, UsageError
from ..record import Transcript
from ..search import (  # noqa: I001
    CLARITY_ALIASES,
    _check_date,
    FacetValue,
    Filters,
    Query,
    QueryError,
    SearchHit,
    SearchResult,
    highlight_terms,
    index_text,
    parse_query,
    rrf,
    split_highlights,
    term_in,
    MAX_QUERY_CHARS,
)
from .engines import Engine, file_size, make_engine
from .memory import TurnTable, VectorIndex, date_number
from .models import (
    AddResult,
    EmbedReport,
    EventPage,
    EventSummary,
    NotFound,
    StoreStats,
    TimelinePoint,
    VersionInfo,
)
from .rows import (
    ENTITY_COLUMNS,
    EXCHANGE_COLUMNS,
    QUESTION_COLUMNS,
    SPEAKER_COLUMNS,
    TURN_COLUMNS,
    Prepared,
    prepare,
    rebuild_source,
)
from .url import StoreURL, parse_url

MODES = ("fulltext", "semantic", "hybrid")
#: how many candidates each ranking contributes to semantic facets and hybrid fusion
POOL = 200
#: facet values returned per facet
FACET_LIMIT = 10
INTERVALS = {"year": 4, "month": 7, "day": 10}
log = logging.getLogger("pressroom.store")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _next_period(value: str) -> str:
    """The first date after the period ``value`` names (``2021`` → ``2022``)."""
    parts = value.split("-")
    if len(parts) == 1:
        return str(int(parts[0]) + 1)
    if len(parts) == 2:
        y, m = int(parts[0]), int(parts[1])
        return f"{y + (m == 12):04d}-{(m % 12) + 1:02d}"
    day = dt.date.fromisoformat(value) + dt.timedelta(days=1)
    return day.isoformat()


class Store:
    """A pressroom corpus in SQLite or PostgreSQL. Open with `open_store`.

    Thread-safe: each thread gets its own connection. Writes are one transaction per
    transcript. Not fork-safe: open the store again in a child process."""

    def __init__(self, url: StoreURL, engine: Engine):
        self.url = url
        self.engine = engine
        self._vectors: dict[str, VectorIndex] = {}
        self._table: TurnTable | None = None
        self._memory_lock = threading.Lock()
        # background reloads of the turn table (see `reload_in_background`)
        self._stale_interval: float | None = None
        self._reload_lock = threading.Lock()
        self._reload_thread: threading.Thread | None = None
        self._last_reload = -math.inf

    # -- lifecycle ---------------------------------------------------------------------------
    def close(self) -> None:
        self.wait_for_reload()
        self.engine.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.engine.name} {self.url}>"

    # -- writing -----------------------------------------------------------------------------
    def known(self, sha256: str) -> bool:
        """Whether a version with this content hash is stored."""
        return self.version_of(sha256) is not None

    def version_of(self, sha256: str) -> tuple[str, int] | None:
        """(event id, version number) of the stored version with this content hash, if any."""
        row = self.engine.one("SELECT event_id, version FROM versions WHERE sha256 = ?", (sha256,))
        return (row[0], int(row[1])) if row else None

    def add(
        self,
        transcript: Transcript,
        source_text: str | None = None,
        annotators: Sequence[str] | None = None,
    ) -> AddResult:
        """Store one transcript (running ``annotators`` first when given; they need the
        source text). Idempotent by content hash; a changed transcript of a known source
        becomes a new version and the old one is kept."""
        if annotators:
            if source_text is None:
                raise UsageError("annotators need the transcript's source text")
            from ..annotate import annotate

            annotate(transcript, source_text, list(annotators))
        return self.add_prepared(prepare(transcript, source_text))

    def add_prepared(self, p: Prepared, index: bool = True) -> AddResult:
        """Write rows made by `rows.prepare` (the ingest workers make them) in one transaction.
        ``index=False`` leaves the SQLite full-text index to a later `sync_index` (what an
        ingest does, in batches: five times faster); the transcript is stored and readable
        at once, and searchable after the sync."""
        e = self.engine
        with e.transaction():
            known = self.version_of(p.sha256)
            if known is not None:
                return AddResult(
                    "unchanged",
                    known[0],
                    known[1],
                    p.sha256,
                    p.event.get("title"),
                    self._is_current(*known),
                    p.counts.get("turns", 0),
                )
            ev = e.one("SELECT id, current_version FROM events WHERE identity = ?", (p.identity,))
            if ev is None:
                event_id = self._free_event_id(p.event_id)
                e.execute("INSERT INTO events (id, identity, n_versions) VALUES (?, ?, 0)", (event_id, p.identity))
                version, current_id, status = 1, None, "added"
            else:
                event_id, current_id = ev[0], ev[1]
                version = int(e.one("SELECT max(version) FROM versions WHERE event_id = ?", (event_id,))[0]) + 1
                status = "updated"
            make_current = True
            if current_id is not None:
                cur = e.one("SELECT last_updated FROM versions WHERE id = ?", (current_id,))
                # the newest publication wins; an older one ingested later is kept, not current
                make_current = (p.event.get("last_updated") or "") >= ((cur[0] if cur else None) or "")
            version_id = self._insert_version(p, event_id, version)
            self._insert_rows(p, version_id, event_id, make_current)
            self._insert_annotation_state(p, version_id)
            if index:
                self._index_pending()
            if make_current:
                if current_id is not None:
                    e.execute("UPDATE turns SET is_current = 0 WHERE version_id = ?", (current_id,))
                ev_cols = p.event
                e.execute(
                    "UPDATE events SET current_version = ?, n_versions = n_versions + 1, kind = ?, title = ?, "
                    "date = ?, last_updated = ?, place = ?, organisation = ?, source_url = ?, n_speakers = ?, "
                    "n_turns = ?, n_exchanges = ?, n_questions = ?, n_words = ? WHERE id = ?",
                    (
                        version_id,
                        ev_cols["kind"],
                        ev_cols["title"],
                        ev_cols["date"],
                        ev_cols["last_updated"],
                        ev_cols["place"],
                        ev_cols["organisation"],
                        ev_cols["source_url"],
                        p.counts["speakers"],
                        p.counts["turns"],
                        p.counts["exchanges"],
                        p.counts["questions"],
                        p.counts["words"],
                        event_id,
                    ),
                )
            else:
                e.execute("UPDATE events SET n_versions = n_versions + 1 WHERE id = ?", (event_id,))
        return AddResult(
            status, event_id, version, p.sha256, p.event.get("title"), make_current, p.counts.get("turns", 0)
        )

    def _index_pending(self) -> int:
        """Inside a transaction: add the turns above the index watermark to ``turns_fts``."""
        e = self.engine
        if e.name != "sqlite":
            return 0  # PostgreSQL's tsvector is written with each row
        upto = e.one("SELECT upto FROM index_state WHERE name = 'turns_fts'")[0]
        top = e.one("SELECT max(id) FROM turns")[0] or 0
        if top <= upto:
            return 0
        e.execute(
            "INSERT INTO turns_fts (rowid, text) SELECT id, text FROM turns WHERE id > ? AND id <= ?", (upto, top)
        )
        e.execute("UPDATE index_state SET upto = ? WHERE name = 'turns_fts'", (top,))
        return int(top - upto)

    def pending_index(self) -> int:
        """How many turns wait for the full-text index (0 on PostgreSQL)."""
        if self.engine.name != "sqlite":
            return 0
        upto = self.engine.one("SELECT upto FROM index_state WHERE name = 'turns_fts'")[0]
        top = self.engine.one("SELECT max(id) FROM turns")[0] or 0
        return max(0, int(top - upto))

    def sync_index(self) -> int:
        """Index the turns stored with ``index=False`` (one transaction); return how many."""
        if self.pending_index() == 0:
            return 0
        with self.engine.transaction():
            return self._index_pending()

    def _is_current(self, event_id: str, version: int) -> bool:
        row = self.engine.one(
            "SELECT 1 FROM events e JOIN versions v ON v.id = e.current_version WHERE e.id = ? AND v.version = ?",
            (event_id, version),
        )
        return row is not None

    def _free_event_id(self, wanted: str) -> str:
        candidate, n = wanted, 2
        while self.engine.one("SELECT 1 FROM events WHERE id = ?", (candidate,)) is not None:
            candidate = f"{wanted}-{n}"
            n += 1
        return candidate

    def _insert_version(self, p: Prepared, event_id: str, version: int) -> int:
        e = self.engine
        params = (
            event_id,
            version,
            p.sha256,
            p.event.get("last_updated"),
            p.source_path,
            p.format,
            p.annotators,
            _now(),
            p.record,
        )
        sql = (
            "INSERT INTO versions (event_id, version, sha256, last_updated, source_path, format, annotators, "
            "ingested_at, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        if e.name == "sqlite":
            return int(e.execute(sql, params).lastrowid)
        return int(e.execute(sql + " RETURNING id", params).fetchone()[0])

    def _insert_rows(self, p: Prepared, version_id: int, event_id: str, current: bool) -> None:
        e = self.engine
        date = p.event.get("date")
        cols = ("version_id", "event_id", "is_current", "date", *TURN_COLUMNS)
        head = (version_id, event_id, 1 if current else 0, date)
        if e.name == "sqlite":
            e.executemany(
                f"INSERT INTO turns ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                (head + row for row in p.turns),
            )
        else:
            e.executemany(
                f"INSERT INTO turns ({', '.join(cols)}, tsv) VALUES ({', '.join('?' * len(cols))}, "
                "to_tsvector('simple', ?))",
                (head + row + (index_text(row[-1]),) for row in p.turns),
            )
        self._insert(p.speakers, "speakers", SPEAKER_COLUMNS, version_id)
        self._insert(p.exchanges, "exchanges", EXCHANGE_COLUMNS, version_id)
        self._insert(p.questions, "questions", QUESTION_COLUMNS, version_id)
        self._insert(p.entities, "entities", ENTITY_COLUMNS, version_id)
        if p.labels:
            ids = dict(e.query("SELECT turn_id, id FROM turns WHERE version_id = ?", (version_id,)))
            e.executemany(
                "INSERT INTO turn_labels (turn, facet, value) VALUES (?, ?, ?)",
                [(ids[tid], facet, value) for tid, facet, value in p.labels if tid in ids],
            )

    def _insert_annotation_state(self, p: Prepared, version_id: int) -> None:
        if p.source is not None:
            self.engine.execute("INSERT INTO sources (version_id, gaps) VALUES (?, ?)", (version_id, p.source))
        if p.runs:
            now = _now()
            self.engine.executemany(
                "INSERT INTO annotation_runs (version_id, annotator, version, done_at) VALUES (?, ?, ?, ?)",
                [(version_id, name, v, now) for name, v in p.runs],
            )

    # -- annotating what is stored (`pressroom.store.annotating`) -----------------------------
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

    def replace_annotations(self, version_id: int, p: Prepared) -> None:
        """Store a version's new annotations, in one transaction: its record, its annotation
        rows (exchanges, questions, entities, facet labels) and the annotators' versions. The
        turns, speakers and identity links stay as they are."""
        e = self.engine
        vid = int(version_id)
        with e.transaction():
            e.execute("UPDATE versions SET record = ?, annotators = ? WHERE id = ?", (p.record, p.annotators, vid))
            e.execute("DELETE FROM turn_labels WHERE turn IN (SELECT id FROM turns WHERE version_id = ?)", (vid,))
            for table in ("exchanges", "questions", "entities"):
                e.execute(f"DELETE FROM {table} WHERE version_id = ?", (vid,))
            self._insert(p.exchanges, "exchanges", EXCHANGE_COLUMNS, vid)
            self._insert(p.questions, "questions", QUESTION_COLUMNS, vid)
            self._insert(p.entities, "entities", ENTITY_COLUMNS, vid)
            if p.labels:
                ids = dict(e.query("SELECT turn_id, id FROM turns WHERE version_id = ?", (vid,)))
                e.executemany(
                    "INSERT INTO turn_labels (turn, facet, value) VALUES (?, ?, ?)",
                    [(ids[tid], facet, value) for tid, facet, value in p.labels if tid in ids],
                )
            e.execute("DELETE FROM annotation_runs WHERE version_id = ?", (vid,))
            now = _now()
            e.executemany(
                "INSERT INTO annotation_runs (version_id, annotator, version, done_at) VALUES (?, ?, ?, ?)",
                [(vid, name, v, now) for name, v in p.runs],
            )
            e.execute("UPDATE index_state SET upto = upto + 1 WHERE name = 'annotations'")

    def _insert(self, rows: list[tuple], table: str, columns: Sequence[str], version_id: int) -> None:
        if rows:
            self.engine.executemany(
                f"INSERT INTO {table} (version_id, {', '.join(columns)}) "
                f"VALUES ({', '.join('?' * (len(columns) + 1))})",
                ((version_id,) + row for row in rows),
            )

    # -- reading records -----------------------------------------------------------------------
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
        conds, params = [], []
        if filters.since:
            conds.append("e.date >= ?")
            params.append(_check_date("since", filters.since))
        if filters.until:
            conds.append("e.date < ?")
            params.append(_next_period(_check_date("until", filters.until)))
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

    # -- search --------------------------------------------------------------------------------
    def _turn_conditions(self, filters: Filters) -> tuple[list[str], list[Any]]:
        e = self.engine
        conds: list[str] = []
        params: list[Any] = []
        if not filters.all_versions:
            conds.append("t.is_current = 1")
        if filters.speaker:
            conds.append(e.ci_contains("t.speaker"))
            params.append(filters.speaker)
        if filters.role:
            conds.append(e.ci_equals("t.role"))
            params.append(filters.role)
        if filters.outlet:
            conds.append(e.ci_contains("t.outlet"))
            params.append(filters.outlet)
        if filters.kind:
            conds.append(e.ci_equals("t.kind"))
            params.append(filters.kind)
        if filters.event:
            conds.append("t.event_id = ?")
            params.append(filters.event)
        if filters.since:
            conds.append("t.date >= ?")
            params.append(_check_date("since", filters.since))
        if filters.until:
            conds.append("t.date < ?")
            params.append(_next_period(_check_date("until", filters.until)))
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

    #: the annotator whose labels each label filter needs
    FILTER_ANNOTATORS = {"entity": "entities", "topic": "topics", "clarity": "clarity"}

    def names(self, column: str) -> list[str]:
        """The distinct speaker names (``column="speaker"``) or outlets (``"outlet"``) of the
        stored turns, sorted."""
        if column not in ("speaker", "outlet"):
            raise UsageError(f"no names for {column!r}; choose speaker or outlet")
        return sorted((v for v in self._turn_table().columns[column].values if v), key=str.lower)

    def check_filters(self, filters: Filters) -> None:
        """Refuse (`UsageError`, one line) a filter that no stored turn can pass: a speaker or
        an outlet that no stored name contains (with the nearest names, by difflib), a turn
        kind that does not exist, a label filter (entity, topic, clarity) on a store whose
        transcripts were never annotated for it, an impossible date."""
        import difflib

        from ..record import TURN_KINDS

        for name in ("since", "until"):
            if getattr(filters, name):
                _check_date(name, getattr(filters, name))
        if filters.kind and filters.kind.strip().lower() not in TURN_KINDS:
            raise UsageError(f"no turn kind {filters.kind!r}; kinds: {', '.join(TURN_KINDS)}")
        for column in ("speaker", "outlet"):
            value = getattr(filters, column)
            if not value:
                continue
            names = self.names(column)
            wanted = value.strip().lower()
            if any(wanted in n.lower() for n in names):
                continue
            # nearest: whole names, or a name holding a word close to the one typed ('Psakki' → Jen Psaki)
            by_lower: dict[str, list[str]] = {}
            for n in names:
                by_lower.setdefault(n.lower(), []).append(n)
                for w in n.lower().replace(",", " ").split():
                    if len(w) > 2:
                        by_lower.setdefault(w, []).append(n)
            near: list[str] = []
            for key in difflib.get_close_matches(wanted, list(by_lower), n=8, cutoff=0.6):
                for n in by_lower[key]:
                    if n not in near:
                        near.append(n)
            hint = (
                f"; did you mean: {', '.join(near[:5])}"
                if near
                else (
                    f"; {len(names)} {column}s stored, e.g. {', '.join(names[:5])}"
                    if names
                    else f"; no {column}s are stored"
                )
            )
            raise UsageError(f"no {column} {value!r}{hint}")
        for facet, annotator in self.FILTER_ANNOTATORS.items():
            if (
                getattr(filters, facet)
                and self.engine.one("SELECT 1 FROM turn_labels WHERE facet = ? LIMIT 1", (facet,)) is None
            ):
                raise UsageError(
                    f"--{facet} needs the {annotator} annotator, and no transcript of {self.url} was "
                    f"annotated with it: run `pressroom annotate --db {self.url} --annotators {annotator}`"
                )

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

    def search(
        self,
        query: str,
        filters: Filters | None = None,
        mode: str = "fulltext",
        limit: int = 20,
        offset: int = 0,
        facets: bool = True,
        embedder=None,
        with_text: bool = False,
    ) -> SearchResult:
        """Search turns. ``mode``: ``fulltext`` (the query language, bm25 ranking),
        ``semantic`` (meaning, cosine over the turn embeddings), ``hybrid`` (reciprocal rank
        fusion of both). Facet counts cover every full-text match, or the ranked pool of
        `POOL` turns in semantic and hybrid modes."""
        if mode not in MODES:
            raise UsageError(f"unknown search mode {mode!r}; choose one of: {', '.join(MODES)}")
        filters = filters or Filters()
        limit, offset = _page(limit, offset)
        if mode == "fulltext":
            return self._search_fulltext(parse_query(query), filters, limit, offset, facets, with_text)
        if not isinstance(query, str) or not query.strip():
            raise QueryError("the query has no words to search for")
        if len(query) > MAX_QUERY_CHARS:
            raise QueryError(f"the query is too long: {len(query)} characters, at most {MAX_QUERY_CHARS}")
        from ..embed import default_embedder

        parsed = parse_query(query) if mode == "hybrid" else None  # hybrid needs a full-text query
        embedder = embedder or default_embedder()
        semantic = self._semantic_ranking(query, filters, embedder, POOL)
        if parsed is not None and parsed.columns:  # speaker: / outlet: narrow the semantic side too
            table = self._turn_table()
            keep = self._column_mask(table, parsed)
            pos = table.positions(np.array([tid for tid, _, _ in semantic], dtype=np.int64))
            semantic = [s for s, p in zip(semantic, pos) if p >= 0 and keep[p]]
        if parsed is None:
            ranked = [(tid, score) for tid, score, _ in semantic]
        else:
            lexical = self._fulltext_ids(parsed, filters, POOL)
            ranked = rrf([lexical, [tid for tid, _, _ in semantic]])
        spans = {tid: (s, e) for tid, _, (s, e) in semantic}
        page = ranked[offset : offset + limit]
        # semantic hits show their best chunk; hybrid ones highlight the query's words
        hits = self._hits_by_id([tid for tid, _ in page], dict(page), parsed, spans, with_text)
        pool_ids = [tid for tid, _ in ranked]
        facet_values = self._facets_for_ids(pool_ids) if facets and pool_ids else {}
        shown = str(parsed) if parsed is not None else query.strip()
        return SearchResult(shown, mode, len(ranked), hits, facet_values, limit, offset)

    # -- in-memory columns ------------------------------------------------------------------
    # Search filters and counts its matches with the turns' filter and facet columns held in
    # memory (`memory.TurnTable`), loaded on first use and reloaded when the store holds new
    # turns or versions. A reload reads every turn (one to two seconds on ../shared/corpus-large).
    def load_turn_table(self) -> None:
        """Load the in-memory search columns now, if the store changed since they were
        loaded (a server calls this at start, so the first search does not wait)."""
        self._turn_table()

    def reload_in_background(self, min_interval: float | None = 30.0) -> None:
        """Serving mode: once the turn table is loaded, a search that finds the store changed
        answers from the table it has (the newest turns are not searchable yet) and starts
        one background thread to load the new one, unless a load (of any kind) happened
        less than ``min_interval`` seconds ago. Without it (the default, or ``None``) such a
        search waits for the reload, so a server taking uploads while people search would
        make every search wait."""
        if min_interval is not None and not min_interval >= 0:
            raise UsageError(f"min_interval must be 0 or more seconds, not {min_interval}")
        self._stale_interval = None if min_interval is None else float(min_interval)

    def wait_for_reload(self, timeout: float | None = 30.0) -> bool:
        """Wait for a background reload in flight (`reload_in_background`); return whether
        none is running any more."""
        thread = self._reload_thread
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    def _memory_key(self) -> tuple:
        return tuple(
            self.engine.one(
                "SELECT (SELECT max(id) FROM turns), (SELECT max(id) FROM versions), "
                "(SELECT upto FROM index_state WHERE name = 'annotations')"
            )
        )

    def _turn_table(self) -> TurnTable:
        """The turns' filter and facet columns in memory (reloaded after writes)."""
        key = self._memory_key()
        table = self._table
        if table is not None and table.key == key:
            return table
        if table is not None and self._stale_interval is not None:
            self._start_reload()
            return table
        return self._load_turn_table(key)

    def _load_turn_table(self, key: tuple) -> TurnTable:
        with self._memory_lock:
            if self._table is not None and self._table.key == key:
                return self._table
            rows = self.engine.query(
                "SELECT id, is_current, date, speaker, role, outlet, kind, event_id FROM turns ORDER BY id"
            )
            labels = self.engine.query("SELECT turn, facet, value FROM turn_labels")
            questions = self.engine.query(
                "SELECT t.id, q.clarity, q.evasion FROM questions q JOIN turns t "
                "ON t.version_id = q.version_id AND t.turn_id = q.turn_id"
            )
            self._table = TurnTable(key, rows, labels, questions)
            self._last_reload = time.monotonic()
            return self._table

    def _start_reload(self) -> None:
        with self._reload_lock:
            running = self._reload_thread is not None and self._reload_thread.is_alive()
            if running or time.monotonic() - self._last_reload < (self._stale_interval or 0.0):
                return
            self._reload_thread = threading.Thread(target=self._reload, daemon=True, name="pressroom-turn-table")
            self._reload_thread.start()

    def _reload(self) -> None:
        try:
            self._load_turn_table(self._memory_key())
        except Exception:  # the old table stays; a later search tries again
            log.exception("reloading the turn table of %s failed", self.url)
        finally:
            # this thread's connection would otherwise outlive it (with its page cache)
            self.engine.release_connection()
            with self._reload_lock:  # a failed load waits its turn too
                self._last_reload = time.monotonic()

    @staticmethod
    def _column_mask(table: TurnTable, q: Query | None) -> np.ndarray:
        """The rows that pass the query's column filters (``speaker:psaki -outlet:fox``)."""
        m = np.ones(len(table), dtype=bool)
        for c in q.columns if q is not None else ():
            hit = table.columns[c.column].matching(lambda u, t=c.term: term_in(t, u))
            m &= ~hit if c.negated else hit
        return m

    def _match_positions(self, q: Query, filters: Filters) -> tuple[TurnTable, np.ndarray]:
        """(table, positions of every turn matching ``q`` and passing ``filters``), unranked."""
        table = self._turn_table()
        pos = table.positions(self.engine.fts_ids(q))
        pos = pos[pos >= 0]
        keep = self._mask(table, filters) & self._column_mask(table, q)
        return table, pos[keep[pos]]

    def matching_turns(self, query: str | None = None, filters: Filters | None = None) -> dict[str, list[str]]:
        """{event id: [turn id, …]} of every turn that ``query`` (the full-text query language;
        None: every turn) and ``filters`` select — what a search would list, unranked — in
        event order of first turn and turn order within each event (what `export --query` writes)."""
        filters = filters or Filters()
        if query:
            table, pos = self._match_positions(parse_query(query), filters)
        else:
            table = self._turn_table()
            pos = np.nonzero(self._mask(table, filters))[0]
        ids = np.sort(table.ids[pos])
        out: dict[str, list[str]] = {}
        for i in range(0, len(ids), 20000):
            part = ids[i : i + 20000].tolist()
            cond, params = self.engine.in_ids("id", part)
            for event_id, turn_id in self.engine.query(
                f"SELECT event_id, turn_id FROM turns WHERE {cond} ORDER BY id", params
            ):
                out.setdefault(event_id, []).append(turn_id)
        return out

    def _mask(self, table: TurnTable, filters: Filters) -> np.ndarray:
        since = date_number(_check_date("since", filters.since)) if filters.since else None
        until = date_number(_next_period(_check_date("until", filters.until))) if filters.until else None
        if filters.clarity:
            filters = Filters(
                **{**filters.__dict__, "clarity": CLARITY_ALIASES.get(filters.clarity.strip().lower(), filters.clarity)}
            )
        return table.mask(filters, since, until)

    def _fulltext(
        self, q: Query, filters: Filters, k: int, offset: int = 0, every: bool = True
    ) -> tuple[TurnTable, np.ndarray | None, list[tuple[int, float]]]:
        """(table, table positions of every full-text match passing ``filters`` — None when
        ``every`` is false —, [(turn id, score)] of the matches ranked ``offset`` to
        ``offset + k``). Ranking: score descending, ties by lower turn id.

        SQLite ranks in the database (`SQLiteEngine.fts_top`: bm25 only for the turns the
        filters keep, handed over as a byte per turn id) and lists every match unscored
        (`fts_ids`) for the total and the facets; other engines return every match with its
        score (`fts_scores`) and the ranking is done here."""
        table = self._turn_table()
        mask = self._mask(table, filters) & self._column_mask(table, q)
        e = self.engine
        if not e.ranks_in_database:
            ids, scores = e.fts_scores(q)
            ids = np.array(ids, dtype=np.int64)
            scores = np.array(scores, dtype=np.float64)
            pos = table.positions(ids)
            keep = pos >= 0
            keep[keep] = mask[pos[keep]]
            ids, scores, pos = ids[keep], scores[keep], pos[keep]
            order = np.lexsort((ids, -scores))
            ranked = order[offset : offset + k]
            return table, pos, list(zip(ids[ranked].tolist(), scores[ranked].tolist()))
        pos = None
        if every:
            pos = table.positions(e.fts_ids(q))
            pos = pos[pos >= 0]
            pos = pos[mask[pos]]
            if len(pos) <= offset:
                return table, pos, []  # nothing to rank on this page
        if not len(table):
            return table, pos, []
        if table.dense and mask.all():
            # every stored turn passes: bound the ids instead of checking a byte per match
            return table, pos, e.fts_top(q, k, offset, id_range=(int(table.ids[0]), int(table.ids[-1])))
        keep_bytes = np.zeros(len(table.pos), dtype=np.uint8)
        if table.dense:
            keep_bytes[int(table.ids[0]) :] = mask  # position i holds turn id ids[0] + i
        else:
            keep_bytes[table.ids[mask]] = 1
        return table, pos, e.fts_top(q, k, offset, keep=keep_bytes.tobytes())

    def _search_fulltext(
        self, q: Query, filters: Filters, limit: int, offset: int, facets: bool, with_text: bool
    ) -> SearchResult:
        table, pos, ranked = self._fulltext(q, filters, limit, offset)
        page = [tid for tid, _ in ranked]
        hits = self._hits_by_id(page, dict(ranked), q, {}, with_text, snippets=self.engine.fts_snippets(q, page))
        facet_values = table.facets(pos) if facets else {}
        return SearchResult(str(q), "fulltext", len(pos), hits, facet_values, limit, offset)

    def _fulltext_ids(self, q: Query, filters: Filters, n: int) -> list[int]:
        return [tid for tid, _ in self._fulltext(q, filters, n, every=False)[2]]

    def _facets_for_ids(self, ids: Sequence[int]) -> dict[str, list[FacetValue]]:
        table = self._turn_table()
        pos = table.positions(np.array(ids, dtype=np.int64))
        return table.facets(pos[pos >= 0])

    def _hits_by_id(
        self,
        ids: Sequence[int],
        scores: dict[int, float],
        q: Query | None,
        spans: dict[int, tuple[int, int]],
        with_text: bool,
        snippets: dict[int, str] | None = None,
    ) -> list[SearchHit]:
        if not ids:
            return []
        cond, params = self.engine.in_ids("t.id", ids)
        rows = self.engine.query(
            "SELECT t.id, t.event_id, t.turn_id, t.date, t.speaker, t.role, t.outlet, t.kind, t.exchange_id, e.title, "
            f"t.text FROM turns t JOIN events e ON e.id = t.event_id WHERE {cond}",
            params,
        )
        by_id = {int(r[0]): r for r in rows}
        hits = []
        for tid in ids:
            r = by_id.get(int(tid))
            if r is None:
                continue
            text = r[10]
            if snippets and int(tid) in snippets:
                snippet, marks = split_highlights(snippets[int(tid)])
            elif q is not None and q.terms:
                snippet, marks = highlight_terms(text, q.terms)
            else:
                s, e = spans.get(int(tid), (0, len(text)))
                snippet, marks = highlight_terms(text[s:e], [])
                if s > 0:
                    snippet = "…" + snippet.lstrip("…")
                if e < len(text) and not snippet.endswith("…"):
                    snippet += "…"
            hits.append(
                SearchHit(
                    id=f"{r[1]}#{r[2]}",
                    event_id=r[1],
                    turn_id=r[2],
                    event_title=r[9],
                    date=r[3],
                    speaker=r[4],
                    role=r[5],
                    outlet=r[6],
                    kind=r[7],
                    exchange_id=r[8],
                    snippet=snippet,
                    highlights=marks,
                    score=round(float(scores.get(tid, 0.0)), 6),
                    text=text if with_text else None,
                )
            )
        return hits

    # -- semantic ------------------------------------------------------------------------------
    def _vector_index(self, model: str) -> VectorIndex:
        e = self.engine
        # embeddings are only ever added, so the newest id says whether the cached matrix is current
        # (an index lookup; counting one model's rows read its whole index on every query). Two
        # `pressroom embed` runs writing at once to PostgreSQL can commit ids out of order: a
        # search between their commits may miss the slower run's vectors until the next embedding.
        key = tuple(e.one("SELECT max(id) FROM embeddings"))
        with self._memory_lock:
            cached = self._vectors.get(model)
            if cached is not None and cached.key == key:
                return cached
            rows = e.query(
                "SELECT turn, start_char, end_char, vector FROM embeddings WHERE model = ? ORDER BY id", (model,)
            )
            index = VectorIndex(key, rows)
            self._vectors[model] = index
            return index

    def _vector_mask(self, index: VectorIndex, filters: Filters) -> np.ndarray:
        """The chunks whose turns pass ``filters``."""
        table = self._turn_table()
        pos = table.positions(index.turns)
        out = np.zeros(len(pos), dtype=bool)
        inside = pos >= 0
        out[inside] = self._mask(table, filters)[pos[inside]]
        return out

    def _semantic_ranking(
        self, query: str, filters: Filters, embedder, n: int
    ) -> list[tuple[int, float, tuple[int, int]]]:
        """[(turn id, cosine, best chunk span)] best first, at most ``n`` turns."""
        index = self._vector_index(embedder.name)
        if len(index.turns) == 0:
            raise StoreError(f"no embeddings for {embedder.name} in {self.url}: run 'pressroom embed' first")
        qv = np.asarray(embedder.encode_query(query), dtype=np.float32)
        scores = index.matrix @ qv
        scores = np.where(self._vector_mask(index, filters), scores, -np.inf)
        k = min(len(scores), n * 4)
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        out, seen = [], set()
        for i in top:
            if not np.isfinite(scores[i]):
                break
            tid = int(index.turns[i])
            if tid in seen:
                continue
            seen.add(tid)
            out.append((tid, float(scores[i]), (int(index.starts[i]), int(index.ends[i]))))
            if len(out) >= n:
                break
        return out

    def embed(
        self,
        embedder=None,
        batch_size: int = 64,
        progress: Callable[[int, int], None] | None = None,
        limit: int | None = None,
        commit_every: int = 512,
        events: Sequence[str] | None = None,
    ) -> EmbedReport:
        """Embed the current turns that have no vectors yet for the embedder's model (of the
        ``events`` given, else of all). ``progress(done_chunks, total_chunks)``; commits every
        ``commit_every`` chunks, so an interrupted run keeps what it finished and a re-run
        carries on."""
        from ..embed import chunk_spans, default_embedder, to_blob

        embedder = embedder or default_embedder()
        e = self.engine
        rows = e.query(
            "SELECT t.id, t.text, t.event_id FROM turns t WHERE t.is_current = 1 AND NOT EXISTS "
            "(SELECT 1 FROM embeddings x WHERE x.turn = t.id AND x.model = ?) ORDER BY t.id",
            (embedder.name,),
        )
        wanted = None if events is None else set(events)
        rows = [(tid, text) for tid, text, ev in rows if wanted is None or ev in wanted]
        if limit is not None:
            rows = rows[:limit]
        report = EmbedReport(model=embedder.name)
        work: list[tuple[int, int, int, int, str]] = []  # (turn, chunk, start, end, text)
        for tid, text in rows:
            spans = chunk_spans(text)
            if not spans:
                report.skipped_short += 1
                continue
            report.turns += 1
            for i, (s, end) in enumerate(spans):
                work.append((int(tid), i, s, end, text[s:end]))
        total = len(work)
        if progress:
            progress(0, total)
        # longest first within each commit group: padding wastes less
        t0 = time.perf_counter()
        done = 0
        for g in range(0, total, commit_every):
            group = sorted(work[g : g + commit_every], key=lambda w: -len(w[4]))
            vecs = embedder.encode([w[4] for w in group], batch_size=batch_size)
            with e.transaction():
                e.executemany(
                    "INSERT INTO embeddings (turn, chunk, start_char, end_char, model, dim, vector) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (w[0], w[1], w[2], w[3], embedder.name, int(vecs.shape[1]), to_blob(v))
                        for w, v in zip(group, vecs)
                    ],
                )
            done += len(group)
            report.chunks = done
            if progress:
                progress(done, total)
        report.seconds = time.perf_counter() - t0
        return report

    def embedding_coverage(self, model: str | None = None) -> tuple[int, int]:
        """(current turns with vectors for ``model``, current turns): how much of the corpus
        semantic search sees (turns too short to embed never have vectors)."""
        from ..embed import MODEL_NAME

        e = self.engine
        total = e.one("SELECT count(*) FROM turns WHERE is_current = 1")[0]
        done = e.one(
            "SELECT count(*) FROM turns t WHERE t.is_current = 1 AND EXISTS "
            "(SELECT 1 FROM embeddings x WHERE x.turn = t.id AND x.model = ?)",
            (model or MODEL_NAME,),
        )[0]
        return int(done), int(total)

    # -- statistics ------------------------------------------------------------------------------
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
        filters = filters or Filters()
        table = self._turn_table()
        mask = self._mask(table, filters)
        if query:
            selected = self._match_positions(parse_query(query), filters)[1]
        else:
            selected = np.nonzero(mask)[0]
        return [TimelinePoint(p, v, n) for p, v, n in table.timeline(selected, facet, interval, unit, int(top))]

    def integrity_check(self) -> str:
        """SQLite: ``PRAGMA integrity_check`` and the FTS index check ("ok" when sound)."""
        if self.engine.name != "sqlite":
            return "ok"
        self.sync_index()
        result = self.engine.one("PRAGMA integrity_check")[0]
        if result != "ok":
            return result
        try:
            self.engine.execute("INSERT INTO turns_fts(turns_fts, rank) VALUES ('integrity-check', 1)")
        except Exception as exc:
            return f"full-text index: {exc}"
        return "ok"


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


def _page(limit: int, offset: int) -> tuple[int, int]:
    try:
        limit, offset = int(limit), int(offset)
    except (TypeError, ValueError):
        raise UsageError("limit and offset must be whole numbers")
    if not 1 <= limit <= 1000:
        raise UsageError(f"limit must be between 1 and 1000, not {limit}")
    if offset < 0:
        raise UsageError(f"offset must be 0 or more, not {offset}")
    return limit, offset


def open_existing(url: str | None = None) -> Store:
    """Open the store at ``url`` for reading and annotating: a SQLite file that does not exist is an
    error (`StoreError`), and nothing is created, unlike `open_store` (ingest)."""
    parsed = parse_url(url)
    if parsed.engine == "sqlite" and parsed.target != ":memory:" and not os.path.exists(parsed.target):
        raise StoreError(f"no database at {parsed.target}; run pressroom ingest first")
    return open_store(url)


def open_store(url: str | None = None, migrate: bool = True) -> Store:
    """Open (creating and migrating when needed) the store at ``url`` (see `url.parse_url`)."""
    parsed = parse_url(url)
    engine = make_engine(parsed)
    store = Store(parsed, engine)
    try:
        if migrate:
            engine.migrate()
        elif engine.schema_version() == 0:
            raise StoreError(f"{parsed} holds no pressroom database")
        try:
            store.sync_index()  # catch up after an interrupted ingest
        except Exception:  # a read-only file, or a writer holding the lock: searching still works
            pass
    except StoreError:
        store.close()
        raise
    except Exception as exc:
        store.close()
        raise StoreError(f"cannot open the database {parsed}: {str(exc).strip().splitlines()[0] if str(exc) else exc}")
    return store
