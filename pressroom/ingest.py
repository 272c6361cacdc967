"""Ingest: files, folders and globs → parsed (and optionally annotated) records in a store.

The one driver of pressroom's ingests: worker processes (here) or a Dask cluster
(`pressroom.batch`, its Dask mode) read, parse, annotate and turn each record into rows
(`prepare_source`); the calling process only writes (`Writer`), so the database never holds
half a transcript and a killed ingest loses at most what is being written. ``pressroom ingest``
writes one transcript per transaction and indexes the full text every `INDEX_EVERY`;
``pressroom batch`` writes ``batch_size`` per transaction, each with its index.

Idempotent: a file whose bytes (sha256) are stored already is skipped before it is parsed.
A transcript of a known source (same URL, or same date and title) with other bytes becomes
a new version; the old one is kept (see `Store.add_prepared`).

A file that cannot be read or parsed is reported with its reason and skipped; the others go on.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import multiprocessing
import os
import stat
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, ContextManager, Iterable, Iterator, Sequence

from .errors import ModelError, PressroomError, StoreError, UsageError
from .workers import init_worker

#: transcripts stored between two full-text index batches (see `Store.add_prepared`)
INDEX_EVERY = 64
#: files in flight per worker process (bounded, so memory stays flat however many files)
IN_FLIGHT_PER_WORKER = 4
#: file name endings taken from folders (a file named explicitly is always tried)
EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf", ".docx", ".vtt", ".srt")

Outcome = tuple  # ("ok", Prepared, timings) | ("failed", reason, timings) | ("fatal", reason, timings)


@dataclass
class FileResult:
    path: str
    status: str  # added | updated | unchanged | failed
    event_id: str | None = None
    version: int | None = None
    reason: str | None = None
    turns: int = 0


@dataclass
class IngestReport:
    files: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    turns: int = 0
    seconds: float = 0.0
    failures: list[FileResult] = field(default_factory=list)
    identity: dict | None = None  # the identity rebuild's report (`pressroom.identity.rebuild`)
    #: files stored already whose current annotations lack some of the annotators asked for
    #: (`ingest` never annotates stored files: `pressroom annotate` does)
    not_annotated: int = 0
    stored: list[FileResult] = field(default_factory=list, repr=False)

    def count(self, result: FileResult) -> None:
        self.files += 1
        setattr(self, result.status, getattr(self, result.status) + 1)
        if result.status == "failed":
            self.failures.append(result)
        elif result.status == "unchanged":
            self.stored.append(result)
        elif result.status in ("added", "updated"):
            self.turns += result.turns

    def received(self, status: str, timings: dict[str, float], at: float) -> None:
        """An outcome came back from a worker, ``at`` seconds after the start (`BatchReport` counts)."""

    def wrote(self, n: int, seconds: float) -> None:
        """``n`` transcripts went through a write, in ``seconds`` (`BatchReport` counts)."""

    def to_dict(self) -> dict:
        return {
            "files": self.files,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "turns": self.turns,
            "seconds": round(self.seconds, 3),
            "failures": [{"path": f.path, "reason": f.reason} for f in self.failures],
            "identity": self.identity,
            "not_annotated": self.not_annotated,
        }


# -- finding files ------------------------------------------------------------------------
def discover(inputs: Iterable[str | os.PathLike]) -> tuple[list[Path], list[FileResult]]:
    """Expand files, folders (recursively; transcript extensions only; hidden entries
    skipped) and glob patterns into a sorted, de-duplicated list of files. Inputs that
    match nothing come back as failures."""
    found: dict[str, Path] = {}
    missing: list[FileResult] = []
    for item in inputs:
        text = str(item)
        p = Path(text)
        if p.is_dir():
            _add_dir(p, found)
        elif p.exists():
            found.setdefault(str(p.resolve()), p)
        elif any(ch in text for ch in "*?["):
            _add_glob(text, found, missing)
        else:
            missing.append(FileResult(text, "failed", reason="no such file or folder"))
    return sorted(found.values(), key=str), missing


def _add_dir(d: Path, found: dict[str, Path]) -> None:
    """The transcript files under folder ``d`` (hidden entries skipped), into ``found``."""
    for root, dirs, files in os.walk(d):
        dirs[:] = sorted(x for x in dirs if not x.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(EXTENSIONS):
                p = Path(root) / name
                found.setdefault(str(p.resolve()), p)


def _add_glob(pattern: str, found: dict[str, Path], missing: list[FileResult]) -> None:
    """What a glob pattern matches (folders expanded), into ``found``; none: a failure."""
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        missing.append(FileResult(pattern, "failed", reason="no file matches this pattern"))
    for m in matches:
        mp = Path(m)
        if mp.is_dir():
            _add_dir(mp, found)
        elif mp.is_file():
            found.setdefault(str(mp.resolve()), mp)


def file_sha256(path: Path) -> str | None:
    """The sha256 of a regular file's bytes; None for anything else (a FIFO, a device, a file
    that cannot be opened), which the worker's reader then refuses with its coded error. The
    kind is checked before opening, and the open cannot block: a FIFO never holds the ingest."""
    h = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None  # the worker reports why
    return h.hexdigest()


def split_known(store, files: Iterable[Path]) -> tuple[list[Path], list[FileResult]]:
    """(files to parse, results for the files whose exact bytes the store holds already)."""
    todo: list[Path] = []
    unchanged: list[FileResult] = []
    for p in files:
        sha = file_sha256(p)
        known = store.version_of(sha) if sha is not None else None
        if known is not None:
            unchanged.append(FileResult(str(p), "unchanged", known[0], known[1]))
        else:
            todo.append(p)
    return todo, unchanged


def begin(store, inputs, report: "IngestReport", progress=None, on_start=None):
    """Start a run (ingest or batch): find the files, announce the total, count the missing and
    the already-stored ones into ``report``. Returns (files to prepare, ``finish(result)``, which
    counts each further result and reports progress)."""
    files, missing = discover(inputs)
    total = len(files) + len(missing)
    if on_start:
        on_start(total)
    done = 0

    def finish(result: FileResult) -> None:
        nonlocal done
        done += 1
        report.count(result)
        if progress:
            progress(result, done, total)

    for m in missing:
        finish(m)
    todo, unchanged = split_known(store, files)
    for result in unchanged:
        finish(result)
    return todo, finish


# -- the worker ---------------------------------------------------------------------------
_WARM: dict[tuple[str, ...], str | None] = {}  # annotators → None (loaded) or why they could not load


#: a tiny briefing the annotators run over once per worker, so that what they load lazily on
#: their first transcript (spaCy's stop words, rapidfuzz, …) is loaded before the real work
WARM_UP_TEXT = b"""Press Briefing by Press Secretary Jen Smith

