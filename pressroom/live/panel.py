"""The live terminal view: a `rich` panel redrawn as events arrive (`pressroom live` on a terminal)."""

from __future__ import annotations

from collections import deque
from typing import Any

from rich.console import Console, Group
from rich.live import Live
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .view import line, short, verdict_line


def _speaker(ev: dict[str, Any]) -> str:
    name = ev.get("name") or ev.get("label") or "unnamed speaker"
    return f"{name} ({ev['role']})" if ev.get("role") else name


class LivePanel:
    """Call with each event; ``render()`` gives the current frame. ``turns``, ``verdicts`` and
    ``notices`` are how many of the latest of each are shown."""

    def __init__(self, turns: int = 5, verdicts: int = 3, notices: int = 3):
        self.title = "live session"
        self.turns: dict[str, dict[str, Any]] = {}
        self.keep_turns = turns
        self.verdicts: deque[str] = deque(maxlen=verdicts)
        self.notices: deque[str] = deque(maxlen=notices)
        self.asked: dict[str, dict[str, Any]] = {}
        self.counts = {"asked": 0, "answered": 0, "unanswered": 0}
        self.summary: str | None = None

    def __call__(self, ev: dict[str, Any]) -> None:
        kind, action = ev["type"], ev["action"]
        if kind == "turn":
            self.turns.pop(ev["id"], None)
            self.turns[ev["id"]] = ev
        elif kind == "exchange":
            self._exchange(ev)
        elif kind == "session" and action == "started":
            self.title = f"live session {ev['id']} on {ev['source']}"
        elif kind == "session" and action == "ended":
            self.summary = line(ev)
        elif kind != "event":
            self.notices.append(line(ev) or "")

    def _exchange(self, ev: dict[str, Any]) -> None:
        action = ev["action"]
        if action in self.counts:
            self.counts[action] += 1
        if action == "asked":
            self.asked[ev["id"]] = ev
        elif action in ("verdict", "revised", "unanswered"):
            self.asked.pop(ev["id"], None)
        if action in ("verdict", "revised"):
            for item in ev.get("verdicts") or []:
                self.verdicts.append(f"{item.get('question') or ev['id']} {verdict_line(item)}")

    def floor(self) -> str | None:
        """The question on the floor: the latest one asked and not yet judged or left unanswered."""
        if not self.asked:
            return None
        ev = list(self.asked.values())[-1]
        qs = "; ".join(q["text"] for q in ev.get("questions") or []) or "(no question)"
        return f"{ev['id']} {ev.get('questioner') or 'a journalist'}: {short(qs, 300)}"

    def render(self) -> Panel:
        c = self.counts
        parts: list[Any] = [
            Text(f"questions: {c['asked']} asked, {c['answered']} answered, {c['unanswered']} unanswered")
        ]
        floor = self.floor()
        parts.append(Text(f"on the floor: {floor}", style="bold yellow") if floor else Text("no question on the floor"))
        turns = Table.grid(padding=(0, 1), expand=True)
        turns.add_column(no_wrap=True, width=4)
        turns.add_column(no_wrap=True, overflow="ellipsis", style="cyan", width=30)
        turns.add_column(no_wrap=True, overflow="ellipsis", ratio=1)
        for ev in list(self.turns.values())[-self.keep_turns :]:
            turns.add_row(ev["id"], _speaker(ev), short(ev.get("text"), 1000))
        parts += [Text("turns", style="bold"), turns]
        for title, rows in (("verdicts", self.verdicts), ("stream", self.notices)):
            if rows:
                parts.append(Text(title, style="bold"))
                parts += [Text(r, no_wrap=True, overflow="ellipsis") for r in rows]
        return Panel(Group(*parts), title=self.title, title_align="left")


class LiveView:
    """Shows events in a `rich.live.Live` panel on ``console``; at the end of the session the
    panel stays as it was and the summary line of the plain view is printed under it."""

    def __init__(self, console: Console | None = None):
        self.console = console or Console()
        self.panel = LivePanel()
        self.live = Live(self.panel.render(), console=self.console, auto_refresh=False)
        self.live.start()

    def __call__(self, ev: dict[str, Any]) -> None:
        self.panel(ev)
        if not self.live.is_started:
            return
        self.live.update(self.panel.render(), refresh=True)
        if self.panel.summary is not None:
            self.close()
            self.console.print(self.panel.summary, markup=False, highlight=False, soft_wrap=True)

    def close(self) -> None:
        if self.live.is_started:
            self.live.stop()
