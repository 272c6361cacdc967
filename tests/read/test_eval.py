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
