"""The store on both engines: adding, idempotence, versions, records, events, stats."""

from __future__ import annotations

import copy
import json

import pytest

from pressroom.errors import PressroomError, StoreError, UsageError
from pressroom.record import Transcript
from pressroom.search import Filters, parse_query
from pressroom.store import NotFound, open_store, prepare, source_identity
from pressroom.store.rows import event_id_for, record_json
from tests.fixtures import reference_match, tokens

NATO = "nato-2021-03-22-press-conference.txt"
G7 = "2024-06-13-background-press-call-on-the-g7.md"


def updated(t: Transcript, last_updated: str, extra: str = " (corrected)") -> Transcript:
    """A publisher's update of ``t``: other bytes, a new "last updated", a changed turn."""
    u = copy.deepcopy(t)
    u.event.last_updated = last_updated
    u.event.source = {**u.event.source, "sha256": "f" * 64}
    u.turns[0].text += extra
    return u


def test_add_stores_every_part_of_the_record(store, parsed):
    t = parsed[G7]
    res = store.add(t)
    assert res.status == "added" and res.version == 1 and res.current
    assert res.event_id.startswith("2024-06-13-background-press-call-on-the-g7-")
    assert res.sha256 == t.event.source["sha256"]
    e = store.engine
    vid = e.one("SELECT current_version FROM events WHERE id = ?", (res.event_id,))[0]
    assert e.one("SELECT count(*) FROM turns WHERE version_id = ?", (vid,))[0] == len(t.turns)
    assert e.one("SELECT count(*) FROM speakers WHERE version_id = ?", (vid,))[0] == len(t.speakers)
    assert e.one("SELECT count(*) FROM exchanges WHERE version_id = ?", (vid,))[0] == len(t.exchanges)
    assert e.one("SELECT count(*) FROM questions WHERE version_id = ?", (vid,))[0] == sum(
        len(x.questions) for x in t.exchanges
    )
    texts = [r[0] for r in e.query("SELECT text FROM turns WHERE version_id = ? ORDER BY seq", (vid,))]
    assert texts == [turn.text for turn in t.turns]
    assert store.get_record(res.event_id) == t.to_dict()
    assert store.get_transcript(res.event_id).to_dict() == t.to_dict()


def test_record_json_equals_to_dict(parsed):
    for t in parsed.values():
        assert json.loads(record_json(t)) == t.to_dict()
        assert list(json.loads(record_json(t))) == list(t.to_dict())


def test_record_json_writes_what_json_dumps_writes(parsed):
    t = copy.deepcopy(parsed[NATO])
    # keys that are numbers, tuples, non-ASCII text: as `json.dumps` writes them
    t.annotations["counts"] = {3: (1, 2.5), "naïve": ["Ž", None, True]}
    t.exchanges[0].annotations["scores"] = {1: 0.25}
    assert json.loads(record_json(t)) == json.loads(json.dumps(t.to_dict()))
    assert json.loads(record_json(t))["annotations"]["counts"] == {"3": [1, 2.5], "naïve": ["Ž", None, True]}


def test_record_json_writes_numpy_numbers_big_ints_and_nan(parsed):
    import numpy as np

    class Score(float):
        pass

    t = copy.deepcopy(parsed[NATO])
    t.annotations["x"] = {
        "f64": np.float64(0.25),
        "f32": np.float32(0.5),
        "i64": np.int64(7),
        "sub": Score(1.5),
        "nan": float("nan"),
    }
    assert json.loads(record_json(t))["annotations"]["x"] == {
        "f64": 0.25,
        "f32": 0.5,
        "i64": 7,
        "sub": 1.5,
        "nan": None,
    }  # JSON has no NaN
    t.annotations["x"] = {"big": 2**70, "odd": "\ud800"}  # beyond orjson: written by json
    assert json.loads(record_json(t))["annotations"]["x"] == {"big": 2**70, "odd": "\ud800"}
    assert json.loads(record_json(t)) == json.loads(json.dumps(t.to_dict()))
    from pressroom.store.store import decode_record

    assert decode_record(prepare(t).record)["annotations"]["x"] == {"big": 2**70, "odd": "\ud800"}


def test_decode_record_reads_every_stored_form():
    import zlib

    from pressroom.store.store import decode_record

    assert decode_record(zlib.compress(rb'{"a": [1, "\u00e9"]}')) == {"a": [1, "é"]}
    assert decode_record(memoryview(zlib.compress('{"a": "é"}'.encode()))) == {"a": "é"}
    assert decode_record('{"schema_version": "1"}') == {"schema_version": "1"}  # v1: JSON text
    nan = decode_record(b'{"score": NaN}')  # records written by `json` may hold NaN
    assert list(nan) == ["score"] and nan["score"] != nan["score"]
    assert decode_record(zlib.compress(b'{"big": 1180591620717411303424}')) == {"big": 2**70}


