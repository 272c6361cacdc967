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
web-page reader; so is a transcript whose elements say who speaks them (TEI's `<u who=…>`),
which that reader takes turn by turn.
"""

from __future__ import annotations

import re
from html import escape

#: the content must be this long, and this many times longer than its sibling elements together
MIN_CONTENT_CHARS = 500
CONTENT_RATIO = 3
#: a field longer than this is not a field (a summary, a second text)
MAX_FIELD_CHARS = 200


def xml_record(data: bytes) -> tuple[str, dict[str, str]] | None:
    """(the content as HTML, the record's fields) of an XML record, else None."""
    return xml_parts(data)[0]


def xml_parts(data: bytes) -> tuple[tuple[str, dict[str, str]] | None, dict[str, str]]:
    """What an XML file holds for the page reader, parsed once: (the record, `xml_record`'s, else
    None; the names a transcript's header keys to its speech elements' ids, `_legend`'s, else {})."""
    if not data[:256].lstrip()[:5].lower() == b"<?xml":  # a look at the start, not a copy of the file
        return None, {}
    root = _parse(data)
    if root is None or _local(root.tag).lower() == "html":
        return None, {}
    speeches = _speech_elements(root)
    if len(speeches) >= 2:
        return None, _speakers(speeches, _legend(root))
    return _record(root), {}


def _record(root) -> tuple[str, dict[str, str]] | None:
    """The record of a parsed XML file (see the module's docstring), else None."""
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


#: elements that say who speaks them, by the attribute that does: TEI's `<u who=…>` and `<sp who=…>`,
#: Akoma Ntoso's `<speech by=…>` (any element's `speaker=` too): a transcript, which the page reader
#: reads turn by turn (`read/html.py` names each turn's speaker from these attributes)
SPEECH_ATTRIBUTES = {"u": "who", "sp": "who", "speech": "by"}


def _speech_elements(root) -> list[tuple[object, str]]:
    """The XML's elements that say who speaks them (`SPEECH_ATTRIBUTES`), each with that value."""
    out = []
    for e in root.iter():
        if not isinstance(e.tag, str):
            continue
        attr = SPEECH_ATTRIBUTES.get(_local(e.tag))
        who = (e.get(attr) if attr else None) or e.get("speaker")
        if who:
            out.append((e, who))
    return out


def _legend(root) -> dict[str, str]:
    """The names a transcript's XML keys to the ids its speech elements give (TEI's header:
    `<persName ref="roeJane">JANE ROE</persName>`, `<person xml:id="roe"><persName>Jane Roe…`), by
    id: a name of two to four words, capitals written as a name ("Jane Roe")."""
    out: dict[str, str] = {}
    for e in root.iter():
        if not isinstance(e.tag, str) or _local(e.tag) not in ("persName", "name"):
            continue
        parent = e.getparent()
        key = e.get("ref") or (parent.get(_XML_ID) if parent is not None and _local(parent.tag) == "person" else None)
        name = " ".join("".join(e.itertext()).split())
        if key and 2 <= len(name.split()) <= 4 and all(w[:1].isupper() for w in name.split()):
            out.setdefault(key.lstrip("#"), _as_name(name))
    return out


_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _speakers(speeches: list[tuple[object, str]], legend: dict[str, str]) -> dict[str, str | dict[str, str]]:
    """The names (and offices) of the speech elements' speakers, by the id or label their attribute
    gives: the header's name (`legend`), else the one the value spells itself (`name_in_id`); with
    an office where the value gives one ("Roe, Jane, vice-chair"), else "chair" where most of the
    speaker's speeches are marked as the chair's (ParlaMint's `ana="#chair"`)."""
    out: dict[str, str | dict[str, str]] = {}
    chaired: dict[str, list[bool]] = {}
    printed: dict[str, set[str]] = {}
    for e, who in speeches:
        key = " ".join(who.split()).lstrip("#")
        chaired.setdefault(key, []).append("#chair" in (e.get("ana") or "").split())
        printed.setdefault(key, set()).add(_printed_label(e))
    for key, marks in chaired.items():
        name, office = name_in_id(key)
        name = legend.get(key) or _surname_first(name, printed[key]) or name
        if name is None:
            continue
        if office is None and sum(marks) * 2 > len(marks):
            office = "chair"
        out[key] = {"name": name, "title": office} if office else name
    for key, name in legend.items():
        out.setdefault(key, name)
    return out


def _printed_label(e) -> str:
    """The label printed before a speech element (TEI's `<note type="speaker">O señor ROE DOE:</note>`),
    else ""."""
    before = e.getprevious()
    if before is not None and isinstance(before.tag, str) and _local(before.tag) == "note":
        if before.get("type") == "speaker":
            return " ".join("".join(before.itertext()).split())
    return ""


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _surname_first(name: str | None, labels: set[str]) -> str | None:
    """The full name where an id spells the surname first and the labels printed before the speaker's
    speeches give the surnames ("SantalicesMiguelÁngel" and "O señor PRESIDENTE (Santalices
    Vieira):" → "Miguel Ángel Santalices Vieira"; "LosadaAbel" and "O señor LOSADA ÁLVAREZ:" → "Abel
    Losada Álvarez"): the id's other words, the given names, then up to two surnames from the label's
    word that is the id's first; else None."""
    words = name.split() if name else []
    if len(words) < 2:
        return None
    for label in sorted(labels):
        tokens = _WORD.findall(label)
        at = next((i for i, t in enumerate(tokens) if t.lower() == words[0].lower()), None)
        if at is None:
            continue
        surnames = [t for t in tokens[at : at + 2] if t[:1].isupper()]
        given = [w for w in words if w.lower() not in {t.lower() for t in surnames}]
        return " ".join(given + [t.capitalize() if t.isupper() else t for t in surnames]) if given else None
    return None


#: a name written as an id: capitalised words run together, a number after ("RudolfFilkus.1927")
_CAMEL_ID = re.compile(r"(?P<words>(?:[^\W\d_][^\W\d_]*){1,60}?)(?:[._-]?\d+)?")


def name_in_id(value: str) -> tuple[str | None, str | None]:
    """(the name, the office) a speaker's id or label spells: capitalised words run together, a
    number after ("JánĽupták.1946" → "Ján Ľupták"), or a catalogue's "Surname, Given" with an
    office after ("Bugár, Béla, podpredseda NR SR" → "Béla Bugár", "podpredseda NR SR"); a name of
    two to four words, none an initial alone. (None, None) for anything else."""
    parts = [p.strip() for p in value.split(",")]
    if 2 <= len(parts) <= 3:
        name = f"{parts[1]} {parts[0]}"
        office = parts[2] if len(parts) == 3 and parts[2] else None
        return (name, office) if _name_words(name.split()) else (None, None)
    m = _CAMEL_ID.fullmatch(value)
    if m is None:
        return None, None
    words = _camel_words(m.group("words"))
    return (" ".join(words), None) if _name_words(words) else (None, None)


def _camel_words(run: str) -> list[str]:
    """ "JánĽupták" → ["Ján", "Ľupták"]: a new word at each capital after a small letter."""
    words: list[str] = []
    for ch in run:
        if ch.isupper() and (not words or words[-1][-1:].islower()):
            words.append(ch)
        elif words:
            words[-1] += ch
        else:
            return []
    return words


def _name_words(words: list[str]) -> bool:
    """Two to four words, each a capital then small letters (a hyphen inside allowed)."""
    return 2 <= len(words) <= 4 and all(
        len(w) >= 2 and w[0].isupper() and w[1:].replace("-", "").isalpha() and w[1:].replace("-", "").islower()
        for w in words
    )


def _as_name(name: str) -> str:
    """A name in capitals written as a name ("JULIA SEELEY-HALL" → "Julia Seeley-Hall")."""
    if not name.isupper():
        return name
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in name.split())


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
