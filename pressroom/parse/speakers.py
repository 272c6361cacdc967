"""Turns' labels → speakers, with roles (principal, moderator, journalist, official, other).

`resolve_speakers` runs named passes, in order, over one `Cast` (parse/cast.py: the turns, the
header's people and one speaker under construction per turn). Each pass reads what the ones before
it decided and is tested alone (tests/parse/test_speaker_passes.py); docs/parsing.md describes them.

1. `labels` (here): one speaker per distinct label (typos merged fuzzily; a label naming a header
   person by full name, title or surname is that person), per anonymous `Q`, per unlabelled turn.
2. `metadata_person` (naming.py): the front matter's author speaks under the office label.
3. `names`: names, titles, affiliations from people and labels; moderators and other roles.
3-. `examiners` (hearing.py): "Counsel Inquiry:" is who asks after "Questions From Counsel to the Inquiry".
3a. `same_offices` (naming.py): "The Chair:" is the one "The Chair (Hon. Jane Roe)" named.
3b. `initials`: a label of initials ("CH:") is the speaker named in full with them.
3c. `given_names`: a given name alone ("Fred:") is the full name the title or summary gives.
3d. `surnames`: a surname alone ("Kukies:") is the full name the title or the text before it gives.
3e. `legend_names`: a legend before the turns ("TK = Jane Roe, …") names a label.
3f. `chair_named` (chair.py): "Presidència de … Jane Roe" names "La presidenta:", who moderates.
4. `self_named`: "I'm Andy Slavitt, …" names a title-and-surname label.
5. `introductions`: a moderator's introduction, a briefer's closing call-out, a bare call-out line,
   a self-introduction name reporters.
5b. `interviewer_asks` (naming.py): an oral history's `Q` is the one interviewer its header names.
6. `callouts`: briefers' call-outs ("Michelle.") and addresses ("Well, Julie, …").
7. `moderator_threads` (floor.py): a reporter a moderator calls keeps the floor until the next call.
8. `keep_the_floor`: a named reporter keeps it for follow-ups until a briefer hands it on.
9. `merge_named`: reporters of one name are one speaker.
9b. `middle_initials` (naming.py): "Jane Roe" is the "Jane Q. Roe" the document prints.
9c. `full_given_names` (naming.py): "Tim Roe" is the "Timothy Roe" the document prints.
9d. `sworn_and_examining` (hearing.py): a witness sworn in answers, an examiner a heading names asks.
9e. `interviewee` (content.py): who answers a printed interview without labels, named by its headline.
10. `roles` (roles.py): first the offices a record's fields give (offices.py), then roles by
    behaviour for whoever is still undecided.

After the passes, `parse_document` lets the role model (rolemodel.py) revise the roles.
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz

from ..record import Speaker, Turn
from ..text import fold_case_and_accents
from .cast import Cast, Who
from .chair import chair_named
from .floor import keep_the_floor, merge_named, moderator_threads
from .hearing import examiners, sworn_and_examining
from .header import Header
from .labels import qa_number
from .naming import (
    CLOSING_NOTES,
    callouts,
    same_names,
    same_offices,
    initials,
    given_names,
    surnames,
    legend_names,
    introductions,
    interviewer_asks,
    middle_initials,
    full_given_names,
    label_people,
    match_person,
    metadata_person,
    names,
    self_named_pass,
)
from .content import interviewee
from .people import HONORIFICS, Person, is_title_word
from .words import WORDS
from .roles import roles
from .uncased import without_notes
from .segment import Segment


def _asks(text: str) -> bool:
    t = text.strip()
    return t.endswith("?") or ("?" in t and len(t.split()) <= 120)


@functools.lru_cache(maxsize=4096)
def _press_only(label: str) -> bool:
    """A label that names no one, only someone of the press asking: "QUESTIONER", "Reporter"."""
    return " ".join(label.lower().replace(".", " ").split()) in WORDS["asker_labels"]


def labels(cast: Cast) -> None:
    """Pass 1: one speaker per distinct label, anonymous `Q` and unlabelled turn (see the module)."""
    label_keys: dict[str, str] = {}
    matched: dict[str, Person | None] = {}
    for i, (t, sg) in enumerate(zip(cast.turns, cast.segs)):
        if sg.label is None:
            cast.assign(_unlabelled(cast, i, sg))
            continue
        lb = sg.label
        asker = None
        if lb.kind == "q" and lb.text.lower().startswith("follow"):
            asker = next((x for x in reversed(cast.per_turn) if x.role == "journalist"), None)
        if asker is not None:
            w = asker
        elif lb.kind == "change":
            # a caption's speaker-change marker: someone new, unnamed; asking or not
            w = cast.get(f"change:{i}")
            w.anonymous = True
            w.role = "journalist" if _asks(t.text) else "other"
        elif lb.kind == "q" or _press_only(lb.text):  # "QUESTIONER:", "REPORTER:": someone of the press
            w = cast.get(f"q:{i}")
            w.anonymous = True
            w.role = "journalist"
        else:
            w = _labelled(cast, lb, label_keys, matched)
            if lb.kind == "a" and qa_number(lb) and w.role is None:
                w.role = "principal"  # "A1.", "A2.": the one who answers the numbered questions
        if lb.kind != "change" and lb.text not in w.labels:
            w.labels.append(lb.text)
        cast.assign(w)
    _surnames_join_titles(cast)
    _given_names_join_full(cast)
    _noted_join_plain(cast)


def _surnames_join_titles(cast: Cast) -> None:
    """A label that is a surname alone or with an honorific ("ABELLA:", "Mr. Cruz:") is the speaker
    whose earlier label gave that surname after a title or a given name ("PRESIDENTIAL SPOKESPERSON
    ABELLA:", "RG Cruz (ABS-CBN 2):"), where exactly one did. A surname that is a title word alone
    ("House:") is the one earlier "Given Surname" label's ("Abigail House:")."""
    full, given_then = _surnames_labelled(cast)
    for w in list(cast.order):
        if w.anonymous or w.person is not None or len(w.labels) != 1:
            continue
        words = w.labels[0].replace(".", " ").split()
        honorific = len(words) == 2 and words[0].lower() in HONORIFICS
        if honorific:
            words = words[1:]  # "Mr. King": after an honorific, a title word is a surname
        if len(words) != 1:
            continue
        titled = is_title_word(words[0]) and not honorific
        _join_the_one_before(cast, w, (given_then if titled else full).get(words[0].upper(), []))


def _surnames_labelled(cast: Cast) -> tuple[dict[str, list[Who]], dict[str, list[Who]]]:
    """The speakers by the surname their labels give after a title or a given name; and by the surname
    a two-word "Given Surname" label gives, a title word though it may be ("Abigail House")."""
    full: dict[str, list[Who]] = {}
    given_then: dict[str, list[Who]] = {}
    for w in cast.order:
        if w.anonymous:
            continue
        for lb in w.labels:
            words = CLOSING_NOTES.sub("", lb).replace(".", " ").split()
            if len(words) == 2 and words[0][:1].isupper() and words[0].lower() not in HONORIFICS:
                if not is_title_word(words[0]) and not _press_only(words[0]):
                    given_then.setdefault(words[-1].upper(), []).append(w)
            # a title, or a given name, then the surname ("Kevin King": a given name makes a title word
            # one; "Mr. Jane Roe (Anytown) (Lab)": an honorific and a full name)
            if (
                len(words) >= 2
                and (words[0].lower() not in HONORIFICS or len(words) >= 3)
                and (
                    not is_title_word(words[-1])
                    or not any(is_title_word(x) for x in words[:-1] if x.lower() not in HONORIFICS)
                )
            ):
                full.setdefault(words[-1].upper(), []).append(w)
    return full, given_then


def _given_names_join_full(cast: Cast) -> None:
    """A label that is a given name alone ("LEO:") is the speaker whose earlier label gave that
    given name and a surname ("LEO LAPORTE:"), where exactly one did: a show names its hosts in
    full once, then by given name; where none did before, the one later label that does ("April:"
    throughout, "April Matias:" once)."""
    full: dict[str, list[Who]] = {}
    named: set[int] = set()  # speakers labelled by one name, not two ("Benjie and Lee", "WH, DH")
    for w in cast.order:
        for lb in w.labels if not w.anonymous else ():
            words = [
                x for x in CLOSING_NOTES.sub("", lb).replace(",", " ").split() if x.lower().strip(".") not in HONORIFICS
            ]
            if 2 <= len(words) <= 4 and not is_title_word(words[0]):
                full.setdefault(fold_case_and_accents(words[0]), []).append(w)
                if not _JOINT.search(lb) and all(x[:1].isupper() or x in WORDS["name_connectors"] for x in words):
                    named.add(id(w))
    for w in list(cast.order):
        if w.anonymous or w.person is not None or len(w.labels) != 1:
            continue
        words = w.labels[0].split()
        if len(words) != 1 or is_title_word(words[0]) or _press_only(words[0]):
            continue
        cands = full.get(fold_case_and_accents(words[0]), [])
        _join_the_one_before(cast, w, cands, after=[t for t in cands if id(t) in named])


#: a note in brackets after a label, in lower case: how the speaker speaks, in any language
#: ("BBC (unterbricht)", "Jane Roe (interrupting)", "M. Roe (suite)"), no name nor outlet
_LOWER_NOTE = re.compile(r"(?P<label>.+?)\s*\((?P<note>[^\W\d_A-Z][^()A-Z]{0,40})\)")


def _noted_join_plain(cast: Cast) -> None:
    """A label with a note in lower case in brackets ("BBC (unterbricht)") is the speaker of the
    same label without it, where one spoke before; so is a label in a script with no capitals
    whose note of one letter differs ("安竹（再）" after "安竹（初）": `uncased.without_notes`)."""
    plain: dict[str, list[Who]] = {}
    for w in cast.order:
        for lb in w.labels if not w.anonymous else ():
            plain.setdefault(lb, []).append(w)
            if (
                bare := without_notes(lb)
            ) != lb:  # "安竹（初）" and "安竹（再）": one councillor's first question and the next
                plain.setdefault(bare, []).append(w)
    for w in list(cast.order):
        if len(w.labels) != 1 or w.anonymous:
            continue
        m = _LOWER_NOTE.fullmatch(w.labels[0])
        if m and m.group("note").islower():
            _join_the_one_before(cast, w, plain.get(m.group("label"), []))
        elif (bare := without_notes(w.labels[0])) != w.labels[0]:
            _join_the_one_before(cast, w, plain.get(bare, []))


#: what joins two people's names in one label ("WH, DH:", "Jane & John:", "Jane/John:", "Jane + John:")
_JOINT = re.compile(r"[,&/+]")


def _join_the_one_before(cast: Cast, w: Who, candidates: list[Who], after: list[Who] = ()) -> None:
    """``w`` joins the one speaker among ``candidates`` who spoke before it, where exactly one did;
    where none did, the one among ``after`` who speaks after it, where exactly one does."""
    first = w.turns[0] if w.turns else 0
    targets = {id(t): t for t in candidates if t is not w and t.turns and t.turns[0] < first}
    if not targets:
        targets = {id(t): t for t in after if t is not w and t.turns and t.turns[0] > first}
    if len(targets) == 1:
        cast.merge(w, next(iter(targets.values())))


def _unlabelled(cast: Cast, i: int, sg: Segment) -> Who:
    principal0 = cast.principal0
    if sg.forced == "continued" and cast.per_turn:
        return cast.per_turn[-1]
    if sg.forced == "callout":
        w = cast.get("callout")  # the moderator of a labelless transcript
        w.role = "moderator"
        return w
    if sg.forced in ("question", "closing"):
        w = cast.get(f"anon:{i}")
        w.anonymous = True
        w.role = "journalist"
        return w
    if principal0 is None:
        return cast.get("unlabelled")
    # an unlabelled answer, or the unlabelled opening statement: the principal named in the header
    w = cast.get("person:" + (principal0.name or ""))
    w.person = principal0
    return w


def _labelled(cast: Cast, lb, label_keys: dict[str, str], matched: dict[str, Person | None]) -> Who:
    principal0 = cast.principal0
    key = lb.key
    if lb.kind == "a" and principal0 is not None:
        key = "person:" + (principal0.name or "")
    elif lb.kind == "a" and qa_number(lb):
        key = key[0]  # "A1", "A2": the answers numbered as their questions, one answerer
    else:
        key = _known_key(key, label_keys)
    p = None
    if lb.kind != "a":
        if lb.text not in matched:
            matched[lb.text] = match_person(lb.text, cast.people)
        p = matched[lb.text]
    if p is not None:
        key = "person:" + (p.name or "")
    w = cast.get(key)
    if p is not None:
        w.person = p
    elif lb.kind == "a" and principal0 is not None:
        w.person = principal0
    return w


def _known_key(key: str, label_keys: dict[str, str]) -> str:
    """The speaker key of a label's key: the one a label seen before gives (typos merged
    fuzzily: "MS. PSAKII" is "MS. PSAKI"), else its own, remembered in ``label_keys``."""
    if key in label_keys:
        return label_keys[key]
    target = key
    for known in label_keys:
        if (
            len(known.split()) == len(key.split())
            and len(key) >= 6
            and fuzz.ratio(known, key) >= 90
            and _numbers(known) == _numbers(key)  # "PROFESSOR 1" and "PROFESSOR 2" are two people
        ):
            target = label_keys[known]
            break
    label_keys[key] = target
    return target


def _numbers(key: str) -> list[str]:
    return re.findall(r"\d+", key)


#: the passes, in the order they run
PASSES = (
    labels,
    metadata_person,
    names,
    examiners,
    same_names,
    same_offices,
    initials,
    given_names,
    surnames,
    legend_names,
    chair_named,
    self_named_pass,
    introductions,
    interviewer_asks,
    callouts,
    moderator_threads,
    keep_the_floor,
    merge_named,
    middle_initials,
    full_given_names,
    sworn_and_examining,
    interviewee,
    roles,
)


def resolve_speakers(
    turns: list[Turn], segs: list[Segment], header: Header, text: str
) -> tuple[list[Speaker], list[str], set[str]]:
    """The record's speakers in order of first appearance, each turn's speaker id, and the ids of
    the speakers whose role the document itself states (`Who.stated`)."""
    cast = Cast(turns, segs, header, text, header.people + label_people(segs, header.people))
    for run in PASSES:
        run(cast)
    return speakers_of(cast)


def speakers_of(cast: Cast) -> tuple[list[Speaker], list[str], set[str]]:
    speakers: list[Speaker] = []
    ids: dict[int, str] = {}
    for w in cast.per_turn:
        if id(w) in ids:
            continue
        sid = f"s{len(speakers) + 1}"
        ids[id(w)] = sid
        speakers.append(
            Speaker(
                id=sid,
                name=w.name,
                labels=list(w.labels),
                role=w.role,
                title=w.title,
                affiliation=w.affiliation,
                place=w.place,
            )
        )
    stated = {ids[id(w)] for w in cast.order if w.stated and id(w) in ids}
    return speakers, [ids[id(w)] for w in cast.per_turn], stated
