"""Who's who across a stored corpus: persons and outlets in the store (both engines).

`rebuild(store)` links every stored speaker to a person and every journalist's affiliation to
an outlet (the rules: `pressroom.identity_rules`), replays the user's merges and splits, and
rewrites the tables ``persons``, ``person_links``, ``outlets`` and ``outlet_forms`` in one
transaction (the overrides, ``identity_overrides``, are kept). An ingest runs it once after its
writes. `people`, `person`, `outlets`, `merge` and `split` read and edit them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

from .errors import IdentityError
from .identity_rules import Linker, Override, SpeakerRow, fold, outlet_key
from .store.models import NotFound


@dataclass
class PersonInfo:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    events: int = 0
    turns: int = 0
    first_seen: str | None = None
    last_seen: str | None = None
    links: list[dict[str, Any]] | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if self.links is None:
            del d["links"]
        return d


@dataclass
class OutletSummary:
    id: str
    name: str
    country: str | None
    kind: str | None
    listed: bool
    aliases: list[str]
    reporters: list[str]
    turns: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class RebuildReport:
    speakers: int
    linked: int
    persons: int
    outlets: int
    overrides: int
    first_name_unlinked: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- reading the store ---------------------------------------------------------------------------
_ROWS_SQL = (
    "SELECT s.version_id, s.speaker_id, v.event_id, e.organisation, e.date, "
    "CASE WHEN e.current_version = s.version_id THEN 1 ELSE 0 END, s.name, s.role, s.affiliation, s.labels "
    "FROM speakers s JOIN versions v ON v.id = s.version_id JOIN events e ON e.id = v.event_id "
    "ORDER BY v.event_id, s.version_id, s.speaker_id"
)


def speaker_rows(store) -> list[SpeakerRow]:
    """Every stored speaker (all versions) with its event's organisation and date, and its
    turns in the current version."""
    turns = {
        (int(v), s): int(n)
        for v, s, n in store.engine.query(
            "SELECT version_id, speaker_id, count(*) FROM turns WHERE is_current = 1 GROUP BY version_id, speaker_id"
        )
    }
    parsed: dict[str, list[str]] = {}

    def labels_of(text: str | None) -> list[str]:
        if text not in parsed:
            parsed[text] = orjson.loads(text or "[]")
        return parsed[text]

    return [
        SpeakerRow(
            int(v),
            s,
            ev,
            org,
            date,
            bool(cur),
            name,
            role or "other",
            aff,
            labels_of(labels),
            turns.get((int(v), s), 0),
        )
        for v, s, ev, org, date, cur, name, role, aff, labels in store.engine.query(_ROWS_SQL)
    ]


def overrides(store) -> list[Override]:
    rows = store.engine.query("SELECT id, kind, person_id, other, form, event_id FROM identity_overrides ORDER BY id")
    return [Override(kind, pid, other, form, ev, int(i)) for i, kind, pid, other, form, ev in rows]


# -- rebuilding ----------------------------------------------------------------------------------
def link(store) -> Linker:
    """The linker run over the store's speakers, overrides applied (nothing written)."""
    return Linker(speaker_rows(store)).run().apply(overrides(store))


