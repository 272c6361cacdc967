"""Persons and outlets on the pages and in the API (pressroom.identity), on the real records of
tests/identity/data (see its SOURCES) ingested with the identity step, on SQLite and on
PostgreSQL when PRESSROOM_TEST_PG_URL is set; the pages also in Chromium (Playwright).

The expected figures are checked against the turns table itself where they can be: the 33
turns of Jeff Zients are the current turns printed as 'Jeff Zients' or 'MR. ZIENTS'
(`test_person_turns_are_the_turns_of_every_form`)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from pressroom.ingest import ingest_paths
from pressroom.store import open_store
from tests.fixtures import engines, store_url
from tests.serve.conftest import TOKEN, LiveServer
from tests.serve.test_browser import CHROMIUM, FLAGS

DATA = Path(__file__).resolve().parents[1] / "identity" / "data"
ZIENTS_EVENTS = [
    "2021-02-09-press-briefing-by-white-house-covid-19-response-team-a60da8",
    "2021-08-31-press-briefing-by-white-house-covid-19-response-team-3a6a16",
    "2021-09-02-press-briefing-by-white-house-covid-19-response-team-18b60e",
]
TEI = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module", params=engines())
def id_url(request, tmp_path_factory):
    with store_url(request.param, tmp_path_factory.mktemp("identity-serve")) as url:
        with open_store(url) as store:
            report = ingest_paths(store, [DATA], workers=1)
            assert (report.added, report.identity["persons"]) == (7, 24)
        yield url


@pytest.fixture(scope="module")
def id_app(id_url):
    from pressroom.serve import create_app

    return create_app(id_url, token=TOKEN, public_reads=True)


@pytest.fixture(scope="module")
def id_client(id_app):
    from fastapi.testclient import TestClient

    with TestClient(id_app) as c:
        yield c


def _row(rows, key, value):
    found = [r for r in rows if r[key] == value]
    assert len(found) == 1, (key, value, [r[key] for r in rows])
    return found[0]


def test_speakers_are_persons_and_anonymous_reporters_one_line(id_client):
    body = id_client.get("/api/v1/speakers", params={"limit": 1000}).json()
    assert body["total"] == 24 and all(s["id"] for s in body["speakers"])
    assert [s["name"] for s in body["speakers"] if s["name"] in ("Q", "AIDE", "MODERATOR", "Peter")] == []
    assert _row(body["speakers"], "id", "jeff-zients") == {
        "id": "jeff-zients",
        "name": "Jeff Zients",
        "kind": "full name",
        "aliases": ["MR. ZIENTS", "Jeff Zients"],
        "roles": ["principal"],
        "role": "principal",
        "outlet": None,
        "turns": 33,
        "questions": 0,
        "events": 3,
        "first_date": "2021-02-09",
        "last_date": "2021-09-02",
    }
    # the two reporters called "Peter" with different outlets are two persons
    peters = [(s["id"], s["outlet"]) for s in body["speakers"] if s["name"].startswith("Peter")]
    assert peters == [("peter-nicholas", "NBC News"), ("peter-sullivan", "The Hill")]
    assert body["unnamed"] == [
        {"group": "reporters", "label": "unnamed reporters", "speakers": 44, "turns": 47, "questions": 43, "events": 5},
        {
            "group": "others",
            "label": "other unnamed speakers",
            "speakers": 10,
            "turns": 53,
            "questions": 0,
            "events": 6,
        },
    ]
    # filtered lists have no unnamed lines; a part of any alias finds the person
    found = id_client.get("/api/v1/speakers", params={"name": "mr. zien"}).json()
    assert ([s["id"] for s in found["speakers"]], found["unnamed"]) == (["jeff-zients"], [])


def test_unnamed_lines_are_the_speakers_linked_to_nobody(id_url, id_client):
    """The 'unnamed' figures, counted in SQL from the speakers and person_links tables."""
    with open_store(id_url) as store:
        by_role = dict(
            store.engine.query(
                "SELECT CASE WHEN s.role = 'journalist' THEN 'reporters' ELSE 'others' END, count(*) FROM speakers s "
                "JOIN events e ON e.current_version = s.version_id LEFT JOIN person_links l "
                "ON l.version_id = s.version_id AND l.speaker_id = s.speaker_id WHERE l.person_id IS NULL "
                "AND EXISTS (SELECT 1 FROM turns t WHERE t.version_id = s.version_id AND t.speaker_id = s.speaker_id) "
                "GROUP BY 1"
            )
        )
    unnamed = id_client.get("/api/v1/speakers").json()["unnamed"]
    assert {u["group"]: u["speakers"] for u in unnamed} == {k: int(v) for k, v in by_role.items()}


def test_person_turns_are_the_turns_of_every_form(id_url, id_client):
    with open_store(id_url) as store:
        (n,) = store.engine.one(
            "SELECT count(*) FROM turns WHERE is_current = 1 AND speaker IN ('Jeff Zients', 'MR. ZIENTS')"
        )
    p = id_client.get("/api/v1/speakers/jeff-zients").json()
    assert (p["id"], p["name"], p["turns"], p["n_events"]) == ("jeff-zients", "Jeff Zients", int(n), 3)
    assert sorted(e["id"] for e in p["events"]) == ZIENTS_EVENTS


def test_a_person_shows_every_form_and_the_evidence_of_each_link(id_client):
    p = id_client.get("/api/v1/speakers/jeff-zients").json()
    assert p["aliases"] == ["MR. ZIENTS", "Jeff Zients"]
    assert [(lk["event_id"], lk["form"], lk["rule"], lk["confidence"]) for lk in p["links"]] == [
        (ZIENTS_EVENTS[0], "Jeff Zients", "full name", 0.95),
        (ZIENTS_EVENTS[1], "MR. ZIENTS", "label of a named speaker", 0.9),
        (ZIENTS_EVENTS[2], "MR. ZIENTS", "label of a named speaker", 0.9),
    ]
    assert p["links"][1]["evidence"] == (
        f"{ZIENTS_EVENTS[1]}: 'MR. ZIENTS' = 'Jeff Zients' (label of a named speaker, The White House)"
    )
    # a name as printed still has its own page (no person: no aliases, no links): 22 of the 33 turns
    q = id_client.get("/api/v1/speakers/MR. ZIENTS").json()
    assert (q["id"], q["aliases"], q["links"], q["turns"]) == (None, [], [], 22)


def test_outlets_merge_their_forms(id_client):
    body = id_client.get("/api/v1/outlets", params={"limit": 1000}).json()
    assert [o["name"] for o in body["outlets"]].count("Associated Press") == 1
    assert "AP" not in [o["name"] for o in body["outlets"]]
    assert _row(body["outlets"], "id", "associated-press") == {
        "id": "associated-press",
        "name": "Associated Press",
        "aliases": ["AP", "Associated Press"],
        "country": "US",
        "outlet_kind": "news agency",
        "listed": True,
        "journalists": 1,
        "questions": 2,
        "events": 2,
        "first_date": "2021-08-31",
        "last_date": "2021-09-02",
    }
    by_form = id_client.get("/api/v1/outlets/AP").json()
    by_id = id_client.get("/api/v1/outlets/associated-press").json()
    assert by_form == by_id
    assert (by_id["id"], by_id["aliases"], by_id["journalists"]) == (
        "associated-press",
        ["AP", "Associated Press"],
        [{"value": "Zeke Miller", "count": 2}],
    )
    rows = list(csv.DictReader(io.StringIO(id_client.get("/api/v1/outlets", params={"format": "csv"}).text)))
    assert _row(rows, "id", "associated-press")["aliases"] == '["AP", "Associated Press"]'


def test_search_filters_expand_to_every_alias(id_app, id_client):
    """The API's filters carry every stored name of the person or outlet a value names."""
    from pressroom.serve import queries

    store = id_app.state.store
    assert queries.check_filters({"speaker": "Jeff Zients"}, None, store) == {
        "speaker": "Jeff Zients",
        "speaker_names": ("Jeff Zients", "MR. ZIENTS"),
    }
    assert queries.check_filters({"outlet": "the Associated Press"}, None, store) == {
        "outlet": "the Associated Press",
        "outlet_names": ("AP", "Associated Press"),
    }
    # a part of a name that every form holds already: the store's own rule, nothing added
    assert queries.check_filters({"speaker": "zients"}, None, store) == {"speaker": "zients"}
    # a value no name contains, known by no alias either: the store's one-line error
    r = id_client.get("/api/v1/search", params={"q": "vaccine", "speaker": "Jeff Zientz"})
    assert r.status_code == 400 and r.json()["error"]["message"].startswith("no speaker 'Jeff Zientz'")


