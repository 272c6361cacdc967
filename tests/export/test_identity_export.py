"""Exports from a store with persons and outlets (pressroom.identity): turn rows carry person_id and
outlet_id, ConvoKit speakers are persons with meta.aliases, TEI's listPerson lists persons. Real
records of tests/identity/data; SQLite and PostgreSQL (PRESSROOM_TEST_PG_URL)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from lxml import etree

from pressroom.export import export, records_from_files, store_records
from pressroom.identity import with_identity
from pressroom.ingest import ingest_paths

DATA = Path(__file__).resolve().parents[1] / "identity" / "data"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture
def corpus(store):
    assert ingest_paths(store, [DATA], workers=1).added == 7
    return store


def test_csv_and_jsonl_turn_rows_carry_person_and_outlet(corpus, tmp_path):
    export(with_identity(corpus, store_records(corpus)), "csv", tmp_path / "t.csv")
    rows = list(csv.DictReader(open(tmp_path / "t.csv", encoding="utf-8", newline="")))
    # every turn printed as 'Jeff Zients' or 'MR. ZIENTS' is Jeff Zients's, and no other turn is
    assert {r["speaker"] for r in rows if r["person_id"] == "jeff-zients"} == {"Jeff Zients", "MR. ZIENTS"}
    assert {r["person_id"] for r in rows if r["speaker"] in ("Jeff Zients", "MR. ZIENTS")} == {"jeff-zients"}
    assert sorted({(r["affiliation"], r["outlet_id"]) for r in rows if r["speaker"] == "Zeke Miller"}) == [
        ("AP", "associated-press"),
        ("Associated Press", "associated-press"),
    ]
    assert {(r["person_id"], r["outlet_id"]) for r in rows if r["speaker"] == "Q"} == {("", "")}
    export(with_identity(corpus, store_records(corpus)), "jsonl", tmp_path / "t.jsonl")
    lines = [json.loads(x) for x in open(tmp_path / "t.jsonl", encoding="utf-8")]
    assert [(x["person_id"], x["outlet_id"]) for x in lines] == [
        (r["person_id"] or None, r["outlet_id"] or None) for r in rows
    ]


def test_rows_of_records_from_files_have_the_columns_empty(tmp_path):
    files = sorted(DATA.glob("2021-08-31*.md"))
    export(records_from_files(files), "csv", tmp_path / "f.csv")
    rows = list(csv.DictReader(open(tmp_path / "f.csv", encoding="utf-8", newline="")))
    assert len(rows) > 0 and {(r["person_id"], r["outlet_id"]) for r in rows} == {("", "")}


def test_convokit_speakers_are_persons(corpus, tmp_path):
    export(with_identity(corpus, store_records(corpus)), "convokit", tmp_path / "ck")
    speakers = json.loads((tmp_path / "ck" / "speakers.json").read_text(encoding="utf-8"))
    assert {k for k in speakers if "ZIENTS" in k.upper()} == {"jeff-zients"}
    meta = speakers["jeff-zients"]["meta"]
    assert (meta["name"], meta["aliases"], meta["labels"], meta["events"]) == (
        "Jeff Zients",
        ["MR. ZIENTS", "Jeff Zients"],
        ["MR. ZIENTS"],
        3,
    )
    assert speakers["zeke-miller"]["meta"]["affiliation"] == "Associated Press"
    convokit = pytest.importorskip("convokit")
    loaded = convokit.Corpus(filename=str(tmp_path / "ck"))
    zients = loaded.get_speaker("jeff-zients")
    assert len({u.conversation_id for u in zients.iter_utterances()}) == 3


def test_tei_list_person_is_persons(corpus, tmp_path):
    export(with_identity(corpus, store_records(corpus)), "tei", tmp_path / "c.xml")
    root = etree.parse(str(tmp_path / "c.xml")).getroot()
    persons = {p.get(XML_ID): p for p in root.find(f"{TEI}teiHeader").iter(f"{TEI}person")}
    assert [pid for pid in persons if "zients" in pid] == ["person.jeff-zients"]
    names = [(n.text, n.get("type")) for n in persons["person.jeff-zients"].findall(f"{TEI}persName")]
    assert names == [("Jeff Zients", None), ("MR. ZIENTS", "alias")]
    orgs = [o.findtext(f"{TEI}orgName") for o in root.iter(f"{TEI}org")]
    assert orgs.count("Associated Press") == 1 and "AP" not in orgs
