"""The two engines behind one `Store`: SQLite (default) and PostgreSQL (psycopg 3).

An engine owns connections (one per thread), transactions, migrations and the few SQL
pieces that differ between the two (placeholders, full-text matching, id lists, case-
insensitive comparison). The rest of the store writes portable SQL with ``?`` placeholders.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import numpy as np

from ..errors import StoreError
from ..search import HL_END, HL_START, Query, to_fts5, to_tsquery
from .schema import MIGRATIONS, SCHEMA_VERSION
from .url import StoreURL


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


#: the length prior of full-text ranking: a turn's score (bm25, or ts_rank_cd) is multiplied by
#: L / (L + LENGTH_PRIOR), L the turn's length in characters (its span in the source), so a
#: four-word fragment ("— inflation is coming down.", 0.22) does not outrank a substantive
#: answer (0.85 at 600 characters) on the strength of its shortness; see docs/search.md
LENGTH_PRIOR = 100.0


def prior_sql(k: float, turns: str = "t", greatest: str = "max") -> str:
    """The length prior as an SQL factor over the turns table ``turns`` ("1.0" when ``k`` is 0);
    a turn without offsets counts as length 0. ``greatest``: the dialect's two-argument maximum."""
    if not k:
        return "1.0"
    length = f"{greatest}(coalesce({turns}.end_char - {turns}.start_char, 0), 0)"
    return f"(1.0 - {float(k)!r} / ({length} + {float(k)!r}))"


