"""The header: kind, title, byline and principal, date, last-updated, place, "(As delivered)".

The header is the run of paragraphs at the top of the body that are not speech: title and
kind lines, bylines, date and time lines, venue lines, separators. It ends at the first
paragraph that reads as a sentence or at the first speaker label.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Iterable
from datetime import datetime

from dateutil import parser as dateparser

from .lines import Line
from .people import (
    MODERATED_BY,
    NOT_NAME,
    Person,
    name_words,
    hosts_named,
    moderators_named,
    is_title_word,
    people_in,
    people_in_field_lists,
    people_in_header_list,
    people_in_participants,
    people_in_roster,
    people_interviewed,
    person_from_field,
)
from ..text import fold_typography
from .words import WORDS

KINDS = [
    "joint press conference",
    "news conference",
    "press conference",
    "press briefing",
    "background press call",
    "press call",
    "press gaggle",
    "gaggle",
    "media availability",
    "press availability",
    "doorstep",
    "press point",
    "press statement",
    "briefing",
    "remarks",
    "interview",
    "press encounter",
    "town hall",
]
_KIND_LINE = re.compile(
    r"^\s*(?:joint\s+|regular\s+|virtual\s+|online\s+|daily\s+)?(?:press conference|news conference|press briefing|press gaggle|press call|background press call|media availability|press availability|doorstep|press point|briefing|remarks|transcript)\b[^.?!]{0,60}$",
    re.I,
)
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_RES = [
    re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + _MONTHS + r")\s*,?\s+(\d{4})\b"),
    re.compile(r"\b(" + _MONTHS + r")\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"),
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"),
]
_TIME = re.compile(r"^\s*\(?\s*\d{1,2}[:.]\d{2}\s*(?:[AP]\.?\s?M\.?)?\s*(?:[A-Z]{2,4}T)?\s*\)?\s*$", re.I)
_LAST_UPDATED = re.compile(r"last\s+updated\s*:?\s*(?P<date>.+?)\s*(?P<time>\d{1,2}:\d{2})?\s*$", re.I)
_AS_DELIVERED = re.compile(r"\(?\s*as\s+delivered\s*\)?", re.I)
_VENUE = re.compile(
    r"\b(?:Room|Headquarters|Hall|Center|Centre|Building|Palace|Ministry|House|Office|Teleconference|Aboard|en route|Air Force One|Auditorium|Embassy|Residence|Garden|Lawn|Studio)\b",
    re.I,
)
_BYLINE = re.compile(r"^\s*(?:[-–—•]\s*)?by\s+[A-Z]", re.I)
_SEPARATOR = re.compile(r"^\s*(?:[*•·\-–—_=~#]\s*){3,}$|^\s*(?:\\?[_*\-=]){3,}\s*$")


def parse_date(s: str) -> str | None:
    s = fold_typography(s)
    for rx in _DATE_RES:
        m = rx.search(s)
        if not m:
            continue
        try:
            if rx is _DATE_RES[2]:
                d = datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            elif rx is _DATE_RES[3]:
                d = datetime(int(m.group(3)), int(m.group(1)), int(m.group(2)))
            else:
                d = dateparser.parse(m.group(0).replace(".", " "), dayfirst=rx is _DATE_RES[0], fuzzy=False)
        except (ValueError, OverflowError):
            continue
        if 1800 < d.year < 2200:
            return d.date().isoformat()
    return None


def parse_datetime(s: str) -> str | None:
    s = fold_typography(str(s))
    m = re.match(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})", s)
    if m:
        return f"{m.group(1)}T{m.group(2)}"
    m = _LAST_UPDATED.search(s) if "updated" in s.lower() else None
    date_part = m.group("date") if m else s
    time_part = m.group("time") if m else None
    if time_part is None:
        tm = re.search(r"\b(\d{1,2}:\d{2})\b", date_part)
        if tm:
            time_part = tm.group(1)
            date_part = date_part[: tm.start()]
    d = parse_date(date_part)
    if d is None:
        return None
    if time_part:
        hh, mm = time_part.split(":")
        return f"{d}T{int(hh):02d}:{mm}"
    return d


def is_sentence(text: str) -> bool:
    t = text.strip().rstrip("*_ ")
    return bool(t) and t[-1] in ".?!\"'”’…" and not _AS_DELIVERED.fullmatch(t)


@dataclass
class Header:
    end_line: int = -1  # index (into the body lines) of the last header line, -1 for none
    kind: str | None = None
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    last_updated: str | None = None
    place: str | None = None
    organisation: str | None = None
    as_delivered: bool = False
    people: list[Person] = field(default_factory=list)
    #: the front matter's summary of the event (its `SUMMARY_FIELDS`), where it has one
    summary: str | None = None
    field_lines: list[int] = field(default_factory=list)
    #: a participants list's lines by side ("company": under "Executives", "analysts": under
    #: "Analysts"; headings in `company_sides` / `analyst_sides` of parse_words.json)
    sides: dict[str, list[str]] = field(default_factory=dict)


_FIELD_NAME = re.compile(r"\s*(?P<name>[^\W\d_][^\W\d_ .'\-]*(?:[ .'\-]+[^\W\d_]+){0,5}?)\s*:[ \t]")


def _header_field(text: str) -> bool:
    """A paragraph that opens with a catalogue's field name ("DESCRIPTION:  …"; `header_fields`)."""
    m = _FIELD_NAME.match(text)
    return m is not None and m.group("name").lower() in WORDS["header_fields"]


