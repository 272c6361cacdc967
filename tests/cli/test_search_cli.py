"""The search, export, topics and db commands as a journalist meets them: filters that say
no, question hits with their answer and verdict, exports of exactly what a search finds,
readable store tables."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import pressroom
from pressroom.cli import main
from pressroom.store import open_store

DATA = Path(__file__).resolve().parents[1] / "data" / "store"
KJP = "2023-07-28-press-gaggle-by-press-secretary-karine-jean-pierre-en-route-brunswick-me.md"


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """The test corpus, the Brunswick gaggle annotated by hand: x1 judged Ambivalent (0.71, its
    two questions), x2 Clear Reply without a probability; x1 and x3 on Macroeconomics, x2 on
    International Affairs."""
    path = tmp_path_factory.mktemp("cli") / "c.db"
    store = open_store(str(path))
    for p in sorted(DATA.iterdir()):
        if p.suffix not in (".md", ".txt"):
            continue
        t = pressroom.parse_path(p)
        if p.name == KJP:
            t = copy.deepcopy(t)
            x1, x2, x3 = t.exchanges[:3]
            x1.annotations["clarity"] = [
                {"question": q.id, "clarity": "Ambivalent", "evasion": "Dodging", "confidence": 0.71}
                for q in x1.questions
            ]
            x2.annotations["clarity"] = [{"question": "x2.q1", "clarity": "Clear Reply"}]
            x3.annotations["clarity"] = [
                {"question": q.id, "clarity": None, "not_judged": "the answer is cut off"} for q in x3.questions
            ]
            for x, topic in ((x1, "Macroeconomics"), (x2, "International Affairs"), (x3, "Macroeconomics")):
                x.annotations["topics"] = {"primary": topic, "labels": [{"topic": topic}]}
        store.add(t)
    store.close()
    return path


@pytest.mark.parametrize(
    "args, line",
    [
        (("--speaker", "Stoltenbreg"), "no speaker 'Stoltenbreg'; did you mean: Jens Stoltenberg"),
        (("--speaker", "karine jean pierre"), "no speaker 'karine jean pierre'; did you mean: Karine Jean-Pierre"),
        (("--outlet", "Imedy"), "no outlet 'Imedy'; did you mean: Imedi, Club Z Media Group"),
        (("--kind", "questoin"), "no turn kind 'questoin'; kinds: statement, moderator, question, answer, remark"),
        (
            ("--entity", "NATO"),
            "--entity needs the entities annotator, and no transcript of {db} was annotated with it: "
            "run `pressroom annotate --db {db} --annotators entities`",
        ),
        (("--since", "2022-13"), "--since '2022-13' is not a valid month (01 to 12)"),
        (("--until", "2022-1"), "--until must be a date like 2021, 2021-03 or 2021-03-22, not '2022-1'"),
    ],
)
def test_a_filter_no_turn_can_pass_exits_2_with_one_line(db, args, line):
    for command in (["search", "nato"], ["export", "--format", "csv", "--out", db.parent / "x.csv"]):
        r = run(*command, "--db", db, *args)
        assert (r.exit_code, r.stderr, r.stdout) == (2, f"pressroom: [E006] {line.format(db=db)}\n", "")


def test_known_filter_values_pass(db):
    for args, total in (
        (("--speaker", "stoltenberg"), 13),
        (("--outlet", "imedi"), 0),
        (("--kind", "Question"), 13),
        (("--topic", "macroeconomics"), 4),
        (("--clarity", "ambivalent"), 2),
    ):
        r = run("search", "nato OR climate", "--db", db, "--json", *args)
        assert r.exit_code == 0, r.stderr
        assert json.loads(r.stdout)["total"] == total, args


def test_topics_lists_the_stored_topics_with_counts(db, tmp_path):
    r = run("topics", "--db", db, "--json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout) == [
        {"topic": "Macroeconomics", "exchanges": 2, "events": 1},
        {"topic": "International Affairs", "exchanges": 1, "events": 1},
    ]
    r = run("topics", "--db", db)
    assert r.exit_code == 0
    lines = [" ".join(line.replace("│", " ").split()) for line in r.stdout.splitlines()]
    assert "Macroeconomics 2 1" in lines and "International Affairs 1 1" in lines
    empty = tmp_path / "empty.db"
    open_store(str(empty)).close()
    r = run("topics", "--db", empty)
    assert (r.exit_code, r.stdout) == (
        0,
        f"no topics in {empty}: run `pressroom annotate --db {empty} --annotators topics` first\n",
    )


def test_a_question_hit_shows_the_answer_and_the_verdict(db):
    r = run("search", '"heat or flood"', "--db", db, "--no-facets", env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    assert (
        "↳ Karine Jean-Pierre: So, look, one of the things that I want to be very clear about is: As you know," in out
    )
    assert "verdict: Ambivalent (0.71); evasion: Dodging" in out
    r = run("search", '"heat or flood"', "--db", db, "--json", "--no-facets")
    hit = json.loads(r.stdout)["hits"][0]
    assert hit["kind"] == "question"
    assert {k: v for k, v in hit["answer"].items() if k != "text"} == {
        "speaker": "Karine Jean-Pierre",
        "clarity": "Ambivalent",
        "probability": 0.71,
        "evasion": "Dodging",
        "not_judged": None,
    }
    assert hit["answer"]["text"].startswith("So, look, one of the things that I want to be very clear about is:")
    assert len(hit["answer"]["text"]) <= 302
    # a verdict without a probability, and an answer hit (no answer of its own)
    r = run("search", "Meloni", "--db", db, "--json", "--no-facets", "--kind", "question")
    hit = json.loads(r.stdout)["hits"][0]
    assert (hit["turn_id"], hit["answer"]["clarity"], hit["answer"]["probability"]) == ("t6", "Clear Reply", None)
    r = run("search", '"one of the things that I want to be very"', "--db", db, "--json", "--no-facets")
    assert [h.get("answer") for h in json.loads(r.stdout)["hits"]] == [None]
    # a question seen by the clarity annotator but not judged says why
    r = run("search", '"another question on climate"', "--db", db, "--no-facets", env={"COLUMNS": "200"})
    assert "verdict: not judged (the answer is cut off)" in r.stdout


def _search_ids(db, query, *args):
    r = run("search", query, "--db", db, "--json", "--no-facets", "--limit", "1000", *args)
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)["hits"]


@pytest.mark.parametrize(
    "query, args",
    [
        ("nato", ()),
        ('"the president"*', ("--role", "journalist")),
        ("NEAR(nato russia, 2)", ()),
        ("climate speaker:karine", ()),
        ("g7 OR summit", ("--since", "2023")),
    ],
)
def test_export_query_writes_exactly_the_search_hits(db, tmp_path, query, args):
    hits = _search_ids(db, query, *args)
    assert hits
    out = tmp_path / "t.csv"
    r = run("export", "--format", "csv", "--db", db, "--query", query, *args, "--out", out)
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert sorted(row["id"] for row in rows) == sorted(h["id"] for h in hits)
    # exchanges: those holding a hit in a question or an answer, and no other
    r = run("export", "--format", "jsonl", "--level", "exchanges", "--db", db, "--query", query, *args, "--out", out)
    assert r.exit_code == 0, r.stderr
    exchanges = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    want = sorted({f"{h['event_id']}#{h['exchange_id']}" for h in hits if h["exchange_id"]})
    assert sorted(x["id"] for x in exchanges) == want
    for x in exchanges:
        turns = set((x["question_turns"] + " " + x["answer_turns"]).split())
        assert any(h["event_id"] == x["event_id"] and h["turn_id"] in turns for h in hits)


def test_export_whole_events_keeps_the_old_behaviour(db, tmp_path):
    out = tmp_path / "t.csv"
    r = run("export", "--format", "csv", "--level", "exchanges", "--db", db, "--query", '"heat or flood"', "--out", out)
    assert (r.exit_code, r.stderr) == (0, f"wrote 1 transcript (1 exchange) to {out}\n")
    r = run(
        "export",
        "--format",
        "csv",
        "--level",
        "exchanges",
        "--db",
        db,
        "--query",
        '"heat or flood"',
        "--whole-events",
        "--out",
        out,
    )
    assert (r.exit_code, r.stderr) == (0, f"wrote 1 transcript (18 exchanges) to {out}\n")
    r = run("export", "--format", "csv", "--db", db, "--speaker", "Jean-Pierre", "--out", out)
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [row["speaker"] for row in rows] == ["Karine Jean-Pierre"] * 25  # her turns, and only hers
    whole = run("export", "--format", "csv", "--db", db, "--speaker", "Jean-Pierre", "--whole-events", "--out", out)
    assert whole.exit_code == 0 and "wrote 1 transcript (" in whole.stderr


def test_db_info_and_events_are_tables_for_people_with_json_for_machines(db):
    r = run("db", "info", "--db", db)
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0].startswith(f"store       {db} (SQLite, schema ")
    assert lines[1] == "events      6 (6 versions), 2021-03-22 to 2024-06-13"
    assert "{" not in r.stdout and "labels      clarity: 1 events · evasion: 1 events · topic: 1 events" in lines
    assert json.loads(run("db", "info", "--db", db, "--json").stdout)["events"] == 6
    r = run("db", "events", "--db", db, "--limit", "2", env={"COLUMNS": "40"})
    assert r.exit_code == 0
    ids = [e["id"] for e in json.loads(run("db", "events", "--db", db, "--limit", "2", "--json").stdout)["events"]]
    lines = r.stdout.splitlines()
    assert lines[0] == "6 events; showing 1–2"
    assert lines[1].split() == ["date", "id", "turns", "exchanges", "versions", "title"]
    assert [line.split()[1] for line in lines[2:4]] == ids  # whole ids, however narrow the terminal
    assert lines[4] == "(more: --offset 2)"
    r = run("db", "events", "--db", db, "--since", "2022-13")
    assert (r.exit_code, r.stderr) == (2, "pressroom: [E006] --since '2022-13' is not a valid month (01 to 12)\n")
    record = run("db", "record", ids[0], "--db", db)
    assert record.exit_code == 0 and json.loads(record.stdout)["event"]["date"] == "2024-06-13"


def test_markdown_dates_carry_no_backslash(db, tmp_path):
    out = tmp_path / "all.md"
    r = run("export", "--format", "markdown", "--db", db, "--out", out)
    assert r.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "Press gaggle · 2023-07-28 · Aboard Air Force One" in text
    import re

    assert re.findall(r"\\\d", text) == []
