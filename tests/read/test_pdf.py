"""PDF reader: headers/footers, paragraphs, hyphens, ligatures, bold labels, broken files."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import pressroom
from pressroom.errors import ReadError
from pressroom.read.pdf import repair_text

from .conftest import (
    CORPUS,
    READ_DATA,
    SHARED_CORPUS,
    SHARED_GOLD,
    gold_starts_problems,
    load_gold,
)


def _expected(name: str) -> str:
    return (READ_DATA / f"{name}.expected.txt").read_text(encoding="utf-8").rstrip("\n")


def test_fed_style_layout():
    """Running header and "Page N of M" footer dropped, indented paragraphs, a paragraph
    running over the page break, a compound word broken after its hyphen."""
    doc = pressroom.read_path(READ_DATA / "fed-style.pdf")
    assert doc.text == _expected("fed-style")
    assert "FINAL" not in doc.text and "Page 1 of" not in doc.text
    assert "fairly well-understood" in doc.text
    assert doc.source["pages"] == 2
    assert doc.source["header_footer_lines_removed"] == 4
    assert doc.source["page_offsets"][0] == 0
    assert doc.metadata == {
        "title": "Transcript of Chair Smith's Press Conference -- June 15, 2022",
        "author": "Test Reserve",
        "pages": 2,
    }


def test_boe_style_layout_bold_labels_and_ligatures():
    doc = pressroom.read_path(READ_DATA / "boe-style.pdf")
    assert doc.text == _expected("boe-style")
    assert [(h.name, doc.text[h.start_char : h.end_char]) for h in doc.labels] == [
        ("Ed Stone, Sky News", "Ed Stone, Sky News:"),
        ("Andrew Baker", "Andrew Baker:"),
        ("Sara Chen, The Telegraph", "Sara Chen, The Telegraph:"),
        ("Ben Brook", "Ben Brook:"),
    ]
    # page 2 opens with Sara Chen's question: the page break ended a paragraph
    assert doc.text[doc.source["page_offsets"][1] :].startswith("Sara Chen, The Telegraph:")


@pytest.mark.parametrize(
    "raw,text,unmapped",
    [
        ("e\ufb03cient of\ufb01ce \ufb02ow", "efficient office flow", 0),
        ("nego\u019fa\u019fon and \u019fme", "negotiation and time", 0),
        ("Ɵ alone", "Ɵ alone", 0),
        ("implementa(cid:415)on and (cid:999)x", "implementation and x", 1),
        ("  two\u00a0 spaces\t", "two spaces", 0),
    ],
)
def test_repair_text(raw, text, unmapped):
    assert repair_text(raw) == (text, unmapped)


def test_empty_user_password_opens(make_pdfs):
    fed, expected = make_pdfs.fed_style_pdf()
    doc = pressroom.read_bytes(make_pdfs.encrypted_pdf(fed, user_password=""), name="open.pdf")
    assert doc.text == expected
    assert doc.source["encrypted"] == "no user password (opened with an empty password)"


@pytest.mark.parametrize(
    "case,message",
    [
        ("encrypted", "the PDF is encrypted (password-protected)"),
        ("truncated", "the PDF is truncated (no end-of-file marker); it may have been cut off while downloading"),
        ("damaged", "the PDF is damaged (PdfReadError: Cannot find Root object in pdf)"),
        ("image_only", "the PDF has no text layer (a scanned or image-only PDF needs OCR first)"),
        ("blank_pages", "the PDF has 5000 pages, over the limit of 1000 (PRESSROOM_MAX_PDF_PAGES)"),
        ("stream_bomb", "a compressed stream inflates to over 64 MB (a decompression bomb); refusing to read it"),
        ("not_pdf", "not a PDF file (no %PDF header)"),
    ],
)
def test_broken_pdfs_are_clear_errors(make_pdfs, case, message):
    fed, _ = make_pdfs.fed_style_pdf()
    data = {
        "encrypted": lambda: make_pdfs.encrypted_pdf(fed),
        "truncated": lambda: make_pdfs.truncated_pdf(fed),
        "damaged": make_pdfs.damaged_pdf,
        "image_only": make_pdfs.image_only_pdf,
        "blank_pages": lambda: make_pdfs.blank_pages_pdf(5000),
        "stream_bomb": make_pdfs.stream_bomb_pdf,
        "not_pdf": lambda: b"PK\x03\x04 not a pdf at all, %%EOF",
    }[case]()
    with pytest.raises(ReadError) as err:
        pressroom.read_bytes(data, name=f"{case}.pdf", format="pdf")
    assert str(err.value) == f"[E001] cannot read {case}.pdf: {message}"


def test_blank_pages_under_the_page_limit_stop_early(make_pdfs, monkeypatch):
    monkeypatch.setenv("PRESSROOM_MAX_PDF_PAGES", "6000")
    with pytest.raises(ReadError) as err:
        pressroom.read_bytes(make_pdfs.blank_pages_pdf(5000), name="blank.pdf")
    assert "the first 50 pages hold no text" in str(err.value)


def test_time_budget(monkeypatch):
    monkeypatch.setenv("PRESSROOM_READ_SECONDS", "0.05")
    with pytest.raises(ReadError) as err:
        pressroom.read_path(CORPUS / "FOMCpresconf20220615.pdf")
    assert "reading took longer than 0.05 s, the time budget per file (PRESSROOM_READ_SECONDS)" in str(err.value)


def test_fomc_transcript_matches_gold_turn_starts():
    """A real FOMC transcript (public domain copy in tests/data/read/corpus)."""
    doc = pressroom.read_path(CORPUS / "FOMCpresconf20220615.pdf")
    gold = load_gold(CORPUS / "FOMCpresconf20220615.pdf.gold.json")
    assert gold_starts_problems(doc.text, gold) == []
    assert doc.text.startswith(
        "Transcript of Chair Powell\u2019s Press Conference\n\nJune 15, 2022\n\n"
        "CHAIR POWELL. Good afternoon. I will begin with one overarching message:"
    )
    assert "Page 2 of 27" not in doc.text and "FINAL" not in doc.text
    assert doc.source["header_footer_lines_removed"] == 54  # a header and a footer on each of 27 pages
    assert len(doc.source["page_offsets"]) == 27


@pytest.mark.skipif(not SHARED_CORPUS.exists(), reason="the shared corpus (../shared/corpus) is not on this machine")
def test_boe_transcript_matches_gold_turn_starts():
    """Bank of England PDF (internal test use only, so read from ../shared rather than copied);
    it is encrypted with an empty user password and carries bare page numbers."""
    doc = pressroom.read_path(SHARED_CORPUS / "boe_pdf" / "inflation-report-transcript-may-2018.pdf")
    gold = load_gold(SHARED_GOLD / "boe_pdf" / "inflation-report-transcript-may-2018.pdf.gold.json")
    assert gold_starts_problems(doc.text, gold) == []
    assert doc.source["encrypted"]
    assert doc.text.startswith(
        "INFLATION REPORT PRESS CONFERENCE\nTHURSDAY 10 MAY 2018\n\nEd Conway, Sky News. Governor,"
    )


def test_glyphs_grouped_into_lines():
    """Gaps over 3 pt are spaces, a superscript joins its line, a doubled glyph counts once."""
    from pressroom.read.pdf import _Char, _lines_from_chars

    def word(text, x, top, size=12.0, bold=False):
        return [_Char(ch, x + i * 7.2, x + (i + 1) * 7.2, top, top + size, size, bold) for i, ch in enumerate(text)]

    chars = (
        word("Q:", 72, 100, bold=True)
        + word("Inflation", 94, 100)
        + word("2", 158.8, 96, size=7)
        + word("fell.", 170, 100)
        + word("f", 170, 100.2)
        + word("Next", 72, 114)
    )
    lines, unmapped = _lines_from_chars(chars, page=1)
    assert [(ln.text, ln.bold_end, ln.size) for ln in lines] == [("Q: Inflation2 fell.", 2, 12.0), ("Next", 0, 12.0)]
    assert unmapped == 0


def _table_page() -> list[tuple]:
    """A Q&A page laid out as a speaker table: names (and a firm in brackets) in a left
    column, the speech in a right column past a gutter, each visual line across both."""
    rows = [
        (72, 700, "Questions and answers", None),
        (72, 676, "Jane Roe", "Good morning. Thank you for taking"),
        (72, 662, "(Acme Bank)", "my question on costs and on the"),
        (72, 648, None, "outlook for next year."),
        (72, 624, "John Doe", "Thank you, Jane. Costs will fall"),
        (72, 610, None, "this year."),
        (72, 586, "Jane Roe", "Thank you."),
    ]
    lines = []
    for x, y, left, right in rows:
        if left:
            lines.append((x, y, [("F1", left)]))
        if right:
            lines.append((216, y, [("F1", right)]))
    return lines


def test_speaker_table_reads_label_then_speech(make_pdfs):
    """A left speaker column: each row reads as its label on a line of its own (name and
    bracketed firm joined) and then the right column's speech, top to bottom."""
    doc = pressroom.read_bytes(make_pdfs.write_pdf([_table_page()]), name="table.pdf")
    assert doc.text == (
        "Questions and answers\n\n"
        "Jane Roe (Acme Bank)\n"
        "Good morning. Thank you for taking my question on costs and on the outlook for next year.\n\n"
        "John Doe\n"
        "Thank you, Jane. Costs will fall this year.\n\n"
        "Jane Roe\n"
        "Thank you."
    )


