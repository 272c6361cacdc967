"""Progress of long commands on stderr: never a silent wait.

On a terminal, a progress bar (rich, cleared at the end). When stderr is not a terminal (a cron
job, a CI log), one line every `interval` seconds (``PRESSROOM_PROGRESS_SECONDS``, default 10):
``annotate: 40/144 (28%), 2.1/s, 49 s left`` (the command's summary ends the run). ``status(line)`` prints what
is loading (``loading the clarity annotator…``). ``quiet`` silences all of it.
"""

from __future__ import annotations

import os
import sys
import time

import click

#: seconds between two progress lines when stderr is not a terminal
INTERVAL = 10.0


def interval() -> float:
    try:
        return max(0.0, float(os.environ.get("PRESSROOM_PROGRESS_SECONDS", INTERVAL)))
    except ValueError:
        return INTERVAL


def line(label: str, done: int, total: int | None, elapsed: float) -> str:
    """``label: done/total (pct), rate/s, time left``."""
    rate = done / elapsed if elapsed > 0 else 0.0
    if not total:
        return f"{label}: {done} done, {rate:.1f}/s"
    left = (total - done) / rate if rate > 0 else None
    eta = f"{_duration(left)} left" if left is not None else "time left unknown"
    return f"{label}: {done}/{total} ({100 * done / total:.0f}%), {rate:.1f}/s, {eta}"


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class Progress:
    """``with Progress("annotate", quiet) as p: p.start(total); p.update(done); p.status(text)``."""

    def __init__(self, label: str, quiet: bool = False, tty: bool | None = None):
        self.label = label
        self.quiet = quiet
        self.tty = sys.stderr.isatty() if tty is None else tty
        self.total: int | None = None
        self.done = 0
        self._bar = self._task = None
        self._t0 = self._last = time.monotonic()

    def __enter__(self) -> "Progress":
        if self.tty and not self.quiet:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn

            self._bar = Bar(
                TextColumn(self.label),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[last]}"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task(self.label, total=None, last="")
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def start(self, total: int | None) -> None:
        self.total = total
        self._t0 = self._last = time.monotonic()
        if self._bar is not None:
            self._bar.update(self._task, total=total)

    def file_done(self, result, done: int, total: int) -> None:
        """The ``progress`` callback of ingest and batch: one file's result (its status and name)."""
        self.update(done, total, last=f"{result.status}: {result.path.rsplit('/', 1)[-1][:40]}")

    def update(self, done: int, total: int | None = None, last: str = "") -> None:
        self.done = done
        if total is not None:
            self.total = total
        if self._bar is not None:
            self._bar.update(self._task, completed=done, total=self.total, last=last)
            return
        now = time.monotonic()
        if not self.quiet and now - self._last >= interval():
            self._last = now
            self._echo(line(self.label, done, self.total, now - self._t0))

    def status(self, text: str) -> None:
        """A line saying what is happening (a model loading), above the bar on a terminal."""
        if self.quiet:
            return
        if self._bar is not None:
            self._bar.console.print(text, highlight=False, markup=False)
        else:
            self._echo(text)

    @staticmethod
    def _echo(text: str) -> None:
        click.echo(text, err=True)
