"""DOCX reader: paragraphs, line breaks, bold labels, tables, TOC and tracked changes, zip bombs."""

from __future__ import annotations

import io
import zipfile

import pytest

import pressroom
from pressroom.errors import ReadError
from pressroom.read.docx import read_docx

from .conftest import READ_DATA


def test_briefing_docx():
    doc = pressroom.read_path(READ_DATA / "briefing.docx")
    expected = (READ_DATA / "briefing.docx.expected.txt").read_text(encoding="utf-8").rstrip("\n")
    assert doc.text == expected
    assert doc.format == "docx"
    # no table of contents, no header or footer, no deleted text
    for gone in ("Contents", "Announcements", "PRESS OFFICE", "Page 1", "Wednesday"):
        assert gone not in doc.text
    assert [(h.name, doc.text[h.start_char : h.end_char]) for h in doc.labels] == [
        ("MS. LOPEZ", "MS. LOPEZ:"),
        ("Q", "Q"),
        ("MS. LOPEZ", "MS. LOPEZ:"),
        ("Reuters", "Reuters:"),
        ("MS. LOPEZ", "MS. LOPEZ:"),
    ]
    assert doc.metadata["title"] == "Press briefing, 3 March 2023"
    assert doc.metadata["author"] == "Press Office"


def test_generator_still_makes_the_committed_file(make_docx):
    fresh = read_docx(make_docx.briefing_docx(), {})
    assert fresh.text == make_docx.EXPECTED


def test_parses_into_turns():
    record = pressroom.parse_path(READ_DATA / "briefing.docx")
    assert [t.label for t in record.turns] == ["MS. LOPEZ", "Q", "MS. LOPEZ", "Reuters", "MS. LOPEZ"]


def test_zip_bomb_is_refused_before_inflating(make_docx):
    bomb = make_docx.zip_bomb_docx((READ_DATA / "briefing.docx").read_bytes(), inflated=64 * 2**20)
    with pytest.raises(ReadError) as err:
        pressroom.read_bytes(bomb, name="bomb.docx")
    assert str(err.value) == (
        "[E001] cannot read bomb.docx: word/document.xml would inflate 1027-fold to 64 MB "
        "(a zip bomb); refusing to unpack it"
    )


def test_a_bomb_that_lies_about_its_size_stops_at_the_declared_size(make_docx):
    lying = make_docx.lying_zip_docx((READ_DATA / "briefing.docx").read_bytes())
    with pytest.raises(ReadError) as err:
        pressroom.read_bytes(lying, name="lying.docx")
    assert str(err.value) == (
        "[E001] cannot read lying.docx: the DOCX file is damaged (BadZipFile: Bad CRC-32 for file 'word/document.xml')"
    )


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    "data,message",
    [
        (_zip({"xl/workbook.xml": b"<workbook/>"}), "the ZIP file is a spreadsheet (no word/document.xml)"),
        (_zip({"notes.txt": b"hello"}), "the ZIP file is not a Word document (no word/document.xml)"),
        (b"PK\x03\x04" + b"\x00" * 100, "the file is damaged (not a readable ZIP container: File is not a zip file)"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            "a legacy Word .doc (OLE2) file is not supported; save it as .docx",
        ),
    ],
)
def test_not_a_docx(data, message):
    with pytest.raises(ReadError) as err:
        pressroom.read_bytes(data, name="x.docx")
    assert str(err.value) == f"[E001] cannot read x.docx: {message}"


def test_damaged_document_xml():
    base = zipfile.ZipFile(READ_DATA / "briefing.docx")
    members = {i.filename: base.read(i.filename) for i in base.infolist()}
    members["word/document.xml"] = b"<w:document><w:body><w:p>unclosed"
    with pytest.raises(ReadError) as err:
        pressroom.read_bytes(_zip(members), name="broken.docx")
    assert str(err.value).startswith("[E001] cannot read broken.docx: the DOCX file is damaged (XMLSyntaxError:")


def test_too_many_members(monkeypatch):
    monkeypatch.setenv("PRESSROOM_MAX_ZIP_MEMBERS", "3")
    with pytest.raises(ReadError) as err:
        pressroom.read_path(READ_DATA / "briefing.docx")
    assert "holds 19 files, over the limit of 3" in str(err.value)
