"""Plain text and Markdown: encodings, front matter, offsets into the original text."""

import pytest

import pressroom
from pressroom.errors import ReadError

BODY = (
    "Press conference\n\nMS. PSAKI: Good afternoon \u2014 it\u2019s Monday.\n\nQ: Thanks, Jen. Is it caf\u00e9 time?\n"
)


@pytest.mark.parametrize(
    "encoding,prefix",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
    ],
)
def test_unicode_encodings(encoding, prefix):
    doc = pressroom.read_bytes(prefix + BODY.encode(encoding), name="x.txt")
    assert doc.text.lstrip("\ufeff") == BODY
    r = pressroom.parse_document(doc)
    assert [t.label for t in r.turns] == ["MS. PSAKI", "Q"]
    assert r.turns[1].text == "Thanks, Jen. Is it caf\u00e9 time?"


def test_cp1252():
    text = "MS. PSAKI: It\u2019s a \u201cgood\u201d day \u2014 na\u00efve.\n\nQ: And caf\u00e9s?\n"
    doc = pressroom.read_bytes(text.encode("cp1252"), name="x.txt")
    assert doc.text == text
    assert doc.source["encoding"] == "cp1252"


def test_crlf_becomes_lf_and_offsets_point_into_text():
    doc = pressroom.read_bytes(BODY.replace("\n", "\r\n").encode(), name="x.txt")
    r = pressroom.parse_document(doc)
    t = r.turns[0]
    assert doc.text[t.start_char : t.text_start] == "MS. PSAKI: "
    assert doc.text[t.text_start : t.end_char] == t.text


def test_front_matter():
    md = (
        "---\ntitle: \"Press Briefing by Press Secretary Jen\\_Psaki, January 20,\\_2021\"\ndate: '2021-01-20'\n"
        "modified_time: 2021-01-21 19:32:28-05:00\nsource_url: https://www.whitehouse.gov/briefing-room/x/\n---\n \n"
        "James S. Brady Press Briefing Room\n\n7:06 P.M. EST\n\nMS. PSAKI:\u00a0 Good evening.\n\nQ\u00a0\u00a0\u00a0 Hi, Jen. Why now?\n"
    )
    doc = pressroom.read_bytes(md.encode(), name="brief.md")
    assert doc.format == "markdown"
    assert doc.metadata["date"] == "2021-01-20"
    assert doc.body_start == md.index(" \nJames")
    r = pressroom.parse_document(doc)
    e = r.event
    assert e.title == "Press Briefing by Press Secretary Jen Psaki, January 20, 2021"
    assert (e.date, e.last_updated, e.kind, e.place) == (
        "2021-01-20",
        "2021-01-21T19:32",
        "Press briefing",
        "James S. Brady Press Briefing Room",
    )
    assert e.organisation == "The White House"
    assert r.speaker(r.turns[0].speaker).name == "Jen Psaki"


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "the file is empty"),
        (b"   \n\n  ", "the file is empty"),
        (b"\x00\x01\x02\x03binary\x00\xff\x00\x10" * 50, "binary data"),
    ],
)
def test_bad_bytes(data, message):
    with pytest.raises(ReadError) as e:
        pressroom.read_bytes(data, name="bad.txt")
    assert message in str(e.value)


