"""Scores: macro-F1, multi-reference macro-F1 (QEvasion's evasion metric), bootstrap intervals.

Multi-reference scoring (Thomas et al. 2024; SemEval-2026 Task 6): a prediction is a true
positive for its class when any annotator chose it, else a false positive for its class; a
wrong prediction also adds one false negative to every class in the item's set of references.
Per-class F1 is averaged over the classes that occur among the references.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence


def _f1(tp: float, fp: float, fn: float) -> float:
    d = 2 * tp + fp + fn
    return 2 * tp / d if d else 0.0


def per_class_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict[str, float]:
    """Plain per-class F1 (one gold label per item)."""
    out = {}
    for c in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        out[c] = _f1(tp, fp, fn)
    return out


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> float:
    """Macro-F1 over ``labels`` (every class counts, present or not)."""
    f = per_class_f1(gold, pred, labels)
    return sum(f.values()) / len(f)


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    return sum(1 for g, p in zip(gold, pred) if g == p) / len(gold) if gold else 0.0


def multi_reference_counts(refs: Sequence[Sequence[str]], pred: Sequence[str]):
    """(tp, fp, fn) dicts per class under multi-reference scoring."""
    tp: dict[str, int] = {}
    fp: dict[str, int] = {}
    fn: dict[str, int] = {}
    for r, p in zip(refs, pred):
        gold = set(r)
        for g in gold:
            tp.setdefault(g, 0), fp.setdefault(g, 0), fn.setdefault(g, 0)
        if p in gold:
            tp[p] = tp.get(p, 0) + 1
        else:
            fp[p] = fp.get(p, 0) + 1
            for g in gold:
                fn[g] += 1
    return tp, fp, fn


def multi_reference_per_class_f1(refs: Sequence[Sequence[str]], pred: Sequence[str]) -> dict[str, float]:
    """Per-class F1 for the classes that occur among the references."""
    tp, fp, fn = multi_reference_counts(refs, pred)
    classes = sorted({g for r in refs for g in r})
    return {c: _f1(tp.get(c, 0), fp.get(c, 0), fn.get(c, 0)) for c in classes}


def multi_reference_macro_f1(refs: Sequence[Sequence[str]], pred: Sequence[str]) -> float:
    f = multi_reference_per_class_f1(refs, pred)
    return sum(f.values()) / len(f) if f else 0.0


def multi_reference_accuracy(refs: Sequence[Sequence[str]], pred: Sequence[str]) -> float:
    return sum(1 for r, p in zip(refs, pred) if p in set(r)) / len(pred) if pred else 0.0


def bootstrap_ci(
    score: Callable[[list[int]], float], n: int, resamples: int = 1000, seed: int = 0, alpha: float = 0.05
) -> tuple[float, float]:
    """Percentile bootstrap interval of ``score(indices)`` over items resampled with replacement."""
    rng = random.Random(seed)
    values = sorted(score([rng.randrange(n) for _ in range(n)]) for _ in range(resamples))
    lo = values[int(alpha / 2 * resamples)]
    hi = values[min(resamples - 1, int((1 - alpha / 2) * resamples))]
    return lo, hi