def _prose_pages() -> list[list[tuple]]:
    prose = [(72, 700 - 14 * i, [("F1", f"Line {i} of an ordinary paragraph of prose that runs on")]) for i in range(6)]
    bullets = []
    for i in range(3):
        bullets.append((90, 700 - 42 * i, [("F1", "-")]))
        bullets.append((126, 700 - 42 * i, [("F1", f"Bullet point {i} with a first line of text")]))
        bullets.append((126, 686 - 42 * i, [("F1", "and its second line")]))
    newspaper = []
    for i in range(8):
        newspaper.append((72, 700 - 14 * i, [("F1", f"Left column line {i} of text")]))
        newspaper.append((312, 700 - 14 * i, [("F1", f"Right column line {i} here")]))
    # labels hanging in a margin, the speech's last line back at the margin (not a firm)
    hanging = [
        (72, 700, [("F1", "MR. SMITH:")]),
        (216, 700, [("F1", "Yes, I will say")]),
        (216, 686, [("F1", "so.")]),
        (72, 662, [("F1", "MR. JONES:")]),
        (216, 662, [("F1", "No, and that will be")]),
        (72, 648, [("F1", "my answer.")]),
    ]
    return [prose, bullets, newspaper, hanging]


def test_pages_without_speaker_table_read_as_before(make_pdfs, monkeypatch):
    """Prose, bullets whose dash stands apart, a newspaper's two columns of long text and
    labels hanging in a margin over a speech whose last line ends a sentence at the margin
    are no speaker table: they read exactly as with the table rule switched off."""
    from pressroom.read import pdf

    data = make_pdfs.write_pdf(_prose_pages())
    text = pressroom.read_bytes(data, name="prose.pdf").text
    assert "Line 0 of an ordinary paragraph of prose that runs on Line 1 of" in text
    assert "\n- Bullet point 0 with a first line of text\n" in text
    # a newspaper's two columns are read the left one first, then the right (no longer line by line)
    assert "Left column line 6 of text Left column line 7 of text" in " ".join(text.split())
    assert " ".join(text.split()).index("Left column line 7") < " ".join(text.split()).index("Right column line 0")
    assert "MR. JONES: No, and that will be\nmy answer." in text
    monkeypatch.setattr(pdf, "_speaker_table", lambda clusters: None)
    assert pressroom.read_bytes(data, name="prose.pdf").text == text


