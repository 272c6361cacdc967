"""Turns' labels → people, with roles (principal, moderator, journalist, official, other).

Resolution order for a label: a person named in the title/byline/header (by full name,
title — "NATO Secretary General" → Jens Stoltenberg — or surname — "MS. PSAKI" → Jen Psaki);
a journalist introduced by the moderator or by themselves; the label itself. Anonymous `Q`
turns each get their own speaker unless an introduction names them.
"""
from __future__ import annotations

import re
import statistics

from rapidfuzz import fuzz

from ..record import Speaker, Turn
from .header import Header
from .labels import label_key
from .people import (
    HONORIFICS, MODERATOR_WORDS, TITLE_WORDS, OTHER_WORDS, OUTLET_WORDS, PRESS_WORDS, Person, addressed_name, callout_name,
    closing_callout, find_intro, split_title_name, is_title_word, self_introduction, self_named, written_in_lower_case,
)
from .segment import Segment
from .kinds import passes_floor, word_count
from .textnorm import fold


_PAREN_OUTLET = re.compile(r"(?P<name>[^()]+?)\s*\((?P<outlet>[^()]{1,60})\)")
_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")
_CONTINUES = re.compile(r"^\s*(?:and|but|so|also|follow[- ]?up|a follow[- ]?up|just to follow|to follow up|just to be clear|"
                        r"one more|one last|just one more|on that|sorry)\b", re.I)


def _asks(text: str) -> bool:
    t = text.strip()
    return t.endswith("?") or ("?" in t and len(t.split()) <= 120)


def _says(text: str, word: str) -> bool:
    """Is ``word`` a whole word of ``text``?"""
    return re.search(rf"\b{re.escape(word)}\b", text) is not None


_ASKS_OPENING = re.compile(
    r"\b(?:taking|take) (?:our|my|the) questions?\b"
    r"|\b(?:a|my|one|two|quick|follow-up)\b(?! (?:great|good|fair|important|tough|excellent)\b)[\w\s-]{0,20}?\bquestions?\b",
    re.I)


def _asks_for_answers(text: str) -> bool:
    """A turn that opens by asking: a "?" or a reporter's opening ("Thank you for taking our
    questions. I have a two-pronged question about vaccines …", which the Fed's reporters often end
    with no "?"); not a briefer's "Before we turn to your questions" or "That's a great question"."""
    head = text[:300]
    return "?" in head or _ASKS_OPENING.search(head) is not None


def _plain_name(label: str) -> str | None:
    """'Thomas Gutschker' → itself; 'MICHELLE SMITH' → 'Michelle Smith'; 'MS. PSAKI' → None."""
    words = label.replace(",", " ").split()
    if len(words) < 2 or len(words) > 4:
        return None
    if any(is_title_word(w) or w.lower().strip(".") in HONORIFICS or w.lower().strip(".") in OUTLET_WORDS for w in words):
        return None
    if label.isupper():
        return " ".join(w.capitalize() if "-" not in w else "-".join(p.capitalize() for p in w.split("-")) for w in words)
    return " ".join(words)


def _is_outlet(label: str) -> bool:
    words = [w.lower().strip(".,") for w in label.split()]
    if any(w in OUTLET_WORDS for w in words):
        return True
    return len(words) == 1 and not is_title_word(label) and label[:1].isupper()


class _Who:
    """A speaker under construction."""

    def __init__(self, key: str):
        self.key = key
        self.labels: list[str] = []
        self.person: Person | None = None
        self.name: str | None = None
        self.role: str | None = None
        self.title: str | None = None
        self.affiliation: str | None = None
        self.place: str | None = None
        self.turns: list[int] = []
        self.anonymous = False


def _match_person(label: str, people: list[Person]) -> Person | None:
    key = label_key(label)
    words = [w for w in key.split() if w.lower() not in HONORIFICS and w != "THE"]
    for p in people:
        if p.name and key == label_key(p.name):
            return p
        if p.title:
            t = label_key(p.title)
            if key in (t, "THE " + t) or (words and " ".join(words) == t):
                return p
    if words:
        last = words[-1]
        for p in people:
            if p.name and label_key(p.name).split()[-1] == last:
                return p
        for p in people:
            if p.name and len(last) >= 5 and fuzz.ratio(label_key(p.name).split()[-1], last) >= 85:
                return p
    return None


