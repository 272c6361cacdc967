"""Parse throughput over a corpus, against the bare cost of reading and line-splitting the same files.

    .venv/bin/python bench/parse.py [DIR] [--rounds N]   (default: ../shared/corpus-large, 3 rounds)

Each round reads and line-splits every file (the baseline), then reads and parses every file
with pressroom, one after the other in this process (one core). Rounds alternate so both see
the same machine; this machine's speed drifts by a third from hour to hour, so the figures are
the medians over the rounds, in CPU time (what other processes inflate least), with the
fastest round beside them.

Prints MB/s, ms per transcript and the ratio to the baseline. Target (issue 2): ≥ 5 MB/s on
one core of this machine. The baseline is short (a fifth of a second) and depends on whether
the files are in the page cache (the first round of a cold run reads them from disk), so its
MB/s moves far more than pressroom's: compare pressroom's MB/s across runs, not the ratio.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pressroom  # noqa: E402

TARGET_MB_S = 5.0


def bare(files: list[Path]) -> tuple[float, float, int]:
    c0, t0 = time.process_time(), time.perf_counter()
    lines = 0
    for p in files:
        lines += len(p.read_bytes().decode("utf-8", "replace").splitlines())
    return time.perf_counter() - t0, time.process_time() - c0, lines


def parse_all(files: list[Path]) -> tuple[float, float, int, int, int]:
    c0, t0 = time.process_time(), time.perf_counter()
    ok = errors = exchanges = 0
    for p in files:
        try:
            r = pressroom.parse_document(pressroom.read_path(p))
            ok += 1
            exchanges += bool(r.exchanges)
        except pressroom.PressroomError:
            errors += 1
    return time.perf_counter() - t0, time.process_time() - c0, ok, errors, exchanges


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?", default=str(ROOT.parent / "shared" / "corpus-large"))
    ap.add_argument("--rounds", type=int, default=3, help="baseline/parse rounds, alternating (default 3)")
    args = ap.parse_args(argv)
    root = Path(args.dir)
    files = sorted(p for p in root.rglob("*") if p.suffix in (".md", ".txt") and p.name not in ("MANIFEST.md", "README.md"))
    if not files:
        sys.exit(f"no .md/.txt files under {root}")
    mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"load average at the start: {os.getloadavg()[0]:.2f}")

    bares, parses = [], []
    for r in range(max(1, args.rounds)):
        bw, bc, lines = bare(files)
        pw, pc, ok, errors, exchanges = parse_all(files)
        bares.append((bw, bc))
        parses.append((pw, pc))
        print(f"round {r + 1}: baseline {mb / bc:6.1f} MB/s CPU, pressroom {mb / pc:5.2f} MB/s CPU "
              f"({pc / bc:4.1f}x), wall {mb / pw:5.2f} MB/s", flush=True)

    n = len(files)
    b_cpu = statistics.median(c for _, c in bares)
    p_cpu = statistics.median(c for _, c in parses)
    p_wall = statistics.median(w for w, _ in parses)
    ratio = statistics.median(p / b for (_, b), (_, p) in zip(bares, parses))
    best = min(c for _, c in parses)
    print(f"{n} files, {mb:.1f} MB, {lines} lines; medians of {len(parses)} rounds, CPU time:")
    print(f"baseline (read + decode + splitlines): {b_cpu:.2f} s  {mb / b_cpu:.1f} MB/s")
    print(f"pressroom read + parse:                {p_cpu:.2f} s  {mb / p_cpu:.2f} MB/s  "
          f"{1000 * p_cpu / n:.1f} ms/transcript (fastest round {mb / best:.2f} MB/s; wall {mb / p_wall:.2f} MB/s)")
    print(f"ratio parse/baseline: {ratio:.1f}x")
    print(f"target ≥ {TARGET_MB_S:.0f} MB/s on one core: {'met' if mb / p_cpu >= TARGET_MB_S else 'NOT met'} "
          f"(median round {mb / p_cpu:.2f} MB/s CPU)")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    print(f"parsed {ok}, refused {errors}, with ≥1 exchange {exchanges}")


if __name__ == "__main__":
    main()