def _court_pages() -> list[list[tuple]]:
    """Two pages of a court reporter's transcript: each line opens with its number (1 to 25) at
    the left margin, the text running on across numbered lines."""
    said = [
        "CHIEF JUSTICE ROBERTS: We'll hear",
        "argument next in Case 18-1501, Roe versus",
        "Doe.",
        "MS. ROE: Mr. Chief Justice, and",
        "may it please the Court: the order is a",
        "penalty.",
        "JUSTICE DOE: Counsel, is it not a remedy",
        "in equity?",
    ] + [f"MS. ROE: Not at all, Your Honor, and point {i} shows it." for i in range(20)]
    pages = []
    for start in (0, 14):
        rows = said[start : start + 14]
        pages.append([(36, 720 - 24 * i, [("F1", f"{i + 1}   {line}")]) for i, line in enumerate(rows)])
    return pages


def test_a_court_reporters_line_numbers_are_taken_out(make_pdfs):
    """Numbered lines keep their breaks (each a line of the text, so each label opens a line) and
    lose their numbers; the record says so (W006). Labels and turns follow as in any transcript."""
    doc = pressroom.read_bytes(make_pdfs.write_pdf(_court_pages()), name="argument.pdf")
    assert [w.code for w in doc.warnings] == ["W006"]
    assert doc.text.startswith("CHIEF JUSTICE ROBERTS: We'll hear\nargument next in Case 18-1501, Roe versus\nDoe.")
    assert not any(line[:1].isdigit() for line in doc.text.splitlines() if line)
    record = pressroom.parse_document(doc)
    assert [t.label for t in record.turns][:4] == ["CHIEF JUSTICE ROBERTS", "MS. ROE", "JUSTICE DOE", "MS. ROE"]
    by_id = {s.id: s for s in record.speakers}
    assert [by_id[t.speaker].role for t in record.turns][1:3] == ["principal", "journalist"]
    assert by_id[record.turns[2].speaker].name is None  # "JUSTICE" is an office, not a given name


