"""Speaker passes that name people: from labels and the header's people, from their own words,
from introductions and call-outs (see `parse/speakers.py` for the order they run in)."""

from __future__ import annotations

import functools
import itertools
import re

from rapidfuzz import fuzz

from .cast import Cast, Who
from .kinds import WORD_CAP
from .labels import INITIALS, is_diarized, label_key, uncased_letter
from .words import WORDS
from .people import (
    HEADLINE_VERBS,
    HONORIFICS,
    MODERATOR_WORDS,
    NAME_DASH,
    NON_PERSON,
    NOT_NAME,
    SELF_CUE,
    OFFICE_HEADS,
    OTHER_WORDS,
    OUTLET_WORDS,
    PRESS_WORDS,
    TITLE_WORDS,
    Person,
    addressed_name,
    callout_name,
    cased_name,
    closing_callout,
    find_intro,
    is_title_word,
    name_word_count,
    self_introduction,
    self_named,
    split_title_name,
    written_in_lower_case,
)
from .segment import Segment
from .uncased import full_names, presiding_office, uncased_person, without_notes
from ..text import count_spaced_words, fold_case_and_accents, fold_typography

_INITIALS_WORD = re.compile(r"(?:[A-Z]\.)+")
_PAREN_OUTLET = re.compile(r"(?P<name>[^()]+?)\s*\((?P<outlet>[^()]{1,60})\)")


def plain_name(label: str, addressed: bool = False) -> str | None:
    """'Thomas Gutschker' → itself; 'MICHELLE SMITH' → 'Michelle Smith'; 'MS. PSAKI' → None.
    ``addressed``: the words follow an honorific ("Mr. Aaron House"), so they name a person even
    where one is also an outlet's word."""
    words = label.replace(",", " ").split()
    if len(words) >= 3 and words[-1].strip(".") in WORDS["post_nominals"]:
        words = words[:-1]  # "Lynne Neagle AM": a member's letters, no part of the name
    if len(words) < 2 or name_word_count(words) > 4:
        return None  # four words at most besides the particles ("Emanuela Batista de Souza Medrades")
    # a title comes before a name ("Ambassador Rice"); a title word after a given name is a surname
    # ("Aaron Prince", "Carole King", "Jason White")
    last = words[-1].lower().strip(".")
    if (
        is_title_word(words[0])
        or last in OFFICE_HEADS
        or last in NON_PERSON
        or any(
            (w.lower().strip(".") in HONORIFICS and not (addressed and len(w.strip(".")) == 1))  # "M." an initial
            or (w.lower().strip(".") in OUTLET_WORDS and not addressed)
            or (k < len(words) - 1 and is_title_word(w))
            for k, w in enumerate(words)
        )
    ):
        return None  # ("FBI OFFICIAL", "Senior Administration Official": an office's head word ends it)
    if label.isupper():
        return " ".join(
            w
            if _INITIALS_WORD.fullmatch(w)
            else w.capitalize()
            if "-" not in w
            else "-".join(p.capitalize() for p in w.split("-"))
            for w in words
        )  # "M.R. LEAWERE" → "M.R. Leawere"
    return " ".join(words)


def is_outlet(label: str) -> bool:
    words = [w.lower().strip(".,") for w in label.split()]
    if any(w in OUTLET_WORDS for w in words):
        return True
    return len(words) == 1 and not is_title_word(label) and label[:1].isupper()


def match_person(label: str, people: list[Person]) -> Person | None:
    """The header person a label names: by full name, by title, by surname (fuzzily for typos), by
    a given name alone that one header person has."""
    key = label_key(label)
    words = [w for w in key.split() if w.lower() not in HONORIFICS and w != "THE"]
    dash = NAME_DASH.split(label, 1)
    named = label_key(dash[0]) if len(dash) == 2 else None  # "JANE ROE – Party Leader"
    for p in people:
        if p.name and label_key(p.name) in (key, named):
            return p
    titled = [p for p in people if p.title and _titled(key, words, label_key(p.title))]
    if titled:
        return titled[0] if len(titled) == 1 else None  # two moderators: "MODERATOR" names neither
    return _in_brackets(label, people) or (_by_surname(words, people) if words else None)


def _titled(key: str, words: list[str], title: str) -> bool:
    return key in (title, "THE " + title) or (bool(words) and " ".join(words) == title)


def _in_brackets(label: str, people: list[Person]) -> Person | None:
    """ "MODERATOR (TOM)": the one header person whose given name (or name) the brackets give."""
    m = _PAREN_OUTLET.fullmatch(label.strip())
    if m is None:
        return None
    inner = label_key(m.group("outlet"))
    found = [p for p in people if p.name and inner in (label_key(p.name), label_key(p.name).split()[0])]
    return found[0] if len(found) == 1 else None


def _by_surname(words: list[str], people: list[Person]) -> Person | None:
    """The header person whose surname ends the label (fuzzily for typos), else the one whose given
    name the label is alone ("GUYON:")."""
    last = words[-1]
    for p in people:
        if p.name and label_key(p.name).split()[-1] == last:
            return p
    for p in people:  # "MAYOR SUAREZ" for Cristina Suárez: a label may drop the accents
        if p.name and fold_case_and_accents(label_key(p.name).split()[-1]) == fold_case_and_accents(last):
            return p
    for p in people:
        if p.name and len(last) >= 5 and fuzz.ratio(label_key(p.name).split()[-1], last) >= 85:
            return p
    given = [p for p in people if p.name and len(p.name.split()) >= 2 and label_key(p.name).split()[0] == last]
    return given[0] if len(words) == 1 and len(given) == 1 else None


def _near_title(word: str) -> bool:
    """A title word misspelt ("Adminstrator", "Secertary"): no given name."""
    w = word.lower().strip(".,")
    return len(w) >= 6 and any(len(t) >= 6 and fuzz.ratio(w, t) >= 85 for t in TITLE_WORDS)


def office_label(label: str) -> bool:
    """A label that is an office alone ("PRIME MINISTER", "Immigration Minister"), not the press,
    a moderator or another role."""
    words = [w.lower().strip(".,") for w in label.split()]
    # an office ends in its title word ("Immigration Minister", "PRIME MINISTER"); a person's name
    # follows the title ("Minister Morrison")
    return (
        bool(words)
        and is_title_word(words[-1])
        and len(words) <= 4
        and not any(w in PRESS_WORDS or w in MODERATOR_WORDS or w in OTHER_WORDS or w in HONORIFICS for w in words)
    )


def label_people(segs: list[Segment], people: list[Person]) -> list[Person]:
    """People that labels name with their title ("Governor Michele Bullock", "SECRETARY JANE DOE"),
    so that the same person's shorter labels ("Governor Bullock") find them; header people first."""
    out: list[Person] = []
    known = {label_key(p.name).split()[-1] for p in people if p.name}
    read: dict[str, tuple] = {}  # what each label's text gives, read once: forty "MS. PSAKI:" alike
    for sg in segs:
        lb = sg.label
        if lb is None or lb.kind != "name":
            continue
        if lb.text not in read:
            read[lb.text] = _label_person(lb.text)
        held, titled = read[lb.text]
        if held is not None and label_key(held[1]).split()[-1] not in known:
            known.add(label_key(held[1]).split()[-1])
            out.append(Person(held[1], held[0], None, "label"))  # "The Acting Chair (Mrs. Jane Roe)"
            continue
        if titled is None or titled[0] in known:
            continue
        surname, nm, title = titled
        if nm:
            known.add(surname)
            out.append(Person(nm, title, None, "label"))
    return out


def _label_person(text: str) -> tuple[tuple[str, str] | None, tuple[str, str | None, str] | None]:
    """What a label's text gives `label_people`: the office and holder it names in brackets
    (`office_holder`), and (surname key, name, title) of the person it names after a title, or
    None where its words are no title and name (the name is None where `plain_name` finds none in
    capitals: "SECRETARY NEWS ROE")."""
    held = office_holder(text)
    words = _without_closing_note(text).replace(",", " ").split()
    title, name = split_title_name(words)
    portfolio, name = _portfolio(name)
    if (
        not title
        or len(name) < 2
        or not all(is_title_word(w) for w in title)
        or all(w.lower().strip(".") in HONORIFICS for w in title)
        or _near_title(name[0])
        or name[0].lower() in ("of", "for", "the", "and")
    ):
        # "MR. FERNÁNDEZ HERNÁNDEZ" gives a double surname; "ADMINSTRATOR SLAVITT" a typo'd
        # title; "The LEADER OF THE OPPOSITION" is an office with no name
        return held, None
    nm = plain_name(" ".join(name)) if text.isupper() else " ".join(name)
    return held, (label_key(name[-1]), nm, " ".join(title + portfolio))


def _without_closing_note(label: str) -> str:
    """A label without the notes in brackets that close it ("Commander Jane Roe (FDA)": no surname
    "(FDA)"), unless they name the person ("The Acting Chair (Mrs. Jane Roe)")."""
    notes = CLOSING_NOTES.search(label)
    if notes is None or notes.group().strip(" (").split()[0].lower().strip(".") in HONORIFICS:
        return label
    return label[: notes.start()]


