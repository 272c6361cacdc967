"""FTS5's query syntax as users type it — prefix phrases, NEAR, column filters — on both
engines, checked against FTS5 itself and against the pure-Python oracle."""

from __future__ import annotations

import sqlite3

import pytest

from pressroom.search import QueryError, parse_query
from pressroom.store import open_store
from pressroom.store.rows import display_name
from tests.fixtures import column_match, reference_match, tokens

KJP = "2023-07-28-press-gaggle-by-press-secretary-karine-jean-pierre-en-route-brunswick-me.md"


@pytest.fixture
def loaded(store, parsed):
    for t in parsed.values():
        store.add(t)
    return store


def speaker_and_outlet(t, turn):
    sp = {s.id: s for s in t.speakers}.get(turn.speaker)
    outlet = sp.affiliation if sp is not None and sp.role == "journalist" else None
    return display_name(sp), outlet


def expected(parsed, text: str) -> list[str]:
    q = parse_query(text)
    out = []
    for t in parsed.values():
        for turn in t.turns:
            if not reference_match(q, tokens(turn.text)):
                continue
            speaker, outlet = speaker_and_outlet(t, turn)
            values = {"speaker": speaker, "outlet": outlet}
            if all(column_match(c.term, values[c.column]) != c.negated for c in q.columns):
                out.append(f"{t.event.date}/{turn.id}")
    return sorted(out)


def test_prefix_phrase_finds_exactly_what_fts5_finds(tmp_path, parsed):
    """`"student loan"*` (the `*` used to be dropped) returns the turns a raw FTS5 MATCH of
    the same expression returns on the same SQLite file."""
    path = tmp_path / "fts.db"
    store = open_store(str(path))
    for t in parsed.values():
        store.add(t)
    got = store.search('"student loan"*', limit=1000)
    store.close()
    with sqlite3.connect(path) as conn:
        raw = conn.execute(
            "SELECT t.event_id || '#' || t.turn_id FROM turns_fts f JOIN turns t ON t.id = f.rowid "
            "WHERE turns_fts MATCH ? AND t.is_current = 1",
            ('"student loan" *',),
        ).fetchall()
        phrase = conn.execute("SELECT count(*) FROM turns_fts WHERE turns_fts MATCH ?", ('"student loan"',)).fetchone()
    assert sorted(h.id for h in got.hits) == sorted(r[0] for r in raw)
    assert got.total == len(raw) == 1  # "… on student loans …" in the Brunswick gaggle
    assert got.hits[0].snippet.count("\ue000") == 0 and "student loans" in got.hits[0].snippet.lower()
    assert phrase[0] == 0  # without the prefix the phrase is not there


QUERIES = [
    '"student loan"*',
    '"the presid"*',
    "NEAR(g7 leaders, 3)",
    'NEAR("prime minister" president, 5)',
    "NEAR(ukraine russia, 3) OR afghanistan",
    "NEAR(nato* russia, 1)",
    "NEAR(nato russia, 2)",
    "NEAR(nato russia, 0)",
    "nato speaker:stoltenberg",
    '"prime minister" -speaker:"jens stoltenberg"',
    "nato outlet:europeana",
    "president -outlet:a*",
    "text:ukraine",
]


@pytest.mark.parametrize("query", QUERIES)
def test_fts5_syntax_on_both_engines_matches_the_oracle(loaded, parsed, query):
    result = loaded.search(query, limit=1000)
    want = expected(parsed, query)
    assert result.total == len(want)
    assert sorted(f"{h.date}/{h.turn_id}" for h in result.hits) == want


def test_the_cases_are_not_empty(parsed):
    counts = {q: len(expected(parsed, q)) for q in QUERIES}
    assert counts == {
        '"student loan"*': 1,
        '"the presid"*': 44,
        "NEAR(g7 leaders, 3)": 2,
        'NEAR("prime minister" president, 5)': 5,
        "NEAR(ukraine russia, 3) OR afghanistan": 9,
        "NEAR(nato* russia, 1)": 2,
        "NEAR(nato russia, 2)": 2,
        "NEAR(nato russia, 0)": 1,
        "nato speaker:stoltenberg": 13,
        '"prime minister" -speaker:"jens stoltenberg"': 8,
        "nato outlet:europeana": 1,
        "president -outlet:a*": 54,
        "text:ukraine": 14,
    }


def test_column_filters_reach_event_lists_timelines_and_matching_turns(loaded, parsed):
    events = loaded.events(query="nato speaker:stoltenberg")
    assert [e.title for e in events.events] == [parsed["nato-2021-03-22-press-conference.txt"].event.title]
    assert sum(p.count for p in loaded.timeline(query="nato speaker:stoltenberg", interval="year")) == 13
    turns = loaded.matching_turns("nato speaker:stoltenberg")
    assert sum(len(v) for v in turns.values()) == 13


def test_near_of_three_is_refused_on_postgresql_only(loaded):
    if loaded.engine.name == "sqlite":
        assert loaded.search("NEAR(nato russia china, 20)").total == 1
    else:
        with pytest.raises(QueryError, match="on PostgreSQL NEAR"):
            loaded.search("NEAR(nato russia china, 20)")


def test_hybrid_search_applies_column_filters_to_both_rankings(loaded):
    from tests.fixtures import FakeEmbedder

    emb = FakeEmbedder()
    loaded.embed(emb)
    plain = loaded.search("nato allies", mode="hybrid", embedder=emb, limit=200)
    assert {h.speaker for h in plain.hits} - {"Jens Stoltenberg"}  # others too without the filter
    hyb = loaded.search("nato allies speaker:stoltenberg", mode="hybrid", embedder=emb, limit=200)
    assert hyb.hits and {h.speaker for h in hyb.hits} == {"Jens Stoltenberg"}
    assert hyb.query == "((nato AND allies) AND speaker:stoltenberg)"
