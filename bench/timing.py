"""What the benchmarks time a block with: ``with Clock() as c: …`` then ``c.wall``, ``c.cpu``."""

from __future__ import annotations

import time


class Clock:
    """Wall and CPU seconds of a block (CPU time is the steadier figure on a shared machine)."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu
