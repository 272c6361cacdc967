"""Make the PDF test files for tests/read/ with a tiny PDF writer (no dependency but pypdf
for encryption). Run `python tests/data/read/make_pdfs.py` to rewrite the committed files;
the tests also call these functions to build hostile files in a temporary folder.

The transcripts are invented (no real publication is copied); their layout imitates the
Federal Reserve's FOMC press-conference PDFs (running header, "Page N of M" footer,
indented paragraphs, `NAME.` labels) and the Bank of England's (blank line between
paragraphs, bold `Name, Outlet:` labels, bare page numbers).
"""
from __future__ import annotations

import io
import textwrap
import zlib
from pathlib import Path

HERE = Path(__file__).parent

# Courier: every glyph is 600/1000 em wide, so positions are easy to compute
CHAR_W = 0.6


def _esc(b: bytes) -> bytes:
    return b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


class PdfWriter:
    """Just enough PDF: standard Courier fonts, text lines, optional compression."""

    def __init__(self) -> None:
        self.objects: list[bytes] = []

    def add(self, body: bytes) -> int:
        self.objects.append(body)
        return len(self.objects)

    def reserve(self) -> int:
        self.objects.append(b"")
        return len(self.objects)

    def set(self, num: int, body: bytes) -> None:
        self.objects[num - 1] = body

    def stream(self, data: bytes, compress: bool = True, extra: bytes = b"") -> int:
        if compress:
            data = zlib.compress(data)
            extra += b" /Filter /FlateDecode"
        return self.add(b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream")

    def build(self, root: int, info: int | None = None) -> bytes:
        out = io.BytesIO()
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(self.objects, 1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1))
        for off in offsets:
            out.write(b"%010d 00000 n \n" % off)
        trailer = b"<< /Size %d /Root %d 0 R" % (len(self.objects) + 1, root)
        if info:
            trailer += b" /Info %d 0 R" % info
        out.write(b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
        return out.getvalue()


TOUNICODE = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Test-UCS def /CMapType 2 def
1 begincodespacerange <00> <FF> endcodespacerange
2 beginbfchar <01> <FB01> <02> <019F> endbfchar
endcmap CMapName currentdict /CMap defineresource pop end end"""


def _fonts(w: PdfWriter) -> int:
    widths = b"[" + b" ".join([b"600"] * 256) + b"]"
    f1 = w.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding "
               b"/FirstChar 0 /LastChar 255 /Widths " + widths + b" >>")
    f2 = w.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold /Encoding /WinAnsiEncoding "
               b"/FirstChar 0 /LastChar 255 /Widths " + widths + b" >>")
    cmap = w.stream(TOUNICODE)
    # a font whose code 1 is the "fi" ligature and code 2 the broken "ti" glyph (Ɵ)
    f3 = w.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /FirstChar 0 /LastChar 255 "
               b"/Widths " + widths + b" /ToUnicode %d 0 R >>" % cmap)
    return w.add(b"<< /Font << /F1 %d 0 R /F2 %d 0 R /F3 %d 0 R >> >>" % (f1, f2, f3))


def write_pdf(pages: list[list[tuple]], info: dict | None = None, compress: bool = True,
              size: tuple[float, float] = (612, 792)) -> bytes:
    """`pages`: per page a list of (x, y, [(font, text), …]) lines; font is F1 (Courier),
    F2 (Courier-Bold) or F3 (Courier with ligature codes: text given as bytes)."""
    w = PdfWriter()
    resources = _fonts(w)
    pages_num = w.reserve()
    kids = []
    for lines in pages:
        ops = []
        for x, y, runs in lines:
            ops.append(b"BT %.2f %.2f Td" % (x, y))
            for font, text in runs:
                raw = text if isinstance(text, bytes) else text.encode("cp1252")
                ops.append(b"/%s 12 Tf (%s) Tj" % (font.encode(), _esc(raw)))
            ops.append(b"ET")
        content = w.stream(b"\n".join(ops), compress=compress)
        kids.append(w.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources %d 0 R /Contents %d 0 R >>"
                          % (pages_num, size[0], size[1], resources, content)))
    w.set(pages_num, b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
          + b"] /Count %d >>" % len(kids))
    root = w.add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_num)
    info_num = None
    if info:
        info_num = w.add(b"<< " + b" ".join(b"/%s (%s)" % (k.encode(), _esc(v.encode("cp1252")))
                                            for k, v in info.items()) + b" >>")
    return w.build(root, info_num)


# --------------------------------------------------------------------------- FOMC-like

FED_HEADER = "June 15, 2022  Chair Smith\u2019s Press Conference  FINAL"
FED_TITLE = ["Transcript of Chair Smith\u2019s Press Conference", "June 15, 2022"]
#: (label, text) paragraphs; a label of None continues the speaker
FED_PARAGRAPHS = [
    ("CHAIR SMITH.", "Good afternoon. My colleagues and I remain squarely focused on our goals of "
     "maximum employment and stable prices for the American people. Today the Committee raised "
     "its policy rate by \u00bd percentage point, and we expect ongoing increases to be appropriate."),
    (None, "Inflation remains well above our longer-run goal of 2 percent. Over the past year, prices "
     "rose 6.3 percent, and the Committee is strongly committed to returning inflation to its "
     "objective. We will keep at it until the job is done, and we will be guided by the data as "
     "they come in over the coming months. Thank you. I look forward to your questions."),
    ("MICHELLE BROWN.", "Anna."),
    ("ANNA LEE.", "Thank you. Anna Lee with Reuters. Do you see the risk of a recession rising, and "
     "how well-understood are the channels through which higher rates will work?"),
    ("CHAIR SMITH.", "So the channels are fairly well-understood. Higher rates cool demand for housing "
     "and durable goods, and financial conditions tighten. We are not trying to induce a recession."),
    ("MICHELLE BROWN.", "Thanks. For the last question, we will go to Mark."),
    ("MARK HALL.", "Mr. Chairman, Mark Hall with Bankrate. What is your message to households?"),
    ("CHAIR SMITH.", "Our message is that we understand the hardship high inflation is causing, and "
     "we are moving expeditiously to bring it down. Thank you very much."),
]


def _wrap(text: str, width: int, first_indent: int = 0) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=" " * first_indent, break_on_hyphens=True)


def fed_style_pdf() -> tuple[bytes, str]:
    """An FOMC-style transcript (3 pages) and the text the reader should make of it."""
    left, top, bottom, pitch, width = 72.0, 700.0, 90.0, 24.0, 64
    lines: list[tuple[float, str, str]] = []  # (x, font, text) in reading order
    expected = list(FED_TITLE)
    for label, text in FED_PARAGRAPHS:
        full = f"{label} {text}" if label else text
        expected.append(full)
        wrapped = _wrap(full, width, first_indent=5)
        if "well-understood" in full:
            # pick a width that breaks the line after "well-" (the hyphen-join rule)
            for w in range(width, width - 12, -1):
                candidate = _wrap(full, w, first_indent=5)
                if any(ln.endswith("well-") for ln in candidate):
                    wrapped = candidate
                    break
            else:
                raise AssertionError("no width breaks after 'well-'")
        for i, ln in enumerate(wrapped):
            x = left + (36 if i == 0 else 0)
            lines.append((x, "F1", ln.strip()))
    pages: list[list[tuple]] = []
    page: list[tuple] = []
    y = top
    # centred bold title lines on the first page
    for t in FED_TITLE:
        x = (612 - len(t) * 12 * CHAR_W) / 2
        page.append((x, y, [("F2", t)]))
        y -= pitch
    for x, font, text in lines:
        if y < bottom:
            pages.append(page)
            page, y = [], top
        page.append((x, y, [(font, text)]))
        y -= pitch
    pages.append(page)
    n = len(pages)
    for i, p in enumerate(pages, 1):
        p.insert(0, (72, 750, [("F1", FED_HEADER)]))
        footer = f"Page {i} of {n}"
        p.append(((612 - len(footer) * 7.2) / 2, 40, [("F1", footer)]))
    data = write_pdf(pages, info={"Title": "Transcript of Chair Smith's Press Conference -- June 15, 2022",
                                  "Author": "Test Reserve"})
    return data, "\n\n".join(expected)


# --------------------------------------------------------------------------- BoE-like

BOE_TITLE = "MONETARY POLICY PRESS CONFERENCE"
BOE_PARAGRAPHS = [
    ("Ed Stone, Sky News:", "Governor, what would you say to people who think the Bank has been too "
     "slow? You said the shock would fade, and it has not."),
    ("Andrew Baker:", "Well, I think you are right to ask, Ed. The shocks have been much larger than "
     "anyone expected, and we set out why in the report. The test of the regime is how we return "
     "inflation to target, and that is what we are doing from meeting to meeting."),
    ("Sara Chen, The Telegraph:", "Is the Bank still too gloomy about growth?"),
    ("Ben Brook:", "No. The forecasts are conditional, and the conditions have changed: energy prices "
     "have fallen a long way since the autumn, and that is why growth is stronger now."),
]


def boe_style_pdf() -> tuple[bytes, str]:
    """A BoE-style transcript (2 pages, page numbers, bold labels, a ligature font)."""
    left, top, pitch, width = 72.0, 740.0, 14.0, 64
    pages: list[list[tuple]] = []
    page: list[tuple] = [(left, top, [("F2", BOE_TITLE)])]
    y = top - 2 * pitch
    expected = [BOE_TITLE]
    for k, (label, text) in enumerate(BOE_PARAGRAPHS):
        full = f"{label} {text}"
        expected.append(full)
        wrapped = _wrap(full, width)
        for i, ln in enumerate(wrapped):
            if i == 0:
                runs = [("F2", label), ("F1", ln[len(label):])]
            else:
                runs = [("F1", ln)]
            page.append((left, y, runs))
            y -= pitch
        if k == 1:  # end the page right after a paragraph: the next one opens page 2
            pages.append(page)
            page, y = [], top
        else:
            y -= pitch
    # the ligature line: "office" with an fi ligature glyph, "negotiation" with a broken ti glyph
    page.append((left, y, [("F3", b"The of\x01ce is in nego\x02ation.")]))
    expected.append("The office is in negotiation.")
    pages.append(page)
    for i, p in enumerate(pages, 1):
        p.append((300, 30, [("F1", str(i))]))
    return write_pdf(pages), "\n\n".join(expected)


# --------------------------------------------------------------------------- hostile


def blank_pages_pdf(n: int = 5000) -> bytes:
    """`n` blank pages sharing one empty content stream."""
    w = PdfWriter()
    pages_num = w.reserve()
    content = w.stream(b"", compress=False)
    kids = [w.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R >>" % (pages_num, content))
            for _ in range(n)]
    w.set(pages_num, b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % n)
    return w.build(w.add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_num))


def image_only_pdf() -> bytes:
    """Two pages that only draw shapes: no text layer (like a scan)."""
    w = PdfWriter()
    pages_num = w.reserve()
    content = w.stream(b"0.5 g 72 72 468 648 re f 0 G 72 720 m 540 720 l S")
    kids = [w.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R >>" % (pages_num, content))
            for _ in range(2)]
    w.set(pages_num, b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count 2 >>")
    return w.build(w.add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_num))


def stream_bomb_pdf(inflated: int = 80 * 2**20) -> bytes:
    """One page whose content stream inflates to `inflated` bytes of spaces (~1000:1)."""
    comp = zlib.compressobj(9)
    chunk = b" " * 2**20
    parts = [comp.compress(chunk) for _ in range(inflated // len(chunk))]
    parts.append(comp.flush())
    data = b"".join(parts)
    w = PdfWriter()
    pages_num = w.reserve()
    content = w.add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
    kid = w.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R >>" % (pages_num, content))
    w.set(pages_num, b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % kid)
    return w.build(w.add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_num))


def encrypted_pdf(source: bytes, user_password: str = "secret") -> bytes:
    """`source` encrypted with pypdf (AES-128); an empty `user_password` leaves it openable."""
    from pypdf import PdfReader
    from pypdf import PdfWriter as PyPdfWriter

    w = PyPdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    w.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def truncated_pdf(source: bytes, keep: float = 0.6) -> bytes:
    return source[: int(len(source) * keep)]


def damaged_pdf() -> bytes:
    return b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\ntrailer << /Root 99 0 R >>\nstartxref\n123456\n%%EOF\n"


def main() -> None:
    fed, fed_text = fed_style_pdf()
    (HERE / "fed-style.pdf").write_bytes(fed)
    (HERE / "fed-style.expected.txt").write_text(fed_text + "\n", encoding="utf-8")
    boe, boe_text = boe_style_pdf()
    (HERE / "boe-style.pdf").write_bytes(boe)
    (HERE / "boe-style.expected.txt").write_text(boe_text + "\n", encoding="utf-8")
    print("wrote fed-style.pdf, boe-style.pdf and their expected texts")


if __name__ == "__main__":
    main()
