"""What a live session reports, and when: turns, exchanges, verdicts given when the answer's
turn closes and revised when the same speaker goes on after a silence."""

from __future__ import annotations

import json

import pytest

import pressroom
from pressroom.live import FakeClock, LiveSession, ReplaySource, Timing, run, split_units
from pressroom.live.view import line
from tests.conftest import SEED
from tests.live.helpers import FakeJudge, replay

#: a briefing in captions; Jen Psaki's first answer pauses for 18 s (12 → 30) and goes on
SMALL_VTT = b"""WEBVTT

00:00:01.000 --> 00:00:04.000
<v Moderator>Good afternoon. Next question, please.

00:00:05.000 --> 00:00:08.000
<v Jane Roe>Will you raise interest rates this year?

00:00:09.000 --> 00:00:12.000
<v Jen Psaki>We have nothing to announce today.

00:00:30.000 --> 00:00:33.000
<v Jen Psaki>But the Chair will speak about it next week.

00:00:34.000 --> 00:00:37.000
<v John Doe>What about inflation, is it easing now?

00:00:38.000 --> 00:00:41.000
<v Jen Psaki>It is easing, and we expect it to keep easing.
"""


@pytest.fixture
def small(tmp_path):
    p = tmp_path / "small.vtt"
    p.write_bytes(SMALL_VTT)
    return p


def brief(events):
    return [
        (e["t"], e["type"], e["action"], e.get("id"), bool(e.get("reopened") or e.get("silence")))
        for e in events
        if e["type"] in ("turn", "exchange")
    ]


def test_units_join_to_the_file_and_carry_cue_start_times():
    units = split_units(SMALL_VTT, "vtt")
    assert b"".join(u.data for u in units) == SMALL_VTT
    assert [u.time for u in units] == [0.0, 1.0, 5.0, 9.0, 30.0, 34.0, 38.0]
    text = SEED.read_bytes()
    lines = split_units(text, "text")
    assert b"".join(u.data for u in lines) == text
    assert [u.time for u in lines[:3]] == [0.0, 2.0, 4.0]  # one line every 2 s of stream time


def test_events_in_stream_time_with_a_verdict_revised_after_a_silence(small):
    judge = FakeJudge()
    session, record = replay(small, speed=1.0, judge=judge)
    assert brief(session.events) == [
        (1.0, "turn", "opened", "t1", False),
        (5.0, "turn", "closed", "t1", False),
        (5.0, "turn", "opened", "t2", False),
        (9.0, "turn", "revised", "t2", False),  # a question, once its answer began
        (9.0, "turn", "closed", "t2", False),
        (9.0, "turn", "opened", "t3", False),
        (9.0, "exchange", "asked", "x1", False),
        (9.0, "exchange", "answered", "x1", False),
        (14.0, "turn", "closed", "t3", True),  # 5 s of silence
        (14.0, "exchange", "verdict", "x1", False),
        (30.0, "turn", "extended", "t3", True),  # the same speaker goes on
        (34.0, "turn", "closed", "t3", False),
        (34.0, "turn", "opened", "t4", False),
        (34.0, "exchange", "revised", "x1", False),
        (38.0, "turn", "closed", "t4", False),
        (38.0, "turn", "opened", "t5", False),
        (38.0, "turn", "closed", "t5", False),
        (38.0, "exchange", "asked", "x2", False),
        (38.0, "exchange", "answered", "x2", False),
        (38.0, "exchange", "verdict", "x2", False),
    ]
    assert judge.calls == [
        ("x1", "We have nothing to announce today."),
        ("x1", "We have nothing to announce today.\n\nJen Psaki: But the Chair will speak about it next week."),
        ("x2", "It is easing, and we expect it to keep easing."),
    ]
    first, last = session.events[0], session.events[-1]
    assert (first["type"], first["action"], first["source"]) == ("session", "started", str(small))
    assert (last["action"], last["reason"], last["turns"], last["exchanges"]) == ("ended", "end of stream", 5, 2)
    assert last["verdicts"] == {"Clear Reply": 2}
    assert [e["seq"] for e in session.events] == list(range(1, len(session.events) + 1))
    assert json.dumps(record.to_dict()) == json.dumps(pressroom.parse_path(small).to_dict())


def test_verdict_items_and_asked_questions(small):
    session, _ = replay(small, speed=1.0, judge=FakeJudge())
    asked = [e for e in session.events if e["action"] == "asked"]
    assert [(e["questioner"], [q["text"] for q in e["questions"]]) for e in asked] == [
        ("Jane Roe", ["Will you raise interest rates this year?"]),
        ("John Doe", ["What about inflation, is it easing now?"]),
    ]
    verdict = next(e for e in session.events if e["action"] == "verdict")
    assert verdict["verdicts"] == [{"question": "x1.q1", "clarity": "Clear Reply", "confidence": 1.0}]
    assert verdict["answer_turns"] == ["t3"]


