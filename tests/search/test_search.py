"""Search on both engines, checked against a pure-Python oracle over the parsed turns."""

from __future__ import annotations

from collections import Counter

import pytest

from pressroom.errors import PressroomError
from pressroom.search import Filters, QueryError, parse_query
from pressroom.store import open_store
from tests.fixtures import FakeEmbedder, reference_match, tokens

QUERIES = [
    "g7",
    "ukraine",
    '"the president"',
    "russia* OR china",
    "afghanistan NOT taliban",
    "(nato OR alliance) AND russia",
    '"arms control"',
    "econom*",
    "president -biden",
    "covid-19",
]


@pytest.fixture
def loaded(store, parsed):
    for t in parsed.values():
        store.add(t)
    return store


def expected_turns(parsed, query: str, keep=lambda t, turn: True):
    q = parse_query(query)
    out = []
    for t in parsed.values():
        for turn in t.turns:
            if reference_match(q, tokens(turn.text)) and keep(t, turn):
                out.append((t, turn))
    return out


@pytest.mark.parametrize("query", QUERIES)
def test_totals_match_the_reference(loaded, parsed, query):
    want = expected_turns(parsed, query)
    result = loaded.search(query, limit=1000)
    assert result.total == len(want)
    assert sorted(h.turn_id + "@" + (h.date or "") for h in result.hits) == sorted(
        turn.id + "@" + t.event.date for t, turn in want
    )


def test_hits_carry_event_speaker_date_snippet_and_permalink(loaded, parsed):
    result = loaded.search('"NATO 2030"', limit=3)
    nato = parsed["nato-2021-03-22-press-conference.txt"]
    q = parse_query('"NATO 2030"')
    assert result.total == sum(1 for turn in nato.turns if reference_match(q, tokens(turn.text)))
    hit = result.hits[0]
    turn = nato.turn(hit.turn_id)
    assert hit.id == f"{hit.event_id}#{hit.turn_id}"
    assert (hit.event_title, hit.date) == (nato.event.title, "2021-03-22")
    assert hit.speaker == nato.speaker_name(turn.speaker)
    assert hit.role == nato.speaker(turn.speaker).role
    marked = [hit.snippet[a:b] for a, b in hit.highlights]
    assert marked and all(set(tokens(m)) <= {"nato", "2030"} for m in marked)
    assert hit.snippet.replace("…", "").strip().split()[0] in turn.text
    assert "<mark>" in hit.snippet_html()
    assert loaded.turn(hit.id)["text"] == turn.text


def test_ranking_puts_denser_matches_first(loaded):
    hits = loaded.search("g7", limit=50).hits
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_facets_count_every_match(loaded, parsed):
    query = "president"
    want = expected_turns(parsed, query)
    result = loaded.search(query, limit=1)
    roles = Counter(t.speaker(turn.speaker).role for t, turn in want)
    assert {v.value: v.count for v in result.facets["role"]} == dict(roles)
    years = Counter(t.event.date[:4] for t, _ in want)
    assert {v.value: v.count for v in result.facets["year"]} == dict(years)
    speakers = Counter(t.speaker_name(turn.speaker) for t, turn in want)
    top = sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    assert [(v.value, v.count) for v in result.facets["speaker"]] == top
    assert result.facets["entity"] == [] and result.facets["clarity"] == []


def test_filters(loaded, parsed):
    q = "president"
    by_role = expected_turns(parsed, q, lambda t, turn: t.speaker(turn.speaker).role == "journalist")
    assert loaded.search(q, Filters(role="journalist")).total == len(by_role)
    assert loaded.search(q, Filters(role="JOURNALIST")).total == len(by_role)
    since = expected_turns(parsed, q, lambda t, turn: t.event.date >= "2023-05-19")
    assert loaded.search(q, Filters(since="2023-05-19")).total == len(since)
    until = expected_turns(parsed, q, lambda t, turn: t.event.date <= "2023-05-19")
    assert loaded.search(q, Filters(until="2023-05")).total == len(until)
    assert loaded.search(q, Filters(since="2023-04", until="2023-06")).total == len(
        expected_turns(parsed, q, lambda t, turn: t.event.date == "2023-05-19")
    )
    jp = expected_turns(parsed, q, lambda t, turn: "jean-pierre" in (t.speaker_name(turn.speaker) or "").lower())
    assert loaded.search(q, Filters(speaker="jean-PIERRE")).total == len(jp) > 0
    kinds = expected_turns(parsed, q, lambda t, turn: turn.kind == "answer")
    assert loaded.search(q, Filters(kind="answer")).total == len(kinds)
    nato_id = loaded.search('"NATO 2030"').hits[0].event_id
    assert loaded.search("nato", Filters(event=nato_id)).total == len(
        expected_turns(parsed, "nato", lambda t, turn: t.event.date == "2021-03-22")
    )
    assert loaded.search(q, Filters(topic="Defense")).total == 0


