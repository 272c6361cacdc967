"""Who presides, as a sitting's record says before the first speech: "Presidència de la M. H. Sra.
Jane Roe" (a Catalan, Spanish, French, Italian or Portuguese record's "presided by":
`chair_lines`), or "[The Speaker (Hon. Jane Roe) in the Chair]" (a Hansard's note). The labels
that are that office alone ("La presidenta", "El president", "The Speaker", "Hon. Speaker") are
that person, who gives the floor: the moderator.

One pass of `parse/speakers.py`, `chair_named`, after the labels have their names; a label
that only names itself ("La presidenta" read as a name) takes the chair's name.
"""

from __future__ import annotations

import re

from .cast import Cast
from .people import HONORIFICS
from .words import WORDS

_WORD = r"[A-Z\u00c0-\u00de][\w'\u2019\-]+"
#: a name: two to six words, connectors between ("Laura Borràs i Castanyer", "Jane de la Roe")
_NAME = rf"{_WORD}(?:[ \t]+(?:(?:i|y|e|de|del|la|da|do|dos|das|di|van|von|der|le)[ \t]+)*{_WORD}){{1,5}}"
#: a record's "presided by" line: the cue, "de"/"di"/"da" and an article, forms of address, the name
_PRESIDED = re.compile(
    r"^[ \t]*(?:" + "|".join(sorted(WORDS["chair_lines"], key=len, reverse=True)) + r")[ \t]+"
    r"(?:de|del|di|da|do|du|dello|della)[ \t]+(?:(?:la|el|le|il|l'|lo|o|a)[ \t]*)?"
    r"(?:(?:[A-Z][\w·]{0,5}\.[ \t]*)+)?(?P<name>" + _NAME + r")[ \t]*$",
    re.I | re.M,
)
#: a Hansard's note of who is in the chair: "[The Speaker (Hon. Jane Roe) in the Chair]"
_IN_THE_CHAIR = re.compile(
    r"^[ \t]*\[?[ \t]*(?:The[ \t]+)?(?P<office>[A-Z][\w ]{2,30}?)[ \t]*\((?P<who>[^()\n]{3,80})\)[ \t]+in[ \t]+the[ \t]+Chair",
    re.M,
)
#: the cue words' letters after their first, as any case prints them ("Presidència", "PRESIDÈNCIA")
_CUES = tuple({form for w in WORDS["chair_lines"] for form in (w[1:], w[1:].upper())})
#: the words of a presiding office in a label, articles and forms of address aside
_CHAIR_WORDS = frozenset(WORDS["presiding_titles"]) | frozenset(WORDS["chair_lines_offices"])
_ARTICLES = {"the", "el", "la", "le", "il", "lo", "o", "a", "l'"}
#: how far into the text a record says who presides (its cover, before the first speeches)
HEAD_CHARS = 3000


def chair_named(cast: Cast) -> None:
    """Pass: the labels that are the presiding office alone are the one person the record says
    presides (see the module's docstring), the moderator."""
    chair = _chair(cast.text[:HEAD_CHARS])
    if chair is None:
        return
    office, name = chair
    for w in cast.order:
        if w.anonymous or not w.labels or (w.name and w.name not in (name, w.labels[0])):
            continue
        words = [x for x in w.labels[0].lower().replace(".", " ").split() if x not in HONORIFICS and x not in _ARTICLES]
        if " ".join(words) in _CHAIR_WORDS and (office is None or " ".join(words) == office):
            w.name, w.role = name, "moderator"


def _chair(head: str) -> tuple[str | None, str] | None:
    """(the office, or None for a "presided by" line; the name) of the one person the record's
    opening (`HEAD_CHARS`) says presides, else None."""
    presided = any(cue in head for cue in _CUES)  # cheap tests first: most records say neither
    found = {(None, " ".join(m.group("name").split())) for m in _PRESIDED.finditer(head)} if presided else set()
    for m in _IN_THE_CHAIR.finditer(head) if "in the Chair" in head else ():
        words = [x for x in m.group("who").replace(".", " ").split() if x.lower() not in HONORIFICS]
        if 2 <= len(words) <= 5:
            found.add((m.group("office").strip().lower(), " ".join(words)))
    return found.pop() if len(found) == 1 else None
