"""Caption files: speaker-change markers become turns that keep their time codes."""

import pressroom
from pressroom.parse import check_coverage
from tests.conftest import DATA


def test_rollup_vtt_with_change_markers():
    doc = pressroom.read_path(DATA / "read" / "briefing-rollup.vtt")
    r = pressroom.parse_document(doc)
    assert check_coverage(r, doc.text, doc.body_start) == []
    assert all(t.label == ">>" for t in r.turns)
    assert all(t.start_time is not None and t.end_time >= t.start_time for t in r.turns)
    starts = [t.start_time for t in r.turns]
    assert starts == sorted(starts)
    q = next(t for t in r.turns if t.kind == "question")
    assert q.text.startswith("THANKS, JOHN. A COUPLE QUESTIONS ABOUT BRITTNEY GRINER")
    # unnamed caption speakers are never merged into one person
    assert len({t.speaker for t in r.turns}) == len(r.turns)
    x = r.exchanges[0]
    assert r.turn(x.answer_turns[0]).text.startswith("I CERTAINLY CAN’T GET INSIDE THE HEAD OF A RUSSIAN JUDGE")


def test_srt_dash_markers():
    srt = (
        "1\n00:00:01,000 --> 00:00:04,000\n- Good afternoon, everyone. Thank you for coming today to this briefing.\n\n"
        "2\n00:00:04,500 --> 00:00:07,000\n- Will the President sign the bill this week?\n\n"
        "3\n00:00:07,500 --> 00:00:12,000\n- He will sign it as soon as it reaches his desk, and not a day later.\n"
    )
    doc = pressroom.read_bytes(srt.encode(), name="b.srt")
    r = pressroom.parse_document(doc)
    assert [t.kind for t in r.turns][1:] == ["question", "answer"]
    assert (r.turns[1].start_time, r.turns[1].end_time) == (4.5, 7.0)
    assert len(r.exchanges) == 1