def test_same_bytes_twice_changes_nothing(store, parsed):
    first = store.add(parsed[NATO])
    again = store.add(parsed[NATO])
    assert again.status == "unchanged"
    assert (again.event_id, again.version) == (first.event_id, 1)
    assert store.engine.one("SELECT count(*) FROM versions")[0] == 1
    assert store.engine.one("SELECT count(*) FROM turns")[0] == len(parsed[NATO].turns)


def test_publisher_update_becomes_a_new_version_and_keeps_the_old(store, parsed):
    t = parsed[G7]
    v1 = store.add(t)
    u = updated(t, "2024-06-14T09:00")
    v2 = store.add(u)
    assert (v2.status, v2.version, v2.event_id, v2.current) == ("updated", 2, v1.event_id, True)
    versions = store.versions(v1.event_id)
    assert [(v.version, v.current, v.last_updated) for v in versions] == [
        (1, False, "2024-06-13T18:10"),
        (2, True, "2024-06-14T09:00"),
    ]
    assert store.get_record(v1.event_id)["turns"][0]["text"].endswith(" (corrected)")
    assert not store.get_record(v1.event_id, version=1)["turns"][0]["text"].endswith(" (corrected)")
    assert store.event(v1.event_id).n_versions == 2
    # only the current version is searched and counted
    assert store.stats().turns == len(t.turns)
    assert store.search("corrected").total == 1
    assert store.search("corrected", Filters(all_versions=True)).total == 1
    assert store.search("g7", Filters(all_versions=True)).total == 2 * store.search("g7").total


def test_an_older_version_ingested_later_is_kept_but_not_current(store, parsed):
    t = parsed[G7]
    newer = updated(t, "2024-06-20T10:00")
    store.add(newer)
    res = store.add(t)  # the original, last updated 2024-06-13T18:10, arrives second
    assert (res.status, res.version, res.current) == ("updated", 2, False)
    assert [(v.version, v.current) for v in store.versions(res.event_id)] == [(1, True), (2, False)]
    assert store.get_record(res.event_id)["event"]["last_updated"] == "2024-06-20T10:00"
    assert store.event(res.event_id).last_updated == "2024-06-20T10:00"


def test_identity_is_url_then_title_and_date(parsed):
    assert source_identity(parsed[G7]) == (
        "url:bidenwhitehouse.archives.gov/briefing-room/press-briefings/2024/06/13/background-press-call-on-the-g7"
    )
    nato = parsed[NATO]
    assert source_identity(nato) == f"title:2021-03-22:{' '.join(nato.event.title.lower().split())}"
    assert (
        event_id_for("url:x", "2021-03-22", "Press Conference: NATO & EU")
        == "2021-03-22-press-conference-nato-eu-" + __import__("hashlib").sha1(b"url:x").hexdigest()[:6]
    )


def test_event_id_collision_gets_a_suffix(store, parsed):
    t = parsed[NATO]
    p1 = prepare(t)
    p2 = prepare(updated(t, "2023-01-01T00:00"))
    p2.identity = "url:example.org/another-source"  # another source, same slug and (forced) id
    p2.event_id = p1.event_id
    assert store.add_prepared(p1).event_id == p1.event_id
    assert store.add_prepared(p2).event_id == p1.event_id + "-2"


def test_events_listing_filters_and_pages(store, parsed):
    for t in parsed.values():
        store.add(t)
    page = store.events(limit=2)
    assert page.total == len(parsed)
    assert [e.date for e in page.events] == ["2024-06-13", "2023-07-28"]
    assert [e.date for e in store.events(limit=2, offset=4).events] == ["2021-06-10", "2021-03-22"]
    assert [e.date for e in store.events(Filters(since="2023", until="2023-05")).events] == ["2023-05-19", "2023-03-28"]
    assert store.events(Filters(until="2021-06-10")).total == 2
    assert [e.date for e in store.events(query='"NATO 2030"').events] == ["2021-03-22"]
    assert [e.date for e in store.events(Filters(speaker="Jean-Pierre")).events] == ["2023-07-28"]
    e = store.events(Filters(event=page.events[0].id)).events[0]
    g7 = parsed[G7]
    assert (e.title, e.n_turns, e.n_exchanges, e.n_speakers) == (
        g7.event.title,
        len(g7.turns),
        len(g7.exchanges),
        len(g7.speakers),
    )
    assert e.source_url == g7.event.source["url"]
    assert [x.date for x in store.events(order="date_asc", limit=1).events] == ["2021-03-22"]


