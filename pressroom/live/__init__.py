"""Live mode: follow a briefing while it happens (a growing caption or text file, stdin, or a
replay), keep a record that is valid at every moment, and report turns, exchanges and verdicts
as they happen. See docs/live.md.

    >>> from pressroom.live import LiveSession, ReplaySource, FakeClock, run
    >>> source = ReplaySource("briefing.vtt", speed=10)
    >>> session = LiveSession(source.name, emit=print)
    >>> record = run(source, session)      # the same record as `pressroom parse briefing.vtt`
"""

from __future__ import annotations

from .clock import FakeClock, RealClock
from .runner import Timing, run, session_id, store_record
from .session import LiveSession
from .sources import FileFollower, ReplaySource, StreamSource, UrlSource, split_units

__all__ = [
    "FakeClock",
    "FileFollower",
    "LiveSession",
    "RealClock",
    "ReplaySource",
    "StreamSource",
    "UrlSource",
    "Timing",
    "run",
    "session_id",
    "split_units",
    "store_record",
]
