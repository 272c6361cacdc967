"""Batch throughput: one process (the baseline) vs local processes vs a Dask LocalCluster of 1 and 2 workers.

    .venv/bin/python bench/batch.py [--corpus DIR] [--limit N] [--annotators a,b] [--batch-size N]
                                    [--pg postgresql://…] [--only processes,dask1,dask2] [--json FILE]

Over ``../shared/corpus-large`` (``--limit N``: N files spread evenly over the sorted corpus),
with the annotators on (default: every annotator of the default pipeline that loads here),
each configuration writing to its own fresh SQLite store:

- baseline: `run_batch(workers=1)`, everything in this process (what ``pressroom ingest
  --workers 1`` does);
- local processes: `run_batch(workers=2)` (a process pool, no Dask);
- Dask: `run_batch(local_cluster=1)` and `run_batch(local_cluster=2)`.

Prints, for each: wall time (with start-up and model loading), set-up time, steady
throughput (transcripts/s between the first and the last worker result: workers up,
models loaded) and its ratio to the baseline, the workers' CPU seconds per transcript
and their CPU share (CPU time / wall time: below 1 when other work shares the cores); the Dask scaling ratio from 1 to 2 workers
(target ≥ 1.6×); and the per-transcript cost of each stage (read, parse, each annotator,
rows, store write) as measured in the baseline and in the 2-worker cluster. The load
average before and after is printed too: on a shared 2-core machine, other work skews
every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus-large"


def corpus_files(root: Path, limit: int | None) -> list[Path]:
    files = sorted(
        p for p in root.rglob("*") if p.suffix in (".md", ".txt") and p.name not in ("MANIFEST.md", "README.md")
    )
    if limit and limit < len(files):
        step = len(files) / limit
        files = [files[int(i * step)] for i in range(limit)]
    return files


def available_annotators() -> tuple[list[str], list[str]]:
    """(the default pipeline's annotators that load here, those that do not)."""
    import importlib

    registry = importlib.import_module("pressroom.annotate")
    ok, missing = [], []
    for name in registry.DEFAULT_PIPELINE:
        try:
            registry.get(name)
            ok.append(name)
        except Exception:
            missing.append(name)
    return ok, missing


def store_counts(url: str) -> tuple[int, int]:
    from pressroom.store import open_store

    store = open_store(url)
    try:
        return (store.engine.one("SELECT count(*) FROM events")[0], store.engine.one("SELECT count(*) FROM turns")[0])
    finally:
        store.close()


def drop_schema(pg: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(pg, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def main() -> None:
    # every configuration gets one math thread per process (Dask's nanny and the batch
    # process pool set the same), so the baseline is one core like each worker
    for key in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ.setdefault(key, "1")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="Use N files spread over the corpus.")
    ap.add_argument("--annotators", default=None, help="Comma-separated (default: all that load here).")
    ap.add_argument("--batch-size", type=int, default=50)
    ap.add_argument(
        "--pg",
        default=None,
        metavar="URL",
        help="Write to PostgreSQL (a fresh schema per configuration, dropped afterwards) instead of SQLite.",
    )
    ap.add_argument("--only", default=None, help="Comma-separated subset of: baseline,processes,dask1,dask2.")
    ap.add_argument("--json", type=Path, default=None, help="Also write the figures to this JSON file.")
    args = ap.parse_args()

    from pressroom.batch import run_batch

    files = corpus_files(args.corpus, args.limit)
    if not files:
        sys.exit(f"no .md/.txt files under {args.corpus}")
    if args.annotators is None:
        names, missing = available_annotators()
    else:
        names, missing = [a.strip() for a in args.annotators.split(",") if a.strip()], []
    mb = sum(p.stat().st_size for p in files) / 1e6
    print(
        f"{len(files)} files ({mb:.1f} MB) from {args.corpus}; annotators: {','.join(names) or 'none'}"
        + (f" (not available here: {','.join(missing)})" if missing else "")
    )
    print(f"CPUs: {os.cpu_count()}; load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    configs = [
        ("baseline", "baseline: 1 process", dict(workers=1)),
        ("processes", "local processes x2", dict(workers=2)),
        ("dask1", "dask LocalCluster x1", dict(local_cluster=1)),
        ("dask2", "dask LocalCluster x2", dict(local_cluster=2)),
    ]
    if args.only:
        keep = {k.strip() for k in args.only.split(",")} | {"baseline"}
        configs = [c for c in configs if c[0] in keep]
    print(f"store: {'PostgreSQL' if args.pg else 'SQLite'}")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for key, label, kw in configs:
            schema = f"bench_batch_{os.getpid()}_{key}"
            db = (
                f"{args.pg}{'&' if '?' in args.pg else '?'}schema={schema}" if args.pg else str(Path(tmp) / f"{key}.db")
            )
            try:
                t = time.perf_counter()
                report = run_batch([str(p) for p in files], db, annotators=names, batch_size=args.batch_size, **kw)
                wall = time.perf_counter() - t
                results[label] = (report, wall, store_counts(db))
            finally:
                if args.pg:
                    drop_schema(args.pg, schema)
            rate = report.steady_rate()
            print(f"  done {label}: {wall:.1f} s, steady {rate or 0:.3f}/s, load {os.getloadavg()[0]:.2f}", flush=True)
            if key == "baseline":
                import resource

                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(f"  peak memory of the baseline process (models loaded, {len(files)} transcripts): {rss:.0f} MB")

    base = results[configs[0][1]][0].steady_rate() or float("nan")
    print(
        f"\n{'configuration':24} {'wall s':>8} {'setup s':>8} {'files/s (wall)':>15} {'steady files/s':>15} "
        f"{'vs baseline':>12} {'worker CPU s/file':>18} {'CPU share':>10} {'client CPU s':>13}"
    )
    for label, (r, wall, _) in results.items():
        rate = r.steady_rate() or float("nan")
        cpu = r.worker_cpu_seconds / r.prepared if r.prepared else float("nan")
        busy = sum(v for k, v in r.stages.items() if k != "write")
        share = r.worker_cpu_seconds / busy if busy else float("nan")
        print(
            f"{label:24} {wall:8.1f} {r.setup_seconds:8.1f} {len(files) / wall:15.3f} {rate:15.3f} "
            f"{rate / base:11.2f}x {cpu:18.2f} {share:10.2f} {r.client_cpu_seconds:13.1f}"
        )
    print(
        "(CPU share: the workers' CPU time over their wall time while preparing; 1.00 = a core each, "
        "less = the cores were shared with other work)"
    )
    steady = walls = float("nan")
    d1 = results.get("dask LocalCluster x1")
    d2 = results.get("dask LocalCluster x2")
    if d1 and d2:
        steady = (d2[0].steady_rate() or float("nan")) / (d1[0].steady_rate() or float("nan"))
        walls = d1[1] / d2[1]
        cpu1 = d1[0].worker_cpu_seconds / max(1, d1[0].prepared)
        cpu2 = d2[0].worker_cpu_seconds / max(1, d2[0].prepared)
        print(
            f"\nDask scaling 1 -> 2 workers: {steady:.2f}x steady throughput, {walls:.2f}x wall time (target >= 1.6x)"
        )
        print(
            f"  worker CPU per transcript: {cpu1:.2f} s with 1 worker, {cpu2:.2f} s with 2: on a core each, "
            f"2 workers would give {2 * cpu1 / cpu2:.2f}x"
        )

    b = results[configs[0][1]][0].per_transcript()
    last_label = configs[-1][1]
    c = results[last_label][0].per_transcript()
    print(f"\n{'stage (ms per transcript)':28} {'baseline':>10} {last_label:>22}")
    for stage in b:
        print(f"{stage:28} {1000 * b[stage]:10.1f} {1000 * c.get(stage, float('nan')):22.1f}")
    print(f"{'total':28} {1000 * sum(b.values()):10.1f} {1000 * sum(c.values()):22.1f}")
    counts = {label: v[2] for label, v in results.items()}
    same = len(set(counts.values())) == 1
    print(
        f"\nstores (events, turns): {counts[configs[0][1]]}"
        + (", the same in every configuration" if same else f" — DIFFER: {counts}")
    )
    failed = {label: r.failed for label, (r, _, _) in results.items()}
    print(f"failed files: {failed}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "files": len(files),
                    "annotators": names,
                    "runs": {
                        label: {**r.to_dict(), "wall_seconds": round(wall, 3)}
                        for label, (r, wall, _) in results.items()
                    },
                    "dask_scaling_steady": round(steady, 3),
                    "dask_scaling_wall": round(walls, 3),
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
