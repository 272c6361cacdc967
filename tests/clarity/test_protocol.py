"""The protocol's guards (no training on a test split; the unseen-interview score) and the
question splitter's score against annotated sub-questions."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressroom.cli import main

from .conftest import CLEAR_REPLY, DECLINED

QEVASION = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "qevasion"


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def _frame(urls, questions, answers, turns=None):
    import pandas as pd

    d = {"url": urls, "question": questions, "interview_answer": answers, "clarity_label": ["Clear Reply"] * len(urls)}
    if turns is not None:
        d["interview_question"] = turns
    return pd.DataFrame(d)


def test_training_on_a_test_file_is_refused(tmp_path, runner):
    _frame(["u1", "u2"], [CLEAR_REPLY[0], DECLINED[0]], [CLEAR_REPLY[1], DECLINED[1]]).to_csv(
        tmp_path / "test.csv", index=False
    )
    res = runner.invoke(main, ["train", "clarity", "--data", str(tmp_path / "test.csv"), "--out", str(tmp_path / "m")])
    assert res.exit_code == 2
    assert res.output.strip() == (
        f"pressroom: [E041] {tmp_path / 'test.csv'} is a file named test*: training on it would make every test "
        "score meaningless; train on the train split, or pass --i-know-this-is-test"
    )
    assert not (tmp_path / "m").exists()


@pytest.mark.skipif(not QEVASION.is_dir(), reason="needs shared/datasets/qevasion")
def test_qevasion_test_split_is_known_under_any_name(tmp_path, runner):
    shutil.copy(QEVASION / "test-00000-of-00001.parquet", tmp_path / "train-copy.parquet")
    res = runner.invoke(main, ["train", "clarity", "--data", str(tmp_path), "--out", str(tmp_path / "m")])
    assert res.exit_code == 2
    assert res.output.strip().startswith(f"pressroom: [E041] {tmp_path / 'train-copy.parquet'} is QEvasion test split")
    # the same rows in another format and order of columns: recognised by their fingerprint
    import pandas as pd

    df = pd.read_parquet(tmp_path / "train-copy.parquet")
    (tmp_path / "train-copy.parquet").unlink()
    df[list(reversed(df.columns))].to_json(tmp_path / "train.jsonl", orient="records", lines=True)
    res = runner.invoke(main, ["train", "clarity", "--data", str(tmp_path), "--out", str(tmp_path / "m")])
    assert res.output.strip().startswith(f"pressroom: [E041] {tmp_path / 'train.jsonl'} is QEvasion test split")


def test_unseen_rows_leave_out_interviews_and_answers_seen_in_train():
    from pressroom.clarity.data import pairs_from_frame
    from pressroom.clarity.protocol import unseen_rows

    train = pairs_from_frame(_frame(["u1", "u2"], ["a?", "b?"], ["A.", "B."]))
    test = pairs_from_frame(_frame(["u1", "u3", "u4", "u5"], ["c?", "d?", "e?", "f?"], ["C.", "B.", "E.", "F."]))
    assert unseen_rows(test, train) == [2, 3]  # u1 is a seen interview; row 1 repeats a train answer


def test_eval_prints_the_unseen_interviews_beside_the_whole_split(tmp_path, runner):
    _frame(["u1"], [CLEAR_REPLY[0]], [CLEAR_REPLY[1]]).to_parquet(tmp_path / "train.parquet")
    df = _frame(["u1", "u2"], [CLEAR_REPLY[0], DECLINED[0]], [CLEAR_REPLY[1] + " Yes.", DECLINED[1]])
    df["clarity_label"] = ["Clear Reply", "Clear Non-Reply"]
    df.to_parquet(tmp_path / "test.parquet")
    res = runner.invoke(
        main, ["eval", "clarity", "--data", str(tmp_path), "--json", "--resamples", "20", "--dtype", "float32"]
    )
    assert res.exit_code == 0, res.output
    r = json.loads(res.output)
    assert (r["rows"], r["unseen_interviews"]["rows"], r["unseen_interviews"]["interviews"]) == (2, 1, 1)
    assert r["unseen_interviews"]["clarity"]["accuracy"] == 1.0
    res = runner.invoke(main, ["eval", "clarity", "--data", str(tmp_path), "--resamples", "20", "--dtype", "float32"])
    assert "unseen interviews (1 pairs of 1 interviews not in train): clarity macro-F1 0.3333" in res.output


def test_splitter_score_matches_one_to_one():
    from pressroom.clarity.splitting import match, normalise_turn, overlap

    assert normalise_turn("Q. Of the talks.How would you respond?") == "Of the talks. How would you respond?"
    assert overlap("How would you respond to that?", "How would you respond to the accusation?") == pytest.approx(5 / 7)
    # one found question matches one gold question only
    assert match(["Will you raise taxes?"], ["Will you raise taxes?", "Will you raise taxes next year?"]) == 1
    assert match(["Is it true?", "Thank you."], ["Is it true that he left?"]) == 1  # 3 of the 6 gold words
    assert match(["Is it so?"], ["Is it true that he left?"]) == 0  # 2 of 6


def test_eval_questions_on_a_hand_made_split(tmp_path, runner):
    turn = "Thank you, Mr. President. Can you hear me? Will you raise taxes? And what about the budget?"
    _frame(
        ["u1", "u1"], ["Will you raise taxes?", "What about the budget?"], ["No.", "Later."], turns=[turn, turn]
    ).to_parquet(tmp_path / "train.parquet")
    res = runner.invoke(main, ["eval", "questions", "--data", str(tmp_path), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output) == {
        "turns": 1,
        "gold": 2,
        "found": 2,
        "matched": 2,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "same_count": 1,
        "same_count_rate": 1.0,
    }
