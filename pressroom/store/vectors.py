"""Vectors: embedding the stored turns and the semantic ranking of a query over them."""

from __future__ import annotations

import time
from typing import Callable, Sequence

import numpy as np

from ..errors import StoreError
from ..search import Filters
from .memory import VectorIndex
from .models import EmbedReport


class Vectors:
    """`Store`'s embeddings and semantic ranking."""

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
