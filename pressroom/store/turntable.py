"""The in-memory turn table: the turns' filter and facet columns that search filters and counts
with (`memory.TurnTable`), loaded on first use and reloaded when the store holds new turns or
versions, in the background when serving. A reload reads every turn (one to two seconds on
../shared/corpus-large)."""

from __future__ import annotations

import logging
import threading
import time

import numpy as np

from ..errors import UsageError
from ..search import CLARITY_ALIASES, Filters, Query, _check_date, parse_query, term_in
from .bounds import next_period
from .memory import TurnTable, date_number

log = logging.getLogger("pressroom.store")


class TurnTables:
    """`Store`'s in-memory turn table."""

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
        until = date_number(next_period(_check_date("until", filters.until))) if filters.until else None
        if filters.clarity:
            filters = Filters(
                **{**filters.__dict__, "clarity": CLARITY_ALIASES.get(filters.clarity.strip().lower(), filters.clarity)}
            )
        return table.mask(filters, since, until)

    def names(self, column: str) -> list[str]:
        """The distinct speaker names (``column="speaker"``) or outlets (``"outlet"``) of the
        stored turns, sorted."""
        if column not in ("speaker", "outlet"):
            raise UsageError(f"no names for {column!r}; choose speaker or outlet")
        return sorted((v for v in self._turn_table().columns[column].values if v), key=str.lower)
