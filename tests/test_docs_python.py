"""docs/python.md's example: every cell, run in order on the store its text says how to build,
prints what the page shows (so the page cannot go stale when the parser or the store changes)."""

import ast
import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "python.md"
PRESSROOM = str(Path(sys.executable).with_name("pressroom"))


def cells() -> list[tuple[str, str | None]]:
    """(code, the output block after it, if any) of each Python cell of the example."""
    example = DOC.read_text(encoding="utf-8").split("## An example", 1)[1]
    blocks = re.findall(r"```(python|text|console)\n(.*?)```", example, re.S)
    return [
        (body, blocks[i + 1][1] if i + 1 < len(blocks) and blocks[i + 1][0] == "text" else None)
        for i, (kind, body) in enumerate(blocks)
        if kind == "python"
    ]


def run_cell(code: str, names: dict) -> str:
    """What a notebook shows: the cell's printed lines, then its last expression's repr."""
    tree = ast.parse(code)
    last = tree.body[-1] if isinstance(tree.body[-1], ast.Expr) else None
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(ast.Module(tree.body[:-1] if last else tree.body, []), "cell", "exec"), names)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), "cell", "eval"), names)
            if value is not None:
                print(repr(value))
    return out.getvalue()


@pytest.mark.slow
def test_the_python_example_prints_what_the_page_shows(tmp_path, monkeypatch):
    example = DOC.read_text(encoding="utf-8")
    ingest = re.search(r"\$ pressroom (ingest .*)", example).group(1)
    export = re.search(r"\$ pressroom (export .*)", example).group(1).split()
    db = tmp_path / "examples.db"
    # the page's command, run where it says (the repository), with its shell globs
    subprocess.run(
        f"{PRESSROOM} {ingest.replace('--db examples.db', f'--db {db}')} --quiet",
        shell=True,
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={**os.environ, "PRESSROOM_CLARITY_DTYPE": "float32"},  # as the page says: the same verdicts on every CPU
    )
    assert db.is_file()
    monkeypatch.chdir(tmp_path)
    names: dict = {}
    shown = []
    for code, expected in cells():
        if "exchanges.csv" in code:
            subprocess.run([PRESSROOM, *export], check=True, capture_output=True)
        got = run_cell(code, names)
        if expected is not None:
            shown.append((code.strip().splitlines()[0], got.strip(), expected.strip()))
    assert [(c, got) for c, got, _ in shown] == [(c, want) for c, _, want in shown]
    assert len(shown) >= 9