def test_turn_permalink(store, parsed):
    res = store.add(parsed[NATO])
    t = parsed[NATO].turns[3]
    got = store.turn(f"{res.event_id}#{t.id}")
    assert (got["text"], got["turn_id"], got["seq"], got["event_title"]) == (t.text, t.id, 3, parsed[NATO].event.title)
    assert got["speaker"] == parsed[NATO].speaker_name(t.speaker)
    with pytest.raises(NotFound, match="no turn"):
        store.turn(f"{res.event_id}#t9999")
    with pytest.raises(UsageError, match="permalink"):
        store.turn("no-hash-here")


def test_not_found_and_bad_arguments_are_one_line_errors(store):
    with pytest.raises(NotFound) as exc:
        store.get_record("nope")
    assert str(exc.value).startswith("[E021] no event 'nope'")
    with pytest.raises(NotFound):
        store.versions("nope")
    with pytest.raises(UsageError, match="limit must be between 1 and 1000, not 0"):
        store.events(limit=0)
    with pytest.raises(UsageError, match="--since must be a date like 2021"):
        store.events(Filters(since="last week"))
    with pytest.raises(UsageError, match="is not a valid date"):
        store.events(Filters(until="2021-02-30"))


def test_stats(store, parsed):
    for t in parsed.values():
        store.add(t)
    st = store.stats()
    assert st.events == st.versions == len(parsed)
    assert st.turns == sum(len(t.turns) for t in parsed.values())
    assert st.exchanges == sum(len(t.exchanges) for t in parsed.values())
    assert (st.first_date, st.last_date) == ("2021-03-22", "2024-06-13")
    assert sum(st.roles.values()) == st.turns
    assert st.schema_version == 5


def test_timeline_counts_turns_per_period(store, parsed):
    for t in parsed.values():
        store.add(t)
    points = store.timeline(interval="year", query="g7")
    counted = {}
    from tests.fixtures import tokens

    for t in parsed.values():
        n = sum(1 for turn in t.turns if "g7" in tokens(turn.text))
        if n:
            counted[t.event.date[:4]] = counted.get(t.event.date[:4], 0) + n
    assert {p.period: p.count for p in points} == counted
    per_event = store.timeline(interval="month", unit="events")
    assert sum(p.count for p in per_event) == len(parsed)
    by_role = store.timeline(facet="role", interval="year", filters=Filters(since="2024"))
    assert {(p.period, p.value) for p in by_role} <= {
        ("2024", r) for r in ("principal", "journalist", "official", "moderator", "other")
    }
    with pytest.raises(UsageError, match="unknown interval"):
        store.timeline(interval="week")


def test_reopen_keeps_data_and_does_not_migrate_twice(url, parsed):
    s = open_store(url)
    s.add(parsed[NATO])
    s.close()
    s = open_store(url)
    assert s.engine.migrate() == []
    assert s.engine.query("SELECT version, name FROM schema_migrations ORDER BY version") == [
        (1, "initial schema"),
        (2, "batched full-text indexing"),
        (3, "speaker and outlet indexes"),
        (4, "persons and outlets"),
        (5, "sources and annotation runs"),
    ]
    assert s.stats().events == 1
    s.close()


def test_open_errors_are_store_errors(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "missing-dir" / "x.db"))
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(PressroomError, match="cannot open the database"):
        open_store(str(bad))
    with pytest.raises(StoreError, match="unsupported database URL scheme 'mysql'"):
        open_store("mysql://x/y")


def test_deferred_index_is_caught_up(url, parsed):
    s = open_store(url)
    res = s.add_prepared(prepare(parsed[NATO]), index=False)
    turns = len(parsed[NATO].turns)
    if s.engine.name == "sqlite":
        assert s.pending_index() == turns
        assert s.search('"NATO 2030"').total == 0  # stored and readable, not yet searchable
        assert s.get_record(res.event_id)["turns"][0]["text"] == parsed[NATO].turns[0].text
    s.close()
    s = open_store(url)  # opening catches up (as after an interrupted ingest)
    assert s.pending_index() == 0
    assert s.search('"NATO 2030"').total > 0
    assert s.sync_index() == 0
    assert s.integrity_check() == "ok"
    s.close()


def test_migration_from_early_v1_drops_the_insert_trigger(tmp_path, parsed):
    import sqlite3

    from pressroom.store.schema import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for stmt in MIGRATIONS[0].sqlite:
        conn.execute(stmt)
    conn.execute(
        "CREATE TRIGGER turns_ai AFTER INSERT ON turns BEGIN "
        "INSERT INTO turns_fts (rowid, text) VALUES (new.id, new.text); END"
    )
    conn.execute("INSERT INTO schema_migrations VALUES (1, 'initial schema', '2025-01-01T00:00:00+00:00')")
    conn.close()
    s = open_store(str(path))
    assert s.engine.schema_version() == 5
    assert s.engine.one("SELECT count(*) FROM sqlite_master WHERE name = 'turns_ai'")[0] == 0
    s.add(parsed[NATO])
    assert s.integrity_check() == "ok"
    assert s.search('"NATO 2030"').total > 0
    s.close()


