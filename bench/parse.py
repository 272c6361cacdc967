"""Parse throughput over a corpus, against the bare cost of reading and line-splitting the same files.

    .venv/bin/python bench/parse.py [DIR]   (default: ../shared/corpus-large)

Prints MB/s, ms per transcript and the ratio to the baseline measured in the same run.
Target: ≥ 5 MB/s on one core.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pressroom


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus-large")
    files = sorted(p for p in root.rglob("*") if p.suffix in (".md", ".txt") and p.name not in ("MANIFEST.md", "README.md"))
    if not files:
        sys.exit(f"no .md/.txt files under {root}")
    total = sum(p.stat().st_size for p in files)
    mb = total / 1e6

    c0 = time.process_time()
    t0 = time.perf_counter()
    lines = 0
    for p in files:
        lines += len(p.read_bytes().decode("utf-8", "replace").splitlines())
    bare = time.perf_counter() - t0
    bare_cpu = time.process_time() - c0

    c0 = time.process_time()
    t0 = time.perf_counter()
    ok = errors = exchanges = 0
    for p in files:
        try:
            r = pressroom.parse_document(pressroom.read_path(p))
            ok += 1
            exchanges += bool(r.exchanges)
        except pressroom.PressroomError:
            errors += 1
    full = time.perf_counter() - t0
    full_cpu = time.process_time() - c0

    print(f"{len(files)} files, {mb:.1f} MB, {lines} lines")
    print(f"baseline (read + decode + splitlines): {bare:.2f} s  {mb / bare:.1f} MB/s")
    print(f"pressroom read + parse:                {full:.2f} s  {mb / full:.2f} MB/s  "
          f"{1000 * full / len(files):.1f} ms/transcript")
    print(f"ratio parse/baseline: {full / bare:.1f}x (wall)")
    print(f"CPU time (what other processes on the machine do not inflate): baseline {bare_cpu:.2f} s, "
          f"pressroom {full_cpu:.2f} s = {mb / full_cpu:.2f} MB/s, ratio {full_cpu / bare_cpu:.1f}x")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    print(f"parsed {ok}, refused {errors}, with ≥1 exchange {exchanges}")


if __name__ == "__main__":
    main()
