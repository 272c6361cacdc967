"""SQLite ranks in the database (every match unscored, the best page by bm25 among the turns
the filters keep); the same store ranked in memory from every scored match (what the
PostgreSQL engine does) must give the very same results: hits, order, scores, snippets,
totals and facets."""

from __future__ import annotations

import copy

import pytest

from pressroom.search import Filters, parse_query
from pressroom.store import open_store

NATO = "nato-2021-03-22-press-conference.txt"
G7 = "2024-06-13-background-press-call-on-the-g7.md"

CASES = [
    ("the", Filters()),
    ("president", Filters()),
    ('"the president"', Filters()),
    ("russia* OR china", Filters()),
    ("afghanistan NOT taliban", Filters()),
    ("(nato OR alliance) AND russia", Filters()),
    ("econom*", Filters(role="journalist")),
    ("the", Filters(speaker="jean-pierre")),
    ("the", Filters(kind="answer", since="2023")),
    ("president", Filters(until="2023-05")),
    ("nato", Filters(all_versions=True)),
    ("the", Filters(topic="Defense")),
    ("g7 OR summit", Filters(outlet="a")),
]


@pytest.fixture
def sqlite_store(tmp_path, parsed):
    s = open_store(str(tmp_path / "ranking.db"))
    for t in parsed.values():
        s.add(t)
    # a publisher's update: the old version's turns stay stored but are not current
    u = copy.deepcopy(parsed[NATO])
    u.event.last_updated = "2099-01-01T00:00"  # later than the original's
    u.event.source = {**u.event.source, "sha256": "d" * 64}
    u.turns[0].text += " (corrected)"
    res = s.add(u)
    assert (res.status, res.current) == ("updated", True)
    yield s
    s.close()


def in_memory(store, query, filters, limit, offset):
    """The same search with the ranking done in memory from every scored match."""
    store.engine.ranks_in_database = False
    try:
        return store.search(query, filters, limit=limit, offset=offset).to_dict()
    finally:
        del store.engine.ranks_in_database  # back to the class attribute


@pytest.mark.parametrize("query, filters", CASES)
def test_database_ranking_equals_in_memory_ranking(sqlite_store, query, filters):
    assert sqlite_store.engine.ranks_in_database
    table = sqlite_store._turn_table()
    assert table.dense  # turn ids without gaps: the filters' bytes are copied in one slice
    for dense in (True, False):  # False: the bytes set id by id (a store with gaps in its ids)
        table.dense = dense
        for limit, offset in ((10, 0), (7, 5), (1000, 0), (5, 10_000)):
            got = sqlite_store.search(query, filters, limit=limit, offset=offset).to_dict()
            assert got == in_memory(sqlite_store, query, filters, limit, offset)
    full = sqlite_store.search(query, filters, limit=1000)
    assert len(full.hits) == min(full.total, 1000)
    assert [h.score for h in full.hits] == sorted((h.score for h in full.hits), reverse=True)


def test_the_superseded_version_is_ranked_only_with_all_versions(sqlite_store):
    current = sqlite_store.search("corrected", limit=50)
    every = sqlite_store.search("corrected", Filters(all_versions=True), limit=50)
    assert current.total == every.total == 1  # only the new version's first turn says it
    nato = sqlite_store.search('"NATO 2030"', limit=1000)
    both = sqlite_store.search('"NATO 2030"', Filters(all_versions=True), limit=1000)
    assert both.total == 2 * nato.total
    assert {h.id for h in both.hits} == {h.id for h in nato.hits}  # same permalinks, twice each


def test_turns_stored_after_the_table_loaded_are_left_out_until_it_reloads(sqlite_store, parsed, tmp_path):
    sqlite_store.reload_in_background(min_interval=3600)
    before = sqlite_store.search("g7", limit=1000)
    u = copy.deepcopy(parsed[G7])
    u.event.source = {**u.event.source, "url": "https://example.invalid/g7-copy", "sha256": "c" * 64}
    u.event.title = "Copy: " + u.event.title
    writer = open_store(str(sqlite_store.url))
    assert writer.add(u).status == "added"
    writer.close()
    # the full-text index holds the new turns, the loaded table does not: they are left out
    # (scores change: bm25 weighs a word by the whole index)
    stale = sqlite_store.search("g7", limit=1000)
    assert stale.to_dict() == in_memory(sqlite_store, "g7", Filters(), 1000, 0)
    assert (stale.total, stale.facets) == (before.total, before.facets)
    assert sorted(h.id for h in stale.hits) == sorted(h.id for h in before.hits)
    assert sqlite_store.wait_for_reload()  # none started: the table is less than an hour old
    sqlite_store.reload_in_background(None)  # back to reloading at once
    copied = sum(1 for h in before.hits if h.date == "2024-06-13")  # the G7 call's own hits
    assert copied > 0
    assert sqlite_store.search("g7", limit=1000).total == before.total + copied


