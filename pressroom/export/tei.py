"""TEI following Parla-CLARIN (the encoding of the ParlaMint corpora).

One ``<TEI>`` per event; several events go into one ``<teiCorpus>`` whose header holds the
people and organisations once (``listPerson``, ``listOrg``), as ParlaMint's corpus root
does. Per event: ``teiHeader`` (title, ``meeting``, source ``bibl`` with the URL and date,
``settingDesc`` with place and date, extent in speeches and words) and a body of
``<u xml:id=… who="#person…" ana="#<role> #<kind>">`` — one per turn — holding one
``<seg>`` per paragraph. Answers point to the question they answer with ``corresp``.

Ids are stable: ``pressroom.<event id>`` for a transcript, ``….<turn id>`` for its
utterances, ``person.<person id>`` for a person of the store's identity tables (exported
from a store with persons: ``MR. ZIENTS`` and ``Jeff Zients`` are ``person.jeff-zients``,
with each other form printed as ``<persName type="alias">``, and a journalist's outlet is
the outlet's name), else ``person.<name slug>`` for a named person across the corpus (the
same id in every event), ``person.<event id>.<speaker id>`` for unnamed speakers,
``org.<slug>`` for outlets and organisations. Text is escaped by lxml; characters XML forbids are dropped.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from typing import Any, BinaryIO, Iterable

from lxml import etree

from ..store.rows import slugify
from .flat import RecordIndex

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
ROLES = ("principal", "moderator", "journalist", "official", "other")
KINDS = ("statement", "moderator", "question", "answer", "remark")

_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NCNAME_BAD = re.compile(r"[^A-Za-z0-9._-]")
_PARA = re.compile(r"\n\s*\n")


def _t(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def _clean(text: Any) -> str:
    return _BAD_XML.sub("", str(text)) if text is not None else ""


def ncname(text: str) -> str:
    value = _NCNAME_BAD.sub("_", text)
    return value if value[:1].isalpha() or value[:1] == "_" else "_" + value


def person_id(event_id: str, speaker: dict[str, Any], ident: dict[str, Any] | None = None) -> str:
    """``person.<person id>`` for a person of a store's identity tables, else ``person.<name
    slug>``, else ``person.<event id>.<speaker id>``."""
    if ident and ident.get("person_id"):
        return ncname("person." + ident["person_id"])
    if speaker.get("name"):
        return "person." + (slugify(speaker["name"], 80) or ncname(speaker["name"]))
    return ncname(f"person.{event_id}.{speaker.get('id')}")


def org_id(name: str) -> str:
    return "org." + (slugify(name, 80) or "unnamed")


def _sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, _t(tag), {k: _clean(v) for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = _clean(text)
    return el


class People:
    """Persons and organisations met so far (for the corpus header or one event's)."""

    def __init__(self):
        self.persons: dict[str, dict[str, Any]] = {}
        self.orgs: dict[str, str] = {}

    def add(self, event_id: str, speaker: dict[str, Any], ident: dict[str, Any] | None = None) -> str:
        """The speaker's person id, the speaker added to the list (``ident``: the speaker's
        person and outlet, `pressroom.identity.record_identity`)."""
        ident = ident or {}
        pid = person_id(event_id, speaker, ident)
        entry = self.persons.setdefault(
            pid,
            {
                "name": ident.get("person") or speaker.get("name"),
                "labels": [],
                "affiliations": [],
                "aliases": list(ident.get("aliases") or []),
            },
        )
        for label in speaker.get("labels") or []:
            if label not in entry["labels"]:
                entry["labels"].append(label)
        aff = ident.get("outlet") or speaker.get("affiliation")
        key = (speaker.get("role"), speaker.get("title"), aff)
        if key not in entry["affiliations"] and any(key):
            entry["affiliations"].append(key)
        if aff:
            self.orgs.setdefault(org_id(aff), aff)
        return pid

    def element(self, parent) -> None:
        partic = _sub(parent, "particDesc")
        lp = _sub(partic, "listPerson")
        for pid, p in sorted(self.persons.items()):
            person = _sub(lp, "person", **{XML_ID: pid})
            if p["name"]:
                _sub(person, "persName", p["name"])
            else:
                _sub(person, "persName", " / ".join(p["labels"]) or "unknown", type="label")
            for alias in p.get("aliases") or []:  # every form a person was printed under
                if alias != p["name"]:
                    _sub(person, "persName", alias, type="alias")
            for role, title, aff in p["affiliations"]:
                attrs = {"role": role or "other"}
                if aff:
                    attrs["ref"] = "#" + org_id(aff)
                _sub(person, "affiliation", title or aff, **attrs)
        if self.orgs:
            lo = _sub(partic, "listOrg")
            for oid, name in sorted(self.orgs.items()):
                org = _sub(lo, "org", **{XML_ID: oid})
                _sub(org, "orgName", name, full="yes")


def _taxonomies(parent) -> None:
    enc = _sub(parent, "encodingDesc")
    cd = _sub(enc, "classDecl")
    for tax_id, desc, cats in (
        ("speaker_types", "Role of the speaker in the event", ROLES),
        ("turn_kinds", "Kind of turn", KINDS),
    ):
        tax = _sub(cd, "taxonomy", **{XML_ID: tax_id})
        _sub(tax, "desc", desc, **{XML_LANG: "en"})
        for c in cats:
            cat = _sub(tax, "category", **{XML_ID: c if tax_id == "speaker_types" else f"kind.{c}"})
            _sub(cat, "catDesc", c, **{XML_LANG: "en"})


def tei_element(event_id: str, record: dict[str, Any], people: People, with_persons: bool) -> etree._Element:
    """The ``<TEI>`` element of one event (with its own people list when ``with_persons``)."""
    ev = record.get("event", {})
    idx = RecordIndex(record)
    doc_id = ncname(f"pressroom.{event_id}")
    local = People() if with_persons else people
    who = {s["id"]: local.add(event_id, s, idx.identity.get(s["id"])) for s in record.get("speakers", [])}
    if with_persons:
        for s in record.get("speakers", []):
            people.add(event_id, s, idx.identity.get(s["id"]))
    tei = etree.Element(_t("TEI"), {XML_ID: doc_id, XML_LANG: "en"}, nsmap={None: TEI_NS})
    header = _sub(tei, "teiHeader")
    fd = _sub(header, "fileDesc")
    ts = _sub(fd, "titleStmt")
    _sub(ts, "title", ev.get("title") or event_id, type="main", **{XML_LANG: "en"})
    _sub(ts, "meeting", ev.get("kind") or "press conference", ana="#press_event")
    turns = record.get("turns", [])
    ext = _sub(fd, "extent")
    _sub(ext, "measure", str(len(turns)), unit="speeches", quantity=str(len(turns)))
    words = sum(len((t.get("text") or "").split()) for t in turns)
    _sub(ext, "measure", str(words), unit="words", quantity=str(words))
    ps = _sub(fd, "publicationStmt")
    _sub(ps, "publisher", "pressroom")
    _sub(ps, "idno", event_id, type="pressroom")
    sd = _sub(fd, "sourceDesc")
    bibl = _sub(sd, "bibl")
    _sub(bibl, "title", ev.get("title") or event_id)
    src = ev.get("source") or {}
    if src.get("url"):
        _sub(bibl, "idno", src["url"], type="URI")
    if ev.get("organisation"):
        _sub(bibl, "publisher", ev["organisation"])
    if ev.get("date"):
        _sub(bibl, "date", ev["date"], when=ev["date"][:10])
    if ev.get("last_updated"):
        _sub(bibl, "date", ev["last_updated"], type="updated", when=ev["last_updated"][:10])
    if with_persons:
        _taxonomies(header)
    prof = _sub(header, "profileDesc")
    setting = _sub(_sub(prof, "settingDesc"), "setting")
    if ev.get("place"):
        _sub(setting, "name", ev["place"], type="place")
    if ev.get("date"):
        _sub(setting, "date", ev["date"], when=ev["date"][:10])
    if with_persons:
        local.element(prof)

    body = _sub(_sub(tei, "text", ana="#press_event"), "body")
    div = _sub(body, "div", type="debateSection")
    _sub(div, "head", ev.get("title") or event_id)
    last_question: dict[str, str] = {}
    for t in turns:
        uid = ncname(f"{doc_id}.{t['id']}")
        sp = idx.speakers.get(t.get("speaker"))
        role = (sp or {}).get("role") or "other"
        kind = t.get("kind") or "remark"
        attrs = {
            XML_ID: uid,
            "who": "#" + who.get(t.get("speaker"), ncname(f"person.{event_id}.unknown")),
            "ana": f"#{role if role in ROLES else 'other'} #kind.{kind if kind in KINDS else 'remark'}",
        }
        xid = idx.exchange_of.get(t["id"])
        if kind == "answer" and xid in last_question:
            attrs["corresp"] = "#" + last_question[xid]
        u = _sub(div, "u", **attrs)
        paras = [p.strip() for p in _PARA.split(t.get("text") or "") if p.strip()] or [""]
        for i, para in enumerate(paras, 1):
            _sub(u, "seg", " ".join(_clean(para).split()), **{XML_ID: f"{uid}.p{i}"})
        if kind == "question" and xid:
            last_question[xid] = uid
    return tei


def write(items: Iterable[tuple[str, dict[str, Any]]], out: BinaryIO) -> int:
    """One ``<TEI>`` document for a single event, else a ``<teiCorpus>``; return how many
    events were written."""
    items = iter(items)
    first = next(items, None)
    if first is None:
        raise ValueError("nothing to export")
    second = next(items, None)
    if second is None:
        tei = tei_element(*first, People(), with_persons=True)
        out.write(etree.tostring(tei, xml_declaration=True, encoding="UTF-8", pretty_print=True))
        return 1
    people = People()
    n = 0
    with tempfile.TemporaryFile() as body:
        for event_id, record in _chain(first, second, items):
            tei = tei_element(event_id, record, people, with_persons=False)
            body.write(etree.tostring(tei, encoding="UTF-8", pretty_print=True))
            n += 1
        corpus = etree.Element(_t("teiCorpus"), {XML_ID: "pressroom.corpus", XML_LANG: "en"}, nsmap={None: TEI_NS})
        header = _sub(corpus, "teiHeader")
        fd = _sub(header, "fileDesc")
        _sub(_sub(fd, "titleStmt"), "title", "pressroom corpus", type="main", **{XML_LANG: "en"})
        ext = _sub(fd, "extent")
        _sub(ext, "measure", str(n), unit="texts", quantity=str(n))
        _sub(_sub(fd, "publicationStmt"), "publisher", "pressroom")
        _sub(_sub(fd, "sourceDesc"), "p", "Transcripts of press conferences and briefings, parsed by pressroom.")
        _taxonomies(header)
        people.element(_sub(header, "profileDesc"))
        head = etree.tostring(corpus, encoding="UTF-8", pretty_print=True).decode("utf-8")
        close = "</teiCorpus>"
        cut = head.rstrip().rfind(close)
        out.write(b"<?xml version='1.0' encoding='UTF-8'?>\n")
        out.write(head[:cut].encode("utf-8"))
        body.seek(0)
        shutil.copyfileobj(body, out)
        out.write((close + "\n").encode("utf-8"))
    return n


def _chain(first, second, rest):
    yield first
    yield second
    yield from rest