def header_paragraph(text: str) -> bool:
    """Is this paragraph part of a header rather than speech?"""
    t = fold_typography(text)
    if not t:
        return True
    if _SEPARATOR.match(t) or _TIME.match(t) or _AS_DELIVERED.fullmatch(t) or _BYLINE.match(t):
        return True
    if t.startswith(("•", "|", "·")) or "last updated" in t.lower():
        return True
    if re.fullmatch(r"\(?\s*" + _DATE_RES[1].pattern + r"\s*\)?", t) or re.fullmatch(
        r"\(?" + _DATE_RES[0].pattern + r"\)?", t
    ):
        return True
    if _KIND_LINE.match(t) and len(t.split()) <= 30:
        return True
    if person_from_field(t) or MODERATED_BY.search(t) or _header_field(t):
        return True  # a field naming someone; a publisher's note on who moderated; "DESCRIPTION: …"
    words = t.split()
    if not is_sentence(t) and len(words) <= 30:
        return True
    if t.isupper() and len(words) <= 40:
        return True
    return False


#: front-matter fields that sum a document up ("excerpt: Foreign Press Secretary, Jane Roe, speaks …"):
#: the people they name with a title are read as from its title
SUMMARY_FIELDS = ("excerpt", "description", "summary", "subtitle")
#: front-matter fields that name the people a document is by or about
PEOPLE_FIELDS = ("speakers", "speaker", "creators", "creator", "authors", "author")
#: front-matter fields that list a show's guests ("guests: [eric-bailey]"): the author is then the host
GUEST_FIELDS = ("guests", "guest", "interviewee", "interviewees")


def people_in_metadata(meta: dict) -> list[Person]:
    """People named by front-matter fields ("creators: ['Abbott, Tony']", "speaker: Jane Doe"):
    a catalogue's "Surname, Given" is turned round."""
    out: list[Person] = []
    for key in PEOPLE_FIELDS:
        value = meta.get(key)
        out += _field_people(value, None)
        if out:
            if any(k in meta for k in GUEST_FIELDS) and key in ("authors", "author"):
                # a show's page that lists its guests apart: its author is the host who asks them
                out = [Person(p.name, None, None, "interviewer") for p in out]
            return out
    # a field named for an office names its holder ("prime-minister: Whitlam, Gough")
    for key, value in meta.items():
        words = str(key).replace("-", " ").replace("_", " ").split()
        if words and all(is_title_word(w) for w in words) and isinstance(value, str):
            out += _field_people(value, " ".join(w.capitalize() for w in words))
    return out


def _field_people(value, title: str | None) -> list[Person]:
    if isinstance(value, dict):
        return _legend_people(value)
    out = []
    for v in [value] if isinstance(value, str) else value if isinstance(value, list) else []:
        if not isinstance(v, str) or not v.strip() or len(v) > 80:
            continue
        surname, comma, given = v.partition(",")
        name = f"{given.strip()} {surname.strip()}" if comma and given.strip() else v.strip()
        words = name.split()
        if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            out.append(Person(name, title, None, "metadata"))
    return out