HOSTILE = [
    "'); DROP TABLE turns; --",
    '"; DELETE FROM events; --',
    "' OR 1=1 --",
    'unbalanced "quote',
    "NEAR(president g7, 2)",
    "president*",
    "turns_fts_president",
    "text:president",
    "{text}: president",
    "president^",
    "(((president",
    "president)))",
    "AND OR president",
    "%_% president",
    "\\x00 president \x00",
    "président",
    "🙂 president",
    "a" * 3000,
    "president " * 60,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_search_as_text_and_harm_nothing(loaded, parsed, query):
    before = loaded.stats()
    result = loaded.search(query, limit=5)
    assert result.total == len(expected_turns(parsed, query))
    after = loaded.stats()
    assert (after.events, after.turns) == (before.events, before.turns)
    assert loaded.integrity_check() == "ok"


@pytest.mark.parametrize(
    "query, message",
    [
        ("*", "no words to search for"),
        ("');--", "no words to search for"),
        ("-president", "only excludes words"),
        ("AND OR NOT president", "only excludes words"),
        ("NEAR(", "NEAR\\( is not closed"),
        ("turns_fts:president", "no column 'turns_fts' to search in; columns: text, speaker, outlet"),
        ("x " * 10240, "too long"),
        (" ".join(f"w{i}" for i in range(100)), "too long: 100 terms"),
    ],
)
def test_unsearchable_queries_refused_with_a_clear_message(loaded, query, message):
    with pytest.raises(QueryError, match=message) as exc:
        loaded.search(query)
    assert isinstance(exc.value, PressroomError) and "\n" not in str(exc.value)
    assert loaded.integrity_check() == "ok"


def test_paging(loaded):
    everything = [h.id for h in loaded.search("the", limit=40).hits]
    pages = [h.id for off in (0, 10, 20, 30) for h in loaded.search("the", limit=10, offset=off).hits]
    assert pages == everything


def test_semantic_and_hybrid_with_a_fake_embedder(loaded, parsed):
    emb = FakeEmbedder()
    report = loaded.embed(emb, batch_size=16)
    assert report.chunks > report.turns > 0
    assert loaded.embed(emb).chunks == 0  # nothing left to embed
    nato = parsed["nato-2021-03-22-press-conference.txt"]
    target = max(nato.turns, key=lambda t: len(t.text))
    query = " ".join(target.text.split()[:40])
    sem = loaded.search(query, mode="semantic", embedder=emb, limit=5)
    assert sem.mode == "semantic"
    assert sem.hits[0].turn_id == target.id and sem.hits[0].date == "2021-03-22"
    assert sem.hits[0].score > 0.8
    assert sem.total == min(200, report.turns) and sem.query == query
    assert sum(v.count for v in sem.facets["role"]) == sem.total
    filtered = loaded.search(query, Filters(role="journalist"), mode="semantic", embedder=emb, limit=50)
    assert filtered.hits and all(h.role == "journalist" for h in filtered.hits)
    hyb = loaded.search("NATO 2030 agenda", mode="hybrid", embedder=emb, limit=5)
    assert hyb.mode == "hybrid" and hyb.hits
    assert hyb.hits[0].score == pytest.approx(max(h.score for h in hyb.hits))
    with pytest.raises(QueryError):
        loaded.search("*", mode="hybrid", embedder=emb)


def test_semantic_without_embeddings_says_what_to_do(loaded):
    with pytest.raises(PressroomError, match="run 'pressroom embed' first"):
        loaded.search("anything", mode="semantic", embedder=FakeEmbedder())


def test_new_versions_refresh_the_vector_index(loaded, parsed):
    import copy

    emb = FakeEmbedder()
    loaded.embed(emb)
    g7 = parsed["2024-06-13-background-press-call-on-the-g7.md"]
    first = loaded.search(g7.turns[0].text, mode="semantic", embedder=emb, limit=1).hits[0]
    u = copy.deepcopy(g7)
    u.event.last_updated = "2024-07-01T00:00"
    u.event.source["sha256"] = "e" * 64
    loaded.add(u)
    loaded.embed(emb)
    again = loaded.search(g7.turns[0].text, mode="semantic", embedder=emb, limit=3)
    assert again.hits[0].id == first.id  # same permalink, now served by version 2
    assert len({h.id for h in again.hits}) == 3  # the superseded version's turns are gone


def test_sqlite_utils_full_text_search_works(tmp_path, parsed):
    sqlite_utils = pytest.importorskip("sqlite_utils")
    path = tmp_path / "corpus.db"
    s = open_store(str(path))
    for t in parsed.values():
        s.add(t)
    s.close()
    db = sqlite_utils.Database(str(path))
    assert db["turns"].detect_fts() == "turns_fts"
    rows = list(db["turns"].search("g7", columns=["event_id", "turn_id", "text"]))
    assert len(rows) == len(expected_turns(parsed, "g7"))
    assert all("g7" in tokens(r["text"]) for r in rows)
    # the raw FTS5 syntax sqlite-utils passes through works on the same index
    assert len(list(db["turns"].search('"arms control"'))) == len(expected_turns(parsed, '"arms control"'))


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(role="Journalist"),
        Filters(speaker="jean-pierre"),
        Filters(outlet="a"),
        Filters(kind="answer"),
        Filters(since="2023-05"),
        Filters(until="2023"),
        Filters(since="2021-04", until="2023-06"),
        Filters(role="principal", since="2024"),
        Filters(all_versions=True),
        Filters(topic="none"),
    ],
)
def test_semantic_filters_equal_the_sql_filters(loaded, filters):
    emb = FakeEmbedder()
    loaded.embed(emb)
    index = loaded._vector_index(emb.name)
    got = set(index.turns[loaded._vector_mask(index, filters)].tolist())
    conds, params = loaded._turn_conditions(filters)
    sql = {r[0] for r in loaded.engine.query(f"SELECT t.id FROM turns t WHERE {' AND '.join(conds)}", params)}
    assert got == sql & set(index.turns.tolist())
