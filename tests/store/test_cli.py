"""The store commands: ingest, search, export, embed, db."""

from __future__ import annotations

import json

from click.testing import CliRunner

from pressroom.cli import main


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result


def test_ingest_search_export_db(tmp_path, corpus_files, parsed):
    db = tmp_path / "c.db"
    data = corpus_files[0].parent
    r = run("ingest", data, tmp_path / "missing.md", "--db", db, "--workers", "1", "--json")
    assert r.exit_code == 0, r.output
    summary = json.loads(r.output)
    assert (summary["files"], summary["added"], summary["failed"]) == (len(corpus_files) + 1, len(corpus_files), 1)
    assert summary["failures"] == [{"path": str(tmp_path / "missing.md"), "reason": "no such file or folder"}]

    r = run("ingest", data, "--db", db, "--quiet")
    assert r.exit_code == 0
    assert f"{len(corpus_files)} unchanged" in r.output and "0 failed" in r.output

    r = run("search", '"NATO 2030"', "--db", db, "--json", "--role", "principal", "--limit", "2")
    assert r.exit_code == 0, r.output
    res = json.loads(r.output)
    assert res["query"] == '"nato 2030"' and res["mode"] == "fulltext"
    assert [f["value"] for f in res["facets"]["role"]] == ["principal"]
    assert len(res["hits"]) == 2 and res["total"] >= 2
    assert res["hits"][0]["speaker"] == "Jens Stoltenberg"

    r = run("search", '"NATO 2030"', "--db", db)
    assert r.exit_code == 0 and "Jens Stoltenberg" in r.output and "Facets" in r.output

    out = tmp_path / "t.jsonl"
    r = run("export", "--format", "jsonl", "--db", db, "--query", '"NATO 2030"', "--out", out, "--whole-events")
    assert r.exit_code == 0, r.output
    lines = out.read_text(encoding="utf-8").splitlines()
    nato = parsed["nato-2021-03-22-press-conference.txt"]
    assert len(lines) == len(nato.turns)
    r = run("export", "--format", "jsonl", "--db", db, "--query", '"NATO 2030"', "--out", out)
    assert r.exit_code == 0, r.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5  # the turns that say it

    r = run("db", "info", "--db", db, "--json")
    info = json.loads(r.output)
    assert (info["events"], info["turns"]) == (len(corpus_files), sum(len(t.turns) for t in parsed.values()))
    r = run("db", "events", "--db", db, "--json", "--since", "2024")
    assert [e["date"] for e in json.loads(r.output)["events"]] == ["2024-06-13"]
    event_id = json.loads(r.output)["events"][0]["id"]
    r = run("db", "record", event_id, "--db", db)
    assert json.loads(r.output) == parsed["2024-06-13-background-press-call-on-the-g7.md"].to_dict()
    r = run("db", "versions", event_id, "--db", db)
    assert r.output.startswith("1\tcurrent\t2024-06-13T18:10\t")
    assert run("db", "check", "--db", db).output == "ok\n"


def test_export_from_files_without_a_store(tmp_path, corpus_files, parsed):
    from tests.fixtures import tokens

    out = tmp_path / "tei.xml"
    nato = [p for p in corpus_files if p.name.startswith("nato")]
    r = run("export", *nato, "--format", "tei", "--out", out)
    assert r.exit_code == 0, r.output
    assert out.read_bytes().startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<TEI")
    out = tmp_path / "g7.csv"
    r = run("export", corpus_files[0].parent, "--format", "csv", "--level", "events", "--query", "g7", "--out", out)
    assert r.exit_code == 0, r.output
    g7_events = sorted(t.event.date for t in parsed.values() if any("g7" in tokens(x.text) for x in t.turns))
    import csv

    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["date"] for r in rows] == g7_events and len(g7_events) >= 2


def test_errors_are_one_line_with_status_2(tmp_path):
    from pressroom.store import open_store

    db = tmp_path / "c.db"
    open_store(db).close()  # read commands refuse a missing database
    for args, message in (
        (("search", "*", "--db", db), "pressroom: [E020] the query has no words to search for"),
        (("search", "x", "--db", db, "--since", "yesterday"), "pressroom: [E006] --since must be a date"),
        (("search", "x", "--db", db, "--limit", "0"), "pressroom: [E006] limit must be between 1 and 1000, not 0"),
        (("db", "record", "nope", "--db", db), "pressroom: [E021] no event 'nope'"),
        (("search", "x", "--db", "mysql://h/d"), "pressroom: [E004] unsupported database URL scheme 'mysql'"),
        (("ingest", tmp_path, "--db", db, "--annotators", "bogus"), "pressroom: [E010] unknown annotator 'bogus'"),
        (("ingest", tmp_path, "--db", db, "--workers", "0"), "pressroom: [E006] --workers must be 1 or more"),
    ):
        r = run(*args)
        assert r.exit_code == 2, (args, r.output)
        assert r.output.startswith(message), (args, r.output)
        assert r.output.count("\n") == 1 and "Traceback" not in r.output