def _store_honours_names(store) -> bool:
    from pressroom.search import Filters

    return store.search("the", Filters(speaker_names=("no such speaker",)), limit=1, facets=False).total == 0


def test_search_by_a_person_finds_every_form(id_app, id_client):
    assert _store_honours_names(id_app.state.store)
    hits = id_client.get("/api/v1/search", params={"q": "vaccine", "speaker": "Jeff Zients", "limit": 100}).json()
    assert {h["speaker"] for h in hits["hits"]} == {"Jeff Zients", "MR. ZIENTS"}
    ap = id_client.get("/api/v1/search", params={"q": "the", "outlet": "The AP", "limit": 100}).json()
    assert {(h["speaker"], h["outlet"]) for h in ap["hits"]} == {
        ("Zeke Miller", "AP"),
        ("Zeke Miller", "Associated Press"),
    }


def test_search_page_by_a_person_shows_every_form(id_app, id_client):
    assert _store_honours_names(id_app.state.store)
    html = id_client.get("/search", params={"q": "vaccine", "speaker": "Jeff Zients"}).text
    api = id_client.get("/api/v1/search", params={"q": "vaccine", "speaker": "Jeff Zients"}).json()
    assert api["total"] > 0 and {h["speaker"] for h in api["hits"]} == {"Jeff Zients", "MR. ZIENTS"}
    assert html.count('class="hit"') == api["total"] and "MR. ZIENTS" in html


