"""`pressroom analyze`'s report says why a question was not judged and how far the model's verdicts
agree with human annotators (issue: verdicts a journalist can trust)."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

import pressroom
from pressroom.cli.analyze import _verdict, print_report

SEED = Path(__file__).resolve().parents[1] / "data" / "seed" / "nato-2021-03-22-press-conference.txt"


def test_a_question_not_judged_says_why():
    assert _verdict({"clarity": None, "not_judged": "no answer in the record"}) == "not judged: no answer in the record"
    assert _verdict({"clarity": "Clear Reply", "confidence": 0.873}) == "Clear Reply 0.87"


def test_the_report_states_the_models_agreement_beside_the_verdicts():
    record = pressroom.parse_path(SEED)
    x = record.exchanges[0]
    x.annotations["clarity"] = {
        "questions": [
            {"clarity": "Ambivalent", "confidence": 0.61},
            {"clarity": None, "not_judged": "the answer is cut off"},
        ]
    }
    record.annotations["clarity"] = {
        "agreement": {"rows": 308, "clarity_macro_f1": 0.578, "clarity_per_class_f1": {"Clear Reply": 0.386}}
    }
    out = io.StringIO()
    print_report(record, Console(file=out, width=200, color_system=None))
    text = out.getvalue()
    assert (
        "Model's verdicts, not facts: against human annotators on 308 test questions the model scores "
        "macro-F1 0.58 on clarity (Clear Reply 0.39)" in text
    )
    assert "verdict: Ambivalent 0.61" in text
    assert "verdict: not judged: the answer is cut off" in text
