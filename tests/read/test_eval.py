"""The readers' text through the parser: turn boundaries against the hand-made gold files."""

from __future__ import annotations

from pressroom.evaluate import evaluate

from .conftest import CORPUS


def test_html_and_pdf_gold_turn_boundaries():
    """The acceptance target for the readers: turn-boundary F1 >= 0.97 on the HTML and PDF
    gold (public-domain copies in tests/data/read/corpus). Speaker resolution is the
    parser's part and is reported by `pressroom eval parse`, not asserted here."""
    scores = {s.file: s for s in evaluate(CORPUS, CORPUS)}
    gold_turns = {
        "fed_fomc_pdf/FOMCpresconf20220615.pdf": 70,
        "whitehouse_obama_html/0502_briefing-carney-rhodes-rice.html": 68,
    }
    assert {f: (s.error, s.gold, s.predicted) for f, s in scores.items()} == {
        f: (None, n, n) for f, n in gold_turns.items()
    }
    assert {f: s.f1 >= 0.97 for f, s in scores.items()} == {f: True for f in gold_turns}


def test_the_text_taken_out_of_a_pdf_scores_as_the_pdf():
    """The gold's `companion` (the PDF's text with hard line breaks and no blank lines between
    turns) gives the same turns, speakers and roles as the PDF."""
    scores = evaluate(CORPUS, CORPUS, companions=True)
    assert [(s.file, s.error, s.gold, s.predicted, s.matched) for s in scores] == [
        ("fed_fomc_pdf/_derived_txt/FOMCpresconf20220615.txt", None, 70, 70, 70)
    ]
    s = scores[0]
    assert (s.f1, s.acc(s.speaker_ok), s.acc(s.role_ok)) == (1.0, 1.0, 1.0)


def test_a_speaker_is_compared_without_a_leading_form_of_address():
    from pressroom.evaluate import score_record

    record = {
        "speakers": [{"id": "s1", "name": "P F Smith"}, {"id": "s2", "labels": ["M.R. Leawere"]}],
        "turns": [
            {"id": "t1", "speaker": "s1", "text": "Mr Speaker, five years ago we said so."},
            {"id": "t2", "speaker": "s2", "text": "Thank you, Sir."},
            {"id": "t3", "speaker": "s1", "text": "And again."},
        ],
    }
    gold = {
        "turns": [
            {"speaker": "Mr P F SMITH", "starts_with": "Mr Speaker, five years"},
            {"speaker": "HON. M.R. LEAWERE", "starts_with": "Thank you, Sir."},
            {"speaker": "P J Smith", "starts_with": "And again."},  # another man: initials differ
        ]
    }
    fs = score_record(record, gold, "x")
    assert (fs.matched, fs.speaker_ok) == (3, 2)
    assert [m["gold_index"] for m in fs.mismatches] == [2]


def test_a_recording_time_opening_a_turn_is_no_part_of_the_text_compared():
    """The parser keeps "[0:05]" after a label as the turn's start time; gold written from the page
    may keep it in `starts_with`. Either way the turns align; a time inside the text still counts."""
    from pressroom.evaluate import align

    pred = [{"text": "I want to thank everyone."}, {"text": "[46:00] Thanks. A question?"}, {"text": "Yes [1:02]."}]
    gold = [
        {"starts_with": "[0:05] I want to thank"},
        {"starts_with": "Thanks. A question?"},
        {"starts_with": "Yes [1:03]."},
    ]
    assert align(gold, pred) == [(0, 0), (1, 1)]


def test_emphasis_marks_and_a_dialogue_dash_opening_a_turn_are_no_part_of_the_text_compared():
    """Gold written from a Markdown page may leave out what the parser keeps ("*physique du rol*",
    the dash that opens a line of dialogue), or keep what it leaves out; the turns still align. A
    dash inside the text, or different words, still count."""
    from pressroom.evaluate import align

    pred = [
        {"text": "-¿Sufriste ese *physique du rol*?"},
        {"text": "—No, pero me acuerdo."},
        {"text": "**Well**, that is so."},
        {"text": "A - B"},
        {"text": "Other words"},
    ]
    gold = [
        {"starts_with": "¿Sufriste ese physique du rol?"},
        {"starts_with": "No, pero me acuerdo."},
        {"starts_with": "--Well, that"},
        {"starts_with": "A B"},
        {"starts_with": "Other word s"},
    ]
    assert align(gold, pred) == [(0, 0), (1, 1), (2, 2)]
