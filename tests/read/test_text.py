"""Plain text and Markdown: encodings, front matter, offsets into the original text."""
import pytest

import pressroom
from pressroom.errors import ReadError

BODY = "Press conference\n\nMS. PSAKI: Good afternoon \u2014 it\u2019s Monday.\n\nQ: Thanks, Jen. Is it caf\u00e9 time?\n"


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
    ("utf-16-le", b""),
])
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
    md = "---\ntitle: \"Press Briefing by Press Secretary Jen\\_Psaki, January 20,\\_2021\"\ndate: '2021-01-20'\n" \
         "modified_time: 2021-01-21 19:32:28-05:00\nsource_url: https://www.whitehouse.gov/briefing-room/x/\n---\n \n" \
         "James S. Brady Press Briefing Room\n\n7:06 P.M. EST\n\nMS. PSAKI:\u00a0 Good evening.\n\nQ\u00a0\u00a0\u00a0 Hi, Jen. Why now?\n"
    doc = pressroom.read_bytes(md.encode(), name="brief.md")
    assert doc.format == "markdown"
    assert doc.metadata["date"] == "2021-01-20"
    assert doc.body_start == md.index(" \nJames")
    r = pressroom.parse_document(doc)
    e = r.event
    assert e.title == "Press Briefing by Press Secretary Jen Psaki, January 20, 2021"
    assert (e.date, e.last_updated, e.kind, e.place) == ("2021-01-20", "2021-01-21T19:32", "Press briefing",
                                                       "James S. Brady Press Briefing Room")
    assert e.organisation == "The White House"
    assert r.speaker(r.turns[0].speaker).name == "Jen Psaki"


@pytest.mark.parametrize("data,message", [
    (b"", "the file is empty"),
    (b"   \n\n  ", "the file is empty"),
    (b"\x00\x01\x02\x03binary\x00\xff\x00\x10" * 50, "binary data"),
])
def test_bad_bytes(data, message):
    with pytest.raises(ReadError) as e:
        pressroom.read_bytes(data, name="bad.txt")
    assert message in str(e.value)


def test_missing_and_directory(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        pressroom.read_path(tmp_path / "nope.txt")
    with pytest.raises(ReadError, match="is a directory"):
        pressroom.read_path(tmp_path)
