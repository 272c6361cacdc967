"""The live terminal panel (`pressroom live` on a terminal), fed the events of a fake-clock
replay of the NATO seed transcript. The expected frames were checked by hand against the events
and the transcript: 13 exchanges, all answered; the last one (x13, Mustafa Mohammad Sarwar) asks
three questions (seed line 240); the judge below labels exchange n by n % 3 with confidence
0.5 + n/100, so x12 is Clear Reply 0.62 and x13 Ambivalent 0.63."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from rich.console import Console

from pressroom.live.panel import LivePanel, LiveView
from pressroom.live.view import line
from tests.conftest import DATA
from tests.live.helpers import replay

SEED = DATA / "seed" / "nato-2021-03-22-press-conference.txt"
LABELS = ("Clear Reply", "Ambivalent", "Clear Non-Reply")


def judge(record, exchange, text):
    n = int(exchange.id[1:])
    return [{"question": q.id, "clarity": LABELS[n % 3], "confidence": 0.5 + n / 100} for q in exchange.questions]


@pytest.fixture(scope="module")
def events():
    session, _ = replay(SEED, judge=judge)
    return session.events


def console() -> Console:
    return Console(file=io.StringIO(), record=True, width=100, force_terminal=True)


def frame(panel: LivePanel) -> list[str]:
    out = console()
    out.print(panel.render())
    return out.export_text().splitlines()


def row(text: str) -> str:
    """A line of the panel, 100 columns wide."""
    return "│ " + text.ljust(96) + " │"


TURNS_BEFORE_THE_LAST_VERDICT = [
    "│ turns                                                                                            │",
    "│ t37  Jens Stoltenberg (principal)   A more stable Middle East will of course be good for all th… │",
    "│ t38  NATO Spokesperson (moderator)  We have time for one last question, and that will go to Mus… │",
    "│ t39  Mustafa Mohammad Sarwar (jour… Thank you very much, Mr. Secretary General, as you know, th… │",
    "│ t40  Jens Stoltenberg (principal)   The Afghan forces have proven over now several years that t… │",
    "│ t41  NATO Spokesperson (moderator)  Thank you very much. This concludes this press conference a… │",
]


def test_the_frame_with_a_question_on_the_floor(events):
    cut = next(i for i, e in enumerate(events) if e["action"] == "verdict" and e["id"] == "x13")
    panel = LivePanel()
    for ev in events[:cut]:
        panel(ev)
    shown = frame(panel)
    assert shown[0].startswith("╭─ live session test on ") and shown[0].endswith("╮")
    assert shown[1:] == [
        "│ questions: 13 asked, 13 answered, 0 unanswered                                                   │",
        "│ on the floor: x13 Mustafa Mohammad Sarwar: Are the Taliban still linked to Al Qaeda in           │",
        "│ Afghanistan?; how concerned are you about an increase in Taliban attacks this spring?; Will      │",
        "│ Afghan forces be able to fend off the potential attacks on their own.                            │",
        *TURNS_BEFORE_THE_LAST_VERDICT,
        "│ verdicts                                                                                         │",
        "│ x12.q2 Clear Reply 0.62                                                                          │",
        "│ x12.q3 Clear Reply 0.62                                                                          │",
        "│ x12.q4 Clear Reply 0.62                                                                          │",
        "╰" + "─" * 98 + "╯",
    ]


def test_the_live_view_ends_with_the_last_frame_and_the_summary_line(events):
    out = console()
    view = LiveView(out)
    for ev in events:
        view(ev)
    assert not view.live.is_started
    text = out.export_text()
    summary = "00:04:52 ended (end of stream): 42 turns, 13 exchanges, 0 unanswered; "
    summary += "7 Ambivalent, 7 Clear Non-Reply, 11 Clear Reply"
    assert line(events[-1]) == summary
    assert text.endswith(summary + "\n")
    last = text[: -len(summary) - 1].rsplit("╭", 1)[1].splitlines()
    assert last[1:] == [
        "│ questions: 13 asked, 13 answered, 0 unanswered                                                   │",
        "│ no question on the floor                                                                         │",
        "│ turns                                                                                            │",
        "│ t38  NATO Spokesperson (moderator)  We have time for one last question, and that will go to Mus… │",
        "│ t39  Mustafa Mohammad Sarwar (jour… Thank you very much, Mr. Secretary General, as you know, th… │",
        "│ t40  Jens Stoltenberg (principal)   The Afghan forces have proven over now several years that t… │",
        "│ t41  NATO Spokesperson (moderator)  Thank you very much. This concludes this press conference a… │",
        "│ t42  Jens Stoltenberg (principal)   Thank you so much.                                           │",
        "│ verdicts                                                                                         │",
        "│ x13.q1 Ambivalent 0.63                                                                           │",
        "│ x13.q2 Ambivalent 0.63                                                                           │",
        "│ x13.q3 Ambivalent 0.63                                                                           │",
        "╰" + "─" * 98 + "╯",
    ]


def test_unanswered_questions_and_stream_notices_are_counted_and_shown():
    panel = LivePanel()
    panel(
        {
            "type": "exchange",
            "action": "asked",
            "t": 5,
            "id": "x1",
            "questioner": "Jane Roe",
            "questions": [{"text": "Will you resign?"}],
        }
    )
    assert panel.floor() == "x1 Jane Roe: Will you resign?"
    panel({"type": "exchange", "action": "unanswered", "t": 9, "id": "x1"})
    panel({"type": "stream", "action": "stalled", "t": 40, "message": "no bytes for 30 s"})
    assert panel.floor() is None
    shown = frame(panel)
    assert shown[1] == row("questions: 1 asked, 0 answered, 1 unanswered")
    assert shown[2] == row("no question on the floor")
    assert shown[-3:-1] == [row("stream"), row("00:00:40 stream stalled: no bytes for 30 s")]


def on_a_terminal(*args: str) -> str:
    """`pressroom live --replay SEED …` with stdout on a pseudo-terminal: what it printed."""
    master, slave = os.openpty()
    cmd = [sys.executable, "-m", "pressroom", "live", "--replay", str(SEED), "--speed", "1e9", "--annotators", "none"]
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    proc = subprocess.Popen([*cmd, *args], stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert proc.wait(timeout=180) == 0, proc.stderr.read()
    return out.decode()


SUMMARY = "00:04:52 ended (end of stream): 42 turns, 13 exchanges, 0 unanswered; no verdicts"


def test_on_a_terminal_the_panel_then_the_summary_line():
    out = on_a_terminal()
    assert "questions: 13 asked, 13 answered, 0 unanswered" in out
    assert "live session" in out and "╭─" in out
    assert out.rstrip().endswith(SUMMARY)


def test_plain_gives_the_plain_lines_on_a_terminal():
    out = on_a_terminal("--plain")
    assert "╭" not in out and "questions:" not in out
    assert "    t1 ▶ Jens Stoltenberg (principal, NATO) [statement]\r\n" in out
    assert out.endswith(SUMMARY + "\r\n")
