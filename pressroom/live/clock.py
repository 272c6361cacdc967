"""Clocks: the real one, and one a test can drive without sleeping."""

from __future__ import annotations

import time


class RealClock:
    """Wall time (monotonic seconds) and real sleeps."""

    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


class FakeClock:
    """A clock that moves only when slept on: a replay at any speed runs at full speed, and
    every event is emitted at the same (fake) time on every run."""

    def __init__(self, start: float = 0.0):
        self.t = float(start)

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.t += seconds