def _near_title(word: str) -> bool:
    """A title word misspelt ("Adminstrator", "Secertary"): no given name."""
    w = word.lower().strip(".,")
    return len(w) >= 6 and any(len(t) >= 6 and fuzz.ratio(w, t) >= 85 for t in TITLE_WORDS)


def _office_label(label: str) -> bool:
    """A label that is an office alone ("PRIME MINISTER", "Immigration Minister"), not the press,
    a moderator or another role."""
    words = [w.lower().strip(".,") for w in label.split()]
    # an office ends in its title word ("Immigration Minister", "PRIME MINISTER"); a person's name
    # follows the title ("Minister Morrison")
    return bool(words) and is_title_word(words[-1]) and len(words) <= 4 and not any(
        w in PRESS_WORDS or w in MODERATOR_WORDS or w in OTHER_WORDS or w in HONORIFICS for w in words)


def _link_metadata_person(order: list[_Who], per_turn: list[_Who], people: list[Person], turns: list[Turn]) -> None:
    """The one person the front matter names (its author or speaker) and no label names: the
    office label that speaks most is theirs ("creators: ['Abbott, Tony']" / "PRIME MINISTER:"),
    joined with their unlabelled opening statement if they have one."""
    unlinked = [p for p in people if p.source == "metadata" and not any(w.person is p and w.labels for w in order)]
    if len(unlinked) != 1:
        return
    offices = [w for w in order if w.person is None and not w.anonymous and w.labels and _office_label(w.labels[0])]
    if not offices:
        return
    top = max(offices, key=lambda w: sum(len(turns[i].text.split()) for i in w.turns))
    target = next((w for w in order if w.person is unlinked[0]), None)
    if target is None:
        top.person = unlinked[0]
        return
    for i in top.turns:
        per_turn[i] = target
    target.turns = sorted(target.turns + top.turns)
    target.labels += [lb for lb in top.labels if lb not in target.labels]
    order.remove(top)


def _label_people(segs: list[Segment], people: list[Person]) -> list[Person]:
    """People that labels name with their title ("Governor Michele Bullock", "SECRETARY JANE DOE"),
    so that the same person's shorter labels ("Governor Bullock") find them; header people first."""
    out: list[Person] = []
    known = {label_key(p.name).split()[-1] for p in people if p.name}
    for sg in segs:
        lb = sg.label
        if lb is None or lb.kind != "name":
            continue
        words = lb.text.replace(",", " ").split()
        title, name = split_title_name(words)
        if not title or len(name) < 2 or not all(is_title_word(w) for w in title) \
                or all(w.lower().strip(".") in HONORIFICS for w in title) or _near_title(name[0]):
            continue  # "MR. FERNÁNDEZ HERNÁNDEZ" gives a double surname; "ADMINSTRATOR SLAVITT" a typo'd title
        surname = label_key(name[-1])
        if surname in known:
            continue
        nm = _plain_name(" ".join(name)) if lb.text.isupper() else " ".join(name)
        if nm:
            known.add(surname)
            out.append(Person(nm, " ".join(title), None, "label"))
    return out


