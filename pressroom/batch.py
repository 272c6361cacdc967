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

This is the ingest's driver (`pressroom.ingest.run`) in its batch mode, so whatever the
workers, the records are the ones the single-process ``pressroom ingest`` makes: a worker
runs `ingest.prepare_source` (read → parse → annotate → `store.rows.prepare`), and only this
process writes (`ingest.Writer`), ``batch_size`` transcripts per transaction (and at least
every `MAX_WAIT` seconds). Each worker loads the annotators' models once (`ingest.warm_up`,
from the process pool's initializer or a Dask worker plugin; the instances stay in
`pressroom.annotate`'s per-process cache). This module adds the Dask cluster, the options
and the batch's report.

Resumable: a file whose bytes (sha256) are stored already is skipped before it is sent; a
killed run loses at most the batch being written. A file that cannot be read, parsed or
stored is reported with its reason at the end; the others go on.
"""

from __future__ import annotations

import os
import stat
import time
import uuid
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from .errors import ClusterError, ModelError, PressroomError, UsageError
from .ingest import (
    IN_FLIGHT_PER_WORKER,
    FileResult,
    IngestReport,
    Outcome,
    checkpoint,
    local_outcomes,
    prepare_source,
    run,
    warm_up,
    write_batch,
)

#: transcripts written per transaction unless told otherwise
BATCH_SIZE = 50
#: a batch is written when it is this many seconds old, even if not full (progress stays live)
MAX_WAIT = 10.0
#: how long to wait for ``workers`` workers to join a remote scheduler
WAIT_FOR_WORKERS_S = 120.0
#: how long to try to reach a remote scheduler
CONNECT_TIMEOUT_S = 30.0


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

    def received(self, status: str, timings: dict[str, float], at: float) -> None:
        self.results += 1
        self.last_result_s = at
        if self.first_result_s is None:
            self.first_result_s = at
        if status == "ok":
            self.prepared += 1
            for k, v in timings.items():
                if k == "cpu":
                    self.worker_cpu_seconds += v
                else:
                    self.stages[k] = self.stages.get(k, 0.0) + v

    def wrote(self, n: int, seconds: float) -> None:
        self.stages["write"] = self.stages.get("write", 0.0) + seconds
        self.written += n
        self.batches += 1

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


# -- the Dask workers -----------------------------------------------------------------------
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
def _payload(path: Path) -> tuple[bytes | None, str | None]:
    """(the file's bytes, None), or (None, why this process cannot read it). The kind is checked
    before opening (a FIFO would block the open for ever); anything but a regular file, or a
    file that cannot be read, gets the reader's own coded error."""
    try:
        if stat.S_ISREG(os.stat(path).st_mode):
            return path.read_bytes(), None
    except OSError:
        pass
    from .read import read_path

    try:
        read_path(path)
    except PressroomError as exc:
        return None, str(exc)
    return None, f"cannot read {path}"


def _dask_outcomes(
    client, items: list[Path], annotators: tuple[str, ...], send_bytes: bool
) -> Iterator[tuple[str, Outcome]]:
    """(name, outcome) per item, in completion order, from the Dask workers; at most
    `IN_FLIGHT_PER_WORKER` files per worker thread in flight (workers that join during
    the run get work too)."""
    from distributed import as_completed

    run_id = uuid.uuid4().hex[:8]
    queue = iter(enumerate(items))
    pending: dict[Any, str] = {}
    done = as_completed()

    unreadable: list[tuple[str, Outcome]] = []  # files this process cannot send

    def submit_one() -> bool:
        nxt = _next_payload(queue, send_bytes, unreadable)
        if nxt is None:
            return False
        i, path, data = nxt
        fut = client.submit(
            prepare_source, str(path), data, annotators, key=f"pressroom-prepare-{run_id}-{i}", pure=False
        )
        pending[fut] = str(path)
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
            outcome = _dask_outcome(fut)
            fut.release()
            yield name, outcome
            top_up()
            yield from _drain(unreadable)
        yield from _drain(unreadable)
    finally:
        for fut in pending:
            fut.cancel()


def _next_payload(queue: Iterator[tuple[int, Path]], send_bytes: bool, unreadable: list) -> tuple | None:
    """The next file to send from ``queue``: (its index, its path, its bytes when ``send_bytes``),
    or None when none is left; a file this process cannot read goes to ``unreadable``, failed."""
    for i, path in queue:
        data = None
        if send_bytes:
            data, reason = _payload(path)
            if reason is not None:
                unreadable.append((str(path), ("failed", reason, None)))
                continue
        return i, path, data
    return None


def _dask_outcome(fut) -> Outcome:
    """A finished Dask task's outcome; a task whose workers died, or that raised, fails its file."""
    try:
        return fut.result()
    except Exception as exc:
        if type(exc).__name__ == "KilledWorker":
            reason = "internal error: the Dask workers running this file kept dying (out of memory?)"
        else:
            reason = f"internal error ({type(exc).__name__}: {exc})"
        return ("failed", reason, {})


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

        def outcomes(todo: list[Path]):
            return _outcomes(mode, todo, names, scheduler, local_cluster, workers, send_bytes, report)

        run(
            store,
            paths,
            report,
            outcomes,
            progress,
            on_start,
            batch_size=batch_size,
            index_every=0,
            max_wait=MAX_WAIT,
            started=started,
        )
        checkpoint(store)
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
        with closing(local_outcomes(todo, n, names, batch=True)) as gen:
            yield gen
        return
    with _dask_client(scheduler, local_cluster, workers) as client:
        plugin = _plugin_class()(names)
        client.register_plugin(plugin, name=plugin.name)
        report.workers = len(client.scheduler_info().get("workers", {}))
        report.setup_seconds = time.perf_counter() - t
        with closing(_dask_outcomes(client, todo, names, send_bytes)) as gen:
            yield gen


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
