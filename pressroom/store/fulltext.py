"""Full-text search: the turns' index (SQLite FTS5, kept in batches; PostgreSQL's tsvector is
written with each row) and the bm25-ranked matches of a query."""

from __future__ import annotations

import numpy as np

from ..search import Filters, Query, SearchResult
from .memory import TurnTable


class FullText:
    """`Store`'s full-text index and ranking."""

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
