"""Never silently partial: `pressroom search --semantic` (and --hybrid) over a partly embedded
corpus says how much of it the ranking saw and how to embed the rest."""

from __future__ import annotations

import json

import pressroom
from pressroom.embed import MIN_WORDS

from .test_progress import FILES, WordCounts, run


def test_partly_embedded_corpus_is_said_and_a_whole_one_is_not(tmp_path, monkeypatch):
    monkeypatch.setattr("pressroom.embed.default_embedder", WordCounts)
    db = tmp_path / "a.db"
    assert run("ingest", FILES[0], "--db", db, "--workers", "1", "--no-identity", "--quiet").exit_code == 0
    # turns long enough to embed, counted from the parse (MIN_WORDS words or more)
    record = pressroom.parse_document(pressroom.read_path(FILES[0]))
    long_enough = [len(t.text.split()) >= MIN_WORDS for t in record.turns]
    total, first = sum(long_enough), sum(long_enough[:5])  # `embed --limit 5` takes the first five turns
    assert 0 < first < total

    assert run("embed", "--db", db, "--limit", "5", "--quiet").exit_code == 0
    for mode in ("--semantic", "--hybrid"):
        r = run("search", "nuclear weapons", "--db", db, mode, "--json")
        assert r.exit_code == 0, r.output
        assert json.loads(r.stdout)["hits"]  # the JSON on stdout stays whole
        assert r.stderr == (
            f"semantic search covers {first} of {total:,} turns — run `pressroom annotate --db {db} "
            f"--annotators embed` for the other {total - first:,}\n"
        )
    r = run("search", "nuclear weapons", "--db", db)
    assert r.exit_code == 0 and r.stderr == ""  # full text: nothing to say

    assert run("embed", "--db", db, "--quiet").exit_code == 0
    r = run("search", "nuclear weapons", "--db", db, "--semantic")
    assert r.exit_code == 0 and r.stderr == ""
