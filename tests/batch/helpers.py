"""A store's whole content as plain, comparable data (surrogate row ids and ingest times left out)."""

from __future__ import annotations

import json

from pressroom.store import open_store
from pressroom.store.rows import ENTITY_COLUMNS, EXCHANGE_COLUMNS, QUESTION_COLUMNS, SPEAKER_COLUMNS

TURN_COLUMNS = (
    "event_id",
    "turn_id",
    "seq",
    "is_current",
    "date",
    "speaker_id",
    "speaker",
    "role",
    "outlet",
    "kind",
    "exchange_id",
    "start_char",
    "end_char",
    "start_line",
    "end_line",
    "start_time",
    "end_time",
    "text",
)


def _sorted(rows) -> list[tuple]:
    return sorted((tuple(r) for r in rows), key=repr)


def store_content(url: str) -> dict[str, list[tuple]]:
    """Every table of the store at ``url``; rows point to versions as (event id, version)."""
    store = open_store(url)
    e = store.engine
    try:
        ver = {int(r[0]): (r[1], int(r[2])) for r in e.query("SELECT id, event_id, version FROM versions")}
        out = {
            "events": _sorted(
                (r[0], r[1], ver.get(r[2]), *r[3:])
                for r in e.query(
                    "SELECT id, identity, current_version, n_versions, kind, title, date, last_updated, place, "
                    "organisation, source_url, n_speakers, n_turns, n_exchanges, n_questions, n_words FROM events"
                )
            ),
            "versions": _sorted(
                e.query("SELECT event_id, version, sha256, last_updated, source_path, format, annotators FROM versions")
            ),
            "records": _sorted(
                (ev, v, json.dumps(store.get_record(ev, v), sort_keys=True, ensure_ascii=False))
                for ev, v in ver.values()
            ),
            "turns": _sorted(
                (ver[r[0]],) + tuple(r[1:]) for r in e.query(f"SELECT version_id, {', '.join(TURN_COLUMNS)} FROM turns")
            ),
            "turn_labels": _sorted(
                (ver[r[0]],) + tuple(r[1:])
                for r in e.query(
                    "SELECT t.version_id, t.turn_id, l.facet, l.value FROM turn_labels l JOIN turns t ON t.id = l.turn"
                )
            ),
        }
        for table, cols in (
            ("speakers", SPEAKER_COLUMNS),
            ("exchanges", EXCHANGE_COLUMNS),
            ("questions", QUESTION_COLUMNS),
            ("entities", ENTITY_COLUMNS),
        ):
            out[table] = _sorted(
                (ver[r[0]],) + tuple(r[1:]) for r in e.query(f"SELECT version_id, {', '.join(cols)} FROM {table}")
            )
        return out
    finally:
        store.close()
