"""Benchmark live mode: how long after an answer ends does its verdict come? (run on demand)

    .venv/bin/python bench/live.py                           # the 84-minute caption file at speed 10 (8.4 min)
    .venv/bin/python bench/live.py --seconds 30              # a check that it works: the first 30 s of wall time
    .venv/bin/python bench/live.py --seconds 360             # the first 60 minutes of the briefing at speed 10
    .venv/bin/python bench/live.py --file X.vtt --speed 5 --json out.json

Replays a long briefing (tests/data/read/briefing-hour.vtt: 1,011 cues, 84 minutes) on the real
clock at real time × ``--speed``, with the clarity verdicts on (the model is loaded before the
clock starts), and measures for each verdict (a first verdict or a revised one):

* latency from the end of the answer's last cue: the wall time of the verdict minus the wall
  time at which the replay reached that cue's end (stream time / speed); it includes waiting for
  the next speaker's first cue, or for the silence that closes the turn;
* latency from the close of the answer's turn: the verdict's wall time minus the wall time of the
  ``turn closed`` event that completed the answer (re-parsing and judging: the work itself);

p50, p95 and max of each in wall seconds, and the process's CPU seconds per wall second over
the replay (all threads: torch's too). The baseline measured in the same run: one offline
`pressroom parse` of the whole file (read + parse), the work each closed cue repeats on what has
arrived so far.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pressroom  # noqa: E402
from pressroom.live import LiveSession, ReplaySource, Timing, run  # noqa: E402
from pressroom.live.judge import ClarityJudge  # noqa: E402

DEFAULT = ROOT / "tests" / "data" / "read" / "briefing-hour.vtt"


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


class Recorder:
    """Keeps each event with the wall time it was emitted."""

    def __init__(self):
        self.events: list[tuple[float, dict]] = []

    def __call__(self, ev: dict) -> None:
        self.events.append((time.monotonic(), ev))


def latencies(rec: Recorder, started: float, speed: float) -> tuple[list[float], list[float]]:
    """(from the end of the answer's last cue, from the close of its turn) for each verdict."""
    closed_at: dict[str, float] = {}
    end_time: dict[str, float] = {}
    from_cue, from_close = [], []
    for wall, ev in rec.events:
        if ev["type"] == "turn" and ev["action"] == "closed":
            closed_at[ev["id"]] = wall
            end_time[ev["id"]] = ev["end_time"]
        elif ev["type"] == "exchange" and ev["action"] in ("verdict", "revised"):
            last = ev["answer_turns"][-1]
            if end_time.get(last) is not None:
                from_cue.append(wall - (started + end_time[last] / speed))
            if last in closed_at:
                from_close.append(wall - closed_at[last])
    return from_cue, from_close


def measure(path: Path, speed: float, seconds: float | None) -> dict:
    t = time.perf_counter()
    pressroom.parse_path(path)
    baseline = time.perf_counter() - t
    judge = ClarityJudge()
    judge.load()
    src = ReplaySource(path, speed=speed)
    if seconds:
        src.units = [u for u in src.units if u.time <= seconds * speed]
    rec = Recorder()
    session = LiveSession(src.name, "bench", judge=judge, emit=rec)
    cpu0, wall0 = time.process_time(), time.monotonic()
    run(src, session, Timing())
    cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
    from_cue, from_close = latencies(rec, src.started, speed)
    return {
        "file": str(path),
        "speed": speed,
        "stream_seconds": round(src.units[-1].time, 1),
        "cues_or_lines": len(src.units),
        "wall_seconds": round(wall, 1),
        "turns": session.events[-1]["turns"],
        "verdicts": len(from_close),
        "latency_from_cue_end": {k: _r(pct(from_cue, q)) for k, q in (("p50", 0.5), ("p95", 0.95), ("max", 1.0))},
        "latency_from_turn_close": {k: _r(pct(from_close, q)) for k, q in (("p50", 0.5), ("p95", 0.95), ("max", 1.0))},
        "cpu_per_wall_second": round(cpu / wall, 3) if wall else None,
        "sentences_embedded": getattr(judge.annotator.embedder, "embedded", None),
        "baseline_parse_seconds": round(baseline, 3),
    }


def _r(v):
    return None if v is None else round(v, 3)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--file", type=Path, default=DEFAULT)
    ap.add_argument("--speed", type=float, default=10.0)
    ap.add_argument("--seconds", type=float, help="replay only what fits in this many wall seconds")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    out = measure(args.file, args.speed, args.seconds)
    for k, v in out.items():
        print(f"{k:>26}: {v}")
    print(
        f"verdict latency p95 {out['latency_from_cue_end']['p95']} s from the end of the answer's last cue, "
        f"{out['latency_from_turn_close']['p95']} s from its turn's close (target ≤ 2 s); "
        f"CPU {out['cpu_per_wall_second']} core on average (target ≤ 1)"
    )
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
