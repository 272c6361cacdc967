import numpy as np
import pytest

from pressroom.clarity.metrics import (
    accuracy,
    bootstrap_ci,
    macro_f1,
    multi_reference_accuracy,
    multi_reference_counts,
    multi_reference_macro_f1,
    multi_reference_per_class_f1,
    per_class_f1,
)
from pressroom.clarity.train import _gold_matrix, fast_macro_f1

# four items, three annotators each; predictions chosen by hand
REFS = [
    ["Explicit", "Explicit", "Implicit"],
    ["Dodging", "General", "Dodging"],
    ["Declining to answer", "Declining to answer", "Declining to answer"],
    ["General", "Implicit", "Explicit"],
]
PRED = ["Implicit", "Explicit", "Declining to answer", "Dodging"]


def test_multi_reference_counts_by_hand():
    tp, fp, fn = multi_reference_counts(REFS, PRED)
    # item 1: Implicit is in {Explicit, Implicit} -> TP Implicit
    # item 2: Explicit not in {Dodging, General} -> FP Explicit, FN Dodging + FN General
    # item 3: TP Declining
    # item 4: Dodging not in {General, Implicit, Explicit} -> FP Dodging, FN General, Implicit, Explicit
    assert tp == {"Explicit": 0, "Implicit": 1, "Dodging": 0, "General": 0, "Declining to answer": 1}
    assert fp == {"Explicit": 1, "Implicit": 0, "Dodging": 1, "General": 0, "Declining to answer": 0}
    assert fn == {"Explicit": 1, "Implicit": 1, "Dodging": 1, "General": 2, "Declining to answer": 0}


def test_multi_reference_f1_by_hand():
    f = multi_reference_per_class_f1(REFS, PRED)
    assert f == {
        "Declining to answer": 1.0,
        "Dodging": 0.0,
        "Explicit": 0.0,
        "General": 0.0,
        "Implicit": pytest.approx(2 / 3),
    }
    assert multi_reference_macro_f1(REFS, PRED) == pytest.approx((1 + 2 / 3) / 5)
    assert multi_reference_accuracy(REFS, PRED) == 0.5


def test_fast_f1_matches_reference_implementation():
    labels = ["Explicit", "Implicit", "Dodging", "General", "Deflection", "Declining to answer"]
    g = _gold_matrix(REFS, labels)
    p = [labels.index(x) for x in PRED]
    assert fast_macro_f1(g, p) == pytest.approx(multi_reference_macro_f1(REFS, PRED))


def test_single_reference_is_plain_macro_f1():
    gold = ["a", "a", "b", "c", "c", "c"]
    pred = ["a", "b", "b", "c", "a", "c"]
    assert per_class_f1(gold, pred, ["a", "b", "c"]) == {
        "a": pytest.approx(0.5),
        "b": pytest.approx(2 / 3),
        "c": pytest.approx(0.8),
    }
    assert macro_f1(gold, pred, ["a", "b", "c"]) == pytest.approx((0.5 + 2 / 3 + 0.8) / 3)
    assert multi_reference_macro_f1([[x] for x in gold], pred) == pytest.approx(macro_f1(gold, pred, "abc"))
    assert accuracy(gold, pred) == pytest.approx(4 / 6)
    g = _gold_matrix([[x] for x in gold], "abc")
    assert fast_macro_f1(g, ["abc".index(x) for x in pred], over_present=False) == pytest.approx(
        macro_f1(gold, pred, "abc")
    )


def test_bootstrap_is_seeded_and_brackets_the_mean():
    values = [0, 1] * 50

    def score(idx):
        return float(np.mean([values[i] for i in idx]))

    a = bootstrap_ci(score, len(values), resamples=200, seed=3)
    assert a == bootstrap_ci(score, len(values), resamples=200, seed=3)
    assert a[0] < 0.5 < a[1]
    assert bootstrap_ci(lambda idx: 1.0, 10, resamples=50) == (1.0, 1.0)
