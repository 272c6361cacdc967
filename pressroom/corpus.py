"""`Corpus`: a stored corpus as pandas DataFrames (the DataFrame door).

    >>> import pressroom
    >>> with pressroom.Corpus("corpus.db") as corpus:     # or "postgresql://…"
    ...     exchanges = corpus.exchanges()                # one row per exchange
    ...     hits = corpus.search("inflation", role="principal", since="2021")

- `Corpus.turns`, `Corpus.exchanges` and `Corpus.events` hold the rows of
  ``pressroom export --format csv --level turns|exchanges|events``: the same columns in the same
  order, made by the same code (`pressroom.export.flat`), current versions, oldest event first.
- `Corpus.persons` holds what ``pressroom people --json`` prints, most turns first.
- `Corpus.search` takes the options of ``pressroom search`` and returns its ``--json`` hits;
  a bad query or filter raises the `PressroomError` the CLI prints.

Types: the columns in `NUMERIC` are nullable integers (``Int64``), floats (``Float64``) or
booleans (``boolean``); every other column is text (``string``). A missing value is ``<NA>``, and
so is an empty text (topics and entities of a turn outside any exchange): a CSV cell cannot tell
the two apart, and the frames are what the CSV export reads back as with `read_csv`::

    pd.read_csv(path, dtype=pressroom.corpus.dtypes(level), keep_default_na=False, na_values=[""])

Needs pandas (in the ``ml`` extra: ``pip install 'pressroom[ml]'``).
"""

from __future__ import annotations

import os
from typing import Any, Iterable

from .errors import UsageError

#: the non-text columns of the flat rows (`pressroom.export.flat`), by name
NUMERIC: dict[str, str] = {
    # turns
    "seq": "Int64",
    "start_char": "Int64",
    "end_char": "Int64",
    "start_line": "Int64",
    "end_line": "Int64",
    "start_time": "Float64",
    "end_time": "Float64",
    # exchanges
    "n_questions": "Int64",
    # events
    "as_delivered": "boolean",
    "speakers": "Int64",
    "turns": "Int64",
    "exchanges": "Int64",
    "questions": "Int64",
    "journalists": "Int64",
}
#: the non-text columns of search hits and persons
_HIT_TYPES = {"score": "Float64", "highlights": "object", "answer": "object"}
_PERSON_TYPES = {
    "aliases": "object",
    "roles": "object",
    "organisations": "object",
    "outlets": "object",
    "events": "Int64",
    "turns": "Int64",
}
#: the `pressroom search` options that filter (the rest: mode, limit, offset)
FILTERS = ("speaker", "role", "outlet", "entity", "topic", "clarity", "kind", "event", "since", "until")


def _pandas():
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is installed with the ml extra
        raise UsageError("pressroom.Corpus needs pandas: pip install 'pressroom[ml]'") from None
    return pd


def dtypes(level: str) -> dict[str, str]:
    """The pandas dtype of each column of ``level`` (turns, exchanges, events), in column order:
    what `read_csv` hands to `pandas.read_csv`."""
    from .export.flat import FIELDS

    if level not in FIELDS:
        raise UsageError(f"unknown level {level!r}; choose one of: {', '.join(FIELDS)}")
    return {name: NUMERIC.get(name, "string") for name in FIELDS[level]}


def read_csv(path: str | os.PathLike, level: str = "turns"):
    """A CSV written by ``pressroom export --format csv --level LEVEL`` as the DataFrame
    `Corpus` gives for that level (same columns, types and missing values)."""
    pd = _pandas()
    return pd.read_csv(path, dtype=dtypes(level), keep_default_na=False, na_values=[""])


def _frame(records: list[dict[str, Any]], columns: Iterable[str], types: dict[str, str], empty_is_na: bool):
    """A DataFrame of ``records`` with ``columns`` in that order: a column of ``types`` gets its
    dtype; any other, text (``empty_is_na``: an empty text is <NA>, as the CSV reads back)."""
    pd = _pandas()
    data = {}
    for name in columns:
        values = [r.get(name) for r in records]
        dtype = types.get(name, "string")
        if dtype == "object":
            data[name] = pd.Series(values, dtype=object)
            continue
        if dtype == "string":
            if empty_is_na:
                values = [None if v == "" else v for v in values]
            if not all(v is None or isinstance(v, str) for v in values):
                # a column the flat rows added since: let pandas type it rather than stringify it
                data[name] = pd.Series(values, dtype=object).convert_dtypes()
                continue
        data[name] = pd.array(values, dtype=dtype)
    return pd.DataFrame(data, columns=list(columns))