def test_embed_and_semantic_search_commands(tmp_path, corpus_files, monkeypatch):
    import pressroom.embed
    from tests.fixtures import FakeEmbedder

    fake = FakeEmbedder()
    fake.name = "all-MiniLM-L6-v2"  # stands in for the model: the commands use the default embedder
    monkeypatch.setattr(pressroom.embed, "_DEFAULT", fake)
    db = tmp_path / "c.db"
    nato = [p for p in corpus_files if p.name.startswith("nato")]
    r = run("ingest", *nato, "--db", db, "--embed", "--json")
    assert r.exit_code == 0, r.output
    summary = json.loads(r.output)
    assert summary["added"] == 1 and summary["embed"]["chunks"] >= summary["embed"]["turns"] > 30
    r = run("embed", "--db", db, "--json")
    assert json.loads(r.output)["chunks"] == 0
    r = run("search", "NATO 2030 initiative", "--db", db, "--semantic", "--json", "--limit", "3")
    assert r.exit_code == 0, r.output
    res = json.loads(r.output)
    assert res["mode"] == "semantic" and len(res["hits"]) == 3 and res["query"] == "NATO 2030 initiative"
    r = run("search", "NATO 2030", "--db", db, "--hybrid", "--json", "--limit", "3")
    assert json.loads(r.output)["mode"] == "hybrid"


def test_search_refuses_unknown_filter_values():
    cases = {
        ("--role", "princpal"): "pressroom: [E006] no role 'princpal'; roles: principal, moderator, journalist, "
        "official, other\n",
        ("--clarity", "nonsense"): "pressroom: [E006] no clarity 'nonsense'; clarity: clear, ambivalent, non-reply "
        "(or Ambivalent, Clear Non-Reply, Clear Reply)\n",
        ("--topic", "macroeconomic"): "pressroom: [E006] no topic 'macroeconomic'; topics: Agriculture, Civil Rights, "
        "Culture, Defense, Domestic Commerce, Education, Energy, Environment, Foreign "
        "Trade, Government Operations, Health, Housing, Immigration, International "
        "Affairs, Labor, Law and Crime, Macroeconomics, Public Lands, Social Welfare, "
        "Technology, Transportation; did you mean Macroeconomics?\n",
        ("--since", "2022-13"): "pressroom: [E006] --since '2022-13' is not a valid month (01 to 12)\n",
        ("--until", "2022-02-30"): "pressroom: [E006] --until '2022-02-30' is not a valid date\n",
    }
    for args, line in cases.items():
        r = CliRunner().invoke(main, ["search", "nato", "--db", ":memory:", *args])
        assert (r.exit_code, r.stderr, r.stdout) == (2, line, "")
    # known values in any case pass
    for args in (("--role", "Principal"), ("--since", "2022-12"), ("--kind", "Question")):
        r = CliRunner().invoke(main, ["search", "nato", "--db", ":memory:", "--json", *args])
        assert r.exit_code == 0, r.stderr
        assert json.loads(r.stdout)["total"] == 0
    # known label values, and aliases, on a store never annotated for them: said so
    for args, annotator in (
        (("--clarity", "unanswered"), "clarity"),
        (("--clarity", "Clear Reply"), "clarity"),
        (("--topic", "macroeconomics"), "topics"),
        (("--entity", "NATO"), "entities"),
    ):
        r = CliRunner().invoke(main, ["search", "nato", "--db", ":memory:", "--json", *args])
        assert (r.exit_code, r.stderr) == (
            2,
            f"pressroom: [E006] {args[0]} needs the {annotator} annotator, and no "
            f"transcript of :memory: was annotated with it: run `pressroom annotate "
            f"--db :memory: --annotators {annotator}`\n",
        )


def test_read_commands_refuse_a_missing_database(tmp_path):
    db = tmp_path / "nope.db"
    line = f"pressroom: [E004] no database at {db}; run pressroom ingest first\n"
    for args in (
        ["search", "nato"],
        ["export", "--format", "jsonl", "--out", tmp_path / "o.jsonl"],
        ["db", "info"],
        ["db", "events"],
        ["db", "record", "x"],
        ["db", "versions", "x"],
        ["db", "check"],
        ["embed"],
        ["people"],
    ):
        r = run(*args, "--db", db)
        assert (r.exit_code, r.stderr, r.stdout) == (2, line, ""), args
        assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_ingest_creates_the_database(tmp_path, corpus_files):
    db = tmp_path / "new.db"
    r = run("ingest", corpus_files[0], "--db", db, "--workers", "1", "--quiet", "--no-identity")
    assert r.exit_code == 0, r.output
    assert db.exists()
    assert run("db", "check", "--db", db).output == "ok\n"


def test_export_counts_in_singular_and_plural(tmp_path, corpus_files, parsed):
    one = corpus_files[0]
    r = run("export", "--format", "markdown", one, "--out", tmp_path / "one.md")
    assert (r.exit_code, r.stderr) == (0, f"wrote 1 transcript to {tmp_path / 'one.md'}\n")
    r = run("export", "--format", "markdown", *corpus_files[:2], "--out", tmp_path / "two.md")
    assert r.stderr == f"wrote 2 transcripts to {tmp_path / 'two.md'}\n"
    n = len(parsed[one.name].turns)
    r = run("export", "--format", "jsonl", one, "--out", tmp_path / "one.jsonl")
    assert r.stderr == f"wrote 1 transcript ({n:,} turns) to {tmp_path / 'one.jsonl'}\n"
    r = run("export", "--format", "jsonl", "--level", "events", one, "--out", tmp_path / "e.jsonl")
    assert r.stderr == f"wrote 1 transcript (1 event) to {tmp_path / 'e.jsonl'}\n"
