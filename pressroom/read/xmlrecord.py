"""An archive's XML record: short fields and one long content field.

Archives export each transcript as an XML record (a `<transcript>` with `<title>`, a date, the
speaker's office as an element such as `<prime-minister>Whitlam, Gough</prime-minister>`, a URL,
and the transcript itself, often HTML inside CDATA, in one long element). Read as a web page, the
fields would run into the speech as its first line. `xml_record` finds the record instead: the
leaf element with by far the longest text is the content; its sibling leaves with short text are
the record's fields, returned by their tag names (the front matter of the record), for the header
to read like a Markdown file's front matter.

The XML is parsed without entities, DTDs or the network (lxml), so a hostile file cannot expand
or fetch anything; a file that is not well-formed XML, or has no such record, is left to the
web-page reader.
"""

from __future__ import annotations

from html import escape

#: the content must be this long, and this many times longer than its sibling elements together
MIN_CONTENT_CHARS = 500
CONTENT_RATIO = 3
#: a field longer than this is not a field (a summary, a second text)
MAX_FIELD_CHARS = 200


def xml_record(data: bytes) -> tuple[str, dict[str, str]] | None:
    """(the content as HTML, the record's fields) of an XML record, else None."""
    if not data[:256].lstrip()[:5].lower() == b"<?xml":  # a look at the start, not a copy of the file
        return None
    root = _parse(data)
    if root is None or _local(root.tag).lower() == "html":
        return None
    leaves = [e for e in root.iter() if isinstance(e.tag, str) and len(e) == 0]
    texts = {id(e): (e.text or "").strip() for e in leaves}
    if not leaves:
        return None
    content = max(leaves, key=lambda e: len(texts[id(e)]))
    body = texts[id(content)]
    parent = content.getparent()
    siblings = (
        [e for e in parent if isinstance(e.tag, str) and e is not content and len(e) == 0] if parent is not None else []
    )
    fields = {_local(e.tag).lower(): texts[id(e)] for e in siblings if 0 < len(texts[id(e)]) <= MAX_FIELD_CHARS}
    others = sum(len(texts[id(e)]) for e in siblings)
    if len(body) < MIN_CONTENT_CHARS or len(body) < CONTENT_RATIO * others:
        return None
    html = body if "<" in body and ">" in body else f"<pre>{escape(body)}</pre>"
    return html, fields


def _parse(data: bytes):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _local(tag: str) -> str:
    """A tag without its namespace."""
    return tag.rsplit("}", 1)[-1]
