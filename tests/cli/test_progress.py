"""Never a silent wait: progress lines when stderr is not a terminal, status lines while models
load, and nothing at all with --quiet (pressroom/cli/progress.py and the commands using it)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from pressroom.cli import main
from pressroom.cli import progress as progress_mod
from pressroom.cli.progress import Progress, line

#: six small transcripts (copies from ../shared; see tests/data/store/SOURCES)
DATA = Path(__file__).resolve().parents[1] / "data" / "store"
FILES = sorted(p for p in DATA.iterdir() if p.suffix in (".md", ".txt"))


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, now: float = 100.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def lines_of(capsys) -> list[str]:
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err.splitlines()


def test_line_says_done_total_rate_and_time_left():
    # 1 of 4 in 2 s: 0.5 a second, 3 left take 6 s
    assert line("ingest", 1, 4, 2.0) == "ingest: 1/4 (25%), 0.5/s, 6 s left"
    # 30 of 1,000 in 60 s: 970 left at 0.5/s = 1,940 s = 32 min 20 s
    assert line("embed", 30, 1000, 60.0) == "embed: 30/1000 (3%), 0.5/s, 32 min 20 s left"
    # 1 of 10,000 in 1 s: 9,999 s = 2 h 46 min 39 s, shown to the minute
    assert line("batch", 1, 10000, 1.0) == "batch: 1/10000 (0%), 1.0/s, 2 h 46 min left"
    assert line("embed", 0, 64, 0.0) == "embed: 0/64 (0%), 0.0/s, time left unknown"
    assert line("annotate", 7, None, 2.0) == "annotate: 7 done, 3.5/s"


def test_not_a_terminal_one_line_per_interval(monkeypatch, capsys):
    clock = Clock()
    monkeypatch.setattr(progress_mod.time, "monotonic", clock)
    monkeypatch.setenv("PRESSROOM_PROGRESS_SECONDS", "10")
    with Progress("ingest", tty=False) as p:
        p.start(4)
        p.status("loading the search encoder…")
        clock.now = 105.0
        p.update(1)  # 5 s since the start: too soon
        clock.now = 110.0
        p.update(2)  # 10 s: a line
        clock.now = 115.0
        p.update(3)  # 5 s since that line: too soon
        clock.now = 120.0
        p.update(4)
    assert lines_of(capsys) == [
        "loading the search encoder…",
        "ingest: 2/4 (50%), 0.2/s, 10 s left",
        "ingest: 4/4 (100%), 0.2/s, 0 s left",
    ]


def test_interval_from_the_environment(monkeypatch):
    monkeypatch.setenv("PRESSROOM_PROGRESS_SECONDS", "0.5")
    assert progress_mod.interval() == 0.5
    monkeypatch.setenv("PRESSROOM_PROGRESS_SECONDS", "-3")
    assert progress_mod.interval() == 0.0
    monkeypatch.setenv("PRESSROOM_PROGRESS_SECONDS", "soon")
    assert progress_mod.interval() == 10.0
    monkeypatch.delenv("PRESSROOM_PROGRESS_SECONDS")
    assert progress_mod.interval() == 10.0


def test_quiet_prints_nothing(monkeypatch, capsys):
    clock = Clock()
    monkeypatch.setattr(progress_mod.time, "monotonic", clock)
    monkeypatch.setenv("PRESSROOM_PROGRESS_SECONDS", "0")
    for tty in (False, True):
        with Progress("annotate", quiet=True, tty=tty) as p:
            p.start(3)
            p.status("loading the clarity annotator…")
            for i in range(1, 4):
                clock.now += 1
                p.update(i)
        assert lines_of(capsys) == []


def run(*args, env=None):
    return CliRunner(env=env).invoke(main, [str(a) for a in args])


def prefixes(stderr: str, label: str) -> list[str]:
    """'label: done/total (pct)' of each progress line."""
    return [x.split(",")[0] for x in stderr.splitlines() if x.startswith(f"{label}: ")]


def expected(label: str, total: int, start: int = 1) -> list[str]:
    return [f"{label}: {i}/{total} ({100 * i / total:.0f}%)" for i in range(start, total + 1)]


QUICK = {"PRESSROOM_PROGRESS_SECONDS": "0"}


def test_ingest_off_a_terminal_has_a_line_per_file_and_quiet_none(tmp_path):
    r = run("ingest", DATA, "--db", tmp_path / "a.db", "--workers", "1", "--no-identity", env=QUICK)
    assert r.exit_code == 0, r.output
    assert len(FILES) == 6 and prefixes(r.stderr, "ingest") == expected("ingest", 6)
    lines = [x for x in r.stderr.splitlines() if x.startswith("ingest: ")]
    assert all(re.fullmatch(r"ingest: \d/6 \(\d+%\), \d+\.\d/s, \d+ s left", x) for x in lines), lines
    r = run("ingest", DATA, "--db", tmp_path / "b.db", "--workers", "1", "--no-identity", "--quiet", env=QUICK)
    assert r.exit_code == 0 and r.stderr == ""


def test_batch_off_a_terminal_has_a_line_per_file_and_quiet_none(tmp_path):
    args = ["--workers", "1", "--annotators", "none"]
    r = run("batch", DATA, "--db", tmp_path / "a.db", *args, env=QUICK)
    assert r.exit_code == 0, r.output
    assert prefixes(r.stderr, "batch") == expected("batch", 6)
    r = run("batch", DATA, "--db", tmp_path / "b.db", *args, "--quiet", env=QUICK)
    assert r.exit_code == 0 and r.stderr == ""


class WordCounts:
    """A stand-in for the search encoder: letter counts in the first 26 of the model's 384
    dimensions (the progress is what is tested, not the ranking)."""

    name = "letter-counts"
    dim = 384

    def encode(self, texts, batch_size=None, progress=None):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for ch in text.lower():
                if "a" <= ch <= "z":
                    out[i, ord(ch) - 97] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1)

    def encode_query(self, text):
        return self.encode([text])[0]


@pytest.fixture
def fake_encoder(monkeypatch):
    monkeypatch.setattr("pressroom.embed.default_embedder", WordCounts)


def test_embed_off_a_terminal_says_what_loads_and_each_group(tmp_path, fake_encoder):
    db = tmp_path / "a.db"
    assert run("ingest", FILES[0], "--db", db, "--workers", "1", "--no-identity", "--quiet").exit_code == 0
    r = run("embed", "--db", db, "--batch-size", "8", env=QUICK)
    assert r.exit_code == 0, r.output
    chunks = int(re.match(r"embedded (\d+) chunks", r.stdout).group(1))
    err = r.stderr.splitlines()
    assert err[0] == "loading the search encoder…"
    # one line before the work (0 done) and one per group of 512 chunks written
    groups = list(range(0, chunks, 512))[1:] + [chunks]
    assert prefixes(r.stderr, "embed") == [f"embed: 0/{chunks} (0%)"] + [
        f"embed: {n}/{chunks} ({100 * n / chunks:.0f}%)" for n in groups
    ]
    json_run = run("embed", "--db", tmp_path / "a.db", "--json", env=QUICK)
    assert json_run.exit_code == 0 and json_run.stderr == "" and json.loads(json_run.stdout)["chunks"] == 0


def test_embed_quiet_prints_only_the_summary(tmp_path, fake_encoder):
    db = tmp_path / "a.db"
    assert run("ingest", FILES[0], "--db", db, "--workers", "1", "--no-identity", "--quiet").exit_code == 0
    r = run("embed", "--db", db, "--quiet", env=QUICK)
    assert r.exit_code == 0 and r.stderr == "" and r.stdout.startswith("embedded ")
