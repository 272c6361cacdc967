import random

import numpy as np
import pytest
import torch

from pressroom.clarity.model import decide
from pressroom.clarity.train import (
    GRIDS,
    Recipe,
    _batches,
    class_weights,
    decide_np,
    shipped_recipe,
    tune_offsets,
)


def test_class_weights():
    assert class_weights([0, 0, 0, 1], 3, 1.0) == [pytest.approx(4 / 9), pytest.approx(4 / 3), 1.0]
    assert class_weights([0, 0, 0, 1, -100], 2, 0.5) == [pytest.approx((4 / 6) ** 0.5), pytest.approx(2**0.5)]


def test_batches_cover_every_row_once():
    lengths = [random.Random(1).randrange(5, 500) for _ in range(103)]
    batches = _batches(lengths, 16, random.Random(0))
    assert sorted(i for b in batches for i in b) == list(range(103))
    assert max(len(b) for b in batches) == 16


def test_numpy_and_torch_decision_rules_agree():
    rng = np.random.default_rng(0)
    cl = rng.normal(size=(50, 3)).astype(np.float32)
    ev = rng.normal(size=(50, 9)).astype(np.float32)
    for decision in (
        {"clarity_source": "head", "clarity_offsets": [0, 0, 0], "evasion_offsets": [0] * 9},
        {
            "clarity_source": "mean",
            "clarity_offsets": [0, -0.5, 1.0],
            "evasion_offsets": [0, 0.5] + [0] * 7,
            "evasion_consistent": True,
        },
        {"clarity_source": "evasion", "clarity_offsets": [0, 0.25, 0], "evasion_offsets": [0] * 9},
    ):
        c_np, e_np = decide_np(cl, ev, decision)
        pc, pe = decide(torch.from_numpy(cl), torch.from_numpy(ev), decision)
        assert c_np == pc.argmax(-1).tolist()
        assert e_np == pe.argmax(-1).tolist()


def test_tune_offsets_recovers_a_shifted_class():
    # class 1 is always under-scored by 1.0: an offset of about +1 fixes it
    gold = np.array([0, 1] * 20)
    scores = np.where(np.eye(2)[gold] > 0, 1.0, 0.0) + np.array([0.0, -1.2])

    def acc(p):
        return float(np.mean(np.asarray(p) == gold))

    assert acc(scores.argmax(-1)) == 0.5
    b = tune_offsets(scores, acc)
    assert b[0] == 0.0 and b[1] in (0.25, 0.5)
    assert acc((scores + b).argmax(-1)) == 1.0


def test_the_shipped_recipe_is_in_the_grid():
    recipe, decision = shipped_recipe()
    assert isinstance(recipe, Recipe)
    assert recipe.max_len == 512 and recipe.seed == 13
    assert set(decision) == {"clarity_source", "clarity_offsets", "evasion_offsets", "evasion_consistent"}
    grid = [Recipe(**o) for o in GRIDS["full"]]
    assert any(r.lr == recipe.lr and r.head_frac == recipe.head_frac for r in grid)
