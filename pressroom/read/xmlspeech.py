"""A parliament's XML record whose contributions name their speaker in an element of their own:
the Parliament of Australia's ParlInfo Hansard (`<talk.start><talker>…<name role="display">Mr
ROE</name></talker><para>. - Text …</para>`), and the like.

Read as a web page, the speaker's block (an id, a seat, a party, an office, flags, two forms of the
name) would run into the speech as its first line, and `<para>` would be no paragraph. `speech_xml`
turns the record into the page the reader expects instead: each `<talker>` becomes its display name
as a bold label (`**Mr ROE:**`), the printed separator that opens the speech (". - ", " - ") goes,
the record's paragraph, quotation and list elements become HTML's, its other elements blocks, and
its page numbers, times and business types go. The whole record is the text (no page furniture to
leave out: `html_to_document(whole=True)`). The names the speakers'
blocks give in full ("ROE, Jane" → "Jane Roe") are returned by display name, for the header to read
as a front matter's map of labels to names (`speakers:`, `parse/header.py`).

The XML is parsed without entities, DTDs or the network (lxml), as `xmlrecord` does.
"""

from __future__ import annotations

import re

from .table import MISSING
from .xmlrecord import _local, _parse

#: the record's elements and the HTML ones they stand for
_AS_HTML = {
    "para": "p",
    "quote": "blockquote",
    "list": "ul",
    "item": "li",
    "title": "h3",
    "heading": "h2",
    "inline": "span",
}
#: the record's elements that are no text of it (an index: the sitting's order of business; the back
#: matter: an imprint)
_APPARATUS = frozenset({"page.no", "time.stamp", "type", "index", "back"})
#: the elements that hold a speaker's block: a `<name>` among the speaker's other fields
_BLOCKS = frozenset({"talker", "speaker"})
_BLOCK_BYTES = tuple(t.encode() for t in _BLOCKS)


def _is_block(e) -> bool:
    """Is the element a speaker's block: `<talker>`, or a `<speaker>` whose fields include a `<name>`
    (TEI's `<speaker>`, the printed label as text, is none)?"""
    if not isinstance(e.tag, str) or _local(e.tag) not in _BLOCKS:
        return False
    return any(isinstance(c.tag, str) and _local(c.tag) == "name" for c in e)


#: the separator the printed record puts between a speaker's name and their first words
_SEPARATOR = re.compile(r"^\s*\.?\s*[-\u2013\u2014]\s*")


def speech_xml(data: bytes) -> tuple[str, dict[str, str | dict[str, str]]] | None:
    """(the record as HTML, full names by display name) of an XML record with speakers' blocks,
    else None. Where a block gives an office, the name is {"name": …, "title": the first office}."""
    if data[:256].lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"<" or not any(b"<" + t in data for t in _BLOCK_BYTES):
        return None
    root = _parse(data)
    if root is None:
        return None
    talkers = [e for e in root.iter() if _is_block(e)]
    if not talkers:
        return None
    names: dict[str, set[str]] = {}
    posts: dict[str, str] = {}
    for talker in talkers:
        display, full, post = _names(talker)
        if display:
            names.setdefault(display, set()).add(full or "")
            if post:
                posts.setdefault(display, post)
            _label(talker, display)
    for e in list(root.iter()):
        tag = _local(e.tag) if isinstance(e.tag, str) else None
        if tag in _APPARATUS and e.getparent() is not None:
            e.getparent().remove(e)  # a printed page's number, a time, a business type: no text of the record
        elif tag is not None and tag != "b":
            # any other element of the record holds blocks, but one set inside running text (a stage
            # note: "… por favor. <omit>Rumores</omit>. Por favor …") is a part of it
            e.tag = _AS_HTML.get(tag) or ("span" if _inline(e) else "div")
    from lxml import etree

    html = etree.tostring(root, encoding="unicode", method="html")
    full = {d: next(iter(f)) for d, f in names.items() if len(f) == 1 and next(iter(f))}
    return html, {d: {"name": f, "title": posts[d]} if d in posts else f for d, f in full.items()}


#: a speaker's block's fields that hold their office ("<post>MINISTRA DE DEFENSA</post>")
_OFFICE_FIELDS = frozenset({"post", "office", "position"})


def _inline(e) -> bool:
    """Does text run on either side of the element, within its parent?"""
    if (e.tail or "").strip():
        return True
    before = e.getprevious()
    if before is not None:
        return bool((before.tail or "").strip())
    parent = e.getparent()
    return parent is not None and bool((parent.text or "").strip())


def _names(talker) -> tuple[str | None, str | None, str | None]:
    """The display name ("Mr ROE"; the full name where the block gives no other), the full name,
    turned round ("ROE, Jane" → "Jane Roe"), and the office of a speaker's block."""
    display = full = post = None
    for e in talker:
        if isinstance(e.tag, str) and _local(e.tag) in _OFFICE_FIELDS:
            post = " ".join("".join(e.itertext()).split()) or None
        if not isinstance(e.tag, str) or _local(e.tag) != "name":
            continue
        text = " ".join("".join(e.itertext()).split())
        if e.get("role") == "display":
            display = text
        elif e.get("role") in ("metadata", None) and "," in text:
            surname, given = (x.strip() for x in text.split(",", 1))
            full = f"{given} {surname.title() if surname.isupper() else surname}" if given and surname else None
        elif e.get("role") is None and text:
            full = text
    return display or full, full, post if post and post.lower() not in MISSING else None


def _label(talker, display: str) -> None:
    """Put the display name in bold where the block was, and take the separator off the speech."""
    parent = talker.getparent()
    from lxml import etree

    label = etree.Element("b")
    label.text = display + ":"
    label.tail = " "
    nxt = talker.getnext()
    parent.replace(talker, label)
    if nxt is not None and isinstance(nxt.tag, str) and _local(nxt.tag) == "para":
        nxt.text = _SEPARATOR.sub("", nxt.text or "", count=1)
        parent.remove(label)  # the label opens the speech's first paragraph
        label.tail = " " + (nxt.text or "")
        nxt.text = None
        nxt.insert(0, label)
