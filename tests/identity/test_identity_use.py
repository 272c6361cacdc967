"""What the pages, the API, search and exports ask of the identity tables: the names a person or an
outlet was printed under (search facets), and each speaker's person and outlet (exports), on the
real records of tests/identity/data, on SQLite and PostgreSQL (PRESSROOM_TEST_PG_URL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom import identity
from pressroom.errors import UsageError
from pressroom.ingest import ingest_paths
from pressroom.search import Filters

DATA = Path(__file__).parent / "data"
AUG31 = "2021-08-31-press-briefing-by-white-house-covid-19-response-team-3a6a16"


@pytest.fixture
def corpus(store):
    assert ingest_paths(store, [DATA], workers=1).added == 7
    return store


def test_a_person_or_an_outlet_by_any_of_its_forms(corpus):
    assert identity.persons_matching(corpus, "Jeff Zients") == ["jeff-zients"]
    assert identity.persons_matching(corpus, "mr. zients") == ["jeff-zients"]
    assert identity.persons_matching(corpus, "jeff-zients") == ["jeff-zients"]
    assert identity.persons_matching(corpus, "Zient") == []  # whole words only
    assert identity.persons_matching(corpus, "Q") == []  # never a person
    assert identity.speaker_names(corpus, "Jeff Zients") == ["Jeff Zients", "MR. ZIENTS"]
    assert identity.outlets_matching(corpus, "The AP") == ["associated-press"]
    assert identity.outlet_names(corpus, "the Associated Press") == ["AP", "Associated Press"]


def test_filters_expand_only_when_an_alias_adds_a_name(corpus):
    f = identity.expand_filters(corpus, Filters(speaker="Jeff Zients", outlet="AP", role="principal"))
    assert (f.speaker, f.speaker_names, f.outlet_names, f.role) == (
        "Jeff Zients",
        ("Jeff Zients", "MR. ZIENTS"),
        ("AP", "Associated Press"),
        "principal",
    )
    assert f.to_dict() == {"speaker": "Jeff Zients", "outlet": "AP", "role": "principal"}  # names are derived
    unchanged = Filters(speaker="zients", outlet="Bloomberg")
    assert identity.expand_filters(corpus, unchanged) is unchanged


def test_check_filters_knows_a_form_no_stored_name_contains(corpus):
    # "The Associated Press": no stored outlet contains it, the outlet table knows it
    with pytest.raises(UsageError) as refused:
        corpus.check_filters(Filters(outlet="The Associated Press"))
    assert refused.value.message == "no outlet 'The Associated Press'; did you mean: Associated Press"
    f = identity.check_filters(corpus, Filters(outlet="The Associated Press"))
    assert f.outlet_names == ("AP", "Associated Press")
    with pytest.raises(UsageError) as refused:
        identity.check_filters(corpus, Filters(speaker="Nobody Atall"))
    assert refused.value.message.startswith("no speaker 'Nobody Atall'")


def test_record_identity_gives_each_speaker_its_person_and_outlet(corpus):
    got = identity.record_identity(corpus, AUG31)
    zients = [v for v in got.values() if v["person_id"] == "jeff-zients"]
    assert zients == [
        {
            "person_id": "jeff-zients",
            "person": "Jeff Zients",
            "aliases": ["MR. ZIENTS", "Jeff Zients"],
            "outlet_id": None,
            "outlet": None,
        }
    ]
    assert [v for v in got.values() if v["outlet_id"] == "associated-press"] == [
        {
            "person_id": "zeke-miller",
            "person": "Zeke Miller",
            "aliases": ["Zeke Miller"],
            "outlet_id": "associated-press",
            "outlet": "Associated Press",
        }
    ]
    # the anonymous reporters (Q) of that briefing have no entry: no person, no outlet
    anonymous = {s["id"] for s in corpus.get_record(AUG31)["speakers"] if s["labels"] == ["Q"] and not s["name"]}
    assert (len(anonymous), anonymous & set(got)) == (1, set())


def test_with_identity_adds_once_and_passes_records_of_a_store_without_persons(corpus, tmp_path):
    from pressroom.export import store_records

    items = list(identity.with_identity(corpus, store_records(corpus)))
    assert len(items) == 7 and all("identity" in r for _, r in items)
    again = list(identity.with_identity(corpus, iter(items)))
    assert [r is r2 for (_, r), (_, r2) in zip(items, again)] == [True] * 7
    from pressroom.store import open_store

    with open_store(str(tmp_path / "bare.db")) as bare:
        ingest_paths(
            bare,
            [
                DATA
                / f"{AUG31[:10]}-press-briefing-by-white-house-covid-19-response-team-and-public-health-officials-53.md"
            ],
            workers=1,
            identity=False,
        )
        assert identity.has_persons(bare) is False
        records = list(identity.with_identity(bare, store_records(bare)))
        assert [("identity" in r) for _, r in records] == [False]


def test_corpus_search_finds_every_form_of_a_person(corpus, url):
    from pressroom.corpus import Corpus

    # the store applies the names: a name no turn has matches nothing
    assert corpus.search("the", Filters(speaker_names=("no such speaker",)), limit=1, facets=False).total == 0
    with Corpus(url) as c:
        hits = c.search("vaccine", speaker="Jeff Zients", limit=100)
        assert sorted(set(hits["speaker"])) == ["Jeff Zients", "MR. ZIENTS"]
        assert hits.attrs["total"] == len(hits)


def test_cli_search_and_export_by_any_form(corpus, url, tmp_path):
    """`pressroom search --speaker` and `pressroom export --outlet`: pressroom/cli/store.py calls
    identity.check_filters, the store applies the names, export.store_records adds identity."""
    import csv
    import json

    from click.testing import CliRunner

    from pressroom.cli import main
    from pressroom.cli.store import check_store_values
    from pressroom.export import store_records

    assert check_store_values(corpus, Filters()) is not None
    assert "identity" in next(store_records(corpus))[1]
    corpus.close()
    res = CliRunner().invoke(
        main, ["search", "vaccine", "--db", url, "--speaker", "Jeff Zients", "--json", "--limit", "100"]
    )
    assert res.exit_code == 0, res.output
    assert sorted({h["speaker"] for h in json.loads(res.output)["hits"]}) == ["Jeff Zients", "MR. ZIENTS"]
    out = tmp_path / "ap.csv"
    res = CliRunner().invoke(main, ["export", "--db", url, "--format", "csv", "--out", str(out), "--outlet", "The AP"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(open(out, encoding="utf-8", newline="")))
    assert sorted((r["speaker"], r["affiliation"], r["person_id"], r["outlet_id"]) for r in rows) == [
        ("Zeke Miller", "AP", "zeke-miller", "associated-press"),
        ("Zeke Miller", "Associated Press", "zeke-miller", "associated-press"),
    ]