March 22, 2021

MS. SMITH: Good afternoon. The economy grew by 3 percent in the first quarter, and we expect it to \
keep growing. The President will meet NATO allies in Brussels next week.

Q: Thank you. Will the President meet the Prime Minister of Canada in Brussels?

MS. SMITH: The President will meet NATO allies in Brussels next week. The economy grew by 3 percent \
in the first quarter, and we expect it to keep growing.

Q: And on inflation, Jen?

MS. SMITH: The President will meet NATO allies in Brussels next week, and I'm not going to get ahead \
of the Federal Reserve. "We are working hard," he said.
"""


def warm_up(annotators: Sequence[str]) -> str | None:
    """Load the annotators' models into this process once (they stay in
    `pressroom.annotate`'s instance cache) and run them over `WARM_UP_TEXT`. Returns None,
    or the reason they cannot load; the reason is remembered, so every later task
    reports it without retrying."""
    key = tuple(annotators)
    if key not in _WARM:
        from .annotate import annotate
        from .parse import parse_document
        from .read import read_bytes
        from .annotate import pipeline

        try:
            if key:
                pipeline(list(key))
            _WARM[key] = None
        except PressroomError as exc:
            _WARM[key] = str(exc)
        except ImportError as exc:
            _WARM[key] = f"an annotator cannot be loaded ({exc})"
        except Exception as exc:
            _WARM[key] = f"an annotator cannot be loaded ({type(exc).__name__}: {exc})"
        if key and _WARM[key] is None:
            try:
                doc = read_bytes(WARM_UP_TEXT, name="warm-up.txt")
                annotate(parse_document(doc), doc.text, list(key))
            except Exception:  # only a warm-up: a real file will say what is wrong
                pass
    return _WARM[key]


def _annotate(transcript, text: str, annotators: Sequence[str], timings: dict[str, float] | None) -> None:
    """`pressroom.annotate.annotate`; with ``timings``, the annotators one after another, each
    timed (the same order and bookkeeping)."""
    from .annotate import annotate, apply, resolve_order

    if timings is None:
        annotate(transcript, text, list(annotators))
        return
    order = resolve_order(annotators)
    for n in order:
        t = time.perf_counter()
        apply(n, transcript, text)  # with the checks of what it requires and assigns
        timings[f"annotate:{n}"] = time.perf_counter() - t
    done = transcript.annotations.setdefault("pipeline", [])
    for n in order:
        if n not in done:
            done.append(n)


def prepare_source(name: str, data: bytes | None = None, annotators: Sequence[str] = (), batch: bool = True) -> Outcome:
    """Read (from ``data`` when given, else from the path ``name``), parse, annotate and
    turn one file into rows, timing each stage. Returns ``("ok", Prepared, timings)`` or
    ``("failed", reason, timings)``. Runs on a worker; never raises for bad input.

    ``batch`` (``pressroom batch``): the annotators are loaded once per process first
    (`warm_up`; ``("fatal", reason, {})`` when they cannot load), run one after another and
    timed each; parsing and annotating run without the ingest's time limits. Otherwise
    (``pressroom ingest``): `pressroom.annotate.annotate`, under ``PRESSROOM_PARSE_SECONDS`` and
    ``PRESSROOM_ANNOTATE_SECONDS``. Both make the same rows."""
    from .parse import parse_document
    from .read import read_bytes, read_path
    from .read.limits import work_limit
    from .store.rows import prepare

    timings: dict[str, float] = {}
    if batch:
        problem = warm_up(annotators)
        if problem is not None:
            return "fatal", problem, {}
    limit = (lambda doing: contextlib.nullcontext()) if batch else (lambda doing: work_limit(doing, name))
    cpu = time.process_time()
    try:
        t = time.perf_counter()
        doc = read_path(name) if data is None else read_bytes(data, name=name)
        t2 = time.perf_counter()
        timings["read"] = t2 - t
        with limit("parse"):
            transcript = parse_document(doc)
        t = time.perf_counter()
        timings["parse"] = t - t2
        if annotators:
            with limit("annotate"):
                _annotate(transcript, doc.text, annotators, timings if batch else None)
        t = time.perf_counter()
        prepared = prepare(transcript, doc.text)
        timings["rows"] = time.perf_counter() - t
        timings["cpu"] = time.process_time() - cpu  # this process's CPU time, all stages
        return "ok", prepared, timings
    except PressroomError as exc:
        return "failed", str(exc), timings
    except RecursionError:
        return "failed", "internal error: the file nests too deeply to parse", timings
    except Exception as exc:  # a bug must not stop the other files
        return "failed", f"internal error ({type(exc).__name__}: {exc})", timings


def prepare_file(path: str, annotators: Sequence[str] = ()) -> tuple[str, object]:
    """`prepare_source` as ``pressroom ingest`` runs it: ("ok", Prepared) or ("failed", reason)."""
    return prepare_source(str(path), None, annotators, batch=False)[:2]


def _init_process(annotators: tuple[str, ...], parent_pid: int, batch: bool) -> None:
    """Process-pool initializer: the workers' set-up (`workers.init_worker`), then, for a
    batch, the annotators' models, loaded once."""
    init_worker(parent_pid)
    if batch:
        warm_up(annotators)