#: lower-case words inside a full name ("Iván Espinosa de los Monteros"), not counted as its words
_CONNECTORS = frozenset(WORDS["name_connectors"])


def _legend_people(value: dict) -> list[Person]:
    """A front-matter map of labels to names ("speakers: {AM: Jane Roe, C: Female Caller}"): a
    person (source "legend", the label theirs) for each value that is a name, two to five
    capitalised words (`name_connectors` between them aside: "Ana de la Rosa"), none that is never
    a name's ("Female Caller", "Engineer"). A value may give
    the office too ("JR: {name: Jane Roe, title: Minister of Defence}")."""
    out = []
    for label, name in value.items():
        title = None
        if isinstance(name, dict):
            title = name.get("title") if isinstance(name.get("title"), str) else None
            name = name.get("name")
        words = str(name).split() if isinstance(name, str) else []
        core = [w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and w in _CONNECTORS)]
        if (
            2 <= len(core) <= 5
            and all(w[:1].isupper() and w.replace("-", "").replace("'", "").replace(".", "").isalpha() for w in core)
            and name_words(core)
            and not any(w.lower() in NOT_NAME for w in core)
        ):
            out.append(Person(" ".join(words), title, None, "legend", [str(label)]))
    return out


def read_header(
    lines: list[Line], first_label: int | None, metadata: dict, source_path: str | None, whole: bool = False
) -> Header:
    """Find the header among the body lines before the first label and read its fields. With
    ``whole``, everything before the first label is header (a title and a participants list)."""
    h = Header()
    limit = first_label if first_label is not None else len(lines)
    # paragraphs before the first label
    paras: list[tuple[int, int]] = []
    i = 0
    while i < limit:
        if lines[i].blank:
            i += 1
            continue
        j = i
        while j + 1 < limit and not lines[j + 1].blank:
            j += 1
        paras.append((i, j))
        i = j + 1
    header_lines: list[str] = []
    before = ""
    for a, b in paras:
        text = "\n".join(lines[k].norm for k in range(a, b + 1))
        if first_label is None and a == paras[0][0] and len(paras) == 1:
            break
        if not whole and not header_paragraph(text) and not _ends_a_hyphenated_word(before, text):
            break
        before = text
        h.end_line = b
        header_lines.extend(lines[k].norm.strip() for k in range(a, b + 1))
    _through_interview_byline(h, lines, paras, header_lines)
    _fields(h, header_lines, metadata, source_path)
    return h


def _ends_a_hyphenated_word(before: str, text: str) -> bool:
    """Does `text` finish the word the header paragraph before it broke with a hyphen, as a PDF's
    title does over two lines ("… bei Quantentechnolo-" / "gien“")?"""
    end = before.rstrip()
    return len(end) >= 2 and end[-1] == "-" and end[-2].isalpha() and text.lstrip()[:1].islower()


def _through_interview_byline(
    h: Header, lines: list[Line], paras: list[tuple[int, int]], header_lines: list[str]
) -> None:
    """An interview's byline before the first label ("JANE ROE interviewed by JOHN DOE") ends the
    header: the intro between it and the header ("The interview has been transcribed below …") is
    the publisher's, not speech."""
    later = [(a, b) for a, b in paras if a > h.end_line]
    end = next((b for a, b in later if a == b and people_interviewed(lines[a].norm)), None)
    if end is None:
        return
    header_lines.extend(lines[k].norm.strip() for k in range(h.end_line + 1, end + 1) if not lines[k].blank)
    h.end_line = end


def _clean_title(t: str) -> str:
    return " ".join(fold_typography(str(t)).split())


#: a Markdown heading's marks before a header line ("# Debate - Full Transcript")
_HEADING_MARKS = re.compile(r"^\s*#{1,6}\s+")


def _fields(h: Header, header_lines: list[str], meta: dict, source_path: str | None) -> None:
    folded = [_HEADING_MARKS.sub("", fold_typography(x)).strip(" •|·-") for x in header_lines]
    text_lines = [x for x in folded if x]
    _kind_lines(h, text_lines)
    _title(h, text_lines, meta)
    _people(h, text_lines, meta)
    _date(h, text_lines, meta, source_path)
    _place(h, text_lines)
    _organisation(h, meta)
    _sides(h, text_lines)