def metadata_person(cast: Cast) -> None:
    """Pass: the one person the front matter names (its author or speaker) and no label names: the
    office label that speaks most is theirs ("creators: ['Abbott, Tony']" / "PRIME MINISTER:"),
    joined with their unlabelled opening statement if they have one."""
    order = cast.order
    unlinked = [p for p in cast.people if p.source == "metadata" and not any(w.person is p and w.labels for w in order)]
    if len(unlinked) != 1 or _initials_label(cast, unlinked[0]):
        return  # "AA:" is Andreas Antonopoulos (`initials`)
    # an office that other labels share ("Senator:" beside "Senator Black:") is several people
    keys = [label_key(lb) for w in order for lb in w.labels]
    offices = [
        w
        for w in order
        if w.person is None
        and not w.anonymous
        and w.labels
        and office_label(w.labels[0])
        and not any(k.startswith(label_key(w.labels[0]) + " ") for k in keys)
    ]
    if not offices:
        return
    top = max(offices, key=lambda w: sum(cast.words(i) for i in w.turns))
    target = next((w for w in order if w.person is unlinked[0]), None)
    if target is None:
        top.person = unlinked[0]
        return
    cast.merge(top, target)


def _initials_label(cast: Cast, p: Person) -> bool:
    """Does a label print this person's initials ("AA" for Andreas Antonopoulos)?"""
    mark = initials_of(p.name)
    return mark is not None and any(w.labels and w.labels[0] == mark for w in cast.order)


def names(cast: Cast) -> None:
    """Pass: names, titles and affiliations from the header's people and from the labels
    ('Name, Outlet', 'Name - Firm', 'Name (Outlet)', a plain name); moderators and other roles
    their labels give."""
    given = _given_names_in_brackets([w.labels[0] for w in cast.order if w.labels and not w.anonymous], cast.people)
    for w in cast.order:
        if w.person is not None:
            _from_person(cast, w)
        elif not w.anonymous and w.labels and w.labels[0] in given:
            w.name = given[w.labels[0]]  # "M. Arruda (Horacio)": Horacio Arruda
        elif not w.anonymous and w.labels:
            _from_label(cast, w, w.labels[0])


#: an honorific, a surname, and in brackets a given name: "M. Arruda (Horacio)", "Mme Crête
#: (Mylène)", "M. Gagnon (Marc-André)", as the Assemblée nationale du Québec labels whoever is not
#: a member (one word each: a seat of two, "(Telok Blangah)", is no given name)
_GIVEN_IN_BRACKETS = re.compile(
    r"(?P<hon>[^\W\d_]{1,5}\.?)\s+(?P<sur>[^\W\d_][^\W\d_'’-]+)"
    r"\s*\((?P<given>[^\W\d_]+(?:-[^\W\d_]+)?)\)"
)


def _given_names_in_brackets(labels: list[str], people: list[Person]) -> dict[str, str]:
    """Label → full name, where the labels print given names in brackets after an honorific and a
    surname (`_GIVEN_IN_BRACKETS`): two such labels or more, no word in brackets shared by two
    surnames (an outlet or a party would be: "Mr Roe (Lab)", "Mr Doe (Lab)"), each a capitalised
    word that is no title, no outlet's word and not in capitals ("(AP)"). Where the header names
    someone of that surname in full, the brackets hold a note (a member's seat: "M. Roe
    (Chapleau)" beside "M. Jean Roe, député de Chapleau"), and the name is the header's."""
    named = {p.surname: p.name for p in people if p.name and len(p.name.split()) >= 2}
    found: dict[str, tuple[str, str]] = {}
    for label in labels:
        m = _GIVEN_IN_BRACKETS.fullmatch(label.strip())
        if (
            m
            and m.group("hon").lower().strip(".") in HONORIFICS
            and m.group("sur")[:1].isupper()
            and all(
                x[:1].isupper() and not x.isupper() and not is_title_word(x) and x.lower() not in OUTLET_WORDS
                for x in m.group("given").replace("-", " ").split()
            )
        ):
            found[label] = (m.group("given"), m.group("sur"))
    surnames_of: dict[str, set[str]] = {}
    for given, sur in found.values():
        surnames_of.setdefault(given, set()).add(sur)
    if len(found) < 2 or any(len(v) > 1 for v in surnames_of.values()):
        return {}
    return {label: named.get(sur) or f"{given} {sur}" for label, (given, sur) in found.items()}


def _from_person(cast: Cast, w: Who) -> None:
    p = w.person
    if p.source in ("label", "roster", "legend"):
        w.name, w.title = p.name, p.title  # the role comes from what they do
        return
    w.name = p.name if p.name and len(p.name.split()) >= 2 else None
    w.title = p.title
    if p.source == "interviewer":  # "JANE ROE interviewed by JOHN DOE", "host Jane Roe": the one who asks
        w.role, w.title = "journalist", None
        w.stated = True  # the document says so: the role model leaves it
        return
    if _moderating(p) or p.source == "moderated":  # "Moderator: JANE ROE"; "… was moderated by Jane Roe."
        w.role = "moderator"
        return
    first_listed = next((q for q in cast.people if q.source == "header" and not _moderating(q)), None)
    first = p.source in ("title", "byline", "metadata") or p is cast.principal0 or p is first_listed
    w.role = "principal" if first else "official"
    w.affiliation = p.organisation or cast.header.organisation or w.affiliation


def _moderating(p: Person) -> bool:
    """A person listed under a moderator's heading ("Moderator, Communications Department")."""
    return p.source == "header" and bool(p.title) and p.title.split(",")[0].strip().lower() in WORDS["floor_titles"]


def _bracketed_person(text: str) -> str | None:
    """The name before an outlet in brackets: two to four capitalised words, no title first; a word
    that is also an outlet's ("Fox", "Post") is a surname here, the outlet being in the brackets."""
    words = text.split()
    if (
        not 2 <= len(words) <= 4
        or is_title_word(words[0])
        or not all(x[:1].isupper() for x in words)
        or any(x.lower().strip(".") in HONORIFICS or x.lower().strip(".") in NON_PERSON for x in words)
    ):
        return None
    return plain_name(text) or (" ".join(x.capitalize() for x in words) if text.isupper() else " ".join(words))


#: notes in brackets closing a label ("Mr. Jane Roe (Anytown North) (Lab)": a constituency, a party)
CLOSING_NOTES = re.compile(r"(?:\s*\([^()]{1,120}\))+\s*$")


def _from_label(cast: Cast, w: Who, label: str) -> None:
    if _uncased(w, label) or _office_then_name(w, label) or _with_notes(w, label) or _name_and_more(w, label):
        return
    low = {x.lower().strip(".") for x in label.split()}
    operator = CLOSING_NOTES.sub("", label)
    if " ".join(operator.lower().split()) in WORDS["call_operators"]:
        w.role, w.title = "moderator", operator  # "Coordinator (FDA):" runs a call's queue as "Operator:" does
        if operator != label:
            w.affiliation = ", ".join(re.findall(r"\(([^()]*)\)", label[len(operator) :]))
        return
    office = [x.lower().strip(".") for x in label.split() if x.lower().strip(".") not in HONORIFICS | _ADDRESS]
    if " ".join(office) in WORDS["presiding_titles"]:
        w.role, w.title = "moderator", label  # "Mr. Speaker:", "HON. SPEAKER.-": who presides gives the floor
        return
    if low & MODERATOR_WORDS or "moderator" in label.lower():
        w.role, w.title = "moderator", label
        org = cast.header.organisation
        if org and label.split()[0].isupper() and label.split()[0] == org:
            w.affiliation = org
        return
    if low & OTHER_WORDS:
        w.role = "other"
        return
    w.name = plain_name(label)
    if w.name is None:
        _titled_label(w, label)


def _uncased(w: Who, label: str) -> bool:
    """A label in a script with no capitals that names someone (`uncased_person`): the name, the
    office the title; who presides (`presiding_titles`: "議長（…君）", "위원장 …") moderates."""
    held = uncased_person(label)
    if held is None:
        return False
    w.title, w.name = held[0], held[1] or w.name
    if presiding_office(w.title):
        w.role = "moderator"
    return True


#: an office, then in brackets the person who holds it, with an honorific and notes of their own
#: ("The Chair (Hon. Jane Roe (Anytown North, Lib.))", "The Acting Chair (Mrs. Jane Roe)")
_OFFICE_THEN_NAME = re.compile(
    r"(?P<office>(?:The\s+)?[A-Z][\w.'\-]*(?:\s+(?:[A-Z][\w.'\-]*|for|of|to|and|the|in|on)){0,14})"
    r"\s*\((?P<who>[^()]{3,80}?)\s*(?:\([^()]{0,120}\))?\)(?:\s*\([^()]{0,120}\))?\s*"
)
#: the words that start an office's portfolio ("Minister for Foreign Affairs", "Secretary of State")
_PORTFOLIO = frozenset({"for", "of", "to", "and", "the", "in", "on"})


def office_holder(label: str) -> tuple[str, str] | None:
    """(office, name) of a label that is an office and, in brackets, its holder ("The Chair (Hon.
    Jane Roe (Anytown North, Lib.))" → ("The Chair", "Jane Roe")), else None."""
    m = _OFFICE_THEN_NAME.fullmatch(label) if "(" in label else None
    if m is None or not _an_office(m.group("office").split()):
        return None
    words = m.group("who").split()
    addressed = bool(words) and words[0].lower().strip(".") in HONORIFICS | {"right"}
    while words and words[0].lower().strip(".") in HONORIFICS | {"right"}:
        words = words[1:]  # "Right Hon.", "Mrs."
    name = plain_name(" ".join(words), addressed=addressed) if words else None
    return (m.group("office"), name) if name else None


