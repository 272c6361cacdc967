"""Batch analysis: read, parse and annotate on many workers, write to the store in batches.

    >>> from pressroom.batch import run_batch
    >>> run_batch(["briefings/"], "postgresql://db/corpus", scheduler="tcp://10.0.0.5:8786")
    >>> run_batch(["briefings/"], "corpus.db", local_cluster=2, annotators=["stats", "topics"])
    >>> run_batch(["briefings/"], "corpus.db", workers=2)   # local processes, no Dask needed

Three ways to run the workers:

- **local processes** (no ``scheduler``, no ``local_cluster``): a `ProcessPoolExecutor`;
  Dask is not imported;
- **a local Dask cluster** (``local_cluster=N``): a `distributed.LocalCluster` of N worker
  processes with one thread each, started and stopped here;
- **an existing Dask cluster** (``scheduler="tcp://host:8786"``): the client sends each
  file's bytes to the workers (so they need no shared file system; ``send_paths=True``
  sends paths instead) and needs PostgreSQL: a SQLite file on this machine is refused.

Whatever the workers, the records are the ones the single-process ``pressroom ingest``
makes: a worker runs read → parse → annotate → `store.rows.prepare` exactly as
`ingest.prepare_file` does, and only this process writes, ``batch_size`` transcripts per
transaction (and at least every `MAX_WAIT` seconds). Each worker loads the annotators'
models once (`warm_up`, from the process pool's initializer or a Dask worker plugin; the
instances stay in `pressroom.annotate`'s per-process cache).

Resumable: a file whose bytes (sha256) are stored already is skipped before it is sent; a
killed run loses at most the batch being written. A file that cannot be read, parsed or
stored is reported with its reason at the end; the others go on.
"""

from __future__ import annotations

import multiprocessing
import os
import stat
import time
import uuid
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from .errors import ModelError, PressroomError, StoreError, UsageError
from .ingest import FileResult, IngestReport, begin, init_worker

#: transcripts written per transaction unless told otherwise
BATCH_SIZE = 50
#: a batch is written when it is this many seconds old, even if not full (progress stays live)
MAX_WAIT = 10.0
#: files in flight per worker thread (bounded, so memory stays flat however many files)
IN_FLIGHT_PER_WORKER = 4
#: how long to wait for ``workers`` workers to join a remote scheduler
WAIT_FOR_WORKERS_S = 120.0
#: how long to try to reach a remote scheduler
CONNECT_TIMEOUT_S = 30.0

Outcome = tuple  # ("ok", Prepared, timings) | ("failed", reason, timings) | ("fatal", reason, timings)


class ClusterError(PressroomError):
    """The Dask cluster cannot be reached or used."""

    code = "E050"


@dataclass
class BatchReport(IngestReport):
    """An `IngestReport` plus how the work ran and what each stage cost.

    ``stages``: seconds summed over the transcripts prepared (``read``, ``parse``,
    ``annotate:<name>``, ``rows``) and written (``write``); ``prepared`` counts the
    transcripts that went through the worker stages, ``written`` those that reached a
    write. ``worker_cpu_seconds``: the workers' CPU time over the same stages (less than
    their wall time when the workers share cores with other work); ``client_cpu_seconds``:
    this process's CPU time for the run (discovery, hashing, scheduling, writing).
    ``setup_seconds``: starting the cluster and loading the models (Dask)."""

    mode: str = "processes"
    workers: int = 0
    batches: int = 0
    setup_seconds: float = 0.0
    prepared: int = 0
    written: int = 0
    stages: dict[str, float] = field(default_factory=dict)
    worker_cpu_seconds: float = 0.0
    client_cpu_seconds: float = 0.0
    results: int = 0  # outcomes that came back from the workers (prepared or failed there)
    first_result_s: float | None = None  # when the first and last came, seconds after the start
    last_result_s: float | None = None

    def steady_rate(self) -> float | None:
        """Transcripts per second between the first and the last worker result: the
        throughput once the workers are up and their models loaded (None under 2 results)."""
        if self.results < 2 or self.last_result_s is None or self.first_result_s is None:
            return None
        span = self.last_result_s - self.first_result_s
        return (self.results - 1) / span if span > 0 else None

    def per_transcript(self) -> dict[str, float]:
        """Mean seconds per transcript for each stage."""
        out = {}
        for name, total in self.stages.items():
            n = self.written if name == "write" else self.prepared
            out[name] = total / n if n else 0.0
        return out

    def to_dict(self) -> dict:
        out = super().to_dict()
        out.update(
            {
                "mode": self.mode,
                "workers": self.workers,
                "batches": self.batches,
                "setup_seconds": round(self.setup_seconds, 3),
                "prepared": self.prepared,
                "stage_seconds_per_transcript": {k: round(v, 5) for k, v in self.per_transcript().items()},
                "steady_transcripts_per_second": None if self.steady_rate() is None else round(self.steady_rate(), 3),
                "worker_cpu_seconds_per_transcript": round(self.worker_cpu_seconds / self.prepared, 5)
                if self.prepared
                else None,
                "client_cpu_seconds": round(self.client_cpu_seconds, 3),
            }
        )
        return out