def rebuild(store) -> RebuildReport:
    """Link every stored speaker and affiliation anew and rewrite the identity tables."""
    import time

    from .identity_rules import unlinked_first_names

    started = time.perf_counter()
    linker = link(store)
    persons = _person_rows(linker)
    outlets, forms = _outlet_rows(linker)
    e = store.engine
    with e.transaction():
        for table in ("person_links", "persons", "outlet_forms", "outlets"):
            e.execute(f"DELETE FROM {table}")
        e.executemany(
            "INSERT INTO persons (id, name, kind, aliases, roles, organisations, outlets, n_events, "
            "n_turns, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            persons,
        )
        e.executemany(
            "INSERT INTO person_links (version_id, speaker_id, person_id, form, rule, confidence, evidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (lk.version_id, lk.speaker_id, lk.person_id, lk.form, lk.rule, lk.confidence, lk.evidence)
                for lk in linker.links.values()
            ],
        )
        e.executemany(
            "INSERT INTO outlets (id, name, country, kind, listed, aliases, reporters, n_reporters, n_turns) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            outlets,
        )
        e.executemany("INSERT INTO outlet_forms (form, outlet_id, rule, confidence) VALUES (?, ?, ?, ?)", forms)
    return RebuildReport(
        len(linker.rows),
        len(linker.links),
        len(persons),
        len(outlets),
        len(overrides(store)),
        len(unlinked_first_names(linker)),
        round(time.perf_counter() - started, 3),
    )


def _person_rows(linker: Linker) -> list[tuple]:
    rows = {(r.version_id, r.speaker_id): r for r in linker.rows}
    acc: dict[str, dict[str, Any]] = defaultdict(
        lambda: {
            "forms": Counter(),
            "roles": Counter(),
            "orgs": Counter(),
            "outlets": Counter(),
            "events": set(),
            "turns": 0,
            "dates": [],
        }
    )
    for key, lk in linker.links.items():
        r, a = rows[key], acc[lk.person_id]
        for form in r.forms():
            if fold(form) not in ("q", "a"):
                a["forms"][form] += 1
        a["roles"][r.role] += 1
        if r.organisation:
            a["orgs"][r.organisation] += 1
        outlet = linker.outlet_of(r)
        if outlet is not None:
            a["outlets"][outlet.name] += 1
        if r.current:
            a["events"].add(r.event_id)
            a["turns"] += r.turns
            if r.date:
                a["dates"].append(r.date)
    out = []
    for pid, p in linker.persons.items():
        a = acc[pid]
        name = p.name if p.kind == "first name + outlet" else _display_name(p, a["forms"])
        out.append(
            (
                pid,
                name,
                p.kind,
                _json(a["forms"]),
                _json(a["roles"]),
                _json(a["orgs"]),
                _json(a["outlets"]),
                len(a["events"]),
                a["turns"],
                min(a["dates"], default=None),
                max(a["dates"], default=None),
            )
        )
    return out


def _display_name(person, forms: Counter) -> str:
    """The most printed full name (for a full-name person), else the most printed label."""
    names = [f for f, _ in forms.most_common() if person.kind != "full name" or " " in f.strip()]
    if person.kind == "full name":
        names = [f for f in names if not f.isupper()] or names
    elif names:
        return names[0].title() if names[0].isupper() else names[0]
    return names[0] if names else person.name


def _json(counter: Counter) -> str:
    return json.dumps([k for k, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))], ensure_ascii=False)


def _outlet_rows(linker: Linker) -> tuple[list[tuple], list[tuple]]:
    acc: dict[str, dict[str, Any]] = defaultdict(lambda: {"forms": Counter(), "reporters": Counter(), "turns": 0})
    info = {}
    for r in linker.rows:
        outlet = linker.outlet_of(r)
        if outlet is None:
            continue
        info[outlet.id] = outlet
        a = acc[outlet.id]
        a["forms"][r.affiliation.strip()] += 1
        lk = linker.links.get((r.version_id, r.speaker_id))
        if lk is not None:
            a["reporters"][lk.person_id] += 1
        if r.current:
            a["turns"] += r.turns
    outlets = []
    for oid, o in info.items():
        a = acc[oid]
        name = o.name if o.listed else a["forms"].most_common(1)[0][0]
        outlets.append(
            (
                oid,
                name,
                o.country,
                o.kind,
                int(o.listed),
                _json(a["forms"]),
                _json(a["reporters"]),
                len(a["reporters"]),
                a["turns"],
            )
        )
    forms = [(form, o.id, rule, conf) for form, (o, rule, conf) in linker.outlets.items()]
    return outlets, forms


