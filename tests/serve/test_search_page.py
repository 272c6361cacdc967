"""The search page and the API around it: modes (full text, semantic, hybrid), order (relevance,
date), filter values checked against what the store can hold, topics and their facets, and
one <h1> on the search, speakers, outlets and profile pages."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

import pressroom
from pressroom.store import open_store
from tests.fixtures import FakeEmbedder

from .conftest import XSS
from .test_downloads import csv_rows, page_rows

ROLES = "no role 'princpal'; roles: principal, moderator, journalist, official, other"
KINDS = "no turn kind 'questions'; kinds: statement, moderator, question, answer, remark"
CLARITY = "no clarity 'non-answer'; clarity: clear, ambivalent, non-reply (or Ambivalent, Clear Non-Reply, Clear Reply)"
TOPICS = (
    "no topic 'economy'; topics: Agriculture, Civil Rights, Culture, Defense, Domestic Commerce, Education, "
    "Energy, Environment, Foreign Trade, Government Operations, Health, Housing, Immigration, "
    "International Affairs, Labor, Law and Crime, Macroeconomics, Public Lands, Social Welfare, Technology, "
    "Transportation"
)
SEMANTIC_Q = "arms control treaty with Russia"


def notices(html: str) -> list[str]:
    return [
        " ".join(re.sub(r"<[^>]+>", "", m).split()).replace("&#39;", "'")
        for m in re.findall(r'<p class="notice[^"]*"[^>]*>(.*?)</p>', html, re.S)
    ]


def h1s(html: str) -> list[str]:
    return [" ".join(re.sub(r"<[^>]+>", "", m).split()) for m in re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)]


@pytest.mark.parametrize(
    "path, title",
    [
        ("/search", "Search"),
        ("/search?q=nato", "Search"),
        ("/speakers", "Speakers"),
        ("/outlets", "Outlets"),
        ("/speakers/Jens Stoltenberg", "Jens Stoltenberg"),
        ("/outlets/Interfax Ukraine", "Interfax Ukraine"),
    ],
)
def test_one_h1_per_page(client, path, title):
    assert h1s(client.get(path).text) == [title]


# -- filter values ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "param, value, message",
    [
        ("role", "princpal", ROLES),
        ("kind", "questions", KINDS),
        ("clarity", "non-answer", CLARITY),
        ("topic", "economy", TOPICS),
    ],
)
def test_an_unknown_filter_value_names_the_valid_ones(client, param, value, message):
    from pressroom.cli.store import check_filter_values

    with pytest.raises(Exception) as cli:  # the CLI's line, word for word
        check_filter_values({param: value})
    assert cli.value.message == message
    r = client.get("/api/v1/search", params={"q": "nato", param: value})
    assert r.status_code == 400
    assert r.json() == {"error": {"code": "E006", "message": message}}
    for path in ("/api/v1/events", "/api/v1/timeline"):
        assert client.get(path, params={param: value}).json()["error"]["message"] == message
    html = client.get("/search", params={"q": "nato", param: value}).text
    assert notices(html) == [message]
    assert page_rows(html).hits == [] and "Nothing matches" not in html


def test_the_events_page_checks_its_filters_too(client):
    assert notices(client.get("/", params={"role": "princpal"}).text) == [ROLES]
    assert notices(client.get("/", params={"topic": "economy"}).text) == [TOPICS]
    assert notices(client.get("/", params={"topic": "defense"}).text) == []


def test_an_unknown_speaker_or_outlet_names_the_nearest(client):
    r = client.get("/api/v1/search", params={"q": "nato", "speaker": "Stoltenburg"})
    assert (r.status_code, r.json()["error"]["message"]) == (
        400,
        "no speaker 'Stoltenburg'; did you mean: Jens Stoltenberg",
    )
    html = client.get("/search", params={"q": "nato", "outlet": "Interfax Ukrane"}).text
    assert notices(html) == ["no outlet 'Interfax Ukrane'; did you mean: Interfax Ukraine"]
    assert client.get("/api/v1/search", params={"q": "nato", "speaker": "stoltenberg"}).json()["total"] == 13


def test_an_impossible_date_is_refused(client):
    r = client.get("/api/v1/search", params={"q": "nato", "since": "2022-13"})
    assert (r.status_code, r.json()["error"]["message"]) == (400, "--since '2022-13' is not a valid month (01 to 12)")


def test_a_topic_in_any_case_is_the_stored_topic(client):
    api = client.get("/api/v1/search", params={"q": "nato", "topic": "defense"}).json()
    assert api["total"] == 10 and {f["value"] for f in api["facets"]["topic"]} == {"Defense"}
    assert client.get("/api/v1/search", params={"q": "nato", "clarity": "unanswered"}).json()["total"] == 13


def test_speakers_page_and_api_check_the_role(client):
    assert notices(client.get("/speakers", params={"role": "princpal"}).text) == [ROLES]
    r = client.get("/api/v1/speakers", params={"role": "princpal"})
    assert (r.status_code, r.json()["error"]["message"]) == (400, ROLES)


@pytest.fixture(scope="module")
def bare_client(tmp_path_factory):
    """A store with one transcript and no annotations (no topics, no verdicts, no embeddings)."""
    from pressroom.serve import create_app

    path = str(tmp_path_factory.mktemp("bare") / "bare.db")
    with open_store(path) as s:
        s.add(pressroom.parse_path(XSS))
    with TestClient(create_app(path, public_reads=True)) as c:
        yield c


def test_a_label_filter_on_a_store_without_the_annotator_says_so(bare_client):
    for param, value, annotator in (
        ("topic", "Defense", "topics"),
        ("clarity", "clear", "clarity"),
        ("entity", "NATO", "entities"),
    ):
        message = (
            f"a {param} filter needs the {annotator} annotator, and this store has no {param} labels: "
            f"run pressroom annotate --annotators {annotator}"
        )
        r = bare_client.get("/api/v1/search", params={"q": "statement", param: value})
        assert (r.status_code, r.json()["error"]["message"]) == (400, message)
        assert notices(bare_client.get("/search", params={"q": "statement", param: value}).text) == [message]
    assert bare_client.get("/api/v1/topics").json() == {"total": 0, "topics": []}
    assert 'id="topics"' not in bare_client.get("/search").text


# -- topics ----------------------------------------------------------------------------------------
def test_topics_with_counts(client):
    assert client.get("/api/v1/topics").json() == {
        "total": 2,
        "topics": [
            {"topic": "Defense", "exchanges": 7, "events": 1},
            {"topic": "International Affairs", "exchanges": 6, "events": 1},
        ],
    }


def test_topic_facets_are_links_that_add_the_filter(client):
    html = client.get("/search", params={"q": "nato"}).text
    facet = re.search(r"<h3>Topic</h3>\s*<ul>(.*?)</ul>", html, re.S).group(1)
    links = re.findall(
        r'<a href="([^"]+)" class="facet-link"><span class="facet-value">([^<]+)</span>'
        r'<span class="count">(\d+)</span>',
        facet,
    )
    assert links == [
        ("?q=nato&amp;topic=International+Affairs", "International Affairs", "11"),
        ("?q=nato&amp;topic=Defense", "Defense", "10"),
    ]
    narrowed = client.get("/search?q=nato&topic=Defense").text
    assert re.search(r"<strong>(\d+)</strong> turns match", narrowed).group(1) == "10"
    assert 'href="?q=nato" class="facet-link active"' in narrowed  # the active facet removes the filter


def test_the_empty_search_page_lists_the_topics(client):
    html = client.get("/search").text
    chips = re.findall(r'<a class="chip chip-topic" href="([^"]+)">([^<]+) <span class="count">(\d+)</span>', html)
    assert chips == [
        ("/?topic=Defense", "Defense", "7"),
        ("/?topic=International%20Affairs", "International Affairs", "6"),
    ]


# -- order -----------------------------------------------------------------------------------------
def test_sort_by_date_newest_or_oldest_first(client):
    def hits(sort, page=None):
        params = {"q": "thank OR question", "sort": sort, **({"page": page} if page else {})}
        return [(h["date"], h["id"].split("#")[1]) for h in page_rows(client.get("/search", params=params).text).hits]

    newest = hits("date")
    assert newest[:5] == [
        ("2023-05-04", "t2"),
        ("2023-05-04", "t4"),
        ("2023-05-04", "t5"),
        ("2021-03-22", "t3"),
        ("2021-03-22", "t5"),
    ]
    oldest = hits("date_asc") + hits("date_asc", "2")
    assert len(oldest) == 29 and oldest[:2] == [("2021-03-22", "t3"), ("2021-03-22", "t5")]
    assert oldest[-3:] == [("2023-05-04", "t2"), ("2023-05-04", "t4"), ("2023-05-04", "t5")]
    best = client.get("/api/v1/search", params={"q": "thank OR question", "limit": 3}).json()["hits"]
    assert [h["turn_id"] for h in best] == ["t39", "t27", "t18"]
    # the same total, facets and scores whatever the order
    by_date = client.get("/api/v1/search", params={"q": "thank OR question", "sort": "date", "limit": 50}).json()
    by_rank = client.get("/api/v1/search", params={"q": "thank OR question", "limit": 50}).json()
    assert by_date["total"] == by_rank["total"] == 29 and by_date["facets"] == by_rank["facets"]
    assert {h["id"]: h["score"] for h in by_date["hits"]} == {h["id"]: h["score"] for h in by_rank["hits"]}
    html = client.get("/search", params={"q": "nato", "sort": "date"}).text
    assert '<option value="date" selected>Newest first</option>' in html
    assert "showing 1–20, newest first" in html


def test_an_unknown_sort_or_mode(client):
    r = client.get("/api/v1/search", params={"q": "nato", "sort": "size"})
    assert r.status_code == 422
    html = client.get("/search", params={"q": "nato", "sort": "size", "mode": "magic"}).text  # the page falls back
    assert '<option value="relevance" selected>' in html and '<option value="fulltext" selected>' in html
    assert len(page_rows(html).hits) == 20


# -- semantic and hybrid ---------------------------------------------------------------------------
@pytest.mark.parametrize("mode, word", [("semantic", "Semantic"), ("hybrid", "Hybrid")])
def test_semantic_without_embeddings_says_what_to_run(client, mode, word):
    html = client.get("/search", params={"q": SEMANTIC_Q, "mode": mode}).text
    assert notices(html) == [
        f"{word} search needs embeddings of the turns, and this store has none yet. Compute them with "
        "pressroom annotate --annotators embed (add --db with the store's path or URL), then search again; "
        "meanwhile, search the words."
    ]
    assert 'href="?q=arms+control+treaty+with+Russia">search the words</a>' in html
    assert page_rows(html).hits == [] and "Nothing matches" not in html
    assert f'<option value="{mode}" selected>' in html


def test_the_api_says_the_same_without_embeddings(client):
    for mode in ("semantic", "hybrid"):
        r = client.get("/api/v1/search", params={"q": SEMANTIC_Q, "mode": mode})
        assert r.status_code == 409
        assert r.json() == {
            "error": {
                "code": "E004",
                "message": f"{mode} search needs embeddings of the turns, and "
                "this store has none: run pressroom annotate --annotators embed (or pressroom embed)",
            }
        }


@pytest.fixture(scope="module")
def embedded_client(tmp_path_factory, seed_transcript):
    """The test corpus with embeddings of the fake bag-of-words embedder, which the server uses."""
    import pressroom.embed as embed
    from pressroom.record import Transcript
    from pressroom.serve import create_app

    fake = FakeEmbedder()
    path = str(tmp_path_factory.mktemp("embedded") / "corpus.db")
    with open_store(path) as s:
        s.add(Transcript.from_dict(seed_transcript.to_dict()))
        s.add(pressroom.parse_path(XSS))
        s.embed(fake)
    before = embed._DEFAULT
    embed._DEFAULT = fake
    try:
        with TestClient(create_app(path, public_reads=True)) as c:
            yield c
    finally:
        embed._DEFAULT = before


def test_semantic_search_on_the_page(embedded_client):
    html = embedded_client.get("/search", params={"q": SEMANTIC_Q, "mode": "semantic"}).text
    page = page_rows(html)
    assert [h["id"].split("#")[1] for h in page.hits[:5]] == ["t16", "t1", "t14", "t24", "t34"]
    assert (
        "<strong>47</strong> turns match <code>arms control treaty with Russia</code> (semantic: the closest "
        "in meaning)" in html
    )
    rows = csv_rows(embedded_client.get(page.links[0][1]).text)
    assert page.links[0][1].startswith("/api/v1/search?q=arms+control+treaty+with+Russia&mode=semantic&limit=20")
    assert [x["id"] for x in rows] == [h["id"] for h in page.hits]
    assert rows[0]["score"] == "0.239793"


def test_hybrid_and_semantic_by_date(embedded_client):
    hybrid = embedded_client.get("/api/v1/search", params={"q": SEMANTIC_Q, "mode": "hybrid", "limit": 3}).json()
    assert hybrid["query"] == "(arms AND control AND treaty AND with AND russia)"
    assert [h["turn_id"] for h in hybrid["hits"]] == ["t1", "t16", "t14"]
    ranked = embedded_client.get("/api/v1/search", params={"q": SEMANTIC_Q, "mode": "semantic", "limit": 100}).json()
    newest = embedded_client.get(
        "/api/v1/search", params={"q": SEMANTIC_Q, "mode": "semantic", "sort": "date", "limit": 100}
    ).json()
    assert newest["total"] == ranked["total"] == 47
    dates = [h["date"] for h in newest["hits"]]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2023-05-04"
    # one date: the ranking's order
    rank = [h["id"] for h in ranked["hits"]]
    same_day = [h["id"] for h in newest["hits"] if h["date"] == "2021-03-22"]
    assert same_day == [i for i in rank if i in set(same_day)]
    html = embedded_client.get("/search", params={"q": SEMANTIC_Q, "mode": "hybrid", "sort": "date_asc"}).text
    assert "(hybrid)" in html and "oldest first" in html


# -- PostgreSQL ------------------------------------------------------------------------------------
@pytest.mark.postgres
def test_topics_date_order_and_downloads_over_postgresql(tmp_path_factory, seed_transcript, corpus_db):
    """The same answers over PostgreSQL (when PRESSROOM_TEST_PG_URL is set) as over SQLite."""
    import os

    from pressroom.record import Transcript
    from pressroom.serve import create_app
    from tests.fixtures import PG_ENV, store_url

    if not os.environ.get(PG_ENV):
        pytest.skip(f"{PG_ENV} is not set (no PostgreSQL server)")
    with store_url("postgresql", tmp_path_factory.mktemp("pg-search")) as url:
        with open_store(url) as store:
            store.add(Transcript.from_dict(seed_transcript.to_dict()))
            store.add(pressroom.parse_path(XSS))
        with TestClient(create_app(url)) as pg, TestClient(create_app(corpus_db)) as lite:
            for path, params in [
                ("/api/v1/topics", {}),
                ("/api/v1/search", {"q": "thank OR question", "sort": "date", "limit": 50}),
                ("/api/v1/search", {"q": "thank OR question", "sort": "date_asc", "offset": 20}),
                ("/api/v1/speakers", {"format": "csv"}),
            ]:
                a, b = pg.get(path, params=params), lite.get(path, params=params)
                assert a.status_code == b.status_code == 200, (path, a.text)
                if path.endswith("search"):
                    ja, jb = a.json(), b.json()
                    assert [h["id"] for h in ja["hits"]] == [h["id"] for h in jb["hits"]]
                    assert ja["total"] == jb["total"] == 29
                else:
                    assert a.text == b.text
            r = pg.get("/api/v1/search", params={"q": "nato", "role": "princpal"})
            assert (r.status_code, r.json()["error"]["message"]) == (400, ROLES)
