"""Ingest: files, folders and globs → parsed (and optionally annotated) records in a store.

Reading, parsing, annotating and turning a record into rows run in worker processes; the
calling process only writes, one transaction per transcript, so the database never holds
half a transcript and a killed ingest loses at most the transcript being written.

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
from typing import Callable, Iterable, Iterator, Sequence

from .errors import PressroomError, StoreError, UsageError

#: transcripts stored between two full-text index batches (see `Store.add_prepared`)
INDEX_EVERY = 64
#: file name endings taken from folders (a file named explicitly is always tried)
EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf", ".docx", ".vtt", ".srt")


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

    def add_dir(d: Path) -> None:
        for root, dirs, files in os.walk(d):
            dirs[:] = sorted(x for x in dirs if not x.startswith("."))
            for name in sorted(files):
                if not name.startswith(".") and name.lower().endswith(EXTENSIONS):
                    p = Path(root) / name
                    found.setdefault(str(p.resolve()), p)

    for item in inputs:
        text = str(item)
        p = Path(text)
        if p.is_dir():
            add_dir(p)
        elif p.exists():
            found.setdefault(str(p.resolve()), p)
        elif any(ch in text for ch in "*?["):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                missing.append(FileResult(text, "failed", reason="no file matches this pattern"))
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    add_dir(mp)
                elif mp.is_file():
                    found.setdefault(str(mp.resolve()), mp)
        else:
            missing.append(FileResult(text, "failed", reason="no such file or folder"))
    return sorted(found.values(), key=str), missing


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
def prepare_file(path: str, annotators: Sequence[str] = ()) -> tuple[str, object]:
    """Read, parse, annotate and turn one file into rows. Returns ("ok", Prepared) or
    ("failed", reason). Runs in a worker process; never raises for bad input."""
    from .annotate import annotate
    from .parse import parse_document
    from .read import read_path
    from .read.limits import work_limit
    from .store.rows import prepare

    try:
        doc = read_path(path)
        with work_limit("parse", path):
            transcript = parse_document(doc)
        if annotators:
            with work_limit("annotate", path):
                annotate(transcript, doc.text, list(annotators))
        return "ok", prepare(transcript, doc.text)
    except PressroomError as exc:
        return "failed", str(exc)
    except RecursionError:
        return "failed", "internal error: the file nests too deeply to parse"
    except Exception as exc:  # a bug must not stop the other files
        return "failed", f"internal error ({type(exc).__name__}: {exc})"


from .workers import init_worker  # noqa: E402  (re-exported: batch and the store use it)


# -- the driver ---------------------------------------------------------------------------
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
    todo, finish = begin(store, inputs, report, progress, on_start)

    unindexed = 0
    try:
        for path, outcome in _prepared(todo, workers, annotators):
            result = _store_one(store, path, outcome)
            finish(result)
            if result.status in ("added", "updated"):
                unindexed += 1
                if unindexed >= INDEX_EVERY:
                    store.sync_index()
                    unindexed = 0
    except BaseException:  # Ctrl-C or a fatal store error: index what was stored, then stop
        with contextlib.suppress(Exception):
            store.sync_index()
        raise
    store.sync_index()
    if annotators and report.stored:
        report.not_annotated = _not_annotated(store, report.stored, annotators)
    if identity and (report.added or report.updated):
        from .identity import rebuild

        report.identity = rebuild(store).to_dict()
    if store.engine.name == "sqlite":
        store.engine.execute("PRAGMA wal_checkpoint(PASSIVE)")
    report.seconds = time.perf_counter() - started
    return report


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


def _store_one(store, path: str, outcome: tuple[str, object]) -> FileResult:
    status, value = outcome
    if status != "ok":
        return FileResult(path, "failed", reason=str(value))
    try:
        res = store.add_prepared(value, index=False)
    except StoreError as exc:
        return FileResult(path, "failed", reason=str(exc))
    except Exception as exc:  # the transaction was rolled back; report and go on
        if _fatal(exc):
            raise StoreError(f"cannot write to {store.url}: {exc}")
        return FileResult(path, "failed", reason=f"cannot store it ({type(exc).__name__}: {exc})")
    return FileResult(path, res.status, res.event_id, res.version, turns=res.turns)


def _fatal(exc: Exception) -> bool:
    """Database errors that will fail every later file too (disk full, read-only, …)."""
    text = str(exc).lower()
    return any(s in text for s in ("disk is full", "readonly", "read-only", "disk i/o", "no space"))


def _prepared(paths: list[Path], workers: int, annotators: list[str]) -> Iterator[tuple[str, tuple[str, object]]]:
    """(path, outcome) for each path, in completion order; at most a few files per worker
    are in flight, so memory stays flat however many files there are."""
    if not paths:
        return
    if workers == 1 or len(paths) == 1:
        for p in paths:
            yield str(p), prepare_file(str(p), annotators)
        return
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["pressroom.ingest", "pressroom.parse", "pressroom.store.rows"])
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(paths)), mp_context=ctx, initializer=init_worker, initargs=(os.getpid(),)
    )
    pending: dict[Future, str] = {}
    queue = iter(paths)
    limit = workers * 4
    try:

        def fill() -> None:
            while len(pending) < limit:
                p = next(queue, None)
                if p is None:
                    return
                pending[pool.submit(prepare_file, str(p), annotators)] = str(p)

        fill()
        while pending:
            finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for fut in finished:
                path = pending.pop(fut)
                try:
                    outcome = fut.result()
                except BrokenProcessPool:
                    outcome = ("failed", "internal error: the worker process died while parsing this file")
                except Exception as exc:
                    outcome = ("failed", f"internal error ({type(exc).__name__}: {exc})")
                yield path, outcome
            try:
                fill()
            except RuntimeError:  # the pool broke: report the rest one by one, inline
                for p in queue:
                    yield str(p), prepare_file(str(p), annotators)
    finally:
        for fut in pending:
            fut.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