def _an_office(words: list[str]) -> bool:
    """Title words ("The Chair", "The Acting Chair"), or an office that opens with "The" and whose
    words before its portfolio end in a title word ("The Temporary Speaker", "The Cabinet Secretary
    for Roads and Transport", "The Minister for Foreign Affairs")?"""
    if all(is_title_word(x) for x in words):
        return True
    if words[0] != "The":  # "Mr. Aaron House (Anytown North)": a name with a seat, no office
        return False
    head = list(itertools.takewhile(lambda x: x not in _PORTFOLIO, words[1:]))
    return bool(head) and is_title_word(head[-1])


def _office_then_name(w: Who, label: str) -> bool:
    """A label that is an office and its holder in brackets (`office_holder`): the holder's name,
    the office the title, which a later label of the office alone ("The Chair:") is
    (`same_offices`). Did it name them?"""
    held = office_holder(label)
    if held is not None:
        w.title, w.name = held
    return held is not None


def same_offices(cast: Cast) -> None:
    """Pass: a label of an office alone ("The Chair:") is the one speaker an earlier label named
    as holding it ("The Chair (Hon. Jane Roe (…))"), where exactly one speaker is so named."""
    holders: dict[str, list[Who]] = {}
    for w in cast.order:
        if w.name and w.title and w.labels and "(" in w.labels[0]:
            holders.setdefault(fold_typography(w.title).lower(), []).append(w)
    if not holders:
        return
    for w in cast.order:
        key = fold_typography(w.labels[0]).lower() if w.labels and not w.name and not w.anonymous else None
        if key in holders and len(holders[key]) == 1:
            target = holders[key][0]
            target.role = w.role or target.role
            cast.merge(w, target)


#: a title in brackets after an honorific, as a Hansard prints it ("Hon. (Dr) Jane Roe", "Hon.
#: (Prof) John Doe")
_BRACKETED_TITLE = re.compile(r"\s*\(([A-Za-z]{2,6})\.?\)\s*")


def _unbracket_title(m: re.Match) -> str:
    word = m.group(1).lower()
    return " " if word in HONORIFICS or is_title_word(word) else m.group()


def _with_notes(w: Who, label: str) -> bool:
    """Two bracketed notes closing a label, or an honorific's: notes on the person (a member's
    seat and party: "Mr. Jane Roe (Anytown North) (Lab)"), not an outlet. Did it name them?"""
    notes = CLOSING_NOTES.search(label)
    if not notes or not (notes.group().count("(") >= 2 or label.split()[0].lower().strip(".") in HONORIFICS):
        return False
    base = _BRACKETED_TITLE.sub(_unbracket_title, label[: notes.start()]).strip()  # "Hon. (Dr) Jane Roe"
    w.name = plain_name(base)
    if w.name is None:
        _titled_label(w, base)
    return w.name is not None


#: a generation after a name and a comma, part of the name ("Jr.", "Sr.", "III")
_GENERATION = re.compile(r"(?:Jr|Sr|JR|SR)\.?|I{2,3}|IV")


def _name_and_more(w: Who, label: str) -> bool:
    """A name with an outlet or an office: 'Name (Outlet)', 'Name - Firm' or 'Name - Title',
    'Name, Outlet', 'NAME, CFO, FIRM'. Did it name them?"""
    paren = _PAREN_OUTLET.fullmatch(label)
    named = paren and (plain_name(paren.group("name")) or _bracketed_person(paren.group("name")))
    if paren and not named:
        _titled_label(w, paren.group("name"))  # 'Commander Jane Roe (FDA)': a title, the name, the agency
        named = w.name
    if named:
        w.name = named  # 'Shane Wright (SMH/AGE)'; 'Marvin Fox (Channel 1)': the outlet is in the brackets
        note = paren.group("outlet").strip()
        if any(is_title_word(x) for x in note.split()):
            w.title = note  # 'Jane Roe (FDA IVD Director)': an office in the brackets, not an outlet
            if any(x.lower() in MODERATOR_WORDS for x in note.split()):
                w.role = "moderator"
        else:
            w.affiliation = note
        return True
    dash = NAME_DASH.split(label, 1)
    if len(dash) == 2 and plain_name(dash[0]):
        # 'Ian Shackleton - Nomura Securities' / 'Jane Roe - Chief Financial Officer': a name, then
        # an office (an official's) or a firm (a questioner's)
        w.name = plain_name(dash[0])
        if any(is_title_word(x) for x in dash[1].replace(",", " ").split()):
            w.title = dash[1].strip()
        else:
            w.affiliation = dash[1].strip()
        return True
    nm, comma, aff = label.partition(",")
    if not comma or not plain_name(nm.strip()):
        return False
    if _GENERATION.fullmatch(aff.strip()):
        gen = aff.strip().rstrip(".")
        gen = gen + "." if gen.lower() in ("jr", "sr") else gen  # the label's full stop was its separator's
        w.name = f"{plain_name(nm.strip())}, {gen}"  # "John G. Roberts, Jr.": the name goes on
        return True
    office, _, firm = aff.strip().partition(",")
    if any(is_title_word(x) for x in office.split()):
        # "JANE ROE, CFO, ACME CORP.": an officer of the company, not a reporter
        w.name, w.title, w.affiliation = plain_name(nm.strip()), office.strip(), firm.strip() or None
    else:
        w.name, w.affiliation, w.role = plain_name(nm.strip()), aff.strip(), "journalist"
    return True


def same_names(cast: Cast) -> None:
    """Pass: labelled speakers the labels give one full name are one person ("MIKE MAYO, ANALYST,
    CLSA:" and later "MIKE MAYO:"; "Jane Roe - Chief Financial Officer" and "Jane Roe"): the
    later joins the first, keeping what it lacks (title, affiliation, role). The first is printed
    with a separator or speaks after its bare label line: a name alone on its line may be a
    participants list's entry read as a turn."""
    first: dict[str, Who] = {}
    for w in cast.order:
        if w.anonymous or not w.name or len(w.name.split()) < 2:
            continue
        key = fold_typography(w.name).lower()
        if key not in first and not (_separated(cast, w) or _speaks(cast, w)):
            continue
        target = first.setdefault(key, w)
        if target is not w:
            target.title = target.title or w.title
            target.affiliation = target.affiliation or w.affiliation
            target.role = target.role or w.role
            target.person = target.person or w.person
            cast.merge(w, target)


def _speaks(cast: Cast, w: Who) -> bool:
    """Does this speaker say something after a bare label line ("Jane Roe (Firm)" / speech), where
    a participants list's entry read as a turn says nothing of its own (a few words at most)?"""
    return any(cast.words(i) >= 12 for i in w.turns)


def _separated(cast: Cast, w: Who) -> bool:
    """Are all of this speaker's labels printed with a separator ("Jane Roe:", not "Jane Roe" alone)?"""
    return all((lb := cast.segs[i].label) is not None and lb.sep.strip() for i in w.turns)


#: words before a presiding office that are no part of it ("Mr. Speaker", "Madam Chair", "THE CHAIRMAN")
_ADDRESS = frozenset({"the", "madam", "madame", "mister"})


def _portfolio(name: list[str]) -> tuple[list[str], list[str]]:
    """An office's portfolio, then the name ("… of Russia Vladimir Putin", "… of the Netherlands
    Jane Roe"): (the portfolio, the name: the last two words, three with an initial between); else
    ([], the words)."""
    if name and name[0].lower() in ("of", "for", "the") and len(name) >= 4:
        k = 3 if len(name) >= 5 and re.fullmatch(r"[A-Z]\.", name[-2]) else 2
        return name[:-k], name[-k:]
    return [], name


def _after_portfolio(title: list[str], name: list[str]) -> tuple[list[str], list[str]]:
    """`_portfolio`, also where the title took the portfolio's first words ("Federal Chancellor of
    the" / "Netherlands Jane Roe"): (the title with its portfolio, the name)."""
    if title and title[-1].lower() in ("of", "for", "the") and len(name) >= 3:
        return title + name[:-2], name[-2:]
    portfolio, name = _portfolio(name)
    return title + portfolio, name


#: a note after a label's name ("(retranslated)", "(via interpreter)"): lower-case words in brackets
_NOTE = re.compile(r"\s*\((?:[a-z][a-z ]{2,30})\)\s*$")


def _titled_label(w: Who, label: str) -> None:
    """A title or an honorific, then a full name ("Dr. Tony Fauci", "Secretary Joel Szabat"): the
    name is the person's, the title theirs unless it is only an honorific."""
    words = _NOTE.sub("", label).split()  # "… Angela Merkel (retranslated)"
    title, name = _after_portfolio(*split_title_name(words))  # "Federal Chancellor of Germany Angela Merkel"
    if not title and len(words) >= 3 and words[0].lower().strip(".") in HONORIFICS:
        title, name = words[:1], words[1:]  # "Sir Jane Roe": an honorific the title words leave out
    addressed = bool(title) and all(x.lower().strip(".") in HONORIFICS for x in title)
    full = plain_name(" ".join(name), addressed) if title and len(name) >= 2 else None
    if full is None or name_word_count(name) == len(name) and not all(x[:1].isupper() for x in name):
        return  # capitalised words, a particle between them aside ("Encik Ibrahim bin Othman")
    w.name = full
    if any(x.lower().strip(".") not in HONORIFICS for x in title):
        w.title = w.title or " ".join(title)


