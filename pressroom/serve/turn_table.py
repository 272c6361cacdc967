"""Serving searches while the store's in-memory turn table reloads.

`Store` keeps the turns' filter and facet columns in memory (``store/memory.py``) and
reloads them on the first search after any write. Reloading reads every turn (one to two
seconds on the 1,152-briefing corpus), so with one client uploading a transcript a second,
every search would wait for a reload and searches pile up (measured with
``bench/serve.py``: p50 above 10 s, time-outs at 30 s). A server rather answers from the
previous table — the newest uploads become searchable a little later — and reloads in one
background thread, at most every `MIN_INTERVAL` seconds: the store's own serving mode,
`Store.reload_in_background`, which this module switches on.
"""

from __future__ import annotations

#: the shortest time between two background reloads (seconds)
MIN_INTERVAL = 30.0


class Reloader:
    """The background reloads of one store (`join` before closing the store)."""

    def __init__(self, store):
        self.store = store

    def join(self, timeout: float = 30.0) -> None:
        self.store.wait_for_reload(timeout)


def serve_stale_turn_table(store, min_interval: float = MIN_INTERVAL) -> Reloader | None:
    """Make ``store`` answer searches from its last turn table while a newer one loads in
    the background (`Store.reload_in_background`). Returns None for an object that is not
    a store with that mode."""
    enable = getattr(store, "reload_in_background", None)
    if enable is None or not hasattr(store, "wait_for_reload"):
        return None
    enable(min_interval)
    return Reloader(store)