# -- reading -------------------------------------------------------------------------------------
_PERSON_COLS = "id, name, kind, aliases, roles, organisations, outlets, n_events, n_turns, first_seen, last_seen"


def _person_info(row) -> PersonInfo:
    pid, name, kind, aliases, roles, orgs, outlets, n_events, n_turns, first, last = row
    return PersonInfo(
        pid,
        name,
        kind,
        json.loads(aliases or "[]"),
        json.loads(roles or "[]"),
        json.loads(orgs or "[]"),
        json.loads(outlets or "[]"),
        int(n_events),
        int(n_turns),
        first,
        last,
    )


def people(store, query: str | None = None, role: str | None = None, limit: int | None = None) -> list[PersonInfo]:
    """Persons, most turns first; ``query`` matches a part of any alias, ``role`` one of the roles."""
    out = [
        _person_info(r)
        for r in store.engine.query(f"SELECT {_PERSON_COLS} FROM persons ORDER BY n_turns DESC, n_events DESC, name")
    ]
    if query:
        q = fold(query)
        out = [p for p in out if any(q in fold(a) for a in [p.name, *p.aliases])]
    if role:
        out = [p for p in out if role.lower() in p.roles]
    return out[:limit] if limit else out


def person(store, person_id: str) -> PersonInfo:
    """One person, with every link (event, form as printed, rule, confidence, evidence)."""
    row = store.engine.one(f"SELECT {_PERSON_COLS} FROM persons WHERE id = ?", (person_id,))
    if row is None:
        raise NotFound(f"no person {person_id!r} in {store.url} (see `pressroom people`)")
    info = _person_info(row)
    info.links = [
        {
            "event_id": ev,
            "version": int(ver),
            "speaker_id": sid,
            "form": form,
            "rule": rule,
            "confidence": round(float(conf), 2),
            "evidence": evidence,
        }
        for ev, ver, sid, form, rule, conf, evidence in store.engine.query(
            "SELECT v.event_id, v.version, l.speaker_id, l.form, l.rule, l.confidence, l.evidence "
            "FROM person_links l JOIN versions v ON v.id = l.version_id WHERE l.person_id = ? "
            "ORDER BY v.event_id, v.version, l.speaker_id",
            (person_id,),
        )
    ]
    return info


def outlets(store) -> list[OutletSummary]:
    """Outlets, most turns first, each with the forms printed for it and its reporters (person ids)."""
    return [
        OutletSummary(
            oid,
            name,
            country,
            kind,
            bool(listed),
            json.loads(aliases or "[]"),
            json.loads(reporters or "[]"),
            int(n_turns),
        )
        for oid, name, country, kind, listed, aliases, reporters, n_turns in store.engine.query(
            "SELECT id, name, country, kind, listed, aliases, reporters, n_turns FROM outlets "
            "ORDER BY n_turns DESC, name"
        )
    ]


# -- overrides -----------------------------------------------------------------------------------
def _add_override(store, o: Override) -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    with store.engine.transaction():
        store.engine.execute(
            "INSERT INTO identity_overrides (kind, person_id, other, form, event_id, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (o.kind, o.person_id, o.other, o.form, o.event_id, now),
        )


def merge(store, person_id: str, other: str) -> RebuildReport:
    """Fold person ``other`` into ``person_id`` (kept as an override; survives rebuilds)."""
    if person_id == other:
        raise IdentityError(f"cannot merge {person_id!r} with itself")
    for pid in (person_id, other):
        person(store, pid)  # NotFound when unknown
    _add_override(store, Override("merge", person_id, other=other))
    return rebuild(store)


