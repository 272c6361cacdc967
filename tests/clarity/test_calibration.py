import json
import math
from pathlib import Path

import numpy as np
import pytest
import torch

from pressroom.clarity import calibration
from pressroom.clarity.calibration import (
    choose_threshold,
    ece,
    fit_temperature,
    reliability,
    reliability_svg,
    temper,
)
from pressroom.clarity.labels import CLARITY_LABELS, EVASION_LABELS
from pressroom.clarity.model import DEFAULT_MODEL_DIR, ClarityModel, decide
from pressroom.clarity.train import decided_probs_np


def test_temper_by_hand():
    # T = 2 takes square roots: [0.8, 0.2] -> [sqrt .8, sqrt .2] / sum = [2/3, 1/3]
    assert temper(np.array([[0.8, 0.2]]), 2.0) == pytest.approx(np.array([[2 / 3, 1 / 3]]))
    assert temper(np.array([[0.5, 0.3, 0.2]]), 1.0) == pytest.approx(np.array([[0.5, 0.3, 0.2]]))
    # order kept, a zero stays exactly zero at any temperature (a technique the rule ruled out)
    out = temper(np.array([[0.7, 0.3, 0.0]]), 0.5)
    assert out[0].argmax() == 0 and out[0, 2] == 0.0
    assert temper(np.array([[0.7, 0.3, 0.0]]), 20.0)[0, 2] == 0.0
    # a single possible class keeps probability 1
    assert temper(np.array([[1.0, 0.0, 0.0]]), 5.0).tolist() == [[1.0, 0.0, 0.0]]


def test_fit_temperature_with_several_accepted_classes():
    # p = [0.6, 0.2, 0.2]; on 3 rows of 4 the annotators accepted class 0 or 1, on 1 of 4 class 2.
    # Tempered, p(0 or 1) = (r + 1) / (r + 2) with r = 3 ** (1 / T); it is right 3/4 of the time
    # when r = 2, i.e. T = ln 3 / ln 2 = 1.585 (scoring class 0 alone would give another T)
    probs = np.tile([0.6, 0.2, 0.2], (400, 1))
    refs = np.array([[True, True, False]] * 300 + [[False, False, True]] * 100)
    assert fit_temperature(probs, refs) == pytest.approx(math.log(3) / math.log(2), abs=1e-3)
    assert fit_temperature(probs, [0] * 300 + [2] * 100) != pytest.approx(1.585, abs=0.05)
    # a matrix with one accepted class per row fits as the index form does
    gold = [0, 0, 1] * 100
    one_hot = np.eye(2, dtype=bool)[gold]
    assert fit_temperature(np.tile([0.8, 0.2], (300, 1)), one_hot) == fit_temperature(
        np.tile([0.8, 0.2], (300, 1)), gold
    )


def test_rows_whose_gold_the_rule_ruled_out_do_not_move_the_temperature():
    # 300 rows right 2 times in 3 at p 0.8 (T = 2); 100 more whose gold class has probability 0:
    # no temperature can help them, so the fit is that of the 300 (before the fix, the clipped
    # zeros pulled T to the search's upper bound, 20)
    probs = np.vstack([np.tile([0.8, 0.2, 0.0], (300, 1)), np.tile([0.8, 0.2, 0.0], (100, 1))])
    gold = [0, 0, 1] * 100 + [2] * 100
    assert fit_temperature(probs, gold) == pytest.approx(2.0, abs=1e-3)


def test_fit_temperature_finds_the_one_that_makes_the_probability_right():
    # every row says 0.8 for class 0, which is right 2 times in 3: the NLL is least at p = 2/3, i.e. T = 2
    probs = np.tile([0.8, 0.2], (300, 1))
    gold = [0, 0, 1] * 100
    assert fit_temperature(probs, gold) == pytest.approx(2.0, abs=1e-3)
    # right every time but under-confident: T < 1 sharpens
    assert fit_temperature(np.tile([0.6, 0.4], (10, 1)), [0] * 10) < 1.0


