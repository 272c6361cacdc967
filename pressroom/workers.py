"""Process plumbing shared by every pool of worker processes (ingest, batch, annotating a store)."""

from __future__ import annotations

import os
import time


def init_worker(parent_pid: int) -> None:
    """Process-pool initializer (ingest, batch): workers leave Ctrl-C to the parent (which stops
    them), use one math thread unless the environment says otherwise, and end themselves when
    the parent is gone, even if it was killed with SIGKILL."""
    import signal
    import threading

    # one math thread per worker process: N processes × N torch threads would fight over the cores
    for key in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ.setdefault(key, "1")
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            try:
                os.kill(parent_pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:
                pass

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
