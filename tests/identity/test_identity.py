"""Who's who across the corpus, on real records (tests/identity/data, see SOURCES), on a SQLite
file and on PostgreSQL when PRESSROOM_TEST_PG_URL is set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressroom import identity
from pressroom.cli import main
from pressroom.identity_rules import (
    Linker,
    SpeakerRow,
    outlet_key,
    resolve_outlet,
    unlinked_first_names,
)
from pressroom.ingest import ingest_paths

DATA = Path(__file__).parent / "data"
ZIENTS_NAMED = "2021-02-09-press-briefing-by-white-house-covid-19-response-team-c97b2f"


@pytest.fixture
def corpus(store):
    report = ingest_paths(store, [DATA], workers=1)
    assert report.added == 7 and report.identity["speakers"] == 86
    return store


def _links(store, person_id):
    return [(lk["event_id"][:10], lk["form"], lk["rule"]) for lk in identity.person(store, person_id).links]


def test_mr_zients_and_jeff_zients_are_one_person(corpus):
    p = identity.person(corpus, "jeff-zients")
    assert (p.name, p.aliases, p.events, p.turns) == ("Jeff Zients", ["MR. ZIENTS", "Jeff Zients"], 3, 33)
    assert _links(corpus, "jeff-zients") == [
        ("2021-02-09", "Jeff Zients", "full name"),
        ("2021-08-31", "MR. ZIENTS", "label of a named speaker"),
        ("2021-09-02", "MR. ZIENTS", "label of a named speaker"),
    ]
    assert [x.id for x in identity.people(corpus, "zients")] == ["jeff-zients"]


def test_two_peters_with_different_outlets_in_different_events_are_two(corpus):
    peters = identity.people(corpus, "peter")
    assert [(p.id, p.outlets, p.events) for p in peters] == [
        ("peter-nicholas", ["NBC News"], 1),
        ("peter-sullivan", ["The Hill"], 1),
    ]
    # the two reporters called "Peter" alone, with no outlet, in two events: linked to nobody
    linker = identity.link(corpus)
    alone = sorted((r.event_id[:10], r.name) for r in unlinked_first_names(linker) if r.name == "Peter")
    assert alone == [("2021-01-20", "Peter"), ("2022-05-11", "Peter")]


def _row(version, event, name, outlet, sid="s2"):
    return SpeakerRow(version, sid, event, "The White House", event[:10], True, name, "journalist", outlet, ["Q"], 3)


def test_a_first_name_with_an_outlet_is_a_person_of_that_outlet_only():
    rows = [
        _row(1, "2021-01-01-a", "Peter", "Fox News"),
        _row(2, "2021-02-01-b", "Peter", "NBC"),
        _row(3, "2021-03-01-c", "Peter", "Fox"),
        _row(4, "2021-04-01-d", "Peter", None),
        _row(5, "2021-05-01-e", "Peter", None),
        _row(5, "2021-05-01-e", "Peter Doocy", "Fox News", "s3"),
    ]
    linker = Linker(rows).run()
    assert {k: (lk.person_id, lk.rule) for k, lk in linker.links.items()} == {
        (1, "s2"): ("peter-doocy", "first name + outlet → full name"),
        (2, "s2"): ("peter--nbc-news", "first name + outlet"),
        (3, "s2"): ("peter-doocy", "first name + outlet → full name"),
        (5, "s2"): ("peter-doocy", "first name in the same event → full name"),
        (5, "s3"): ("peter-doocy", "full name"),
    }
    assert [r.version_id for r in unlinked_first_names(linker)] == [4]


def test_q_is_never_a_person(corpus):
    anonymous = corpus.engine.query(
        "SELECT count(*), count(l.person_id) FROM speakers s LEFT JOIN person_links l "
        "ON l.version_id = s.version_id AND l.speaker_id = s.speaker_id WHERE s.name IS NULL AND s.labels = ?",
        ('["Q"]',),
    )
    assert anonymous == [(38, 0)]
    assert [p.id for p in identity.people(corpus) if "Q" in p.aliases or p.name == "Q"] == []
    assert identity.people(corpus, "q") == []


def test_ap_and_associated_press_are_one_outlet(corpus):
    ap = [o for o in identity.outlets(corpus) if o.id == "associated-press"]
    assert [(o.name, o.country, o.kind, o.listed, o.aliases, o.reporters) for o in ap] == [
        ("Associated Press", "US", "news agency", True, ["AP", "Associated Press"], ["zeke-miller"])
    ]
    assert identity.person(corpus, "zeke-miller").outlets == ["Associated Press"]
    assert {form: resolve_outlet(form)[0].id for form in ("AP", "The AP", "the Associated Press", "A.P.")} == {
        "AP": "associated-press",
        "The AP": "associated-press",
        "the Associated Press": "associated-press",
        "A.P.": "a-p",
    }
    assert [outlet_key(f) for f in ("The New York Times", "NBC News", "E&E News", "Marketwatch.com")] == [
        "new york times",
        "nbc",
        "e and e",
        "marketwatch",
    ]


def test_overrides_survive_rebuild(corpus):
    identity.split(corpus, "jeff-zients", "MR. ZIENTS", event_id=None)
    for _ in range(2):
        assert [p.events for p in identity.people(corpus, "zients")] == [2, 1]
        assert _links(corpus, "jeff-zients--mr-zients") == [
            ("2021-08-31", "MR. ZIENTS", "split by user"),
            ("2021-09-02", "MR. ZIENTS", "split by user"),
        ]
        assert identity.rebuild(corpus).overrides == 1
    identity.merge(corpus, "jeff-zients", "jeff-zients--mr-zients")
    identity.rebuild(corpus)
    assert [(p.id, p.events) for p in identity.people(corpus, "zients")] == [("jeff-zients", 3)]
    assert [rule for _, _, rule in _links(corpus, "jeff-zients")] == ["full name", "merged by user", "merged by user"]


def test_cli_people_outlets_split_merge_and_rebuild(corpus, url):
    db = url
    shown = str(corpus.url)
    corpus.close()
    run = CliRunner().invoke
    res = run(main, ["people", "--db", db, "--json", "--role", "principal", "zients"])
    assert res.exit_code == 0 and [p["id"] for p in json.loads(res.output)] == ["jeff-zients"]
    res = run(
        main,
        [
            "people",
            "--db",
            db,
            "split",
            "jeff-zients",
            "MR. ZIENTS",
            "--event",
            "2021-09-02-press-briefing-by-white-house-covid-19-response-team-18b60e",
        ],
    )
    assert res.exit_code == 0, res.output
    res = run(main, ["people", "--db", db, "--rebuild", "--json"])
    assert res.exit_code == 0 and json.loads(res.output)["overrides"] == 1
    res = run(main, ["people", "jeff-zients--mr-zients", "--db", db, "--json"])
    assert [(lk["event_id"][:10], lk["rule"]) for lk in json.loads(res.output)["links"]] == [
        ("2021-09-02", "split by user")
    ]
    res = run(main, ["outlets", "--db", db, "--json"])
    assert [o["reporters"] for o in json.loads(res.output) if o["id"] == "associated-press"] == [["zeke-miller"]]
    for args, line in (
        (["merge", "jeff-zients", "jeff-zients"], "pressroom: [E060] cannot merge 'jeff-zients' with itself\n"),
        (
            ["merge", "jeff-zients", "nobody"],
            f"pressroom: [E021] no person 'nobody' in {shown} (see `pressroom people`)\n",
        ),
        (
            ["split", "jeff-zients", "MS. PSAKI"],
            "pressroom: [E060] 'jeff-zients' was never linked by the form 'MS. PSAKI'; its forms: Jeff Zients, MR. ZIENTS\n",
        ),
    ):
        res = run(main, ["people", "--db", db, *args])
        assert (res.exit_code, res.output) == (2, line)


def test_ingest_without_identity_links_nothing(store):
    report = ingest_paths(
        store,
        [
            DATA / f"{ZIENTS_NAMED[:10]}-press-briefing-by-white-house-covid-19-response-team-"
            "and-public-health-officials-2.md"
        ],
        workers=1,
        identity=False,
    )
    assert (report.added, report.identity) == (1, None)
    assert identity.people(store) == []
    assert identity.rebuild(store).persons == 7