def split(store, person_id: str, form: str, event_id: str | None = None) -> RebuildReport:
    """Take the speakers linked by ``form`` (in ``event_id`` only, when given) out of a person
    into a person of their own (kept as an override; survives rebuilds)."""
    info = person(store, person_id)
    forms = sorted({lk["form"] for lk in info.links if lk["form"]})
    if fold(form) not in {fold(f) for f in forms}:
        raise IdentityError(f"{person_id!r} was never linked by the form {form!r}; its forms: {', '.join(forms)}")
    if event_id and event_id not in {lk["event_id"] for lk in info.links}:
        raise IdentityError(f"{person_id!r} does not speak in event {event_id!r}")
    _add_override(store, Override("split", person_id, form=form, event_id=event_id))
    return rebuild(store)


def person_of_turns(store) -> dict[tuple[int, str], str]:
    """{(version id, speaker id): person id}, for exports and pages."""
    return {
        (int(v), s): p for v, s, p in store.engine.query("SELECT version_id, speaker_id, person_id FROM person_links")
    }


def outlet_of_forms(store) -> dict[str, str]:
    """{affiliation as printed: outlet id}."""
    return dict(store.engine.query("SELECT form, outlet_id FROM outlet_forms"))


# -- for the pages, the API, search and exports ----------------------------------------------------
def has_persons(store) -> bool:
    """Whether the store's identity tables hold persons (an ingest or `rebuild` made them)."""
    return store.engine.one("SELECT 1 FROM persons LIMIT 1") is not None


def _part_of(value: str, forms: Iterable[str]) -> bool:
    """Whether ``value`` is a whole-word part of one of ``forms`` (case, accents, punctuation ignored)."""
    v = fold(value)
    return bool(v) and any(f" {v} " in f" {fold(f)} " for f in forms)


def persons_matching(store, value: str) -> list[str]:
    """The ids of the persons ``value`` names: their id, or a whole-word part of their name or
    of a form they were printed under (``zients`` and ``Jeff Zients``: jeff-zients)."""
    out = []
    for pid, name, aliases in store.engine.query("SELECT id, name, aliases FROM persons ORDER BY id"):
        if value.strip() == pid or _part_of(value, [name, *json.loads(aliases or "[]")]):
            out.append(pid)
    return out


def outlets_matching(store, value: str) -> list[str]:
    """The ids of the outlets ``value`` names: their id, any of their forms once normalised
    (``The AP`` = ``AP``), or a whole-word part of their name or of a form."""
    key = outlet_key(value)
    out = []
    for oid, name, aliases in store.engine.query("SELECT id, name, aliases FROM outlets ORDER BY id"):
        forms = [name, *json.loads(aliases or "[]")]
        if value.strip() == oid or key in {outlet_key(f) for f in forms} or _part_of(value, forms):
            out.append(oid)
    return out


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def speaker_names(store, value: str) -> list[str]:
    """The names (as the turns store them) of every speaker linked to a person ``value`` names."""
    ids = persons_matching(store, value)
    if not ids:
        return []
    rows = store.engine.query(
        "SELECT DISTINCT t.speaker FROM person_links l JOIN turns t ON t.version_id = l.version_id "
        f"AND t.speaker_id = l.speaker_id WHERE l.person_id IN ({_marks(len(ids))})",
        ids,
    )
    return sorted(r[0] for r in rows if r[0])


def outlet_names(store, value: str) -> list[str]:
    """Every printed form of the outlets ``value`` names (``AP``: AP, Associated Press, The AP …)."""
    ids = outlets_matching(store, value)
    if not ids:
        return []
    rows = store.engine.query(f"SELECT form FROM outlet_forms WHERE outlet_id IN ({_marks(len(ids))})", ids)
    return sorted(r[0] for r in rows if r[0])


