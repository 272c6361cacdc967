"""Shared helpers for the live tests: a judge that needs no model, a clock that runs scripted
file changes, and a replay run that checks the record after every parse."""

from __future__ import annotations

from pressroom.live import FakeClock, LiveSession, ReplaySource, Timing, run
from pressroom.live.sources import Unit


class FakeJudge:
    """Clear Reply for every question, confidence 1.0; remembers what it judged."""

    def __init__(self):
        self.calls = []

    def __call__(self, record, exchange, text):
        answer = " ".join(record.turn(t).text for t in exchange.answer_turns)
        self.calls.append((exchange.id, answer))
        return [{"question": q.id, "clarity": "Clear Reply", "confidence": 1.0} for q in exchange.questions]


class ScriptedClock(FakeClock):
    """A fake clock that runs ``actions`` ((time, function), …) once it passes their time."""

    def __init__(self, actions=()):
        super().__init__()
        self.actions = sorted(actions, key=lambda a: a[0])

    def sleep(self, seconds):
        super().sleep(seconds)
        while self.actions and self.actions[0][0] <= self.t:
            self.actions.pop(0)[1]()


def regroup(units: list[Unit], steps: int) -> list[Unit]:
    """At most ``steps`` units, each joining consecutive ones (0: unchanged)."""
    if not steps or len(units) <= steps:
        return units
    size = -(-len(units) // steps)
    return [
        Unit(units[min(i + size, len(units)) - 1].time, b"".join(u.data for u in units[i : i + size]))
        for i in range(0, len(units), size)
    ]


class CheckedSession(LiveSession):
    """A session that calls ``check(self)`` after every parse that changed the record."""

    def __init__(self, *args, check=None, **kw):
        super().__init__(*args, **kw)
        self.check = check
        self.parses = 0

    def update(self, final=False):
        changed = super().update(final)
        if changed:
            self.parses += 1
            if self.check:
                self.check(self)
        return changed


def replay(path, speed=1e6, steps=0, judge=None, check=None, timing=None, data=None):
    """Replay ``path`` on a fake clock; returns (session, final record)."""
    src = ReplaySource(path, speed=speed, clock=FakeClock(), data=data)
    src.units = regroup(src.units, steps)
    session = CheckedSession(src.name, "test", judge=judge, check=check)
    record = run(src, session, timing or Timing())
    return session, record
