"""Ingest and batch refuse what is not a regular file before opening it, and parse and annotate
under their time budgets."""

from __future__ import annotations

import os
import shutil
import threading

from pressroom.batch import _payload
from pressroom.ingest import file_sha256, ingest_paths, prepare_file
from pressroom.store import open_store


def _within(seconds, fn, *args):
    """fn(*args), failing (instead of hanging the suite) when it blocks."""
    out = {}
    t = threading.Thread(target=lambda: out.setdefault("v", fn(*args)), daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"{fn.__name__} blocked"
    return out["v"]


def test_a_fifo_in_a_folder_is_refused_not_waited_for(tmp_path, corpus_files):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(corpus_files[0], folder / corpus_files[0].name)
    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)
    assert _within(5, file_sha256, fifo) is None
    reason = f"[E001] cannot read {fifo}: it is a named pipe (FIFO), not a file"
    assert _within(5, _payload, fifo) == (None, reason)
    with open_store(str(tmp_path / "c.db")) as s:
        report = _within(60, ingest_paths, s, [folder], 1)
    assert (report.files, report.added, report.failed) == (2, 1, 1)
    assert [(f.path, f.reason) for f in report.failures] == [(str(fifo), reason)]


def test_parse_and_annotate_run_under_their_time_budgets(monkeypatch, corpus_files):
    path = str(corpus_files[0])
    monkeypatch.setenv("PRESSROOM_PARSE_SECONDS", "0.000001")
    assert prepare_file(path) == (
        "failed",
        f"[E007] cannot parse {path}: it took longer than 1e-06 s, the time budget per file (PRESSROOM_PARSE_SECONDS)",
    )
    monkeypatch.setenv("PRESSROOM_PARSE_SECONDS", "60")
    monkeypatch.setenv("PRESSROOM_ANNOTATE_SECONDS", "0.000001")
    assert prepare_file(path, ["talking_points"]) == (
        "failed",
        f"[E007] cannot annotate {path}: it took longer than 1e-06 s, "
        "the time budget per file (PRESSROOM_ANNOTATE_SECONDS)",
    )
