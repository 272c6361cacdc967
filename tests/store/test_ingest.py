"""Ingest: discovery, idempotence, versions, bad files, parallel workers, SIGKILL safety."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import pressroom
from pressroom.ingest import add_transcript, discover, ingest_paths
from pressroom.store import open_store

WH = "*.md"


def variants(src_dir: Path, out: Path, copies: int) -> list[Path]:
    """``copies`` distinct sources per White House file: the source URL and title get a suffix."""
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for f in sorted(src_dir.glob(WH)):
        text = f.read_text(encoding="utf-8")
        for i in range(copies):
            t = re.sub(r"^(source_url: \S+?)/?$", rf"\1/copy-{i}/", text, count=1, flags=re.M)
            t = re.sub(r'^(title: ["\']?)', rf"\1Copy {i}: ", t, count=1, flags=re.M)
            p = out / f"{f.stem}-{i}.md"
            p.write_text(t, encoding="utf-8")
            made.append(p)
    return made


def check_consistent(db: Path) -> tuple[int, int]:
    """Every stored version has all its turns (the record's count), nothing dangles, the
    full-text index holds exactly the turns up to its watermark; after opening the store
    (which catches the index up) it holds them all."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        upto = conn.execute("SELECT upto FROM index_state").fetchone()[0]
        top = conn.execute("SELECT coalesce(max(id), 0) FROM turns").fetchone()[0]
        assert upto <= top
        indexed = conn.execute("SELECT count(*) FROM turns_fts WHERE turns_fts MATCH 'the OR a OR to'").fetchone()[0]
        below = "SELECT count(*) FROM turns_fts WHERE turns_fts MATCH 'the OR a OR to' AND rowid <= ?"
        assert indexed == conn.execute(below, (upto,)).fetchone()[0]
    finally:
        conn.close()
    open_store(str(db)).close()
    conn = sqlite3.connect(db)
    try:
        conn.execute("INSERT INTO turns_fts(turns_fts, rank) VALUES ('integrity-check', 1)")
        from pressroom.store.store import decode_record

        for vid, record in conn.execute("SELECT id, record FROM versions"):
            n = conn.execute("SELECT count(*) FROM turns WHERE version_id = ?", (vid,)).fetchone()[0]
            assert n == len(decode_record(record)["turns"]), vid
        dangling = "SELECT count(*) FROM turns WHERE version_id NOT IN (SELECT id FROM versions)"
        assert conn.execute(dangling).fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM events WHERE current_version IS NULL").fetchone()[0] == 0
        assert (
            conn.execute("SELECT count(*) FROM turns_fts").fetchone()[0]
            == conn.execute("SELECT count(*) FROM turns").fetchone()[0]
        )
        return (
            conn.execute("SELECT count(*) FROM versions").fetchone()[0],
            conn.execute("SELECT count(*) FROM turns").fetchone()[0],
        )
    finally:
        conn.close()


def test_discover_expands_folders_globs_and_reports_missing(tmp_path, corpus_files):
    data = corpus_files[0].parent
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.md").write_text("Q: hidden?")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    shutil.copy(corpus_files[0], tmp_path / "a.md")
    files, missing = discover(
        [str(data), str(data / "*.md"), str(tmp_path), str(tmp_path / "nope.md"), str(tmp_path / "*.docx")]
    )
    assert sorted(p.name for p in files) == sorted([p.name for p in corpus_files] + ["a.md"])
    assert [(m.path, m.reason) for m in missing] == [
        (str(tmp_path / "nope.md"), "no such file or folder"),
        (str(tmp_path / "*.docx"), "no file matches this pattern"),
    ]


def test_ingest_counts_and_is_idempotent(url, corpus_files, parsed, tmp_path):
    bad = tmp_path / "empty.md"
    bad.write_text("")
    notes = tmp_path / "notes.txt"
    notes.write_text("Just a note with no speakers at all.\n")
    store = open_store(url)
    report = ingest_paths(store, [corpus_files[0].parent, bad, notes, tmp_path / "missing.txt"], workers=2)
    assert (report.files, report.added, report.updated, report.unchanged, report.failed) == (
        len(corpus_files) + 3,
        len(corpus_files),
        0,
        0,
        3,
    )
    assert report.turns == sum(len(t.turns) for t in parsed.values())
    reasons = {Path(f.path).name: f.reason for f in report.failures}
    assert reasons["empty.md"].startswith("[E001] cannot read") and "the file is empty" in reasons["empty.md"]
    assert reasons["notes.txt"].startswith("[E002] no speaker turns found")
    assert reasons["missing.txt"] == "no such file or folder"
    again = ingest_paths(store, [corpus_files[0].parent], workers=2)
    assert (again.added, again.unchanged, again.failed, again.turns) == (0, len(corpus_files), 0, 0)
    assert store.stats().turns == report.turns
    store.close()


def test_updated_file_becomes_a_version(url, corpus_files, tmp_path):
    src = next(p for p in corpus_files if p.name.startswith("2024-06-13"))
    v1 = tmp_path / "v1" / src.name
    v1.parent.mkdir()
    shutil.copy(src, v1)
    v2 = tmp_path / "v2" / src.name
    v2.parent.mkdir()
    text = src.read_text(encoding="utf-8")
    assert "modified_time: 2024-06-13 18:10:47-04:00" in text
    v2.write_text(
        text.replace("modified_time: 2024-06-13 18:10:47-04:00", "modified_time: 2024-06-15 09:30:00-04:00").replace(
            "This was on background", "This was strictly on background"
        ),
        encoding="utf-8",
    )
    store = open_store(url)
    r1 = ingest_paths(store, [v1], workers=1)
    r2 = ingest_paths(store, [v2], workers=1)
    r3 = ingest_paths(store, [v1, v2], workers=1)
    assert (r1.added, r2.updated, r3.unchanged) == (1, 1, 2)
    event = store.events().events[0]
    assert (event.n_versions, event.version, event.last_updated) == (2, 2, "2024-06-15T09:30")
    assert store.search('"strictly on background"').total == 1
    store.close()


def test_parallel_and_serial_ingest_store_the_same(tmp_path, corpus_files):
    a, b = open_store(str(tmp_path / "a.db")), open_store(str(tmp_path / "b.db"))
    ingest_paths(a, [corpus_files[0].parent], workers=1)
    ingest_paths(b, [corpus_files[0].parent], workers=2)
    q = "SELECT event_id, turn_id, speaker, role, kind, text FROM turns ORDER BY event_id, seq"
    assert a.engine.query(q) == b.engine.query(q)
    assert a.engine.query("SELECT id, title FROM events ORDER BY id") == b.engine.query(
        "SELECT id, title FROM events ORDER BY id"
    )
    a.close()
    b.close()


def test_annotators_are_checked_before_any_work(tmp_path, corpus_files):
    store = open_store(str(tmp_path / "x.db"))
    with pytest.raises(pressroom.PressroomError, match="unknown annotator 'nonsense'"):
        ingest_paths(store, [corpus_files[0]], annotators=["nonsense"])
    assert store.stats().events == 0
    store.close()


def test_add_transcript_annotates_then_stores(store, corpus_files, tmp_path):
    """The driver annotates, the store only stores: `add_transcript` with annotators stores the
    record `ingest_paths` stores for the same file; `Store.add` stores the transcript as given."""
    path = corpus_files[0]
    doc = pressroom.read_path(path)
    res = add_transcript(store, pressroom.parse_document(doc), doc.text, ["stats"])
    assert (res.status, res.version) == ("added", 1)
    with open_store(str(tmp_path / "ref.db")) as ref:
        assert ingest_paths(ref, [path], workers=1, annotators=["stats"], identity=False).added == 1
        want = ref.get_record(res.event_id)
    got = store.get_record(res.event_id)
    assert got == want and got["annotations"]["pipeline"] == ["stats"]
    plain = pressroom.parse_document(doc)
    assert store.add(plain).status == "unchanged"  # the same bytes: stored already
    assert "pipeline" not in plain.annotations  # and nothing annotated it
    with pytest.raises(pressroom.PressroomError) as err:
        add_transcript(store, plain, None, ["stats"])
    assert str(err.value) == "[E006] annotators need the transcript's source text"


def test_a_failing_write_leaves_nothing_behind(tmp_path, corpus_files, monkeypatch):
    from pressroom.store.store import Store

    store = open_store(str(tmp_path / "x.db"))
    calls = {"n": 0}
    original = Store._insert_rows

    def flaky(self, p, version_id, event_id, current):
        original(self, p, version_id, event_id, current)
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("simulated crash after the turns were written")

    monkeypatch.setattr(Store, "_insert_rows", flaky)
    report = ingest_paths(store, corpus_files, workers=1)
    assert (report.added, report.failed) == (len(corpus_files) - 1, 1)
    assert "simulated crash" in report.failures[0].reason
    store.close()
    versions, _ = check_consistent(tmp_path / "x.db")
    assert versions == len(corpus_files) - 1


KILL_DRIVER = """
import os, signal, sys
from pressroom.store import open_store
from pressroom.store.store import Store
from pressroom.ingest import ingest_paths
original = Store._insert_rows
state = {"n": 0}
def dying(self, *args):
    original(self, *args)          # turns, speakers, labels written, transaction still open
    state["n"] += 1
    if state["n"] == int(sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)
Store._insert_rows = dying
ingest_paths(open_store(sys.argv[1]), [sys.argv[2]], workers=2)
"""


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(pressroom.__file__).resolve().parents[1]) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_sigkill_inside_a_transaction_then_rerun(tmp_path, corpus_files):
    files = variants(corpus_files[0].parent, tmp_path / "in", 4)
    db = tmp_path / "kill.db"
    with open(tmp_path / "log", "wb") as log:
        proc = subprocess.run(
            [sys.executable, "-c", KILL_DRIVER, str(db), str(tmp_path / "in"), "7"],
            env=_env(),
            stdout=log,
            stderr=log,
            timeout=300,
        )
    assert proc.returncode == -signal.SIGKILL, (tmp_path / "log").read_text()
    versions, _ = check_consistent(db)
    assert versions == 6  # the seventh died before its commit: nothing of it is visible
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from pressroom.cli import main; main()",
            "ingest",
            str(tmp_path / "in"),
            "--db",
            str(db),
            "--json",
            "--workers",
            "2",
        ],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    import json

    summary = json.loads(done.stdout)
    counts = (summary["files"], summary["added"], summary["unchanged"], summary["failed"])
    assert counts == (len(files), len(files) - 6, 6, 0)
    versions, turns = check_consistent(db)
    assert versions == len(files)
    expected_turns = sum(len(pressroom.parse_path(f).turns) for f in files)
    assert turns == expected_turns
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(DISTINCT identity), count(*) FROM events").fetchone() == (len(files), len(files))
    conn.close()


def test_sigkill_from_outside_at_any_moment_then_rerun(tmp_path, corpus_files):
    files = variants(corpus_files[0].parent, tmp_path / "in", 6)
    db = tmp_path / "kill.db"
    cmd = [
        sys.executable,
        "-c",
        "from pressroom.cli import main; main()",
        "ingest",
        str(tmp_path / "in"),
        "--db",
        str(db),
        "--quiet",
        "--workers",
        "2",
    ]
    proc = subprocess.Popen(
        cmd, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        if db.exists():
            try:
                conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
                stored = conn.execute("SELECT count(*) FROM versions").fetchone()[0]
                conn.close()
            except sqlite3.Error:
                pass
        if stored >= 5:
            break
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its workers
    proc.wait(timeout=30)
    assert 5 <= stored < len(files)
    versions, _ = check_consistent(db)
    assert stored <= versions < len(files)
    done = subprocess.run(cmd[:-3] + ["--json"], env=_env(), capture_output=True, text=True, timeout=300)
    import json

    summary = json.loads(done.stdout)
    assert (summary["added"] + summary["unchanged"], summary["failed"]) == (len(files), 0)
    assert summary["unchanged"] == versions
    assert check_consistent(db)[0] == len(files)
