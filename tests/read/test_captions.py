"""Caption readers: voice tags, change markers, roll-up de-duplication, time codes, bad files."""

from __future__ import annotations

import json

import pytest

import pressroom
from pressroom.document import LabelHint, TimeSpan
from pressroom.errors import ReadError
from pressroom.read.captions import cue_lines, read_srt, read_vtt

from .conftest import READ_DATA

VOICES = """WEBVTT - Daily press briefing
Language: en

NOTE made for the tests

intro
00:00:01.000 --> 00:00:04.000 align:start
<v Jen Psaki>Good afternoon, everyone &amp; welcome

00:00:04.000 --> 00:00:06.500
<v Jen Psaki>to the briefing room.</v>

00:00:07.000 --> 00:00:09.000
<v.reporter Kaitlan Collins>Thanks, Jen. <i>Two</i> questions.

00:00:09.000 --> 00:00:10.250
Both on Ukraine.

00:00:10.500 --> 00:00:11.000
<v Jen Psaki>Sure.
"""


def test_voice_tags_make_labelled_turns_with_times():
    doc = read_vtt(VOICES.encode(), {})
    assert doc.text == (
        "Jen Psaki: Good afternoon, everyone & welcome to the briefing room.\n\n"
        "Kaitlan Collins: Thanks, Jen. Two questions. Both on Ukraine.\n\n"
        "Jen Psaki: Sure."
    )
    assert doc.labels == [
        LabelHint(0, 10, "Jen Psaki"),
        LabelHint(69, 85, "Kaitlan Collins"),
        LabelHint(132, 142, "Jen Psaki"),
    ]
    assert doc.times == [
        TimeSpan(11, 45, 1.0, 4.0),
        TimeSpan(46, 67, 4.0, 6.5),
        TimeSpan(86, 113, 7.0, 9.0),
        TimeSpan(114, 130, 9.0, 10.25),
        TimeSpan(143, 148, 10.5, 11.0),
    ]
    assert [doc.text[t.start_char : t.end_char] for t in doc.times] == [
        "Good afternoon, everyone & welcome",
        "to the briefing room.",
        "Thanks, Jen. Two questions.",
        "Both on Ukraine.",
        "Sure.",
    ]
    assert doc.metadata == {"title": "Daily press briefing", "language": "en", "duration": 11.0}
    assert doc.source["cues"] == 5


SRT = """1
00:00:01,000 --> 00:00:03,500
- Are you ready to take questions?
- <i>Yes.</i> Go ahead.

2
00:00:03,600 --> 00:00:06,000
{\\an8}- Thank you. On the budget:
will it pass this week?

3
00:00:06,000 --> 00:00:08,000
- We expect so.

4
00:00:14,000 --> 00:00:16,000
- Next question.
"""


def test_srt_dialogue_dashes():
    doc = read_srt(SRT.encode("cp1252"), {})
    assert doc.text == (
        "- Are you ready to take questions?\n\n"
        "- Yes. Go ahead.\n\n"
        "- Thank you. On the budget: will it pass this week?\n\n"
        "- We expect so.\n\n"
        "- Next question."
    )
    assert [(t.start, t.end) for t in doc.times] == [(1.0, 3.5), (1.0, 3.5), (3.6, 6.0), (6.0, 8.0), (14.0, 16.0)]
    assert doc.labels == []


def test_srt_crlf_and_bom():
    data = b"\xef\xbb\xbf" + SRT.replace("\n", "\r\n").encode()
    assert read_srt(data, {}).text == read_srt(SRT.encode(), {}).text


PAINTED = """WEBVTT

00:00:01.000 --> 00:00:01.500
good

00:00:01.500 --> 00:00:02.000
good afternoon

00:00:02.000 --> 00:00:03.000
good afternoon everybody

00:00:03.000 --> 00:00:03.010
good afternoon everybody

00:00:03.010 --> 00:00:05.000
good afternoon everybody
thanks for coming

00:00:09.500 --> 00:00:11.000
thanks for coming is what I said
"""


