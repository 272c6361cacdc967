"""`pressroom annotate`: annotators on what is stored, once, resumable, never silent."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import pressroom
from pressroom.annotate import annotate, version_of
from pressroom.cli import main
from pressroom.store import open_store
from pressroom.store.rows import prepare, rebuild_source, source_gaps

NATO = Path(__file__).resolve().parents[2] / "examples" / "nato-2021-03-22-press-conference.txt"


def run(*args, env=None):
    return CliRunner(env=env).invoke(main, [str(a) for a in args])


def runs(db) -> list[tuple]:
    with open_store(str(db)) as s:
        return [
            tuple(r)
            for r in s.engine.query(
                "SELECT v.event_id, a.annotator, a.version FROM annotation_runs a JOIN versions v ON v.id = a.version_id "
                "ORDER BY v.event_id, a.annotator"
            )
        ]


def test_source_rebuilt_exactly_from_record_and_gaps(corpus_files):
    for p in corpus_files:
        doc = pressroom.read_path(p)
        t = pressroom.parse_document(doc)
        gaps = source_gaps(t, doc.text)
        assert rebuild_source(t, gaps) == doc.text, p.name
        assert len(gaps) < len(doc.text.encode()) / 4, p.name


def test_source_without_gaps_keeps_the_speech_at_its_offsets():
    doc = pressroom.read_path(NATO)
    t = pressroom.parse_document(doc)
    text = rebuild_source(t, None)
    assert len(text) == t.turns[-1].end_char
    assert all(text[u.text_start : u.end_char] == u.text for u in t.turns)
    assert text[: t.turns[0].start_char].strip() == ""


def test_annotate_adds_clarity_to_a_store_ingested_without_it(tmp_path):
    db = tmp_path / "c.db"
    assert run("ingest", NATO, "--db", db, "--workers", "1", "--quiet").exit_code == 0
    r = run("ingest", NATO, "--db", db, "--workers", "1", "--annotators", "clarity", "--quiet")
    assert r.exit_code == 0, r.output
    assert (
        f"1 of the unchanged files were stored without clarity: ingest does not annotate stored files; run "
        f"`pressroom annotate --db {db} --annotators clarity`"
    ) in r.output

    r = run("annotate", "--db", db, "--annotators", "clarity", "--json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert (out["transcripts"], out["annotated"], out["current"], out["failed"]) == (1, 1, 0, 0)
    assert out["annotators"] == {"clarity": version_of("clarity")}
    # the same verdicts as annotating the file itself
    doc = pressroom.read_path(NATO)
    expected = annotate(pressroom.parse_document(doc), doc.text, ["clarity"])
    with open_store(str(db)) as s:
        event_id = s.event_ids()[0]
        record = s.get_record(event_id)
        n_judged = s.engine.one("SELECT count(*) FROM questions WHERE clarity IS NOT NULL")[0]
    assert [x["annotations"]["clarity"] for x in record["exchanges"]] == [
        x.annotations["clarity"] for x in expected.exchanges
    ]
    assert n_judged == sum(1 for x in expected.exchanges for v in x.annotations["clarity"] if v.get("clarity"))
    assert n_judged > 0
    assert runs(db) == [(event_id, "clarity", version_of("clarity"))]

    r = run("annotate", "--db", db, "--annotators", "clarity", "--json")
    out = json.loads(r.output)
    assert (out["transcripts"], out["annotated"], out["current"]) == (1, 0, 1)
    r = run("search", "NATO", "--db", db, "--clarity", "clear", "--json", "--limit", "1")
    assert r.exit_code == 0 and json.loads(r.output)["total"] > 0


def test_a_new_annotator_version_is_redone_and_others_kept(tmp_path, monkeypatch):
    db = tmp_path / "c.db"
    assert (
        run("ingest", NATO, "--db", db, "--workers", "1", "--annotators", "stats,talking_points", "--quiet").exit_code
        == 0
    )
    assert [r[1:] for r in runs(db)] == [("stats", "1"), ("talking_points", "1")]
    monkeypatch.setitem(sys.modules["pressroom.annotate"]._VERSIONS, "stats", "2")
    out = json.loads(run("annotate", "--db", db, "--annotators", "stats,talking_points", "--json").output)
    assert (out["annotated"], out["current"]) == (1, 0)
    assert [r[1:] for r in runs(db)] == [("stats", "2"), ("talking_points", "1")]
    out = json.loads(run("annotate", "--db", db, "--annotators", "stats,talking_points", "--force", "--json").output)
    assert (out["annotated"], out["current"]) == (1, 0)


def test_selection_and_bad_options(tmp_path, corpus_files):
    db = tmp_path / "c.db"
    assert run("ingest", corpus_files[0].parent, "--db", db, "--workers", "1", "--quiet").exit_code == 0
    out = json.loads(run("annotate", "--db", db, "--annotators", "stats", "--since", "2023", "--json").output)
    assert (out["transcripts"], out["annotated"]) == (4, 4)
    out = json.loads(run("annotate", "--db", db, "--annotators", "stats", "--where", '"NATO 2030"', "--json").output)
    assert (out["transcripts"], out["annotated"], out["current"]) == (1, 1, 0)
    r = run("annotate", "--db", db, "--event", "no-such-event")
    assert r.exit_code == 2 and r.output.startswith("pressroom: [E") and "no event 'no-such-event'" in r.output
    r = run("annotate", "--db", db, "--since", "2023", "--event", "x")
    assert r.exit_code == 2 and "give one of --where, --since and --event" in r.output
    r = run("annotate", "--db", db, "--annotators", "nonsense")
    assert r.exit_code == 2 and "[E010] unknown annotator 'nonsense'" in r.output


def test_non_terminal_output_has_progress_lines(tmp_path, corpus_files, monkeypatch):
    monkeypatch.setattr(sys.modules["pressroom.annotate"], "_INSTANCES", {})
    db = tmp_path / "c.db"
    assert run("ingest", corpus_files[0].parent, "--db", db, "--workers", "1", "--quiet").exit_code == 0
    r = run("annotate", "--db", db, "--annotators", "stats", env={"PRESSROOM_PROGRESS_SECONDS": "0"})
    assert r.exit_code == 0
    lines = [x for x in r.stderr.splitlines() if x.startswith("annotate: ")]
    assert [x.split(",")[0] for x in lines] == [f"annotate: {i}/6 ({100 * i / 6:.0f}%)" for i in range(1, 7)]
    assert "loading the stats annotator…" in r.stderr
    assert all(x.endswith(" left") for x in lines)
    r = run(
        "annotate", "--db", db, "--annotators", "stats", "--force", "--quiet", env={"PRESSROOM_PROGRESS_SECONDS": "0"}
    )
    assert r.exit_code == 0 and r.stderr == ""


def test_killed_midway_and_run_again_annotates_each_transcript_once(tmp_path, corpus_files):
    db = tmp_path / "c.db"
    assert run("ingest", corpus_files[0].parent, "--db", db, "--workers", "1", "--quiet").exit_code == 0
    env = dict(os.environ, PRESSROOM_PROGRESS_SECONDS="0")
    cmd = [sys.executable, "-m", "pressroom", "annotate", "--db", str(db), "--annotators", "entities,topics"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True)
    for line in proc.stderr:
        if line.startswith("annotate: 2/6"):
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    first = runs(db)
    assert 4 <= len(first) < 12  # two or more of the six done, not all

    done = subprocess.run(cmd + ["--json"], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["annotated"] == 6 - len(first) // 2 and out["current"] == len(first) // 2
    with open_store(str(db)) as s:
        events = s.event_ids()
        assert [r[:2] for r in runs(db)] == [(e, n) for e in sorted(events) for n in ("entities", "topics")]
        for e in events:
            rec = s.get_record(e)
            assert rec["annotations"]["pipeline"] == ["entities", "topics"]
            fresh = annotate(
                pressroom.Transcript.from_dict(rec), s.stored_input(s.current_versions([e])[0][1])[1], ["entities"]
            )
            n = s.engine.one(
                "SELECT count(*) FROM entities e JOIN events v ON v.current_version = e.version_id WHERE v.id = ?", (e,)
            )[0]
            assert n == len(prepare(fresh).entities) > 0
        assert s.integrity_check() == "ok"


def test_annotate_embed_covers_the_selection(tmp_path, corpus_files, monkeypatch):
    from tests.fixtures import FakeEmbedder

    monkeypatch.setattr("pressroom.embed.default_embedder", lambda: FakeEmbedder())
    db = tmp_path / "c.db"
    assert run("ingest", corpus_files[0].parent, "--db", db, "--workers", "1", "--quiet").exit_code == 0
    out = json.loads(run("annotate", "--db", db, "--annotators", "embed", "--since", "2024", "--json").output)
    assert (out["transcripts"], out["annotated"], out["current"]) == (1, 0, 1)
    with open_store(str(db)) as s:
        turns = s.engine.one("SELECT count(DISTINCT turn) FROM embeddings")[0]
        in_2024 = s.engine.one("SELECT count(*) FROM turns WHERE date >= '2024' AND is_current = 1")[0]
        coverage = s.embedding_coverage(FakeEmbedder().name)
        total = s.engine.one("SELECT count(*) FROM turns WHERE is_current = 1")[0]
    assert out["embed"]["turns"] == turns and 0 < turns <= in_2024
    assert coverage == (turns, total) and turns < total


@pytest.mark.parametrize("bad", ["0"])
def test_workers_must_be_positive(tmp_path, bad):
    r = run("annotate", "--db", tmp_path / "c.db", "--workers", bad)
    assert r.exit_code == 2 and "[E" in r.output and "--workers must be 1 or more, not 0" in r.output


def test_a_store_made_before_v5_is_annotated_from_its_turns(tmp_path):
    db = tmp_path / "c.db"
    assert run("ingest", NATO, "--db", db, "--workers", "1", "--quiet").exit_code == 0
    with open_store(str(db)) as s:  # what schema v4 held: no sources, no annotation runs
        s.engine.execute("DELETE FROM sources")
    out = json.loads(run("annotate", "--db", db, "--annotators", "stats", "--json").output)
    assert (out["annotated"], out["partial_source"]) == (1, 1)
    doc = pressroom.read_path(NATO)
    expected = annotate(pressroom.parse_document(doc), doc.text, ["stats"]).annotations["stats"]
    with open_store(str(db)) as s:
        assert s.get_record(s.event_ids()[0])["annotations"]["stats"] == json.loads(json.dumps(expected))


def test_worker_processes_store_what_one_process_stores(tmp_path, corpus_files):
    dbs = []
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.db"
        assert run("ingest", corpus_files[0].parent, "--db", db, "--workers", "1", "--quiet").exit_code == 0
        out = json.loads(
            run("annotate", "--db", db, "--annotators", "talking_points,stats", "--workers", workers, "--json").output
        )
        assert (out["annotated"], out["failed"]) == (6, 0)
        dbs.append(db)
    records = []
    for db in dbs:
        with open_store(str(db)) as s:
            records.append({e: s.get_record(e)["annotations"] for e in s.event_ids()})
    assert records[0] == records[1] and len(records[0]) == 6
    assert runs(dbs[0]) == runs(dbs[1])