def initials_of(name: str | None) -> str | None:
    """The initials of a name of two words or more ("Andreas Antonopoulos" → "AA", "Gergő Érdi" →
    "GE": a transcript's initials drop the accents), else None."""
    words = (name or "").split()
    mark = "".join(x[0] for x in words if x[:1].isupper())
    return fold_case_and_accents(mark).upper() if len(words) >= 2 and len(mark) >= 2 else None


#: initials with full stops ("H.C.", "C. N."), as French and German transcripts print them
_DOTTED_INITIALS = re.compile(r"(?:[A-Z\u00c0-\u00de]\.\s?){2,3}")


def initials_label(label: str) -> str | None:
    """The initials a label is ("CH", "H.C." → "HC", "É.A." → "EA": accents go, as `initials_of`
    drops them), else None."""
    if INITIALS.fullmatch(label):
        return label
    if not _DOTTED_INITIALS.fullmatch(label):
        return None
    return fold_case_and_accents(label.replace(".", "").replace(" ", "")).upper()


def initials(cast: Cast) -> None:
    """Pass: a label of initials ("CH:", "H.C.:") is the speaker the document names in full with
    them ("Christian Horner:" at his first answer), where exactly one named speaker has them."""
    by_initials: dict[str, list[Who]] = {}
    for w in cast.order:
        key = initials_of(w.name)
        if key:
            by_initials.setdefault(key, []).append(w)
    for w in cast.order:
        label = initials_label(w.labels[0]) if w.labels else None
        if w.name or w.anonymous or label is None:
            continue
        if len(by_initials.get(label, ())) == 1:
            cast.merge(w, by_initials[label][0])
        else:
            _initials_of_listed(cast, w, label)


#: a given name and the surname after it (an initial or a nickname in quotes between allowed): "Fred
#: Schott", "Ann B. Roe", 'Jamie "GaProgMan" Taylor'; a third word before a number is a date's month
#: ("Carlos Lazo" over "September 16, 2014")
_FULL_AFTER = (
    r"(?<![\w.])%s\s+(?:[A-Z]\.\s+|[\"\u201c][^\"\u201c\u201d\n]{1,30}[\"\u201d]\s+)?(?P<surname>[A-Z\u00c0-\u00de][\w'\u2019\-]+)"
    r"(?:[ \t]+(?P<more>[A-Z\u00c0-\u00de][\w'\u2019\-]+)(?![\w'\u2019\-]|[ \t]*\d))?"
)


def given_names(cast: Cast) -> None:
    """Pass: a label that is a given name alone ("Fred:") is the full name that the title, the
    front matter's summary or the text before the first turn gives with it ("04: Fred Schott on
    Breaking Changes", "interviewed by Jane Roe (TF1) and …"), else the text up to the end of the
    speaker's first turn ("… our very own Tim Cunningham is going to …", "I'm Ivan Reese"), else a
    Markdown heading ("### Item ([Lee Byron](…), 10m)"), where they give exactly one and no other
    speaker has it. A given name in capitals ("EMILY:") is looked for as a name is printed
    ("Emily Roseman"). A nickname in lower case ("[jane roe]", "[jane]") is read as the document
    prints it capitalised."""
    where = _named_before(cast)
    if not where:
        return
    where = fold_typography(where)
    taken = cast.names_taken()
    surnames = _surnames_of_full_names(cast)
    for w in cast.order:
        if (w.name and not w.name.islower()) or w.anonymous or w.person is not None or not w.labels:
            continue  # labels after the first are its typos ("siimeon") or continuations; "jane roe" is no name yet
        label = w.labels[0].strip(" *:")
        if fold_case_and_accents(label) in surnames:
            continue  # "Williams:" beside "John Williams:": his surname, no given name (`surnames` names it)
        given = _capitalised(label, cast.text)
        if (
            given
            and given != label
            and " " in given
            and fold_case_and_accents(given) not in taken - {fold_case_and_accents(label)}
        ):
            w.name = given  # a scribe's "[jane roe]" for the "Jane Roe" the document prints
            taken.add(fold_case_and_accents(given))
            continue
        if given and given.isupper() and len(given) >= MIN_CAPITALS_GIVEN:
            # "EMILY:", a given name in capitals, as the document prints it before a surname ("Emily
            # Roseman"); an outlet's letters ("CNBC") are printed so nowhere
            given = "-".join(p.capitalize() for p in given.split("-"))
        if not given or not _lone_given_name(label_key(given)) or given.isupper():
            continue  # a title or press word; "CNBC:" an outlet's letters, not a given name
        full = _given_full_names(cast, w, given, where)
        if len(full) == 1 and fold_case_and_accents(next(iter(full))) not in taken:
            w.name = next(iter(full))
            taken.add(fold_case_and_accents(w.name))


def _given_full_names(cast: Cast, w: Who, given: str, where: str) -> set[str]:
    """The full names a given name's label may be (see `given_names`): in `where`, else up to the
    end of the speaker's first turn, else in the document's headings."""
    pattern = _FULL_AFTER % re.escape(given)
    full = {_full_name(given, m, cast.text) for m in re.finditer(pattern, where)} - {None}
    if not full and w.turns:  # "… our very own Tim Cunningham …" before Tim's first turn, "I'm Ivan Reese" in it
        full = {_full_name(given, m, cast.text) for m in re.finditer(pattern, _until_first_turn(cast, w))} - {None}
    if not full:  # a meeting's headings name who presents an item: "### Lexing RFC ([Lee Byron](…), 10m)"
        full = {_full_name(given, m, cast.text) for m in re.finditer(pattern, _headings(cast.text))} - {None}
    return full


def _surnames_of_full_names(cast: Cast) -> set[str]:
    """The last words of the full names (two words or more) that speakers' labels print, folded."""
    out = set()
    for w in cast.order:
        words = (w.name or (w.labels[0].strip(" *:") if w.labels else "")).split()
        if len(words) >= 2 and all(x[:1].isupper() for x in words):
            out.add(fold_case_and_accents(words[-1]))
    return out


#: a label in capitals this long at least may be a given name ("EMILY:", "JON:"; not "AP:")
MIN_CAPITALS_GIVEN = 3
#: a given name (an initial after it allowed) right before a surname on the same line: "Jörg Kukies", "Ann B. Roe"
_GIVEN_THEN_SURNAME = r"(?<![\w.'\u2019-])(?P<given>[A-Z\u00c0-\u00de][\w'\u2019\-]+)[ \t\u00a0]+(?:[A-Z]\.[ \t\u00a0]+)?%s(?![\w'\u2019\-])"


def surnames(cast: Cast) -> None:
    """Pass: a label that is a surname alone ("Kukies:") is the full name that the title, the
    summary, the text before the first turn ("Finanzstaatssekretär Jörg Kukies sprach …") or the
    text up to the end of the speaker's first turn ("Jörg Kukies, reden wir über Geld.") gives
    with a given name right before it, where they give exactly one and no other speaker has it;
    no honorific, title, press or moderator word is a given name ("Herr Kukies"). A Japanese or
    Chinese surname ("安竹（初）", its note aside) is the full name the title, summary or text
    before the first turn prints it in ("小平市議会議員 安竹洋平の…": `uncased.full_names`)."""
    where = _named_before(cast)
    taken = cast.names_taken()
    for w in cast.order:
        if w.name and w.labels and uncased_letter(w.name[:1]):
            _listed_in_full(w, where, taken)  # "佐々木委員": 佐々木 is a surname the list prints in full
            continue
        if w.name or w.anonymous or w.person is not None or not w.labels or not w.turns:
            continue
        full = _surname_full_names(cast, w, w.labels[0].strip(" *:"), where)
        if len(full) == 1 and fold_case_and_accents(next(iter(full))) not in taken:
            w.name = next(iter(full))
            taken.add(fold_case_and_accents(w.name))
        elif len(full) == 1 and (same := _labelled_in_full(cast, next(iter(full)))) is not None:
            cast.merge(w, same)  # "Williams:" beside "John Williams:", whom the text names so: one person


def _labelled_in_full(cast: Cast, name: str) -> Who | None:
    """The one speaker whose label prints this full name."""
    key = fold_case_and_accents(name)
    found = [w for w in cast.order if any(fold_case_and_accents(lb.strip(" *:")) == key for lb in w.labels)]
    return found[0] if len(found) == 1 else None


def _listed_in_full(w: Who, where: str, taken: set[str]) -> None:
    """A name in a script with no capitals that a label gives before a member's office ("佐々木委員")
    is a surname where the text before the turns prints it, and only it, with a given name after it
    (a list of those present: "委員　佐々木　あすか")."""
    longer = {n for n in full_names(w.name, where) if n != w.name}
    if len(longer) == 1 and fold_case_and_accents(next(iter(longer))) not in taken:
        w.name = next(iter(longer))
        taken.add(fold_case_and_accents(w.name))


def _surname_full_names(cast: Cast, w: Who, label: str, where: str) -> set[str]:
    """The full names (see `surnames`) a speaker's label may be the surname of."""
    if full := full_names(without_notes(label), where):  # "安竹（初）": the surname, a note; "安竹洋平の…"
        return full
    if len(w.labels) == 1 and _lone_given_name(label_key(label)) and label[:1].isupper() and _surname_word(label):
        # the text as printed, not folded: a name's two words stand on one line
        return _given_before(label, where, cast.text) or _given_before(
            label, cast.text[: cast.turns[w.turns[0]].end_char], cast.text
        )
    return set()


