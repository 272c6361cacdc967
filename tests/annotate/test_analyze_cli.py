"""`pressroom analyze`: the report, the JSON record and the one-line errors."""

from __future__ import annotations

import json
import re
import sys

from click.testing import CliRunner

from pressroom.annotate import ANNOTATOR_MODULES
from pressroom.cli import main
from pressroom.cli.analyze import pipeline_names

from .conftest import SEED

MINE = "entities,topics,talking_points,quotes,stats"


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_report():
    r = run("analyze", str(SEED), "--annotators", MINE)
    assert r.exit_code == 0, r.output
    out = r.output
    for expected in (
        "Press conference by NATO Secretary General Jens Stoltenberg",
        "Exchanges",
        "Lailuma Sadid",
        "Kavian Press",
        "NATO 2030",
        "Talking points: Jens Stoltenberg",
        "Quotes: Jens Stoltenberg",
        "Who got to ask",
        "Russia (23)",
        "New START (2)",
        "International Affairs",
    ):
        assert expected in out, expected


def test_json_record():
    r = run("analyze", str(SEED), "--json", "--annotators", "topics,stats")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["annotations"]["pipeline"] == ["topics", "stats"]
    assert data["annotations"]["stats"]["words"] == 4857
    assert data["exchanges"][2]["annotations"]["topics"]["primary"] == "Defense"
    assert "entities" not in data["annotations"]


def test_models_loading_are_said_on_stderr(monkeypatch):
    monkeypatch.setattr(sys.modules["pressroom.annotate"], "_INSTANCES", {})
    r = run("analyze", str(SEED), "--json", "--annotators", "topics")
    assert r.exit_code == 0
    assert r.stderr.splitlines()[0] == "loading the topics annotator (spaCy en_core_web_sm)…"
    assert re.fullmatch(r"loaded the topics annotator in \d+\.\d s", r.stderr.splitlines()[1])
    monkeypatch.setattr(sys.modules["pressroom.annotate"], "_INSTANCES", {})
    r = run("analyze", str(SEED), "--json", "--annotators", "topics", "--quiet")
    assert r.exit_code == 0 and r.stderr == ""
    assert json.loads(r.stdout)["annotations"]["pipeline"] == ["topics"]


def test_pipeline_order_and_names():
    assert pipeline_names("stats,entities") == ["entities", "stats"]
    assert pipeline_names("quotes, quotes,topics") == ["topics", "quotes"]


def test_unknown_annotator_is_one_line():
    r = run("analyze", str(SEED), "--annotators", "entities,sentiment")
    assert r.exit_code == 2
    assert r.output.strip().splitlines() == [
        "pressroom: [E010] unknown annotator 'sentiment'; known annotators: " + ", ".join(ANNOTATOR_MODULES)
    ]


def test_missing_annotator_module_is_one_line(monkeypatch):
    monkeypatch.setitem(ANNOTATOR_MODULES, "ghost", "pressroom.annotate.ghost_not_installed")
    r = run("analyze", str(SEED), "--annotators", "stats,ghost")
    assert r.exit_code == 2
    lines = r.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("pressroom: [E005] the ghost annotator cannot be loaded")
    assert lines[0].endswith("run with --annotators stats to leave it out")


def test_missing_file_is_one_line(tmp_path):
    r = run("analyze", str(tmp_path / "nope.txt"))
    assert r.exit_code == 2
    assert r.output.strip() == f"pressroom: [E001] cannot read {tmp_path / 'nope.txt'}: no such file"


def test_empty_annotator_list():
    r = run("analyze", str(SEED), "--annotators", " , ")
    assert r.exit_code == 2
    assert "needs at least one name" in r.output


def test_report_shows_clarity_verdicts_and_evidence():
    from rich.console import Console

    from pressroom.cli.analyze import print_report

    from .conftest import analysed

    record, text = analysed(SEED)
    x = record.exchanges[2]
    answer = record.turn(x.answer_turns[0])
    cue_at = text.index("all options are on the table", answer.text_start)
    x.annotations["clarity"] = [
        {
            "question": x.questions[0].id,
            "clarity": "Ambivalent",
            "confidence": 0.8,
            "evasion": "Dodging",
            "evidence": {
                "cues": [
                    {
                        "cue": "all options are on the table",
                        "type": "non-commitment",
                        "turn": answer.id,
                        "start_char": cue_at,
                        "end_char": cue_at + 28,
                        "text": "all options are on the table",
                    }
                ],
                "addressing": [],
                "topic_shift": 0.7,
            },
        },
        {"question": x.questions[1].id, "clarity": None, "unanswered": True},
    ]
    console = Console(record=True, width=120)
    print_report(record, console)
    out = console.export_text()
    assert "verdict: Ambivalent (Dodging) 0.80" in out
    assert "verdict: no answer" in out
    assert "Answers: verdicts and evidence" in out
    assert "cue (non-commitment): “all options are on the table”" in out
    assert "addresses it: (no answer sentence comes close to the question)" in out
