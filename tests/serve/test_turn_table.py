"""The serving adapter over the store's in-memory turn table: answer from the old table while
a new one loads after a write."""

from __future__ import annotations

import time

import pressroom
from pressroom.serve.turn_table import serve_stale_turn_table
from pressroom.store import open_store
from tests.serve.conftest import XSS


def test_search_answers_from_the_old_table_then_sees_the_upload(fresh_db):
    with open_store(fresh_db) as store:
        assert serve_stale_turn_table(store, min_interval=0.0) is not None
        assert store.search("alert").total == 3  # the first search loads the table
        first = store._table
        writer = open_store(fresh_db)
        writer.add(
            pressroom.parse_path(
                XSS.parent.parent.parent
                / "data"
                / "store"
                / "2023-07-28-press-gaggle-by-press-secretary-karine-jean-pierre-en-route-brunswick-me.md"
            )
        )
        writer.close()
        assert store.search("maine").total == 0  # answered from the old table; a reload starts
        deadline = time.monotonic() + 30
        while store._table is first:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert store.search("maine").total > 0


def test_a_store_without_the_table_is_left_alone():
    class Plain:
        pass

    assert serve_stale_turn_table(Plain()) is None