def _sides(h: Header, text_lines: list[str]) -> None:
    """The lines listed under a participants list's headings, by side ("Executives" / "Analysts")."""
    side = None
    for t in text_lines:
        key = t.strip(" :*#_").lower()
        if key in WORDS["company_sides"] or key in WORDS["analyst_sides"]:
            side = "company" if key in WORDS["company_sides"] else "analysts"
        elif side is not None:
            h.sides.setdefault(side, []).append(t)


def _kind_lines(h: Header, text_lines: list[str]) -> None:
    """The byline, the kind line, "As delivered" and "Last updated"."""
    for t in text_lines:
        low = t.lower()
        if h.byline is None and _BYLINE.match(t):
            h.byline = re.sub(r"^[-–—•\s]*", "", t)
        elif h.kind is None and _KIND_LINE.match(t) and len(t.split()) <= 6:
            h.kind = t.strip()
        if _AS_DELIVERED.search(t) and len(t) < 40:
            h.as_delivered = True
        if "last updated" in low and h.last_updated is None:
            h.last_updated = parse_datetime(t)


def _title(h: Header, text_lines: list[str], meta: dict) -> None:
    """The title (the front matter's, else the kind and byline, else the header's lines) and the kind it names."""
    title = meta.get("title")
    if title:
        h.title = _clean_title(title)
    elif h.kind and h.byline:
        h.title = f"{h.kind} {h.byline}"
    else:
        cands = [
            t
            for t in text_lines
            if not _TIME.match(t)
            and not _SEPARATOR.match(t)
            and parse_date(t) is None
            and not _AS_DELIVERED.fullmatch(t)
            and not person_from_field(t)
        ]
        upper = [t for t in cands if t.isupper() and len(t.split()) >= 3]
        if upper:
            h.title = (
                " ".join(upper[:2]) if len(upper) > 1 and not upper[0].startswith("THE WHITE HOUSE") else upper[-1]
            )
            # consecutive upper-case lines form one title
            h.title = _joined_upper(text_lines) or h.title
        elif cands:
            h.title = cands[0]
    if h.kind is None:
        low = (h.title or "").lower() + " " + " ".join(text_lines).lower()
        for k in KINDS:
            if k in low:
                h.kind = k[0].upper() + k[1:]
                break


def _people(h: Header, text_lines: list[str], meta: dict) -> None:
    """The people the header names: front matter, byline, title and summary first, then lists and fields."""
    seen: set[str] = set()
    _add_people(h, seen, people_in_metadata(meta))  # the front matter's author or speaker comes first
    _add_people(h, seen, [p for t in text_lines for p in people_in_field_lists(t)])
    for t in text_lines:  # then an interview's byline: the one interviewed, then the interviewer
        _add_people(h, seen, people_interviewed(t))
    summary = next((str(meta[k]) for k in SUMMARY_FIELDS if isinstance(meta.get(k), str)), None)
    h.summary = summary
    # a title joined from several lines in capitals is read line by line: a name ends at its line
    joined = bool(h.title) and h.title.isupper() and h.title not in text_lines
    titles = [t for t in text_lines if t.isupper() and t in h.title] if joined else [h.title]
    in_titles = [p for t in titles if t for p in people_in(t, "title")]
    if joined and not in_titles:
        in_titles = people_in(h.title, "title")  # the title given apart (a record's field), not the header's lines
    _add_people(h, seen, people_in(h.byline, "byline") if h.byline else [])
    _add_people(h, seen, in_titles)
    if summary:
        _add_people(h, seen, hosts_named(summary))  # "In this episode, host Jane Roe meets …": who asks
        _add_people(h, seen, people_in(summary, "title", summary=True))
    _add_people(h, seen, people_in_participants(text_lines))
    _add_people(h, seen, people_in_roster(text_lines))
    _add_people(h, seen, [p for t in text_lines for p in moderators_named(t)])
    for t in text_lines:
        _add_people(h, seen, people_in_header_list(t))
        p = person_from_field(t)
        _add_people(h, seen, [p] if p else [])


def _add_people(h: Header, seen: set[str], people: Iterable[Person]) -> None:
    """Add to the header the people whose name (case aside) it does not hold yet."""
    for p in people:
        if p.name.lower() not in seen:
            seen.add(p.name.lower())
            h.people.append(p)


