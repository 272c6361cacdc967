"""A company's executives as its call's opening introduces them: "With me today are Jane Roe,
our chairman and chief executive officer, and John Doe, chief financial officer." The one whose
title names the company's head (`company_heads`: chief executive, CEO, président-directeur
général …) is the principal, the call being the company's; the others introduced with a title
beside them (a CFO, a president, a head of investor relations) are officials, and so is whoever
introduces them (the call's host from investor relations), the company's side too, unless they
answer questions at length themselves (then they are left to what they do). Nothing is
decided where the opening introduces no head, or more than one, or nobody else with a title."""

from __future__ import annotations

import re

from .cast import Cast, Who
from .words import WORDS

_HEAD = re.compile(
    r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(WORDS["company_heads"], key=len, reverse=True))) + r")(?!\w)", re.I
)
#: how far into the call the opening may go (turns): the host's welcome and the first remarks
_OPENING_TURNS = 4
#: words before one's own name: a self-introduction, not a host's introduction of the executives
_SELF = re.compile(r"(?:\bI'm|\bI am|\bI\u2019m|\bmy name is|\bthis is)\s+$", re.I)
#: a title's length after a name, in characters
_TITLE_CHARS = 90


def executives(cast: Cast, undecided: list[Who]) -> None:
    """Roles from the titles the opening gives the company's speakers (see the module's docstring)."""
    named = [w for w in undecided if w.name and len(w.name.split()) >= 2]
    if len(named) < 2:
        return
    titles: dict[int, str] = {}
    hosts: list[Who] = []  # who introduces them: the call's host (investor relations), an official too
    for i in range(min(len(cast.turns), _OPENING_TURNS)):
        found = {id(w): t for w in named if id(w) not in titles and (t := _title_after(cast.turns[i].text, w, named))}
        titles.update(found)
        if found and id(cast.per_turn[i]) not in found:
            hosts.append(cast.per_turn[i])
    heads = [w for w in named if id(w) in titles and _heads(titles[id(w)])]
    if len(heads) != 1 or len(titles) < 2:
        return
    for w in named:
        if id(w) in titles:
            w.role = "principal" if w is heads[0] else "official"
            w.title = w.title or titles[id(w)]
            w.stated = True  # the call's own words: the role model leaves it
    for w in hosts:
        if w.role is None and id(w) not in titles and not _answers_at_length(cast, w):
            w.role, w.stated = "official", True


#: the words past which a host's turn after the opening is an answer, not a hand-over ("Thanks,
#: Keith. Operator, next question, please.")
_ANSWER_WORDS = 60


def _answers_at_length(cast: Cast, w: Who) -> bool:
    """Does the host speak at length after the opening (answers of their own)?"""
    return any(i >= _OPENING_TURNS and cast.words(i) >= _ANSWER_WORDS for i in w.turns)


def _heads(title: str) -> bool:
    """Does the title end with a company head's ("chairman and chief executive officer", "CEO")? One
    that goes on names what they head ("CEO Jaguar Land Rover", "CEO of GitLab"): a subsidiary's
    or a guest's company, perhaps not the call's."""
    m = _HEAD.search(title)
    return m is not None and not title[m.end() :].strip()


def _title_after(opening: str, w: Who, named: list[Who]) -> str | None:
    """The title after the speaker's name and a comma in the opening ("Jane Roe, our chairman and
    chief executive officer"), up to the next comma, semicolon or full stop, or the next speaker's
    name ("Jane Roe, CEO and John Doe, CFO")."""
    m = re.search(_spaced(w.name) + r",[ \t]*\n?[ \t]*(?P<title>[^,;.:()\n]{2,%d})" % _TITLE_CHARS, opening)
    if m is None or _SELF.search(opening[max(0, m.start() - 20) : m.start()]):
        return None  # "I'm Jane Roe, managing editor of …": an interviewer's own introduction
    title = m.group("title")
    more = _TITLE_GOES_ON.match(opening, m.end())
    if more is not None and len(title) + len(more.group("more")) < _TITLE_CHARS:
        title = f"{title.rstrip()} {more.group('more')}"  # "President and Chief" / "Operating Officer;"
    for o in named:
        if o is not w:
            title = re.split(_spaced(o.name), title)[0]
    title = re.sub(r"\s+(?:and|&)\s*$", "", title.strip()).strip()
    title = re.sub(r"^(?:our|the|its|[\w’']+['’]s)\s+", "", title, flags=re.I)
    return title if title and not title[0].isdigit() else None


#: a title that a hard-wrapped opening breaks goes on at the next line's start: capitalised words
#: (connectors between them) up to a comma, semicolon or full stop ("Jon Gray, President and Chief"
#: / "Operating Officer; and …"); a line that opens a sentence ("We …") goes on in lower case
_TITLE_GOES_ON = re.compile(
    r"[ \t]*\n[ \t]*(?P<more>[A-Z][\w&'\u2019-]*(?:[ \t]+(?:[A-Z][\w&'\u2019-]*|of|and|for|the|&))*)(?=[ \t]*[,;.])"
)


def _spaced(name: str) -> str:
    """A pattern for a name whose words a line break may part ("Amy\nHood")."""
    return r"\s+".join(map(re.escape, name.split()))