def test_missing_and_directory(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        pressroom.read_path(tmp_path / "nope.txt")
    with pytest.raises(ReadError, match="is a directory"):
        pressroom.read_path(tmp_path)


FM_BODY = "MR SMITH: Welcome.\n\nQ: Why now?\n\nMR SMITH: Because.\n"


@pytest.mark.parametrize(
    "front,title,date,warnings",
    [
        (
            "title: Briefing\ndate: 2021-13-45\n",
            "Briefing",
            None,
            [("W003", "front matter value '2021-13-45' is not a possible date or time", "2021-13-45")],
        ),
        ("title: !!float abc\n", "abc", None, [("W003", "front matter value 'abc' is not a number", "!!float abc")]),
        (
            "title: .nan\nrate: -.inf\n",
            ".nan",
            None,
            [
                ("W003", "front matter value '.nan' is not a finite number", ".nan"),
                ("W003", "front matter value '-.inf' is not a finite number", "-.inf"),
            ],
        ),
        (
            "title: !!binary aGVsbG8=\n",
            "aGVsbG8=",
            None,
            [("W003", "front matter value 'aGVsbG8=' is binary data, kept as its base64 text", "!!binary aGVsbG8=")],
        ),
        (
            "title: Briefing\nn: " + "9" * 5000 + "\n",
            "Briefing",
            None,
            [("W003", f"front matter value '{'9' * 60}' is not an integer Python can hold", "9" * 5000)],
        ),
        ("title: Briefing\ndate: 2021-03-22\n", "Briefing", "2021-03-22", []),
    ],
)
def test_front_matter_values_a_type_cannot_hold_are_kept_as_text(front, title, date, warnings):
    import json

    text = f"---\n{front}---\n{FM_BODY}"
    doc = pressroom.read_bytes(text.encode(), name="brief.md")
    record = pressroom.parse_document(doc)
    assert (record.event.title, record.event.date) == (title, date)
    got = [(w.code, w.message, text[w.start_char : w.end_char]) for w in record.warnings]
    assert got == warnings
    json.dumps(record.to_dict(), allow_nan=False)  # strict JSON: no NaN, no bytes


def test_front_matter_is_json_safe():
    text = "---\ntitle: x\ntags: !!set {b, a}\nwhen: 2021-03-22 10:00:00\nmore: {1: [2021-01-01, 2.5]}\n---\n" + FM_BODY
    doc = pressroom.read_bytes(text.encode(), name="brief.md")
    assert doc.metadata == {
        "title": "x",
        "tags": ["a", "b"],
        "when": "2021-03-22T10:00:00",
        "more": {"1": ["2021-01-01", 2.5]},
    }


@pytest.mark.parametrize(
    "front,message",
    [
        (
            "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\ntitle: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
            "its YAML front matter expands to over 10,000 values (an alias bomb); refusing to read it",
        ),
        ("title: " + "[" * 100_000 + "\n", "its YAML front matter nests deeper than 32 levels"),
    ],
)
def test_hostile_front_matter_refused(front, message):
    with pytest.raises(ReadError) as e:
        pressroom.read_bytes(f"---\n{front}---\n{FM_BODY}".encode(), name="bomb.md")
    assert str(e.value) == f"[E001] cannot read bomb.md: {message}"


def test_a_court_reporters_line_numbers_are_taken_out_with_a_warning():
    """Each line of a court reporter's typescript starts with its number (1 to 25 per page) and
    each page prints its number far to the right: the text keeps the words, not the numbers."""
    lines = []
    for n in range(1, 26):
        lines.append(
            f"      {n:>2}      SENATOR ROE:  Line {n} of the hearing, where 12 people spoke."
            if n % 5 == 1
            else f"      {n:>2}      more words on line {n}"
        )
        lines.append("")
    page = "\n".join(lines) + "\n" + " " * 60 + "2\n" + "\n".join(lines)
    doc = pressroom.read_bytes(page.encode(), name="hearing.txt")
    assert [w.code for w in doc.warnings] == ["W006"]
    assert doc.text.splitlines()[0] == "SENATOR ROE:  Line 1 of the hearing, where 12 people spoke."
    assert doc.text.splitlines()[2] == "more words on line 2"
    assert not any(x.strip().isdigit() for x in doc.text.splitlines())  # no line or page number left
    # numbers inside the words stay
    assert "where 12 people" in doc.text


def test_numbered_paragraphs_are_no_court_typescript():
    text = "\n\n".join(f"{n}. Point number {n} of the plan." for n in range(1, 30))
    doc = pressroom.read_bytes(text.encode(), name="plan.txt")
    assert doc.warnings == [] and doc.text == text


def test_markdown_with_html_in_it_keeps_its_paragraphs():
    """A blog's Markdown file whose paragraphs are mostly HTML (`<strong>Publico: …</strong>` then
    a Markdown paragraph, `<strong>Bolz</strong>: …`) is read as a web page once rendered from
    Markdown: its paragraphs, parted by blank lines, stay paragraphs (they had run into one), and
    its labels open turns."""
    pairs = [("Wie war die Reise?", "Interessant und anstrengend."), ("Und jetzt?", "Wir arbeiten weiter.")] * 6
    body = "".join(
        f"<strong>Publico:</strong> {q}\n\n<strong>Bolz</strong>: {a}\n\n_Eine Anmerkung._\n\n" for q, a in pairs
    )
    doc = pressroom.read_bytes(("---\ntitle: Ein Gespräch\n---\n\n" + body).encode(), name="gespraech.md")
    assert doc.source.get("markdown_as_html") is True
    assert doc.text.split("\n\n")[:3] == [
        "Publico: Wie war die Reise?",
        "Bolz: Interessant und anstrengend.",
        "Eine Anmerkung.",
    ]
    record = pressroom.parse_document(doc)
    assert [t.label for t in record.turns] == ["Publico", "Bolz"] * 12


def test_html_comment_lines_in_markdown_are_no_text():
    """A scraper's notes as HTML comments, on lines of their own above the title and between two
    paragraphs: Markdown renders them as nothing, so they are neither the title nor speech."""
    md = (
        "<!-- source: https://example.org/transcripts/123 -->\n<!-- date_published: 2026-05-04 -->\n"
        "# Jane Roe Holds a Press Briefing\n\nJANE ROE: Good afternoon.\n\n"
        "<!--\n  section: Transcripts\n-->\nWe start with the storm.\n\nQ: When?\n"
    )
    doc = pressroom.read_bytes(md.encode(), name="briefing.md")
    assert "<!--" not in doc.text and "section:" not in doc.text
    record = pressroom.parse_document(doc)
    assert record.event.title == "Jane Roe Holds a Press Briefing"
    assert [t.text for t in record.turns] == ["Good afternoon.\n\nWe start with the storm.", "When?"]