def expand_filters(store, f):
    """``f`` with ``speaker_names`` (``outlet_names``) set when the persons (outlets) its
    ``speaker`` (``outlet``) names were printed under names that do not contain the value
    itself: the stored names that contain it (the store's own rule) and those names. A
    search for ``Jeff Zients`` then finds the turns labelled ``MR. ZIENTS``; ``AP`` those of
    reporters of ``Associated Press``. Unchanged when identity adds nothing."""
    from dataclasses import replace

    changes = {}
    for column, names_of in (("speaker", speaker_names), ("outlet", outlet_names)):
        value = getattr(f, column)
        if not value or getattr(f, f"{column}_names", None) is not None:
            continue
        wanted = value.strip().lower()
        extra = {n for n in names_of(store, value) if wanted not in n.lower()}
        if extra:
            own = {n for n in store.names(column) if wanted in n.lower()}
            changes[f"{column}_names"] = tuple(sorted(own | extra, key=lambda n: (n.lower(), n)))
    return replace(f, **changes) if changes else f


def check_filters(store, f):
    """`Store.check_filters` for ``f`` after `expand_filters`: a speaker or outlet that a
    person's or outlet's alias matches is known, though no stored name contains it
    (``Dr. Walensky`` for the turns labelled ``DR. WALENSKY``). Returns the expanded filters."""
    from dataclasses import replace

    f = expand_filters(store, f)
    known = {c: None for c in ("speaker", "outlet") if getattr(f, f"{c}_names", None)}
    store.check_filters(replace(f, **known) if known else f)
    return f


def record_identity(store, event_id: str, persons: dict | None = None, forms: dict | None = None) -> dict[str, Any]:
    """{speaker id: {person_id, person, aliases, outlet_id, outlet}} of the event's current
    version (what exports add to a record as ``identity``). ``persons`` and ``forms``: the
    tables as `identity_tables` reads them, to read them once for many events."""
    if persons is None or forms is None:
        persons, forms = identity_tables(store)
    links = dict(
        store.engine.query(
            "SELECT l.speaker_id, l.person_id FROM person_links l JOIN events e ON e.current_version = l.version_id "
            "WHERE e.id = ?",
            (event_id,),
        )
    )
    speakers = store.engine.query(
        "SELECT s.speaker_id, s.role, s.affiliation FROM speakers s JOIN events e ON e.current_version = s.version_id "
        "WHERE e.id = ?",
        (event_id,),
    )
    out: dict[str, Any] = {}
    for sid, role, aff in speakers:
        pid = links.get(sid)
        outlet = forms.get((aff or "").strip()) if role == "journalist" else None
        if pid is None and outlet is None:
            continue
        name, aliases = persons.get(pid, (None, [])) if pid else (None, [])
        out[sid] = {
            "person_id": pid,
            "person": name,
            "aliases": aliases,
            "outlet_id": outlet[0] if outlet else None,
            "outlet": outlet[1] if outlet else None,
        }
    return out


def identity_tables(store) -> tuple[dict[str, tuple[str, list[str]]], dict[str, tuple[str, str]]]:
    """({person id: (name, aliases)}, {affiliation as printed: (outlet id, outlet name)})."""
    persons = {
        pid: (name, json.loads(aliases or "[]"))
        for pid, name, aliases in store.engine.query("SELECT id, name, aliases FROM persons")
    }
    forms = {
        form: (oid, name)
        for form, oid, name in store.engine.query(
            "SELECT f.form, f.outlet_id, o.name FROM outlet_forms f JOIN outlets o ON o.id = f.outlet_id"
        )
    }
    return persons, forms


def with_identity(store, items: Iterable[tuple[str, dict[str, Any]]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The (event id, record) pairs of an export from ``store``, each record with an
    ``identity`` entry: ``{"speakers": {speaker id: {person_id, person, aliases, outlet_id,
    outlet}}}`` (see `record_identity`); records pass unchanged when the store has no persons."""
    if not has_persons(store):
        yield from items
        return
    persons, forms = identity_tables(store)
    for event_id, record in items:
        if "identity" in record:  # added already
            yield event_id, record
        else:
            yield event_id, {**record, "identity": {"speakers": record_identity(store, event_id, persons, forms)}}
