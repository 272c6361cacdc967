"""Writing: add a transcript (a new event or a new version of one), and replace a stored
version's annotations. One transaction per transcript; the full-text index is `fulltext.py`'s."""

from __future__ import annotations

import datetime as dt
from typing import Sequence

from ..record import Transcript
from ..search import index_text
from .models import AddResult
from .rows import (
    ENTITY_COLUMNS,
    EXCHANGE_COLUMNS,
    QUESTION_COLUMNS,
    SPEAKER_COLUMNS,
    TURN_COLUMNS,
    Prepared,
    prepare,
)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


class Writing:
    """`Store`'s writes (see `store.Store` for the attributes they use)."""

    def known(self, sha256: str) -> bool:
        """Whether a version with this content hash is stored."""
        return self.version_of(sha256) is not None

    def version_of(self, sha256: str) -> tuple[str, int] | None:
        """(event id, version number) of the stored version with this content hash, if any."""
        row = self.engine.one("SELECT event_id, version FROM versions WHERE sha256 = ?", (sha256,))
        return (row[0], int(row[1])) if row else None

    def add(self, transcript: Transcript, source_text: str | None = None) -> AddResult:
        """Store one transcript as it is (annotating is the driver's job: `pressroom.ingest.
        add_transcript` annotates, then stores). With ``source_text`` (the text the parser read)
        the store keeps what it takes to annotate the transcript later. Idempotent by content
        hash; a changed transcript of a known source becomes a new version and the old one is kept."""
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
        self._insert_annotation_rows(p, version_id)

    def _insert_annotation_rows(self, p: Prepared, version_id: int) -> None:
        """A version's annotation rows: exchanges, questions, entities and the turns' facet labels."""
        self._insert(p.exchanges, "exchanges", EXCHANGE_COLUMNS, version_id)
        self._insert(p.questions, "questions", QUESTION_COLUMNS, version_id)
        self._insert(p.entities, "entities", ENTITY_COLUMNS, version_id)
        if p.labels:
            ids = dict(self.engine.query("SELECT turn_id, id FROM turns WHERE version_id = ?", (version_id,)))
            self.engine.executemany(
                "INSERT INTO turn_labels (turn, facet, value) VALUES (?, ?, ?)",
                [(ids[tid], facet, value) for tid, facet, value in p.labels if tid in ids],
            )

    def _insert_annotation_state(self, p: Prepared, version_id: int) -> None:
        if p.source is not None:
            self.engine.execute("INSERT INTO sources (version_id, gaps) VALUES (?, ?)", (version_id, p.source))
        self._insert_runs(p, version_id)

    def _insert_runs(self, p: Prepared, version_id: int) -> None:
        """Which annotators (and their versions) made the version's annotations, and when."""
        if p.runs:
            now = _now()
            self.engine.executemany(
                "INSERT INTO annotation_runs (version_id, annotator, version, done_at) VALUES (?, ?, ?, ?)",
                [(version_id, name, v, now) for name, v in p.runs],
            )

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
            self._insert_annotation_rows(p, vid)
            e.execute("DELETE FROM annotation_runs WHERE version_id = ?", (vid,))
            self._insert_runs(p, vid)
            e.execute("UPDATE index_state SET upto = upto + 1 WHERE name = 'annotations'")

    def _insert(self, rows: list[tuple], table: str, columns: Sequence[str], version_id: int) -> None:
        if rows:
            self.engine.executemany(
                f"INSERT INTO {table} (version_id, {', '.join(columns)}) "
                f"VALUES ({', '.join('?' * (len(columns) + 1))})",
                ((version_id,) + row for row in rows),
            )