# -- the worker side ------------------------------------------------------------------------
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


def _annotate_timed(transcript, text: str, annotators: Sequence[str], timings: dict[str, float]) -> None:
    """`pressroom.annotate.annotate`, timing each annotator (the same order and bookkeeping)."""
    from .annotate import instance, resolve_order

    order = resolve_order(annotators)
    for n in order:
        t = time.perf_counter()
        instance(n)(transcript, text)
        timings[f"annotate:{n}"] = time.perf_counter() - t
    done = transcript.annotations.setdefault("pipeline", [])
    for n in order:
        if n not in done:
            done.append(n)


def prepare_source(name: str, data: bytes | None, annotators: Sequence[str] = ()) -> Outcome:
    """Read (from ``data`` when given, else from the path ``name``), parse, annotate and
    turn one file into rows, timing each stage. Returns ``("ok", Prepared, timings)``,
    ``("failed", reason, timings)``, or ``("fatal", reason, {})`` when the annotators
    cannot load in this worker. Runs on a worker; never raises for bad input. The result
    equals `ingest.prepare_file`'s."""
    from .parse import parse_document
    from .read import read_bytes, read_path
    from .store.rows import prepare

    timings: dict[str, float] = {}
    problem = warm_up(annotators)
    if problem is not None:
        return "fatal", problem, {}
    cpu = time.process_time()
    try:
        t = time.perf_counter()
        doc = read_path(name) if data is None else read_bytes(data, name=name)
        t2 = time.perf_counter()
        timings["read"] = t2 - t
        transcript = parse_document(doc)
        t = time.perf_counter()
        timings["parse"] = t - t2
        if annotators:
            _annotate_timed(transcript, doc.text, annotators, timings)
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


def _init_process(annotators: tuple[str, ...], parent_pid: int) -> None:
    """Process-pool initializer: the ingest workers' set-up, then the models, loaded once."""
    init_worker(parent_pid)
    warm_up(annotators)


