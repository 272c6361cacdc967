"""Aggregates the speaker and outlet pages need that `Store` does not offer (yet).

Plain, portable SQL over the store's tables (``turns``, ``questions``, ``turn_labels``,
``events``), run through the store's engine so the same text works on SQLite and
PostgreSQL (``?`` placeholders; no engine-specific functions). Only current versions
count. Speaker and outlet names are matched exactly (as the store writes them).

The store has no index on the speaker and outlet columns, so finding one speaker's turns
in SQL reads the whole turns table. A `PeopleIndex` (one pass, kept in the pages' cache)
answers that instead; with such an index in the store it could go.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from ..store import Store
from ..store.store import INTERVALS

#: clarity classes in display order (the annotator's labels)
CLARITY_CLASSES = ("Clear Reply", "Ambivalent", "Clear Non-Reply")


@dataclass
class SpeakerRow:
    name: str
    role: str | None
    outlet: str | None
    turns: int
    questions: int
    events: int
    first_date: str | None
    last_date: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class OutletRow:
    name: str
    journalists: int
    questions: int
    events: int
    first_date: str | None
    last_date: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Count:
    value: str
    count: int


@dataclass
class EventRef:
    id: str
    title: str | None
    date: str | None
    turns: int


@dataclass
class TurnRef:
    id: str  # permalink "<event id>#<turn id>"
    event_id: str
    turn_id: str
    event_title: str | None
    date: str | None
    speaker: str | None
    outlet: str | None
    kind: str | None
    text: str


@dataclass
class RatePoint:
    period: str
    clarity: str | None  # None: not judged
    count: int


@dataclass
class Profile:
    """A speaker's or an outlet's page: who, where, what they ask, how it was answered."""

    name: str
    kind: str  # "speaker" | "outlet"
    roles: list[Count] = field(default_factory=list)
    outlets: list[Count] = field(default_factory=list)  # a speaker's outlets
    journalists: list[Count] = field(default_factory=list)  # an outlet's journalists (questions)
    turns: int = 0
    questions: int = 0
    asker: bool = False  # mostly asks questions (a journalist): show what they ask, not what they say
    interval: str = "month"  # the period of the rate series
    events: list[EventRef] = field(default_factory=list)
    n_events: int = 0
    topics: list[Count] = field(default_factory=list)  # topics of their questions (or turns)
    entities: list[Count] = field(default_factory=list)
    asked: list[RatePoint] = field(default_factory=list)  # clarity of the questions they asked
    answered: list[RatePoint] = field(default_factory=list)  # clarity of the questions they answered
    recent: list[TurnRef] = field(default_factory=list)
    id: str | None = None  # the person's or outlet's id (pressroom.identity); None: a name as printed
    aliases: list[str] = field(default_factory=list)  # every form they were printed under
    links: list[dict[str, Any]] = field(default_factory=list)  # a person's links, each with its evidence

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: columns of a `PeopleIndex` row
_ID, _EVENT, _DATE, _ROLE, _OUTLET, _KIND, _SPEAKER, _SEQ, _VERSION, _SPEAKER_ID = range(10)


@dataclass
class PersonRow(SpeakerRow):
    """A person on the speakers list (`SpeakerRow`'s figures over every form they were printed under)."""

    id: str | None = None
    kind: str | None = None  # how the person is known: full name, surname label, first name + outlet …
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


@dataclass
class OutletIdRow(OutletRow):
    """An outlet on the outlets list: its printed forms merged (``AP`` and ``Associated Press``)."""

    id: str | None = None
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    outlet_kind: str | None = None
    listed: bool = True


@dataclass
class UnnamedRow:
    """Speakers linked to no person, as one line: anonymous reporters (``Q``, and reporters known
    by a first name alone with no outlet), or other unnamed speakers (``MODERATOR``, ``SENIOR
    ADMINISTRATION OFFICIAL``)."""

    group: str  # "reporters" | "others"
    label: str
    speakers: int
    turns: int
    questions: int
    events: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Identity:
    """Persons and outlets over a `PeopleIndex` (from the identity tables, `pressroom.identity`)."""

    persons: list[PersonRow]
    by_person: dict[str, list[int]]
    person_ids: dict[tuple, str]  # (version id, speaker id) → person id
    outlets: list[OutletIdRow]
    by_outlet: dict[str, list[int]]
    outlet_of_form: dict[str, str]  # affiliation as printed → outlet id
    unnamed: list[UnnamedRow]


@dataclass
class PeopleIndex:
    """Who spoke where: one row per current turn (id, event, date, role, outlet, kind,
    speaker, seq; no text), with the rows of each speaker and outlet and their summaries.

    Built by one pass over the turns (`people_index`), because the store has no index on
    the speaker or outlet columns; the pages keep it in their cache (see `cache.py`)."""

    rows: list[tuple]
    by_speaker: dict[str, list[int]]
    by_outlet: dict[str, list[int]]
    speakers: list[SpeakerRow]
    outlets: list[OutletRow]
    identity: Identity | None = None  # None: the store holds no persons (no identity step was run)


def people_index(store: Store) -> PeopleIndex:
    rows = store.engine.query(
        "SELECT t.id, t.event_id, t.date, t.role, t.outlet, t.kind, t.speaker, t.seq, t.version_id, t.speaker_id "
        "FROM turns t WHERE t.is_current = 1"
    )
    by_speaker: dict[str, list[int]] = {}
    by_outlet: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        if r[_SPEAKER] is not None:
            by_speaker.setdefault(r[_SPEAKER], []).append(i)
        if r[_OUTLET] is not None:
            by_outlet.setdefault(r[_OUTLET], []).append(i)
    speakers = []
    for name, idx in by_speaker.items():
        mine = [rows[i] for i in idx]
        roles = Counter(r[_ROLE] for r in mine if r[_ROLE])
        outlets = Counter(r[_OUTLET] for r in mine if r[_OUTLET])
        dates = [r[_DATE] for r in mine if r[_DATE]]
        speakers.append(
            SpeakerRow(
                name,
                roles.most_common(1)[0][0] if roles else None,
                outlets.most_common(1)[0][0] if outlets else None,
                len(mine),
                sum(1 for r in mine if r[_KIND] == "question"),
                len({r[_EVENT] for r in mine}),
                min(dates) if dates else None,
                max(dates) if dates else None,
            )
        )
    speakers.sort(key=lambda s: (-s.turns, s.name))
    outlets = []
    for name, idx in by_outlet.items():
        mine = [rows[i] for i in idx]
        dates = [r[_DATE] for r in mine if r[_DATE]]
        outlets.append(
            OutletRow(
                name,
                len({r[_SPEAKER] for r in mine}),
                sum(1 for r in mine if r[_KIND] == "question"),
                len({r[_EVENT] for r in mine}),
                min(dates) if dates else None,
                max(dates) if dates else None,
            )
        )
    outlets.sort(key=lambda o: (-o.questions, o.name))
    return PeopleIndex(rows, by_speaker, by_outlet, speakers, outlets, identity_of(store, rows))


def _span(rows: list[tuple]) -> tuple[str | None, str | None]:
    dates = [r[_DATE] for r in rows if r[_DATE]]
    return (min(dates), max(dates)) if dates else (None, None)


def identity_of(store: Store, rows: list[tuple]) -> Identity | None:
    """Persons and outlets of the index ``rows`` (None when the store holds no persons)."""
    from .. import identity

    if not identity.has_persons(store):
        return None
    person_ids = {(int(v), s): p for (v, s), p in identity.person_of_turns(store).items()}
    outlet_of_form = identity.outlet_of_forms(store)
    by_person: dict[str, list[int]] = {}
    by_outlet: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        pid = person_ids.get((int(r[_VERSION]), r[_SPEAKER_ID]))
        if pid is not None:
            by_person.setdefault(pid, []).append(i)
        oid = outlet_of_form.get((r[_OUTLET] or "").strip()) if r[_OUTLET] else None
        if oid is not None:
            by_outlet.setdefault(oid, []).append(i)
    persons = _person_rows(identity.people(store), rows, by_person)
    outlets = _outlet_rows(identity.outlets(store), rows, by_outlet, person_ids)
    unnamed = _unnamed_rows(rows, person_ids)
    return Identity(persons, by_person, person_ids, outlets, by_outlet, outlet_of_form, unnamed)


def _person_rows(people: list, rows: list[tuple], by_person: dict[str, list[int]]) -> list[PersonRow]:
    out = []
    for p in people:
        mine = [rows[i] for i in by_person.get(p.id, [])]
        if not mine:
            continue  # linked in superseded versions only
        roles = Counter(r[_ROLE] for r in mine if r[_ROLE])
        outlets = Counter(r[_OUTLET] for r in mine if r[_OUTLET])
        first, last = _span(mine)
        out.append(
            PersonRow(
                p.name,
                roles.most_common(1)[0][0] if roles else None,
                p.outlets[0] if p.outlets else (outlets.most_common(1)[0][0] if outlets else None),
                len(mine),
                sum(1 for r in mine if r[_KIND] == "question"),
                len({r[_EVENT] for r in mine}),
                first,
                last,
                id=p.id,
                kind=p.kind,
                aliases=list(p.aliases),
                roles=[k for k, _ in sorted(roles.items(), key=lambda kv: (-kv[1], kv[0]))],
            )
        )
    out.sort(key=lambda x: (-x.turns, x.name, x.id))
    return out


def _outlet_rows(outlets: list, rows: list[tuple], by_outlet: dict[str, list[int]], person_ids) -> list[OutletIdRow]:
    out = []
    for o in outlets:
        mine = [rows[i] for i in by_outlet.get(o.id, [])]
        if not mine:
            continue
        first, last = _span(mine)
        askers = {person_ids.get((int(r[_VERSION]), r[_SPEAKER_ID])) or r[_SPEAKER] for r in mine}
        out.append(
            OutletIdRow(
                o.name,
                len(askers),
                sum(1 for r in mine if r[_KIND] == "question"),
                len({r[_EVENT] for r in mine}),
                first,
                last,
                id=o.id,
                aliases=list(o.aliases),
                country=o.country,
                outlet_kind=o.kind,
                listed=o.listed,
            )
        )
    out.sort(key=lambda x: (-x.questions, x.name, x.id))
    return out


def _unnamed_rows(rows: list[tuple], person_ids: dict[tuple, str]) -> list[UnnamedRow]:
    groups: dict[str, list[tuple]] = {"reporters": [], "others": []}
    for r in rows:
        if (int(r[_VERSION]), r[_SPEAKER_ID]) not in person_ids:
            groups["reporters" if r[_ROLE] == "journalist" else "others"].append(r)
    labels = {"reporters": "unnamed reporters", "others": "other unnamed speakers"}
    return [
        UnnamedRow(
            g,
            labels[g],
            len({(r[_VERSION], r[_SPEAKER_ID]) for r in mine}),
            len(mine),
            sum(1 for r in mine if r[_KIND] == "question"),
            len({r[_EVENT] for r in mine}),
        )
        for g, mine in groups.items()
        if mine
    ]


def _roles_of(index: PeopleIndex, name: str) -> set[str]:
    return {index.rows[i][_ROLE] for i in index.by_speaker.get(name, []) if index.rows[i][_ROLE]}


def speakers(
    index: PeopleIndex, role: str | None = None, name: str | None = None, limit: int = 100, offset: int = 0
) -> tuple[int, list[SpeakerRow]]:
    """(total, one page of speakers), most turns first. ``role``: speakers who spoke in that
    role (any case); ``name``: a part of the name (any case). With persons in the store
    (`pressroom.identity`) the speakers are persons, and ``name`` a part of any form they were
    printed under; the speakers linked to no person are `unnamed` lines, not rows."""
    if index.identity is not None:
        persons = index.identity.persons
        if role:
            persons = [p for p in persons if role.lower() in p.roles]
        if name:
            part = name.lower()
            persons = [p for p in persons if any(part in a.lower() for a in [p.name, *p.aliases])]
        return len(persons), persons[offset : offset + limit]
    rows = index.speakers
    if role:
        wanted = role.lower()
        rows = [s for s in rows if wanted in {r.lower() for r in _roles_of(index, s.name)}]
    if name:
        part = name.lower()
        rows = [s for s in rows if part in s.name.lower()]
    return len(rows), rows[offset : offset + limit]


def outlets(
    index: PeopleIndex, name: str | None = None, limit: int = 100, offset: int = 0
) -> tuple[int, list[OutletRow]]:
    """(total, one page of outlets), most questions first; ``name``: a part of it (with
    outlets in the store, `pressroom.identity`: of any form it was printed under; forms of one
    outlet are one row)."""
    if index.identity is not None:
        merged = index.identity.outlets
        if name:
            part = name.lower()
            merged = [o for o in merged if any(part in a.lower() for a in [o.name, *o.aliases])]
        return len(merged), merged[offset : offset + limit]
    rows = index.outlets
    if name:
        part = name.lower()
        rows = [o for o in rows if part in o.name.lower()]
    return len(rows), rows[offset : offset + limit]


def person_of(index: PeopleIndex, key: str) -> PersonRow | None:
    """The person whose id is ``key``, else the one person of that name (None without persons,
    or when ``key`` is neither)."""
    ident = index.identity
    if ident is None:
        return None
    named = [p for p in ident.persons if p.id == key] or [p for p in ident.persons if p.name == key]
    return named[0] if len(named) == 1 else None


def outlet_of(index: PeopleIndex, key: str) -> OutletIdRow | None:
    """The outlet whose id, name or printed form is ``key`` (None without outlets in the store)."""
    ident = index.identity
    if ident is None:
        return None
    for o in ident.outlets:
        if key == o.id or key == o.name:
            return o
    oid = ident.outlet_of_form.get(key.strip())
    return next((o for o in ident.outlets if o.id == oid), None)


def identity_profile(
    store: Store, index: PeopleIndex, kind: str, key: str, interval: str | None = "month", recent: int = 20
) -> Profile | None:
    """The profile of the person (``kind`` "speaker") or the outlet (``kind`` "outlet") that
    ``key`` names (see `person_of`, `outlet_of`): every turn of every form they were printed
    under, with those forms (``aliases``) and, for a person, each link's evidence. None when
    ``key`` names none (the caller then tries the printed name, `profile`)."""
    from .. import identity

    row = person_of(index, key) if kind == "speaker" else outlet_of(index, key)
    if row is None:
        return None
    positions = (index.identity.by_person if kind == "speaker" else index.identity.by_outlet).get(row.id, [])
    p = profile_of_rows(store, [index.rows[i] for i in positions], kind, row.name, interval, recent)
    if p is None:
        return None
    p.id, p.aliases = row.id, list(row.aliases)
    if kind == "speaker":
        p.links = identity.person(store, row.id).links or []
    else:
        p.journalists = _journalists(index, [index.rows[i] for i in positions])
    return p


def _journalists(index: PeopleIndex, rows: list[tuple]) -> list[Count]:
    """An outlet's askers: persons by name (their questions), else the name as printed."""
    ident = index.identity
    names = {p.id: p.name for p in ident.persons}
    who = Counter()
    for r in rows:
        if r[_KIND] == "question" and r[_SPEAKER]:
            pid = ident.person_ids.get((int(r[_VERSION]), r[_SPEAKER_ID]))
            who[names.get(pid, r[_SPEAKER]) if pid else r[_SPEAKER]] += 1
    return _top(who, 50)


def _counts(rows) -> list[Count]:
    return [Count(str(r[0]), int(r[1])) for r in rows if r[0] is not None]


def _rates(rows) -> list[RatePoint]:
    return [RatePoint(str(r[0]), r[1], int(r[2])) for r in rows if r[0] is not None]


def profile(
    store: Store, index: PeopleIndex, kind: str, name: str, interval: str | None = "month", recent: int = 20
) -> Profile | None:
    """The profile of the speaker or outlet called exactly ``name`` (None when unknown).
    ``interval``: the period of the answer-rate series (year, month, day; None: the one
    that suits the span of their dates, see `charts.interval_for`).

    Their turns come from the `PeopleIndex`; everything else is looked up by turn id."""
    if kind not in ("speaker", "outlet"):
        raise ValueError(kind)
    positions = (index.by_speaker if kind == "speaker" else index.by_outlet).get(name)
    return profile_of_rows(store, [index.rows[i] for i in positions or []], kind, name, interval, recent)


def profile_of_rows(
    store: Store, rows: list[tuple], kind: str, name: str, interval: str | None = "month", recent: int = 20
) -> Profile | None:
    """The profile (``kind`` speaker or outlet) of these `PeopleIndex` rows (None when there are none)."""
    if not rows:
        return None
    questions = [r for r in rows if r[_KIND] == "question"]
    if interval is None:
        from .charts import interval_for

        known = [r[_DATE] for r in rows if r[_DATE]]
        interval = interval_for(min(known), max(known)) if known else "month"
    n = INTERVALS.get(interval, 7)
    p = Profile(
        name=name,
        kind=kind,
        turns=len(rows),
        questions=len(questions),
        n_events=len({r[_EVENT] for r in rows}),
        asker=2 * len(questions) > len(rows),
        interval=interval,
    )
    p.roles = _top(Counter(r[_ROLE] for r in rows if r[_ROLE]))
    if kind == "speaker":
        p.outlets = _top(Counter(r[_OUTLET] for r in rows if r[_OUTLET]))
    else:
        p.journalists = _top(Counter(r[_SPEAKER] for r in questions if r[_SPEAKER]), 50)
    per_event = Counter(r[_EVENT] for r in rows)
    dates = {r[_EVENT]: r[_DATE] for r in rows}
    latest = sorted(per_event, key=lambda ev: (dates.get(ev) or "", ev), reverse=True)[:50]
    titles = _event_titles(store, latest)
    p.events = [EventRef(ev, titles.get(ev), dates.get(ev), per_event[ev]) for ev in latest]
    # what they ask about (their questions), or talk about when they ask nothing
    shown = questions if p.asker else rows
    p.topics = _label_counts(store, "topic", [r[_ID] for r in shown], 12)
    p.entities = _label_counts(store, "entity", [r[_ID] for r in rows], 16)
    p.asked, p.answered = _rate_series(store, kind, rows, questions, n)
    p.recent = _recent_turns(store, shown, titles, recent)
    return p


def _rate_series(store: Store, kind: str, rows: list[tuple], questions: list[tuple], n: int):
    """(clarity of the questions they asked, clarity of the questions they answered), per
    period of ``n`` date characters."""
    e = store.engine
    asked: list[RatePoint] = []
    answered: list[RatePoint] = []
    if questions:
        cond, params = e.in_ids("t.id", [r[0] for r in questions])
        asked = _rates(
            e.query(
                f"SELECT substr(t.date, 1, {n}), q.clarity, count(*) FROM turns t CROSS JOIN questions q "
                f"WHERE {cond} AND q.version_id = t.version_id AND q.exchange_id = t.exchange_id "
                f"AND q.turn_id = t.turn_id AND t.date IS NOT NULL GROUP BY substr(t.date, 1, {n}), q.clarity "
                f"ORDER BY 1, 2",
                params,
            )
        )
    answers = [r[0] for r in rows if r[5] == "answer"]
    if kind == "speaker" and answers:
        cond, params = e.in_ids("t.id", answers)
        answered = _rates(
            e.query(
                f"SELECT s.p, s.clarity, count(*) FROM (SELECT DISTINCT q.version_id, q.question_id, "
                f"substr(t.date, 1, {n}) AS p, q.clarity AS clarity FROM turns t CROSS JOIN questions q "
                f"WHERE {cond} AND q.version_id = t.version_id AND q.exchange_id = t.exchange_id "
                f"AND t.date IS NOT NULL) s GROUP BY s.p, s.clarity ORDER BY 1, 2",
                params,
            )
        )
    return asked, answered


def _recent_turns(store: Store, shown: list[tuple], titles: dict[str, str | None], recent: int) -> list[TurnRef]:
    """The newest ``recent`` of the ``shown`` index rows, with their text."""
    e = store.engine
    newest = sorted(shown, key=lambda r: (r[2] or "", r[1], -r[7]), reverse=True)[:recent]
    newest.sort(key=lambda r: (r[2] or "", r[1], -r[7]), reverse=True)
    if newest:
        cond, params = e.in_ids("t.id", [r[0] for r in newest])
        text = {r[0]: r[1:] for r in e.query(f"SELECT t.id, t.turn_id, t.text FROM turns t WHERE {cond}", params)}
        return [
            TurnRef(
                f"{r[1]}#{text[r[0]][0]}",
                r[1],
                text[r[0]][0],
                titles.get(r[1]) or _event_titles(store, [r[1]]).get(r[1]),
                r[2],
                r[6],
                r[4],
                r[5],
                text[r[0]][1],
            )
            for r in newest
            if r[0] in text
        ]
    return []


def _top(counter: Counter, limit: int | None = None) -> list[Count]:
    return [Count(str(k), int(v)) for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def _event_titles(store: Store, ids: list[str]) -> dict[str, str | None]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    return dict(store.engine.query(f"SELECT id, title FROM events WHERE id IN ({marks})", list(ids)))


def _label_counts(store: Store, facet: str, turn_ids: list[int], limit: int) -> list[Count]:
    if not turn_ids:
        return []
    cond, params = store.engine.in_ids("l.turn", turn_ids)
    return _counts(
        store.engine.query(
            f"SELECT l.value, count(DISTINCT l.turn) FROM turn_labels l WHERE l.facet = ? AND {cond} "
            f"GROUP BY l.value ORDER BY 2 DESC, 1 LIMIT {int(limit)}",
            [facet] + params,
        )
    )


def answer_rate(points: list[RatePoint]) -> dict[str, Any]:
    """Totals of a rate series: judged questions, per class, and the share clearly answered."""
    by: dict[str, int] = {c: 0 for c in CLARITY_CLASSES}
    unjudged = 0
    for pt in points:
        if pt.clarity in by:
            by[pt.clarity] += pt.count
        else:
            unjudged += pt.count
    judged = sum(by.values())
    return {
        "judged": judged,
        "unjudged": unjudged,
        "by_class": by,
        "clear_share": round(by["Clear Reply"] / judged, 3) if judged else None,
    }


# -- filter values, sorted search, downloads ---------------------------------------------------------
#: the annotator each label filter needs, and the command that adds it
FILTER_ANNOTATOR = {"topic": "topics", "clarity": "clarity", "entity": "entities"}


def _shared_check():
    """The CLI's check of filter values (role, clarity, topic, kind, dates): one place for the rules."""
    from ..search import check_filter_values

    return check_filter_values


def check_filters(
    values: dict[str, Any], annotated: dict[str, int] | None = None, store: Store | None = None
) -> dict[str, Any]:
    """Check filter values as the CLI does and return them with a topic in its stored spelling.

    Raises `UsageError` (one line naming the valid values or the nearest ones) for an unknown
    role, clarity, topic or kind, an impossible date (the CLI's `check_filter_values`), a
    topic, clarity or entity filter on a store that holds no labels of that annotator
    (``annotated``: labelled events per facet, from `Store.stats`), and a speaker or outlet
    that no stored name contains and no person's or outlet's alias matches
    (`pressroom.identity.check_filters`, when ``store`` is given; the values then carry
    ``speaker_names``/``outlet_names``, every name such a person or outlet was printed under)."""
    from ..errors import UsageError
    from ..search import Filters

    values = dict(values)
    _shared_check()(values)
    if annotated is not None:
        for facet, annotator in FILTER_ANNOTATOR.items():
            if values.get(facet) and not annotated.get(facet):
                raise UsageError(
                    f"a {facet} filter needs the {annotator} annotator, and this store has no "
                    f"{facet} labels: run pressroom annotate --annotators {annotator}"
                )
    if store is not None and hasattr(store, "check_filters"):
        from .. import identity

        # a speaker or outlet also matches every form its person or outlet was printed under
        checked = identity.check_filters(store, Filters(**values))
        values.update({k: getattr(checked, k) for k in ("speaker_names", "outlet_names") if getattr(checked, k)})
    return values


#: the orders a search can be shown in
SORTS = ("relevance", "date", "date_asc")


def has_embeddings(store: Store, model: str) -> bool:
    """Whether the store holds vectors of ``model`` (what semantic and hybrid search need)."""
    return store.engine.one("SELECT 1 FROM embeddings WHERE model = ? LIMIT 1", (model,)) is not None


def search(
    store: Store,
    q: str,
    f,
    mode: str = "fulltext",
    sort: str = "relevance",
    limit: int = 20,
    offset: int = 0,
    facets: bool = True,
    with_text: bool = False,
):
    """`Store.search`, in the order ``sort`` asks: ``relevance`` (the store's ranking),
    ``date`` (newest first) or ``date_asc`` (oldest first); undated turns come last, turns
    of one date in the order they were stored. Total and facets do not change with the order.

    Full text sorted by date sorts every match (the store's in-memory turn columns hold the
    dates); semantic and hybrid sort their ranked pool (`store.POOL` turns from each ranking)."""
    from ..errors import UsageError
    from ..search import Filters, SearchResult, parse_query

    if sort not in SORTS:
        raise UsageError(f"unknown sort {sort!r}; choose one of: {', '.join(SORTS)}")
    if sort == "relevance":
        return store.search(q, f, mode=mode, limit=limit, offset=offset, facets=facets, with_text=with_text)
    if mode != "fulltext":
        whole = store.search(q, f, mode=mode, limit=1000, offset=0, facets=facets, with_text=with_text)
        hits = sorted(whole.hits, key=lambda h: _date_key(h.date, sort))  # stable: ties keep their rank
        return SearchResult(whole.query, mode, whole.total, hits[offset : offset + limit], whole.facets, limit, offset)
    import numpy as np

    from ..store.store import _page

    limit, offset = _page(limit, offset)
    parsed = parse_query(q)
    f = f or Filters()
    # every match passing the filters (an offset past them all: the store ranks nothing)
    table, pos, _ = store._fulltext(parsed, f, 1, offset=2**62)
    dates = table.dates[pos]
    ids = table.ids[pos]
    undated = dates <= 0  # last in both orders
    order = np.lexsort((ids, -dates if sort == "date" else dates, undated))
    page = [int(i) for i in ids[order[offset : offset + limit]]]
    scores = _scores(store, parsed, page)
    hits = store._hits_by_id(page, scores, parsed, {}, with_text, snippets=store.engine.fts_snippets(parsed, page))
    return SearchResult(
        str(parsed), "fulltext", int(len(pos)), hits, table.facets(pos) if facets else {}, limit, offset
    )


def _date_key(date: str | None, sort: str) -> tuple:
    from ..store.memory import date_number

    n = date_number(date)
    if n <= 0:
        return (1, 0)
    return (0, -n if sort == "date" else n)


def _scores(store: Store, parsed, ids: list[int]) -> dict[int, float]:
    """The relevance scores of a page of turn ids (what the relevance order ranks by)."""
    if not ids:
        return {}
    e = store.engine
    if getattr(e, "ranks_in_database", False):
        keep = bytearray(max(ids) + 1)
        for i in ids:
            keep[i] = 1
        return dict(e.fts_top(parsed, len(ids), 0, keep=bytes(keep)))
    got, scores = e.fts_scores(parsed)
    wanted = set(ids)
    return {int(i): float(s) for i, s in zip(got, scores) if int(i) in wanted}


def csv_text(rows: list[dict[str, Any]], fields: list[str]) -> str:
    """Rows as CSV with a header of ``fields`` (lists and dicts as JSON, None as empty)."""
    import csv
    import io
    import json

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(fields)
    for r in rows:
        out = []
        for k in fields:
            v = r.get(k)
            if v is None:
                out.append("")
            elif isinstance(v, (list, dict)):
                out.append(json.dumps(v, ensure_ascii=False))
            else:
                out.append(v)
        w.writerow(out)
    return buf.getvalue()