def _given_before(surname: str, where: str, text: str) -> set[str]:
    """The full names `where` gives a surname with the given name before it (`_GIVEN_THEN_SURNAME`):
    no contraction ("I'm Andrew"), greeting or word the text prints in lower case ("Hi Andrew")."""
    if surname not in where:
        return set()
    return {
        f"{m.group('given')} {surname}"
        for m in re.finditer(_GIVEN_THEN_SURNAME % re.escape(surname), where)
        if _lone_given_name(label_key(m.group("given")))
        and not m.group("given").isupper()
        and not _CONTRACTION.search(m.group("given"))
        and _given_name(m.group("given"), text)
    }


#: a contraction's ending ("I'm", "We're", "Here's"): no given name
_CONTRACTION = re.compile(r"['\u2019][a-z]{1,2}$")


@functools.lru_cache(maxsize=8)
def _headings(text: str) -> str:
    """The document's Markdown headings, one a line, folded ("### Item ([Jane Roe](…), 10m)")."""
    if "\n#" not in text:
        return ""
    return fold_typography("\n".join(ln for ln in text.splitlines() if ln.startswith("#")))


#: a legend line that keys a label to a name ("**TK = Jane Roe, a third-year student**", "吳 = 吳靄儀")
_LEGEND = re.compile(
    r"^[ \t*_>-]*(?P<label>[^\W\d_][\w.'\u2019-]{0,7})[ \t]*=[ \t]*"
    r"(?P<name>[^\W\d_][\w'\u2019-]*(?:[ \t][A-Z\u00c0-\u00de][\w'\u2019-]*){0,2})[ \t]*(?=[,，(（*_]|$)",
    re.M,
)


def legend_names(cast: Cast) -> None:
    """Pass: a legend before the turns keys a label to a name, one a line ("**TK = Jane Roe, a
    third-year student**", "**吳 = 吳靄儀**"), or the front matter maps labels to names
    ("speakers: {TK: Jane Roe}"): the speaker labelled so is that person, where the legend names
    them once and no other speaker has the name."""
    first = cast.labelled_from
    head = cast.text[:first]
    if "=" not in head and not any(p.source == "legend" for p in cast.people):
        return  # the usual case, told without the pattern
    keyed: dict[str, set[str]] = {}
    for m in _LEGEND.finditer(head):
        keyed.setdefault(m.group("label"), set()).add(m.group("name"))
    mapped: dict[str, Person] = {}
    for p in cast.people:  # the front matter's map ("speakers: {AM: Jane Roe}", `people_in_metadata`)
        for label in p.labels if p.source == "legend" else ():
            keyed.setdefault(label, set()).add(p.name)
            mapped[label] = p
    taken = cast.names_taken()
    for w in cast.order:
        names = keyed.get(w.labels[0], set()) if w.labels and not w.name and not w.anonymous else set()
        if len(names) == 1 and fold_case_and_accents(next(iter(names))) not in taken:
            w.name = next(iter(names))
            taken.add(fold_case_and_accents(w.name))
            p = mapped.get(w.labels[0])
            if p is not None and p.name == w.name and w.person is None:
                w.person, w.title = p, w.title or p.title  # the map's office too ({name: …, title: …})


def _capitalised(label: str, text: str) -> str | None:
    """A label as the document prints it as a name: a scribe's nickname in lower case ("jane",
    "jane roe") capitalised, where the text prints it so ("Jane Roe (Acme)" in the attendees);
    any other label as it is."""
    if not label.islower():
        return label
    for m in re.finditer(r"(?<![\w.])" + re.escape(label) + r"(?![\w'\u2019\-])", text, re.I):
        printed = " ".join(m.group().split())
        if all(x[:1].isupper() and not x.isupper() for x in printed.split()):
            return printed  # "Ann McDonald", "Léa"
    return None


def _until_first_turn(cast: Cast, w: Who) -> str:
    """The text up to the end of a speaker's first turn (folded, not cached: it is long), its blank
    lines kept as " ; " (a label line's "Jane" and the "Welcome …" below it are no one name)."""
    return fold_typography.__wrapped__(_BLANK_LINE.sub(" ; ", cast.text[: cast.turns[w.turns[0]].end_char]))


#: a blank line, and the spaces around it
_BLANK_LINE = re.compile(r"[ \t]*\n[ \t]*\n\s*")


def _named_before(cast: Cast) -> str:
    """Where a document names its people before the turns: the title, the front matter's summary,
    the byline and the text before the first turn (`_preamble`), as printed."""
    return " ; ".join(x for x in (cast.header.title, cast.header.summary, cast.header.byline, _preamble(cast)) if x)


def _preamble(cast: Cast) -> str:
    """The text before the first turn (a title page, who took part), its first 3,000 characters."""
    return _BLANK_LINE.sub(" ; ", cast.text[: min(cast.turns[0].start_char, 3000)]) if cast.turns else ""


def _full_name(given: str, m: re.Match, text: str) -> str | None:
    """The given name and the surname words after it ("Devine Lu Linvega"); a second word only
    where the text never prints it in lower case ("Fred Schott On Breaking Changes")."""
    if not _surname_word(m.group("surname")):
        return None
    more = m.group("more")
    if more and _surname_word(more) and not written_in_lower_case(more, text):
        return f"{given} {m.group('surname')} {more}"
    return f"{given} {m.group('surname')}"


def _lone_given_name(key: str) -> bool:
    """One word that may be a given name: no title, honorific, press or moderator word."""
    words = key.split()
    if len(words) != 1 or len(words[0]) < 2:
        return False
    low = words[0].lower()
    return not (
        is_title_word(low) or low in HONORIFICS or low in PRESS_WORDS or low in MODERATOR_WORDS or low in OTHER_WORDS
    )


def _surname_word(word: str) -> bool:
    """A word after a given name that may be a surname: no title, outlet or common word."""
    low = word.lower().strip(".,")
    return not word.isupper() and not (
        is_title_word(low) or low in OUTLET_WORDS or low in NOT_NAME or low in NON_PERSON or word in HEADLINE_VERBS
    )  # "Daly Says …", a headline's verb


def _initials_of_listed(cast: Cast, w: Who, label: str) -> None:
    """A label of initials names the one person the header or the front matter lists with them
    ("speakers: [Jane Roe, …]" / "JR:") whom no other speaker is."""
    taken = {id(x.person) for x in cast.order if x.person is not None}
    listed = [p for p in cast.people if id(p) not in taken and initials_of(p.name) == label]
    if len(listed) == 1:
        w.name, w.title = listed[0].name, w.title or listed[0].title


def self_named_pass(cast: Cast) -> None:
    """Pass: a speaker labelled by title and surname who names themselves ("I'm Andy Slavitt, …"),
    or whom the opening or the page's address names in full (`_introduced_in_opening`), or the one
    name in capitals printed before their first turn ("STATEMENT OF JANE Q. ROE"); a speaker
    labelled by initials (`_named_by_initials`); a one-person role label (`INTERVIEWER:`) whose
    speaker gives their full name early in their first turn (`_names_themselves`)."""
    opening: list[tuple[str, str]] = []  # (where to look, the text without addresses), made on first need
    for w in cast.order:
        if w.name is None and not w.anonymous and w.labels and (initials := initials_label(w.labels[0])):
            w.name = _named_by_initials(cast, w, initials)
            continue
        if w.name is None and not w.anonymous and w.turns and w.labels and _self_naming_role(w.labels[0]):
            taken = cast.names_taken()
            w.name = _names_themselves(cast.turns[w.turns[0]].text, cast.text, taken)
            continue
        key = label_key(w.labels[0]).split() if w.labels else []
        # a reporter names no one so; a member who asks ("COUNCILMAN ROE:") is named as others are
        member = bool(key) and key[0].lower() in _MEMBER_WORDS
        if w.name is None and not w.anonymous and w.turns and w.labels and (w.role != "journalist" or member):
            words = [x for x in key if x.lower() not in HONORIFICS]
            addressed = len(key) == 2 and len(words) == 1  # "Mr. House": after an honorific, a title word is a surname
            # a letter alone ("E:", "G:") is a transcriber's mark for someone unnamed, no surname
            if words and len(words[-1]) > 1 and (addressed or not is_title_word(words[-1])):
                for i in w.turns[:3]:
                    nm = self_named(cast.turns[i].text, words[-1])
                    if nm:
                        w.name = nm
                        break
                else:
                    opening = opening or [_opening(cast)]
                    w.name = _introduced_in_opening(opening[0], words[-1])
                    if w.name is None and (len(words) == 1 or (len(words) <= 3 and all(map(_office_word, words[:-1])))):
                        w.name = _listed_in_capitals(opening[0][0], words[-1], words[:-1])
                    if w.name is None and (len(words) == 1 or (len(words) == 2 and is_title_word(words[0]))):
                        # "MR. LONG", "GENERAL VERRILLI"; a hearing's "STATEMENT OF JANE Q. ROE" before her turn
                        w.name = _before_first_turn(cast, w, words[-1])


#: a name a speaker gives as their own: at the start of a turn ("Jane Q. Roe. October 10, 1962.",
#: asked to state it) or after "I'm", "I am", "my name is"
_OWN_NAME = re.compile(
    r"(?:^|\b(?:I'm|I\u2019m|I am|[Mm]y name is|[Tt]his is)\s+)(?P<name>[A-Z][\w'\-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'\-]+)){1,3})\b"
)


