"""An adapter for serving: search keeps using the store's in-memory turn table while a new
one loads after a write.

`Store` keeps the turns' filter and facet columns in memory (``store/memory.py``) and
reloads them, under a lock, on the first search after any write. Reloading reads every
turn (one to two seconds on the 1,152-briefing corpus), so with one client uploading a
transcript a second, every search waits for a reload and searches pile up (measured with
``bench/serve.py``: p50 above 10 s, time-outs at 30 s). A server can rather answer from
the previous table — the newest uploads become searchable a little later — and reload
in one background thread, at most every `MIN_INTERVAL` seconds.

This wraps the store's (private) ``_turn_table`` method of one `Store` instance; if the
store changes shape it does nothing. It should go once the store offers the same
behaviour itself (requested; see docs/serve.md).
"""
from __future__ import annotations

import logging
import threading
import time

#: the shortest time between two background reloads (seconds)
MIN_INTERVAL = 30.0
log = logging.getLogger("pressroom.serve")


class Reloader:
    """The background reloads of one store (`join` before closing the store)."""

    def __init__(self):
        self.thread: threading.Thread | None = None

    def join(self, timeout: float = 30.0) -> None:
        if self.thread is not None:
            self.thread.join(timeout)


def serve_stale_turn_table(store, min_interval: float = MIN_INTERVAL) -> Reloader | None:
    """Make ``store`` answer searches from its last turn table while a newer one loads in
    the background. Returns None when the store could not be adapted."""
    load = getattr(store, "_turn_table", None)
    if load is None or not hasattr(store, "_table") or not hasattr(store, "_memory_key"):
        return None
    lock = threading.Lock()
    state = {"loading": False, "last": 0.0}
    reloader = Reloader()

    def reload() -> None:
        try:
            load()
        except Exception:  # the old table stays; a later search tries again
            log.exception("reloading the turn table failed")
        finally:
            with lock:
                state["loading"] = False
                state["last"] = time.monotonic()

    def turn_table():
        table = store._table
        if table is None:
            return load()  # the first load: nothing to answer from yet
        if table.key == store._memory_key():
            return table
        with lock:
            due = not state["loading"] and time.monotonic() - state["last"] >= min_interval
            if due:
                state["loading"] = True
        if due:
            reloader.thread = threading.Thread(target=reload, daemon=True, name="pressroom-turn-table")
            reloader.thread.start()
        return table

    store._turn_table = turn_table
    return reloader
