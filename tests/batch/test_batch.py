"""Batch analysis: the same store content as `ingest`, on local processes and on a real Dask
LocalCluster of 2 worker processes; resumable; failures reported; bad options refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import pressroom
from pressroom.batch import BatchReport, prepare_source, run_batch, write_batch
from pressroom.errors import ModelError, UsageError
from pressroom.ingest import ingest_paths, prepare_file
from pressroom.store import open_store, prepare
from tests.fixtures import PG_ENV

from .helpers import store_content

CHEAP = ["quotes", "stats"]  # no spaCy: quick to load on each worker


def ingest_into(url: str, inputs, annotators) -> dict[str, str | None]:
    """The single-process reference: ``ingest`` with one worker. Returns {path: failure reason}."""
    store = open_store(url)
    try:
        report = ingest_paths(store, inputs, workers=1, annotators=annotators)
    finally:
        store.close()
    return {f.path: f.reason for f in report.failures}


def bad_inputs(tmp_path: Path) -> list[Path]:
    empty = tmp_path / "empty.md"
    empty.write_text("")
    notes = tmp_path / "notes.txt"
    notes.write_text("Just a note with no speakers at all.\n")
    return [empty, notes, tmp_path / "missing.txt"]


def test_prepare_source_equals_ingest_prepare_file(batch_files, n_turns):
    path = str(batch_files[1])
    status, prepared, timings = prepare_source(path, None, ("stats",))
    assert status == "ok"
    assert ("ok", prepared) == prepare_file(path, ["stats"])
    # from bytes, under the same name: the very same rows (what a remote worker gets)
    assert prepare_source(path, Path(path).read_bytes(), ("stats",))[1] == prepared
    assert sorted(timings) == ["annotate:stats", "cpu", "parse", "read", "rows"]
    assert prepared.counts["turns"] == n_turns[batch_files[1].name] == len(prepared.turns)


def test_local_cluster_gives_the_ingest_records(batch_files, n_turns, tmp_path, monkeypatch):
    """A real LocalCluster of 2 worker processes (one thread each), record for record."""
    pytest.importorskip("distributed")
    import pressroom.batch as batch

    monkeypatch.setattr(batch, "MAX_WAIT", 1e9)  # batches by size only: an exact count
    inputs = [str(batch_files[0].parent)] + [str(p) for p in bad_inputs(tmp_path)]
    a, b = str(tmp_path / "ingest.db"), str(tmp_path / "batch.db")
    expected_failures = ingest_into(a, inputs, CHEAP)
    seen = []
    report = run_batch(
        inputs,
        b,
        local_cluster=2,
        annotators=CHEAP,
        batch_size=2,
        progress=lambda r, done, total: seen.append((done, total)),
    )
    assert isinstance(report, BatchReport)
    assert (report.mode, report.workers, report.files, report.added, report.failed) == ("local-cluster", 2, 8, 5, 3)
    assert (report.prepared, report.written, report.batches, report.turns) == (5, 5, 3, sum(n_turns.values()))
    assert seen == [(i, 8) for i in range(1, 9)]
    assert {f.path: f.reason for f in report.failures} == expected_failures
    assert sorted(expected_failures) == sorted(str(p) for p in bad_inputs(tmp_path))
    assert expected_failures[str(tmp_path / "missing.txt")] == "no such file or folder"
    assert expected_failures[str(tmp_path / "empty.md")].endswith("the file is empty")
    assert sorted(report.per_transcript()) == ["annotate:quotes", "annotate:stats", "parse", "read", "rows", "write"]
    got, want = store_content(b), store_content(a)
    assert got == want
    assert len(got["events"]) == 5 and len(got["turns"]) == sum(n_turns.values())
    records = [json.loads(r[-1]) for r in got["records"]]
    assert {tuple(r["annotations"]["pipeline"]) for r in records} == {tuple(CHEAP)}
    # the full-text index was written with each batch: searchable at once, the same hits
    with open_store(a) as sa, open_store(b) as sb:
        assert (sb.pending_index(), sb.integrity_check()) == (0, "ok")
        hits = [[h.id for h in s.search("president", limit=100, facets=False).hits] for s in (sa, sb)]
        assert hits[0] == hits[1] and len(hits[0]) > 5


def test_processes_with_entities_match_ingest_and_resume(batch_files, tmp_path):
    """Entities on (run in this process: the model loads once); an interrupted run carries on;
    a rerun adds nothing. (The process pool is exercised by tests/batch/test_cli.py.)"""
    names = ["entities", "talking_points", "stats"]
    ref, url = str(tmp_path / "ref.db"), str(tmp_path / "batch.db")
    assert ingest_into(ref, [batch_files[0].parent], names) == {}
    first = run_batch([str(p) for p in batch_files[:2]], url, workers=1, annotators=names)  # in this process
    assert (first.added, first.unchanged, first.workers) == (2, 0, 1)
    second = run_batch([batch_files[0].parent], url, workers=1, annotators=names, batch_size=2)
    assert (second.files, second.added, second.unchanged, second.failed, second.prepared) == (5, 3, 2, 0, 3)
    assert (second.workers, second.batches) == (1, 2)
    third = run_batch([batch_files[0].parent], url, workers=1, annotators=names)
    assert (third.files, third.added, third.unchanged, third.prepared, third.workers, third.batches) == (
        5,
        0,
        5,
        0,
        0,
        0,
    )
    got = store_content(url)
    assert got == store_content(ref)
    assert len(got["entities"]) > 0 and any(label[2] == "entity" for label in got["turn_labels"])


@pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"{PG_ENV} is not set")
def test_remote_scheduler_with_postgresql_sends_bytes(batch_files, tmp_path):
    """A scheduler given by address (as for a real cluster): PostgreSQL, bytes sent to workers."""
    distributed = pytest.importorskip("distributed")
    from tests.fixtures import store_url

    files = [str(p) for p in batch_files]
    with (
        store_url("postgresql", tmp_path) as ref,
        store_url("postgresql", tmp_path) as url,
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c,
    ):
        ingest_into(ref, files, ["stats"])
        report = run_batch(
            files + [str(tmp_path / "missing.md")], url, scheduler=c.scheduler_address, workers=2, annotators=["stats"]
        )
        assert (report.mode, report.workers, report.added, report.failed) == ("scheduler", 2, 5, 1)
        assert store_content(url) == store_content(ref)


@pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"{PG_ENV} is not set")
def test_an_unreachable_scheduler_is_one_clear_error(batch_files, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    import pressroom.batch as batch
    from pressroom.batch import ClusterError
    from tests.fixtures import store_url

    monkeypatch.setattr(batch, "CONNECT_TIMEOUT_S", 1.0)
    with store_url("postgresql", tmp_path) as url:
        with pytest.raises(ClusterError) as err:
            run_batch([batch_files[0]], url, scheduler="tcp://127.0.0.1:9", annotators="stats")
    assert str(err.value).startswith("[E050] cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")


def test_sqlite_with_a_scheduler_is_refused(tmp_path):
    with pytest.raises(UsageError) as err:
        run_batch([tmp_path], str(tmp_path / "x.db"), scheduler="tcp://192.0.2.1:8786")
    assert str(err.value) == (
        f"[E006] a remote Dask cluster needs a shared PostgreSQL database, not the SQLite file {tmp_path / 'x.db'}; "
        "use --db postgresql://… (or --local-cluster N for SQLite)"
    )
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"scheduler": "tcp://h:8786", "local_cluster": 2}, "give either --scheduler or --local-cluster, not both"),
        ({"local_cluster": 0}, "--local-cluster must be 1 or more, not 0"),
        ({"workers": -1}, "--workers must be 1 or more, not -1"),
        ({"batch_size": 0}, "--batch-size must be 1 or more, not 0"),
        ({"local_cluster": 2, "workers": 3}, "--local-cluster 2 starts 2 workers; drop --workers 3 or make them equal"),
    ],
)
def test_bad_options_are_refused(tmp_path, kwargs, message):
    with pytest.raises(UsageError) as err:
        run_batch([tmp_path], str(tmp_path / "x.db"), **kwargs)
    assert str(err.value) == f"[E006] {message}"


def test_annotators_run_in_the_default_pipeline_order():
    from pressroom.batch import annotator_names

    assert annotator_names("stats, quotes,entities,stats") == ("entities", "quotes", "stats")
    assert annotator_names("none") == ()
    assert annotator_names([]) == ()


def test_unknown_annotator_is_refused_before_any_work(tmp_path):
    from pressroom.annotate import AnnotatorError

    with pytest.raises(AnnotatorError, match="unknown annotator 'nope'"):
        run_batch([tmp_path], str(tmp_path / "x.db"), annotators="stats,nope")
    assert not (tmp_path / "x.db").exists()


def test_annotators_that_cannot_load_stop_the_run(batch_files, tmp_path, monkeypatch):
    import importlib

    import pressroom.ingest as ingest

    registry = importlib.import_module("pressroom.annotate")  # the package, not pressroom.annotate()

    class Broken:
        name, requires, assigns = "broken", [], []

        def __init__(self):
            raise ModelError("the broken model is not installed")

    monkeypatch.setitem(registry.ANNOTATOR_MODULES, "broken", "pressroom.annotate")
    monkeypatch.setitem(registry._REGISTRY, "broken", Broken)
    monkeypatch.setattr(ingest, "_WARM", {})  # the workers' model cache (`ingest.warm_up`)
    with pytest.raises(ModelError) as err:
        run_batch([batch_files[0]], str(tmp_path / "x.db"), workers=1, annotators=["broken"])
    assert str(err.value) == "[E005] the annotators cannot load on a worker: [E005] the broken model is not installed"
    assert store_content(str(tmp_path / "x.db"))["events"] == []


def test_a_bad_record_in_a_batch_fails_alone(batch_files, new_url):
    records = [prepare(pressroom.parse_path(p)) for p in batch_files[:3]]
    records[1].turns[0] = records[1].turns[0][:3]  # a row the database refuses
    store = open_store(new_url())
    try:
        results = write_batch(store, [(f"f{i}", p) for i, p in enumerate(records)])
        assert [r.status for r in results] == ["added", "failed", "added"]
        assert results[1].reason.startswith("cannot store it (")
        assert [r.event_id for r in results] == [records[0].event_id, None, records[2].event_id]
        assert store.stats().events == 2
    finally:
        store.close()


def test_local_processes_need_no_dask(batch_files, tmp_path):
    code = (
        "import sys, pressroom.batch as b\n"
        f"r = b.run_batch([{str(batch_files[2])!r}], {str(tmp_path / 'x.db')!r}, workers=1, annotators='stats')\n"
        "print(r.added, 'distributed' in sys.modules, 'dask' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["1", "False", "False"]