def _named_by_initials(cast: Cast, w: Who, label: str) -> str | None:
    """The full name a speaker labelled by initials ("KM:") gives as their own in their first
    turns ("This is Steve Krouse."), its first and last words' initials the label's ("Kasey Silem
    Mohammad"); else the one such name the title gives ("36 - Moldable Development - Tudor Girba"),
    else the list of attendees (`_listed_with_initials`), else the one name the text before the
    first labelled turn gives ("Há cem dias como prefeito do Recife, Geraldo Julio (PSB) …" for
    `GJ -`)."""
    for i in w.turns[:3]:
        for m in _OWN_NAME.finditer(cast.turns[i].text[:400]):
            if _initials_fit(m.group("name").split(), label):
                return m.group("name")
    found = _names_with_initials(cast.header.title or "", label)
    if len(found) == 1:
        return found.pop()
    listed = _listed_with_initials(cast, label)
    if listed is not None:
        return listed
    found = _names_with_initials(cast.text[: min(cast.labelled_from, 3000)], label)
    found = {x for x in found if _given_name(x.split()[0], cast.text)}  # an agenda's "Garbage Collection" is no one
    return found.pop() if len(found) == 1 else None


def _names_with_initials(where: str, label: str) -> set[str]:
    """The runs of capitalised words in `where` whose initials are the label's (`_initials_fit`),
    no outlet's name among them ("Süddeutsche Zeitung" for `SZ:` is the paper, not a person)."""
    return {
        m.group(0)
        for m in _NAME_RUN.finditer(fold_typography(where))
        if _initials_fit(m.group(0).split(), label) and not any(x.lower() in OUTLET_WORDS for x in m.group(0).split())
    }


#: a name and the initials the notes call its person by ("Allen Wirfs-Brock (AWB)")
_NAME_THEN_INITIALS = re.compile(
    r"(?<![\w.])(?P<name>[A-Z\u00c0-\u00de][\w'\u2019\-]+(?:[ \t]+[A-Z\u00c0-\u00de][\w'\u2019\-]+){1,3})[ \t]*"
    r"\((?P<mark>[A-Z]{2,4})\)"
)


#: two or three capitalised words: a whole item of a list of attendees
_LISTED_NAME = re.compile(r"[A-Z\u00c0-\u00de][\w'\u2019\-]+(?:[ \t]+[A-Z\u00c0-\u00de][\w'\u2019\-]+){1,2}")
#: what may go before a listed name (a list's marker, a field's name: "- ", "1. ", "Attendees: ")
#: and after it (the person's organisation or handle in brackets)
_ITEM_LEAD = re.compile(r"^(?:[-*+•]\s+)?(?:[^:]{1,40}:\s*)?")
#: a heading or a numbered item (an agenda's), no list of attendees
_NOT_A_LIST_LINE = re.compile(r"\s*(?:#|\d{1,3}[.)]\s)")
_ITEM_TAIL = re.compile(r"\s*(?:\([^()]{0,60}\)|\[[^\[\]]{0,60}\])\s*$")


def _listed_names(text: str) -> list[str]:
    """The names a list of attendees gives: each line's comma- or semicolon-separated items that
    are two or three capitalised words and nothing else but a list marker, a field name before
    them and an organisation or handle in brackets after ("- Jane Roe (Acme)"); no title words;
    not on a heading's line nor a numbered item's (an agenda's)."""
    names = []
    for line in text.splitlines():
        if _NOT_A_LIST_LINE.match(line):
            continue
        for item in re.split(r"[,;]", line):
            item = _ITEM_TAIL.sub("", _ITEM_LEAD.sub("", item.strip(), count=1)).strip(" *_")
            if _LISTED_NAME.fullmatch(item) and not any(is_title_word(x) for x in item.split()):
                names.append(item)
    return names


def _listed_with_initials(cast: Cast, label: str) -> str | None:
    """The one name that the text before the first labelled turn (a meeting's list of attendees) prints with
    a label's initials: in brackets after it ("Allen Wirfs-Brock (AWB)"), else as its words'
    initials ("Thomas Lively" for `TL:`), a whole item of the list (`_listed_names`: an agenda's
    "Tail Calls update" names no `TC:`)."""
    first = cast.labelled_from
    marked_names, listed = _attendees(cast.text[: min(first, 8000)])
    marked = {name for name, mark in marked_names if mark == label}
    if marked:
        return next(iter(marked)) if len(marked) == 1 else None
    found = {
        name
        for name in listed
        if initials_of(name) == label and _given_name(name.split()[0], cast.text)  # "Garbage Collection" is no one
    }
    return next(iter(found)) if len(found) == 1 else None


@functools.lru_cache(maxsize=8)
def _attendees(before: str) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """The names the text before the first labelled turn prints with initials in brackets (name,
    initials), and the names it lists (`_listed_names`); read once per document, however many of
    its speakers are labelled by initials. One name a line is a list, not a run of names."""
    text = "\n".join(x for x in (fold_typography(ln) for ln in before.splitlines()) if x)
    marked = tuple((m.group("name"), m.group("mark")) for m in _NAME_THEN_INITIALS.finditer(text))
    return marked, tuple(_listed_names(text))


#: two or three capitalised words in a row (a name in a title)
_NAME_RUN = re.compile(r"(?<![\w.])[A-Z\u00c0-\u00de][\w'\u2019\-]+(?:\s+[A-Z\u00c0-\u00de][\w'\u2019\-]+){1,2}")


def _initials_fit(words: list[str], label: str) -> bool:
    """Do a name's first and last words give the label's first and last initials?"""
    mark = initials_of(" ".join(words))
    return (
        mark is not None
        and len(words) >= len(label)
        and mark[0] + mark[-1] == label[0] + label[-1]
        and not any(is_title_word(x) for x in words[:-1])  # a surname may be a title word ("Aaron King")
    )


#: a given name (and a middle initial) before a surname, in running text
_GIVEN_BEFORE = r"(?<![\w.])((?:[A-Z][a-z][\w'\-]*\s+){1,2})(?:[A-Z]\.\s+)?"


def _opening(cast: Cast) -> tuple[str, str]:
    """Where a briefer's full name may be given (the turns before the first question, and the
    words of the addresses the front matter or the header cite: "…/press-briefing-by-presidential-
    spokesperson-ernesto-abella-with-…"), and the document's text without its addresses."""
    first_q = next((i for i, x in enumerate(cast.per_turn) if x.anonymous), min(len(cast.turns), 6))
    head = cast.text[: cast.turns[0].start_char] if cast.turns else ""
    slugs = [_slug_words(u) for u in _URL.findall(head[:20000])]
    plain = _URL.sub(" ", cast.text) if "://" in cast.text else cast.text
    before = [cast.header.title or "", _URL.sub(" ", _preamble(cast))]
    return " ".join(before + [cast.turns[i].text for i in range(first_q)] + slugs), plain


_URL = re.compile(r"https?://[^\s'\"<>)\]]+")


def _slug_words(url: str) -> str:
    """The last part of an address as words, each capitalised ("…/media-interview-with-president-
    rodrigo-roa-duterte/" → "Media Interview With President Rodrigo Roa Duterte")."""
    last = next((x for x in reversed(url.split("?")[0].split("/")) if x), "")
    words = re.split(r"[-_+]+", last.rsplit(".", 1)[0] if "." in last[-6:] else last)
    return " ".join(w.capitalize() for w in words if w.isalpha()) + "."


def _introduced_in_opening(opening: tuple[str, str], surname: str) -> str | None:
    """The full name that the opening gives a briefer labelled by title and surname ("I'm joined by
    Dr. Tony Fauci …" for `Dr. Fauci:`), where it gives exactly one."""
    where, plain = opening
    cased = "-".join(x.capitalize() for x in surname.split("-")) if surname.isupper() else surname
    given = set()
    for m in re.finditer(_GIVEN_BEFORE + re.escape(cased) + r"\b", where):
        words = m.group(1).split()
        while words and not _given_name(words[0], plain):
            words.pop(0)  # "President Rodrigo Roa": the title is no given name
        if words and all(_given_name(x, plain) for x in words):
            given.add(" ".join(words))
    return f"{given.pop()} {cased}" if len(given) == 1 else None


#: a name in capitals, as a list of appearances prints it ("BRIAN T. BURGESS, ESQ.", "DONALD B.
#: VERRILLI, JR., ESQ.", "K. WINN ALLEN"): given names and initials, the surname, a suffix
_CAPITALS_RUN = r"(?<![\w.])((?:[A-Z]\.[ \t]+|[A-Z][A-Z'\-]+[ \t]+){1,%d})"
_CAPITALS_BEFORE = _CAPITALS_RUN % 3
#: the same, room for a label's offices before the name ("COUNCIL PRESIDENT JANE Q. ROE")
_CAPITALS_BEFORE_OFFICES = _CAPITALS_RUN % 6
_SUFFIX = r"(?:,[ \t]+(JR|SR|II|III|IV)\.?)?(?![\w'\-])"


#: a member's office in a label or a list ("COUNCILWOMAN", "ALDERMAN"; `member_titles`, words of one word)
_MEMBER_WORDS = frozenset(w for w in WORDS["member_titles"] if " " not in w)


def _office_word(word: str) -> bool:
    """A title word ("PRESIDENT", "COUNCIL") or a member's office ("COUNCILMAN")?"""
    return is_title_word(word) or word.lower() in _MEMBER_WORDS