def _call_pages() -> list[list[tuple]]:
    """Four pages of an agency's call transcript: a letterhead of four lines and a page number on
    each, then turns of two lines set apart by extra space, a name the transcriber was unsure of in
    brackets, alone on its line."""
    head = ["Centers for Public Health", "Open Forum: Rural Health", "Moderator: Jane Roe", "08-18-2020/3:00 PM ET"]
    topics = (
        "clinics staffing telehealth payments waivers broadband vaccines transport beds labs drugs fees forms".split()
    )
    turns = [
        ("Coordinator: Welcome and thank you for standing by.", "You may begin."),
        ("Jane Roe: Thank you. I will now hand the call", "to (John Doe)."),
        ("(John Doe):", "Thank you, Jane. Today we talk about the rural health rule."),
    ] + [
        (f"Jane Roe: On {topics[i]}, question {i}, what does", f"the rule say about {topics[(i + 3) % 13]}?")
        if i % 2 == 0
        else (f"(Ann Lee): On {topics[i]} the rule is clear, as", f"its part on {topics[(i + 5) % 13]} says.")
        for i in range(13)
    ]
    pages = []
    for p in range(4):
        rows, y = [], 740
        for line in head + [f"Page {p + 1}"]:
            rows.append((36, y, [("F1", line)]))
            y -= 14
        for first, second in turns[p * 4 : p * 4 + 4]:
            y -= 16  # a turn opens after extra space
            rows += [(36, y, [("F1", first)]), (36, y - 14, [("F1", second)])]
            y -= 28
        pages.append(rows)
    return pages


def test_a_letterhead_of_several_lines_on_every_page_is_no_speech(make_pdfs):
    """A running header deeper than two lines ("Moderator: Jane Roe" under the agency's name, a
    date, "Page 2") is dropped from every page, where it would open turns of its own; a name in
    brackets before a colon, alone on its line or not, is a label."""
    doc = pressroom.read_bytes(make_pdfs.write_pdf(_call_pages()), name="forum.pdf")
    assert "Moderator: Jane Roe" not in doc.text and "08-18-2020" not in doc.text and "Page 2" not in doc.text
    record = pressroom.parse_document(doc)
    labels = [t.label for t in record.turns]
    assert labels == ["Coordinator", "Jane Roe", "John Doe"] + ["Jane Roe", "Ann Lee"] * 6 + ["Jane Roe"]
    assert record.turns[2].text == "Thank you, Jane. Today we talk about the rural health rule."


FIRST_NAMES = sorted(
    n for n in set(__import__("faker.providers.person.en_US", fromlist=["P"]).Provider.first_names) if n.isalpha()
)
LAST_NAMES = sorted(
    n for n in set(__import__("faker.providers.person.en_US", fromlist=["P"]).Provider.last_names) if n.isalpha()
)


def _council_pages(chair: tuple[str, str], member: tuple[str, str]) -> list[list[tuple]]:
    """Three pages of a council's verbatim record: a running head whose section changes ("9/25/14 -
    STATED - LEAVES"), numbered lines whose numbers are right-aligned (a number of one figure a
    figure right of one of two), and, on the first page, the list of those present with offices."""
    c_up, m_up = f"{chair[0]} {chair[1]}".upper(), f"{member[0]} Q. {member[1]}".upper()
    said = [
        "COUNCIL OF THE CITY",
        "STATED MEETING",
        "PRESENT:",
        f"COUNCIL PRESIDENT {c_up}",
        f"COUNCILWOMAN {m_up}",
        f"COUNCIL PRESIDENT {chair[1].upper()}: Good",
        "morning, everyone. The Chair recognizes",
        f"Councilwoman {member[1]}.",
        f"COUNCILWOMAN {member[1].upper()}: Thank you,",
        "Mr. President. I move that the Journal",
        "be approved.",
        f"COUNCIL PRESIDENT {chair[1].upper()}:",
        "Thank you. It has been moved and properly",
        "seconded that the Journal stand approved.",
        "All those in favor say aye.",
    ] + [f"COUNCILWOMAN {member[1].upper()}: Thank you, Mr. President, for item {i}." for i in range(20)]
    pages = []
    for p, (start, section) in enumerate(((0, "INVOCATION"), (14, "LEAVES"), (28, "BILLS"))):
        rows = said[start : start + 14]
        head = [(80, 760, [("F1", f"9/25/14 - STATED - {section}")])]
        lines = [(36 if i >= 9 else 44, 720 - 24 * i, [("F1", f"{i + 1}  {line}")]) for i, line in enumerate(rows)]
        pages.append(head + lines)
    return pages