def _date(h: Header, text_lines: list[str], meta: dict, source_path: str | None) -> None:
    """The date: a header line that is mostly a date, then metadata, title, byline, file name."""
    d = _date_line(text_lines, h.byline)
    if d:
        h.date = d
    if h.date is None and meta.get("date"):
        h.date = parse_date(str(meta["date"])) or None
    if h.date is None and h.title:
        h.date = parse_date(h.title)
    if h.date is None and h.byline:
        h.date = parse_date(h.byline)
    if h.date is None and source_path:
        h.date = date_from_filename(os.path.basename(source_path))
    if h.last_updated is None:
        for key in ("last_updated", "modified_time", "modified", "updated"):
            if meta.get(key):
                h.last_updated = parse_datetime(str(meta[key]))
                break


def _date_line(text_lines: list[str], byline: str | None) -> str | None:
    """The date of the first header line that is mostly a date (not an "updated" line, nor the byline's)."""
    for t in text_lines:
        if "updated" in t.lower() or (byline and t in byline):
            continue
        d = parse_date(t)
        if d:
            return d
    return None


def _place(h: Header, text_lines: list[str]) -> None:
    """The place: "at X" in the byline, else a venue line, else a dateline's."""
    if h.byline:
        m = re.search(
            r"\b(?:at|in)\s+(?:the\s+)?([A-Z][\w'’\-]*(?:\s+(?:[A-Z][\w'’\-]*|of|de|am|the))*)\s*\.?$", h.byline
        )
        if m:
            h.place = m.group(1)
    if h.place is None:
        for t in text_lines:
            if (
                _VENUE.search(t)
                and len(t.split()) <= 8
                and not _KIND_LINE.match(t)
                and t != h.title
                and not _BYLINE.match(t)
            ):
                h.place = t.strip(" ()")
                break
    if h.place is None:
        for t in text_lines:
            m = re.search(r",\s*([A-Z][\w]+(?:\s+(?:am|an|der|de|[A-Z][\w]+)){0,3}),\s*" + _DATE_RES[0].pattern, t)
            if m:
                h.place = m.group(1)
                break


def _organisation(h: Header, meta: dict) -> None:
    """The organisation: "President of the ECB" in a header list, else the publisher's site, else the
    principal's title prefix (NATO Secretary General → NATO)."""
    h.organisation = next((p.organisation for p in h.people if p.organisation), None)
    if h.organisation is None:
        h.organisation = organisation_from_url(str(meta.get("source_url") or meta.get("url") or ""))
    if h.organisation is None:
        for p in h.people:
            first = p.title.split()[0] if p.title else ""
            if first.isupper() and len(first) >= 2 and first.isalpha():
                h.organisation = first
                break


def _joined_upper(lines: list[str]) -> str | None:
    best: list[str] = []
    cur: list[str] = []
    for t in lines + [""]:
        if t and t.isupper() and len(t.split()) >= 2 and not _TIME.match(t):
            cur.append(t)
        else:
            if sum(len(x) for x in cur) > sum(len(x) for x in best):
                best = cur
            cur = []
    return " ".join(best) if best else None


_SITES = {
    "whitehouse.gov": "The White House",
    "nato.int": "NATO",
    "ecb.europa.eu": "European Central Bank",
    "federalreserve.gov": "Federal Reserve",
    "bankofengland.co.uk": "Bank of England",
    "fmprc.gov.cn": "Ministry of Foreign Affairs of the People's Republic of China",
    "millercenter.org": "Miller Center",
    "state.gov": "U.S. Department of State",
}


def organisation_from_url(url: str) -> str | None:
    m = re.match(r"https?://([^/]+)", url)
    if not m:
        return None
    host = m.group(1).lower()
    if "whitehouse" in host.split(".")[0]:  # whitehouse.gov and the archived bidenwhitehouse.archives.gov …
        return "The White House"
    for dom, org in _SITES.items():
        if host == dom or host.endswith("." + dom) or host.endswith(dom):
            return org
    return None


def date_from_filename(name: str) -> str | None:
    m = re.search(r"(19|20)(\d{2})[-_]?(\d{2})[-_]?(\d{2})", name)
    if m:
        try:
            return datetime(int(m.group(1) + m.group(2)), int(m.group(3)), int(m.group(4))).date().isoformat()
        except ValueError:
            return None
    return None
