"""Bad streams: a damaged cue, a time code that goes back, a file that is truncated, rotated,
rewritten, deleted, or that stalls. Each is reported as a `stream` event; what was received is
kept, and the session carries on or ends cleanly."""

from __future__ import annotations

import json
import os

import pressroom
from pressroom.live import FakeClock, FileFollower, LiveSession, Timing, run
from tests.conftest import SEED
from tests.live.helpers import ScriptedClock, replay

CUES = [
    b"00:00:01.000 --> 00:00:04.000\n<v Moderator>Good afternoon. Next question, please.\n\n",
    b"00:00:05.000 --> 00:00:08.000\n<v Jane Roe>Will you raise interest rates this year?\n\n",
    b"00:00:09.000 --> 00:00:12.000\n<v Jen Psaki>We have nothing to announce today.\n\n",
    b"00:00:13.000 --> 00:00:16.000\n<v John Doe>What about inflation, is it easing now?\n\n",
    b"00:00:17.000 --> 00:00:20.000\n<v Jen Psaki>It is easing, and we expect it to keep easing.\n\n",
]


def dump(record) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False)


def stream_events(session):
    return [(e["action"], e.get("message", "")) for e in session.events if e["type"] == "stream"]


def test_a_damaged_cue_is_reported_and_kept(tmp_path):
    p = tmp_path / "bad.vtt"
    p.write_bytes(
        b"WEBVTT\n\n" + CUES[0] + CUES[1] + b"00:00:09.000 --> 00:00:1x.000\n<v Jen Psaki>Not today.\n\n" + CUES[3]
    )
    session, record = replay(p)
    events = stream_events(session)
    assert [a for a, _ in events] == ["malformed"]
    assert "bad time code on line 9 ('00:00:09.000 --> 00:00:1x.000'" in events[0][1]
    assert "Not today." in [t.text for t in record.turns]
    assert dump(record) == dump(pressroom.parse_path(p))


def test_a_time_code_that_goes_back_is_reported_and_kept_in_file_order(tmp_path):
    back = b"00:00:02.000 --> 00:00:03.000\n<v Jen Psaki>Sorry, one more thing.\n\n"
    p = tmp_path / "back.vtt"
    p.write_bytes(b"WEBVTT\n\n" + CUES[0] + CUES[1] + CUES[2] + back + CUES[3])
    session, record = replay(p)
    events = stream_events(session)
    assert [a for a, _ in events] == ["backwards"]
    assert "starts before the cue before it" in events[0][1]
    assert dump(record) == dump(pressroom.parse_path(p))


def lines_of_seed():
    data = SEED.read_bytes()
    lines = data.splitlines(keepends=True)
    return data, lines


def test_a_followed_file_that_grows_is_truncated_rotated_and_deleted(tmp_path):
    data, lines = lines_of_seed()
    parts = [b"".join(lines[:60]), b"".join(lines[60:120]), b"".join(lines[120:180]), b"".join(lines[180:])]
    p = tmp_path / "live.txt"
    p.write_bytes(parts[0])

    def append():
        with open(p, "ab") as f:
            f.write(parts[1])

    def truncate():
        p.write_bytes(parts[2])  # the same inode, truncated, then written again past its old size

    def rotate():
        os.rename(p, tmp_path / "live.txt.1")
        p.write_bytes(parts[3])

    clock = ScriptedClock([(1.0, append), (2.0, truncate), (3.0, rotate), (4.0, p.unlink)])
    session = LiveSession(str(p))
    record = run(FileFollower(p, clock=clock), session, Timing(until_idle=3.0, stall=100.0))
    assert [a for a, _ in stream_events(session)] == ["truncated", "rotated", "gone"]
    assert session.events[-1]["reason"] == "idle for 3 s"
    assert bytes(session.data) == data  # every byte, once
    assert dump(record) == dump(pressroom.parse_document(pressroom.read_bytes(data, name=str(p))))


def test_a_file_rewritten_with_the_same_beginning_goes_on_where_it_was(tmp_path):
    data, lines = lines_of_seed()
    p = tmp_path / "live.txt"
    p.write_bytes(b"".join(lines[:100]))

    def replace():  # an editor saving a longer copy: a new inode holding the old bytes and more
        tmp = tmp_path / "new.txt"
        tmp.write_bytes(data)
        os.replace(tmp, p)

    session = LiveSession(str(p))
    record = run(FileFollower(p, clock=ScriptedClock([(1.0, replace)])), session, Timing(until_idle=2.0))
    assert stream_events(session) == []
    assert bytes(session.data) == data
    assert dump(record) == dump(pressroom.parse_path(p))


def test_a_rotated_caption_file_does_not_repeat_its_header(tmp_path):
    p = tmp_path / "live.vtt"
    p.write_bytes(b"WEBVTT\n\n" + CUES[0] + CUES[1])

    def rotate():
        os.rename(p, tmp_path / "live.vtt.1")
        p.write_bytes(b"WEBVTT\n\n" + CUES[2] + CUES[3])

    session = LiveSession(str(p))
    record = run(FileFollower(p, clock=ScriptedClock([(1.0, rotate)])), session, Timing(until_idle=2.0))
    assert [a for a, _ in stream_events(session)] == ["rotated"]
    assert bytes(session.data) == b"WEBVTT\n\n" + b"".join(CUES[:4])
    assert [t.text for t in record.turns][-2:] == [
        "We have nothing to announce today.",
        "What about inflation, is it easing now?",
    ]


def test_a_stalled_source_is_reported_then_resumes(tmp_path):
    p = tmp_path / "live.vtt"
    p.write_bytes(b"WEBVTT\n\n" + CUES[0] + CUES[1])

    def more():
        with open(p, "ab") as f:
            f.write(CUES[2])

    session = LiveSession(str(p))
    run(FileFollower(p, clock=ScriptedClock([(5.0, more)])), session, Timing(stall=3.0, until_idle=6.0))
    stream = [(e["t"], e["action"]) for e in session.events if e["type"] == "stream"]
    assert [a for _, a in stream] == ["stalled", "resumed", "stalled"]
    assert [t for t, _ in stream] == [3.0, 5.0, 8.0]
    assert (session.events[-1]["reason"], session.events[-1]["t"]) == ("idle for 6 s", 11.0)
    assert session.record.turns[-1].text == "We have nothing to announce today."


def test_a_source_that_never_makes_a_record_ends_cleanly(tmp_path):
    p = tmp_path / "empty.vtt"
    p.write_bytes(b"")
    session = LiveSession(str(p))
    assert run(FileFollower(p, clock=FakeClock()), session, Timing(until_idle=1.0)) is None
    assert "nothing was received" in str(session.error)
    assert session.events[-1]["action"] == "ended"