def test_opening_an_up_to_date_store_writes_nothing(tmp_path, parsed, monkeypatch):
    """Readers must open a store that another process is writing to, or a read-only copy:
    an up-to-date schema is only read, and a failed index catch-up does not stop them."""
    from pressroom.store.engines import SQLiteEngine
    from pressroom.store.store import Store

    path = str(tmp_path / "x.db")
    s = open_store(path)
    s.add_prepared(prepare(parsed[NATO]), index=False)  # leaves an index catch-up to do
    s.close()

    def no_writes(self):
        raise AssertionError("a transaction was opened")

    def locked(self):
        raise StoreError("database is locked")

    monkeypatch.setattr(SQLiteEngine, "transaction", no_writes)
    monkeypatch.setattr(Store, "sync_index", locked)
    r = open_store(path)
    assert r.engine.schema_version() == 5
    assert r.get_record(r.events().events[0].id)["event"]["date"] == "2021-03-22"
    r.close()


def test_migration_3_indexes_speaker_and_outlet_on_an_existing_store(url, parsed):
    from collections import Counter

    s = open_store(url)
    s.add(parsed[NATO])
    s.add(parsed[G7])
    # what a store made by the previous pressroom (schema v2) holds: no migration 3
    s.engine.execute("DROP INDEX turns_speaker")
    s.engine.execute("DROP INDEX turns_outlet")
    s.engine.execute("DELETE FROM schema_migrations WHERE version >= 3")
    for table in (
        "persons",
        "person_links",
        "outlets",
        "outlet_forms",
        "identity_overrides",
        "sources",
        "annotation_runs",
    ):
        s.engine.execute(f"DROP TABLE {table}")
    s.engine.execute("DELETE FROM index_state WHERE name = 'annotations'")
    s.close()
    s = open_store(url)  # opening migrates
    assert s.engine.schema_version() == 5
    assert s.engine.migrate() == []
    assert s.stats().events == 2
    rows = prepare(parsed[NATO]).turns + prepare(parsed[G7]).turns
    speakers, outlets = Counter(r[3] for r in rows), Counter(r[5] for r in rows if r[5])
    for column, index, counts in (("speaker", "turns_speaker", speakers), ("outlet", "turns_outlet", outlets)):
        value, n = counts.most_common(1)[0]
        sql = f"SELECT count(*) FROM turns t WHERE t.{column} = ? AND t.is_current = 1"
        assert n > 0 and s.engine.one(sql, (value,))[0] == n
        if s.engine.name == "sqlite":
            plan = s.engine.query("EXPLAIN QUERY PLAN " + sql, (value,))
            assert [r[3] for r in plan] == [f"SEARCH t USING COVERING INDEX {index} ({column}=? AND is_current=?)"]
        else:  # a handful of rows: make the planner show that it can use the index
            with s.engine.transaction():
                s.engine.execute("SET LOCAL enable_seqscan = off")
                plan = "\n".join(r[0] for r in s.engine.query("EXPLAIN " + sql, (value,)))
            assert f"using {index} on turns" in plan.lower()
    assert s.search('"NATO 2030"').total > 0
    assert s.integrity_check() == "ok"
    s.close()


def test_reload_in_background_answers_from_the_loaded_table_meanwhile(url, parsed):
    s = open_store(url)
    s.add(parsed[NATO])
    s.reload_in_background(min_interval=0.0)
    s.load_turn_table()
    assert s.search('"NATO 2030"').total > 0 and s.search("maine").total == 0
    connections = len(s.engine._all)
    writer = open_store(url)
    writer.add(parsed["2023-07-28-press-gaggle-by-press-secretary-karine-jean-pierre-en-route-brunswick-me.md"])
    writer.close()
    assert s.search("maine").total == 0  # answered from the loaded table; a reload starts
    assert s.wait_for_reload(30.0)
    assert s.search("maine").total > 0
    assert len(s.engine._all) == connections  # the reload's connection went with its thread
    s.reload_in_background(None)  # back to loading at once, in the searching thread
    writer = open_store(url)
    writer.add(parsed[G7])
    writer.close()
    g7 = parse_query("g7")
    assert s.search("g7").total == sum(1 for t in parsed[G7].turns if reference_match(g7, tokens(t.text))) > 0
    with pytest.raises(UsageError, match="min_interval must be 0 or more seconds, not -1"):
        s.reload_in_background(-1)
    s.close()