# -- local processes ----------------------------------------------------------------------
def local_outcomes(
    paths: Sequence[Path], workers: int, annotators: Sequence[str], batch: bool = False
) -> Iterator[tuple[str, Outcome]]:
    """(name, outcome) per path, in completion order, from ``workers`` local processes (this
    process when one is enough); at most `IN_FLIGHT_PER_WORKER` files per worker are in flight,
    so memory stays flat however many files there are."""
    annotators = tuple(annotators)
    n = min(workers, len(paths))
    if n <= 1:
        for p in paths:
            yield str(p), prepare_source(str(p), None, annotators, batch)
        return
    yield from _pool_outcomes(paths, n, annotators, batch)


def _pool_outcomes(paths: Sequence[Path], n: int, annotators: tuple[str, ...], batch: bool):
    """`local_outcomes` from a pool of ``n`` processes."""
    doing = "preparing" if batch else "parsing"
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["pressroom.ingest", "pressroom.parse", "pressroom.store.rows"])
    pool = ProcessPoolExecutor(
        max_workers=n, mp_context=ctx, initializer=_init_process, initargs=(annotators, os.getpid(), batch)
    )
    pending: dict[Future, str] = {}
    queue = iter(paths)
    limit = n * IN_FLIGHT_PER_WORKER
    try:

        def fill() -> None:
            while len(pending) < limit:
                p = next(queue, None)
                if p is None:
                    return
                pending[pool.submit(prepare_source, str(p), None, annotators, batch)] = str(p)

        fill()
        while pending:
            finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for fut in finished:
                yield pending.pop(fut), _outcome_of(fut, doing)
            try:
                fill()
            except RuntimeError:  # the pool broke: prepare the rest here, one by one
                for p in queue:
                    yield str(p), prepare_source(str(p), None, annotators, batch)
    finally:
        for fut in pending:
            fut.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _outcome_of(fut: Future, doing: str) -> Outcome:
    """A finished task's outcome; a worker that died or a task that raised fails its file."""
    try:
        return fut.result()
    except BrokenProcessPool:
        return ("failed", f"internal error: the worker process died while {doing} this file", {})
    except Exception as exc:
        return ("failed", f"internal error ({type(exc).__name__}: {exc})", {})


