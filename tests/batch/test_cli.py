"""`pressroom batch` on the command line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from pressroom.cli import main


def test_batch_json_summary_and_strict(batch_files, n_turns, tmp_path, monkeypatch):
    """Two local worker processes; the summary as JSON; a second run adds nothing."""
    import pressroom.batch

    monkeypatch.setattr(pressroom.batch, "MAX_WAIT", 1e9)  # batches by size only: an exact count
    db = str(tmp_path / "c.db")
    args = [
        "batch",
        str(batch_files[0].parent),
        str(tmp_path / "missing.md"),
        "--db",
        db,
        "--workers",
        "2",
        "--annotators",
        "stats",
        "--batch-size",
        "2",
        "--json",
    ]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert {
        k: out[k]
        for k in ("files", "added", "unchanged", "failed", "turns", "mode", "workers", "batches", "prepared", "db")
    } == {
        "files": 6,
        "added": 5,
        "unchanged": 0,
        "failed": 1,
        "turns": sum(n_turns.values()),
        "mode": "processes",
        "workers": 2,
        "batches": 3,
        "prepared": 5,
        "db": db,
    }
    assert out["failures"] == [{"path": str(tmp_path / "missing.md"), "reason": "no such file or folder"}]
    assert sorted(out["stage_seconds_per_transcript"]) == ["annotate:stats", "parse", "read", "rows", "write"]
    # resumable: nothing to add; --strict turns the missing file into exit status 1
    res = CliRunner().invoke(main, args + ["--strict"])
    assert res.exit_code == 1
    assert (json.loads(res.output)["added"], json.loads(res.output)["unchanged"]) == (0, 5)


def test_batch_text_summary(batch_files, n_turns, tmp_path):
    db = str(tmp_path / "c.db")
    res = CliRunner().invoke(main, ["batch", str(batch_files[2]), "--db", db, "--workers", "1", "--annotators", "none"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].startswith("1 files in ")
    turns = n_turns[batch_files[2].name]
    assert (
        " on 1 worker (processes): 1 added, 0 updated (new versions), 0 unchanged, 0 failed; "
        f"{turns} turns in 1 batches stored in {db}"
    ) in " ".join(res.output.split())
    assert "ms per transcript: read " in res.output


def test_sqlite_with_a_scheduler_is_one_line_and_exit_2(tmp_path):
    db = str(tmp_path / "c.db")
    res = CliRunner().invoke(main, ["batch", str(tmp_path), "--db", db, "--scheduler", "tcp://192.0.2.1:8786"])
    assert res.exit_code == 2
    assert res.output == (
        f"pressroom: [E006] a remote Dask cluster needs a shared PostgreSQL database, not the SQLite file {db}; "
        "use --db postgresql://… (or --local-cluster N for SQLite)\n"
    )