def _listed_in_capitals(where: str, surname: str, offices: list[str] | tuple = ()) -> str | None:
    """The one full name in capitals with a surname that the opening prints (a court's or a
    hearing's list of appearances, a "STATEMENT OF …" heading, a council's list of those present
    with their offices before their names), in title case ("Brian T. Burgess", "Donald B. Verrilli,
    Jr."); its given names are no title words, and a heading's words before them ("STATEMENT OF",
    "ARGUMENT BY", words the text prints in lower case) no part of it, nor the label's ``offices``
    where the list prints them before the name ("COUNCILMAN ROE:" / "COUNCILMAN JANE Q. ROE"); a
    label of two offices and a surname is named only so."""
    if surname.upper() not in where:
        return None  # the usual case, told without a scan
    found = set()
    before = _CAPITALS_BEFORE_OFFICES if offices else _CAPITALS_BEFORE
    office = [x.upper().rstrip(".") for x in offices]
    for m in re.finditer(before + re.escape(surname.upper()) + _SUFFIX, where):
        words = m.group(1).split()
        words = words[max((k + 1 for k, x in enumerate(words) if x in ("OF", "BY")), default=0) :]
        at = next((k for k in range(len(words)) if [x.rstrip(".") for x in words[k : k + len(office)]] == office), None)
        if office and at is not None and len(words) > at + len(office):
            # those present listed after the label's offices: "COUNCILMAN JANE Q. ROE"
            words = words[at + len(office) :]
        elif len(office) > 1:
            continue  # "SENIOR OFFICIAL ONE" is named by no list that does not print its offices
        elif len(words) > 3:
            words = words[-3:]
        while sum(1 for x in words if len(x.rstrip(".")) > 1) > 1 and written_in_lower_case(words[0], where):
            words = words[1:]  # "TESTIMONY JANE ROE": a heading's word, then the name (not BILL of "BILL J. ROE")
        full_words = [x for x in words if len(x.rstrip(".")) > 1]  # not "M." (an initial, not Monsieur)
        if not full_words:
            continue  # initials alone name no one
        if any(_office_word(x) or x.rstrip(".").lower() in HONORIFICS for x in full_words):
            continue  # "JUSTICE KAGAN", "MR. LONG": a title, no given name
        suffix = m.group(2)
        tail = f", {suffix.capitalize()}." if suffix in ("JR", "SR") else f" {suffix}" if suffix else ""
        found.add(cased_name([*words, surname.upper()]) + tail)
    return found.pop() if len(found) == 1 else None


#: a self-naming cue (people's, "I'm", "my name is" …), then one or two words of a name
_SAYS_NAME = re.compile(SELF_CUE.pattern + r"\s*([A-Z][a-z][\w'\-]*)(?:\s+([A-Z][a-z][\w'\-]*))?")


def _self_naming_role(label: str) -> bool:
    """A one-person role label ("INTERVIEWER", "The Moderator"; `self_naming_roles`)?"""
    words = label_key(label).lower().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words) in WORDS["self_naming_roles"]


#: a self-naming cue, then two capitalised words (accented letters too) not followed by "'s"
_SAYS_FULL_NAME = re.compile(
    SELF_CUE.pattern
    + r"\s*([A-Z\u00c0-\u00de][a-z\u00df-\u00ff][\w'\-]*)\s+([A-Z\u00c0-\u00de][a-z\u00df-\u00ff][\w\-]*)(?!['\w])"
)


def _names_themselves(turn: str, text: str, taken: set[str]) -> str | None:
    """The full name (two words) a role label's speaker gives early in their first turn ("… is
    tonight host to a British political first. I'm Jane Roe."): "I'm …" or "my name is …" before
    "this is …" ("This is Fresh Air. I'm Terry Gross." gives Terry Gross), not a possessive ("This
    is John Doe's first debate"), nor the name of another speaker."""
    found = list(_SAYS_FULL_NAME.finditer(fold_typography(turn[:300])))
    # "I'm …" and "my name is …" before "this is …", which may give a show's name
    for m in sorted(found, key=lambda m: m.group().lower().startswith("this")):
        name = f"{m.group(1)} {m.group(2)}"
        if all(_given_name(x, text) for x in m.groups()) and fold_case_and_accents(name) not in taken:
            return name
    return None


def _says_their_name(turn: str, text: str) -> str | None:
    """The name a transcriber's numbered speaker gives at the start of their turn ("Speaker 3: my
    name is Aperfa and I'm …", "I'm Jane Roe, …"): one or two words that are no title, pronoun or
    word the text prints in lower case."""
    m = _SAYS_NAME.search(fold_typography(turn[:200]))
    if m is None or not _given_name(m.group(1), text):
        return None
    return " ".join(x for x in m.groups() if x and _given_name(x, text))


def _given_name(word: str, text: str) -> bool:
    low = word.lower()
    return not (
        is_title_word(word)
        or low in HONORIFICS
        or low in NON_PERSON
        or low in WORDS["pronouns"]
        or low in WORDS["discourse"]
        or written_in_lower_case(word, text)
    )


def _briefers(cast: Cast) -> frozenset[str]:
    """The lower-case words of the briefers' names, which address them and name no outlet."""
    return frozenset(x.lower() for p in cast.people if p.name for x in p.name.split())


def introductions(cast: Cast) -> None:
    """Pass: reporters introduced by the turn before (a moderator's introduction, a briefer's
    closing call-out "… Jordan Smith, Bloomberg.", a bare call-out line) or by themselves
    ("Howard Schneider with Reuters.")."""
    briefers = _briefers(cast)
    for i, w in enumerate(cast.per_turn):
        if w.role in ("principal", "official", "moderator", "other") or w.person is not None:
            continue
        _introduced(cast, i, w, briefers)
        if w.name is None and w.labels and is_diarized(w.labels[0]):
            w.name = _says_their_name(cast.turns[i].text, cast.text)
        nm, outlet = self_introduction(cast.turns[i].text, w.name, briefers)
        if not nm:
            nm, outlet = _credited(cast.turns[i].text)
        if nm and outlet:
            if w.anonymous:
                name_anonymous(w, nm, outlet, None)
            elif w.labels and is_diarized(w.labels[0]) and (w.name is None or nm.startswith(w.name)):
                # "Speaker 4: I'm Jane Roe from the Daily Planet": the transcriber's number is theirs
                w.name, w.affiliation, w.role = nm, outlet, "journalist"
            elif w.name and (not w.affiliation or fold_typography(nm).lower() == fold_typography(w.name).lower()):
                w.affiliation = w.affiliation or outlet  # a speaker who introduces themselves with an outlet
                w.role = "journalist"


_CREDIT = re.compile(
    r"^\W{0,4}\(\s*(?P<name>[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){1,3})\s*[-\u2013\u2014,/]\s*"
    r"(?P<outlet>[^()\n]{2,60}?)\s*\)"
)


def _credited(text: str) -> tuple[str | None, str | None]:
    """A question credited to its asker in brackets: "(Julien Billiotte – AutoHebdo) Toto, …"."""
    m = _CREDIT.match(text[:200])
    return (m.group("name"), m.group("outlet").strip()) if m else (None, None)


def _introduced(cast: Cast, i: int, w: Who, briefers: frozenset[str]) -> None:
    prev_text = cast.turns[i - 1].text if i > 0 else ""
    prev = cast.per_turn[i - 1] if i > 0 else None
    if w.name:
        intro = find_intro(prev_text, w.name) if prev_text else None
        if intro and (intro.outlet or intro.place):
            w.role = "journalist"
            w.affiliation = w.affiliation or intro.outlet
            w.place = w.place or intro.place
    elif w.anonymous and i > 0 and cast.segs[i - 1].forced == "callout":
        # a bare call-out line: a person and an outlet ("Anna Lee, CNN"), else an outlet ("Al Jazeera")
        nm, outlet = self_introduction(prev_text.strip().rstrip(".") + ".", None, briefers)
        if nm:
            name_anonymous(w, nm, outlet, None)
        else:
            w.affiliation = prev_text.strip().rstrip(".")
    elif w.anonymous and prev_text and prev.role in ("moderator", None):
        intro = find_intro(prev_text)
        if intro:
            name_anonymous(w, intro.name, intro.outlet, intro.place)
    elif w.anonymous and prev_text and prev.role in ("principal", "official"):
        # a briefer's answer that closes by calling on the next reporter ("… Jordan Smith, Bloomberg.")
        intro = closing_callout(prev_text, briefers)
        if intro:
            name_anonymous(w, intro.name, intro.outlet, intro.place)


def _says(text: str, word: str) -> bool:
    """Is ``word`` a whole word of ``text``?"""
    return re.search(rf"\b{re.escape(word)}\b", text) is not None


class _Words:
    """What the transcript says of a word, each asked once: is it printed in lower case, is it
    called with a lead somewhere ("Go ahead, Peter.")?"""

    def __init__(self, text: str):
        self.text = text
        self.seen: dict[str, bool] = {}

    def lower_case(self, word: str) -> bool:
        if word not in self.seen:
            self.seen[word] = written_in_lower_case(word, self.text)
        return self.seen[word]

    def called_elsewhere(self, word: str) -> bool:
        return (
            re.search(rf"\b(?:ahead|[Oo]kay|[Yy]es|[Ww]ell|[Tt]hanks|[Tt]hank you),\s+{re.escape(word)}\b", self.text)
            is not None
        )


