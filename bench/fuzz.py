"""Fuzz the reader and the parser: mutated real transcripts of every format, and random bytes.

    .venv/bin/python bench/fuzz.py [--inputs N] [--seconds S] [--seed K] [--save DIR]

Each input is a transcript from tests/data (text, Markdown, HTML, PDF, DOCX, WebVTT, SRT)
mutated by a few random edits (bytes flipped, ranges deleted, duplicated or spliced from another
transcript, hostile snippets inserted: label floods, dot runs, invisible characters, deep
markup, YAML front matter with bombs and impossible values, broken time codes), or random bytes,
or random text. Every input is read and parsed, and must keep these invariants:

1. only a `PressroomError` escapes (a one-line error, never a traceback);
2. the record is strict JSON (`json.dumps(..., allow_nan=False)`: no NaN, no bytes);
3. nothing is lost (`check_coverage`: every non-blank character in exactly one span);
4. every turn's and question's text is the source text at its offsets;
5. CPU time within `2 s + 20 s per MB` of input.

Prints the inputs per second and the count of each violation; `--save DIR` writes each failing
input there. The same generator runs, with a fixed seed, as a short slice in the test suite
(tests/test_reliability.py). Exit code 1 when any invariant failed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pressroom  # noqa: E402
from pressroom.parse.coverage import check_coverage  # noqa: E402

DATA = ROOT / "tests" / "data"
SEEDS = [
    "seed/nato-2021-03-22-press-conference.txt",
    "corpus/1964-02-01-press-conference.txt",
    "corpus/is080605.en.txt",
    "corpus/2021-02-08-press-briefing-by-white-house-covid-19-response-team-and-public-health-officials.md",
    "batch/2024-11-15-background-press-gaggle-on-the-u-s-peru-bilateral-meeting.md",
    "read/corpus/0502_briefing-carney-rhodes-rice.html",
    "development/src/a_rba/2024-12-10_mc-gov.html",
    "read/boe-style.pdf",
    "read/fed-style.pdf",
    "read/briefing.docx",
    "read/briefing-rollup.vtt",
]
#: CPU seconds allowed per input: a constant plus a rate per MB
BOUND_BASE, BOUND_PER_MB = 2.0, 20.0

SNIPPETS = [
    "\ufeff",
    "\u200b",
    "\u2060",
    "\u200b\n",
    "\n\ufeff\n",
    "\u00a0",
    "\u3000",
    "\r",
    "\r\n",
    "\x00",
    "\x0c",
    "\n\n",
    "Q:",
    "Q:\n",
    "MR. SMITH:",
    "\n\nMS. LEE, Reuters: ",
    "\nQ    ",
    "* * *",
    "END\n",
    "\nSECRETARY X: ",
    "...",
    "?!",
    "Mr.",
    "U.S.",
    "(Laughter.)",
    "[inaudible]",
    "—",
    "\\",
    "\\_",
    "“",
    "’",
    "<div>",
    "</div>",
    "<p>",
    "<b>Q:</b>",
    "<!--",
    "-->",
    "<script>",
    "&amp;",
    "&#0;",
    "<br>",
    "b'<div>",
    "---\n",
    "date: 2021-13-45\n",
    "title: !!binary aGVsbG8=\n",
    "x: .nan\n",
    "a: &a [1]\nb: [*a, *a]\n",
    "WEBVTT\n\n",
    "00:00:01.000 --> 00:00:00.500\n",
    "-->",
    "1\n00:00:01,000 --> 00:00:02,000\n",
    "%PDF-1.4\n",
    "PK\x03\x04",
    "stream\n",
    "endobj",
]


def _srt_from_vtt(vtt: bytes) -> bytes:
    """The WebVTT seed as SRT: numbered cues, commas in the time codes, no header."""
    cues = [c for c in vtt.decode("utf-8").split("\n\n") if "-->" in c]
    out = []
    for i, cue in enumerate(cues, 1):
        lines = [ln for ln in cue.split("\n") if ln.strip()]
        k = next(j for j, ln in enumerate(lines) if "-->" in ln)
        times = re.sub(r"(\d)\.(\d{3})", r"\1,\2", lines[k].split(" align")[0])
        out.append("\n".join([str(i), times, *lines[k + 1 :]]))
    return ("\n\n".join(out) + "\n").encode()


def load_seeds() -> list[tuple[str, bytes]]:
    seeds = [(Path(p).name, (DATA / p).read_bytes()) for p in SEEDS if (DATA / p).exists()]
    vtt = DATA / "read" / "briefing-rollup.vtt"
    if vtt.exists():
        seeds.append(("briefing-rollup.srt", _srt_from_vtt(vtt.read_bytes())))
    return seeds


def _snippet(rng: random.Random) -> bytes:
    s = rng.choice(SNIPPETS)
    if rng.random() < 0.2:
        s = s * rng.choice((2, 10, 100, 1000))
    if rng.random() < 0.05:
        s = "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randrange(1, 20)))
    return s.encode("utf-8", "surrogatepass")


def _mutate_once(data: bytearray, rng: random.Random, seeds: list[tuple[str, bytes]]) -> bytearray:
    n = len(data)
    i = rng.randrange(n + 1)
    j = min(n, i + rng.choice((1, 4, 64, 1024, 16384)))
    op = rng.randrange(7)
    if op == 0 and n:  # flip bytes
        for _ in range(rng.randrange(1, 9)):
            data[rng.randrange(n)] = rng.randrange(256)
    elif op == 1:  # delete a range
        del data[i:j]
    elif op == 2:  # duplicate a range
        data[i:i] = data[i:j] * rng.choice((1, 2, 50))
    elif op == 3:  # splice a piece of another transcript
        other = rng.choice(seeds)[1]
        k = rng.randrange(len(other) + 1)
        data[i:i] = other[k : k + rng.choice((16, 256, 4096))]
    elif op == 4:  # truncate
        del data[i:]
    else:  # a hostile snippet, at a line start half of the time (between turns)
        if rng.random() < 0.5:
            nl = data.find(b"\n", i)
            i = nl + 1 if nl >= 0 else i
        data[i:i] = _snippet(rng)
    return data


def make_input(rng: random.Random, seeds: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    """One fuzz input: (bytes, file name)."""
    r = rng.random()
    if r < 0.05:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 4096))), rng.choice(("x.bin", "x.txt", "x.md"))
    if r < 0.10:
        words = ["Q:", "MR. SMITH:", "\n\n", "why", "?", ".", "the", "NATO", "\n", "Yes", "—"]
        return " ".join(rng.choice(words) for _ in range(rng.randrange(1, 2000))).encode(), "random.txt"
    name, seed = rng.choice(seeds)
    data = bytearray(seed)
    if name.endswith((".txt", ".md")) and rng.random() < 0.15:  # a hostile front matter
        data[0:0] = b"---\n" + b"".join(_snippet(rng) for _ in range(3)) + b"\n---\n"
    for _ in range(rng.randrange(1, 9)):
        data = _mutate_once(data, rng, seeds)
    return bytes(data), name


def check(data: bytes, name: str) -> tuple[list[str], float]:
    """The invariants broken by one input (empty when all hold), and its CPU seconds. An input
    refused with a `PressroomError` counts as "refused" (not a problem), one parsed as "parsed"."""
    start = time.process_time()
    problems = []
    try:
        doc = pressroom.read_bytes(data, name=name)
        record = pressroom.parse_document(doc)
    except pressroom.PressroomError as exc:
        problems.append("refused" if "\n" not in str(exc) else "error: more than one line")
        return problems, time.process_time() - start
    except Exception as exc:  # noqa: BLE001 — what the fuzzer is looking for
        return [f"uncaught: {type(exc).__name__}: {str(exc)[:80]}"], time.process_time() - start
    try:
        json.dumps(record.to_dict(), allow_nan=False)
    except (TypeError, ValueError) as exc:
        problems.append(f"invalid JSON: {str(exc)[:80]}")
    lost = check_coverage(record, doc.text, doc.body_start, doc.body_end)
    if lost:
        problems.append(f"nothing-lost: {lost[0][:80]}")
    for t in record.turns:
        base = t.text_start if t.text_start is not None else t.start_char
        if doc.text[base : t.end_char] != t.text:
            problems.append(f"offsets: turn {t.id}")
            break
    for x in record.exchanges:
        if any(doc.text[q.start_char : q.end_char] != q.text for q in x.questions):
            problems.append(f"offsets: a question of {x.id}")
            break
    problems.append("parsed")
    seconds = time.process_time() - start
    if seconds > BOUND_BASE + BOUND_PER_MB * len(data) / 2**20:
        problems.append(f"time: {seconds:.1f} s for {len(data):,} bytes")
    return problems, seconds


PROBLEMS = ("uncaught", "invalid JSON", "nothing-lost", "offsets", "time", "error")


def _kind(problem: str) -> str:
    return problem.split(":")[0]


def run(inputs: int, seconds: float | None, seed: int, save: Path | None, quiet: bool = False) -> Counter:
    seeds = load_seeds()
    rng = random.Random(seed)
    counts: Counter = Counter()
    examples: dict[str, str] = {}
    t0 = time.perf_counter()
    done = 0
    for done in range(1, inputs + 1):
        data, name = make_input(rng, seeds)
        problems, _ = check(data, name)
        counts["inputs"] += 1
        for p in problems:
            counts[_kind(p)] += 1
            if p in ("parsed", "refused"):
                continue
            examples.setdefault(_kind(p), p)
            if save is not None:
                save.mkdir(parents=True, exist_ok=True)
                (save / f"{done:07d}-{_kind(p).replace(' ', '-')}-{name}").write_bytes(data)
        if not quiet and done % 1000 == 0:
            rate = done / (time.perf_counter() - t0)
            print(f"{done} inputs, {rate:.1f}/s, {dict(counts)}", flush=True)
        if seconds is not None and time.perf_counter() - t0 > seconds:
            break
    wall = time.perf_counter() - t0
    print(
        f"seed {seed}: {done} inputs in {wall:.0f} s ({done / wall:.1f} inputs/s, one process); "
        f"{counts['parsed']} parsed, {counts['refused']} refused with one coded line"
    )
    for kind in PROBLEMS:
        print(f"  {kind}: {counts.get(kind, 0)}" + (f"  e.g. {examples[kind]}" if kind in examples else ""))
    return counts


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inputs", type=int, default=10_000)
    ap.add_argument("--seconds", type=float, help="stop after this many seconds")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--save", type=Path, help="write each failing input into this folder")
    args = ap.parse_args(argv)
    counts = run(args.inputs, args.seconds, args.seed, args.save)
    sys.exit(1 if sum(v for k, v in counts.items() if k in PROBLEMS) else 0)


if __name__ == "__main__":
    main()
