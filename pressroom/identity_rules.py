"""Who's who across a corpus, as pure functions: speakers of many records → persons and outlets.

The evidence rules (docs/identity.md), strongest first:

- **full name**: a speaker printed with a full name (two words or more) is the person of that
  name (case, accents, punctuation and middle initials ignored);
- **title/surname label** (``MR. ZIENTS``, ``SECRETARY DOE``) of a speaker the record does not
  name: the full name that a record of the same organisation gives with that label, else the
  one full name with that surname in the same record, else in another record of the same
  organisation for the same side (press or officials); with none (or several), the label's
  surname stands for one person in that organisation;
- **first name alone** (``Peter``): with an outlet, the one full-named reporter of that outlet
  with that first name, else the person "Peter (outlet)"; without an outlet, only the one
  full name with that first name in the same record; otherwise left unlinked;
- an anonymous speaker (``Q``, ``MODERATOR``, ``SENIOR ADMINISTRATION OFFICIAL``, ``THE
  PRESIDENT`` with no name) is never a person.

Outlets: a journalist's affiliation is looked up, normalised ("The", a final "News", case,
accents, punctuation, "&"), in ``pressroom/data/outlets.json``; a form not listed there is an
outlet of its own (``listed`` false, lower confidence).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .parse.people import MODERATOR_WORDS, OTHER_WORDS, PRESS_WORDS, split_title_name
from .store.rows import slugify
from .text import fold_name as fold

#: confidence of each rule (a link keeps its rule, its confidence and its evidence)
CONFIDENCE = {
    "full name": 0.95,
    "label of a named speaker": 0.9,
    "surname in the same record": 0.9,
    "surname in the organisation": 0.8,
    "surname label": 0.7,
    "surname label, ambiguous": 0.5,
    "first name + outlet → full name": 0.8,
    "first name + outlet": 0.6,
    "first name in the same event → full name": 0.75,
    "first name in the same event → outlet": 0.6,
    "merged by user": 1.0,
    "split by user": 1.0,
}
_GENDERED = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
_ANONYMOUS = PRESS_WORDS | OTHER_WORDS | {w for w in MODERATOR_WORDS if " " not in w} | {"q", "a", "follow-up"}


# -- names ---------------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a printed name that identify the person: middle initials dropped."""
    words = fold(name).split()
    if len(words) > 2:
        words = [words[0]] + [w for w in words[1:-1] if len(w) > 1] + [words[-1]]
    return tuple(words)