def callouts(cast: Cast) -> None:
    """Pass: briefers' call-outs ("Michelle.", "Victoria, in the back.") and addresses ("Well,
    Julie, …") name the unnamed reporter they go with. A word the transcript also prints in lower
    case names someone only in a led call-out or address ("Go ahead, Will."), not alone ("Inflation.")."""
    known = {x.lower() for w in cast.order for x in ([w.name] if w.name else []) + w.labels}
    known |= {p.name.split()[-1].lower() for p in cast.people if p.name}
    known |= {p.name.split()[0].lower() for p in cast.people if p.name and len(p.name.split()) >= 2}  # "Karine."
    words = _Words(cast.text)
    per_turn, turns = cast.per_turn, cast.turns
    for i, w in enumerate(per_turn):
        if not (w.anonymous and w.role == "journalist" and not w.name):
            continue
        nm = None
        if i > 0 and per_turn[i - 1].role in ("principal", "official", "moderator"):
            # a bare "Cuomo." after a question that said "… Governor Cuomo said …" echoes it and calls
            # nobody; a short bid for the floor ("No, Joey.", "Priscilla.") may name the next reporter
            asked = turns[i - 2].text if i > 1 and per_turn[i - 2].role == "journalist" else ""
            if count_spaced_words(asked, WORD_CAP) < 7:
                asked = ""
            nm = callout_name(
                turns[i - 1].text,
                known,
                lambda word: (
                    words.lower_case(word) or (asked != "" and _says(asked, word) and not words.called_elsewhere(word))
                ),
            )
        if nm is None and i + 1 < len(per_turn) and per_turn[i + 1].role in ("principal", "official"):
            nm = addressed_name(turns[i + 1].text, known, words.lower_case)
        if nm:
            w.name = nm


def name_anonymous(w: Who, name: str, outlet: str | None, place: str | None) -> None:
    w.name = name
    w.affiliation = w.affiliation or outlet
    w.place = w.place or place


#: a given name and one middle initial, at the end of the text before a surname ("JANE Q. ")
_GIVEN_AND_INITIAL = re.compile(r"(?<![\w.])([^\W\d_][\w'\u2019\-]*)[ \t]+([A-Z])\.[ \t]+$")


def middle_initials(cast: Cast) -> None:
    """Pass: a speaker named by a given name and a surname ("Jane Roe") takes the fuller form the
    document prints with one middle initial, before the first labelled turn ("Jane Q. Roe") or in
    capitals (a list of members, "STATEMENT OF JANE Q. ROE"), where it prints exactly one such form
    of that name and no other speaker has it. Not from the speech: "take David J. Malan, say" is an
    example, not a name given."""
    named = {id(w): w for w in cast.per_turn if w.name and len(w.name.split()) == 2 and not w.anonymous}
    if not named:
        return
    first = cast.labelled_from
    before, text = cast.text[:first].upper(), cast.text  # before the turns any case; after, capitals
    taken = cast.names_taken()
    for w in named.values():
        given, surname = w.name.upper().split()
        initial = _initials_before(before, given, surname, 0)
        later = _initials_before(text, given, surname, first)
        if later and not mostly_capitals(text):  # in a transcript in capitals, capitals after the first turn are speech
            initial |= later
        fuller = f"{w.name.split()[0]} {next(iter(initial))}. {w.name.split()[1]}" if len(initial) == 1 else None
        if fuller and fold_case_and_accents(fuller) not in taken:
            w.name = fuller
            taken.add(fold_case_and_accents(fuller))


def full_given_names(cast: Cast) -> None:
    """Pass: a speaker named by a short form of a given name and a surname ("Tim Roe:", "Kris
    Doe:") takes the full given name the document prints before the same surname ("Today,
    Timothy Roe, Director of …", "Dr. Kristian Doe"): the short form opens it, it is the only
    such form printed, and no other speaker has that name."""
    taken = cast.names_taken()
    done: set[int] = set()
    for w in cast.per_turn:
        if id(w) in done or w.anonymous or not w.name or len(w.name.split()) != 2:
            continue
        done.add(id(w))
        given, surname = w.name.split()
        if len(given) < 2 or not given[0].isupper() or surname not in cast.text:
            continue
        fuller = _fuller_given_names(cast.text, given, surname)
        name = f"{fuller.pop()} {surname}" if len(fuller) == 1 else None
        if name and fold_case_and_accents(name) not in taken:
            w.name = name
            taken.add(fold_case_and_accents(name))


def _fuller_given_names(text: str, given: str, surname: str) -> set[str]:
    """The words the text prints before `surname` that start with `given` and run on for one to
    six lower-case letters ("Timothy" before "Roe" for "Tim"): found by the surname, a plain search,
    not a pattern made for each speaker."""
    found = set()
    for i, j in _occurrences(text, surname, 0):
        if i > 0 and text[i - 1].isspace() and (j >= len(text) or not text[j].isalnum()):
            end = i - 1
            while end > 0 and text[end - 1].isspace():
                end -= 1
            k = end
            while k > 0 and text[k - 1].isalpha():
                k -= 1
            word, rest = text[k:end], text[k + len(given) : end]
            if word.startswith(given) and 1 <= len(rest) <= 6 and rest.islower() and rest.isalpha():
                found.add(word)
    return found


def _occurrences(text: str, word: str, start: int):
    """Where `word` stands in `text` from `start`: (its start, its end), by a plain search."""
    i = text.find(word, start)
    while i >= 0:
        yield i, i + len(word)
        i = text.find(word, i + len(word))


def _initials_before(text: str, given: str, surname: str, start: int) -> set[str]:
    """The middle initials that `text` prints, from `start`, between `given` and `surname` (both
    in capitals: "JANE Q. ROE"); found by the surname, a plain search, not a scan of every word."""
    found = set()
    for i, j in _occurrences(text, surname, start):
        after = text[j] if j < len(text) else " "
        if not (after.isalnum() or after in "'\u2019-") and _after_an_initial(text, i, start):
            m = _GIVEN_AND_INITIAL.search(text, max(start, i - len(given) - 12), i)
            if m and m.group(1) == given:
                found.add(m.group(2))
    return found


def _before_first_turn(cast: Cast, w: Who, surname: str) -> str | None:
    """The one name in capitals with this surname printed before the speaker's first turn, unless
    the whole text is in capitals (then capitals mark no heading)."""
    name = _listed_in_capitals(cast.text[: cast.turns[w.turns[0]].start_char], surname)
    return None if name is None or mostly_capitals(cast.text) else name


@functools.lru_cache(maxsize=8)
def mostly_capitals(text: str) -> bool:
    """Is the text printed mostly in capitals (a caption file, a typescript in capitals), so that
    capitals mark no heading or list? Judged on its first 4,000 characters."""
    sample = text[:4000]
    return len(_UPPER.findall(sample)) > 2 * len(_LOWER.findall(sample))


_UPPER = re.compile(r"[A-Z\u00c0-\u00de]")
_LOWER = re.compile(r"[a-z\u00df-\u00ff]")


def _after_an_initial(text: str, i: int, start: int) -> bool:
    """Is the word before `i` an initial ("Q. " in "JANE Q. ROE"; not "MS. " in "MS. ROE")? A
    quick test before the pattern."""
    j = i - 1
    while j > start and text[j] in " \t":
        j -= 1
    return j - 2 >= start and text[j] == "." and text[j - 1].isupper() and text[j - 2] in " \t"


#: a field naming the interviewer ("INTERVIEWER: Jane Roe", "Interviewed by: Jane Roe", "An
#: Interview Conducted by Jane Roe, …"), on a line of its own or opening one
_INTERVIEWER_FIELD = re.compile(
    r"^[ \t*_#]*(?:INTERVIEWER|Interviewer|(?:[Aa]n )?[Ii]nterview(?:ed)?(?: [Cc]onducted)? [Bb]y)[ \t*_]*:?[ \t*_]*"
    r"(?P<name>[A-Z\u00c0-\u00de][\w'\u2019\-]+(?:[ \t]+(?:[A-Z]\.|[A-Z\u00c0-\u00de][\w'\u2019\-]+)){1,3})"
    r"[ \t*_]*(?:[,.;(]|$)",
    re.M,
)


def interviewer_asks(cast: Cast) -> None:
    """Pass: where the text before the first question names one interviewer in a field
    ("INTERVIEWER: Jane Roe", "An Interview Conducted by Jane Roe, …"), as an oral history heads
    its transcript, the anonymous `Q` who asks is that interviewer, one speaker; a briefing's many
    reporters have no such field."""
    askers = [w for w in cast.order if w.anonymous and w.turns and w.labels and w.labels[0] in ("Q", "QUESTION")]
    if not askers:
        return
    first = min(i for w in askers for i in w.turns)
    head = cast.text[: cast.turns[first].start_char]
    if "nterview" not in head and "NTERVIEW" not in head:
        return  # the usual case, told without the pattern
    found = {" ".join(m.group("name").split()) for m in _INTERVIEWER_FIELD.finditer(head)}
    names = {cased_name(n.split()) if n.isupper() else n for n in found}
    if len(names) != 1 or fold_case_and_accents(next(iter(names))) in cast.names_taken():
        return
    target = askers[0]
    target.name, target.anonymous, target.role = next(iter(names)), False, "journalist"
    for w in askers[1:]:
        cast.merge(w, target)