def test_exports_carry_persons_and_outlets(id_client, tmp_path):
    text = id_client.get("/api/v1/export", params={"format": "csv"}).text
    rows = list(csv.DictReader(io.StringIO(text)))
    zients = {(r["event_id"], r["person_id"]) for r in rows if r["speaker"] in ("Jeff Zients", "MR. ZIENTS")}
    assert zients == {(e, "jeff-zients") for e in ZIENTS_EVENTS}
    assert {(r["affiliation"], r["outlet_id"]) for r in rows if r["outlet_id"] == "associated-press"} == {
        ("AP", "associated-press"),
        ("Associated Press", "associated-press"),
    }
    assert {r["person_id"] for r in rows if r["speaker"] == "Q"} == {""}
    lines = [json.loads(x) for x in id_client.get("/api/v1/export", params={"format": "jsonl"}).text.splitlines()]
    assert {x["person_id"] for x in lines if x["speaker"] == "MR. ZIENTS"} == {"jeff-zients"}

    z = zipfile.ZipFile(io.BytesIO(id_client.get("/api/v1/export", params={"format": "convokit"}).content))
    speakers = json.loads(z.read("pressroom-export/speakers.json"))
    assert "MR. ZIENTS" not in speakers and "Jeff Zients" not in speakers
    meta = speakers["jeff-zients"]["meta"]
    assert (meta["name"], meta["aliases"], meta["events"], meta["person_id"]) == (
        "Jeff Zients",
        ["MR. ZIENTS", "Jeff Zients"],
        3,
        "jeff-zients",
    )
    utterances = [json.loads(x) for x in z.read("pressroom-export/utterances.jsonl").decode().splitlines()]
    assert {
        u["speaker"]
        for u in utterances
        if u["meta"]["event_id"] in ZIENTS_EVENTS[1:] and u["meta"]["label"] == "MR. ZIENTS"
    } == {"jeff-zients"}

    root = etree.fromstring(id_client.get("/api/v1/export", params={"format": "tei"}).content)
    person = root.find(
        f".//{TEI}listPerson/{TEI}person[@{{http://www.w3.org/XML/1998/namespace}}id='person.jeff-zients']"
    )
    assert [(n.text, n.get("type")) for n in person.findall(f"{TEI}persName")] == [
        ("Jeff Zients", None),
        ("MR. ZIENTS", "alias"),
    ]
    ids = [p.get("{http://www.w3.org/XML/1998/namespace}id") for p in root.iter(f"{TEI}person")]
    assert [i for i in ids if "zients" in i] == ["person.jeff-zients"]
    who = {u.get("who") for u in root.iter(f"{TEI}u") if u.get("who", "").endswith("zients")}
    assert who == {"#person.jeff-zients"}