def test_ece_and_reliability_by_hand():
    conf, correct = [0.9, 0.9, 0.6, 0.6], [True, False, True, True]
    # bin of 0.9: right 1/2, |0.5 - 0.9| = 0.4; bin of 0.6: right 2/2, |1 - 0.6| = 0.4
    assert ece(conf, correct) == pytest.approx(0.4)
    assert reliability(conf, correct) == [
        {"lo": 0.6, "hi": 0.6667, "n": 2, "confidence": 0.6, "accuracy": 1.0},
        {"lo": 0.8667, "hi": 0.9333, "n": 2, "confidence": 0.9, "accuracy": 0.5},
    ]
    assert ece([0.75] * 4, [True, True, True, False]) == pytest.approx(0.0)


def test_threshold_is_where_verdicts_below_stop_being_wrong_half_the_time():
    conf = [0.4, 0.45, 0.5, 0.55, 0.7, 0.8]
    correct = [False, False, True, True, True, True]
    # below 0.70 (exclusive): 2 right of 4 (= 50%); below 0.71: 3 of 5 (60%)
    assert choose_threshold(conf, correct) == 0.7
    assert choose_threshold([0.9, 0.95], [True, True]) is None


def test_fit_on_synthetic_over_confident_predictions():
    rng = np.random.default_rng(0)
    z = rng.normal(scale=2.0, size=(2000, 3))
    true_p = np.exp(z) / np.exp(z).sum(-1, keepdims=True)
    gold = np.array([rng.choice(3, p=p) for p in true_p])
    over = temper(true_p, 0.5)  # the model says the square of what it should
    cal = calibration.fit(over, gold)
    assert cal["clarity"]["temperature"] == pytest.approx(2.0, abs=0.15)
    assert cal["clarity"]["ece_after"] < 0.03 < cal["clarity"]["ece_before"]
    assert 0 < cal["uncertain_share"] < 1 and cal["accuracy_uncertain"] <= 0.5 < cal["accuracy_rest"]


def test_numpy_twin_gives_the_same_probabilities_as_the_model():
    rng = np.random.default_rng(1)
    cl = rng.normal(size=(40, 3)).astype(np.float32)
    ev = rng.normal(size=(40, 9)).astype(np.float32)
    decision = {
        "clarity_source": "mean",
        "clarity_offsets": [0, -0.5, 1.0],
        "evasion_offsets": [0, 0.5] + [0] * 7,
        "evasion_consistent": True,
    }
    pc_np, pe_np = decided_probs_np(cl, ev, decision)
    pc, pe = decide(torch.from_numpy(cl), torch.from_numpy(ev), decision)
    assert pc_np == pytest.approx(pc.numpy(), abs=1e-5)
    assert pe_np == pytest.approx(pe.numpy(), abs=1e-5)


def _bare_model(cal):
    m = object.__new__(ClarityModel)
    m.clarity_labels, m.evasion_labels, m.calibration = CLARITY_LABELS, EVASION_LABELS, cal
    return m


def test_verdicts_carry_the_calibrated_probability_and_the_uncertain_flag():
    pc = np.array([[0.8, 0.15, 0.05], [0.5, 0.3, 0.2]])
    pe = np.full((2, 9), 1 / 9)
    pe[:, 0] = 0.2
    pe /= pe.sum(-1, keepdims=True)
    raw = _bare_model(None).verdicts(pc, pe)
    assert [(p.confidence, p.uncertain) for p in raw] == [(0.8, None), (0.5, None)]
    cal = {"clarity": {"temperature": 2.0}, "evasion": {"temperature": 1.0}, "threshold": 0.45}
    out = _bare_model(cal).verdicts(pc, pe)
    expected = temper(pc, 2.0)
    assert [p.clarity for p in out] == ["Clear Reply", "Clear Reply"]
    assert [p.confidence for p in out] == [round(expected[0, 0], 6), round(expected[1, 0], 6)]
    assert [p.raw_confidence for p in out] == [0.8, 0.5]
    assert expected[0, 0] > 0.45 > expected[1, 0]
    assert [p.uncertain for p in out] == [False, True]
    assert out[0].clarity_probs["Clear Reply"] == out[0].confidence