def _make_plugin_class() -> type:
    """`WarmUpPlugin`, built on first use so that importing this module never imports Dask."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class WarmUpPlugin(WorkerPlugin):
        """A Dask worker plugin: loads the annotators' models when a worker starts or joins.

        `setup` never raises (a worker that cannot load them reports why on its first
        task, see `prepare_source`)."""

        def __init__(self, annotators: Sequence[str]):
            self.annotators = tuple(annotators)
            self.name = "pressroom-warm-up-" + ("-".join(self.annotators) or "none")

        def setup(self, worker) -> None:
            warm_up(self.annotators)

    WarmUpPlugin.__module__ = __name__
    WarmUpPlugin.__qualname__ = "WarmUpPlugin"
    return WarmUpPlugin


def _plugin_class() -> type:
    cls = globals().get("WarmUpPlugin")
    if cls is None:
        cls = globals()["WarmUpPlugin"] = _make_plugin_class()
    return cls


def __getattr__(name: str):
    # ``pressroom.batch.WarmUpPlugin`` exists once Dask is importable (pickled by reference)
    if name == "WarmUpPlugin":
        return _plugin_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# -- where the work runs ----------------------------------------------------------------------
@dataclass
class _Item:
    path: Path

    @property
    def name(self) -> str:
        return str(self.path)


def _payload(item: _Item) -> tuple[bytes | None, str | None]:
    """(the file's bytes, None), or (None, why this process cannot read it). The kind is checked
    before opening (a FIFO would block the open for ever); anything but a regular file, or a
    file that cannot be read, gets the reader's own coded error."""
    try:
        if stat.S_ISREG(os.stat(item.path).st_mode):
            return item.path.read_bytes(), None
    except OSError:
        pass
    from .read import read_path

    try:
        read_path(item.path)
    except PressroomError as exc:
        return None, str(exc)
    return None, f"cannot read {item.path}"


def _local_outcomes(items: list[_Item], workers: int, annotators: tuple[str, ...]) -> Iterator[tuple[str, Outcome]]:
    """(name, outcome) per item, in completion order, from local processes."""
    if workers == 1:
        for it in items:
            yield it.name, prepare_source(it.name, None, annotators)
        return
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["pressroom.batch", "pressroom.parse", "pressroom.store.rows"])
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=_init_process, initargs=(annotators, os.getpid())
    )
    pending: dict[Future, str] = {}
    queue = iter(items)
    limit = workers * IN_FLIGHT_PER_WORKER
    try:

        def fill() -> None:
            while len(pending) < limit:
                it = next(queue, None)
                if it is None:
                    return
                pending[pool.submit(prepare_source, it.name, None, annotators)] = it.name

        fill()
        while pending:
            finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for fut in finished:
                name = pending.pop(fut)
                try:
                    outcome = fut.result()
                except BrokenProcessPool:
                    outcome = ("failed", "internal error: the worker process died while preparing this file", {})
                except Exception as exc:
                    outcome = ("failed", f"internal error ({type(exc).__name__}: {exc})", {})
                yield name, outcome
            try:
                fill()
            except RuntimeError:  # the pool broke: prepare the rest here, one by one
                for it in queue:
                    yield it.name, prepare_source(it.name, None, annotators)
    finally:
        for fut in pending:
            fut.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _dask_outcomes(
    client, items: list[_Item], annotators: tuple[str, ...], send_bytes: bool
) -> Iterator[tuple[str, Outcome]]:
    """(name, outcome) per item, in completion order, from the Dask workers; at most
    `IN_FLIGHT_PER_WORKER` files per worker thread in flight (workers that join during
    the run get work too)."""
    from distributed import as_completed

    run = uuid.uuid4().hex[:8]
    queue = iter(enumerate(items))
    pending: dict[Any, str] = {}
    done = as_completed()

    unreadable: list[tuple[str, Outcome]] = []  # files this process cannot send

    def submit_one() -> bool:
        while True:
            nxt = next(queue, None)
            if nxt is None:
                return False
            i, it = nxt
            data = None
            if send_bytes:
                data, reason = _payload(it)
                if reason is not None:
                    unreadable.append((it.name, ("failed", reason, None)))
                    continue
            fut = client.submit(
                prepare_source, it.name, data, annotators, key=f"pressroom-prepare-{run}-{i}", pure=False
            )
            pending[fut] = it.name
            done.add(fut)
            return True

    threads = [_threads(client), time.monotonic()]  # asked of the scheduler at most every 5 s

    def top_up() -> None:
        if time.monotonic() - threads[1] > 5.0:
            threads[:] = [_threads(client), time.monotonic()]
        while len(pending) < threads[0] * IN_FLIGHT_PER_WORKER and submit_one():
            pass

    try:
        top_up()
        yield from _drain(unreadable)
        for fut in done:
            name = pending.pop(fut)
            try:
                outcome = fut.result()
            except Exception as exc:
                if type(exc).__name__ == "KilledWorker":
                    reason = "internal error: the Dask workers running this file kept dying (out of memory?)"
                else:
                    reason = f"internal error ({type(exc).__name__}: {exc})"
                outcome = ("failed", reason, {})
            fut.release()
            yield name, outcome
            top_up()
            yield from _drain(unreadable)
        yield from _drain(unreadable)
    finally:
        for fut in pending:
            fut.cancel()


def _drain(items: list) -> Iterator:
    while items:
        yield items.pop(0)


@contextmanager
def _dask_client(scheduler: str | None, local_cluster: int | None, workers: int | None):
    """A connected `distributed.Client` (and the LocalCluster it started, closed afterwards)."""
    try:
        import logging

        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise UsageError(
            f"Dask is not installed ({exc.name}); install pressroom[scale] or run without --scheduler/--local-cluster"
        )
    cluster = None
    try:
        if local_cluster is not None:
            try:
                cluster = LocalCluster(
                    n_workers=local_cluster,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                    silence_logs=logging.ERROR,
                )
            except Exception as exc:
                raise ClusterError(
                    f"cannot start a local Dask cluster of {local_cluster} workers: "
                    f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
                )
            client = Client(cluster)
            try:
                client.wait_for_workers(local_cluster, timeout=WAIT_FOR_WORKERS_S)
            except (TimeoutError, OSError):
                client.close()
                raise ClusterError(
                    f"the local Dask cluster did not start {local_cluster} workers within {WAIT_FOR_WORKERS_S:.0f} s"
                )
        else:
            try:
                client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
            except (OSError, TimeoutError) as exc:
                raise ClusterError(
                    f"cannot reach the Dask scheduler at {scheduler}: "
                    f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
                )
            wanted = workers or 1
            try:
                client.wait_for_workers(wanted, timeout=WAIT_FOR_WORKERS_S)
            except (TimeoutError, OSError):
                have = len(client.scheduler_info().get("workers", {}))
                client.close()
                raise ClusterError(
                    f"only {have} of {wanted} workers joined the scheduler at {scheduler} "
                    f"within {WAIT_FOR_WORKERS_S:.0f} s"
                )
        try:
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def _threads(client) -> int:
    info = client.scheduler_info().get("workers", {})
    return max(1, sum(int(w.get("nthreads", 1)) for w in info.values()))