def test_prefix_snippets_read_once_equal_those_looked_up_one_by_one(sqlite_store):
    q = parse_query("econom* OR russia*")
    ids = [
        h.turn_id
        and int(
            sqlite_store.engine.one(
                "SELECT t.id FROM turns t JOIN events e ON e.current_version = t.version_id "
                "WHERE e.id = ? AND t.turn_id = ?",
                (h.event_id, h.turn_id),
            )[0]
        )
        for h in sqlite_store.search("econom* OR russia*", limit=12).hits
    ]
    assert len(ids) == 12
    together = sqlite_store.engine.fts_snippets(q, ids)
    one_by_one = {}
    for i in ids:
        one_by_one.update(sqlite_store.engine.fts_snippets(q, [i]))
    assert together == one_by_one and len(together) == 12


def test_hybrid_fuses_the_same_full_text_ranking(sqlite_store):
    from tests.fixtures import FakeEmbedder

    emb = FakeEmbedder()
    sqlite_store.embed(emb)
    for query, filters in (("the president", Filters()), ("russia* OR nato", Filters(role="principal"))):
        got = sqlite_store.search(query, filters, mode="hybrid", embedder=emb, limit=50).to_dict()
        sqlite_store.engine.ranks_in_database = False
        try:
            want = sqlite_store.search(query, filters, mode="hybrid", embedder=emb, limit=50).to_dict()
        finally:
            del sqlite_store.engine.ranks_in_database
        assert got == want and got["hits"]


BRIEFING = """---
title: Press Briefing by Press Secretary Jen Psaki
date: 2022-05-10
---

MS. PSAKI: Good afternoon. Let me start with the economy today.

Q: — inflation is coming down.

MS. PSAKI: Well, the President has been clear that fighting inflation is his top economic priority. Prices are \
too high, families feel it at the grocery store and at the gas pump, and the plan he laid out today lowers costs for \
families: it cuts the cost of prescription drugs, it makes the wealthy pay their fair share, and it brings the \
deficit down, which economists of every stripe tell us takes pressure off inflation over the coming year.

Q: Thank you.
"""


@pytest.fixture
def briefing(store, tmp_path):
    import pressroom

    path = tmp_path / "briefing.md"
    path.write_text(BRIEFING, encoding="utf-8")
    store.add(pressroom.parse_path(path))
    return store


def test_the_length_prior_puts_the_answer_above_the_fragment(briefing):
    """Plain bm25 (SQLite) or ts_rank_cd (PostgreSQL) puts the four-word fragment first; with
    the length prior, L / (L + 100) for L characters, the 433-character answer comes first."""
    from pressroom.store.engines import LENGTH_PRIOR

    assert LENGTH_PRIOR == 100.0
    after = briefing.search("inflation")
    assert [(h.turn_id, h.kind) for h in after.hits] == [("t3", "answer"), ("t2", "question")]
    briefing.engine.length_prior = 0
    try:
        before = briefing.search("inflation")
    finally:
        del briefing.engine.length_prior
    if briefing.engine.name == "sqlite":  # ts_rank_cd counts the answer's two mentions higher anyway
        assert [h.turn_id for h in before.hits] == ["t2", "t3"]
    spans = {r[0]: r[1] for r in briefing.engine.query("SELECT turn_id, end_char - start_char FROM turns")}
    for b, a in zip(sorted(before.hits, key=lambda h: h.turn_id), sorted(after.hits, key=lambda h: h.turn_id)):
        n = spans[a.turn_id]
        assert a.score == pytest.approx(b.score * n / (n + 100.0), abs=2e-6)
