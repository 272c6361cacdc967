"""Plain text and Markdown (with YAML front matter).

Decoding: `encoding.decode`. `Document.text` is the decoded file itself, so record offsets
point into the original text; line endings are normalised to "\\n" only (CRLF → LF), which
keeps one character per line break.
"""

from __future__ import annotations

import collections
import re

from ..document import Document
from ..errors import WARNINGS
from ..record import RecordWarning
from .encoding import decode
from .frontmatter import split_front_matter
from .turnlists import listed_transcript


def _newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _warnings(repairs: list[tuple[int, int, str]]) -> list[RecordWarning]:
    return [RecordWarning("W003", message, start, end) for start, end, message in repairs]


#: a court reporter's line number at a line's start ("  12      SENATOR ROE:  Thank you."), or a
#: page number alone on its line
_LINE_NUMBER = re.compile(r"^[ \t]{0,12}(\d{1,2})(?:[ \t]{2,}(?=\S)|[ \t]*$)")
_PAGE_NUMBER = re.compile(r"^[ \t]{20,}\d{1,4}[ \t]*$")


def without_line_numbers(text: str) -> str | None:
    """A court reporter's typescript numbers the lines of each page (1 to 25) at the left margin and
    prints each page's number far to the right: where most non-blank lines start with such a
    number, the text without them (each numbered line keeps its indent after the number); else None."""
    lines = text.split("\n")
    filled = [x for x in lines if x.strip()]
    if len(filled) < 20:
        return None
    numbered = 0
    for x in filled:
        m = _LINE_NUMBER.match(x)
        numbered += bool(m and 1 <= int(m.group(1)) <= 25)
    if numbered < 0.6 * len(filled):
        return None
    out = []
    for x in lines:
        if _PAGE_NUMBER.match(x):
            out.append("")
            continue
        m = _LINE_NUMBER.match(x)
        out.append(x[m.end() :] if m and 1 <= int(m.group(1)) <= 25 else x)
    return "\n".join(out)


def read_text(data: bytes, source: dict) -> Document:
    text, enc = decode(data, source.get("path"))
    text = _newlines(text)
    warnings = []
    if text.lstrip()[:1].isdigit() or "\n      1 " in text[:3000] or "\n       1 " in text[:3000]:
        plain = without_line_numbers(text)
        if plain is not None:
            text = plain
            warnings.append(RecordWarning("W006", WARNINGS["W006"]))
    meta, start, repairs = split_front_matter(text, source.get("path"))
    if any(isinstance(v, list) and len(v) >= MIN_LISTED_TURNS for v in meta.values()):
        listed = listed_transcript(meta, text[start:], source, enc)
        if listed is not None:
            listed.warnings = warnings + _warnings(repairs)
            return listed
    held = _transcript_field(meta, text[start:])
    if held is not None:
        return _from_field(held, meta, source, enc, warnings + _warnings(repairs))
    return Document(
        text=text,
        format="text",
        metadata=meta,
        source={"encoding": enc},
        body_start=start,
        warnings=warnings + _warnings(repairs),
    )


#: a front-matter list this long may hold the transcript's turns (`turnlists.listed_transcript`)
MIN_LISTED_TURNS = 10
#: a front-matter field this long, beside an empty body, holds the transcript itself
MIN_HELD_TRANSCRIPT = 1000
_MARKUP = re.compile(r"<(?:p|span|br|div)\b", re.I)


def _transcript_field(meta: dict, body: str) -> str | None:
    """The front-matter field that holds the transcript (a site generator's page whose body is empty,
    its text in a field: ``transcript: '<p><span>…'``): the longest text field, where the body says
    nothing and that field is `MIN_HELD_TRANSCRIPT` characters or more."""
    if len(body.strip()) >= 40:
        return None
    fields = [k for k, v in meta.items() if isinstance(v, str) and len(v) >= MIN_HELD_TRANSCRIPT]
    return max(fields, key=lambda k: len(meta[k])) if fields else None


#: where a scraper joined a transcript's paragraphs into one line: three spaces or more
_JOINED = re.compile(r"[ \u00a0]{3,}")


def held_transcript(meta: dict, source: dict, enc: str) -> Document | None:
    """The transcript a record's long text field holds (`_transcript_field`), as a document, or None."""
    key = _transcript_field(meta, "")
    return _from_field(key, meta, source, enc, []) if key is not None else None


def _from_field(key: str, meta: dict, source: dict, enc: str, warnings: list) -> Document:
    """The transcript a front-matter field holds, read as a web page where it is markup; the other
    fields stay the metadata."""
    held = meta[key]
    rest = {k: v for k, v in meta.items() if k != key}
    mark = {"encoding": enc, "transcript_field": key}
    if _MARKUP.search(held[:2000]):
        return _as_page(held, rest, source, warnings, mark)
    if "\n" not in held and _JOINED.search(held):
        held = _JOINED.sub("\n\n", held)  # one line, paragraphs joined by runs of spaces (a scraper's)
    doc = Document(text=held, format="text", metadata=rest, warnings=warnings)
    doc.source = mark
    return doc