def resolve_speakers(turns: list[Turn], segs: list[Segment], header: Header, text: str) -> tuple[list[Speaker], list[str]]:
    people = header.people
    people = people + _label_people(segs, people)
    whos: dict[str, _Who] = {}
    order: list[_Who] = []
    per_turn: list[_Who] = []
    principal0 = people[0] if people else None

    def get(key: str) -> _Who:
        if key not in whos:
            whos[key] = _Who(key)
            order.append(whos[key])
        return whos[key]

    # 1. one _Who per distinct label (fuzzy-merging typos), per anonymous Q turn, per unlabelled turn
    label_keys: dict[str, str] = {}
    matched: dict[str, Person | None] = {}
    for i, (t, sg) in enumerate(zip(turns, segs)):
        if sg.label is None:
            if sg.forced == "continued" and per_turn:
                w = per_turn[-1]
            elif sg.forced == "answer" and principal0 is not None:
                w = get("person:" + (principal0.name or ""))
                w.person = principal0
            elif sg.forced == "callout":
                w = get("callout")  # the moderator of a labelless transcript
                w.role = "moderator"
            elif sg.forced in ("question", "closing"):
                w = get(f"anon:{i}")
                w.anonymous = True
                w.role = "journalist"
            else:
                # the unlabelled opening statement: the principal named in the header
                if principal0 is not None:
                    w = get("person:" + (principal0.name or ""))
                    w.person = principal0
                else:
                    w = get("unlabelled")
            per_turn.append(w)
            w.turns.append(i)
            continue
        lb = sg.label
        asker = None
        if lb.kind == "q" and lb.text.lower().startswith("follow"):
            asker = next((x for x in reversed(per_turn) if x.role == "journalist"), None)
        if asker is not None:
            w = asker
            if lb.text not in w.labels:
                w.labels.append(lb.text)
            per_turn.append(w)
            w.turns.append(i)
            continue
        if lb.kind == "change":
            # a caption's speaker-change marker: someone new, unnamed; asking or not
            w = get(f"change:{i}")
            w.anonymous = True
            w.role = "journalist" if _asks(t.text) else "other"
            per_turn.append(w)
            w.turns.append(i)
            continue
        if lb.kind == "q":
            w = get(f"q:{i}")
            w.anonymous = True
            w.role = "journalist"
            w.labels.append(lb.text)
            per_turn.append(w)
            w.turns.append(i)
            continue
        key = lb.key
        if lb.kind == "a" and principal0 is not None:
            key = "person:" + (principal0.name or "")
        elif key not in label_keys:
            target = key
            for known in label_keys:
                if len(known.split()) == len(key.split()) and len(key) >= 6 and fuzz.ratio(known, key) >= 90:
                    target = label_keys[known]
                    break
            label_keys[key] = target
            key = target
        else:
            key = label_keys[key]
        if lb.kind == "a":
            p = None
        else:
            if lb.text not in matched:
                matched[lb.text] = _match_person(lb.text, people)
            p = matched[lb.text]
        if p is not None:
            key = "person:" + (p.name or "")
        w = get(key)
        if p is not None:
            w.person = p
        elif lb.kind == "a" and principal0 is not None:
            w.person = principal0
        if lb.text not in w.labels:
            w.labels.append(lb.text)
        per_turn.append(w)
        w.turns.append(i)

    _link_metadata_person(order, per_turn, people, turns)

    # 2. names, titles, affiliations from labels and people
    for w in order:
        if w.person is not None and w.person.source == "label":
            w.name, w.title = w.person.name, w.person.title  # the role comes from what they do
            continue
        if w.person is not None:
            p = w.person
            w.name = p.name if p.name and len(p.name.split()) >= 2 else None
            w.title = p.title
            w.role = "principal" if (p.source in ("title", "byline", "metadata") or p is principal0 or p.source == "header" and people.index(p) == 0) else "official"
            if p.organisation:
                w.affiliation = p.organisation
            elif header.organisation:
                w.affiliation = header.organisation
            continue
        if w.anonymous or not w.labels:
            continue
        label = w.labels[0]
        paren = _PAREN_OUTLET.fullmatch(label)
        if paren and _plain_name(paren.group("name")):
            w.name = _plain_name(paren.group("name"))  # 'Shane Wright (SMH/AGE)'
            w.affiliation = paren.group("outlet").strip()
            continue
        dash = _DASH.split(label, 1)
        if len(dash) == 2 and _plain_name(dash[0]):
            # 'Ian Shackleton - Nomura Securities' / 'Jane Roe - Chief Financial Officer': a name, then
            # an office (an official's) or a firm (a questioner's)
            w.name = _plain_name(dash[0])
            if any(is_title_word(x) for x in dash[1].replace(",", " ").split()):
                w.title = dash[1].strip()
            else:
                w.affiliation = dash[1].strip()
            continue
        if "," in label:
            nm, _, aff = label.partition(",")
            if _plain_name(nm.strip()):
                w.name = _plain_name(nm.strip())
                w.affiliation = aff.strip()
                w.role = "journalist"
                continue
        low = {x.lower().strip(".") for x in label.split()}
        if low & MODERATOR_WORDS or "moderator" in label.lower():
            w.role = "moderator"
            w.title = label
            if header.organisation and label.split()[0].isupper() and label.split()[0] == header.organisation:
                w.affiliation = header.organisation
            continue
        if low & OTHER_WORDS:
            w.role = "other"
            continue
        w.name = _plain_name(label)

    # 2b. a speaker labelled by title and surname who names themselves ("I'm Andy Slavitt, …")
    for w in order:
        if w.name is None and not w.anonymous and w.labels and w.role != "journalist":
            words = [x for x in label_key(w.labels[0]).split() if x.lower() not in HONORIFICS]
            if words and not is_title_word(words[-1]):
                for i in w.turns[:3]:
                    nm = self_named(turns[i].text, words[-1])
                    if nm:
                        w.name = nm
                        break

    # 3. introductions by the previous turn (a moderator's or a principal's call-out) and self-introductions
    briefers = frozenset(x.lower() for p in people if p.name for x in p.name.split())
    for i, w in enumerate(per_turn):
        if w.role in ("principal", "official", "moderator", "other") or w.person is not None:
            continue
        prev_text = turns[i - 1].text if i > 0 else ""
        intro = None
        if w.name:
            intro = find_intro(prev_text, w.name) if prev_text else None
            if intro and (intro.outlet or intro.place):
                w.role = "journalist"
                w.affiliation = w.affiliation or intro.outlet
                w.place = w.place or intro.place
        elif w.anonymous and i > 0 and segs[i - 1].forced == "callout":
            # a bare call-out line: a person and an outlet ("Anna Lee, CNN"), else an outlet ("Al Jazeera")
            nm, outlet = self_introduction(prev_text.strip().rstrip(".") + ".", None, briefers)
            if nm:
                _name_anonymous(w, nm, outlet, None)
            else:
                w.affiliation = prev_text.strip().rstrip(".")
        elif w.anonymous and prev_text and i > 0 and per_turn[i - 1].role in ("moderator", None):
            intro = find_intro(prev_text)
            if intro:
                _name_anonymous(w, intro.name, intro.outlet, intro.place)
        elif w.anonymous and prev_text and i > 0 and per_turn[i - 1].role in ("principal", "official"):
            # a briefer's answer that closes by calling on the next reporter ("… Jordan Smith, Bloomberg.")
            intro = closing_callout(prev_text, briefers)
            if intro:
                _name_anonymous(w, intro.name, intro.outlet, intro.place)
        nm, outlet = self_introduction(turns[i].text, w.name, briefers)
        if nm and outlet:
            if w.anonymous:
                _name_anonymous(w, nm, outlet, None)
            elif w.name and (not w.affiliation or fold(nm).lower() == fold(w.name).lower()):
                w.affiliation = w.affiliation or outlet  # a speaker who introduces themselves with an outlet
                w.role = "journalist"
        elif w.name and not w.affiliation:
            # 'TV Imedi, Ketevan Kardava, …' or 'Thanks. Nick Timiraos.'
            pass

    # briefers' call-outs ("Michelle.", "Victoria, in the back.") and addresses ("Well, Julie, …")
    known = {x.lower() for w in order for x in ([w.name] if w.name else []) + w.labels}
    known |= {p.name.split()[-1].lower() for p in people if p.name}
    known |= {p.name.split()[0].lower() for p in people if p.name and len(p.name.split()) >= 2}  # "Karine."
    seen_lower: dict[str, bool] = {}

    def called_elsewhere(word: str) -> bool:
        """Does a briefer call on or address ``word`` with a lead somewhere ("Go ahead, Peter.")?"""
        return re.search(rf"\b(?:ahead|[Oo]kay|[Yy]es|[Ww]ell|[Tt]hanks|[Tt]hank you),\s+{re.escape(word)}\b",
                         text) is not None

    def lower_case(word: str) -> bool:  # one scan of the text per word, however often it is called out
        if word not in seen_lower:
            seen_lower[word] = written_in_lower_case(word, text)
        return seen_lower[word]

    for i, w in enumerate(per_turn):
        if not (w.anonymous and w.role == "journalist" and not w.name):
            continue
        # a word the transcript also prints in lower case names someone only in a led call-out or
        # address ("Go ahead, Will.", "Well, Major, …"), not alone ("Inflation.", "Today, we …")
        nm = None
        if i > 0 and per_turn[i - 1].role in ("principal", "official", "moderator"):
            # a bare "Cuomo." after a question that said "… Governor Cuomo said …" echoes it and calls
            # nobody; a short bid for the floor ("No, Joey.", "Priscilla.") may name the next reporter
            asked = turns[i - 2].text if i > 1 and per_turn[i - 2].role == "journalist" else ""
            if word_count(asked) < 7:
                asked = ""
            nm = callout_name(turns[i - 1].text, known,
                              lambda word: lower_case(word) or (asked != "" and _says(asked, word)
                                                                and not called_elsewhere(word)))
        if nm is None and i + 1 < len(per_turn) and per_turn[i + 1].role in ("principal", "official"):
            nm = addressed_name(turns[i + 1].text, known, lower_case)
        if nm:
            w.name = nm

    # a reporter introduced by a moderator keeps the floor for follow-ups until the next moderator turn
    if any(w.role == "moderator" for w in order):
        thread: _Who | None = None
        for i, w in enumerate(per_turn):
            if w.role == "moderator" or (w.role != "journalist" and passes_floor(fold(turns[i].text[:400]))):
                thread = None
            elif w.anonymous and w.role == "journalist":
                if w.name:
                    thread = w
                elif thread is not None:
                    per_turn[i] = thread
                    thread.turns.append(i)
                    if w in order:
                        order.remove(w)

    _keep_the_floor(per_turn, order, turns)

    # merge named anonymous speakers with the same name into one person
    merged: dict[str, _Who] = {}
    for i, w in enumerate(per_turn):
        if w.anonymous and w.name:
            k = "named:" + w.name.lower()
            if k in merged and merged[k] is not w:
                m = merged[k]
                m.turns.append(i)
                per_turn[i] = m
                if w in order:
                    order.remove(w)
                m.affiliation = m.affiliation or w.affiliation
            else:
                merged[k] = w

    # 4. roles by behaviour for whoever is still undecided
    has_principal = any(w.role == "principal" for w in order)
    undecided = [w for w in order if w.role is None]
    stats = {}
    for w in undecided:
        # words per turn counted up to 26 (enough to tell a median of 12 or less); totals on demand
        words = [len(turns[i].text.split(None, 25)) for i in w.turns]
        qs = sum(1 for i in w.turns if "?" in turns[i].text)
        stats[id(w)] = (words, qs)
    totals: dict[int, int] = {}

    def total_words(w: _Who) -> int:
        if id(w) not in totals:
            totals[id(w)] = sum(len(turns[i].text.split()) for i in w.turns)
        return totals[id(w)]

    # a label with a title ("THE PRESIDENT:", "SECRETARY BECERRA:", "DR. FAUCI:") is no reporter however
    # many of its turns hold a question mark; "MR. …" and "MS. …" only where the press speaks as "Q"
    # ("REPORTER:", "CORRESPONDENT:" are the press's own)
    q_labelled = any(w.anonymous and w.labels for w in order)

    def titled(w: _Who) -> bool:
        first = w.labels[0].split()[0].lower().strip(".") if w.labels and w.labels[0].split() else ""
        return (is_title_word(first) and first not in PRESS_WORDS
                and (q_labelled or first not in ("mr", "mrs", "ms", "miss")))

    # reporters first (an outlet's label, mostly questions), then who hands them the floor
    for w in undecided:
        words, qs = stats[id(w)]
        n = len(w.turns)
        if w.labels and _is_outlet(w.labels[0]) and not w.name and qs >= 1:
            w.role = "journalist"
            w.affiliation = w.labels[0]
        elif not titled(w) and n and qs / n >= 0.5 and not (has_principal is False and total_words(w) > 3 * max(1, max((total_words(o) for o in undecided if o is not w), default=0))):
            w.role = "journalist"
    # then who hands reporters the floor, and whom such a moderator calls on by name ("Thank you.
    # Rachel Siegel." / RACHEL SIEGEL.): each can reveal the other, so until neither finds anyone
    changed = True
    while changed:
        changed = False
        for w in undecided:
            if w.role is not None:
                continue
            words, _ = stats[id(w)]
            n = len(w.turns)
            followed_by_question = sum(1 for i in w.turns if i + 1 < len(per_turn) and per_turn[i + 1].role == "journalist")
            if n >= 2 and statistics.median(words) <= 12 and followed_by_question >= n * 0.6 and not (
                    w.title and titled(w)):  # an office holder named with their title answers, not moderates
                w.role = "moderator"
                changed = True
        for w in undecided:
            first = w.turns[0] if w.turns else 0
            if w.role is None and first > 0 and per_turn[first - 1].role == "moderator" and _asks_for_answers(
                    turns[first].text):
                called = callout_name(turns[first - 1].text, set())
                who = (w.name or (w.labels[0] if w.labels else "")).split()
                if called and who and not any(is_title_word(x) for x in who) \
                        and fold(called).lower().split()[-1] == fold(who[-1]).lower():
                    w.role = "journalist"
                    changed = True
    rest = [w for w in undecided if w.role is None]
    if rest:
        if not has_principal:
            first_q = next((i for i, w in enumerate(per_turn) if w.role == "journalist"), len(per_turn))
            statement_givers = [w for w in rest if any(i < first_q and word_count(turns[i].text) >= 60 for i in w.turns)]
            if statement_givers:
                for w in statement_givers:
                    w.role = "principal"
            else:
                top = max(rest, key=total_words)
                top.role = "principal"
        for w in rest:
            if w.role is None:
                w.role = "official"
    for w in order:
        if w.role is None:
            w.role = "other"
        if w.role == "journalist" and w.affiliation is None and w.labels and not w.name and not w.anonymous \
                and _is_outlet(w.labels[0]):
            w.affiliation = w.labels[0]

    # 5. speakers in order of first appearance
    speakers: list[Speaker] = []
    ids: dict[int, str] = {}
    for w in per_turn:
        if id(w) in ids:
            continue
        sid = f"s{len(speakers) + 1}"
        ids[id(w)] = sid
        speakers.append(Speaker(id=sid, name=w.name, labels=list(w.labels), role=w.role, title=w.title,
                                affiliation=w.affiliation, place=w.place))
    return speakers, [ids[id(w)] for w in per_turn]


