"""`Store`: the corpus in a database — add transcripts, read records, list events, search,
count, embed. One class for both engines (see `engines.py` for what differs), composed of one
part per concern, each in its own file:

- `writing.Writing`: add a transcript or a new version of one, replace a version's annotations;
- `reading.Reading`: records, versions, turns, events, what annotating a stored version reads;
- `fulltext.FullText`: the full-text index and the bm25-ranked matches of a query;
- `turntable.TurnTables`: the in-memory turn table that search filters and counts with;
- `searching.Searching`: `search` in its three modes, hits, snippets and facets;
- `vectors.Vectors`: embedding the turns, and the semantic ranking;
- `stats.Stats`: the store's figures, counts over time, topics;
- `checks.Checks`: filters no stored turn can pass, and the integrity check.
"""

from __future__ import annotations

import math
import os
import threading

from ..errors import StoreError
from .bounds import page as _page
from .checks import Checks
from .engines import Engine, make_engine
from .fulltext import FullText
from .memory import TurnTable, VectorIndex
from .reading import Reading, decode_record
from .searching import FACET_LIMIT, MODES, POOL, Searching
from .stats import INTERVALS, Stats
from .turntable import TurnTables
from .url import StoreURL, parse_url
from .vectors import Vectors
from .writing import Writing

__all__ = [
    "Store",
    "open_store",
    "open_existing",
    "decode_record",
    "MODES",
    "POOL",
    "FACET_LIMIT",
    "INTERVALS",
    "_page",
]


class Store(Writing, Reading, FullText, TurnTables, Searching, Vectors, Stats, Checks):
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

    def close(self) -> None:
        self.wait_for_reload()
        self.engine.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.engine.name} {self.url}>"


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
