"""Transcripts kept as tables (pressroom/read/table.py)."""

from __future__ import annotations

import pytest

import pressroom
from pressroom.errors import ParseError
from pressroom.read import read_bytes
from pressroom.read.detect import detect_format

ORAL_HISTORY = (
    "timestamp,speaker,words,tags\n"
    ',DB:,"Thank you very much for agreeing to do this, Kasey.",\n'
    ",KM:,My pleasure. Thanks for coming.,\n"
    ',DB:,"Would you please state your name, your date of birth, and where we are?",\n'
    ',KM:,"Kasey Silem Mohammad. October 10, 1962. We\'re at Southern Oregon University.",\n'
    ',,"And that is where I teach, too.",\n'
    ",DB:,What genres do you work in?,paper\n"
    ",KM:,Poetry.,\n"
    ",DB:,,\n"
)


def test_each_row_is_a_labelled_paragraph_and_a_row_without_speaker_continues():
    doc = read_bytes(ORAL_HISTORY.encode(), name="interview.csv")
    assert doc.format == "csv"
    assert doc.text.split("\n\n")[:5] == [
        "DB: Thank you very much for agreeing to do this, Kasey.",
        "KM: My pleasure. Thanks for coming.",
        "DB: Would you please state your name, your date of birth, and where we are?",
        "KM: Kasey Silem Mohammad. October 10, 1962. We're at Southern Oregon University.",
        "And that is where I teach, too.",
    ]
    assert [h.name for h in doc.labels] == ["DB", "KM", "DB", "KM", "DB", "KM"]  # the empty row is left out
    assert all(doc.text[h.start_char : h.end_char] == h.name + ":" for h in doc.labels)


def test_a_table_parses_into_turns_and_initials_find_the_name_the_speaker_gives():
    record = pressroom.parse_document(read_bytes(ORAL_HISTORY.encode(), name="interview.csv"))
    by_id = {s.id: s for s in record.speakers}
    assert [by_id[t.speaker].labels[0] for t in record.turns] == ["DB", "KM", "DB", "KM", "DB", "KM"]
    km = by_id[record.turns[1].speaker]
    assert (km.name, km.role) == ("Kasey Silem Mohammad", "principal")
    assert record.turns[3].text.endswith("Southern Oregon University.\n\nAnd that is where I teach, too.")
    assert by_id[record.turns[0].speaker].role == "journalist"


def test_tab_separated_with_other_header_names():
    data = "Speaker_Name\tUtterance\nMODERATOR\tWelcome. First question?\nJane Roe\tThank you.\n"
    doc = read_bytes(data.encode(), name="debate.tsv")
    assert doc.text == "MODERATOR: Welcome. First question?\n\nJane Roe: Thank you.\n"


def test_a_table_without_speaker_and_text_columns_is_refused_with_the_columns_found():
    with pytest.raises(ParseError) as e:
        read_bytes(b"date,amount\n2024-01-01,3\n", name="ledger.csv")
    assert str(e.value).startswith("[E002] cannot read ledger.csv as a transcript table")
    assert "found 'date', 'amount'" in str(e.value)


def test_a_table_is_known_by_its_name_only():
    assert detect_format(b"speaker,text\nA,b\n", "x.csv") == "csv"
    assert detect_format(b"speaker,text\nA,b\n", "x.tsv") == "csv"
    assert detect_format(b"speaker,text\nA,b\n", "x.txt") == "text"
    assert detect_format(b"speaker,text\nA,b\n", None) == "text"


def test_a_token_table_one_word_a_row_joins_each_speakers_words_into_a_turn():
    """Rev's `.nlp` token tables (token|speaker|ts|endTs|punctuation|case|tags|wer_tags), one word a
    row: a speaker's consecutive words are one turn, each followed by its punctuation mark."""
    said = [
        ("0", "Good morning, and welcome to the call."),
        ("1", "Thanks. It was a good quarter."),
        ("0", "Our first question, please."),
    ]
    lines = ["token|speaker|ts|endTs|punctuation|case|tags|wer_tags"]
    for who, sentence in said:
        for word in sentence.split():
            mark = word[-1] if word[-1] in ",." else ""
            lines.append(f"{word.rstrip(',.')}|{who}|||{mark}|LC|[]|[]")
    data = ("\n".join(lines) + "\n").encode()
    assert detect_format(data, "call.nlp") == "csv"
    record = pressroom.parse_document(read_bytes(data, name="call.nlp"))
    assert [(t.label, t.text) for t in record.turns] == said


def test_the_column_with_the_most_text_is_the_text_and_na_names_no_speaker():
    """A hearing's table, its text in "text_clean_combined" beside a "line" number and a
    "line_type": the column whose cells hold the most text is the text; a speaker cell of "NA" (R's
    missing value) names nobody, so that row continues the turn before it."""
    table = (
        "interjection_id,text_clean_combined,line,line_type,speaker\n"
        '01-1,"--- Upon commencing at 9:30 a.m.",3,proceedings_start,NA\n'
        "01-2,Order. The Commission is now in session.,4,speaker_start,THE REGISTRAR\n"
        '01-3,"Good morning, everyone. We begin with opening statements.",8,speaker_start,COMMISSIONER ROE\n'
        "01-4,--- OPENING STATEMENT BY MS. JANE DOE:,12,section_header,NA\n"
        "01-5,Thank you. I appear for the province.,14,speaker_start,MS. JANE DOE\n"
    )
    doc = read_bytes(table.encode(), name="volume-1.csv")
    assert doc.text == (
        "--- Upon commencing at 9:30 a.m.\n\nTHE REGISTRAR: Order. The Commission is now in session.\n\n"
        "COMMISSIONER ROE: Good morning, everyone. We begin with opening statements.\n\n"
        "--- OPENING STATEMENT BY MS. JANE DOE:\n\nMS. JANE DOE: Thank you. I appear for the province.\n"
    )
    assert [h.name for h in doc.labels] == ["THE REGISTRAR", "COMMISSIONER ROE", "MS. JANE DOE"]


@pytest.mark.parametrize(
    ("header", "sep"),
    [
        ("nome,fala", ","),
        ("nombre;texto", ";"),
        ("orateur,texte", ","),
        ("Sprecher\tRede", "\t"),
        ("spreker,tekst", ","),
    ],
)
def test_speaker_and_text_columns_named_in_other_languages(header, sep):
    rows = [header, sep.join(["Jane Roe", "Bom dia."]), sep.join(["John Doe", "Obrigado."])]
    doc = read_bytes(("\n".join(rows) + "\n").encode(), name="reuniao.csv")
    assert doc.text == "Jane Roe: Bom dia.\n\nJohn Doe: Obrigado.\n"
    assert [h.name for h in doc.labels] == ["Jane Roe", "John Doe"]
