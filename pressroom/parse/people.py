"""People named in titles, bylines and header lines; titles vs names; call-outs and introductions."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from ..text import fold_typography, for_matching
from .words import WORDS

TITLE_WORDS = WORDS["title_words"]  # see pressroom/data/parse_words.json
OFFICE_WORDS = WORDS["office_words"]  # see pressroom/data/parse_words.json
NOT_NAME = WORDS["not_name"]  # see pressroom/data/parse_words.json
PRESS_WORDS = WORDS["press_words"]  # see pressroom/data/parse_words.json
NON_PERSON = WORDS["non_person"] | (NOT_NAME - {"bill", "day"})  # see pressroom/data/parse_words.json
HONORIFICS = WORDS["honorifics"]  # see pressroom/data/parse_words.json
MODERATOR_WORDS = WORDS["moderator_words"]  # see pressroom/data/parse_words.json
OTHER_WORDS = WORDS["other_words"]  # see pressroom/data/parse_words.json
OUTLET_WORDS = WORDS["outlet_words"]  # see pressroom/data/parse_words.json

TOPIC_PREPOSITIONS = WORDS["topic_prepositions"]  # see pressroom/data/parse_words.json
TOPIC_LEADS = WORDS["topic_leads"]  # see pressroom/data/parse_words.json
OFFICE_HEADS = WORDS["office_heads"]  # see pressroom/data/parse_words.json
PRONOUNS = WORDS["pronouns"]  # see pressroom/data/parse_words.json

_CAP = r"[A-Z\u00c0-\u00de][\w'\u2019.\-]*"
_NAME_WORD = re.compile(r"^[A-Z\u00c0-\u00de][\w'\u2019\-]*\.?$")


@dataclass
class Person:
    name: str | None
    title: str | None = None
    organisation: str | None = None
    #: title | with (a title's "with …") | byline | header | metadata | label | interviewer | roster |
    #: moderated (a publisher's note: "The event was moderated by Jane Roe.") | legend (a front
    #: matter's map of labels to names, the label in `labels`)
    source: str = "title"
    labels: list[str] = field(default_factory=list)

    @property
    def surname(self) -> str | None:
        if not self.name:
            return None
        return self.name.split()[-1]


def is_title_word(w: str) -> bool:
    return w.lower().strip(".,'’") in TITLE_WORDS or w.strip(".,") in ("NATO", "ECB", "EU", "UN", "U.S.", "US")


def split_title_name(run: list[str]) -> tuple[list[str], list[str]]:
    """Split a run of capitalised words into (title words, name words): the name is the
    longest suffix of words that are not title words (at most four, not counting the particles
    between them: "Emanuela Batista de Souza Medrades" is one name)."""
    shouting = all(w.isupper() for w in run)
    k = len(run)
    while k > 0 and name_word_count(run[k:]) < 4:
        w = run[k - 1]
        if (
            is_title_word(w)
            or w.lower().strip(".,") in OFFICE_WORDS
            or (not shouting and w.isupper() and len(w) >= 2 and w.isalpha())
        ):
            break  # an office acronym such as APNSA in a mixed-case title
        k -= 1
    if k == len(run):
        # a surname that is also a title word ends the run ("Press Secretary Jason White", "Governor
        # Anna King", "Sir Aaron King"): after the title's words (or a form of address), the first
        # word no title holds starts the name
        for j in range(1, len(run) - 1):
            head, rest = run[:j], run[j:]
            if (
                all(is_title_word(w) or w.lower().strip(".,") in OFFICE_WORDS | HONORIFICS for w in head)
                and any(w.lower() != "the" for w in head)  # an article alone is no office: "The Temporary Speaker"
                and not is_title_word(rest[0])
                and len(rest) <= 4
                and not any(w.lower().strip(".,") in NON_PERSON for w in rest)
            ):
                return head, rest
    return run[:k], run[k:]


_CONNECT = ("de", "van", "von", "der", "al", "bin", "la", "du", "da")
#: the particles inside a full name (`name_connectors`: "de", "da", "van", "von" …), which a
#: name's four words do not count; a letter alone is an initial ("JOHN E SMITH")
NAME_PARTICLES = frozenset(w for w in WORDS["name_connectors"] if len(w) > 1)


def name_word_count(words: list[str]) -> int:
    """A name's words, not counting the particles between its capitalised words ("Emanuela Batista
    de Souza Medrades", "EMANUELA BATISTA DE SOUZA MEDRADES": four): a particle is one in lower
    case, or in capitals among capitals, never the first or last word, and the words around
    the particles are capitalised (else every word counts: "La consellera de Drets Socials")."""
    n = len(words)
    particles = [
        0 < i < n - 1 and (w in NAME_PARTICLES or (w.isupper() and w.lower() in NAME_PARTICLES))
        for i, w in enumerate(words)
    ]
    if not any(particles) or not all(w[:1].isupper() for w, p in zip(words, particles) if not p):
        return n
    return n - sum(particles)


HEADLINE_VERBS = WORDS["headline_verbs"]


def capitalised_runs(text: str) -> list[tuple[int, list[str]]]:
    """Runs of capitalised words (name connectors allowed inside) and their start offsets.
    A run ends at a lower-case word, at punctuation after a word, after a possessive ('s), or at a
    blank line (a label line's "Jane" and the speech's "Welcome …" below it are no one name)."""
    runs: list[tuple[int, list[str]]] = []
    cur: list[str] = []
    start = 0
    end = 0
    for m in re.finditer(r"\S+", text):
        w = m.group(0)
        core = w.strip(",;:()")
        if cur and text.count("\n", end, m.start()) >= 2:
            runs.append((start, cur))
            cur = []
        end = m.end()
        if cur and core in HEADLINE_VERBS:  # "Gen. Jane Roe Holds a Press Briefing"
            runs.append((start, cur))
            cur = []
            continue
        if core and (core[0].isupper() or (cur and core in _CONNECT)):
            if not cur:
                start = m.start()
            possessive = core.endswith(("'s", "’s"))
            cur.append(core[:-2] if possessive else core)
            if possessive or w.endswith((",", ";", ":", ")")):
                runs.append((start, cur))
                cur = []
        elif cur:
            runs.append((start, cur))
            cur = []
    if cur:
        runs.append((start, cur))
    return runs


#: "Aboard Air Force One En Route Kalamazoo, MI", up to a following "with"/"by" ("Press Gaggle
#: Aboard Air Force One with Press Secretary …")
_WHERE = re.compile(r"\s+(?i:en route|aboard|on board)\b.*?(?=\s+(?i:with|by)\s|$)")


def people_in(text: str, source: str, summary: bool = False) -> list[Person]:
    """People named with their titles in a title or byline:
    'Press Briefing by Press Secretary Jen Psaki, January 20, 2021' → Jen Psaki (Press Secretary).
    In a ``summary`` (a sentence about the event), only an office and a name set off by commas:
    'Foreign Press Secretary, Yasuhisa Kawamura, speaks …' → Yasuhisa Kawamura."""
    text = fold_typography(text)
    out: list[Person] = []
    upper = text.isupper()  # "TRANSCRIPT OF INTERVIEW WITH MINISTER K. SHANMUGAM"
    flags = re.I if upper else 0
    m = None if summary else re.search(r"\bby\b(.*)", text, flags) or re.search(r"\bwith\b(.*)", text, flags)
    segment, source = _named_part(text, m, source)
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", segment, flags=flags)
    office = None  # an office alone before a comma: "Foreign Press Secretary, Yasuhisa Kawamura, speaks"
    for n_part, part in enumerate(parts):
        # the first run of capitalised words that ends in a name ('… for Strategic Communications Ben Rhodes')
        prev_end = None
        before, office = office, None
        runs = capitalised_runs(part)
        if _add_honoured(runs, source, out, summary):
            continue
        for start, run in runs:
            opening = n_part == 0 and (start == 0 or prev_end is not None)  # "President of Russia Vladimir …"
            title, name = _split_listed(run) if (before or m) else split_title_name(run)
            if (before or m) and start == 0 and _name_alone(part, run, title, name):
                # "Foreign Press Secretary, Jane Roe"; "… with Jane Roe and John Doe": the names of a
                # list after "by" or "with"
                out.append(Person(cased_name(name) if upper else " ".join(name), before, None, source))
                break
            if summary and not opening:  # past the sentence's opening words, only "Office, Name,"
                office = _office_alone(part, start, run, title, name)
                break
            office = _office_alone(part, start, run, title, name) or office
            if not title and prev_end is not None:
                title, name = _after_office(part[prev_end:start], run, name)
            prev_end = start + len(" ".join(run)) if run and is_title_word(run[-1]) or title else None
            name = [w for w in name if not re.search(r"\d", w)]
            if not name:
                continue
            if not title and start == 0:
                break
            if _not_a_titled_name(title, name):
                continue
            full_title = " ".join((part[:start].split() + title)).strip(" ,")
            out.append(Person(cased_name(name) if upper else " ".join(name), full_title, None, source))
            break
    return out


def _split_listed(run: list[str]) -> tuple[list[str], list[str]]:
    """`split_title_name` in a list of people after "by" or "with", where two or three words of
    which only the last is a title or office word are a given name and a surname ("… with Jane Roe
    and Aaron House", "Carole King")."""
    if (
        2 <= len(run) <= 3
        and is_title_word(run[-1])
        and not any(is_title_word(w) or w.lower().strip(".,") in OFFICE_WORDS for w in run[:-1])
    ):
        return [], run
    return split_title_name(run)


def _office_alone(part: str, start: int, run: list[str], title: list[str], name: list[str]) -> str | None:
    """The run, where it is an office and no name and ends its part ("Foreign Press Secretary,"
    before "Yasuhisa Kawamura, speaks"), else None."""
    if not name and title and is_title_word(title[-1]) and part[start + len(" ".join(run)) :].strip() == "":
        return " ".join(run)
    return None


def _after_office(between: str, run: list[str], name: list[str]) -> tuple[list[str], list[str]]:
    """(title, name) of a run that follows an office and "for"/"of" (``between``): the office's
    portfolio, then the name ("Minister for Trade Aaron Abbott", "Secretary of Housing and Urban
    Development Marcia L. Fudge": the name is the last two words, three with an initial between);
    else no title and the name as it was."""
    if len(run) < 3 or not re.fullmatch(r"\s+(?:for|of|and|for the|of the)\s+", between):
        return [], name
    k = 3 if len(run) >= 4 and re.fullmatch(r"[A-Z]\.", run[-2]) else 2
    return run[:-k], run[-k:]


def _add_honoured(runs: list[tuple[int, list[str]]], source: str, out: list[Person], summary: bool) -> bool:
    """The person a part's runs of capitalised words (`_runs`) name by an honorific and a full name
    ("Conférence de presse de M. Jean Roe, ministre …, et Mme Ann Doe, ministre …"), added to
    ``out``: the first so named in a title is the event's, the others stand beside them ("with").
    Was there one? (Not in a summary.)"""
    honoured = None if summary else next((run for _, run in runs if _honorific_name(run)), None)
    if honoured is None:
        return False
    later = source == "title" and any(p.source == "title" for p in out)
    out.append(Person(" ".join(honoured[1:]), None, None, "with" if later else source))
    return True


def _honorific_name(run: list[str]) -> bool:
    """Is a run of capitalised words an honorific and a full name ("M. Jean Roe", "Mme Ann
    Doe-Poe"), two or three words and no title after the honorific?"""
    return (
        3 <= len(run) <= 4
        and run[0].lower().strip(".") in HONORIFICS
        and name_words(run[1:])
        and not any(is_title_word(w) for w in run[1:])
    )


def _named_part(text: str, m: re.Match | None, source: str) -> tuple[str, str]:
    """Who comes after "by" or "with" ("Press Gaggle Aboard … with …"), without where they were
    ("… Jen Psaki En Route Washington"); people "with" whom an event is (a title's "… news conference
    with Jane Roe") have the source "with": beside whoever the event is by."""
    if m is not None and source == "title" and m.group(0)[:4].lower() == "with":
        source = "with"
    segment = m.group(1).lstrip() if m else text
    return _WHERE.sub("", segment), source


def _name_alone(part: str, run: list[str], title: list[str], name: list[str]) -> bool:
    """Is the run, the whole of its part, a name of two to four words and no title (the person an
    office alone before the comma names: "Foreign Press Secretary, Yasuhisa Kawamura")?"""
    return (
        not title
        and 2 <= len(name) <= 4
        and name_words(name)
        and not any(w.lower() in NOT_NAME for w in name)
        and part[len(" ".join(run)) :].strip() == ""
    )


def _not_a_titled_name(title: list[str], name: list[str]) -> bool:
    """No title, or a "name" that is a title word, an acronym or a thing ("… on the Infrastructure
    Bill"; but "Press Secretary Bill Day" is a person)."""
    if not title or (len(name) == 1 and name[0].lower() in TITLE_WORDS):
        return True
    if len(name) == 1 and name[0].isupper() and len(name[0]) <= 4:
        return True  # an acronym, not a name
    if any(w.lower().strip(".,") in NON_PERSON for w in name):
        return True  # "National Assembly", "… of the Senate"
    return any(w.lower() in NOT_NAME - {"bill", "day"} for w in name) or (
        len(name) == 1 and name[0].lower() in NOT_NAME
    )


def cased_name(words: list[str]) -> str:
    """A name printed in capitals, in its own case: "K. SHANMUGAM" → "K. Shanmugam"."""
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in words)


_HEADER_LIST = re.compile(
    r"(?P<name>[A-Z\u00c0-\u00de][\w'\-]+(?:\s+(?:[A-Z\u00c0-\u00de][\w'.\-]*|de|van|von|der|la|du))+)\s*,\s*"
    r"(?P<title>(?:[A-Z][\w\-]*\s+)*?(?:Vice[- ])?(?:President|Vice-President|Governor|Deputy Governor|Chair|Chairman|"
    r"Chairwoman|Vice Chair|Secretary|Minister|Director|Chief Economist|Spokesperson|Member of the [\w ]+?))"
    r"(?:\s+of\s+(?:the\s+)?(?P<org>[A-Z][\w]*(?:\s+[A-Z][\w]*)*))?"
)


def people_in_header_list(text: str) -> list[Person]:
    """'Mario Draghi, President of the ECB,Luis de Guindos, Vice-President of the ECB,…'."""
    out = []
    for m in _HEADER_LIST.finditer(fold_typography(text)):
        title = m.group("title")
        org = m.group("org")
        out.append(Person(m.group("name"), title + (f" of the {org}" if org else ""), org, "header"))
    return out


_ROSTER_COMMA = re.compile(r"(?P<title>[A-Z][\w.\-]*(?: [A-Za-z][\w.\-]*){0,4}),\s+(?P<name>[^,]+)")


def people_in_roster(lines: list[str]) -> list[Person]:
    """A roster on a cover page: two or more lines in a row, each an office and a name ("Mayor Jane
    Roe", "Vice Mayor Ann Doe", "City Attorney, John Roe"): one person per line, titled with the
    office, so that a label of office and surname ("Mayor Roe:") finds the full name."""
    out: list[Person] = []
    run: list[Person] = []
    for line in [*lines, ""]:
        p = _roster_line(line)
        if p is not None:
            run.append(p)
            continue
        if sum(1 for q in run if q.title or q.organisation) >= 2:  # a name alone ("Jane Roe") only among offices
            out.extend(run)
        run = []
    return out


def _roster_line(line: str) -> Person | None:
    """One line of a roster: an office and a name ("Senator Jane Roe"), the list's own punctuation
    aside ("…;", "…; and"); a name and a note in brackets, a seat or an outlet ("Jane Roe (MD);",
    "John Doe (CBS News)"), the note the organisation; or a name alone, which `people_in_roster`
    keeps only among lines that give an office or a note."""
    text = _LIST_TAIL.sub("", fold_typography(line).strip())
    note = _ROSTER_NOTE.search(text)
    if note:
        text = text[: note.start()].rstrip()
    if not text or len(text.split()) > 7 or text[-1:] in ".?!:;" or any(c.isdigit() for c in text):
        return None
    m = _ROSTER_COMMA.fullmatch(text)
    if m:
        title, name = m.group("title").split(), m.group("name").split()
    else:
        title, name = split_title_name(text.split())
        if note and not name and not is_title_word(text.split()[0]):
            title, name = [], text.split()  # "Jane White (CBS)": a surname that is a title word
    if not 2 <= len(name) <= 3 or not all(w[:1].isupper() for w in name) or not name_words(name):
        return None
    return Person(" ".join(name), " ".join(title) or None, note.group(1) if note else None, "roster")


#: a list's punctuation closing a roster's line ("Jane Roe;", "John Doe; and")
_LIST_TAIL = re.compile(r"\s*[;,](?:\s*and)?\s*$")
#: a note in brackets closing a roster's line: a seat, a state, an outlet ("(MD)", "(CBS News)")
_ROSTER_NOTE = re.compile(r"\s*\(([A-Z][^()]{0,40})\)$")


_LIST_HEADING = re.compile(r"(?P<head>[A-Za-z][A-Za-z \-]{1,30}?)\s*:")


def capitals_name(text: str) -> bool:
    """A person's name printed in capitals on a line of its own ("PIERRE-OLIVIER GOURINCHAS")."""
    words = text.strip().strip("*_").split()
    return (
        2 <= len(words) <= 5
        and all(w.isupper() and w.replace("-", "").replace(".", "").replace("'", "").isalpha() for w in words)
        and not is_title_word(words[0])
        and not any(w.lower() in NON_PERSON or w.lower() in OUTLET_WORDS for w in words)
    )  # "ANNA KING", not "PRIME MINISTER"


def people_in_participants(lines: list[str]) -> list[Person]:
    """A participants list of names in capitals, each on its line with its office on the next,
    under headings ("Moderator:" / "JANE ROE" / "Communications Department" / "Panelists:" / …):
    one person per name, titled with the office; under a moderator's heading, "Moderator, …"."""
    out = []
    heading = ""
    for k, line in enumerate(lines):
        m = _LIST_HEADING.fullmatch(line)
        if m:
            heading = m.group("head").strip()
            continue
        if not capitals_name(line) or line.rstrip(".").upper() == heading.upper():
            continue
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        office = (
            nxt
            if nxt
            and not capitals_name(nxt)
            and not _LIST_HEADING.fullmatch(nxt)
            and nxt[-1:] not in ".?!"
            and len(nxt) <= 100
            and not any(c.isdigit() for c in nxt)
            else None
        )
        if heading.lower() in WORDS["floor_titles"]:
            office = heading + (f", {office}" if office else "")
        name = " ".join(
            w.capitalize() if "-" not in w else "-".join(x.capitalize() for x in w.split("-")) for w in line.split()
        )
        out.append(Person(name, office, None, "header"))
    return out


_FIELD_PERSON = re.compile(
    r"^(?P<title>[A-Z][\w .\-]{1,40}?)\s*:\s*(?P<name>[A-Z][\w'.\-]+(?:\s+[A-Z][\w'.\-]+){1,3})\s*$"
)


#: a publisher's note on who moderated the event ("The event was moderated by Jane Roe.")
MODERATED_BY = re.compile(
    r"\b(?:was|were|is|are|will be)\s+moderated\s+by\s+(?P<name>[A-Z][\w'.\-]+(?:\s+[A-Z][\w'.\-]+){1,3})"
)


def moderators_named(text: str) -> list[Person]:
    """Who a publisher's note says moderated the event: "The event was moderated by Carter Keeling."."""
    return _people_named(MODERATED_BY, text, "Moderator", "moderated")


def _people_named(rx: re.Pattern, text: str, title: str | None, source: str) -> list[Person]:
    """The people whose names (`rx`'s "name" group) a note gives: each a name by `name_words`."""
    out = []
    for m in rx.finditer(fold_typography(text)):
        words = m.group("name").rstrip(".").split()
        if name_words(words):
            out.append(Person(" ".join(words), title, None, source))
    return out


#: a show's description naming its host ("In this episode, host Jane Roe meets …", "hosted by Jane Roe")
HOSTED_BY = re.compile(
    r"(?<![\w-])(?i:"
    + "|".join(re.escape(w) for w in sorted(WORDS["host_leads"], key=len, reverse=True))
    + r"),?\s+\[?(?P<name>[A-Z][\w'.\-]+(?:\s+[A-Z][\w'.\-]+){1,3})"
)


def hosts_named(text: str) -> list[Person]:
    """The host a show's description names (`host_leads`: "host Jane Roe", "hosted by Jane Roe", a
    Markdown link around the name allowed): the interviewer, who asks the guests."""
    return _people_named(HOSTED_BY, text, None, "interviewer")


#: a field that lists the event's people, "PARTICIPANTS:Jane Roe;Senator John Doe (VT); MODERATORS:Ann Poe (PBS)"
_LIST_FIELD = re.compile(
    r"(?P<field>[A-Za-z][A-Za-z ]{2,20}?)\s*:\s*(?P<items>[^:]*?)(?=\s*[A-Za-z][A-Za-z ]{2,20}?\s*:|$)"
)


def people_in_field_lists(line: str) -> list[Person]:
    """The people a header's list fields name, entries split by semicolons: those under a moderator's
    field (`floor_titles`: "MODERATORS:") moderate, those under `panel_fields` ("PARTICIPANTS:",
    "CANDIDATES:") are the event's principals. A title before a name and an outlet in brackets go."""
    out: list[Person] = []
    if ";" not in line:
        return _one_field_list(line)
    for m in _LIST_FIELD.finditer(fold_typography(line)):
        moderating = _list_field(m.group("field"))
        if moderating is None:
            continue
        for entry in re.split(r";|\band(?=[A-Z\s])", m.group("items")):
            entry = re.sub(r"\([^()]*\)", " ", entry).strip(" ,.")
            title, name = split_title_name(entry.split())
            if 2 <= len(name) <= 4 and name_words(name):
                out.append(_listed(name, title, moderating))
    return out


def _list_field(field: str) -> bool | None:
    """A list field's kind: True for the moderators' (`floor_titles`), False for a panel's
    (`panel_fields`), None for another field."""
    field = field.strip().lower()
    if field in WORDS["floor_titles"]:
        return True
    return False if field in WORDS["panel_fields"] else None


def _listed(name: list[str], title: list[str], moderating: bool) -> Person:
    """A person a list field names: a moderator, or one of the event's principals."""
    if moderating:
        return Person(" ".join(name), "Moderator", None, "moderated")
    return Person(" ".join(name), " ".join(title) or None, None, "metadata")


#: one list field on its own line, its name in emphasis or not: "**Moderators**: Jane Roe (WRIC) and John Doe (WAVY)"
_ONE_FIELD = re.compile(r"^[*_\s]*(?P<field>[A-Za-z][A-Za-z ]{2,20}?)[*_\s]*:[*_\s]*(?P<items>.+?)[*_\s]*$")


def _one_field_list(line: str) -> list[Person]:
    """A single list field whose entries a comma or "and" parts ("Participants: Jane Roe (D) and
    John Doe (R)"): those of a moderator's field moderate, those of a panel's are principals; only
    where every entry is a name."""
    m = _ONE_FIELD.match(fold_typography(line))
    if m is None:
        return []
    moderating = _list_field(m.group("field"))
    if moderating is None:
        return []
    entries = [e.strip(" ,.") for e in re.split(r",|\band\b|&", re.sub(r"\([^()]*\)", " ", m.group("items")))]
    names = [e.split() for e in entries if e]
    if len(names) < 2 or not all(2 <= len(n) <= 4 and name_words(n) for n in names):
        return []
    return [_listed(n, [], moderating) for n in names]


def person_from_field(line: str) -> Person | None:
    """'President: Lyndon B. Johnson' (a header field naming the principal)."""
    m = _FIELD_PERSON.match(fold_typography(line))
    if not m or not name_words(m.group("name").split()):
        return None  # "Article: Green Party" names an organisation
    return Person(m.group("name"), m.group("title"), None, "header")


_NAMED = r"[A-Z\u00c0-\u00de][\w'\-]+(?:\s+[A-Z\u00c0-\u00de][\w'\-]+){1,3}"
#: "JANE ROE interviewed by JOHN DOE" / "John Doe interviews Party Leader, Jane Roe." /
#: "John Doe's interview with Jane Roe": a byline naming the one interviewed and the interviewer
_INTERVIEW = re.compile(
    rf"^(?:(?P<a>{_NAMED}),? (?:is |was )?interviewed by (?P<b>{_NAMED})"
    rf"|(?:[\w+&.'\-]+'s )?(?P<b2>{_NAMED})(?:'s interview with| interviews) (?:[\w,'\- ]{{0,60}}?[ ,])?(?P<a2>{_NAMED})"
    rf"|(?:.{{0,80}}?\b)?[Ii]nterview(?:ed)? with (?P<a3>{_NAMED})"
    rf"|(?:[\w'\- ]{{0,40}}? )?(?P<b3>{_NAMED}) interviewed (?:her|him|them))"
    r"\W{0,3}$"
)


def people_interviewed(line: str) -> list[Person]:
    """The interviewee (the principal) and the interviewer (a reporter, source "interviewer") that
    a byline names."""
    t = re.split(r"(?<=[.!?])\s+", fold_typography(line.strip(" \t*_")))[-1]  # its last sentence
    m = _INTERVIEW.match(t) if len(t.split()) <= 16 else None
    if m is None:
        return []
    a = m.group("a") or m.group("a2") or m.group("a3")
    b = m.group("b") or m.group("b2") or m.group("b3")
    out = []
    for name, role in ((a, None), (b, "interviewer")):
        if name and name_words(name.split()):
            name = cased_name(name.split()) if name.isupper() else name
            out.append(Person(name, role, None, "interviewer" if role else "byline"))
    return out


# ---- introductions -------------------------------------------------------------------
_OUTLET = r"(?:the\s+)?(?P<outlet>[A-Z0-9\u00c0-\u00de][\w'&.\-]*(?:\s+(?:[A-Z0-9\u00c0-\u00de][\w'&.\-]*|for|of|de|and|the|für|du|la|el|al)){0,6})"
_PERSON = rf"(?P<name>{_NAMED})"


def _trim_outlet(outlet: str) -> str:
    words = outlet.split()
    while words and words[-1].lower() in ("for", "of", "de", "and", "the", "für", "du", "la", "el", "al"):
        words.pop()
    out = " ".join(words)
    cut = re.search(r"\.\s", out)
    if cut:
        out = out[: cut.start()]
    return out.rstrip(".").strip("_*")  # Markdown emphasis: "del _Heraldo de México_."


@dataclass
class Intro:
    name: str
    outlet: str | None
    place: str | None
    start: int  # offset of the name in the searched text


#: words before a name in an introduction ("Next question, Kaitlan Collins …", "Sure. It's Michelle
#: Jamrisko from Bloomberg.") and a self-introduction ("Hi, Steve Liesman, CNBC.", "Happy Birthday, John.")
_SELF_LEADS = {
    "hi",
    "hello",
    "yes",
    "thanks",
    "thank",
    "good",
    "sure",
    "so",
    "okay",
    "and",
    "it's",
    "i'm",
    "happy",
    "merry",
    "sir",
    "ma'am",
    "madam",
}  # "Sir, Cedric Castillo from GMA 7": the briefer addressed
_INTRO_LEADS = _SELF_LEADS | {"go", "to", "now", "next", "question", "for", "this", "is"}


def find_intro(text: str, name: str | None = None) -> Intro | None:
    """A reporter introduced by name in a moderator's words:
    'we'll go to Bratislava and Andrej Matisak from Pravda' → (Andrej Matisak, Pravda, Bratislava).
    With `name`, look for that person; else take the last 'Name from/with/at Outlet' phrase, or,
    failing that, a call-out that ends the turn: "Next we'll go to Brian Karem, Playboy."
    Introductions close a turn: only its last 600 characters are read."""
    t = fold_typography(text[-600:])
    if t.isupper():
        return None
    intros: list[Intro] = []
    if name:
        for m in re.finditer(re.escape(fold_typography(name)), t):
            intros.append(_intro_at(t, m.start(), m.end(), m.group(0)))
    else:
        for m in _NAME_FROM_OUTLET.finditer(t):
            nm = m.group("name")
            words = nm.split()
            while words and (words[0].lower() in _INTRO_LEADS or is_title_word(words[0])):
                words.pop(0)
            if len(words) < 2 or not name_words(words):
                continue  # "… a vote of the SWIFT Board of Directors", "the Army Corps of Engineers"
            nm = " ".join(words)
            start = m.start("name") + m.group("name").find(nm)
            intros.append(_intro_at(t, start, start + len(nm), nm))
        if not intros:
            intros.append(_called_last(t))
    intros = [i for i in intros if i is not None]
    return intros[-1] if intros else None


#: 'Name from/of/with/at Outlet' (`find_intro`)
_NAME_FROM_OUTLET = re.compile(_PERSON + r"\s+(?:from|of|with|at)\s+" + _OUTLET)


def _called_last(t: str) -> Intro | None:
    """A call-out that ends a turn: "Next we'll go to Brian Karem, Playboy.", or an operator's "Our
    next question is from Richard Roe. Your line is open." (no outlet)."""
    m = _GO_TO_NAME_OUTLET.search(t)
    outlet = _trim_outlet(m.group("outlet")) if m else ""
    if outlet and _outlet_like(outlet) and name_words(m.group("name").split()):
        return Intro(m.group("name"), outlet, None, m.start("name"))
    m = _QUESTION_FROM.search(t)
    if m and name_words(m.group("name").split()):
        return Intro(m.group("name"), None, None, m.start("name"))
    return None


_QUESTION_FROM = re.compile(
    r"\b(?i:question)\s+(?:is|comes|will come)\s+from\s+(?:the\s+line\s+of\s+)?(?P<name>[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){0,3})"
    r"\s*[.,]"
)
_GO_TO_NAME_OUTLET = re.compile(
    r"\b(?i:go(?:es)?|turn|over)\s+to\s+" + _PERSON + r"\s*,\s*" + _OUTLET + r"\s*[.?!]?\s*$"
)


def _intro_at(t: str, start: int, end: int, name: str) -> Intro | None:
    after = t[end:]
    before = t[:start]
    outlet = place = None
    m = re.match(
        r"\s*(?:,\s*)?(?:from|of|with|at)\s+" + _OUTLET + r"(?:\s*,\s*(?P<place>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?))?",
        after,
    )
    if m:
        outlet = _trim_outlet(m.group("outlet"))
        if m.group("place") and not re.match(r"\s*,\s*[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?\s+\w", after[m.end("outlet") :]):
            place = m.group("place")
    mb = re.search(
        r"(?:\bto|\bfrom|\bin)\s+(?P<place>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)\s*(?:,\s*(?P<outlet>[A-Z][\w'&.\-]*(?:\s+[A-Z][\w'&.\-]*){0,4})\s*,|,?\s+and)\s*$",
        before,
    )
    if mb:
        place = place or mb.group("place")
        if mb.group("outlet") and not outlet:
            outlet = mb.group("outlet")
    if outlet and outlet.lower() in ("the", "you", "us", "me"):
        outlet = None
    return Intro(name, outlet, place, start)


#: "…, del periódico" / "…, corresponsal de": words between the comma and the outlet (`outlet_leads`)
_OUTLET_LEAD = "|".join(re.escape(x) for x in sorted(WORDS["outlet_leads"], key=len, reverse=True))
_SELF = re.compile(
    r"^(?:.{0,60}?[.,!]\s+)?(?:(?i:I'm|I am|this is|it's|my name is)\s+)?"
    + _PERSON
    + r"\s*(?:,(?:\s*(?:"
    + _OUTLET_LEAD
    + r")\s+)?|\bwith\b|\bfrom\b|\bof\b|\bat\b)\s*[_*]*"
    + _OUTLET
)
_OUTLET_FIRST = re.compile(
    r"^(?:[^.?!]{0,40}?[.,!]\s+)?" + _OUTLET.replace("outlet", "outlet") + r"\s*,\s*" + _PERSON + r"\s*[,.]"
)


#: a necessary condition for _SELF and _OUTLET_FIRST (a person, then a comma, a full stop or
#: with/from/of/at), tested on the raw text before folding it (folding only turns
#: spaces, quotes and dashes into their plain forms, so a person in the folded text passes this)
_RAW_WORD = r"[A-Z\u00c0-\u00de][\w'\-\u2018\u2019\u201a\u201b\u2032\u00b4\u2010\u2011]++"  # whole words only
_RAW_SPACE = r"[\s\u2060\ufeff\u200b]"
_PERSON_THEN_SEP = re.compile(
    _RAW_WORD + "(?:" + _RAW_SPACE + "+" + _RAW_WORD + "){1,3}" + _RAW_SPACE + "*(?:[,.]|(?:with|from|of|at)\\b)"
)


def self_introduction(
    text: str, name: str | None = None, briefers: frozenset[str] = frozenset()
) -> tuple[str | None, str | None]:
    """'Howard Schneider with Reuters.' / 'Steve Liesman, CNBC.' / 'TV Imedi, Ketevan Kardava, …'
    at the start of a question → (name, outlet). ``briefers``: the lower-case words of the
    briefers' names, which address them and name no outlet ("Supreme Court, Jen?")."""
    if not _PERSON_THEN_SEP.search(text, 0, 300):
        return None, None  # both forms need a person followed by a separator
    t = fold_typography(text[:300])
    if t.isupper():
        return None, None  # all-capitals captions: names cannot be told from other words
    m = _SELF.match(t)
    if m:
        nm = m.group("name")
        words = nm.split()
        while words and words[0].lower() in _SELF_LEADS:
            words.pop(0)
        nm = " ".join(words)
        if (
            len(words) >= 2
            and (name is None or fold_typography(name).lower() == nm.lower())
            and name_words(words)
            # "On China, Karine, …", "But Jake Sullivan, Finer, …": a topic, not a person
            and words[0].lower() not in TOPIC_PREPOSITIONS
            and words[0].lower() not in TOPIC_LEADS
        ):
            outlet = _trim_outlet(m.group("outlet"))
            # "East Palestine, Ohio", "Silvio Berlusconi, Italy": a place after a comma is no outlet
            # ("Geeta Mohan from India today" is a reporter whose outlet lost a capital)
            comma = "," in t[m.end("name") : m.start("outlet")]
            if (
                outlet
                and _outlet_like(outlet)
                and outlet.lower() not in briefers
                and not (comma and outlet.lower() in _places())
            ):
                return nm, outlet
    if name:
        m2 = _OUTLET_FIRST.match(t)
        if m2 and fold_typography(name).lower() == m2.group("name").lower():
            return m2.group("name"), _trim_outlet(m2.group("outlet"))
    return None, None


def name_words(words: list[str]) -> bool:
    """Can these capitalised words be a person's name: no title before it ("Interim President"
    aside, titles are stripped before this is asked), no "Board", "Corps", "Friday" in it?"""
    return (
        bool(words)
        and not is_title_word(words[0])
        and not any(w.lower() in NON_PERSON or w.endswith(("'s", "\u2019s")) for w in words)
    )  # nor "St. Patrick's Day"


def _outlet_like(outlet: str) -> bool:
    """What follows a self-introduced name can be an outlet: not an address ("Mr. President"),
    a pronoun ("…, I know", "…, I'm the deputy …") or an official's title ("…, the White House Monkeypox Response
    Coordinator")."""
    words = outlet.lower().rstrip(".").split()
    return (
        words[0].rstrip(".") not in ("mr", "madam", "chair", "president", "governor", "secretary")
        and words[0].split("'")[0] not in PRONOUNS  # "I", "I'm", "we're"
        and words[-1] not in OFFICE_HEADS
    )


@functools.lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Lower-case names of the countries and of the US states (pycountry), loaded on first use."""
    import pycountry

    names = {c.name for c in pycountry.countries} | {getattr(c, "common_name", c.name) for c in pycountry.countries}
    names |= {s.name for s in pycountry.subdivisions.get(country_code="US")}
    return frozenset(n.lower() for n in names)


_SELF_NAMED = re.compile(r"(?i:\bI'm|\bI am|\bmy name is|\bthis is)\s+" + _PERSON)
SELF_CUE = re.compile(
    r"(?i:\bI\s*['\u2018\u2019\u2032\u00b4]\s*m|\bI\s+am|\bmy\s+name\s+is|\bthis\s+is|"
    + "|".join(r"\b" + r"\s+".join(map(re.escape, cue.split())) for cue in sorted(WORDS["own_name_cues"]))
    + r")\s"
)


def self_named(text: str, surname: str) -> str | None:
    """ "I'm Andy Slavitt, …" in a speaker's own words, for a label that gives only a surname."""
    # folding starts by mapping no-break spaces, curly quotes and dashes to plain ones, one
    # character for one; where NFKC then changes nothing (and no backslash is removed), folding
    # changes no letter and no word break
    plain = "\\" not in text
    t = for_matching(text) if plain else text
    plain = plain and (t.isascii() or unicodedata.is_normalized("NFKC", t))
    if plain and surname.lower() not in t.lower():
        return None  # the surname is not there
    if plain:
        # fold only a window at each cue ("I'm", "this is", …), not the whole (often long) turn
        found = (_SELF_NAMED.match(fold_typography(t[c.start() : c.start() + 200])) for c in SELF_CUE.finditer(t))
    elif not SELF_CUE.search(text):  # cheap test on the raw text before folding all of it
        return None
    else:
        found = _SELF_NAMED.finditer(fold_typography(text))
    for m in found:
        if m is None:
            continue
        words = m.group("name").split()
        if len(words) >= 2 and words[-1].lower() == surname.lower():
            return " ".join(words)
        for k in range(2, len(words)):
            if words[k - 1].lower() == surname.lower():
                return " ".join(words[:k])
    return None


DISCOURSE = WORDS["discourse"]  # see pressroom/data/parse_words.json
_CALL = re.compile(
    r"(?:^|(?<=[.!?])\s+|(?<=\w)(?:\s+-{1,2}\s*|--\s*|\s*[\u2014\u2013]\s*)(?=[A-Z][a-z]+[.?!]\s*$))(?P<lead>(?i:okay|ok|all right|yes|and|go ahead),?\s+)?(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)"
    r"(?P<after>(?i:,\s*(?:in the back|in the front|in the middle|go ahead|please|again|yes|you're up)))?[.?!]\s*$"
)
_ADDRESS = re.compile(
    r"^(?P<lead>(?i:well|so|look|yes|no|and|okay|sure|thanks|thank you|again),?\s+)?(?P<name>[A-Z][a-z]+),\s"
)


#: endings of adverbs of 7 letters or more ("Unfortunately.", "Hopefully."), which no first name of
#: that length has (Sally, Kelly and Emily are shorter; short adverbs are in DISCOURSE)
_ADVERB_ENDINGS = ("ally", "ully", "tely", "ibly", "ably", "icly", "dly", "uly", "ously", "ntly", "edly", "ingly")
#: participles that a briefer says alone ("Shocked.", "Relieved.", "Counting."): a bare call-out of
#: such a word (7 letters or more) names nobody; a led one ("Go ahead, Manning.") still does
_PARTICIPLE_ENDINGS = ("ked", "ved", "ing", "ings")


def _first_name(name: str | None, exclude: set[str]) -> str | None:
    if not name:
        return None
    first = name.split()[0]
    if (
        first.lower() in DISCOURSE
        or name.lower() in exclude
        or first.lower() in exclude
        or (len(first) >= 7 and first.lower().endswith(_ADVERB_ENDINGS))
        or not name_words(name.split())
    ):
        return None
    return name


TITLE_ABBREVIATIONS = WORDS["title_abbreviations"]  # see pressroom/data/parse_words.json
_WORD_JOINERS = "_'’-"
#: what joins a word before it or makes it a handle or an address's part, no word of prose ("@jane", ".../jane")
_HANDLE_MARKS = _WORD_JOINERS + "@/"


def written_in_lower_case(word: str, text: str) -> bool:
    """Is ``word`` printed somewhere in ``text`` in lower case ("today", "inflation")? A first name
    that a briefer calls out ("Karen.", "Go ahead, Steve.") is not, nor a handle ("@karen") or a
    part of an address (".../karen")."""
    w = word.lower()
    n = len(w)
    if not n:
        return False
    i = text.find(w)
    while i >= 0:  # str.find, not a regex: one regex per name would be compiled anew each time
        before = text[i - 1] if i else " "
        after = text[i + n] if i + n < len(text) else " "
        if not (before.isalnum() or before in _HANDLE_MARKS or after.isalnum() or after in _WORD_JOINERS):
            return True
        i = text.find(w, i + n)
    return False


#: a dash between a name and what follows it ("Jane Roe - CFO", "Ian Shackleton – Nomura")
NAME_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")


def _sentence_end(text: str, before: int) -> int:
    """The last sentence-ending mark (. ? !) before ``before``, -1 for none."""
    return max(text.rfind(".", 0, before), text.rfind("?", 0, before), text.rfind("!", 0, before))


def closing_callout(text: str, briefers: frozenset[str] = frozenset()) -> Intro | None:
    """A call-out with an outlet that closes a briefer's turn: its last sentence, a short one,
    names the next questioner ("… and that's where we are. Jordan Smith, Bloomberg." / "The first
    question, I'm told, is Dana Lee from the Associated Press.")."""
    tail = text[-300:].rstrip()
    if not tail or tail[-1] not in ".?!":
        return None
    para = fold_typography(tail).rsplit("\n", 1)[-1].strip()
    k = _sentence_end(para, len(para) - 1)
    while k > 0 and para[max(0, k - 5) : k].rsplit(" ", 1)[-1] in TITLE_ABBREVIATIONS:
        k = _sentence_end(para, k)
    sentence = para[k + 1 :].strip()
    if not sentence or len(sentence.split()) > 16:
        return None
    name, outlet = self_introduction(sentence, None, briefers)
    if name and outlet:
        return Intro(name, outlet, None, 0)
    intro = find_intro(sentence)
    # the outlet ends the call-out: "We met Joe Smith of the Treasury last week." calls nobody
    ends = intro is not None and intro.outlet and sentence.rstrip(".?! ").endswith(intro.outlet)
    return intro if ends else None


def callout_name(text: str, exclude: set[str], lower_case: Callable[[str], bool] | None = None) -> str | None:
    """'Victoria, in the back.' / 'Michelle.' at the end of a briefer's turn: who gets the floor
    next. With ``lower_case`` (does the transcript print this word in lower case?), a bare
    one-sentence call-out of such a word names nobody ("Inflation.", "Today."), while a led one
    does ("Go ahead, Will.", "Major, in the back.")."""
    tail = fold_typography(text[-120:])
    if not tail or tail[-1] not in ".?!":
        return None
    # no . ? ! inside a call-out: it starts after the sentence end before its final mark
    k = _sentence_end(tail, len(tail) - 1)
    # the call-out is all of the last sentence: at most 7 words ("all right, Steve Holland, in
    # the back."), which the folded text separates by single spaces
    if tail.count(" ", k + 1) > 8:
        return None
    if k > 0 and tail[max(0, k - 5) : k].rsplit(" ", 1)[-1].lstrip("(\"'") in TITLE_ABBREVIATIONS:
        return None  # "… First Lady, Dr. Biden?": the full stop is a title's, the name is addressed
    m = _CALL.search(tail, max(k, 0))
    if not m:
        return None
    name = _first_name(m.group("name"), exclude)
    if name and not (m.group("lead") or m.group("after")):  # a bare call-out: "Shocked." / "Inflation."
        first = name.split()[0]
        if (len(first) >= 7 and first.lower().endswith(_PARTICIPLE_ENDINGS)) or (
            lower_case is not None and lower_case(first)
        ):
            return None
    return name


def addressed_name(text: str, exclude: set[str], lower_case: Callable[[str], bool] | None = None) -> str | None:
    """'Well, Julie, …' at the start of an answer: who asked. With ``lower_case`` (does the
    transcript print this word in lower case?), such a word is taken for a name only after a lead
    such as 'Well,' ("Well, Major, …"; not "Today, we …")."""
    m = _ADDRESS.match(fold_typography(text[:80]))
    if not m:
        return None
    name = _first_name(m.group("name"), exclude)
    if name and lower_case is not None and not m.group("lead") and lower_case(name):
        return None
    return name