def test_painted_and_repeated_captions_are_deduplicated():
    doc = read_vtt(PAINTED.encode(), {})
    # the last cue comes after a pause of 4.5 s: a new paragraph, and no de-duplication
    assert doc.text == "good afternoon everybody thanks for coming\n\nthanks for coming is what I said"
    assert [(doc.text[t.start_char : t.end_char], t.start, t.end) for t in doc.times] == [
        ("good", 1.0, 1.5),
        ("afternoon", 1.5, 2.0),
        ("everybody", 2.0, 3.01),
        ("thanks for coming", 3.01, 5.0),
        ("thanks for coming is what I said", 9.5, 11.0),
    ]


def test_a_speaker_repeating_themselves_is_kept():
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>Thank you.\n\n"
        "00:00:03.000 --> 00:00:04.000\n<v A>Thank you.\n\n"
        "00:00:04.100 --> 00:00:05.000\n<v B>Thank you.\n"
    )
    assert read_vtt(vtt.encode(), {}).text == "A: Thank you. Thank you.\n\nB: Thank you."


def test_inline_change_marker_splits_the_line():
    assert [(ln.voice, ln.text) for ln in cue_lines("THANK YOU. >> A QUESTION.\n>>> NEXT")] == [
        (None, "THANK YOU."),
        (None, ">> A QUESTION."),
        (None, ">>> NEXT"),
    ]


def test_hour_long_briefing_with_voice_tags():
    """84 minutes, 1011 cues (tests/data/read/make_captions.py, from a public-domain briefing)."""
    doc = pressroom.read_path(READ_DATA / "briefing-hour.vtt")
    expected = json.loads((READ_DATA / "briefing-hour.turns.json").read_text(encoding="utf-8"))
    assert doc.text.split("\n\n") == [f"{t['voice']}: {t['text']}" for t in expected]
    assert doc.source["cues"] == 1011
    assert doc.metadata["duration"] == 5032.809
    assert len(doc.labels) == len(expected) == 263
    assert all(a.end <= b.start for a, b in zip(doc.times, doc.times[1:]))


def test_hour_long_briefing_parses_with_time_codes():
    record = pressroom.parse_path(READ_DATA / "briefing-hour.vtt")
    assert len(record.turns) == 263
    first, last = record.turns[0], record.turns[-1]
    assert (first.label, first.start_time, first.end_time) == ("Karine Jean-Pierre", 2.0, 3.0)
    assert (last.label, last.end_time) == ("Karine Jean-Pierre", 5032.809)


def test_rollup_captions():
    """Broadcast roll-up: three lines on screen, each cue repeating the lines scrolled up."""
    doc = pressroom.read_path(READ_DATA / "briefing-rollup.vtt")
    expected = json.loads((READ_DATA / "briefing-rollup.turns.json").read_text(encoding="utf-8"))
    assert doc.text.split("\n\n") == [f"{t['marker']} {t['text']}" for t in expected]
    assert doc.text.startswith(
        ">> GOOD AFTERNOON.\n\n>> GOOD AFTERNOON.\n\n>> GOOD AFTERNOON.\n\n>> OH, IT\u2019S SO GOOD."
    )


@pytest.mark.parametrize(
    "fmt,body,message",
    [
        ("vtt", "WEBVTT\n\nNOTE nothing but a note\n", "no caption cues found"),
        ("vtt", "WEBVTTX\n\n00:00:01.000 --> 00:00:02.000\nHi.\n", "a WebVTT file must start with 'WEBVTT'"),
        ("srt", "1\n\n2\n\n", "no caption cues found"),
    ],
)
def test_bad_caption_files(fmt, body, message):
    with pytest.raises(ReadError) as err:
        pressroom.read_bytes(body.encode(), name=f"bad.{fmt}", format=fmt)
    assert str(err.value) == f"[E001] cannot read bad.{fmt}: {message}"


