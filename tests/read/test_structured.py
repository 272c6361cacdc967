"""Transcripts kept as structured data, JSON or YAML (pressroom/read/structured.py)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

import pressroom
from pressroom.cli import main
from pressroom.errors import ParseError, ReadError
from pressroom.read import read_bytes
from pressroom.read.detect import detect_format

TURNS = [
    {"speaker": "spk03", "start": 0.0, "text": "Good day and welcome to the call. Please go ahead."},
    {"speaker": "spk15", "start": 4.2, "text": "Thank you. Speaking first today is our CEO."},
    {"speaker": "spk07", "start": 9.9, "text": "Thank you, and good afternoon. It was a record quarter."},
    {"speaker": "spk03", "start": 31.0, "text": ""},
    {"speaker": "spk02", "start": 40.5, "text": "Hi, thanks for taking my question. How is demand?"},
    {"speaker": "spk07", "start": 44.0, "text": "Demand is strong across every region we serve."},
]
NAMES = {
    "spk03": {"name": "Operator", "title": None},
    "spk07": {"name": "Jane Roe", "title": "CEO"},
    "spk02": "Ann Poe",
}


def test_a_json_list_of_turns_is_read_with_the_names_its_map_gives():
    data = json.dumps({"event": {"year": 2023}, "speakers": TURNS, "speaker_name_map": NAMES}).encode()
    doc = read_bytes(data, name="call.json")
    assert doc.format == "json"
    assert doc.text.split("\n\n") == [
        "Operator: Good day and welcome to the call. Please go ahead.",
        "spk15: Thank you. Speaking first today is our CEO.",  # the map does not name this id
        "Jane Roe: Thank you, and good afternoon. It was a record quarter.",
        "Ann Poe: Hi, thanks for taking my question. How is demand?",
        "Jane Roe: Demand is strong across every region we serve.\n",
    ]  # the turn with no text is left out
    assert [h.name for h in doc.labels] == ["Operator", "spk15", "Jane Roe", "Ann Poe", "Jane Roe"]


def test_a_recorded_response_in_yaml_holding_json_is_read_and_parsed():
    body = json.dumps({"speakers": TURNS, "names": NAMES})
    yaml_text = "responses:\n- response:\n    body: " + json.dumps(body) + "\n    status: 200\n"
    assert detect_format(yaml_text.encode(), "recording.yaml") == "yaml"
    record = pressroom.parse_document(read_bytes(yaml_text.encode(), name="recording.yaml"))
    by_id = {s.id: s for s in record.speakers}
    assert [by_id[t.speaker].labels[0] for t in record.turns] == [
        "Operator",
        "spk15",
        "Jane Roe",
        "Ann Poe",
        "Jane Roe",
    ]
    assert [t.text for t in record.turns][-1] == "Demand is strong across every region we serve."


def test_the_longest_list_with_speaker_and_text_fields_wins():
    data = {
        "queries": [{"query": "What did the minister say?", "answer": "She spoke about schools."}] * 3,
        "meeting": [{"Speaker": "Chair", "Content": "Welcome."}, {"Speaker": "Minister", "Content": "Thank you."}],
    }
    doc = read_bytes(json.dumps(data).encode(), name="meeting.json")
    assert doc.text == "Chair: Welcome.\n\nMinister: Thank you.\n"


def test_data_without_turns_and_broken_data_are_refused_with_one_line(tmp_path):
    with pytest.raises(ParseError, match="holds no list of turns with a speaker field"):
        read_bytes(b'{"title": "Budget", "rows": [{"a": 1}, {"a": 2}]}', name="budget.json")
    with pytest.raises(ReadError, match="cannot read broken.json as JSON"):
        read_bytes(b'{"speakers": [', name="broken.json")
    with pytest.raises(ReadError, match="nests deeper than"):
        read_bytes(b"[" * 100 + b"]" * 100, name="deep.json")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdef", "bcdefg")
    )
    with pytest.raises(ReadError, match="expands to over"):
        read_bytes(bomb.encode(), name="bomb.yaml")
    path = tmp_path / "broken.json"
    path.write_bytes(b'{"speakers": [')
    res = CliRunner().invoke(main, ["parse", str(path)])
    assert res.exit_code != 0
    assert "Traceback" not in res.output
    assert res.output.strip().count("\n") == 0 and "as JSON" in res.output


def test_a_page_whose_transcript_is_held_in_a_front_matter_field_is_read_from_it():
    """A site generator's page: an empty body, the transcript in a front-matter field as markup
    with one span per word; 'PROFESSOR 1' and 'PROFESSOR 2' are two speakers, 'AUDIENCE' asks."""
    words = lambda text: " ".join(f"<span m='{i}'>{w}</span>" for i, w in enumerate(text.split()))  # noqa: E731
    paras = [
        "PROFESSOR 1: Welcome to the seminar on teaching. Our topic today is the flipped classroom.",
        "PROFESSOR 2: And we will take your questions as we go. Who has one?",
        "AUDIENCE: How many students were in the class?",
        "PROFESSOR 1: About forty, in two rooms, with the same problems in each of them.",
        "AUDIENCE: Did they like it?",
        "PROFESSOR 2: Most of them did, by the end of the term.",
    ]
    held = "".join(f"<p>{words(p)}</p>" for p in paras) + "<p>" + words("filler " * 200) + "</p>"
    page = "---\ntitle: 'HHMI Education Group Seminar: Flipping the Dice'\ntranscript: " + json.dumps(held) + "\n---\n"
    doc = read_bytes(page.encode(), name="seminar.md")
    assert doc.source["transcript_field"] == "transcript"
    assert doc.metadata["title"] == "HHMI Education Group Seminar: Flipping the Dice"
    record = pressroom.parse_document(doc)
    by_id = {s.id: s for s in record.speakers}
    assert [t.label for t in record.turns] == [
        "PROFESSOR 1",
        "PROFESSOR 2",
        "AUDIENCE",
        "PROFESSOR 1",
        "AUDIENCE",
        "PROFESSOR 2",
    ]
    assert len({t.speaker for t in record.turns if t.label.startswith("PROFESSOR")}) == 2
    assert [by_id[t.speaker].role for t in record.turns if t.label == "AUDIENCE"] == ["journalist", "journalist"]
    assert not any(s.name and "Seminar" in s.name for s in record.speakers)  # an event's name is no person


def test_turns_cut_into_sections_with_speaker_objects_and_text_blocks_are_joined():
    """An argument's JSON: `transcript.sections[].turns[]`, each turn a speaker object with a name
    and its text in timed blocks; the sections' turns are one list, in order. A name with its
    generation ('John Roe, Jr.') keeps it."""

    def turn(name, *texts):
        return {"speaker": {"name": name, "ID": 1}, "text_blocks": [{"start": 0.0, "text": t} for t in texts]}

    data = {
        "title": "Oral Argument",
        "transcript": {
            "sections": [
                {
                    "turns": [
                        turn("John Roe, Jr.", "We'll hear argument next.", "Mr. Doe?"),
                        turn("Ann Doe", "Thank you."),
                    ]
                },
                {"turns": [turn("John Roe, Jr.", "Rebuttal?"), turn("Ann Doe", "Briefly.", "Nothing more.")]},
            ]
        },
    }
    doc = read_bytes(json.dumps(data).encode(), name="argument.json")
    assert doc.text.split("\n\n") == [
        "John Roe, Jr.: We'll hear argument next. Mr. Doe?",
        "Ann Doe: Thank you.",
        "John Roe, Jr.: Rebuttal?",
        "Ann Doe: Briefly. Nothing more.\n",
    ]
    record = pressroom.parse_document(doc)
    assert [s.name for s in record.speakers] == ["John Roe, Jr.", "Ann Doe"]


def test_a_record_whose_field_holds_the_whole_transcript_on_one_line():
    """A scraper's JSON record of a news hour: no list of turns, a `transcript` field with the whole
    transcript on one line, its paragraphs joined by runs of spaces. The field is read as the
    transcript, a paragraph per run; the other fields stay metadata."""
    body = "   ".join(
        [
            "ANDERSON COOPER, CNN HOST:  Good evening. We begin tonight with the committee.",
            "REP. JANE ROE (D-MD):  Well, we are going to see what was done and what was not.",
            "COOPER:  What more should we expect to learn tomorrow?",
            "ROE:  The witnesses will tell us, and the country will hear it, in their own words.",
        ]
        * 4
    )
    data = json.dumps({"title": "Anderson Cooper 360 Degrees", "polarity": 0.04, "transcript": body}).encode()
    doc = read_bytes(data, name="acd_04.json")
    assert doc.text.count("\n\n") == 15
    assert doc.metadata["title"] == "Anderson Cooper 360 Degrees"
    record = pressroom.parse_document(doc)
    assert [t.label for t in record.turns[:4]] == ["ANDERSON COOPER, CNN HOST", "REP. JANE ROE (D-MD)", "COOPER", "ROE"]


def test_a_page_whose_front_matter_lists_its_turns_is_read_from_the_list():
    """A site generator's podcast page: the transcript is a front-matter list of items (`- line: …`
    / `who: Jane`, the speaker after the text), with section headings among them (`- header: …`);
    a long `intro` field and a body of links are no transcript. Items of one speaker in a row are
    one turn; a heading between them parts them."""
    items = [
        ("header", "Introduction"),
        ("Alexey", "This week we talk about experiments. Our guest is Jane Roe."),
        ("Jane", "Thanks for having me."),
        ("header", "Background"),
        ("Alexey", "Let us start with your background. How did you begin?"),
        ("Jane", "I started out in economics,"),
        ("Jane", "and then I moved into data science."),
        ("header", "Experiments"),
        ("Jane", "An experiment starts with a question, not with a tool."),
        ("Alexey", "How long should a test run, then?"),
        ("Jane", "Two weeks at least, to see a whole business cycle."),
        ("Alexey", "Thank you, Jane."),
    ]
    lines = []
    for who, said in items:
        lines.append(f"- header: {said}" if who == "header" else f"- line: {said}\n  who: {who}")
    page = (
        "---\ntitle: 'Experiments that establish causality'\nintro: '"
        + "An episode about experiments. " * 60
        + "'\ntranscript:\n"
        + "\n".join(lines)
        + "\n---\n\nLinks:\n\n- [A book](https://example.org/book)\n"
    )
    doc = read_bytes(page.encode(), name="episode.md")
    assert doc.metadata["title"] == "Experiments that establish causality" and "transcript" not in doc.metadata
    record = pressroom.parse_document(doc)
    assert [(t.label, t.text.split("\n")[0]) for t in record.turns] == [
        ("Alexey", "This week we talk about experiments. Our guest is Jane Roe."),
        ("Jane", "Thanks for having me."),
        ("Alexey", "Let us start with your background. How did you begin?"),
        ("Jane", "I started out in economics,"),
        ("Jane", "An experiment starts with a question, not with a tool."),
        ("Alexey", "How long should a test run, then?"),
        ("Jane", "Two weeks at least, to see a whole business cycle."),
        ("Alexey", "Thank you, Jane."),
    ]
    assert "and then I moved into data science." in record.turns[3].text


def test_json_that_holds_the_text_in_pieces_keyed_by_the_second_is_read_as_text():
    """A web player's transcript: an object keyed by the second each passage starts at, each value
    a list of strings (the label in the text, or a printed page's lines kept apart). The passages
    are read in order, each a paragraph, and the labels in them found as in any text."""
    data = {
        "4": [
            "JANE ROE: This is an interview with John Doe at his home, June 13, 1964. Well, John, where did it start?"
        ],
        "43": ["JOHN DOE: It started in the attic,", "with a camera and a lot of patience, and then it grew."],
        "61": ["JANE ROE: And then?"],
        "70": ["JOHN DOE: Then the war came, and everything changed for all of us who worked there."],
    }
    data["70"][0] += " We went out to the towns and the farms, and we took pictures of what we saw there." * 3
    record = pressroom.parse_document(pressroom.read_bytes(json.dumps(data).encode(), name="interview.json"))
    assert [(t.label, t.text[:20]) for t in record.turns] == [
        ("JANE ROE", "This is an interview"),
        ("JOHN DOE", "It started in the at"),
        ("JANE ROE", "And then?"),
        ("JOHN DOE", "Then the war came, a"),
    ]
    assert record.turns[1].text.startswith("It started in the attic,\nwith a camera")


@pytest.mark.parametrize(
    "wrap",
    [
        "/* generated */\nwindow.DB.registerMinutes({});\n",  # a JSONP-style call
        "var minutes = {};",  # a variable
        "export default {};\n",  # a module
        "callback(\n  {}\n)",
    ],
)
def test_a_script_that_holds_its_data_as_a_literal_is_read_for_it(wrap):
    """A `.js` file that hands a JSON literal to a function or a variable is read as that JSON: its
    turns, each `Speaker: text`; the document says its data came out of a script."""
    data = json.dumps({"title": "Minutes", "voices": [{"speaker": s, "text": t} for s, t in ROWS]}, ensure_ascii=False)
    doc = read_bytes(wrap.replace("{}", data, 1).encode(), name="minutes.js")
    assert doc.format == "script"
    assert doc.source["script_data"] is True
    assert doc.text == "".join(f"{s}: {t}\n\n" for s, t in ROWS)[:-1]
    assert [h.name for h in doc.labels] == [s for s, _ in ROWS]


ROWS = [("Jane Roe", "Good morning, everyone."), ("Q", "What comes next?"), ("Jane Roe", "A vote next week.")]


def test_a_script_with_no_json_literal_is_read_as_text():
    """Code, or a literal in JavaScript's own syntax (keys unquoted), holds no JSON: the script is
    read as text, so a transcript kept in a template string is still found."""
    script = "module.exports = function() {\n  const t = `\nJANE ROE: Good morning.\n\nQ: What next?\n`;\n};\n"
    doc = read_bytes(script.encode(), name="episode.js")
    assert doc.format == "script"
    assert "script_data" not in doc.source
    assert "JANE ROE: Good morning." in doc.text
    assert detect_format(b"var x = {a: 1};", "x.jsonp") == "script"
    assert read_bytes(b"var x = {a: 1};\n\nJANE ROE: Hello there.\n", name="x.js").text.startswith("var x = {a: 1};")


EE = __import__("faker.providers.person.et_EE", fromlist=["Provider"]).Provider
EE_GIVEN = sorted(x for x in set(EE.first_names_male) | set(EE.first_names_female) if " " not in x)
EE_SURNAMES = sorted(x for x in EE.last_names if " " not in x)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    chair=st.tuples(st.sampled_from(EE_GIVEN), st.sampled_from(EE_SURNAMES)),
    member=st.tuples(st.sampled_from(EE_GIVEN), st.sampled_from(EE_SURNAMES)),
)
def test_speech_records_whose_speaker_sits_in_a_nested_object_as_a_given_and_a_family_name(chair, member):
    """A parliament's speech records: `{"speech_data": {"speaker_first_name": …, "speaker_last_name":
    …, flags …}, "speech": [paragraphs]}`: the speaker is the two names joined, the paragraphs the text;
    the top level's short fields are the document's."""

    def record(who, paragraphs):
        data = {"speaker_id": f"{who[1].lower()}_1970", "speaker_first_name": who[0], "speaker_last_name": who[1]}
        return {"speech_data": {**data, "mp_chair": 0, "agenda_item": "10:00 Avamine"}, "speech": paragraphs}

    rows = [
        record(chair, ["Tere hommikust, austatud Riigikogu!", "Alustame istungit."]),
        record(member, ["Aitäh, austatud juhataja! Millal tuleb peaminister?"]),
        record(chair, ["Aitäh! Peaminister on teel."]),
    ]
    doc = read_bytes(json.dumps({"title": "Täiskogu istung", "speeches": rows}).encode(), name="istung.json")
    c, m = " ".join(chair), " ".join(member)
    assert doc.text.split("\n\n") == [
        f"{c}: Tere hommikust, austatud Riigikogu! Alustame istungit.",
        f"{m}: Aitäh, austatud juhataja! Millal tuleb peaminister?",
        f"{c}: Aitäh! Peaminister on teel.\n",
    ]
    assert doc.metadata == {"title": "Täiskogu istung"}


@settings(max_examples=25, deadline=None, derandomize=True)
@given(host=st.sampled_from(EE_GIVEN), guest=st.sampled_from(EE_GIVEN))
def test_typed_blocks_a_speakers_block_then_their_paragraphs_and_times_left_out(host, guest):
    """A site's export of a transcript as typed blocks (`{"type": "speaker", "text": "Ron"}`, then
    `{"type": "p", …}` paragraphs, `{"type": "ts", "text": "00:00:04"}` times): each speaker's block
    opens a turn, its paragraphs follow, the times go."""
    blocks = [
        {"type": "ts", "text": "00:00:04"},
        {"type": "speaker", "text": host},
        {"type": "p", "text": "Welcome to the show."},
        {"type": "p", "text": "Today we talk about clocks."},
        {"type": "ts", "text": "00:01:10"},
        {"type": "speaker", "text": guest},
        {"type": "p", "text": "Thanks for having me."},
    ]
    doc = read_bytes(json.dumps({"slug": "clocks", "transcript": blocks}).encode(), name="episode.json")
    assert doc.text.split("\n\n") == [
        f"{host}: Welcome to the show.",
        "Today we talk about clocks.",
        f"{guest}: Thanks for having me.\n",
    ]
    assert [h.name for h in doc.labels] == [host, guest]