def test_a_model_folder_with_a_calibration_loads_it(tmp_path):
    for name in ("config.json", "model.safetensors", "report.json"):
        (tmp_path / name).symlink_to(DEFAULT_MODEL_DIR / name)
    cal = {"method": "temperature scaling", "clarity": {"temperature": 1.5}, "threshold": 0.55}
    (tmp_path / "calibration.json").write_text(json.dumps(cal))
    m = ClarityModel.load(tmp_path, dtype="float32")
    assert m.calibration == cal and m.threshold == 0.55
    (tmp_path / "calibration.json").write_text("not json")
    assert ClarityModel.load(tmp_path, dtype="float32").calibration is None


def test_public_view_without_and_with_a_calibration():
    assert calibration.public(None) == {"calibrated": False, "threshold": None, "doc": calibration.DOC}
    cal = {
        "method": "temperature scaling",
        "fitted_on": "oof",
        "clarity": {"temperature": 1.4, "ece_before": 0.1, "ece_after": 0.02},
        "threshold": 0.5,
        "uncertain_share": 0.2,
    }
    assert calibration.public(cal) == {
        "calibrated": True,
        "method": "temperature scaling",
        "fitted_on": "oof",
        "clarity_temperature": 1.4,
        "evasion_temperature": None,
        "threshold": 0.5,
        "uncertain_share": 0.2,
        "ece_before": 0.1,
        "ece_after": 0.02,
        "doc": calibration.DOC,
    }


def test_svg_is_well_formed_with_one_bar_per_bin():
    import xml.etree.ElementTree as ET

    bins = reliability([0.9, 0.9, 0.6, 0.6], [True, False, True, True])
    svg = reliability_svg([("before", bins), ("after", bins)], "a & b")
    root = ET.fromstring(svg)
    rects = [
        e
        for e in root.iter("{http://www.w3.org/2000/svg}rect")
        if e.find("{http://www.w3.org/2000/svg}title") is not None
    ]
    assert len(rects) == 4
    assert "a &amp; b" in svg


QEVASION = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "qevasion"


@pytest.mark.slow
@pytest.mark.skipif(not QEVASION.is_dir(), reason="needs shared/datasets/qevasion")
def test_training_and_calibrating_end_to_end_on_a_smoke_recipe(tmp_path):
    """The whole procedure on 40 train rows with the 48-token smoke grid (seconds): the search's
    out-of-fold predictions calibrate the model; --calibrate-only recalibrates it from its recipe."""
    from pressroom.clarity.train import calibrate_model, run_training

    data = QEVASION
    report = run_training(data, tmp_path / "m", do_search=True, grid="smoke", folds=2, limit=40)
    cal = json.loads((tmp_path / "m" / "calibration.json").read_text())
    assert cal["rows"] == 40 and cal["fitted_on"].startswith("out-of-fold predictions of 2-fold")
    assert report["calibration"]["calibrated"] is True
    assert report["calibration"]["threshold"] == cal["threshold"]
    m = ClarityModel.load(tmp_path / "m", dtype="float32")
    assert m.calibration["clarity"]["temperature"] == cal["clarity"]["temperature"]
    again = calibrate_model(data, tmp_path / "m", tmp_path / "cv", folds=2, limit=40)
    assert again["rows"] == 40
    assert (tmp_path / "cv" / "reliability.svg").read_text().startswith("<svg")
    assert (tmp_path / "cv" / "cv_oof.npz").is_file()


def test_question_certainty_for_the_api():
    from pressroom.clarity.calibration import question_certainty

    items = [
        {"question": "x1.q1", "clarity": "Ambivalent", "confidence": 0.41, "uncertain": True},
        {"question": "x1.q2", "clarity": "Clear Reply", "confidence": 0.9},  # no flag stored: from the threshold
        {"question": "x1.q3", "clarity": None, "not_judged": "the answer is cut off"},
        {"question": None, "clarity": None, "not_judged": "no question asked"},
    ]
    calibrated = {"calibration": {"calibrated": True, "threshold": 0.5}}
    assert question_certainty(items, calibrated) == {
        "x1.q1": {"uncertain": True, "uncertain_below": 0.5},
        "x1.q2": {"uncertain": False, "uncertain_below": 0.5},
        "x1.q3": {"uncertain": None, "uncertain_below": 0.5},
    }
    assert question_certainty(items[1:2], {"calibration": {"calibrated": False, "threshold": None}}) == {
        "x1.q2": {"uncertain": None, "uncertain_below": None}
    }
    assert question_certainty(None, None) == {}