@lru_cache(maxsize=65536)
def label_parts(label: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(title words, surname words) of a label such as ``ACTING ADMINISTRATOR SLAVITT``."""
    words = label.replace(".", ". ").split()
    title, name = split_title_name(words)
    return tuple(fold(w) for w in title if fold(w)), tuple(w for w in fold(" ".join(name)).split() if w)


@lru_cache(maxsize=65536)
def is_anonymous(label: str) -> bool:
    """Labels that name nobody: Q, A, MODERATOR, AIDE, SENIOR ADMINISTRATION OFFICIAL, THE PRESIDENT."""
    key = fold(label)
    if not key or key in _ANONYMOUS or len(key) == 1:
        return True
    return not label_parts(label)[1]


# -- outlets -------------------------------------------------------------------------------------
def outlet_key(form: str) -> str:
    """An outlet form normalised: no leading "The", no final "News", "&" as "and", case,
    accents and punctuation ignored ("The Associated Press" = "associated press")."""
    words = fold(form.replace("&", " and ")).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[-1] == "news":
        words = words[:-1]
    if len(words) > 1 and words[-1] == "com":
        words = words[:-1]
    return " ".join(words)


@dataclass(frozen=True)
class OutletInfo:
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str | None
    kind: str | None
    listed: bool


@lru_cache(maxsize=1)
def outlet_table() -> dict[str, OutletInfo]:
    """``pressroom/data/outlets.json`` by normalised form (each name and alias)."""
    data = json.loads(resources.files("pressroom").joinpath("data/outlets.json").read_text("utf-8"))
    table: dict[str, OutletInfo] = {}
    for o in data["outlets"]:
        info = OutletInfo(slugify(o["name"]), o["name"], tuple(o["aliases"]), o.get("country"), o.get("kind"), True)
        for form in [o["name"], *o["aliases"]]:
            table.setdefault(outlet_key(form), info)
    return table


def resolve_outlet(form: str) -> tuple[OutletInfo, str, float]:
    """(outlet, rule, confidence) for an affiliation as printed."""
    key = outlet_key(form)
    info = outlet_table().get(key)
    if info is not None:
        exact = form in (info.name, *info.aliases)
        return info, ("alias table" if exact else "alias table, normalised form"), (1.0 if exact else 0.9)
    return OutletInfo(slugify(key) or "outlet", form.strip(), (), None, None, False), "unlisted form", 0.5


# -- speakers → persons --------------------------------------------------------------------------
@dataclass
class SpeakerRow:
    """One speaker of one stored version, with what the linking needs of its event."""

    version_id: int
    speaker_id: str
    event_id: str
    organisation: str | None
    date: str | None
    current: bool
    name: str | None
    role: str
    affiliation: str | None
    labels: list[str]
    turns: int = 0

    @property
    def side(self) -> str:
        return "press" if self.role == "journalist" else "officials"

    @property
    def org(self) -> str:
        return fold(self.organisation or "")

    def forms(self) -> list[str]:
        return [f for f in [self.name, *self.labels] if f]


@dataclass
class Link:
    version_id: int
    speaker_id: str
    person_id: str
    form: str
    rule: str
    confidence: float
    evidence: str


@dataclass
class Person:
    id: str
    name: str
    kind: str  # full name | surname label | first name + outlet | split
    names: Counter = field(default_factory=Counter)


@dataclass
class Override:
    kind: str  # merge | split
    person_id: str
    other: str | None = None  # merge: the person folded into person_id
    form: str | None = None  # split: the printed form taken out
    event_id: str | None = None  # split: only in this event
    id: int | None = None


class Linker:
    """Links a corpus's speakers to persons (see the module's docstring for the rules)."""

    def __init__(self, rows: Iterable[SpeakerRow]):
        self.rows = list(rows)
        self.persons: dict[str, Person] = {}
        self.links: dict[tuple[int, str], Link] = {}
        self.outlets: dict[str, tuple[OutletInfo, str, float]] = {}
        self._ids: dict[str, str] = {}  # person key → id
        self._by_label: dict[tuple, set[str]] = defaultdict(set)
        self._by_surname: dict[tuple, set[str]] = defaultdict(set)
        self._by_first_outlet: dict[tuple, set[str]] = defaultdict(set)
        self._in_version: dict[int, set[str]] = defaultdict(set)
        self._first_in_version: dict[tuple, set[str]] = defaultdict(set)

    def outlet_of(self, row: SpeakerRow) -> OutletInfo | None:
        aff = (row.affiliation or "").strip()
        if row.role != "journalist" or not aff:
            return None
        if aff not in self.outlets:
            self.outlets[aff] = resolve_outlet(aff)
        outlet = self.outlets[aff][0]
        if not outlet.listed and fold(aff) in {fold(f) for f in row.forms()}:
            return None  # the speaker's own name taken for an outlet ('Jack', 'Jack')
        return outlet

    def run(self) -> Linker:
        for row in self.rows:
            self.outlet_of(row)
            if row.name and len(name_words(row.name)) >= 2:
                self._full_name(row)
        for row in self.rows:
            if (row.version_id, row.speaker_id) not in self.links and not row.name:
                self._label(row)
        for with_outlet in (True, False):
            for row in self.rows:
                if (row.version_id, row.speaker_id) not in self.links and (
                    self.outlet_of(row) is not None
                ) == with_outlet:
                    self._first_name(row)
        return self

    # -- the rules -----------------------------------------------------------------------------
    def _person(self, key: str, pid: str, name: str, kind: str) -> Person:
        if key not in self._ids:
            base, n = pid or "person", 2
            while pid in self.persons:
                pid, n = f"{base}-{n}", n + 1
            self._ids[key] = pid
            self.persons[pid] = Person(pid, name, kind)
        return self.persons[self._ids[key]]

    def _link(self, row: SpeakerRow, person: Person, form: str, rule: str, evidence: str) -> None:
        person.names[form] += 1
        self.links[(row.version_id, row.speaker_id)] = Link(
            row.version_id, row.speaker_id, person.id, form, rule, CONFIDENCE[rule], evidence
        )

    def _full_name(self, row: SpeakerRow) -> None:
        words = name_words(row.name)
        person = self._person("name:" + " ".join(words), slugify(" ".join(words)), row.name, "full name")
        self._link(row, person, row.name, "full name", f"{row.event_id}: printed as {row.name!r}")
        for label in row.labels:
            if not is_anonymous(label):
                self._by_label[(row.org, row.side, fold(label))].add(person.id)
        self._by_surname[(row.org, row.side, words[-1])].add(person.id)
        self._in_version[row.version_id].add(person.id)
        outlet = self.outlet_of(row)
        if outlet is not None:
            self._by_first_outlet[(words[0], outlet.id)].add(person.id)

    def _label(self, row: SpeakerRow) -> None:
        label = next((lb for lb in row.labels if not is_anonymous(lb) and label_parts(lb)[0]), None)
        if label is None:
            return
        surname = label_parts(label)[1]
        same = {p for p in self._in_version[row.version_id] if self._ends_with(p, surname)}
        org_wide = {p for p in self._by_surname[(row.org, row.side, surname[-1])] if self._ends_with(p, surname)}
        for rule, found in (
            ("label of a named speaker", self._by_label[(row.org, row.side, fold(label))]),
            ("surname in the same record", same),
            ("surname in the organisation", org_wide),
        ):
            if len(found) == 1:
                pid = next(iter(found))
                self._link(
                    row,
                    self.persons[pid],
                    label,
                    rule,
                    f"{row.event_id}: {label!r} = {self.persons[pid].name!r} ({rule}, {row.organisation or 'no organisation'})",
                )
                return
        rule = "surname label, ambiguous" if org_wide else "surname label"
        person = self._person(
            f"label:{row.org}|{' '.join(surname)}",
            f"{slugify(' '.join(surname))}--{slugify(row.org) or 'unknown'}",
            label.title(),
            "surname label",
        )
        seen = f"; candidates {', '.join(sorted(self.persons[p].name for p in org_wide))}" if org_wide else ""
        self._link(
            row, person, label, rule, f"{row.event_id}: {label!r} in {row.organisation or 'no organisation'}{seen}"
        )

    def _ends_with(self, pid: str, surname: list[str]) -> bool:
        words = self._ids_words(pid)
        return words[-len(surname) :] == surname

    def _ids_words(self, pid: str) -> list[str]:
        return name_words(self.persons[pid].name)

    def first_name(self, row: SpeakerRow) -> str | None:
        """The first name a speaker is known by alone (``Peter``), if that is all there is."""
        forms = [row.name] if row.name else [lb for lb in row.labels if not is_anonymous(lb)]
        for form in forms:
            if outlet_key(form) in outlet_table():
                continue  # a reporter labelled by the outlet ('CCTV:'), no name
            words = name_words(form)
            if len(words) == 1 and not label_parts(form)[0]:
                return form.strip()
        return None

    def _first_name(self, row: SpeakerRow) -> None:
        first = self.first_name(row)
        if first is None:
            return
        key, outlet = fold(first), self.outlet_of(row)
        if outlet is not None:
            found = self._by_first_outlet[(key, outlet.id)]
            if len(found) == 1:
                pid = next(iter(found))
                self._link(
                    row,
                    self.persons[pid],
                    first,
                    "first name + outlet → full name",
                    f"{row.event_id}: {first!r} of {outlet.name} = {self.persons[pid].name!r}",
                )
                return
            person = self._person(
                f"first:{key}|{outlet.id}",
                f"{slugify(key)}--{outlet.id}",
                f"{first} ({outlet.name})",
                "first name + outlet",
            )
            self._link(row, person, first, "first name + outlet", f"{row.event_id}: {first!r} of {outlet.name}")
            self._first_in_version[(row.version_id, key)].add(person.id)
            return
        found = {p for p in self._in_version[row.version_id] if self._ids_words(p)[0] == key}
        if len(found) == 1:
            pid = next(iter(found))
            self._link(
                row,
                self.persons[pid],
                first,
                "first name in the same event → full name",
                f"{row.event_id}: {first!r} = {self.persons[pid].name!r}, named in the same record",
            )
            return
        found = self._first_in_version[(row.version_id, key)]
        if len(found) == 1:
            pid = next(iter(found))
            self._link(
                row,
                self.persons[pid],
                first,
                "first name in the same event → outlet",
                f"{row.event_id}: {first!r} = {self.persons[pid].name!r}, given with the outlet in the same record",
            )

    # -- overrides -----------------------------------------------------------------------------
    def apply(self, overrides: Iterable[Override]) -> Linker:
        """Apply the user's merges and splits, in the order they were made."""
        for o in overrides:
            if o.kind == "merge" and o.other in self.persons and o.person_id in self.persons:
                self._merge(o)
            elif o.kind == "split" and o.person_id in self.persons:
                self._split(o)
        return self

    def _merge(self, o: Override) -> None:
        into = self.persons[o.person_id]
        for link in self.links.values():
            if link.person_id == o.other:
                link.person_id, link.rule, link.confidence = into.id, "merged by user", 1.0
                link.evidence += f"; merged into {into.id} by the user (override {o.id})"
                into.names[link.form] += 1
        del self.persons[o.other]

    def _split(self, o: Override) -> None:
        rows = {(r.version_id, r.speaker_id): r for r in self.rows}
        form = fold(o.form or "")
        pid = f"{o.person_id}--{slugify(o.form or '') or 'split'}"
        moved = [
            lk
            for key, lk in self.links.items()
            if lk.person_id == o.person_id
            and fold(lk.form) == form
            and (not o.event_id or rows[key].event_id == o.event_id)
        ]
        if not moved:
            return
        self.persons.setdefault(pid, Person(pid, o.form or pid, "split"))
        for link in moved:
            link.person_id, link.rule, link.confidence = pid, "split by user", 1.0
            link.evidence += f"; split from {o.person_id} by the user (override {o.id})"
            self.persons[pid].names[link.form] += 1


def unlinked_first_names(linker: Linker) -> list[SpeakerRow]:
    """Speakers known by a first name alone that no rule linked."""
    return [r for r in linker.rows if (r.version_id, r.speaker_id) not in linker.links and linker.first_name(r)]
