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

from .xmlrecord import _local, _parse

#: the record's elements and the HTML ones they stand for
_AS_HTML = {"para": "p", "quote": "blockquote", "list": "ul", "item": "li", "title": "h3", "inline": "span"}
#: the record's elements that are no text of it
_APPARATUS = frozenset({"page.no", "time.stamp", "type"})
#: the separator the printed record puts between a speaker's name and their first words
_SEPARATOR = re.compile(r"^\s*\.?\s*[-\u2013\u2014]\s*")


def speech_xml(data: bytes) -> tuple[str, dict[str, str]] | None:
    """(the record as HTML, full names by display name) of an XML record with `<talker>` blocks,
    else None."""
    if data[:256].lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"<" or b"<talker" not in data:
        return None
    root = _parse(data)
    if root is None:
        return None
    talkers = [e for e in root.iter() if isinstance(e.tag, str) and _local(e.tag) == "talker"]
    if not talkers:
        return None
    names: dict[str, set[str]] = {}
    for talker in talkers:
        display, full = _names(talker)
        if display:
            names.setdefault(display, set()).add(full or "")
            _label(talker, display)
    for e in list(root.iter()):
        tag = _local(e.tag) if isinstance(e.tag, str) else None
        if tag in _APPARATUS and e.getparent() is not None:
            e.getparent().remove(e)  # a printed page's number, a time, a business type: no text of the record
        elif tag is not None and tag != "b":
            e.tag = _AS_HTML.get(tag, "div")  # any other element of the record holds blocks
    from lxml import etree

    html = etree.tostring(root, encoding="unicode", method="html")
    return html, {d: next(iter(f)) for d, f in names.items() if len(f) == 1 and next(iter(f))}


def _names(talker) -> tuple[str | None, str | None]:
    """The display name ("Mr ROE") and the full name, turned round ("ROE, Jane" → "Jane Roe"), of a
    speaker's block."""
    display = full = None
    for e in talker:
        if not isinstance(e.tag, str) or _local(e.tag) != "name":
            continue
        text = " ".join("".join(e.itertext()).split())
        if e.get("role") == "display":
            display = text
        elif e.get("role") == "metadata" and "," in text:
            surname, given = (x.strip() for x in text.split(",", 1))
            full = f"{given} {surname.title() if surname.isupper() else surname}" if given and surname else None
    return display, full


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
