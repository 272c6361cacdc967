"""The cast under construction: the state that the speaker passes (`parse/speakers.py`) share.

A `Who` is one speaker being worked out (its labels, the header person it is, name, role, title,
affiliation, place, the turns it speaks); a `Cast` holds the record's turns and segments, the
header's people, one `Who` per turn (`per_turn`) and the speakers in order of appearance.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..record import Turn
from ..text import count_spaced_words, fold_case_and_accents
from .header import Header
from .people import Person
from .segment import Segment


class Who:
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
        #: the document itself states the role (a witness sworn in): the role model leaves it
        self.stated = False


@dataclass
class Cast:
    turns: list[Turn]
    segs: list[Segment]
    header: Header
    text: str
    people: list[Person]
    per_turn: list[Who] = field(default_factory=list)
    _by_key: dict[str, Who] = field(default_factory=dict)
    _order: dict[int, Who] = field(default_factory=dict)  # insertion-ordered; O(1) removal
    #: what a pass reads from the text once for the passes after it (parse/hearing.py's headings)
    memo: dict = field(default_factory=dict)

    @property
    def principal0(self) -> Person | None:
        """The first person the header names: the one an unlabelled opening statement is by (not
        a cover page's roster, which lists a whole council, nor the one a note says moderated, nor
        the interviewer a byline or a show's page names)."""
        return next((p for p in self.people if p.source not in ("roster", "moderated", "interviewer", "legend")), None)

    @property
    def labelled_from(self) -> int:
        """Where the first labelled turn starts (0 where none is): the text before it is the front
        matter, a list of attendees, a legend."""
        return next((t.start_char for t in self.turns if t.label), 0)

    def names_taken(self) -> set[str]:
        """The speakers' names so far, case and accents folded: a pass gives a name to one speaker."""
        return {fold_case_and_accents(w.name) for w in self.order if w.name}

    @property
    def order(self) -> list[Who]:
        """The speakers, in order of creation."""
        return list(self._order.values())

    def get(self, key: str) -> Who:
        """The speaker under this key, made on first use."""
        if key not in self._by_key:
            w = self._by_key[key] = Who(key)
            self._order[id(w)] = w
        return self._by_key[key]

    def assign(self, w: Who) -> None:
        """The next turn is ``w``'s."""
        self.per_turn.append(w)
        w.turns.append(len(self.per_turn) - 1)

    def move(self, i: int, target: Who) -> Who:
        """Turn ``i`` is ``target``'s after all; its speaker goes if it spoke no other turn as such."""
        w = self.per_turn[i]
        self.per_turn[i] = target
        target.turns.append(i)
        self.drop(w)
        return w

    def merge(self, w: Who, target: Who) -> None:
        """All of ``w``'s turns are ``target``'s, and so are its labels; ``w`` goes."""
        for i in w.turns:
            self.per_turn[i] = target
        target.turns = sorted(target.turns + w.turns)
        target.labels += [lb for lb in w.labels if lb not in target.labels]
        self.drop(w)

    def drop(self, w: Who) -> None:
        self._order.pop(id(w), None)

    def words(self, i: int) -> int:
        return count_spaced_words(self.turns[i].text)
