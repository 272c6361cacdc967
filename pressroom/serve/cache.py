"""A small cache of aggregates computed from the store (corpus statistics, chart data, who
spoke where, speaker and outlet profiles), so the pages that show them stay fast.

An entry is reused while the store is unchanged. Once the store has changed (a transcript
ingested) and the entry is older than `MAX_AGE` seconds, the next request still gets the
old value at once while one background thread computes the new one (stale while
revalidate), so a steady stream of uploads neither slows pages down nor makes them wait;
values are at most `MAX_AGE` seconds plus one computation behind. Search results, records
and transcript pages are never cached. Concurrent requests for a missing entry compute it
once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from typing import Any, Callable, Hashable

#: seconds after which an entry is checked against the store again
MAX_AGE = 60.0
log = logging.getLogger("pressroom.serve")


class StoreCache:
    def __init__(self, store, size: int = 512, max_age: float = MAX_AGE):
        self.store = store
        self.size = size
        self.max_age = max_age
        self._data: OrderedDict[Hashable, tuple[tuple, float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._key_locks: dict[Hashable, threading.Lock] = {}
        self._refreshing: set[Hashable] = set()
        self._threads: set[threading.Thread] = set()

    def stamp(self) -> tuple:
        """What changes whenever a version is stored."""
        return tuple(self.store.engine.one("SELECT count(*), max(id) FROM versions"))

    def _put(self, key: Hashable, stamp: tuple, value: Any) -> None:
        with self._lock:
            self._data[key] = (stamp, time.monotonic(), value)
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                old, _ = self._data.popitem(last=False)
                self._key_locks.pop(old, None)

    def _refresh(self, key: Hashable, make: Callable[[], Any]) -> None:
        try:
            stamp = self.stamp()
            self._put(key, stamp, make())
        except Exception:  # the old value stays; the next request tries again
            log.exception("refreshing a cached value failed")
        finally:
            with self._lock:
                self._refreshing.discard(key)

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        with self._lock:
            entry = self._data.get(key)
        if entry is not None:
            stamp, made, value = entry
            if time.monotonic() - made < self.max_age:
                return value
            current = self.stamp()
            if current == stamp:
                self._put(key, stamp, value)
                return value
            with self._lock:
                start = key not in self._refreshing
                self._refreshing.add(key)
            if start:
                self._start(self._refresh, key, make)
            return value
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                entry = self._data.get(key)
            if entry is not None:  # another request made it meanwhile
                return entry[2]
            stamp = self.stamp()
            value = make()
            self._put(key, stamp, value)
        return value

    def warm(self, items: dict[Hashable, Callable[[], Any]]) -> threading.Thread:
        """Compute some entries in a background thread (at start-up)."""

        def run() -> None:
            for key, make in items.items():
                try:
                    self.get(key, make)
                except Exception:
                    log.exception("warming the cache failed")

        return self._start(run)

    def _start(self, target: Callable, *args) -> threading.Thread:
        def body() -> None:
            try:
                target(*args)
            finally:
                with self._lock:
                    self._threads.discard(threading.current_thread())

        thread = threading.Thread(target=body, daemon=True, name="pressroom-cache")
        with self._lock:
            self._threads.add(thread)
        thread.start()
        return thread

    def join(self, timeout: float = 30.0) -> None:
        """Wait for the background computations (before the store is closed)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