# -- writing ------------------------------------------------------------------------------
def _fatal(exc: Exception) -> bool:
    """Database errors that will fail every later write too (disk full, read-only, …)."""
    text = str(exc).lower()
    return any(s in text for s in ("disk is full", "readonly", "read-only", "disk i/o", "no space"))


def _result(name: str, res) -> FileResult:
    return FileResult(name, res.status, res.event_id, res.version, turns=res.turns)


def _write_one(store, name: str, prepared, index: bool = True) -> FileResult:
    """Write one prepared record in its own transaction (``index``: with its full-text index)."""
    try:
        res = store.add_prepared(prepared, index=index)
    except StoreError as exc:
        return FileResult(name, "failed", reason=str(exc))
    except Exception as exc:  # the transaction was rolled back; report and go on
        if _fatal(exc):
            raise StoreError(f"cannot write to {store.url}: {exc}")
        return FileResult(name, "failed", reason=f"cannot store it ({type(exc).__name__}: {exc})")
    return _result(name, res)


def write_batch(store, batch: Sequence[tuple[str, Any]], index: bool = True) -> list[FileResult]:
    """Write prepared records ``[(name, Prepared)]`` in one transaction: each
    `Store.add_prepared` joins it, leaving the full-text index to one `Store.sync_index`
    at the end of the same transaction (``index=False``: to a later one). If one record
    fails, the batch is rolled back and written again one transaction per record, so only
    the bad one is lost."""
    if len(batch) > 1:
        try:
            with store.engine.transaction():
                results = [_result(name, store.add_prepared(p, index=False)) for name, p in batch]
                if index:
                    store.sync_index()
                return results
        except Exception as exc:
            if _fatal(exc):
                raise StoreError(f"cannot write to {store.url}: {exc}")
    return [_write_one(store, name, p, index) for name, p in batch]


class Writer:
    """The run's one writer: takes the workers' outcomes, writes ``batch_size`` records per
    transaction (a batch is written when full, or once it is ``max_wait`` seconds old), and
    keeps the full-text index: with each batch (``index_every=0``), or after every
    ``index_every`` transcripts stored. ``finish(result)`` is called for each file."""

    def __init__(
        self,
        store,
        finish: Callable[[FileResult], None],
        report: IngestReport,
        batch_size: int = 1,
        index_every: int = INDEX_EVERY,
        max_wait: float | None = None,
        started: float | None = None,
    ):
        self.store, self.finish, self.report = store, finish, report
        self.batch_size, self.index_every, self.max_wait = batch_size, index_every, max_wait
        self.started = time.perf_counter() if started is None else started
        self.batch: list[tuple[str, Any]] = []
        self.oldest = 0.0
        self.unindexed = 0

    def take(self, name: str, outcome: Outcome) -> None:
        status, value, timings = outcome
        if status == "fatal":
            raise ModelError(f"the annotators cannot load on a worker: {value}")
        if timings is not None:  # came back from a worker (not a file this process could not send)
            self.report.received(status, timings, time.perf_counter() - self.started)
        if status != "ok":
            self.finish(FileResult(name, "failed", reason=str(value)))
            return
        if not self.batch:
            self.oldest = time.perf_counter()
        self.batch.append((name, value))
        if len(self.batch) >= self.batch_size or (
            self.max_wait is not None and time.perf_counter() - self.oldest >= self.max_wait
        ):
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        t = time.perf_counter()
        results = write_batch(self.store, self.batch, index=not self.index_every)
        self.report.wrote(len(self.batch), time.perf_counter() - t)
        self.batch.clear()
        for result in results:
            self.finish(result)
            if self.index_every and result.status in ("added", "updated"):
                self.unindexed += 1
                if self.unindexed >= self.index_every:
                    self.store.sync_index()
                    self.unindexed = 0