class Engine:
    """Common behaviour; subclasses implement `_connect` and the dialect methods."""

    name = "engine"
    #: the length prior in characters (0: plain bm25 / ts_rank_cd); see `LENGTH_PRIOR`
    length_prior = LENGTH_PRIOR
    #: whether the engine ranks inside the database (`fts_ids` + `fts_top`); otherwise the
    #: store ranks every match returned by `fts_scores` in memory
    ranks_in_database = False

    def fts_ids(self, query: Query) -> np.ndarray:
        """The ids of every turn matching ``query`` (int64, in no promised order)."""
        return np.array(self.fts_scores(query)[0], dtype=np.int64)

    def __init__(self, url: StoreURL):
        self.url = url
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()

    # -- connections -----------------------------------------------------------------
    @property
    def conn(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                with contextlib.suppress(Exception):
                    conn.close()
            self._all.clear()
        self._local = threading.local()

    def release_connection(self) -> None:
        """Close the calling thread's connection, if it has one (a thread that ends)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            return
        self._local.conn = None
        with self._lock:
            self._all = [c for c in self._all if c is not conn]
        with contextlib.suppress(Exception):
            conn.close()

    def _connect(self):  # pragma: no cover - abstract
        raise NotImplementedError

    # -- execution ---------------------------------------------------------------------
    def sql(self, text: str) -> str:
        return text

    def execute(self, sql: str, params: Sequence[Any] = ()):
        return self.conn.execute(self.sql(sql), tuple(params))

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return list(self.execute(sql, params).fetchall())

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        return self.execute(sql, params).fetchone()

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            self.conn.cursor().executemany(self.sql(sql), rows)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:  # pragma: no cover - abstract
        raise NotImplementedError
        yield

    # -- migrations ----------------------------------------------------------------------
    def schema_version(self) -> int:
        try:
            row = self.one("SELECT max(version) FROM schema_migrations")
        except Exception:
            self._reset_after_error()
            return 0
        return int(row[0] or 0) if row else 0

    def _reset_after_error(self) -> None:
        pass

    def migrate(self) -> list[int]:
        """Apply the missing migrations in order; return the versions applied. An up-to-date
        database is only read (so read-only files and busy writers do not stop readers)."""
        applied: list[int] = []
        current = self.schema_version()
        if current == SCHEMA_VERSION:
            return applied
        for m in MIGRATIONS:
            with self.transaction():
                self._lock_schema()
                if self._has_migration(m.version):
                    continue
                for stmt in m.sqlite if self.name == "sqlite" else m.postgresql:
                    self.execute(stmt)
                self.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (m.version, m.name, _now()),
                )
                applied.append(m.version)
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"the database schema is version {current}, newer than this pressroom ({SCHEMA_VERSION}); "
                "upgrade pressroom"
            )
        return applied

    def _lock_schema(self) -> None:
        pass

    def _has_migration(self, version: int) -> bool:
        if not self._table_exists("schema_migrations"):
            return False
        return self.one("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)) is not None

    def _table_exists(self, name: str) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- dialect ---------------------------------------------------------------------------
    def ci_equals(self, column: str) -> str:
        """Case-insensitive equality with one parameter."""
        raise NotImplementedError

    def ci_contains(self, column: str) -> str:
        """Case-insensitive substring test with one parameter (pass the bare text)."""
        raise NotImplementedError

    def in_ids(self, column: str, ids: Sequence[int]) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def label_equals(self) -> str:
        """The condition on ``l.value`` for a label filter (case-insensitive, indexed)."""
        raise NotImplementedError


class SQLiteEngine(Engine):
    name = "sqlite"

    def _connect(self):
        target = self.url.target
        if target != ":memory:":
            parent = Path(target).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"cannot open the database {target}: the folder {parent} does not exist")
        try:
            conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False, timeout=60.0)
            conn.execute("PRAGMA busy_timeout = 60000")
            if target != ":memory:":
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if mode.lower() != "wal":
                    raise StoreError(f"cannot open the database {target}: WAL journal refused ({mode})")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute("PRAGMA cache_size = -65536")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the database {target}: {exc}")
        return conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        conn = self.conn
        if conn.in_transaction:  # nested: join the outer transaction
            yield
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def _table_exists(self, name: str) -> bool:
        return self.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)) is not None

    def ci_equals(self, column: str) -> str:
        return f"{column} = ? COLLATE NOCASE"

    def ci_contains(self, column: str) -> str:
        return f"instr(lower({column}), lower(?)) > 0"

    def in_ids(self, column: str, ids: Sequence[int]) -> tuple[str, list[Any]]:
        return f"{column} IN (SELECT value FROM json_each(?))", [json.dumps([int(i) for i in ids])]

    def label_equals(self) -> str:
        return "l.value = ?"  # the column is COLLATE NOCASE, so the index applies

    # -- full text -------------------------------------------------------------------------
    # Search asks FTS5 for two things, each in one statement whose work stays in C: every
    # matching turn id (no scores: the facet counts and the total need them all) and the best
    # page by bm25 among the turns the filters keep. Fetching every match with its score into
    # Python cost more than the ranking itself (26,000 rows for "the president").
    ranks_in_database = True

    def fts_from(self, query: Query) -> tuple[str, str, list[Any]]:
        """(FROM clause joining the matches to ``turns t``, WHERE condition, params)."""
        return (
            "turns_fts f JOIN turns t ON t.id = f.rowid",
            "turns_fts MATCH ?",
            [to_fts5(query)],
        )

    def fts_scores(self, query: Query) -> tuple[list[int], list[float]]:
        """Every turn matching ``query`` with its score (higher is better: minus bm25 times the
        length prior)."""
        rows = self.query(
            f"SELECT f.rowid, -(bm25(turns_fts) * {prior_sql(self.length_prior)}) FROM turns_fts f "
            "JOIN turns t ON t.id = f.rowid WHERE turns_fts MATCH ?",
            (to_fts5(query),),
        )
        return [r[0] for r in rows], [r[1] for r in rows]

    def fts_ids(self, query: Query) -> np.ndarray:
        """The ids of every turn matching ``query`` (int64, in no promised order), unscored:
        one string from ``group_concat``, parsed by numpy."""
        text = self.one("SELECT group_concat(rowid) FROM turns_fts WHERE turns_fts MATCH ?", (to_fts5(query),))[0]
        if not text:
            return np.zeros(0, dtype=np.int64)
        return np.fromstring(text, dtype=np.int64, sep=",")

    def fts_top(
        self, query: Query, k: int, offset: int = 0, keep: bytes | None = None, id_range: tuple[int, int] | None = None
    ) -> list[tuple[int, float]]:
        """[(turn id, score)] of the matches ranked ``offset`` to ``offset + k``: score minus
        bm25 times the length prior (higher is better), ties by lower id. Only turns whose
        byte in ``keep`` (indexed by turn id; missing bytes count as 0) is 1, and whose id lies
        in ``id_range`` (inclusive), are ranked — bm25 is computed for those only."""
        sql = (
            f"SELECT f.rowid, bm25(turns_fts) * {prior_sql(self.length_prior)} AS r FROM turns_fts f "
            "JOIN turns t ON t.id = f.rowid WHERE turns_fts MATCH ?"
        )
        params: list[Any] = [to_fts5(query)]
        if id_range is not None:
            sql += " AND f.rowid BETWEEN ? AND ?"  # FTS5 restricts its scan to the range
            params += [int(id_range[0]), int(id_range[1])]
        if keep is not None:
            sql += " AND substr(?, f.rowid + 1, 1) = x'01'"
            params.append(keep)
        rows = self.query(sql + " ORDER BY r, f.rowid LIMIT ? OFFSET ?", params + [int(k), int(offset)])
        return [(int(r[0]), -r[1]) for r in rows]

    def fts_snippets(self, query: Query, ids: Sequence[int], tokens: int = 28) -> dict[int, str]:
        """FTS5 snippets (highlights marked with HL_START/HL_END) for a page of turn ids.

        A query with a prefix term reads the matches between the page's lowest and highest id
        once (FTS5 expands a prefix into its words each time it starts, so a lookup per id
        costs a millisecond on a large corpus); other queries look the ids up one by one."""
        if not ids:
            return {}
        ids = [int(i) for i in ids]
        marks = ", ".join("?" * len(ids))
        expr = to_fts5(query)
        if query.has_prefix and len(ids) > 1:
            # "+rowid" keeps the IN list from being used as lookups; the range bounds the scan
            rows = self.query(
                f"SELECT rowid, {self.fts_snippet(tokens)} FROM turns_fts WHERE turns_fts MATCH ? "
                f"AND rowid BETWEEN ? AND ? AND +rowid IN ({marks})",
                [expr, min(ids), max(ids), *ids],
            )
        else:
            rows = self.query(
                f"SELECT rowid, {self.fts_snippet(tokens)} FROM turns_fts WHERE turns_fts MATCH ? "
                f"AND rowid IN ({marks})",
                [expr, *ids],
            )
        return {int(r[0]): r[1] for r in rows}

    def fts_snippet(self, tokens: int = 28) -> str:
        return f"snippet(turns_fts, 0, '{HL_START}', '{HL_END}', '…', {int(tokens)})"


class PostgresEngine(Engine):
    name = "postgresql"
    ts_config = "simple"

    def _connect(self):
        try:
            import psycopg
        except ImportError:  # pragma: no cover - a base dependency
            raise StoreError("PostgreSQL needs the psycopg package (pip install 'psycopg[binary]')")
        try:
            conn = psycopg.connect(self.url.target, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {self.url}: {str(exc).strip().splitlines()[0]}")
        if self.url.schema:
            conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.url.schema}"')
            conn.execute(f'SET search_path TO "{self.url.schema}"')
        return conn

    def sql(self, text: str) -> str:
        return text.replace("%", "%%").replace("?", "%s")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        conn = self.conn
        if getattr(self._local, "depth", 0):
            yield
            return
        self._local.depth = 1
        try:
            with conn.transaction():
                yield
        finally:
            self._local.depth = 0

    def _lock_schema(self) -> None:
        self.execute("SELECT pg_advisory_xact_lock(?)", (0x70726573,))

    def _table_exists(self, name: str) -> bool:
        return self.one("SELECT to_regclass(?) IS NOT NULL", (name,))[0]

    def ci_equals(self, column: str) -> str:
        return f"lower({column}) = lower(?)"

    def ci_contains(self, column: str) -> str:
        return f"strpos(lower({column}), lower(?)) > 0"

    def in_ids(self, column: str, ids: Sequence[int]) -> tuple[str, list[Any]]:
        return f"{column} = ANY(?)", [[int(i) for i in ids]]

    def label_equals(self) -> str:
        return "lower(l.value) = lower(?)"

    def fts_from(self, query: Query) -> tuple[str, str, list[Any]]:
        expr, params = to_tsquery(query, self.ts_config, placeholder="?")
        # the tsquery is computed once in a one-row subquery
        return (
            f"turns t CROSS JOIN (SELECT {expr} AS q) tq",
            "t.tsv @@ tq.q",
            list(params),
        )

    def fts_scores(self, query: Query) -> tuple[list[int], list[float]]:
        frm, match, params = self.fts_from(query)
        prior = prior_sql(self.length_prior, greatest="greatest")
        rows = self.query(f"SELECT t.id, ts_rank_cd(t.tsv, tq.q) * {prior} FROM {frm} WHERE {match}", params)
        return [int(r[0]) for r in rows], [float(r[1]) for r in rows]

    def fts_snippets(self, query: Query, ids: Sequence[int], tokens: int = 28) -> dict[int, str]:
        return {}  # cut in Python from the turn text


def make_engine(url: StoreURL) -> Engine:
    if url.engine == "sqlite":
        return SQLiteEngine(url)
    if url.engine == "postgresql":
        return PostgresEngine(url)
    raise StoreError(f"unknown engine {url.engine!r}")


def file_size(url: StoreURL) -> int | None:
    if url.engine != "sqlite" or url.target == ":memory:":
        return None
    total = 0
    for suffix in ("", "-wal", "-shm"):
        p = url.target + suffix
        if os.path.exists(p):
            total += os.path.getsize(p)
    return total