def test_figure_command_draws_a_calibration_and_refuses_other_json(tmp_path, capsys):
    from pressroom.clarity.calibration import main

    conf, correct = [0.9, 0.9, 0.6, 0.6], [True, False, True, True]
    cal = {
        "rows": 4,
        "clarity": {
            "temperature": 1.5,
            "ece_before": 0.4,
            "ece_after": 0.1,
            "reliability_before": reliability(conf, correct),
            "reliability_after": reliability(conf, correct),
        },
    }
    (tmp_path / "calibration.json").write_text(json.dumps(cal))
    assert main([str(tmp_path / "calibration.json"), "--out", str(tmp_path / "f.svg")]) == 0
    svg = (tmp_path / "f.svg").read_text()
    assert "before: ECE 0.400" in svg and "after (T = 1.50): ECE 0.100" in svg
    (tmp_path / "other.json").write_text("{}")
    assert main([str(tmp_path / "other.json"), "--out", str(tmp_path / "g.svg")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "neither a calibration.json nor the output of" in err
    assert not (tmp_path / "g.svg").exists()


def test_the_shipped_calibration_refits_from_its_shipped_out_of_fold_logits(tmp_path):
    """`calibration.json` is what the code fits on `cv_oof.npz` (the 5-fold CV run on a GPU, the
    same logits the device run fitted its clarity figures on: T 1.6482, ECE 0.1317 -> 0.037,
    threshold 0.48). Needs QEvasion's train split for the gold labels."""
    if not QEVASION.is_dir():
        pytest.skip("needs shared/datasets/qevasion")
    from pressroom.clarity.train import calibrate_model

    shipped = json.loads((DEFAULT_MODEL_DIR / "calibration.json").read_text())
    model = tmp_path / "m"
    model.mkdir()
    for name in ("config.json", "report.json"):
        (model / name).write_text((DEFAULT_MODEL_DIR / name).read_text())
    cal = calibrate_model(QEVASION, model, tmp_path / "out", oof_file=DEFAULT_MODEL_DIR / "cv_oof.npz")
    drop = ("environment",)  # the machine that refits it
    assert {k: v for k, v in cal.items() if k not in drop} == {k: v for k, v in shipped.items() if k not in drop}
    c = shipped["clarity"]
    assert (c["temperature"], c["ece_before"], c["ece_after"], shipped["threshold"]) == (1.6482, 0.1317, 0.037, 0.48)
    assert shipped["rows"] == 3448 and shipped["fitted_on"].startswith("out-of-fold predictions of 5-fold")


def test_out_of_fold_logits_that_do_not_fit_are_refused(tmp_path):
    from pressroom.clarity.train import Recipe, load_oof
    from pressroom.errors import ModelError

    f = tmp_path / "cv_oof.npz"
    np.savez(f, fold_of=np.array([0, 1, 0]), clarity_0=np.zeros((6, 3, 3)), evasion_0=np.zeros((6, 3, 9)))
    (cl, ev), folds = load_oof(f, Recipe(), 3)
    assert cl.shape == (3, 3) and ev.shape == (3, 9) and folds == 2
    with pytest.raises(ModelError, match="out-of-fold logits of 3 rows and 6 epochs do not fit 4 training rows"):
        load_oof(f, Recipe(), 4)
    with pytest.raises(ModelError, match="6 epochs do not fit 3 training rows and the recipe's 8 epochs"):
        load_oof(f, Recipe(epochs=8), 3)
    (tmp_path / "bad.npz").write_bytes(b"not a zip")
    with pytest.raises(ModelError, match="not the out-of-fold logits of a calibration run"):
        load_oof(tmp_path / "bad.npz", Recipe(), 3)


def test_oof_needs_calibrate_only(tmp_path):
    from click.testing import CliRunner

    from pressroom.cli import main

    r = CliRunner().invoke(main, ["train", "clarity", "--data", str(tmp_path), "--oof", str(tmp_path / "x.npz")])
    assert r.exit_code == 2
    assert r.output.count("\n") == 1 and "--oof refits a calibration: use it with --calibrate-only" in r.output
