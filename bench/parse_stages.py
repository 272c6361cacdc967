"""Where parse time goes: CPU seconds by stage over a sample spread across a corpus, one cold pass
(every file read and parsed once, as `pressroom ingest` does) in a fresh process per version.

    .venv/bin/python bench/parse_stages.py [DIR] [--every N] [--against TREE]

DIR defaults to ../shared/corpus-large; the sample is every Nth file (default 2). `--against TREE`
runs the same pass in a fresh process of another version of pressroom (a git worktree, as
`bench/parse.py --against` does) and prints its stages beside this version's, with the ratio.

A stage is a function `pressroom.parse.parse_document` calls through the `pressroom.parse`
module (`STAGES`); each is timed where a version has it (an older parser may lack the role
model), "other" is the rest of the parse, "read" is `read_path`. This Python's profilers cost
each function call far more than it costs unprofiled, so the stages are timed by wrapping them,
not by a profiler.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, os.environ.get("PRESSROOM_BENCH_TREE") or str(ROOT))

#: (stage, the functions of `pressroom.parse` that make it up, by the names versions gave them)
STAGES = (
    ("lines", ("body_lines", "split_run_together")),
    ("labels", ("detect", "_labels")),
    ("header", ("read_header",)),
    ("segment", ("segment",)),
    ("cut turns", ("_cut_turns",)),
    ("speakers", ("resolve_speakers",)),
    ("merge", ("_merge_repeated_labels",)),
    ("role model", ("revise_roles",)),
    ("kinds", ("assign_kinds",)),
    ("exchanges", ("build_exchanges",)),
)


def _files(root: Path, every: int) -> list[Path]:
    """Every Nth of the transcripts `bench/parse.py` reads under ``root``."""
    spec = importlib.util.spec_from_file_location("bench_parse", Path(__file__).with_name("parse.py"))
    bench_parse = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_parse)
    return bench_parse._files(root)[::every]


def _wrap(module, name: str, stage: str, spent: dict[str, float], depth: dict[str, int]):
    """Time `module.name` into ``spent[stage]``, the outermost call only (a version whose stage
    function calls another of the same stage through the module counts it once); the function
    it replaced."""
    inner = getattr(module, name)

    def timed(*args, **kwargs):
        if depth[stage]:
            return inner(*args, **kwargs)
        depth[stage] += 1
        c0 = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[stage] += time.process_time() - c0
            depth[stage] -= 1

    setattr(module, name, timed)
    return inner


def one_pass(root: Path, every: int) -> dict[str, float]:
    """CPU seconds by stage of one cold pass over the sample, in this process."""
    import pressroom.parse as parse

    spent = dict.fromkeys([s for s, _ in STAGES] + ["other", "read"], 0.0)
    depth = dict.fromkeys(spent, 0)
    wrapped = {
        name: _wrap(parse, name, stage, spent, depth)
        for stage, names in STAGES
        for name in names
        if hasattr(parse, name)
    }
    try:
        return _timed_pass(_files(root, every), spent)
    finally:
        for name, inner in wrapped.items():
            setattr(parse, name, inner)  # as it was: a caller in this process parses untimed again


def _timed_pass(files: list[Path], spent: dict[str, float]) -> dict[str, float]:
    import pressroom

    try:
        pressroom.parse_document(pressroom.read_path(files[0]))  # imports and first-use loads, not timed
    except pressroom.PressroomError:
        pass
    for k in spent:
        spent[k] = 0.0
    parsing = 0.0
    for p in files:
        c0 = time.process_time()
        doc = pressroom.read_path(p)
        c1 = time.process_time()
        try:
            pressroom.parse_document(doc)
        except pressroom.PressroomError:
            pass
        spent["read"] += c1 - c0
        parsing += time.process_time() - c1
    spent["other"] = parsing - sum(v for k, v in spent.items() if k not in ("other", "read"))
    spent["files"] = len(files)
    return spent


def _run(tree: Path | None, root: Path, every: int) -> dict[str, float]:
    env = {**os.environ, "PRESSROOM_BENCH_TREE": str(tree) if tree else ""}
    out = subprocess.run(
        [sys.executable, __file__, str(root), "--every", str(every), "--one"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?", default=str(ROOT.parent / "shared" / "corpus-large"))
    ap.add_argument("--every", type=int, default=2, help="the sample: every Nth file (default 2)")
    ap.add_argument("--against", help="another version's tree (a git worktree), its stages beside these")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    root = Path(args.dir)
    if args.one:
        print(json.dumps(one_pass(root, max(1, args.every))))
        return
    a = _run(None, root, max(1, args.every))
    b = _run(Path(args.against), root, max(1, args.every)) if args.against else None
    n = int(a.pop("files"))
    if b is not None:
        b.pop("files")
    print(f"{n} files, one cold pass each, CPU seconds; A = this version" + (f", B = {args.against}" if b else ""))
    head = f"{'stage':12s} {'A':>7s}" + (f" {'B':>7s} {'A - B':>7s} {'A/B':>6s}" if b else "")
    print(head)
    rows = sorted(a, key=lambda k: -a[k]) + ["total"]
    a["total"] = sum(a.values())
    if b is not None:
        b["total"] = sum(b.values())
    for k in rows:
        line = f"{k:12s} {a[k]:7.2f}"
        if b is not None:
            line += f" {b[k]:7.2f} {a[k] - b[k]:+7.2f} " + (f"{a[k] / b[k]:6.2f}" if b[k] > 0 else "     -")
        print(line)


if __name__ == "__main__":
    main()
