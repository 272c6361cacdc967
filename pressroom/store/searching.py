"""Search: the three modes (full-text, semantic, hybrid), the hits with their snippets, and the
facet counts of what matched."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..errors import UsageError
from ..search import (
    MAX_QUERY_CHARS,
    FacetValue,
    Filters,
    Query,
    QueryError,
    SearchHit,
    SearchResult,
    highlight_terms,
    parse_query,
    rrf,
    split_highlights,
)
from .bounds import page as _page

MODES = ("fulltext", "semantic", "hybrid")
#: how many candidates each ranking contributes to semantic facets and hybrid fusion
POOL = 200
#: facet values returned per facet
FACET_LIMIT = 10


class Searching:
    """`Store.search` and what it shows."""

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