def test_a_longer_silence_setting_gives_one_verdict(small):
    judge = FakeJudge()
    replay(small, speed=1.0, judge=judge, timing=Timing(silence=60.0))
    assert [c[0] for c in judge.calls] == ["x1", "x2"]


def test_the_terminal_view(small):
    session, _ = replay(small, speed=1.0, judge=FakeJudge())
    shown = [line(e) for e in session.events]
    text = "\n".join(s for s in shown if s)
    assert "00:00:09    x1 ? Jane Roe asks: Will you raise interest rates this year?" in text
    assert "00:00:14    x1 ✔ verdict: Clear Reply 1.00" in text
    assert "00:00:34    x1 ✔ verdict revised: Clear Reply 1.00" in text
    assert "00:00:30    t3 ▶ Jen Psaki (principal) goes on" in text
    assert "00:00:14    t3 ■ We have nothing to announce today." in text
    assert shown[-1].startswith("00:00:38 ended (end of stream): 5 turns, 2 exchanges, 0 unanswered; 2 Clear Reply")


def test_unanswered_question_at_the_end(tmp_path):
    p = tmp_path / "q.txt"
    p.write_bytes(b"MODERATOR: Questions?\n\nQ: Will you resign today?\n")
    session, record = replay(p, judge=FakeJudge())
    assert [x.answer_turns for x in record.exchanges] == [[]]
    unanswered = [e for e in session.events if e["action"] == "unanswered"]
    assert [(e["id"], e["questions"]) for e in unanswered] == [("x1", ["Will you resign today?"])]
    assert session.events[-1]["unanswered"] == 1


def test_no_record_yet_is_not_an_error(tmp_path):
    """A caption header alone makes no record: the session waits, and ends with the reason."""
    session = LiveSession("x.vtt")
    session.feed(b"WEBVTT\n\n")
    assert session.update() is False
    assert session.record is None and "no" in str(session.error).lower()
    assert session.finish("end of stream") is None
    assert session.events[-1]["action"] == "ended"


def test_replay_speed_must_be_positive(small):
    from pressroom.errors import UsageError

    with pytest.raises(UsageError, match="--speed must be above 0"):
        ReplaySource(small, speed=0, clock=FakeClock())


def test_replay_at_speed_10_takes_a_tenth_of_the_stream_time(small):
    clock = FakeClock()
    src = ReplaySource(small, speed=10, clock=clock)
    run(src, LiveSession(src.name))
    assert clock.now() == pytest.approx(3.8)  # the last cue starts at 38 s


def test_real_verdicts_are_those_of_the_clarity_annotator_on_the_whole_record(small):
    """The live verdict of each exchange (given when its answer closed) is the item `pressroom
    analyze --annotators clarity` writes for it from the finished record."""
    pytest.importorskip("torch")
    from pressroom.live.judge import ClarityJudge

    session, record = replay(small, speed=1.0, judge=ClarityJudge())
    last = {}
    for e in session.events:
        if e["type"] == "exchange" and e["action"] in ("verdict", "revised"):
            last[e["id"]] = e["verdicts"]
    doc = pressroom.read_path(small)
    offline = pressroom.parse_document(doc)
    pressroom.annotate(offline, doc.text, ["clarity"])
    expected = {x.id: x.annotations["clarity"] for x in offline.exchanges}
    assert set(last) == set(expected) == {"x1", "x2"}
    for xid, items in last.items():  # the models' numbers move a little with the batch (one exchange, or all)
        for got, want in zip(items, expected[xid], strict=True):
            assert labels(got) == labels(want)
            assert got["clarity_probs"] == pytest.approx(want["clarity_probs"], abs=0.005)
            assert got["evidence"]["topic_shift"] == pytest.approx(want["evidence"]["topic_shift"], abs=0.005)
            assert got["confidence"] == got["clarity_probs"][got["clarity"]]
            assert got["raw_confidence"] == pytest.approx(want["raw_confidence"], abs=0.005)


def labels(item):
    """A verdict without its numbers: the labels, and the evidence's spans."""
    numbers = ("clarity_probs", "evasion_probs", "confidence", "raw_confidence", "evidence")
    out = {k: v for k, v in item.items() if k not in numbers}
    ev = item.get("evidence") or {}
    out["addressing"] = [(a["turn"], a["start_char"], a["end_char"], a["text"]) for a in ev.get("addressing", [])]
    out["cues"] = ev.get("cues")
    return out


def test_a_judge_that_fails_ends_the_verdicts_not_the_session(small):
    def broken(record, exchange, text):
        raise RuntimeError("the model is gone")

    session, record = replay(small, speed=1.0, judge=broken)
    errors = [e["message"] for e in session.events if e["action"] == "error"]
    assert errors == ["no more verdicts: the judge failed (RuntimeError: the model is gone)"]
    assert not [e for e in session.events if e["type"] == "exchange" and e["action"] in ("verdict", "revised")]
    assert json.dumps(record.to_dict()) == json.dumps(pressroom.parse_path(small).to_dict())
    assert session.events[-1]["turns"] == 5