@settings(max_examples=3, deadline=None, derandomize=True)
@given(
    chair=st.tuples(st.sampled_from(FIRST_NAMES), st.sampled_from(LAST_NAMES)),
    member=st.tuples(st.sampled_from(FIRST_NAMES), st.sampled_from(LAST_NAMES)),
)
def test_a_councils_verbatim_record_its_running_head_numbered_lines_and_list_of_those_present(make_pdfs, chair, member):
    """The running head goes though its section varies; the numbered lines are lines of one
    paragraph whatever their numbers' width; the labels "COUNCIL PRESIDENT ROE:" and
    "COUNCILWOMAN DOE:" take the full names the list of those present prints after the offices."""
    assume(chair[1] != member[1] and len(member[1]) > 2)
    doc = pressroom.read_bytes(make_pdfs.write_pdf(_council_pages(chair, member)), name="stated.pdf")
    assert "STATED -" not in doc.text
    assert "Thank you. It has been moved and properly\nseconded that the Journal stand approved." in doc.text
    record = pressroom.parse_document(doc)
    by_id = {s.id: s for s in record.speakers}
    names = {t.label: by_id[t.speaker].name for t in record.turns}
    assert names[f"COUNCIL PRESIDENT {chair[1].upper()}"] == f"{chair[0]} {chair[1]}"
    assert names[f"COUNCILWOMAN {member[1].upper()}"] == f"{member[0]} Q. {member[1]}"


def _two_column_page(host: str, guest: str) -> list[tuple]:
    """A page set in two columns, a header above both: each column's lines at the same heights as
    the other's, the left column's speech running on into the right column."""
    left = [
        f"{host}: Welcome back. Today we",
        "talk about testing and the",
        "schools. What do you see in",
        "the numbers this week, and what",
        "should we expect?",
        f"{guest}: The numbers rise in",
        "every region, slowly, and the",
        "schools will stay open while",
        "the tests keep up with them. We",
        "watch the hospitals most.",
    ]
    right = [
        "The wards are not yet full, and",
        "we hope they stay so.",
        f"{host}: And the tests? Are there",
        "enough of them for everyone who",
        "needs one?",
        f"{guest}: There are enough, and",
        "more come every week from the",
        "makers we work with; the",
        "laboratories can do more now.",
        "That is the good news today.",
    ]
    rows = [(300, 770, [("F1", "NDR.DE/PODCAST")])]
    rows += [(50, 720 - 16 * i, [("F1", t)]) for i, t in enumerate(left)]
    rows += [(310, 720 - 16 * i, [("F1", t)]) for i, t in enumerate(right)]
    return rows


@settings(max_examples=3, deadline=None, derandomize=True)
@given(host=st.sampled_from(FIRST_NAMES), guest=st.sampled_from(FIRST_NAMES))
def test_a_page_in_two_columns_is_read_column_by_column(make_pdfs, host, guest):
    """Two columns of text side by side are read the left one first, then the right, not line by
    line across the gutter; the header above them stays first."""
    assume(host != guest)
    doc = pressroom.read_bytes(make_pdfs.write_pdf([_two_column_page(host, guest)]), name="podcast.pdf")
    text = " ".join(doc.text.split())
    assert text.startswith("NDR.DE/PODCAST")
    assert "We watch the hospitals most. The wards are not yet full," in text  # the left column, then the right
    assert f"{host}: Welcome back. Today we talk about testing" in text
    record = pressroom.parse_document(doc)
    assert [t.label for t in record.turns] == [host, guest, host, guest]