# -- the driver ---------------------------------------------------------------------------
def run(
    store,
    inputs: Iterable[str | os.PathLike],
    report: IngestReport,
    outcomes: Callable[[list[Path]], ContextManager[Iterator[tuple[str, Outcome]]]],
    progress: Callable[[FileResult, int, int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    **writer: Any,
) -> None:
    """The one ingest loop (``pressroom ingest`` and ``pressroom batch``): find the files, skip
    those stored already, send the others to the workers (``outcomes(paths)``: a context giving
    (name, outcome) pairs as they complete) and write what comes back (`Writer`, with the
    ``writer`` options), counting every file into ``report``. The full-text index is brought up
    to date at the end, and when the run stops on an error or Ctrl-C."""
    todo, finish = begin(store, inputs, report, progress, on_start)
    w = Writer(store, finish, report, **writer)
    try:
        if todo:
            with outcomes(todo) as stream:
                for name, outcome in stream:
                    w.take(name, outcome)
                w.flush()
    except BaseException:  # Ctrl-C or a fatal error: index what was stored, then stop
        with contextlib.suppress(Exception):
            store.sync_index()
        raise
    store.sync_index()


def checkpoint(store) -> None:
    """SQLite: fold the write-ahead log into the database file, without waiting for readers."""
    if store.engine.name == "sqlite":
        store.engine.execute("PRAGMA wal_checkpoint(PASSIVE)")


def ingest_paths(
    store,
    inputs: Iterable[str | os.PathLike],
    workers: int | None = None,
    annotators: Sequence[str] | None = None,
    progress: Callable[[FileResult, int, int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    identity: bool = True,
) -> IngestReport:
    """Ingest files, folders and globs into ``store``. ``workers``: processes that read
    and parse (default: the CPU count; 1 parses in this process). ``progress(result,
    done, total)`` is called after each file; ``on_start(total)`` once the files are known.
    ``identity``: when anything was stored, link the corpus's speakers to persons and
    affiliations to outlets again, once, after the writes (`pressroom.identity.rebuild`)."""
    started = time.perf_counter()
    annotators = list(annotators or [])
    if annotators:
        from .annotate import resolve_order

        resolve_order(annotators)  # unknown names fail here, before any work
    workers = (os.cpu_count() or 1) if workers is None else int(workers)
    if workers < 1:
        raise UsageError(f"--workers must be 1 or more, not {workers}")
    report = IngestReport()

    def outcomes(todo: list[Path]):
        return contextlib.closing(local_outcomes(todo, workers, annotators))

    run(store, inputs, report, outcomes, progress, on_start)
    if annotators and report.stored:
        report.not_annotated = _not_annotated(store, report.stored, annotators)
    if identity and (report.added or report.updated):
        from .identity import rebuild

        report.identity = rebuild(store).to_dict()
    checkpoint(store)
    report.seconds = time.perf_counter() - started
    return report


def add_transcript(store, transcript, source_text: str | None = None, annotators: Sequence[str] | None = None):
    """Annotate one parsed transcript (when ``annotators`` are given; they need its source
    text), then store it (`Store.add`): the driver's order, for a transcript in hand."""
    if annotators:
        if source_text is None:
            raise UsageError("annotators need the transcript's source text")
        from .annotate import annotate

        annotate(transcript, source_text, list(annotators))
    return store.add(transcript, source_text)


def _not_annotated(store, stored: list[FileResult], annotators: Sequence[str]) -> int:
    """How many of the stored files' versions lack a current annotation of ``annotators``."""
    from .annotate import resolve_order, version_of

    wanted = {n: version_of(n) for n in resolve_order(annotators)}
    ids = []
    for r in stored:
        row = store.engine.one("SELECT id FROM versions WHERE event_id = ? AND version = ?", (r.event_id, r.version))
        if row is not None:
            ids.append(int(row[0]))
    states = store.annotation_state(ids)
    return sum(1 for vid in ids if any(states[vid].get(n) != v for n, v in wanted.items()))
