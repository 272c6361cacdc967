"""DOCX reader: a Word transcript → `Document`.

The ZIP container is checked first (`limits.check_zip`: member count, declared sizes,
compression ratio — a zip bomb is refused before anything is inflated), then python-docx
opens it. The body is read in document order:

* each paragraph is one paragraph of the text; a line break (`<w:br/>`) stays a line break,
  a tab becomes a space, whitespace is collapsed, empty paragraphs are spacing and vanish;
* each table row is one paragraph, its cells separated by a space;
* a table of contents is left out: paragraphs in a "TOC" style, entries that are `PAGEREF`
  fields, and content controls marked as a table of contents;
* deleted text of tracked changes, text boxes, headers, footers, footnotes and comments are
  not part of the transcript and are left out;
* a bold label at the start of a paragraph (a bold run `Q:` or `MR. SMITH:`) becomes a
  `LabelHint`;
* core properties (title, author, created, modified) go to `Document.metadata`.
"""

from __future__ import annotations

import re

from ..document import Document
from ..errors import ReadError
from .html import Blocks, assemble
from .limits import Budget, check_zip, time_limit

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TOC_STYLE = re.compile(r"^(toc\b|toc\s*heading|table of (contents|figures))", re.I)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _on(el) -> bool | None:
    """The value of an on/off property element such as `<w:b/>` (None when absent)."""
    if el is None:
        return None
    val = el.get(f"{_W}val")
    return val not in ("0", "false", "off", "none")


class _StyleBold:
    """Resolves whether a paragraph or character style makes text bold (following basedOn)."""

    def __init__(self, document):
        self.styles = {}
        try:
            for st in document.styles.element.findall(f"{_W}style"):
                sid = st.get(f"{_W}styleId")
                if sid:
                    self.styles[sid] = st
        except Exception:  # styles are a hint only
            pass
        self.cache: dict[str, bool] = {}

    def bold(self, style_id: str | None) -> bool:
        if not style_id:
            return False
        if style_id in self.cache:
            return self.cache[style_id]
        result, seen, sid = False, set(), style_id
        while sid and sid not in seen and sid in self.styles:
            seen.add(sid)
            st = self.styles[sid]
            b = _on(st.find(f"{_W}rPr/{_W}b"))
            if b is not None:
                result = b
                break
            based = st.find(f"{_W}basedOn")
            sid = based.get(f"{_W}val") if based is not None else None
        self.cache[style_id] = result
        return result

    def name(self, style_id: str | None) -> str:
        st = self.styles.get(style_id or "")
        if st is None:
            return style_id or ""
        n = st.find(f"{_W}name")
        return n.get(f"{_W}val") if n is not None else style_id


def _is_toc_paragraph(p, styles: _StyleBold) -> bool:
    ps = p.find(f"{_W}pPr/{_W}pStyle")
    if ps is not None and _TOC_STYLE.match(styles.name(ps.get(f"{_W}val"))):
        return True
    for instr in p.iter(f"{_W}instrText"):
        if instr.text and re.match(r"\s*(TOC|PAGEREF)\b", instr.text):
            return True
    for fld in p.iter(f"{_W}fldSimple"):
        if re.match(r"\s*(TOC|PAGEREF)\b", fld.get(f"{_W}instr") or ""):
            return True
    return False


def _paragraph(p, blocks: Blocks, styles: _StyleBold) -> None:
    ps = p.find(f"{_W}pPr/{_W}pStyle")
    para_bold = styles.bold(ps.get(f"{_W}val") if ps is not None else None)
    for r in p.iter(f"{_W}r"):
        # skip deleted text, moved-away text and text boxes
        anc = r.getparent()
        skip = False
        while anc is not None and anc is not p:
            if _local(anc.tag) in ("del", "moveFrom", "txbxContent"):
                skip = True
                break
            anc = anc.getparent()
        if skip:
            continue
        rpr = r.find(f"{_W}rPr")
        bold = None
        if rpr is not None:
            bold = _on(rpr.find(f"{_W}b"))
            if bold is None:
                rs = rpr.find(f"{_W}rStyle")
                if rs is not None and styles.bold(rs.get(f"{_W}val")):
                    bold = True
        if bold is None:
            bold = para_bold
        for child in r:
            name = _local(child.tag)
            if name == "t":
                blocks.text(child.text or "", bold)
            elif name in ("tab", "ptab"):
                blocks.text(" ", bold)
            elif name in ("br", "cr"):
                blocks.br()
            elif name == "noBreakHyphen":
                blocks.text("-", bold)


def _table(tbl, blocks: Blocks, styles: _StyleBold, budget: Budget) -> None:
    for tr in tbl.iter(f"{_W}tr"):
        budget.check()
        blocks.block()
        for tc in tr.findall(f"{_W}tc"):
            for child in tc:
                if _local(child.tag) == "p" and not _is_toc_paragraph(child, styles):
                    _paragraph(child, blocks, styles)
                    blocks.text(" ", False)
                elif _local(child.tag) == "tbl":
                    _table(child, blocks, styles, budget)
        blocks.block()


def _body(container, blocks: Blocks, styles: _StyleBold, budget: Budget) -> None:
    for i, child in enumerate(container):
        if i % 256 == 0:
            budget.check()
        name = _local(child.tag)
        if name == "p":
            if _is_toc_paragraph(child, styles):
                continue
            blocks.block()
            _paragraph(child, blocks, styles)
            blocks.block()
        elif name == "tbl":
            _table(child, blocks, styles, budget)
        elif name == "sdt":
            gallery = child.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
            if gallery is not None and "content" in (gallery.get(f"{_W}val") or "").lower():
                continue  # a table of contents
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                _body(content, blocks, styles, budget)
        elif name in ("customXml", "ins", "moveTo"):
            _body(child, blocks, styles, budget)


def read_docx(data: bytes, source: dict) -> Document:
    """Read a Word (.docx) transcript into a `Document`."""
    who = source.get("path") or "input"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ReadError(f"cannot read {who}: a legacy Word .doc (OLE2) file is not supported; save it as .docx")
    with time_limit(Budget.from_env(), who) as budget:
        zf = check_zip(data, who)
        names = set(zf.namelist())
        if "word/document.xml" not in names:
            kind = (
                "a spreadsheet"
                if "xl/workbook.xml" in names
                else "a presentation"
                if "ppt/presentation.xml" in names
                else "not a Word document"
            )
            raise ReadError(f"cannot read {who}: the ZIP file is {kind} (no word/document.xml)")
        import io

        import docx

        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as exc:  # python-docx, lxml and zipfile errors on damaged parts
            budget.check()
            raise ReadError(
                f"cannot read {who}: the DOCX file is damaged ({type(exc).__name__}: {' '.join(str(exc).split())[:120]})"
            )
        styles = _StyleBold(document)
        blocks = Blocks()
        _body(document.element.body, blocks, styles, budget)
        blocks.block()
        text, labels = assemble(blocks.paragraphs)
    if not text.strip():
        raise ReadError(f"cannot read {who}: the document holds no text")
    meta: dict = {}
    try:
        cp = document.core_properties
        for key, value in (("title", cp.title), ("author", cp.author), ("subject", cp.subject)):
            if value and value.strip():
                meta[key] = " ".join(value.split())
        for key, value in (("created", cp.created), ("modified", cp.modified)):
            if value is not None:
                meta[key] = value.isoformat()
    except Exception:  # metadata is a hint only
        pass
    return Document(text=text, format="docx", metadata=meta, labels=labels)
