"""Uploads are read, parsed (and annotated) in a separate process, then stored by the server.

Parsing is pure Python: done in a request thread it would hold the server process's GIL for
tens of milliseconds per transcript (seconds with annotators) and every other request of
that process would wait. One worker process per server process does it instead — where
the readers' time limit can also use ``SIGALRM`` — and sends back the rows to write
(`store.rows.Prepared`); the request thread only writes them, in one transaction.
"""

from __future__ import annotations

import atexit
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Sequence

from ..errors import PressroomError

#: the longest an upload may take to read, parse and annotate (seconds)
TIMEOUT = 300.0

_pool: ProcessPoolExecutor | None = None
_lock = threading.Lock()


@dataclass
class Parsed:
    """What the worker sends back for one upload."""

    ok: bool
    prepared: object = None  # store.rows.Prepared
    turns: int = 0
    exchanges: int = 0
    reason: str | None = None


def prepare_upload(data: bytes, name: str, annotators: Sequence[str] = ()) -> Parsed:
    """Bytes → the rows the store writes (runs in the worker; never raises for bad input)."""
    from .. import annotate, parse_document, read_bytes
    from ..read.limits import work_limit
    from ..store.rows import prepare

    try:
        doc = read_bytes(data, name=name)
        with work_limit("parse", name):
            t = parse_document(doc)
        t.event.source = dict(t.event.source or {}, path=name)
        if annotators:
            with work_limit("annotate", name):
                annotate(t, doc.text, list(annotators))
        return Parsed(True, prepare(t, doc.text), len(t.turns), len(t.exchanges))
    except PressroomError as exc:
        return Parsed(False, reason=" ".join(str(exc).split()))
    except RecursionError:
        return Parsed(False, reason="internal error: the file nests too deeply to parse")
    except Exception as exc:  # a bug must not take the server down
        return Parsed(False, reason=f"internal error ({type(exc).__name__}: {exc})")


def _init_worker() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops it


def _get_pool() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["pressroom.serve.uploads", "pressroom.parse", "pressroom.store.rows"])
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=_init_worker)
        return _pool


def _drop_pool(broken: ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is broken:
            _pool = None
    for proc in list(getattr(broken, "_processes", {}).values()):  # a stuck worker is killed
        proc.terminate()
    broken.shutdown(wait=False, cancel_futures=True)


def parse_upload(data: bytes, name: str, annotators: Sequence[str] = ()) -> Parsed:
    """Parse one upload in the worker process (started on first use)."""
    pool = _get_pool()
    try:
        return pool.submit(prepare_upload, data, name, tuple(annotators)).result(timeout=TIMEOUT)
    except BrokenProcessPool:
        _drop_pool(pool)
        return Parsed(False, reason="internal error: the parsing process died on this file")
    except TimeoutError:
        _drop_pool(pool)  # a stuck worker: start a fresh one for the next upload
        return Parsed(False, reason=f"it took longer than {TIMEOUT:.0f} s to read and parse")


@atexit.register
def shutdown() -> None:
    """Stop the worker process (the server calls this when it stops; a later upload starts
    a new one)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