# -- writing --------------------------------------------------------------------------------
def _fatal_db(exc: Exception) -> bool:
    """Database errors that will fail every later write too (disk full, read-only, …)."""
    text = str(exc).lower()
    return any(s in text for s in ("disk is full", "readonly", "read-only", "disk i/o", "no space"))


def _write_one(store, name: str, prepared) -> FileResult:
    try:
        res = store.add_prepared(prepared)
    except StoreError as exc:
        return FileResult(name, "failed", reason=str(exc))
    except Exception as exc:  # rolled back; report and go on
        if _fatal_db(exc):
            raise StoreError(f"cannot write to {store.url}: {exc}")
        return FileResult(name, "failed", reason=f"cannot store it ({type(exc).__name__}: {exc})")
    return FileResult(name, res.status, res.event_id, res.version, turns=res.turns)


def write_batch(store, batch: Sequence[tuple[str, Any]]) -> list[FileResult]:
    """Write prepared records ``[(name, Prepared)]`` in one transaction: each
    `Store.add_prepared` joins it, leaving the full-text index to one `Store.sync_index`
    at the end of the same transaction. If one record fails, the batch is rolled back and
    written again one transaction per record, so only the bad one is lost."""
    if len(batch) > 1:
        try:
            with store.engine.transaction():
                results = [_result(name, store.add_prepared(p, index=False)) for name, p in batch]
                store.sync_index()
                return results
        except Exception as exc:
            if _fatal_db(exc):
                raise StoreError(f"cannot write to {store.url}: {exc}")
    return [_write_one(store, name, p) for name, p in batch]


def _result(name: str, res) -> FileResult:
    return FileResult(name, res.status, res.event_id, res.version, turns=res.turns)


# -- the driver -------------------------------------------------------------------------------
def annotator_names(annotators: Iterable[str] | str | None) -> tuple[str, ...]:
    """The annotators to run: None → the default pipeline; a comma-separated string or a
    list of names (``"none"`` or empty → none), put in the default pipeline's order (as
    ``pressroom analyze`` does: later annotators use earlier ones' output). Unknown or
    unavailable names fail here."""
    from .annotate import DEFAULT_PIPELINE, resolve_order

    if annotators is None:
        wanted = list(DEFAULT_PIPELINE)
    elif isinstance(annotators, str):
        wanted = [a.strip() for a in annotators.split(",") if a.strip() and a.strip().lower() != "none"]
    else:
        wanted = [a for a in annotators if a]
    rank = {n: i for i, n in enumerate(DEFAULT_PIPELINE)}
    wanted = sorted(dict.fromkeys(wanted), key=lambda n: rank.get(n, len(rank)))
    try:
        resolve_order(wanted)
    except ImportError as exc:
        raise ModelError(f"an annotator cannot be loaded ({exc}); choose others with --annotators")
    return tuple(wanted)


def _positive(name: str, value: int | None) -> None:
    if value is not None and int(value) < 1:
        raise UsageError(f"--{name} must be 1 or more, not {value}")


