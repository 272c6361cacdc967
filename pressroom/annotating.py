"""Annotate what is stored: `pressroom annotate` (and `batch --annotate-only`).

The annotators read the stored record and the source text rebuilt from it (`rows.rebuild_source`,
the ``sources`` table), never the files. Each stored annotation carries its annotator's name and
version (`pressroom.annotate.version_of`, table ``annotation_runs``): a version whose annotations
are current is skipped, so a re-run does nothing and a killed run, re-run, finishes the rest;
an annotator whose version changed runs again on every version it annotated. Each transcript's
new annotations are written in one transaction (`Store.replace_annotations`), so every transcript
has each annotation once, whenever the run stops.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

from .errors import PressroomError, UsageError

#: not an annotator of the record: the search vectors of the turns (`Store.embed`)
EMBED = "embed"


@dataclass
class AnnotateReport:
    transcripts: int = 0  # selected (current versions)
    annotated: int = 0
    current: int = 0  # skipped: their annotations are current
    failed: int = 0
    seconds: float = 0.0
    annotators: dict[str, str] = field(default_factory=dict)  # name: installed version
    failures: list[tuple[str, str]] = field(default_factory=list)  # (event id, reason)
    partial_source: int = 0  # annotated from turns only (stored before schema v5: no header)
    embed: dict | None = None

    def to_dict(self) -> dict:
        return {
            "transcripts": self.transcripts,
            "annotated": self.annotated,
            "current": self.current,
            "failed": self.failed,
            "seconds": round(self.seconds, 3),
            "annotators": self.annotators,
            "partial_source": self.partial_source,
            "failures": [{"event": e, "reason": r} for e, r in self.failures],
            "embed": self.embed,
        }


def split_names(names: Sequence[str] | None) -> tuple[list[str], bool]:
    """(record annotators in pipeline order with what they require, whether to embed)."""
    from .annotate import DEFAULT_PIPELINE, resolve_order

    names = list(names or DEFAULT_PIPELINE)
    embed = EMBED in names
    rest = [n for n in names if n != EMBED]
    return (resolve_order(rest) if rest else []), embed


def select(
    store, where: str | None = None, since: str | None = None, event: str | None = None
) -> list[tuple[str, int]]:
    """(event id, current version row id) of the events chosen: all, those with a turn matching
    the search ``where``, those from ``since`` on, or the one ``event``."""
    from .search import Filters

    if sum(x is not None for x in (where, since, event)) > 1:
        raise UsageError("give one of --where, --since and --event")
    ids = store.event_ids(Filters(since=since, event=event), where)
    if event is not None and not ids:
        raise UsageError(f"no event {event!r} in {store.url}")
    return store.current_versions(ids)


def todo_for(state: dict[str, str], order: list[str], versions: dict[str, str], force: bool) -> list[str]:
    """The annotators of ``order`` to run on a version annotated with ``state``."""
    return [n for n in order if force or state.get(n) != versions[n]]


def annotate_one(record: bytes, gaps: bytes | None, todo: Sequence[str], name: str) -> tuple[str, object]:
    """Run ``todo`` on one stored version (its compressed record and source gaps); return ("ok",
    Prepared) or ("failed", reason). Runs in this process or a worker; never raises for bad data."""
    from .annotate import annotate
    from .read.limits import work_limit
    from .record import Transcript
    from .store.rows import prepare, rebuild_source
    from .store.store import decode_record

    try:
        transcript = Transcript.from_dict(decode_record(record))
        text = rebuild_source(transcript, gaps)
        with work_limit("annotate", name):
            annotate(transcript, text, list(todo))
        return "ok", prepare(transcript)
    except PressroomError as exc:
        return "failed", str(exc)
    except Exception as exc:  # a bug must not stop the other transcripts
        return "failed", f"internal error ({type(exc).__name__}: {exc})"


def _inputs(store, chosen: list[tuple[str, int]], todo: dict[int, list[str]]) -> Iterator[tuple]:
    for event_id, vid in chosen:
        if vid in todo:
            rec = store.engine.one("SELECT record FROM versions WHERE id = ?", (vid,))[0]
            src = store.engine.one("SELECT gaps FROM sources WHERE version_id = ?", (vid,))
            yield event_id, vid, bytes(rec), (bytes(src[0]) if src else None)


def _outcomes(items: Iterator[tuple], todo: dict[int, list[str]], workers: int) -> Iterator[tuple]:
    """(event id, version id, had the whole source, outcome) per item; in ``workers`` processes
    (a few items each in flight) or in this one."""
    if workers <= 1:
        for event_id, vid, rec, gaps in items:
            yield event_id, vid, gaps is not None, annotate_one(rec, gaps, todo[vid], event_id)
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    from .workers import init_worker

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["pressroom.annotating", "pressroom.annotate"])
    pending: dict = {}
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=init_worker, initargs=(os.getpid(),)) as pool:
        for item in items:
            event_id, vid, rec, gaps = item
            pending[pool.submit(annotate_one, rec, gaps, todo[vid], event_id)] = (event_id, vid, gaps is not None)
            while len(pending) >= workers * 2:
                yield from _drain(pending, wait, FIRST_COMPLETED)
        while pending:
            yield from _drain(pending, wait, FIRST_COMPLETED)


def _drain(pending: dict, wait, mode) -> Iterator[tuple]:
    finished, _ = wait(list(pending), return_when=mode)
    for fut in finished:
        event_id, vid, whole = pending.pop(fut)
        try:
            outcome = fut.result()
        except Exception as exc:
            outcome = ("failed", f"internal error ({type(exc).__name__}: {exc})")
        yield event_id, vid, whole, outcome


def annotate_stored(
    store,
    names: Sequence[str] | None = None,
    where: str | None = None,
    since: str | None = None,
    event: str | None = None,
    force: bool = False,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    status: Callable[[str], None] | None = None,
) -> AnnotateReport:
    """Run annotators (default: the default pipeline; ``embed`` for search vectors) over the
    current versions of the stored events chosen by ``where``/``since``/``event``; skip the
    versions whose annotations are current unless ``force``. ``progress(done, total)`` after
    each transcript; ``on_start(total)`` once the work is known; ``status(line)`` says what is
    loading."""
    from .annotate import version_of

    started = time.perf_counter()
    order, embed = split_names(names)
    report = AnnotateReport(annotators={n: version_of(n) for n in order})
    chosen = select(store, where, since, event)
    report.transcripts = len(chosen)
    states = store.annotation_state([vid for _, vid in chosen])
    todo = {vid: t for _, vid in chosen if (t := todo_for(states[vid], order, report.annotators, force))}
    report.current = len(chosen) - len(todo)
    if on_start:
        on_start(len(todo))
    if todo and workers <= 1:  # workers load their own
        from .annotate import load_models

        load_models(sorted({n for t in todo.values() for n in t}, key=order.index), status)
    done = 0
    for event_id, vid, whole, (ok, value) in _outcomes(_inputs(store, chosen, todo), todo, workers):
        if ok == "ok":
            runs = dict(states[vid], **{n: report.annotators[n] for n in todo[vid]})
            value.runs = list(runs.items())
            store.replace_annotations(vid, value)
            report.annotated += 1
            report.partial_source += not whole
        else:
            report.failed += 1
            report.failures.append((event_id, str(value)))
        done += 1
        if progress:
            progress(done, len(todo))
    if embed:
        report.embed = embed_stored(store, [e for e, _ in chosen], status).to_dict()
    report.seconds = time.perf_counter() - started
    return report


def embed_stored(store, event_ids: list[str], status: Callable[[str], None] | None = None):
    """Search vectors for the chosen events' current turns that have none (`Store.embed`)."""
    from .embed import default_embedder

    if status:
        status("loading the search encoder…")
    embedder = default_embedder()
    return store.embed(embedder, events=event_ids)
