"""Make the DOCX test files for tests/read/ with python-docx. Run
`python tests/data/read/make_docx.py` to rewrite the committed `briefing.docx` and
`zip-bomb.docx` (its document.xml inflates 1000-fold to 200 MB); the tests also call these
functions to build other hostile files in a temporary folder.

The briefing is invented; it has what Word transcripts from press offices have: a title,
a table of contents, bold speaker labels, line breaks, a table, tracked changes.
"""
from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

HERE = Path(__file__).parent

EXPECTED = """Press Briefing by Spokesperson Maria Lopez

Brussels, 3 March 2023

MS. LOPEZ: Good afternoon. Two announcements before your questions.
First, the ministers meet on Thursday.

Second, the report comes out on Friday.

Q Thank you. Will the ministers discuss the sanctions package?

MS. LOPEZ: Yes, they will discuss it on Thursday.

Reuters: A follow-up on the package: when will it take effect?

MS. LOPEZ: As soon as it is adopted. Thank you all."""


def briefing_docx() -> bytes:
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d = docx.Document()
    d.core_properties.title = "Press briefing, 3 March 2023"
    d.core_properties.author = "Press Office"
    d.add_paragraph("Press Briefing by Spokesperson Maria Lopez", style="Title")
    # a table of contents: a heading in the TOC style and entries in "toc 1" with PAGEREF fields
    d.add_paragraph("Contents", style="TOC Heading")
    toc1 = d.styles.add_style("toc 1", 1)
    toc1.font.size = Pt(10)
    for entry, page in (("Announcements", 1), ("Questions", 2)):
        p = d.add_paragraph(style=toc1)
        p.add_run(f"{entry}\t")
        run = p.add_run()
        fld = run._r.makeelement(qn("w:instrText"), {})
        fld.text = " PAGEREF _Toc1 \\h "
        run._r.append(fld)
        p.add_run(str(page))
    d.add_paragraph("Brussels, 3 March 2023")
    d.add_paragraph("")  # empty paragraphs are spacing
    p = d.add_paragraph()
    p.add_run("MS. LOPEZ:").bold = True
    p.add_run("  Good afternoon.  Two announcements before your questions.")
    p.add_run().add_break()
    p.add_run("First, the ministers meet on Thursday.")
    p = d.add_paragraph("Second, the report comes out on ")
    # a tracked change: "Wednesday" deleted, "Friday" inserted
    deleted = p.add_run("Wednesday")
    w_del = deleted._r.makeelement(qn("w:del"), {qn("w:id"): "1", qn("w:author"): "editor"})
    t = deleted._r.find(qn("w:t"))
    t.tag = qn("w:delText")
    deleted._r.addprevious(w_del)
    w_del.append(deleted._r)
    inserted = p.add_run("Friday")
    w_ins = inserted._r.makeelement(qn("w:ins"), {qn("w:id"): "2", qn("w:author"): "editor"})
    inserted._r.addprevious(w_ins)
    w_ins.append(inserted._r)
    p.add_run(".")
    d.add_paragraph("")
    p = d.add_paragraph()
    p.add_run("Q").bold = True
    p.add_run("\u00a0\u00a0\u00a0Thank you.\tWill the ministers discuss the sanctions package?")
    p = d.add_paragraph()
    p.add_run("MS. LOPEZ:").bold = True
    p.add_run(" Yes, they will discuss it on Thursday.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("Reuters:").bold = True
    table.cell(0, 1).text = "A follow-up on the package: when will it take effect?"
    p = d.add_paragraph()
    p.add_run("MS. LOPEZ:").bold = True
    p.add_run(" As soon as it is adopted. Thank you all.")
    section = d.sections[0]
    section.header.paragraphs[0].text = "PRESS OFFICE - NOT FOR DISTRIBUTION"
    section.footer.paragraphs[0].text = "Page 1"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _with_member(docx_bytes: bytes, name: str, write) -> bytes:
    """Copy a DOCX, replacing one member (deflated) by what `write(fileobj)` writes."""
    src = zipfile.ZipFile(io.BytesIO(docx_bytes))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename == name:
                member = zipfile.ZipInfo(name)
                member.compress_type = zipfile.ZIP_DEFLATED
                with out.open(member, "w", force_zip64=True) as fh:
                    write(fh)
            else:
                out.writestr(info, src.read(info.filename))
    return buf.getvalue()


def zip_bomb_docx(base: bytes, inflated: int = 200 * 2**20) -> bytes:
    """A DOCX whose word/document.xml inflates to `inflated` bytes (about 1000:1)."""
    def write(fh):
        fh.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                 b'wordprocessingml/2006/main"><w:body>')
        chunk = b" " * 2**20
        for _ in range(inflated // len(chunk)):
            fh.write(chunk)
        fh.write(b"</w:body></w:document>")

    return _with_member(base, "word/document.xml", write)


def lying_zip_docx(base: bytes, real: int = 8 * 2**20, declared: int = 4096) -> bytes:
    """A DOCX whose document.xml declares `declared` bytes in the central directory but
    inflates to `real` bytes: a bomb that lies about its size."""
    raw = bytearray(_with_member(base, "word/document.xml", lambda fh: fh.write(b"<" + b" " * real)))
    pos = 0
    while (pos := raw.find(b"PK\x01\x02", pos)) >= 0:
        n, m = struct.unpack_from("<HH", raw, pos + 28)
        if raw[pos + 46:pos + 46 + n] == b"word/document.xml":
            if struct.unpack_from("<I", raw, pos + 24)[0] != 0xFFFFFFFF:
                struct.pack_into("<I", raw, pos + 24, declared)
            else:  # zip64: the sizes live in the extra field (tag 1: uncompressed size first)
                extra, end = pos + 46 + n, pos + 46 + n + m
                while extra < end:
                    tag, length = struct.unpack_from("<HH", raw, extra)
                    if tag == 1:
                        struct.pack_into("<Q", raw, extra + 4, declared)
                        break
                    extra += 4 + length
        pos += 4
    return bytes(raw)


def main() -> None:
    base = briefing_docx()
    (HERE / "briefing.docx").write_bytes(base)
    (HERE / "zip-bomb.docx").write_bytes(zip_bomb_docx(base))
    (HERE / "briefing.docx.expected.txt").write_text(EXPECTED + "\n", encoding="utf-8")
    print("wrote briefing.docx, its expected text and zip-bomb.docx (200 MB inflated)")


if __name__ == "__main__":
    main()
