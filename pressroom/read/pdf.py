"""PDF reader: a transcript's text layer → `Document`.

Checks first, with pypdf and without extracting anything: the file must be whole (an
end-of-file marker near its end), openable (not damaged), not password-protected (an
empty user password is tried, as every viewer does), within the page limit (the declared
`/Count` is checked before the page tree is walked), and free of decompression bombs
(`limits.check_pdf_streams`). Then pdfminer.six interprets each page without its layout
analysis and its glyphs are grouped into lines as pdfplumber groups them (tops within 3 pt;
a gap over 3 pt is a space; a superscript joins its line), and the layout decides the rest:

* page headers and footers are dropped: lines at the top or bottom of a page whose text
  (digits ignored) repeats on at least half of the pages (deeper into a letterhead of up to six
  lines at the top: at the same place on half the pages and three at least), and page numbers
  ("Page 2 of 27", "- 3 -", "4");
* paragraphs: a new one starts after extra vertical space, at an indented first line, or
  after a short line that ends a sentence; other short lines (a title, a name alone on
  its line) are kept as line breaks inside their paragraph; paragraphs run on across
  pages unless the layout says otherwise;
* lines wrapped inside a paragraph are joined with a space; a word broken after a hyphen
  at the line end is joined without one and keeps its hyphen ("well-" + "understood");
  a soft hyphen (U+00AD) there is removed;
* ligature glyphs are repaired: ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ, the "ti" ligature that broken font maps
  show as `Ɵ` or `(cid:415)`; other unmapped `(cid:N)` glyphs are removed and counted in
  `Document.source["unmapped_glyphs"]`;
* a speaker table is read row by row: where a page's left column holds short cells (a
  speaker's name and, on a second line, a firm in brackets: 1–3 lines of at most 8 words,
  starting with a letter) and a gutter (a band without glyphs, a font size wide or more)
  separates them from a right column whose lines all start at one x, each row becomes its
  left cell on a line of its own ("Anke Reingen (RBC)") followed by the right column's
  text top to bottom, joined by the rules above; a run of rows counts when it has two
  labelled rows, or one and four lines of speech; a left column whose text runs over 3
  lines (a newspaper's column), bullets or numbers make no speaker table, and other pages
  read line by line across the page;
* a bold label at the start of a paragraph (`Andrew Bailey:` in bold) becomes a `LabelHint`.

`Document.source["page_offsets"]` holds the character offset where each page's text starts.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from dataclasses import dataclass

from ..document import Document, LabelHint
from ..errors import WARNINGS, ReadError
from ..record import RecordWarning
from .limits import Budget, check_pdf_streams, limit, time_limit

# --------------------------------------------------------------------------- text repair

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
#: glyph ids that broken font maps leave as "(cid:N)": Calibri's "ti" ligature
CID_GLYPHS = {"415": "ti"}
_CID = re.compile(r"\(cid:(\d+)\)")
_LIG_TI = re.compile(r"(?<=[a-z])\u019f|\u019f(?=[a-z])")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u2009\u200a]+")


def repair_text(s: str) -> tuple[str, int]:
    """Repair ligatures and broken glyphs in one line; returns (text, unmapped glyph count)."""
    unmapped = 0
    if "(cid:" in s:

        def cid(m: re.Match) -> str:
            nonlocal unmapped
            if m.group(1) in CID_GLYPHS:
                return CID_GLYPHS[m.group(1)]
            unmapped += 1
            return ""

        s = _CID.sub(cid, s)
    if "\u019f" in s:
        s = _LIG_TI.sub("ti", s)
    for lig, rep in LIGATURES.items():
        if lig in s:
            s = s.replace(lig, rep)
    s = _SPACES.sub(" ", s).strip(" ")
    return s, unmapped


# --------------------------------------------------------------------------- checks


def _who(source: dict) -> str:
    return source.get("path") or "input"


def check_pdf(data: bytes, source: dict, budget: Budget | None = None) -> tuple[int, bytes, bool, dict]:
    """Structural checks before extraction → (page count, bytes to extract from, encrypted?, info).

    A file encrypted with an empty user password (owner restrictions only) is decrypted
    here with pypdf, so pdfminer reads plain streams (its own RC4/AES is pure Python)."""
    who = _who(source)
    if b"%PDF-" not in data[:1024]:
        raise ReadError(f"cannot read {who}: not a PDF file (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise ReadError(
            f"cannot read {who}: the PDF is truncated (no end-of-file marker); "
            "it may have been cut off while downloading"
        )
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    max_pages = limit("PRESSROOM_MAX_PDF_PAGES")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
        if encrypted:
            try:
                ok = reader.decrypt("")
            except (PyPdfError, NotImplementedError, ValueError, KeyError) as exc:
                raise ReadError(f"cannot read {who}: the PDF is encrypted and cannot be opened ({exc})") from exc
            if not ok:
                raise ReadError(f"cannot read {who}: the PDF is encrypted (password-protected)")
        n_pages = _declared_pages(reader)
        if n_pages <= max_pages:  # walk the page tree only when its declared size is allowed
            n_pages = len(reader.pages)
        if n_pages > max_pages:
            raise ReadError(
                f"cannot read {who}: the PDF has {n_pages} pages, over the limit of {max_pages} "
                "(PRESSROOM_MAX_PDF_PAGES)"
            )
        if n_pages == 0:
            raise ReadError(f"cannot read {who}: the PDF has no pages")
        info = _info(reader)
        if encrypted:
            try:
                buf = io.BytesIO()
                PdfWriter(clone_from=reader).write(buf)
                data = buf.getvalue()
            except Exception:  # keep the encrypted bytes; pdfminer opens them with ""
                if budget is not None:
                    budget.check()
    except ReadError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        if budget is not None:
            budget.check()
        raise ReadError(
            f"cannot read {who}: the PDF is damaged ({type(exc).__name__}: {' '.join(str(exc).split())[:120]})"
        ) from exc
    return n_pages, data, encrypted, info


def _info(reader) -> dict:
    """Title, author, subject, created, modified from the document information dictionary."""
    info = {}
    try:
        meta = reader.metadata or {}
        for key, out in (
            ("/Title", "title"),
            ("/Author", "author"),
            ("/Subject", "subject"),
            ("/CreationDate", "created"),
            ("/ModDate", "modified"),
        ):
            val = meta.get(key)
            if val:
                info[out] = _pdf_date(str(val)) if out in ("created", "modified") else " ".join(str(val).split())
    except Exception:  # metadata is a hint only
        return {}
    return {k: v for k, v in info.items() if v}


def _declared_pages(reader) -> int:
    """The page count the page tree's root declares (`/Count`): read in constant time, so a
    file with thousands of pages is refused before its page tree is walked."""
    try:
        count = reader.trailer["/Root"]["/Pages"]["/Count"]
        return max(int(count), 0)
    except Exception:  # no usable /Count: let pypdf count the pages
        return 0


def _pdf_date(value: str) -> str | None:
    m = re.match(r"D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?", value)
    if not m:
        return None
    y, mo, d, hh, mm, ss = m.groups()
    out = f"{y}-{mo or '01'}-{d or '01'}"
    if hh:
        out += f"T{hh}:{mm or '00'}:{ss or '00'}"
    return out


# --------------------------------------------------------------------------- layout


@dataclass
class PdfLine:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold_end: int  # length of the bold run at the start of `text` (0: none)
    page: int
    #: in a speaker table: "label" (a left cell) or "cell" (a line of the right column)
    role: str = ""
    #: how the line follows the one before when the layout fixed it ("para", "line", "wrap")
    join: str = ""
    #: the line's court-reporter line number was taken out: it is a line of its own, never a wrap
    numbered: bool = False


_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.I)
#: characters closer than this (points) are one word; farther apart get a space (as pdfplumber)
X_TOLERANCE = 3.0
#: characters whose tops differ by at most this (points) share a line (as pdfplumber)
Y_TOLERANCE = 3.0


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


def _page_chars(layout, height: float, out: list[_Char]) -> None:
    """Collect upright glyphs from a pdfminer layout tree (figures included)."""
    from pdfminer.layout import LTChar, LTContainer

    stack = [layout]
    while stack:
        obj = stack.pop()
        for item in obj:
            if isinstance(item, LTChar):
                if not item.upright:
                    continue  # rotated text: watermarks, margin notes
                text = item.get_text()
                if not text:
                    continue
                out.append(
                    _Char(
                        text,
                        item.x0,
                        item.x1,
                        height - item.y1,
                        height - item.y0,
                        item.size,
                        bool(_BOLD_FONT.search(item.fontname or "")),
                    )
                )
            elif isinstance(item, LTContainer):
                stack.append(item)


def _lines_from_chars(chars: list[_Char], page: int) -> tuple[list[PdfLine], int]:
    """Group glyphs into text lines: cluster by top, order by x, a space at each gap; a
    speaker table's rows are read cell by cell (`_speaker_table`).

    Returns the lines and how many unmapped glyphs (`(cid:N)`) were dropped."""
    if not chars:
        return [], 0
    clusters = _clusters(chars)
    for group in clusters:
        group.sort(key=lambda c: c.x0)
    gutter = _gutter(clusters)
    if gutter is not None:
        clusters = _by_column(clusters, gutter)
    pieces = _speaker_table(clusters) or [([group], "") for group in clusters]
    lines: list[PdfLine] = []
    unmapped = 0
    for groups, role in pieces:
        made = [_make_line(g, page) for g in groups]
        unmapped += sum(bad for _, bad in made)
        parts = [ln for ln, _ in made if ln is not None]
        if parts:
            lines.append(_merge_cell(parts, role))
    _table_joins(lines)
    return lines, unmapped


#: a page of text in two columns: this many lines at least hold text on both sides of the gutter
MIN_COLUMN_LINES = 8
#: the gutter is at least this many points wide, and within the middle of the text's width
MIN_GUTTER = 8.0
GUTTER_REGION = (0.3, 0.7)
#: each column's lines are, in the median, at least this share of the text's width
MIN_COLUMN_SHARE = 0.3


def _gutter(clusters: list[list[_Char]]) -> float | None:
    """The x of the gutter of a page set in two columns of text, else None: a band of
    `MIN_GUTTER` points or more in the middle of the text's width where no line has ink, while
    `MIN_COLUMN_LINES` lines or more (half the page's at least) have ink on both sides of it and
    both columns' lines are long (not a speaker table's short names beside the speech)."""
    inked = [[c for c in g if not c.text.isspace()] for g in clusters]
    inked = [g for g in inked if g]
    if len(inked) < MIN_COLUMN_LINES:
        return None
    lo, hi = min(g[0].x0 for g in inked), max(max(c.x1 for c in g) for g in inked)
    width = hi - lo
    if width <= 0:
        return None
    a, b = int(lo + GUTTER_REGION[0] * width), int(lo + GUTTER_REGION[1] * width)
    covered = bytearray(b - a + 1)
    for g in inked:
        for c in g:
            for x in range(max(a, int(c.x0)), min(b, int(c.x1)) + 1):
                covered[x - a] = 1
    best, run_start = None, None
    for k in range(len(covered) + 1):
        if k < len(covered) and not covered[k]:
            run_start = k if run_start is None else run_start
        elif run_start is not None:
            if k - run_start >= MIN_GUTTER and (best is None or k - run_start > best[1] - best[0]):
                best = (run_start, k)
            run_start = None
    if best is None:
        return None
    gutter = a + (best[0] + best[1]) / 2
    both = [g for g in inked if g[0].x0 < gutter < g[-1].x1]
    if len(both) < max(MIN_COLUMN_LINES, len(inked) // 2):
        return None
    lefts = sorted(max(c.x1 for c in g if c.x1 <= gutter) - g[0].x0 for g in both)
    rights = sorted(g[-1].x1 - min(c.x0 for c in g if c.x0 >= gutter) for g in both)
    share = MIN_COLUMN_SHARE * width
    return gutter if lefts[len(lefts) // 2] >= share and rights[len(rights) // 2] >= share else None


def _by_column(clusters: list[list[_Char]], gutter: float) -> list[list[_Char]]:
    """A two-column page's lines in reading order: what stands above the first line of both
    columns (a page's header) and below the last (its footer) where it is, between them the left
    column's lines, then the right's; a line across the gutter (a heading over both) stays whole,
    with the left column's."""
    tops = [g[0].top for g in clusters if g[0].x0 < gutter < g[-1].x1 and any(not c.text.isspace() for c in g)]
    first, last = min(tops), max(tops)
    head = [g for g in clusters if g[0].top < first]
    foot = [g for g in clusters if g[0].top > last]
    left: list[list[_Char]] = []
    right: list[list[_Char]] = []
    for g in clusters:
        if g[0].top < first or g[0].top > last:
            continue
        l_part = [c for c in g if c.x1 <= gutter]
        r_part = [c for c in g if c.x0 >= gutter]
        if len(l_part) + len(r_part) < len(g):
            left.append(g)  # a glyph lies across the gutter: one line
            continue
        if any(not c.text.isspace() for c in l_part):
            left.append(l_part)
        if any(not c.text.isspace() for c in r_part):
            right.append(r_part)
    if left and right:  # the right column's margin is the page's: its lines wrap and indent as the left's do
        shift = min(g[0].x0 for g in right) - min(g[0].x0 for g in left)
        right = [[_Char(c.text, c.x0 - shift, c.x1 - shift, c.top, c.bottom, c.size, c.bold) for c in g] for g in right]
    return head + left + right + foot


def _clusters(chars: list[_Char]) -> list[list[_Char]]:
    """Glyphs → visual lines (pdfplumber's grouping: tops within the tolerance)."""
    chars.sort(key=lambda c: c.top)
    clusters: list[list[_Char]] = []
    anchor = bottom = None
    for c in chars:
        # same line: top within the tolerance, or clearly overlapping the line so far
        # (a superscript footnote mark sits a few points above the words it follows)
        if anchor is None or (c.top - anchor > Y_TOLERANCE and c.top > bottom - 2 * Y_TOLERANCE / 3):
            clusters.append([c])
            anchor, bottom = c.top, c.bottom
        else:
            clusters[-1].append(c)
            bottom = max(bottom, c.bottom)
    return clusters


def _make_line(group: list[_Char], page: int) -> tuple[PdfLine | None, int]:
    """One line's glyphs (sorted by x) → (line or None when blank, unmapped glyph count)."""
    pieces: list[str] = []
    bold_flags: list[bool] = []
    prev = None
    for c in group:
        if prev is not None:
            if c.text == prev.text and abs(c.x0 - prev.x0) < 1 and abs(c.top - prev.top) < 1:
                continue  # the same glyph printed twice (fake bold)
            if c.x0 > prev.x1 + X_TOLERANCE and not c.text.isspace() and not prev.text.isspace():
                pieces.append(" ")
                bold_flags.append(prev.bold and c.bold)
        pieces.append(c.text)
        bold_flags.extend([c.bold] * len(c.text))
        prev = c
    raw = "".join(pieces)
    text, bad = repair_text(raw)
    if not text:
        return None, bad
    bold_end = 0
    if bold_flags and bold_flags[0]:
        k = next((i for i, b in enumerate(bold_flags) if not b), len(bold_flags))
        bold_end = _bold_prefix(text, [{"text": ch, "fontname": "Bold"} for ch in raw[:k]])
    sizes = sorted(c.size for c in group)
    line = PdfLine(
        text,
        group[0].x0,
        max(c.x1 for c in group),
        min(c.top for c in group),
        max(c.bottom for c in group),
        sizes[len(sizes) // 2],
        bold_end,
        page,
    )
    return line, bad


# --------------------------------------------------------------------------- speaker tables

#: a speaker column's gutter is at least this many font sizes wide
GUTTER_EMS = 1.0
#: the right column's lines start within this many points of one another
COLUMN_TOL = 3.0
#: a left cell holds at most this many lines (a name, a bracketed firm, a wrapped firm)
MAX_CELL_LINES = 3
#: and each of its lines at most this many words
MAX_CELL_WORDS = 8
_CELL_START = re.compile(r"^[(\[]?[^\W\d_]")


def _ink(group: list[_Char]) -> list[_Char]:
    return [c for c in group if not c.text.isspace()]


def _column_starts(clusters: list[list[_Char]]) -> list[float]:
    """Where a right column may start: x of a glyph after a gap of a font size or more,
    most frequent first."""
    counts: dict[int, int] = {}
    for group in clusters:
        ink = _ink(group)
        for a, b in zip(ink, ink[1:]):
            if b.x0 - a.x1 >= GUTTER_EMS * max(a.size, 1.0):
                counts[round(b.x0)] = counts.get(round(b.x0), 0) + 1
    return [float(x) for x, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _split_row(group: list[_Char], col: float) -> tuple[list[_Char], list[_Char]] | None:
    """A line's glyphs → (left cell, right column) at the column start `col`, or None when
    the line does not fit the table (a glyph in the gutter, the right part starting elsewhere)."""
    left = [c for c in group if c.x0 < col - COLUMN_TOL]
    right = [c for c in group if c.x0 >= col - COLUMN_TOL]
    ink_left, ink_right = _ink(left), _ink(right)
    if ink_right and abs(ink_right[0].x0 - col) > COLUMN_TOL:
        return None
    if ink_left and max(c.x1 for c in ink_left) > col - GUTTER_EMS * ink_left[-1].size:
        return None
    return (left if ink_left else []), (right if ink_right else [])


def _cell_like(cell: list[list[_Char]]) -> bool:
    """A left cell reads as a speaker's label: a name (and a firm), not a bullet or a number;
    a line under the name that ends a sentence is the end of a hanging paragraph, not a firm."""
    for i, part in enumerate(cell):
        text = "".join(c.text for c in part).strip()
        if (i == 0 and not _CELL_START.match(text)) or len(text.split()) > MAX_CELL_WORDS:
            return False
        if i and text.endswith((".", "?", "!", "…")):
            return False
    letters = sum(ch.isalpha() for part in cell for c in part for ch in c.text)
    return letters >= 2


@dataclass
class _Row:
    """A table row: its left cell's lines, its right column's lines, the page lines it spans."""

    left: list[list[_Char]]
    right: list[list[_Char]]
    lines: list[int]


def _pitch(clusters: list[list[_Char]]) -> float:
    gaps = [b[0].top - a[0].top for a, b in zip(clusters, clusters[1:]) if b[0].top > a[0].top]
    return statistics.median(gaps) if gaps else 14.0


def _table_rows(clusters: list[list[_Char]], col: float) -> list | None:
    """The page's lines at column start `col` → a list of `_Row`s and plain lines (their
    index); None when a left text runs over MAX_CELL_LINES lines (a newspaper column)."""
    out: list = []
    near = _pitch(clusters) * 1.4 + 1
    open_cell = False
    for i, group in enumerate(clusters):
        split = _split_row(group, col)
        row = out[-1] if out and isinstance(out[-1], _Row) else None
        goes_on = open_cell and group[0].top - clusters[i - 1][0].top <= near
        if split is None or (split[0] and not split[1] and not goes_on):
            out.append(i)  # not a table line, or a left text that starts no row (a heading)
            open_cell = False
            continue
        left, right = split
        if left and goes_on:
            if len(row.left) >= MAX_CELL_LINES:
                return None
            row.left.append(left)
        elif left or row is None:
            row = _Row([left] if left else [], [], [])
            out.append(row)
        row.lines.append(i)
        if right:
            row.right.append(right)
        open_cell = bool(left)
    return out


def _valid_run(rows: list[_Row]) -> bool:
    """Rows are a speaker table: labels in the left cells, and several labelled rows or
    one with several lines of speech."""
    cells = [row.left for row in rows if row.left]
    right_lines = sum(len(row.right) for row in rows)
    return bool(cells) and all(_cell_like(c) for c in cells) and (len(cells) >= 2 or right_lines >= 4)


def _speaker_table(clusters: list[list[_Char]]) -> list[tuple[list[list[_Char]], str]] | None:
    """A page whose left column holds speakers' names (1–3 short lines a row) and whose right
    column, past a gutter, holds their speech → its pieces in reading order: each row's left
    cell as one line (role "label") then its right column's lines (role "cell"); other lines
    as they are (role ""). None when the page holds no such table."""
    for col in _column_starts(clusters)[:3]:
        rows = _table_rows(clusters, col)
        pieces = _table_pieces(clusters, rows) if rows is not None else None
        if pieces is not None:
            return pieces
    return None


def _table_pieces(clusters: list[list[_Char]], entries: list) -> list[tuple[list[list[_Char]], str]] | None:
    """Table rows and plain lines → pieces; None when no run of rows is a speaker table."""
    runs: list = []
    for entry in entries:
        if isinstance(entry, _Row) and runs and isinstance(runs[-1], list):
            runs[-1].append(entry)
        else:
            runs.append([entry] if isinstance(entry, _Row) else entry)
    pieces: list[tuple[list[list[_Char]], str]] = []
    found = False
    for run in runs:
        if isinstance(run, int):
            pieces.append(([clusters[run]], ""))
        elif _valid_run(run):
            found = True
            for row in run:
                if row.left:
                    pieces.append((row.left, "label"))
                pieces.extend(([part], "cell") for part in row.right)
        else:
            pieces.extend(([clusters[i]], "") for row in run for i in row.lines)
    return pieces if found else None


def _merge_cell(parts: list[PdfLine], role: str) -> PdfLine:
    """A left cell's lines → one line ("Anke Reingen" + "(RBC)" → "Anke Reingen (RBC)")."""
    first = parts[0]
    first.role = role
    for part in parts[1:]:
        if first.bold_end == len(first.text) and part.bold_end:
            first.bold_end += 1 + part.bold_end
        first.text += " " + part.text
        first.x0, first.x1 = min(first.x0, part.x0), max(first.x1, part.x1)
        first.bottom = max(first.bottom, part.bottom)
    return first


def _table_joins(lines: list[PdfLine]) -> None:
    """Fix how a speaker table's lines follow one another: a label starts a paragraph, its
    speech starts on the next line, and the speech's lines join by the column's own layout."""
    cells = [ln for ln in lines if ln.role == "cell"]
    if not cells:
        return
    rights = sorted(ln.x1 for ln in cells)
    gaps = [b.top - a.top for a, b in zip(lines, lines[1:]) if a.role == b.role == "cell" and b.top > a.top]
    geo = _Geometry(
        min(ln.x0 for ln in cells), rights[int(0.9 * (len(rights) - 1))], statistics.median(gaps) if gaps else 14.0
    )
    for prev, cur in zip(lines, lines[1:]):
        if cur.role == "label":
            cur.join = "para"
        elif cur.role == "cell" and prev.role == "label":
            cur.join = "line"
        elif cur.role == "cell" and prev.role == "cell":
            cur.join = _join_kind(prev, cur, geo, True)
    if lines[0].role == "label":
        lines[0].join = "para"


def _bold_prefix(text: str, chars: list[dict]) -> int:
    """How many characters of `text` (spaces included) the leading bold glyphs cover."""
    k = 0
    for c in chars:
        if c["text"].isspace():
            continue
        if _BOLD_FONT.search(c.get("fontname") or ""):
            k += len(c["text"])
        else:
            break
    if k == 0:
        return 0
    seen = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            seen += 1
            if seen >= k:
                return i + 1
    return len(text)


def extract_lines(data: bytes, source: dict, password: str | None, budget: Budget) -> tuple[list[list[PdfLine]], int]:
    """Text lines of every page (pdfminer glyphs, grouped as pdfplumber does) → (pages, unmapped glyphs)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    who = _who(source)
    max_chars = limit("PRESSROOM_MAX_PAGE_CHARS")
    pages: list[list[PdfLine]] = []
    unmapped = 0
    blank_run = 0
    try:
        manager = PDFResourceManager(caching=True)
        device = PDFPageAggregator(manager, laparams=None)
        interpreter = PDFPageInterpreter(manager, device)
        for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data), password=password or ""), 1):
            budget.check()
            interpreter.process_page(page)
            layout = device.get_result()
            chars: list[_Char] = []
            _page_chars(layout, layout.height if layout.height else 792.0, chars)
            if len(chars) > max_chars:
                raise ReadError(
                    f"cannot read {who}: page {number} holds {len(chars)} characters, over the limit of {max_chars}"
                )
            lines, bad = _lines_from_chars(chars, number)
            unmapped += bad
            pages.append(lines)
            blank_run = 0 if lines else blank_run + 1
            if blank_run >= 50 and not any(pages):
                raise ReadError(
                    f"cannot read {who}: the first {blank_run} pages hold no text (a scanned or image-only PDF needs OCR first)"
                )
    except ReadError:
        raise
    except PDFPasswordIncorrect:
        raise ReadError(f"cannot read {who}: the PDF is encrypted (password-protected)")
    except (MemoryError, RecursionError) as exc:
        budget.check()
        raise ReadError(f"cannot read {who}: the PDF is too complex to read ({type(exc).__name__})")
    except Exception as exc:
        budget.check()
        raise ReadError(
            f"cannot read {who}: the PDF is damaged ({type(exc).__name__}: {' '.join(str(exc).split())[:120]})"
        )
    return pages, unmapped


#: possessive spaces: a line of a digit and 20,000 spaces is refused at once, not in quadratic time
_PAGE_NUMBER = re.compile(r"^(?:page\s++)?[-–—(\[]?\s*+\d{1,4}\s*+[-–—)\]]?(?:\s*+(?:of|/)\s*+\d{1,4})?$", re.I)
_DIGITS = re.compile(r"\d+")


#: a court reporter's line number opening a line ("3 CHIEF JUSTICE ROBERTS: We'll hear")
_LINE_NUMBER = re.compile(r"(\d{1,2})(?: +|$)")


def drop_line_numbers(pages: list[list[PdfLine]]) -> bool:
    """A court reporter's transcript numbers the lines of each page (1 to 25, 28 at most) at the
    left margin: where most lines of the document open with such a number, take the numbers out
    (a line that is only its number goes) and keep each numbered line a line of its own. Returns
    whether it did."""
    lines = [ln for p in pages for ln in p]
    hits = [m for ln in lines if (m := _LINE_NUMBER.match(ln.text)) and 1 <= int(m.group(1)) <= 28]
    if len(lines) < 20 or len(hits) < 0.6 * len(lines):
        return False
    for page in pages:
        kept = []
        for ln in page:
            m = _LINE_NUMBER.match(ln.text)
            if m and 1 <= int(m.group(1)) <= 28:
                cut = m.end()
                ln.text, ln.bold_end, ln.numbered = ln.text[cut:], max(0, ln.bold_end - cut), True
            if ln.text.strip():
                kept.append(ln)
        page[:] = kept
        _align_numbered(page)
    return True


def _align_numbered(page: list[PdfLine]) -> None:
    """The numbered lines of a page start where its first number does: a number of one digit sits
    a figure right of one of two ("1" under "10", right-aligned), which would read as an indent."""
    numbered = [ln for ln in page if ln.numbered]
    if numbered:
        left = min(ln.x0 for ln in numbered)
        for ln in numbered:
            ln.x0 = left


def _signature(text: str) -> str:
    return " ".join(_DIGITS.sub("#", text.lower()).split())


def drop_headers_footers(pages: list[list[PdfLine]], zone: int = 2, block: int = 6) -> int:
    """Remove running headers/footers and page numbers in place, from the outside in: lines among
    the `zone` at a page's top and bottom whose text repeats on half the pages, and, deeper into a
    letterhead of up to `block` lines at the top ("Centers for …" / "Moderator: Jane Roe" / a date /
    "Page 2"), lines that repeat at the same place on half the pages and three at least (a
    speaker's label alone on its line, "Minister:", is never one); a running head whose last part
    varies (the section: "9/25/14 - STATED - LEAVES") counts by its fixed part, a date or number in
    it; returns how many lines went."""
    n_pages = sum(1 for p in pages if p)
    need = max(2, (n_pages + 1) // 2)
    counts: dict[str, int] = {}
    placed: dict[tuple[int, str], int] = {}
    for lines in pages:
        seen = set()
        for ln in lines[:zone] + lines[-zone:]:
            sig = _signature(ln.text)
            for key in (sig, _running_head(sig)):
                if key and key not in seen:
                    seen.add(key)
                    counts[key] = counts.get(key, 0) + 1
        for key in enumerate(_signature(ln.text) for ln in lines[:block]):
            placed[key] = placed.get(key, 0) + 1
    repeated = {s for s, c in counts.items() if n_pages >= 2 and c >= need}
    letterhead = {k for k, c in placed.items() if c >= max(3, need) and not k[1].endswith(":")}
    removed = 0
    for lines in pages:
        if not lines:
            continue
        n = len(lines)
        drop = set()
        for i in _edge(n, max(zone, block)):
            sig = _signature(lines[i].text)
            near = i < zone or i >= n - zone
            running = near and (sig in repeated or _running_head(sig) in repeated)
            if running or (i, sig) in letterhead or (_PAGE_NUMBER.match(lines[i].text) and n > 1):
                drop.add(i)
        # only strip from the outside in: a kept line stops the run
        keep_top = 0
        while keep_top < n and keep_top in drop:
            keep_top += 1
        keep_bottom = n
        while keep_bottom > keep_top and keep_bottom - 1 in drop:
            keep_bottom -= 1
        removed += n - (keep_bottom - keep_top)
        lines[:] = lines[keep_top:keep_bottom]
    return removed


#: the separator before a running head's varying part ("9/25/14 - STATED - LEAVES")
_HEAD_PARTS = re.compile(r" [-\u2013\u2014|] ")
#: a running head's fixed part is this long at least
MIN_RUNNING_HEAD = 8


def _running_head(sig: str) -> str | None:
    """The fixed part of a running head whose last part varies from page to page, a date or a
    number in it ("#/#/# - stated - " of "9/25/14 - STATED - LEAVES", the section the page is in);
    None for a line without one."""
    cuts = [m.end() for m in _HEAD_PARTS.finditer(sig)]
    head = sig[: cuts[-1]] if cuts else ""
    return head if len(head) >= MIN_RUNNING_HEAD and "#" in head else None


def _edge(n: int, block: int) -> list[int]:
    """The indexes of a page's first and last `block` lines."""
    return sorted(set(range(min(block, n))) | set(range(max(n - block, 0), n)))


_ENDS_SENTENCE = re.compile(r"[.?!:;”\"’')\]—–]$|--$|…$")
_HYPHENATED = re.compile(r"\w[-\u00ad‐]$")
_STARTS_NEW = re.compile(r"^[A-Z0-9\"“‘'(\[¿¡]")


@dataclass
class _Geometry:
    left: float
    right: float
    pitch: float
    #: x where indented first lines start, when the document marks paragraphs that way
    indent: float | None = None

    @property
    def width(self) -> float:
        return max(self.right - self.left, 1.0)

    @property
    def tol(self) -> float:
        return max(self.width * 0.015, 4.0)


def _geometry(pages: list[list[PdfLine]]) -> _Geometry:
    lines = [ln for p in pages for ln in p]
    lefts: dict[int, int] = {}
    for ln in lines:
        key = round(ln.x0)
        lefts[key] = lefts.get(key, 0) + 1
    left = float(max(lefts.items(), key=lambda kv: (kv[1], -kv[0]))[0])
    rights = sorted(ln.x1 for ln in lines)
    right = rights[int(0.9 * (len(rights) - 1))]
    gaps = [b.top - a.top for p in pages for a, b in zip(p, p[1:]) if b.top > a.top]
    pitch = statistics.median(gaps) if gaps else 14.0
    geo = _Geometry(left, right, pitch)
    # indented first lines: lines starting right of the margin that are followed by a line at it
    starts: dict[int, int] = {}
    for a, b in zip(lines, lines[1:]):
        if a.x0 - left > geo.tol and abs(b.x0 - left) <= geo.tol and a.x1 >= right - geo.width * 0.2:
            key = round(a.x0)
            starts[key] = starts.get(key, 0) + 1
    if starts:
        x, count = max(starts.items(), key=lambda kv: kv[1])
        if count >= 3:
            geo.indent = float(x)
    return geo


def _join_kind(prev: PdfLine, cur: PdfLine, geo: _Geometry, same_page: bool) -> str:
    """How `cur` follows `prev`: 'para' (new paragraph), 'line' (hard line break) or 'wrap'."""
    tol = geo.tol
    indent = cur.x0 - geo.left
    prev_indent = prev.x0 - geo.left
    if same_page:
        if cur.top - prev.top > geo.pitch * 1.4 + 1:
            return "para"  # extra vertical space
        if cur.size and prev.size and abs(cur.size - prev.size) > 1.5:
            return "para"  # a heading in another size
    if geo.indent is not None and abs(cur.x0 - geo.indent) <= tol:
        if abs(prev.x0 - cur.x0) <= tol and prev.x1 >= geo.right - tol:
            return "wrap"  # an indented block whose lines run to the margin
        return "para"  # the document's indented first line
    if indent > tol and not (prev_indent > tol and abs(cur.x0 - prev.x0) <= tol):
        return "para"  # indented (or centred) differently from the line before
    if _HYPHENATED.search(prev.text) and cur.text[:1].isalnum():
        return "wrap"  # a word broken after its hyphen
    short = (geo.right - prev.x1) > geo.width * 0.2
    ends = bool(_ENDS_SENTENCE.search(prev.text)) and bool(_STARTS_NEW.match(cur.text))
    if short:
        return "para" if ends else "line"
    if not same_page and geo.indent is None and ends:
        # across a page break only the text can tell; an extra paragraph break inside a
        # speaker's turn is harmless, a missed one would hide a change of speaker
        return "para"
    return "wrap"


def _join(a: str, b: str) -> str:
    if a.endswith("\u00ad"):
        return a[:-1] + b
    if a.endswith(("-", "‐")) and len(a) >= 2 and a[-2].isalnum() and b[:1].isalnum():
        return a + b
    return a + " " + b


def build_text(pages: list[list[PdfLine]]) -> tuple[str, list[LabelHint], list[int]]:
    """Lines → (text, label hints, page offsets) following the module's paragraph rules."""
    from .html import label_from_bold

    flat = [ln for p in pages for ln in p]
    if not flat:
        return "", [], []
    geo = _geometry(pages)
    # paragraphs as lists of lines; each line as a list of wrapped PdfLines
    paragraphs: list[list[list[PdfLine]]] = [[[flat[0]]]]
    for prev, cur in zip(flat, flat[1:]):
        kind = cur.join or _join_kind(prev, cur, geo, prev.page == cur.page)
        if kind == "wrap" and cur.numbered:
            kind = "line"  # a court reporter's numbered line: the layout's own line
        if kind == "para":
            paragraphs.append([[cur]])
        elif kind == "line":
            paragraphs[-1].append([cur])
        else:
            paragraphs[-1][-1].append(cur)

    parts: list[str] = []
    labels: list[LabelHint] = []
    page_offsets: dict[int, int] = {}
    pos = 0
    for pi, para in enumerate(paragraphs):
        if pi:
            parts.append("\n\n")
            pos += 2
        for li, line in enumerate(para):
            if li:
                parts.append("\n")
                pos += 1
            text = ""
            for ln in line:
                if ln.page not in page_offsets:
                    page_offsets[ln.page] = pos + (len(text) + 1 if text else 0)
                text = _join(text, ln.text) if text else ln.text
            first = line[0]
            if first.bold_end and li == 0:
                if len(line) > 1:
                    nxt = line[1]
                elif li + 1 < len(para):
                    nxt = para[li + 1][0]
                else:
                    nxt = paragraphs[pi + 1][0][0] if pi + 1 < len(paragraphs) else None
                nxt_plain = (pi > 0 or li > 0) and nxt is not None and not nxt.bold_end
                hint = label_from_bold(text, min(first.bold_end, len(text)), next_is_plain=nxt_plain)
                if hint:
                    labels.append(LabelHint(pos + hint[0], pos + hint[1], hint[2]))
            parts.append(text)
            pos += len(text)
    offsets = [page_offsets[p] for p in sorted(page_offsets)]
    return "".join(parts), labels, offsets


# --------------------------------------------------------------------------- reader


def read_pdf(data: bytes, source: dict) -> Document:
    """Read a PDF transcript (bytes) into a `Document`."""
    who = _who(source)
    quiet = [logging.getLogger(n) for n in ("pypdf", "pdfminer")]
    levels = [lg.level for lg in quiet]
    for lg in quiet:
        lg.setLevel(logging.ERROR)
    try:
        with time_limit(Budget.from_env(), who) as budget:
            n_pages, plain, encrypted, info = check_pdf(data, source, budget)
            check_pdf_streams(plain, who, budget)
            pages, unmapped = extract_lines(plain, source, "" if encrypted else None, budget)
            if not any(pages):
                raise ReadError(
                    f"cannot read {who}: the PDF has no text layer (a scanned or image-only PDF needs OCR first)"
                )
            removed = drop_headers_footers(pages)
            numbered = drop_line_numbers(pages)
            text, labels, offsets = build_text(pages)
    finally:
        for lg, lvl in zip(quiet, levels):
            lg.setLevel(lvl)
    if not text.strip():
        raise ReadError(f"cannot read {who}: the PDF holds no text once page headers and footers are removed")
    meta = {k: v for k, v in info.items() if k in ("title", "author", "subject", "created", "modified")}
    meta["pages"] = n_pages
    src = {"pages": n_pages, "page_offsets": offsets, "header_footer_lines_removed": removed}
    if unmapped:
        src["unmapped_glyphs"] = unmapped
    if encrypted:
        src["encrypted"] = "no user password (opened with an empty password)"
    warnings = [RecordWarning("W006", WARNINGS["W006"])] if numbered else []
    return Document(text=text, format="pdf", metadata=meta, source=src, labels=labels, warnings=warnings)