class Corpus:
    """A pressroom store (SQLite path or URL, or ``postgresql://…``) read as DataFrames.

    A missing SQLite file is an error (`StoreError`, as ``pressroom search --db`` says it), never a
    new empty database. Close it with `close`, or use it as a context manager."""

    def __init__(self, url: str | os.PathLike | None = None):
        _pandas()
        from .store import open_existing  # the CLI's opening: the same checks, the same errors

        self.store = open_existing(None if url is None else str(url))
        self._closed = False

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        """Close the store (again is a no-op)."""
        if not self._closed:
            self._closed = True
            self.store.close()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Corpus {self.store.engine.name} {self.store.url}{' (closed)' if self._closed else ''}>"

    def _open(self):
        if self._closed:
            raise UsageError("this Corpus is closed")
        return self.store

    # -- tables ----------------------------------------------------------------------------------
    def _level(self, level: str):
        from .export import store_records
        from .export.flat import FIELDS, rows as flat_rows

        rows = [row for event_id, record in store_records(self._open()) for row in flat_rows(level, event_id, record)]
        return _frame(rows, FIELDS[level], NUMERIC, empty_is_na=True)

    def turns(self):
        """One row per turn: the rows of ``pressroom export --format csv --level turns``."""
        return self._level("turns")

    def exchanges(self):
        """One row per question–answer exchange (``export --format csv --level exchanges``)."""
        return self._level("exchanges")

    def events(self):
        """One row per event (``export --format csv --level events``)."""
        return self._level("events")

    def persons(self, query: str | None = None, role: str | None = None, limit: int | None = None):
        """Persons across the corpus, most turns first: what ``pressroom people [QUERY] --role ROLE
        --limit N --json`` prints (aliases, roles, organisations and outlets are lists). Empty when
        no identity was linked (``pressroom people --rebuild``)."""
        from dataclasses import fields

        from .identity import PersonInfo, people

        found = [p.to_dict() for p in people(self._open(), query, role, limit)]
        columns = [f.name for f in fields(PersonInfo) if f.name != "links"]
        return _frame(found, columns, _PERSON_TYPES, empty_is_na=False)

    # -- search ----------------------------------------------------------------------------------
    def search(
        self,
        query: str,
        *,
        speaker=None,
        role=None,
        outlet=None,
        entity=None,
        topic=None,
        clarity=None,
        kind=None,
        event=None,
        since=None,
        until=None,
        all_versions: bool = False,
        mode: str = "fulltext",
        limit: int = 10,
        offset: int = 0,
    ):
        """The hits of ``pressroom search QUERY --json`` with the same options (``mode``:
        ``fulltext``, ``semantic`` as ``--semantic``, ``hybrid`` as ``--hybrid``), one row per hit,
        best first; ``answer`` holds what the JSON adds to a question hit (the first lines of the
        exchange's answer and the verdict: a dict), None for other hits. ``df.attrs`` holds the normalised ``query``, the ``mode`` and the ``total``
        of matching turns. Dates may be given as strings (``2021``, ``2021-03``), years or dates."""
        from dataclasses import fields

        from .export.flat import question_answers
        from . import identity
        from .search import SearchHit, filters_from, parse_query

        store = self._open()
        if mode != "semantic":
            parse_query(query)  # a malformed query is said first, as the CLI does
        given = {
            "speaker": speaker,
            "role": role,
            "outlet": outlet,
            "entity": entity,
            "topic": topic,
            "clarity": clarity,
            "kind": kind,
            "event": event,
            "since": since,
            "until": until,
        }
        filters = filters_from(
            {**{k: None if v is None else str(v) for k, v in given.items()}, "all_versions": all_versions}
        )
        filters = identity.check_filters(store, filters)  # a speaker or outlet matches any of its aliases
        result = store.search(query, filters, mode=mode, limit=limit, offset=offset, facets=False)
        answers = question_answers(store, result.hits)
        hits = [h.to_dict() for h in result.hits]
        for hit in hits:  # as `pressroom search --json` adds it: question hits only
            if hit["id"] in answers:
                hit["answer"] = answers[hit["id"]]
        columns = list(dict.fromkeys([f.name for f in fields(SearchHit)] + [k for h in hits for k in h] + ["answer"]))
        df = _frame(hits, columns, _HIT_TYPES, empty_is_na=False)
        df.attrs.update({"query": result.query, "mode": result.mode, "total": result.total})
        return df
