"""The aggregates cache: reuse, stale-while-revalidate after a write, one computation."""

from __future__ import annotations

import threading
import time

from pressroom.serve.cache import StoreCache


class FakeEngine:
    def __init__(self):
        self.versions = 1

    def one(self, sql, params=()):
        return (self.versions, self.versions)


class FakeStore:
    def __init__(self):
        self.engine = FakeEngine()


def test_reused_until_the_store_changes_then_refreshed_in_the_background():
    store = FakeStore()
    cache = StoreCache(store, max_age=0.0)
    calls = []

    def make():
        calls.append(store.engine.versions)
        return f"value {store.engine.versions}"

    assert cache.get("k", make) == "value 1"
    assert cache.get("k", make) == "value 1"  # the store is unchanged
    assert calls == [1]
    store.engine.versions = 2  # a transcript was stored
    assert cache.get("k", make) == "value 1"  # the old value at once …
    deadline = time.monotonic() + 5
    while cache.get("k", make) != "value 2":  # … and the new one soon after
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert calls == [1, 2]


def test_fresh_entries_are_not_even_checked():
    store = FakeStore()
    cache = StoreCache(store, max_age=60)
    assert cache.get("k", lambda: 1) == 1
    store.engine.versions = 5
    assert cache.get("k", lambda: 2) == 1  # younger than max_age: served as is


def test_a_missing_entry_is_computed_once():
    cache = StoreCache(FakeStore())
    calls = []
    gate = threading.Event()

    def make():
        calls.append(1)
        gate.wait(2)
        return "v"

    out = []
    threads = [threading.Thread(target=lambda: out.append(cache.get("k", make))) for _ in range(8)]
    for th in threads:
        th.start()
    time.sleep(0.1)
    gate.set()
    for th in threads:
        th.join(5)
    assert out == ["v"] * 8 and calls == [1]


def test_size_bound():
    cache = StoreCache(FakeStore(), size=3)
    for i in range(5):
        cache.get(i, lambda i=i: i)
    assert list(cache._data) == [2, 3, 4]