_FLOOR_CALL = re.compile(r"\b(?:yes,? (?:sir|ma'am)|in the (?:back|front|middle)|you're up|over here|right here)\b[.?!]?\s*$",
                         re.I)


def _hands_on(text: str) -> bool:
    """Does a briefer's turn hand the floor to another reporter ("Next question.", "Go ahead.",
    "Yes, ma'am.", "In the back.")?"""
    head, tail = fold(text[:400]), fold(text[-120:])
    return passes_floor(head) or passes_floor(tail) or _FLOOR_CALL.search(tail) is not None


def _keep_the_floor(per_turn: list[_Who], order: list[_Who], turns: list[Turn]) -> None:
    """The floor: a named reporter keeps it for follow-ups (`Q`, answer, `Q`, answer …) across
    short answers, and across long ones where the follow-up says it continues ("And …", "Just to
    follow up …"), until a briefer hands the floor on ("Go ahead.", "Next question.", "Yes, ma'am.",
    a call-out) or a moderator speaks. Unnamed reporters are not joined: without a name the
    document does not say who asked."""
    holder: _Who | None = None
    long_gap = False
    for i, w in enumerate(per_turn):
        if w.anonymous and w.role == "journalist":
            if w.name:
                holder, long_gap = w, False
                continue
            if holder is not None and per_turn[i - 1] is not holder and (
                    not long_gap or _CONTINUES.match(fold(turns[i].text[:400])) is not None):
                per_turn[i] = holder
                holder.turns.append(i)
                if w in order:
                    order.remove(w)
                long_gap = False
            else:
                holder = None
        elif holder is not None:
            if w.role == "moderator" or _hands_on(turns[i].text):
                holder = None
            elif word_count(turns[i].text) > 10:
                long_gap = True


def _name_anonymous(w: _Who, name: str, outlet: str | None, place: str | None) -> None:
    w.name = name
    w.affiliation = w.affiliation or outlet
    w.place = w.place or place