def _as_page(markup: str, metadata: dict, source: dict, warnings: list, mark: dict) -> Document:
    """Markup held in a text document, read by the web-page reader; the document's metadata and
    warnings kept, ``mark`` added to the source."""
    from .html import read_html  # on first need: its import (selectolax, lxml; 25 ms) would fall on every text read

    page = read_html(markup.encode("utf-8"), source)
    page.metadata = {**metadata, **page.metadata}
    page.source = {**page.source, **mark}
    page.warnings = list(warnings) + list(page.warnings)
    return page


#: a kramdown attribute list alone on its line ("{:.muted.smaller}", "{: .note}"): markup that styles
#: the block beside it, no text of the page
_KRAMDOWN_IAL = re.compile(r"^[ \t]*\{:[^\n{}]{0,200}\}[ \t]*$", re.M)


#: an HTML comment on lines of its own ("<!-- source: https://… -->"): Markdown renders it as
#: nothing, so it is no text of the page (a scraper's notes, an editor's)
_COMMENT_LINES = re.compile(r"^[ \t]*<!--(?:(?!-->).){0,2000}?-->[ \t]*(?:\n|$)", re.M | re.S)


#: a template's field alone on its line at the top of a page ("{{description:…}}", "{{first:2020-12-28}}"),
#: as a static-site generator's preprocessor reads them: the page's metadata
_TEMPLATE_FIELD = re.compile(r"^[ \t]*\{\{(?P<key>[A-Za-z_]\w{0,30})[ \t]*:[ \t]*(?P<value>[^{}\n]{1,2000})\}\}[ \t]*$")


def _template_fields(body: str) -> dict[str, str]:
    """The template fields that open a Markdown body, blank lines between them allowed."""
    out: dict[str, str] = {}
    for line in body.splitlines():
        if not line.strip():
            continue
        m = _TEMPLATE_FIELD.match(line)
        if m is None:
            break
        out.setdefault(m.group("key").lower(), m.group("value").strip())
    return out


def read_markdown(data: bytes, source: dict) -> Document:
    doc = read_text(data, source)
    doc.format = "markdown"
    if doc.text[doc.body_start :].lstrip().startswith("{{"):
        doc.metadata = {**_template_fields(doc.text[doc.body_start :]), **doc.metadata}
    if "{:" in doc.text:
        doc.text = _KRAMDOWN_IAL.sub("", doc.text)
    if "<!--" in doc.text:  # in the body: the front matter's offsets (`body_start`) stay
        doc.text = doc.text[: doc.body_start] + _COMMENT_LINES.sub("", doc.text[doc.body_start :])
    body = doc.text[doc.body_start :]
    if doc.source.get("transcript_field") is None and _mostly_markup(body):
        mark = {"encoding": doc.source.get("encoding"), "markdown_as_html": True}
        return _as_page(_rendered(body), doc.metadata, source, doc.warnings, mark)
    return doc


def _rendered(body: str) -> str:
    """A Markdown body with HTML in it, rendered to HTML (CommonMark, its HTML kept): paragraphs
    parted by blank lines stay paragraphs, `**bold**` is bold, where the page reader would run them
    all into one."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).render(body)


#: the share of a Markdown body's lines that open with a tag above which it is read as a web page
MARKUP_SHARE = 0.4


#: ... or the share of them that open with one element of one class ('<div class="timestamp">00:28 //
#: Jane</div> Hi.' before each turn, the turns' further paragraphs plain)
CLASSED_SHARE = 0.25
_CLASSED_TAG = re.compile(r"<([a-z][a-z0-9]{0,10})\s+class=[\"']([^\"'<>]{1,80})[\"']")


def _mostly_markup(body: str) -> bool:
    """Is a Markdown body mostly HTML (a page whose transcript is `<div class="name">JR:</div>`
    blocks): most of its lines open with a tag, or a good share with one element of one class?"""
    if "<" not in body:
        return False  # no tag at all: the usual case, told without splitting the body
    lines = [ln.lstrip() for ln in body.splitlines() if ln.strip()]
    if len(lines) < 20:
        return False
    opening = [ln for ln in lines if ln.startswith("<")]
    if len(opening) >= MARKUP_SHARE * len(lines):
        return True
    classed = collections.Counter(m.groups() for ln in opening if (m := _CLASSED_TAG.match(ln)))
    return bool(classed) and classed.most_common(1)[0][1] >= CLASSED_SHARE * len(lines)