def test_transcript_links_speakers_to_their_person(id_client):
    html = id_client.get(f"/events/{ZIENTS_EVENTS[1]}").text
    assert 'href="/speakers/jeff-zients"' in html and 'href="/speakers/MR.%20ZIENTS"' not in html


# -- in the browser -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def id_live(id_app, id_url):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    if not id_url.endswith(".db"):
        pytest.skip("the browser tests run on the SQLite store")
    with LiveServer(id_app) as server:
        yield server


@pytest.fixture(scope="module")
def id_browser(id_live):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def id_page(id_browser):
    context = id_browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    yield page, problems
    context.close()


def test_browser_speakers_person_page_and_outlets(id_live, id_page):
    page, problems = id_page
    page.goto(id_live.url + "/speakers")
    assert page.locator("h2").first.inner_text() == "24 persons"
    row = page.locator("tbody tr", has=page.locator('a[href="/speakers/jeff-zients"]'))
    assert row.locator("td").first.inner_text() == "Jeff Zients\nprinted as MR. ZIENTS"
    assert page.locator("#unnamed-reporters td").first.inner_text() == "unnamed reporters (44 speakers, no person)"
    assert page.locator("tbody a", has_text="Q").count() == 0
    row.locator("a").first.click()
    page.wait_for_url("**/speakers/jeff-zients")
    assert page.locator("h1").inner_text() == "Jeff Zients"
    assert page.locator("#aliases").inner_text() == "Printed as: MR. ZIENTS, Jeff Zients"
    cells = [[c.inner_text() for c in r.locator("td").all()[1:4]] for r in page.locator("#evidence tbody tr").all()]
    assert cells == [
        ["Jeff Zients", "full name", "0.95"],
        ["MR. ZIENTS", "label of a named speaker", "0.90"],
        ["MR. ZIENTS", "label of a named speaker", "0.90"],
    ]
    page.goto(id_live.url + "/outlets")
    ap = page.locator("tbody tr", has=page.locator('a[href="/outlets/associated-press"]'))
    assert ap.locator("td").first.inner_text() == "Associated Press\nprinted as AP"
    assert page.locator('tbody a[href="/outlets/AP"]').count() == 0
    ap.locator("a").first.click()
    page.wait_for_url("**/outlets/associated-press")
    assert page.locator("#aliases").inner_text() == "Printed as: AP, Associated Press"
    assert problems == []


@pytest.mark.parametrize("path", ["/speakers", "/speakers/jeff-zients", "/outlets", "/outlets/associated-press"])
@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_nothing_serious_on_the_person_and_outlet_pages(id_live, id_browser, path, width):
    from tests.serve.test_a11y import axe_violations, summary

    context = id_browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    try:
        pg = context.new_page()
        pg.goto(id_live.url + path)
        assert pg.locator("h1").count() == 1
        violations = axe_violations(pg)
        assert summary([v for v in violations if v["impact"] in ("serious", "critical")]) == []
    finally:
        context.close()