@pytest.mark.parametrize(
    "fmt,body,text,times,warning",
    [
        (
            "srt",
            "1\n00:00:01,000 --> 00:00:0x,000\nHello.\n",
            "Hello.",
            [(1.0, 1.0)],
            "bad time code on line 2 ('00:00:01,000 --> 00:00:0x,000'; expected HH:MM:SS,mmm --> HH:MM:SS,mmm): "
            "read as 00:00:01,000 --> 00:00:01,000",
        ),
        (
            "srt",
            "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\n00:01:75,000 --> 00:01:76,000\nAgain.\n",
            "Hello. Again.",
            [(1.0, 2.0), (2.0, 2.0)],
            "bad time code on line 6 ('00:01:75,000 --> 00:01:76,000'; expected HH:MM:SS,mmm --> HH:MM:SS,mmm): "
            "the cue is kept, timed at the end of the cue before",
        ),
        (
            "srt",
            "1\n00:00:05,000 --> 00:00:00,000\nBackwards.\n",
            "Backwards.",
            [(5.0, 5.0)],
            "the cue on line 2 ends before it starts ('00:00:05,000 --> 00:00:00,000'): its end is taken as its start",
        ),
        (
            "srt",
            "1\n00:00:01,000 -> 00:00:02,000\nOne arrow.\n",
            "One arrow.",
            [(1.0, 2.0)],
            "bad time code on line 2 ('00:00:01,000 -> 00:00:02,000'; expected HH:MM:SS,mmm --> HH:MM:SS,mmm): "
            "read as 00:00:01,000 --> 00:00:02,000",
        ),
        (
            "srt",
            "00:00:01,000 --> 00:00:02,000\nNo number.\n",
            "No number.",
            [(1.0, 2.0)],
            "the cue on line 1 has no number",
        ),
        (
            "srt",
            "1\n00:00:01,000 --> 00:00:02,000\nHi.\n\nSplit off.\n",
            "Hi. Split off.",
            [(1.0, 2.0)],
            "text on line 5 has no time code ('Split off.'): it is kept with the cue before",
        ),
        (
            "srt",
            "1\n00:00:03,000 --> 00:00:04,000\nLate.\n\n2\n00:00:01,000 --> 00:00:02,000\nEarly.\n",
            "Late. Early.",
            [(3.0, 4.0), (1.0, 2.0)],
            "the cue on line 6 starts before the cue before it ('00:00:01,000 --> 00:00:02,000'): kept in file order",
        ),
        (
            "vtt",
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nFine.\n\n00:00:02.000 --> 00:00:xx.000\nBroken.\n",
            "Fine. Broken.",
            [(1.0, 2.0), (2.0, 2.0)],
            "bad time code on line 6 ('00:00:02.000 --> 00:00:xx.000'; expected HH:MM:SS.mmm --> HH:MM:SS.mmm): "
            "read as 00:00:02.000 --> 00:00:02.000",
        ),
    ],
)
def test_damaged_cues_are_kept_with_a_warning(fmt, body, text, times, warning):
    """A damaged cue is repaired and kept, with a W001 warning on the text it wrote; the file is not refused."""
    doc = pressroom.read_bytes(body.encode(), name=f"bad.{fmt}", format=fmt)
    assert doc.text == text
    assert [(s.start, s.end) for s in doc.times] == times
    assert [w.message for w in doc.warnings] == [warning]
    w = doc.warnings[0]
    assert w.code == "W001" and doc.text[w.start_char : w.end_char] in text.split(" ")[0] + " " + text


