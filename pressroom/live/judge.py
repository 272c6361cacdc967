"""Verdicts for the exchanges whose answers have closed, from the clarity annotator, and the
worker thread that gives them without holding up the stream."""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from typing import Any, Callable


class CachedEmbedder:
    """The evidence encoder with a memory: a sentence already embedded (an answer judged again
    after a silence, a question asked twice) is not embedded again. ``inner`` gives the encoder
    on first use; at most ``size`` vectors are kept (the oldest go first)."""

    def __init__(self, inner: Callable[[], Any], size: int = 20000):
        self._inner, self._encoder, self.size = inner, None, size
        self.vectors: OrderedDict[str, Any] = OrderedDict()
        self.embedded = 0  # texts actually run through the encoder

    @property
    def encoder(self):
        if self._encoder is None:
            self._encoder = self._inner()
        return self._encoder

    def embed(self, texts):
        import numpy as np

        missing = list(dict.fromkeys(t for t in texts if t not in self.vectors))
        if missing or not texts:
            fresh = self.encoder.embed(missing)
            if not texts:
                return fresh
            self.embedded += len(missing)
            self.vectors.update(zip(missing, fresh))
        out = np.stack([self.vectors[t] for t in texts])
        while len(self.vectors) > self.size:
            self.vectors.popitem(last=False)
        return out


class ClarityJudge:
    """The clarity annotator run on exchanges whose answers have closed: their items (clarity,
    confidence, evasion, evidence, or why a question is not judged), exactly as `pressroom
    analyze` writes them into ``exchange.annotations["clarity"]``. The model is loaded once, on
    the first verdict (or by `load`). ``background``: a live session gives these verdicts from a
    worker thread (`JudgeWorker`)."""

    background = True

    def __init__(self, annotator=None):
        if annotator is None:
            from ..annotate import get

            cls = get("clarity")
            annotator = cls(embedder=CachedEmbedder(lambda: cls().embedder))
        self.annotator = annotator

    def load(self) -> None:
        """Load the model now (a second or two), not at the first answer."""
        self.annotator.model
        embedder = self.annotator.embedder
        getattr(embedder, "encoder", None)

    def warm(self, turn, source_text: str) -> None:
        """Embed the finished sentences of an answer turn that is still open (all but its last,
        which may go on), so that its verdict has only what came last to embed."""
        from ..annotate.stats import turn_body
        from ..clarity.evidence import sentence_units

        embed = getattr(self.annotator.embedder, "embed", None)
        s, e = turn_body(turn, source_text)
        units = sentence_units([source_text[s:e]])[:-1]
        if embed is not None and units:
            embed([u[3] for u in units])

    def __call__(self, record, exchange, source_text: str) -> list[dict]:
        return self.many(record, [exchange], source_text)[0]

    def many(self, record, exchanges, source_text: str) -> list[list[dict]]:
        """The items of each of ``exchanges`` (of ``record``), judged together (one model call)."""
        from ..record import Transcript

        some = Transcript(
            event=record.event,
            speakers=record.speakers,
            turns=record.turns,
            exchanges=[copy.deepcopy(x) for x in exchanges],
        )
        self.annotator.prepare(some, source_text)()
        return [x.annotations.get("clarity", []) for x in some.exchanges]


class JudgeWorker:
    """Gives verdicts in a thread of its own, so that reading and parsing never wait behind a
    judgement and a judgement never waits behind parsing. ``submit(key, job)`` queues a job;
    a job not started yet is replaced by a later one with the same key (an answer that went on
    is judged once, as it stands now). What is waiting when the worker comes free is handed to
    ``run_jobs`` together. `drain` waits until everything submitted is done."""

    def __init__(self, run_jobs: Callable[[list], None]):
        self.run_jobs = run_jobs
        self.pending: dict[Any, Any] = {}
        self.warming: dict[Any, Callable[[], None]] = {}  # done only while no verdict waits
        self.busy = False
        self.closed = False
        self.failed: Exception | None = None
        self.cond = threading.Condition()
        self.thread = threading.Thread(target=self._loop, name="live-judge", daemon=True)
        self.thread.start()

    def submit(self, key, job) -> None:
        with self.cond:
            self.pending[key] = job  # a job waiting under this key keeps its place, with the new content
            self.cond.notify_all()

    def warm(self, key, step: Callable[[], None]) -> None:
        """Run ``step`` when no verdict waits (a later step with the same key replaces it)."""
        with self.cond:
            self.warming[key] = step
            self.cond.notify_all()

    def _loop(self) -> None:
        while True:
            with self.cond:
                while not self.pending and not self.warming and not self.closed:
                    self.cond.wait()
                if not self.pending and (self.closed or not self.warming):
                    return
                jobs = list(self.pending.values())
                self.pending.clear()
                step = self.warming.pop(next(iter(self.warming))) if not jobs else None
                self.busy = True
            try:
                if jobs:
                    self.run_jobs(jobs)
                elif step is not None:
                    step()
            except Exception as exc:  # noqa: BLE001 - the worker must outlive a failed emit; kept for `close`
                self.failed = exc
            finally:
                with self.cond:
                    self.busy = False
                    self.cond.notify_all()

    def drain(self) -> None:
        with self.cond:
            while self.pending or self.busy:
                self.cond.wait()

    def close(self) -> None:
        with self.cond:
            self.warming.clear()  # no more verdicts will need them
        self.drain()
        with self.cond:
            self.closed = True
            self.cond.notify_all()
        self.thread.join()
