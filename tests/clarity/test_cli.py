import json

import pytest
from click.testing import CliRunner

from pressroom.clarity.labels import CLARITY_LABELS, EVASION_LABELS
from pressroom.cli import main

from .conftest import CLEAR_REPLY, DECLINED


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def test_predict_round_trip_on_a_csv(tmp_path, runner):
    path = tmp_path / "pairs.csv"
    import csv

    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "question", "answer", "interview_question"])
        w.writerow(["a", *CLEAR_REPLY, "Q. Taxes?"])
        w.writerow(["b", *DECLINED, ""])
        w.writerow(["c", "What is the plan?", "", ""])
    res = runner.invoke(main, ["predict", "clarity", str(path), "--dtype", "float32"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert [r["row"] for r in rows] == [0, 1, 2] and [r["id"] for r in rows] == ["a", "b", "c"]
    for r in rows[:2]:
        assert set(r) == {
            "row",
            "id",
            "clarity",
            "clarity_probs",
            "confidence",
            "uncertain",
            "evasion",
            "evasion_probs",
        }
        assert r["confidence"] == r["clarity_probs"][r["clarity"]]
        assert list(r["clarity_probs"]) == list(CLARITY_LABELS)
        assert list(r["evasion_probs"]) == list(EVASION_LABELS)
        assert sum(r["clarity_probs"].values()) == pytest.approx(1.0, abs=1e-4)
        assert sum(r["evasion_probs"].values()) == pytest.approx(1.0, abs=1e-4)
    assert rows[0]["clarity"] == "Clear Reply" and rows[1]["clarity"] == "Clear Non-Reply"
    assert rows[2] == {"row": 2, "id": "c", "clarity": None, "evasion": None, "unanswered": True}


def test_predict_jsonl_with_evidence(tmp_path, runner):
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps({"question": DECLINED[0], "answer": DECLINED[1]}) + "\n")
    out = tmp_path / "out.jsonl"
    res = runner.invoke(main, ["predict", "clarity", str(path), "--evidence", "--out", str(out)])
    assert res.exit_code == 0, res.output
    [row] = [json.loads(line) for line in out.read_text().splitlines()]
    assert [c["cue"] for c in row["evidence"]["cues"]] == ["will not comment", "question for someone else"]
    assert row["evidence"]["cues"][0]["start_char"] == 0 and row["evidence"]["cues"][0]["end_char"] == 18


def test_eval_on_a_tiny_hand_made_split(tmp_path, runner):
    import pandas as pd

    pd.DataFrame(
        {
            "question": [CLEAR_REPLY[0], DECLINED[0]],
            "interview_answer": [CLEAR_REPLY[1], DECLINED[1]],
            "annotator1": ["Explicit", "Declining to answer"],
            "annotator2": ["Explicit", "Claims ignorance"],
            "annotator3": ["Implicit", "Declining to answer"],
            "clarity_label": ["Clear Reply", "Clear Non-Reply"],
        }
    ).to_parquet(tmp_path / "test-00000-of-00001.parquet")
    res = runner.invoke(
        main, ["eval", "clarity", "--data", str(tmp_path), "--json", "--resamples", "20", "--dtype", "float32"]
    )
    assert res.exit_code == 0, res.output
    r = json.loads(res.output)
    assert r["rows"] == 2
    assert r["clarity"]["accuracy"] == 1.0
    assert r["clarity"]["per_class_f1"] == {"Clear Reply": 1.0, "Ambivalent": 0.0, "Clear Non-Reply": 1.0}
    assert r["clarity"]["macro_f1"] == pytest.approx(0.6667)
    assert r["evasion"]["accuracy"] == 1.0
    assert r["evasion"]["per_class_f1"]["Explicit"] == 1.0
    assert r["evasion"]["per_class_f1"]["Implicit"] == 0.0
    from pressroom.clarity.model import DEFAULT_MODEL_DIR

    cal = r["calibration"]
    assert cal["calibrated"] == (DEFAULT_MODEL_DIR / "calibration.json").is_file()
    if not cal["calibrated"]:  # the ECE of the model's own probabilities, nothing uncertain
        assert (cal["threshold"], cal["uncertain_share"], cal["ece"]) == (None, 0.0, cal["ece_uncalibrated"])
    # both right: ECE is 1 minus the mean probability of the chosen classes
    assert [b["n"] for b in cal["reliability"]] and sum(b["n"] for b in cal["reliability"]) == 2
    mean_p = sum(b["n"] * b["confidence"] for b in cal["reliability"]) / 2
    assert cal["ece"] == pytest.approx(1 - mean_p, abs=2e-4)


@pytest.mark.parametrize(
    "args, message",
    [
        (["predict", "clarity", "missing.csv"], "[E040] no such file: missing.csv"),
        (["eval", "clarity", "--data", "no-such-dir"], "[E040] no such data folder: no-such-dir"),
        (["train", "clarity", "--data", "x", "--device", "tpu"], "[E006] unknown device 'tpu': use cpu or cuda"),
        (
            ["train", "clarity", "--data", "x", "--calibrate-only", "--model", "no-model"],
            "[E005] no config.json in no-model to take the recipe from; use --search",
        ),
    ],
)
def test_bad_input_is_one_line(runner, args, message):
    res = runner.invoke(main, args)
    assert res.exit_code == 2
    assert res.output.strip() == f"pressroom: {message}"
