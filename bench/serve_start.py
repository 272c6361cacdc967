"""Time to the first answer of `pressroom serve` with no --db: a fresh process, an empty cache.

    .venv/bin/python bench/serve_start.py              # three starts, each with a new empty cache
    .venv/bin/python bench/serve_start.py --repeat 5 --json out.json

Each start runs ``python -m pressroom serve --port P`` with ``$PRESSROOM_DB`` unset and
``$PRESSROOM_CACHE``, ``$XDG_CACHE_HOME`` and ``$HOME`` pointing at a new empty folder, then asks
for ``/`` every 50 ms until it answers 200; the time is from the process's start to that answer
(and to the port's first answer of any kind), with the CPU seconds the server process had used
by then (user + system, from /proc: on a busy machine the wall time is several times the CPU
time, on an idle one about equal). The server's stderr lines up to then are printed (they say
whether the shipped demo store was used or one was built). The issue's target: ``/`` within 5 s
of start.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process so far (Linux /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def one_start(timeout: float) -> dict:
    port = free_port()
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PRESSROOM_DB"}
        env.update(
            PRESSROOM_CACHE=cache, XDG_CACHE_HOME=cache, HOME=cache, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1"
        )
        log = Path(cache) / "stderr.txt"
        with open(log, "w") as err:
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-m", "pressroom", "serve", "--port", str(port), "--log-level", "warning"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=err,
            )
            first_any = first_ok = cpu = None
            status = None
            try:
                while time.perf_counter() - t0 < timeout and proc.poll() is None:
                    try:
                        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
                            status = r.status
                    except urllib.error.HTTPError as exc:
                        status = exc.code
                    except (urllib.error.URLError, ConnectionError, TimeoutError):
                        time.sleep(0.05)
                        continue
                    first_any = first_any or time.perf_counter() - t0
                    if status == 200:
                        first_ok = time.perf_counter() - t0
                        cpu = cpu_seconds(proc.pid)
                        break
                    time.sleep(0.05)
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        lines = log.read_text().splitlines()
    return {"first_answer_s": first_any, "first_200_s": first_ok, "cpu_s": cpu, "status": status, "stderr": lines}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="fresh starts, each with a new empty cache")
    ap.add_argument("--timeout", type=float, default=900.0, help="give up on a start after this many seconds")
    ap.add_argument("--json", dest="json_out", help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be 1 or more")
    runs = []
    for i in range(args.repeat):
        r = one_start(args.timeout)
        runs.append(r)
        took = f"{r['first_200_s']:.2f} s" if r["first_200_s"] is not None else f"no 200 (last status {r['status']})"
        if r["cpu_s"] is not None:
            took += f" ({r['cpu_s']:.2f} s of CPU)"
        print(f"start {i + 1}: / answered 200 after {took}")
        for line in r["stderr"]:
            print(f"    {line}")
    ok = [r["first_200_s"] for r in runs if r["first_200_s"] is not None]
    load = os.getloadavg()[0]
    if ok:
        print(
            f"{len(ok)} of {len(runs)} starts answered: median {statistics.median(ok):.2f} s, "
            f"best {min(ok):.2f} s, worst {max(ok):.2f} s (target 5 s: "
            f"{'met' if statistics.median(ok) <= 5 else 'NOT met'}); load average {load:.1f}"
        )
    else:
        print(f"no start answered 200 within {args.timeout:.0f} s; load average {load:.1f}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps({"runs": runs, "load_average": load}, indent=2))


if __name__ == "__main__":
    main()
