"""Exports: JSONL, CSV, Markdown, ConvoKit (loaded with the real convokit) and TEI."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pytest
from lxml import etree

from pressroom.errors import PressroomError, UsageError
from pressroom.export import export, records_from_files, store_records
from pressroom.export.flat import TURN_FIELDS
from pressroom.search import Filters
from pressroom.store import open_store

NATO = "nato-2021-03-22-press-conference.txt"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def db(tmp_path_factory, corpus_files):
    path = tmp_path_factory.mktemp("export") / "corpus.db"
    s = open_store(str(path))
    import pressroom

    for f in corpus_files:
        s.add(pressroom.parse_path(f))
    s.close()
    return str(path)


@pytest.fixture
def store(db):
    s = open_store(db)
    yield s
    s.close()


def test_jsonl_turns(store, parsed, tmp_path):
    out = tmp_path / "turns.jsonl"
    report = export(store_records(store), "jsonl", out)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert report.items == len(lines) == sum(len(t.turns) for t in parsed.values())
    assert report.events == len(parsed)
    assert list(lines[0]) == list(TURN_FIELDS)
    nato = parsed[NATO]
    first = next(x for x in lines if x["event_date"] == "2021-03-22")
    turn = nato.turns[0]
    assert (first["turn_id"], first["text"], first["speaker"], first["role"]) == (
        turn.id,
        turn.text,
        nato.speaker_name(turn.speaker),
        nato.speaker(turn.speaker).role,
    )
    assert first["id"] == f"{first['event_id']}#{turn.id}"
    assert store.turn(first["id"])["text"] == turn.text
    # oldest event first
    assert [x["event_date"] for x in lines] == sorted(x["event_date"] for x in lines)


def test_jsonl_records_round_trip(store, parsed, tmp_path):
    out = tmp_path / "records.jsonl"
    export(store_records(store), "jsonl", out, level="records")
    back = list(records_from_files([out]))
    assert len(back) == len(parsed)
    by_date = {rec["event"]["date"]: (eid, rec) for eid, rec in back}
    eid, rec = by_date["2021-03-22"]
    assert rec == parsed[NATO].to_dict()
    assert rec == store.get_record(eid)


def test_csv_exchanges_and_events(store, parsed, tmp_path):
    out = tmp_path / "x.csv"
    report = export(store_records(store, Filters(since="2021", until="2021")), "csv", out, level="exchanges")
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    in_2021 = [t for t in parsed.values() if t.event.date.startswith("2021")]
    assert report.events == len(in_2021) == 2
    assert len(rows) == report.items == sum(len(t.exchanges) for t in in_2021)
    nato = parsed[NATO]
    x = nato.exchanges[0]
    row = next(r for r in rows if r["event_date"] == "2021-03-22" and r["exchange_id"] == x.id)
    assert row["questioner"] == nato.speaker_name(x.questioner)
    assert row["question"] == "\n\n".join(nato.turn(t).text for t in x.question_turns)
    assert row["answer"] == "\n\n".join(nato.turn(t).text for t in x.answer_turns)
    assert int(row["n_questions"]) == len(x.questions)
    out2 = tmp_path / "events.csv"
    export(store_records(store), "csv", out2, level="events")
    with open(out2, newline="", encoding="utf-8") as f:
        events = list(csv.DictReader(f))
    assert [(e["date"], int(e["turns"])) for e in events] == sorted(
        (t.event.date, len(t.turns)) for t in parsed.values()
    )


def test_markdown(store, parsed, tmp_path):
    out = tmp_path / "nato.md"
    nato_id = store.search('"NATO 2030"').hits[0].event_id
    export(store_records(store, Filters(event=nato_id)), "markdown", out)
    text = out.read_text(encoding="utf-8")
    nato = parsed[NATO]
    assert text.startswith(f"# {nato.event.title}\n")
    assert text.count('<a id="t') == len(nato.turns)
    assert f"Event id: `{nato_id}`" in text
    assert '<a id="t2"></a>**' in text


def test_convokit_loads_with_the_real_package(store, parsed, tmp_path):
    convokit = pytest.importorskip("convokit")
    folder = tmp_path / "ck"
    report = export(store_records(store), "convokit", folder)
    corpus = convokit.Corpus(filename=str(folder))
    n_turns = sum(len(t.turns) for t in parsed.values())
    assert report.items == len(list(corpus.iter_utterances())) == n_turns
    assert len(list(corpus.iter_conversations())) == len(parsed)
    nato = parsed[NATO]
    conv = next(c for c in corpus.iter_conversations() if c.meta["date"] == "2021-03-22")
    assert conv.meta["title"] == nato.event.title
    utts = sorted(conv.iter_utterances(), key=lambda u: u.timestamp)
    assert [u.text for u in utts] == [t.text for t in nato.turns]
    assert utts[0].reply_to is None and conv.id == utts[0].id
    # answers reply to their exchange's question; the rest to the turn before
    x = next(x for x in nato.exchanges if x.answer_turns)
    eid = conv.meta["event_id"]
    answer = corpus.get_utterance(f"{eid}#{x.answer_turns[0]}")
    assert answer.reply_to == f"{eid}#{x.question_turns[-1]}"
    assert answer.meta["is_answer"] and answer.meta["pair_idx"] == x.id
    question = corpus.get_utterance(f"{eid}#{x.question_turns[0]}")
    assert question.meta["is_question"] and question.speaker.id == nato.speaker_name(x.questioner)
    # a named speaker is one speaker across events; the tree is valid
    sg = corpus.get_speaker("Jens Stoltenberg")
    assert sg.meta["role"] == "principal" and sg.meta["events"] == 1
    assert conv.check_integrity(verbose=False)
    roles = Counter(u.meta["role"] for u in conv.iter_utterances())
    assert roles == Counter(nato.speaker(t.speaker).role for t in nato.turns)


def test_tei_single_event(parsed, tmp_path, corpus_files):
    out = tmp_path / "nato.xml"
    nato_file = next(p for p in corpus_files if p.name == NATO)
    report = export(records_from_files([nato_file]), "tei", out)
    assert (report.events, report.items) == (1, 1)
    root = etree.parse(str(out)).getroot()  # well-formed
    assert root.tag == f"{TEI}TEI"
    nato = parsed[NATO]
    us = root.findall(f".//{TEI}u")
    assert len(us) == len(nato.turns)
    persons = {p.get(XML_ID) for p in root.iter(f"{TEI}person")}
    assert {u.get("who")[1:] for u in us} <= persons
    ids = [el.get(XML_ID) for el in root.iter() if el.get(XML_ID)]
    assert len(ids) == len(set(ids))
    assert us[0].get(XML_ID).endswith(".t1")
    assert "".join(us[1].itertext()).split() == nato.turns[1].text.split()
    sg = root.find(f".//{TEI}person[@{XML_ID}='person.jens-stoltenberg']")
    assert sg.findtext(f"{TEI}persName") == "Jens Stoltenberg"
    assert root.findtext(f".//{TEI}settingDesc//{TEI}date") == "2021-03-22"
    categories = {c.get(XML_ID) for c in root.iter(f"{TEI}category")}
    for u in us:
        assert {a[1:] for a in u.get("ana").split()} <= categories
    answers = [u for u in us if "#kind.answer" in u.get("ana")]
    assert answers and all(
        u.get("corresp", "#")[1:] in {x.get(XML_ID) for x in us} for u in answers if u.get("corresp")
    )


def test_tei_corpus_and_hostile_text(store, tmp_path, parsed):
    import copy

    nato = copy.deepcopy(parsed[NATO])
    nato.turns[1].text = "<script>alert('x')</script> & \x0c\x00 ]]> \"quoted\""
    nato.event.source["sha256"] = "d" * 64
    nato.event.source["path"] = None
    nato.event.title = "NATO & <friends>"
    out = tmp_path / "corpus.xml"
    items = list(store_records(store)) + [("hostile-event", nato.to_dict())]
    report = export(items, "tei", out)
    root = etree.parse(str(out)).getroot()
    assert root.tag == f"{TEI}teiCorpus"
    assert report.items == len(root.findall(f"{TEI}TEI")) == len(parsed) + 1
    ids = [el.get(XML_ID) for el in root.iter() if el.get(XML_ID)]
    assert len(ids) == len(set(ids))
    persons = {p.get(XML_ID) for p in root.iter(f"{TEI}person")}
    assert {u.get("who")[1:] for u in root.iter(f"{TEI}u")} <= persons
    hostile = root.find(f"{TEI}TEI[@{XML_ID}='pressroom.hostile-event']")
    assert hostile.findall(f".//{TEI}u")[1].findtext(f"{TEI}seg") == "<script>alert('x')</script> & ]]> \"quoted\""
    assert hostile.findtext(f".//{TEI}title") == "NATO & <friends>"


def test_export_errors(store, tmp_path):
    with pytest.raises(UsageError, match="unknown export format 'pdf'"):
        export([], "pdf", tmp_path / "x")
    with pytest.raises(UsageError, match="unknown level 'records' for csv"):
        export([], "csv", tmp_path / "x.csv", level="records")
    with pytest.raises(UsageError, match="does not exist"):
        export(store_records(store), "jsonl", tmp_path / "nope" / "x.jsonl")
    with pytest.raises(PressroomError, match="nothing to export"):
        export(store_records(store, query="zzzznotaword"), "tei", tmp_path / "empty.xml")
    assert not (tmp_path / "empty.xml").exists() and not (tmp_path / "empty.xml.part").exists()
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(PressroomError, match="not valid JSON"):
        list(records_from_files([bad]))


@pytest.mark.parametrize(
    "url,line",
    [
        ("https://www.nato.int/x?a=1", "Event id: `e1` · Source: <https://www.nato.int/x?a=1>"),
        ("javascript:alert(1)", "Event id: `e1` · Source (not a web address): javascript:alert(1)"),
        (
            "https://x.org/a> <javascript:alert(1)",
            "Event id: `e1` · Source (not a web address): https://x.org/a&gt; &lt;javascript:alert(1)",
        ),
        ("data:text/html,<b>", "Event id: `e1` · Source (not a web address): data:text/html,&lt;b&gt;"),
    ],
)
def test_markdown_links_only_to_the_web(parsed, url, line):
    from pressroom.export.markdown import render

    record = parsed[NATO].to_dict()
    record["event"]["source"]["url"] = url
    assert [x for x in render("e1", record).split("\n") if x.startswith("Event id:")] == [line]


def test_markdown_text_makes_no_links(parsed):
    import copy

    from pressroom.export.markdown import render

    nato = copy.deepcopy(parsed[NATO])
    nato.turns[1].text = "see [here](javascript:alert(1)) or \\[this](x) <javascript:alert(2)>"
    out = render("e1", nato.to_dict())
    assert (
        '\n<a id="t2"></a>**NATO Spokesperson:** see \\[here\\](javascript:alert(1)) or \\\\\\[this\\](x) '
        "&lt;javascript:alert(2)&gt;\n" in out
    )
