"""A hearing's own words about who is who: the headings over each round of questions ("Questioned
by Ms Roe", "Cross-examination by Counsel for the State") and the line that swears a witness in
("*JANE ROE (affirmed).*", "JOHN DOE, having been first duly sworn, testified as follows:").

Two passes of `parse/speakers.py`: `examiners`, a label that only abbreviates a heading's examiner
is the speaker who asks after that heading; and `sworn_and_examining`, the witness sworn in is the
one who answers (the principal) and whoever a heading names as the examiner asks (a journalist, by
the convention of the gold: tests/data/unseen/GOLD.md). These roles are the document's own word,
so the role model leaves them (`Who.stated`)."""

from __future__ import annotations

import re

from .cast import Cast, Who
from .people import HONORIFICS, is_title_word
from ..text import fold_case_and_accents

#: a hearing's heading over a round of questions ("Questions From Counsel to the Inquiry",
#: "Examination by Mr Roe", "Cross-examination by Counsel for the State")
_QUESTIONS_BY_LINE = (
    r"[ \t]*(?:questions?|questioned|examination|examined|cross-examination|cross-examined|re-examination)"
    r"[ \t]+(?:from|by)[ \t]+(\S[^\n]{0,80}?)[ \t]*$"
)
#: such a heading on the text's first line; on any other, after its line break (a literal first:
#: the scan skips ahead, where "^" with re.M tries every position)
_QUESTIONS_BY_FIRST = re.compile(_QUESTIONS_BY_LINE, re.I | re.M)
_QUESTIONS_BY = re.compile(r"\n" + _QUESTIONS_BY_LINE, re.I | re.M)


#: what follows "question" in such a heading ("Questions From …", "Questioned by …"), lower-cased
_HEADING_TAILS = (" from", " by", "s from", "s by", "ed by", "ed from")


def _may_hold_headings(text: str) -> bool:
    """A cheap test before the scan: does the text print "question" followed by "from" or "by", or
    "examin…"? (Nearly every transcript says "question"; few say "questions from".)"""
    for word in ("uestion", "UESTION"):
        at = text.find(word)
        while at >= 0:
            if text[at + 7 : at + 14].lower().startswith(_HEADING_TAILS):
                return True
            at = text.find(word, at + 7)
    return "xamin" in text or "XAMIN" in text


def _questions_by(cast: Cast) -> list[re.Match]:
    """The headings that say who examines ("Questions From Counsel to the Inquiry"), in order; read
    once a cast (two passes ask)."""
    if "questions_by" not in cast.memo:
        text = cast.text
        found: list[re.Match] = []
        if _may_hold_headings(text):
            first = _QUESTIONS_BY_FIRST.match(text)
            found = ([first] if first else []) + list(_QUESTIONS_BY.finditer(text))
        cast.memo["questions_by"] = found
    return cast.memo["questions_by"]


def examiners(cast: Cast) -> None:
    """Pass: a label that only abbreviates the examiner of a hearing's heading ("Counsel Inquiry:"
    under "Questions From Counsel to the Inquiry") is the named speaker who asks first after that
    heading ("Ms Roe: Mr Doe, may I begin …"), where the label's words are all the heading's."""
    for m in _questions_by(cast):
        heading = {x.lower().strip(".,") for x in m.group(1).split()}
        after = next((i for i, t in enumerate(cast.turns) if t.start_char >= m.end()), None)
        if after is None:
            continue
        asker = cast.per_turn[after]
        if asker.anonymous or asker.name is None and not asker.labels:
            continue
        for w in cast.order:
            words = {x.lower().strip(".,") for x in (w.labels[0].split() if w.labels else [])}
            if (
                w is not asker
                and not w.anonymous
                and w.person is None
                and len(w.labels) == 1
                and len(words) >= 2
                and words <= heading
                and w.turns
                and w.turns[0] > after
            ):
                cast.merge(w, asker)


#: a line that swears a witness in: "*JANE ROE (affirmed).*", "Jane Roe (sworn)", "JOHN DOE, having
#: been first duly sworn, testified as follows:"; the name is the line's start, up to the oath
_SWORN = re.compile(
    r"^[^\w\n]{0,4}(?P<who>[A-Z][^\n()*_,]{2,60}?)[ \t]*"
    r"(?:\((?i:duly |re-?)?(?i:sworn|affirmed)\)"
    r"|,[ \t]*(?i:having been|being|was)[ \t]+(?i:first[ \t]+|previously[ \t]+)?(?i:duly[ \t]+)?(?i:sworn|affirmed)\b)",
    re.M,
)


def sworn_and_examining(cast: Cast) -> None:
    """Pass: the speaker a line swears in as a witness is the principal; a speaker a heading names
    as the one who examines ("Questioned by Ms Roe") is a journalist. Both are stated
    (`Who.stated`); a speaker named both ways, or a name that fits two speakers, is left alone."""
    witnesses = {id(w): w for who in _sworn(cast.text) if (w := _the_speaker(cast, who))}
    examiners_ = {id(w): w for m in _questions_by(cast) if (w := _the_speaker(cast, m.group(1)))}
    if not witnesses and not examiners_:
        return
    for group, role in ((witnesses, "principal"), (examiners_, "journalist")):
        for key, w in group.items():
            if key not in witnesses or key not in examiners_:
                w.role, w.stated = role, True


def _sworn(text: str) -> list[str]:
    """The names of the witnesses the text's lines swear in (`_SWORN`), each line looked at only
    where it says "sworn" or "affirmed"."""
    out = []
    for word in ("worn", "ffirmed", "WORN", "FFIRMED"):  # "sworn", "Sworn", "affirmed", "Affirmed", in capitals too
        at = text.find(word)
        while at >= 0:
            start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
            m = _SWORN.match(text, start, len(text) if end < 0 else end)
            if m and m.group("who") not in out:
                out.append(m.group("who"))
            at = text.find(word, at + len(word))
    return out


def _the_speaker(cast: Cast, name: str) -> Who | None:
    """The one speaker a name fits: same surname, and the same given name where both print one
    ("JANE Q. ROE" is "Jane Roe", and "Ms Roe"); honorifics and titles aside ("SIR JOHN ROE")."""
    want = _bare(name)
    if not want or any(x[:1].islower() for x in name.split()):  # "Counsel to the Inquiry" is no name
        return None
    found = [
        w
        for w in cast.order
        if not w.anonymous and any(_fits(want, _bare(form)) for form in [w.name or "", *w.labels] if form)
    ]
    return found[0] if len(found) == 1 else None


def _bare(name: str) -> list[str]:
    """A name's words, folded, without honorifics, titles and initials."""
    words = [x.strip(".,'’") for x in fold_case_and_accents(name).split()]
    return [x for x in words if len(x) > 1 and x not in HONORIFICS and not is_title_word(x)]


def _fits(a: list[str], b: list[str]) -> bool:
    return bool(a and b) and a[-1] == b[-1] and (len(a) == 1 or len(b) == 1 or a[0] == b[0])