def test_broadcast_srt_whose_cue_ends_at_zero_parses_with_a_warning():
    """A broadcast SRT with one cue's end written 00:00:00,000 is a record, with the damage in its warnings."""
    body = (
        "1\n00:00:01,000 --> 00:00:03,000\n>> GOOD AFTERNOON. WE'LL TAKE QUESTIONS.\n\n"
        "2\n00:00:03,500 --> 00:00:00,000\n>> WHAT DID THE MINISTER SAY ABOUT RATES?\n\n"
        "3\n00:00:06,000 --> 00:00:09,000\n>> WE DON'T COMMENT ON RATES.\n"
    )
    record = pressroom.parse_document(pressroom.read_bytes(body.encode(), name="news.srt", format="srt"))
    assert [t.text for t in record.turns] == [
        "GOOD AFTERNOON. WE'LL TAKE QUESTIONS.",
        "WHAT DID THE MINISTER SAY ABOUT RATES?",
        "WE DON'T COMMENT ON RATES.",
    ]
    assert [(t.start_time, t.end_time) for t in record.turns] == [(1.0, 3.0), (3.5, 3.5), (6.0, 9.0)]
    (w,) = record.to_dict()["warnings"]
    # the document reads ">> GOOD AFTERNOON. WE'LL TAKE QUESTIONS.\n\n>> WHAT …": 3 + 37 + 2 + 3 = 45
    assert (w["code"], w["start_char"], w["end_char"]) == ("W001", 45, 83)
    assert record.turns[1].start_char == 42 and record.turns[1].text_start == 45
    assert w["message"] == (
        "the cue on line 6 ends before it starts ('00:00:03,500 --> 00:00:00,000'): its end is taken as its start"
    )


def test_utf16_caption_with_an_odd_byte_count_is_read():
    body = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello.\n".encode("utf-16")
    doc = pressroom.read_bytes(body + b"\x00", name="odd.vtt", format="vtt")
    assert doc.text == "Hello."


def test_cue_limit(monkeypatch):
    monkeypatch.setenv("PRESSROOM_MAX_CUES", "100")
    with pytest.raises(ReadError) as err:
        pressroom.read_path(READ_DATA / "briefing-hour.vtt")
    assert "it holds 1011 cues, over the limit of 100" in str(err.value)


def _srt(cues: list[str]) -> bytes:
    """An SRT file of these cue texts, two seconds apart."""
    return "".join(
        f"{i}\n00:00:{2 * i:02d},000 --> 00:00:{2 * i + 1:02d},500\n{c}\n\n" for i, c in enumerate(cues, 1)
    ).encode()


def test_first_names_opening_cues_are_speaker_labels():
    """A podcast's SRT prints `Bekah:` / `Dan:` at the start of the cue where a speaker starts;
    their words run on over the next cues."""
    cues = [
        ("Ada: Hello and welcome to", "the show. With me is Bo."),
        ("Bo: Hi Ada, how's it", "going?"),
        ("Ada: It's going well.", "Note: this is no speaker."),
        ("Bo: Great.", ""),
    ]
    doc = read_srt(_srt([f"{a}\n{b}" for a, b in cues]), {"path": "ep.srt"})
    assert doc.text.split("\n\n") == [
        "Ada: Hello and welcome to the show. With me is Bo.",
        "Bo: Hi Ada, how's it going?",
        "Ada: It's going well. Note: this is no speaker.",
        "Bo: Great.",
    ]


def test_labels_in_capitals_opening_cues_of_mixed_case_captions():
    """A lecture's SRT prints `DAVID MALAN:` / `AUDIENCE:` at the cue where a speaker starts, the
    words in mixed case; the label's later cues carry none. A one-off "NOTE:" is no label, and in
    all-capitals broadcast captions no "NAME:" is taken (a colon in a sentence)."""
    cues = [
        "DAVID MALAN: All right.",
        "This is lecture five.",
        "AUDIENCE: [INAUDIBLE]",
        "DAVID MALAN: Yeah, give us an array.",
        "NOTE: the array is sorted.",
        "AUDIENCE: If the file exists.",
        "DAVID MALAN: Exactly.",
    ]
    doc = read_srt(_srt(cues), {"path": "lecture.srt"})
    assert doc.text.split("\n\n") == [
        "DAVID MALAN: All right. This is lecture five.",
        "AUDIENCE: [INAUDIBLE]",
        "DAVID MALAN: Yeah, give us an array. NOTE: the array is sorted.",
        "AUDIENCE: If the file exists.",
        "DAVID MALAN: Exactly.",
    ]
    loud = read_srt(_srt(cues).upper(), {"path": "news.srt"})
    assert len(loud.text.split("\n\n")) == 1
