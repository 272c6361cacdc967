"""Exports: records from a store or from files → JSONL, CSV, Markdown, ConvoKit, TEI.

    >>> from pressroom.export import export, records_from_files
    >>> export(records_from_files(["briefing.md"]), "tei", "briefing.xml")
    >>> export(store_records(store, query="arms control"), "convokit", "corpus/")

Every writer takes ``(event_id, record)`` pairs (``record``: the JSON record) and streams
them, so exports of a whole corpus keep memory flat (ConvoKit and TEI keep only the
speaker lists in memory). The formats are the entries of `EXPORTERS` (a
`pressroom.registry.Registry`), each a function ``(items, out, level, scope) → count``;
`to_file` writes one output file through a ``.part`` file.
"""

from __future__ import annotations

import itertools
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..errors import ExportError, ReadError, UsageError
from ..registry import Registry

LEVELS = ("turns", "exchanges", "events", "records")


@dataclass
class ExportReport:
    format: str
    out: str
    events: int
    items: int  # lines, rows, utterances or texts written

    def to_dict(self) -> dict[str, Any]:
        return {"format": self.format, "out": self.out, "events": self.events, "items": self.items}


class _Counted:
    """Counts the (event_id, record) pairs a writer consumes."""

    def __init__(self, items: Iterable[tuple[str, dict[str, Any]]]):
        self.items = items
        self.n = 0

    def __iter__(self):
        for item in self.items:
            self.n += 1
            yield item


def export(
    items: Iterable[tuple[str, dict[str, Any]]],
    fmt: str,
    out: str | os.PathLike,
    level: str = "turns",
    turns: dict[str, Iterable[str]] | None = None,
) -> ExportReport:
    """Write ``items`` in format ``fmt`` to ``out`` (a file; a folder for ``convokit``).
    ``level`` applies to JSONL and CSV: one row per turn (default), exchange or event
    (JSONL also takes ``records``: one whole record per line). ``turns`` ({event id: turn
    ids}, from `Store.matching_turns`) scopes the turn and exchange levels to those turns and
    the exchanges holding one; the other levels and formats write whole transcripts."""
    if fmt not in EXPORTERS:
        raise _unknown(fmt, EXPORTERS.names())
    if level not in LEVELS or (level == "records" and fmt != "jsonl"):
        allowed = LEVELS if fmt == "jsonl" else LEVELS[:3]
        raise UsageError(f"unknown level {level!r} for {fmt}; choose one of: {', '.join(allowed)}")
    out = Path(out)
    counted = _Counted(items)
    scope = None if turns is None else {e: set(ts) for e, ts in turns.items()}
    try:
        n = EXPORTERS.get(fmt)(counted, out, level, scope)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}")
    return ExportReport(fmt, str(out), counted.n, n)


# -- the exporters ----------------------------------------------------------------------------
# Each takes (items, out: Path, level, scope) and returns how many lines, rows, utterances or
# texts it wrote; `export` has checked the format and the level.
def _unknown(fmt: str, names: list[str]) -> UsageError:
    return UsageError(f"unknown export format {fmt!r}; choose one of: {', '.join(names)}")


EXPORTERS = Registry("exporter", {}, unknown=_unknown, unavailable=lambda name, exc: exc)


def to_file(out: Path, fmt: str, write: Callable[[Any], int], binary: bool = False) -> int:
    """Run ``write(file)`` on ``out``'s ``.part`` file, then move it in place (nothing is left
    half-written when the export fails)."""
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give a file name for {fmt}")
    if not out.parent.exists():
        raise UsageError(f"cannot write {out}: the folder {out.parent} does not exist")
    tmp = out.with_name(out.name + ".part")
    try:
        with open(tmp, "wb") if binary else open(tmp, "w", encoding="utf-8", newline="") as f:
            n = write(f)
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    return n


@EXPORTERS.register("jsonl")
def _jsonl(items, out: Path, level: str, scope) -> int:
    from . import jsonl

    return to_file(out, "jsonl", lambda f: jsonl.write(items, f, level, scope))


@EXPORTERS.register("csv")
def _csv(items, out: Path, level: str, scope) -> int:
    from . import csv as csv_

    return to_file(out, "csv", lambda f: csv_.write(items, f, level, scope))


@EXPORTERS.register("markdown")
def _markdown(items, out: Path, level: str, scope) -> int:
    from . import markdown

    return to_file(out, "markdown", lambda f: markdown.write(items, f))


@EXPORTERS.register("convokit")
def _convokit(items, out: Path, level: str, scope) -> int:
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file; ConvoKit needs a folder (it will be created)")
    from . import convokit

    return convokit.write(items, out, corpus_name=out.name or "pressroom")


@EXPORTERS.register("tei")
def _tei(items, out: Path, level: str, scope) -> int:
    from . import tei

    def write(f) -> int:
        rest = iter(items)
        first = next(rest, None)
        if first is None:
            raise ExportError("nothing to export: no transcript matched")
        return tei.write(itertools.chain([first], rest), f)

    return to_file(out, "tei", write, binary=True)


#: the export formats, in the order they are offered
FORMATS = tuple(EXPORTERS.names())


def records_from_files(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(event_id, record) for each file: a JSON record (``parse --json`` output, or a JSON
    list of them, or JSON Lines of them) is read as is; any other file is read and parsed.
    Folders and globs are expanded as by ``pressroom ingest``."""
    from .. import parse_document, read_path
    from ..ingest import discover
    from ..record import Transcript
    from ..store.rows import event_id_for, source_identity

    def with_id(record: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        if record.get("event_id"):
            record = dict(record)
            return str(record.pop("event_id")), record
        t = Transcript.from_dict(record)
        return event_id_for(source_identity(t), t.event.date, t.event.title), record

    inputs = [str(p) for p in paths]
    json_files = [Path(p) for p in inputs if p.lower().endswith((".json", ".jsonl")) and Path(p).is_file()]
    others = [p for p in inputs if Path(p) not in json_files]
    for p in json_files:
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ReadError(f"cannot read {p}: {exc}")
        try:
            if p.suffix.lower() == ".jsonl":
                data = [json.loads(line) for line in text.splitlines() if line.strip()]
            else:
                data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReadError(f"cannot read {p}: not valid JSON ({exc.msg} at line {exc.lineno})")
        for rec in data if isinstance(data, list) else [data]:
            if not isinstance(rec, dict) or "turns" not in rec:
                raise ReadError(f"cannot read {p}: it holds no pressroom record (no 'turns')")
            yield with_id(rec)
    if others:
        files, missing = discover(others)
        if missing:
            raise ReadError(f"cannot read {missing[0].path}: {missing[0].reason}")
        for f in files:
            yield with_id(parse_document(read_path(f)).to_dict())


def store_records(store, filters=None, query: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """(event_id, record) for each matching event of a store (current versions, oldest first),
    with each speaker's person and outlet when the store has them (`identity.with_identity`)."""
    from ..identity import with_identity

    yield from with_identity(store, ((e, store.get_record(e)) for e in store.event_ids(filters, query)))


def store_matches(
    store, filters=None, query: str | None = None
) -> tuple[Iterator[tuple[str, dict[str, Any]]], dict[str, list[str]]]:
    """(records, turns) for an export of what a search finds: the events holding a matching
    turn (oldest first) and {event id: matching turn ids}, for `export`'s ``turns``."""
    turns = store.matching_turns(query, filters)
    return ((e, r) for e, r in store_records(store, filters, query) if e in turns), turns