def run_batch(
    paths: Iterable[str | os.PathLike],
    db_url: str | None,
    *,
    scheduler: str | None = None,
    local_cluster: int | None = None,
    workers: int | None = None,
    annotators: Iterable[str] | str | None = None,
    batch_size: int = BATCH_SIZE,
    send_paths: bool | None = None,
    progress: Callable[[FileResult, int, int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> BatchReport:
    """Read, parse and annotate files, folders and globs on workers; store them in ``db_url``.

    ``scheduler``: the address of an existing Dask scheduler (needs PostgreSQL);
    ``local_cluster``: start a Dask LocalCluster of that many worker processes; neither:
    ``workers`` local processes (default: the CPU count). With a scheduler, ``workers`` is
    how many workers to wait for before starting. ``annotators``: names (default: the
    default pipeline). ``send_paths``: workers read the files by path (default: only
    without a remote scheduler). ``progress(result, done, total)`` after each file is
    written or skipped; ``on_start(total)`` once the files are known."""
    from .store import open_store
    from .store.url import parse_url

    started = time.perf_counter()
    cpu_started = time.process_time()
    if scheduler and local_cluster is not None:
        raise UsageError("give either --scheduler or --local-cluster, not both")
    _positive("local-cluster", local_cluster)
    _positive("workers", workers)
    _positive("batch-size", batch_size)
    if local_cluster is not None and workers is not None and int(workers) != int(local_cluster):
        raise UsageError(
            f"--local-cluster {local_cluster} starts {local_cluster} workers; "
            f"drop --workers {workers} or make them equal"
        )
    url = parse_url(db_url)
    if scheduler and url.engine == "sqlite":
        raise UsageError(
            f"a remote Dask cluster needs a shared PostgreSQL database, not the SQLite file {url}; "
            "use --db postgresql://… (or --local-cluster N for SQLite)"
        )
    names = annotator_names(annotators)
    mode = "scheduler" if scheduler else "local-cluster" if local_cluster is not None else "processes"
    send_bytes = (mode == "scheduler") if send_paths is None else not send_paths

    report = BatchReport(mode=mode)
    store = open_store(db_url)
    try:
        new_files, finish = begin(store, paths, report, progress, on_start)
        todo = [_Item(p) for p in new_files]

        if todo:
            with _outcomes(mode, todo, names, scheduler, local_cluster, workers, send_bytes, report) as outcomes:
                _consume(store, outcomes, batch_size, report, finish, started)
        if store.engine.name == "sqlite":
            store.engine.execute("PRAGMA wal_checkpoint(PASSIVE)")
    finally:
        store.close()
    report.seconds = time.perf_counter() - started
    report.client_cpu_seconds = time.process_time() - cpu_started
    return report


@contextmanager
def _outcomes(mode, todo, names, scheduler, local_cluster, workers, send_bytes, report):
    """The (name, outcome) stream for ``mode``, with the pool or cluster around it."""
    t = time.perf_counter()
    if mode == "processes":
        n = min((os.cpu_count() or 1) if workers is None else int(workers), len(todo))
        report.workers = n
        report.setup_seconds = 0.0  # models load in each process's initializer, counted in the run
        gen = _local_outcomes(todo, n, names)
        try:
            yield gen
        finally:
            gen.close()
        return
    with _dask_client(scheduler, local_cluster, workers) as client:
        plugin = _plugin_class()(names)
        client.register_plugin(plugin, name=plugin.name)
        report.workers = len(client.scheduler_info().get("workers", {}))
        report.setup_seconds = time.perf_counter() - t
        gen = _dask_outcomes(client, todo, names, send_bytes)
        try:
            yield gen
        finally:
            gen.close()


def _consume(
    store,
    outcomes: Iterator[tuple[str, Outcome]],
    batch_size: int,
    report: BatchReport,
    finish: Callable[[FileResult], None],
    started: float,
) -> None:
    """Collect prepared records into batches and write each in one transaction."""
    batch: list[tuple[str, Any]] = []
    oldest = 0.0

    def flush() -> None:
        t = time.perf_counter()
        results = write_batch(store, batch)
        report.stages["write"] = report.stages.get("write", 0.0) + time.perf_counter() - t
        report.written += len(batch)
        report.batches += 1
        batch.clear()
        for r in results:
            finish(r)

    for name, (status, value, timings) in outcomes:
        if status == "fatal":
            raise ModelError(f"the annotators cannot load on a worker: {value}")
        if timings is not None:  # came back from a worker (not a file this process could not send)
            report.results += 1
            report.last_result_s = time.perf_counter() - started
            if report.first_result_s is None:
                report.first_result_s = report.last_result_s
        if status == "ok":
            report.prepared += 1
            for k, v in timings.items():
                if k == "cpu":
                    report.worker_cpu_seconds += v
                else:
                    report.stages[k] = report.stages.get(k, 0.0) + v
            if not batch:
                oldest = time.perf_counter()
            batch.append((name, value))
            if len(batch) >= batch_size or time.perf_counter() - oldest >= MAX_WAIT:
                flush()
        else:
            finish(FileResult(name, "failed", reason=str(value)))
    if batch:
        flush()


__all__ = [
    "run_batch",
    "BatchReport",
    "ClusterError",
    "prepare_source",
    "warm_up",
    "write_batch",
    "annotator_names",
    "BATCH_SIZE",
]
