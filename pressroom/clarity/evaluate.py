"""Scoring a clarity model on a labelled split (QEvasion's test split by default).

Clarity: macro-F1 over the 3 classes, accuracy, per-class F1. Evasion: macro-F1 and accuracy
under multi-reference scoring (a technique counts as right when any annotator chose it; see
`metrics`). Each headline figure comes with a percentile-bootstrap 95% interval over items.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from .data import PairSet, load_split
from .labels import CLARITY_LABELS, EVASION_LABELS
from .metrics import (
    accuracy,
    bootstrap_ci,
    macro_f1,
    multi_reference_accuracy,
    multi_reference_macro_f1,
    multi_reference_per_class_f1,
    per_class_f1,
)


def score(
    pairs: PairSet, clarity_pred: list[str], evasion_pred: list[str], resamples: int = 1000, seed: int = 0
) -> dict[str, Any]:
    """All figures for predictions over ``pairs`` (clarity gold: one label; evasion: references)."""
    gold = pairs.clarity
    refs = pairs.evasion_refs
    n = len(gold)

    def ci(fn) -> list[float]:
        lo, hi = bootstrap_ci(fn, n, resamples=resamples, seed=seed)
        return [round(lo, 4), round(hi, 4)]

    def pick(xs, idx):
        return [xs[i] for i in idx]

    has_refs = all(refs)
    out: dict[str, Any] = {
        "rows": n,
        "clarity": {
            "macro_f1": round(macro_f1(gold, clarity_pred, CLARITY_LABELS), 4),
            "macro_f1_ci95": ci(lambda i: macro_f1(pick(gold, i), pick(clarity_pred, i), CLARITY_LABELS)),
            "accuracy": round(accuracy(gold, clarity_pred), 4),
            "accuracy_ci95": ci(lambda i: accuracy(pick(gold, i), pick(clarity_pred, i))),
            "per_class_f1": {k: round(v, 4) for k, v in per_class_f1(gold, clarity_pred, CLARITY_LABELS).items()},
            "confusion": {
                g: {p: sum(1 for a, b in zip(gold, clarity_pred) if a == g and b == p) for p in CLARITY_LABELS}
                for g in CLARITY_LABELS
            },
        },
    }
    if has_refs:
        out["evasion"] = {
            "references_per_row": round(sum(len(r) for r in refs) / n, 2),
            "macro_f1": round(multi_reference_macro_f1(refs, evasion_pred), 4),
            "macro_f1_ci95": ci(lambda i: multi_reference_macro_f1(pick(refs, i), pick(evasion_pred, i))),
            "accuracy": round(multi_reference_accuracy(refs, evasion_pred), 4),
            "accuracy_ci95": ci(lambda i: multi_reference_accuracy(pick(refs, i), pick(evasion_pred, i))),
            "per_class_f1": {k: round(v, 4) for k, v in multi_reference_per_class_f1(refs, evasion_pred).items()},
            "predicted": {e: evasion_pred.count(e) for e in EVASION_LABELS},
        }
    return out


def evaluate(
    data_dir: str | Path,
    split: str = "test",
    model_dir: str | Path | None = None,
    dtype: str = "auto",
    batch_size: int = 16,
    resamples: int = 1000,
    seed: int = 0,
) -> dict[str, Any]:
    """Load the model (default: the shipped one), predict ``split`` of ``data_dir`` and score it."""
    from .model import ClarityModel

    pairs = load_split(data_dir, split)
    model = ClarityModel.load(model_dir, dtype=dtype)
    t0 = time.perf_counter()
    preds = model.predict(pairs.questions, pairs.answers, batch_size=batch_size)
    seconds = time.perf_counter() - t0
    result = score(pairs, [p.clarity for p in preds], [p.evasion for p in preds], resamples, seed)
    result["model"] = model.name
    result["data"] = {"file": pairs.source, "split": split}
    result["inference"] = {
        "dtype": str(model.dtype).replace("torch.", ""),
        "device": model.device,
        "seconds": round(seconds, 2),
        "pairs_per_second": round(len(pairs) / seconds, 1),
        "load_seconds": round(model.load_seconds or 0.0, 3),
    }
    result["bootstrap"] = {"resamples": resamples, "seed": seed, "interval": "percentile 95%"}
    result["calibration"] = _calibration_figures(model, pairs, preds, range(len(pairs)))
    result["unseen_interviews"] = _unseen_score(data_dir, split, pairs, preds, resamples, seed, model)
    return result


def _calibration_figures(model, pairs: PairSet, preds, idx) -> dict[str, Any]:
    """ECE of the verdicts' probabilities on these rows, before and after the model's
    calibration (fitted out of fold on train, never here), and the uncertain share."""
    from .calibration import held_out_figures

    idx = list(idx)
    out = held_out_figures(
        [preds[i].confidence for i in idx],
        [preds[i].raw_confidence for i in idx],
        [preds[i].clarity == pairs.clarity[i] for i in idx],
        model.threshold if model.calibration else None,
    )
    out["calibrated"] = bool(model.calibration)
    return out


def _unseen_score(
    data_dir, split: str, pairs: PairSet, preds, resamples: int, seed: int, model=None
) -> dict[str, Any] | None:
    """The same figures on the rows whose interviews the train split never saw (None without a train split)."""
    from .data import ClarityDataError
    from .protocol import unseen_rows

    if split == "train" or not Path(data_dir).is_dir():
        return None
    try:
        train = load_split(data_dir, "train")
    except ClarityDataError:
        return None
    idx = unseen_rows(pairs, train)
    if not idx:
        return {"rows": 0, "interviews": 0}
    sub = pairs.subset(idx)
    out = score(sub, [preds[i].clarity for i in idx], [preds[i].evasion for i in idx], resamples, seed)
    out["interviews"] = len(set(sub.groups))
    out["train_file"] = train.source
    if model is not None:
        out["calibration"] = _calibration_figures(model, pairs, preds, idx)
    return out


def _calibration_text(cal: dict[str, Any]) -> str:
    if not cal["calibrated"]:
        return f"probabilities not calibrated: ECE {cal['ece_uncalibrated']:.4f}"
    s = f"ECE {cal['ece_uncalibrated']:.4f} uncalibrated, {cal['ece']:.4f} calibrated"
    if cal["threshold"] is not None:
        s += f"; {cal['uncertain_share']:.1%} uncertain (p < {cal['threshold']})"
        if cal["accuracy_uncertain"] is not None:
            s += f", right {cal['accuracy_uncertain']:.1%} of the time vs {cal['accuracy_rest']:.1%} for the rest"
    return s


def format_report(r: dict[str, Any]) -> str:
    """A short human-readable summary of `evaluate`'s result."""
    c = r["clarity"]
    lines = [
        f"model {r.get('model')} on {r['data']['file']} ({r['rows']} pairs)",
        f"clarity macro-F1 {c['macro_f1']:.4f}  95% CI [{c['macro_f1_ci95'][0]:.4f}, {c['macro_f1_ci95'][1]:.4f}]",
        f"clarity accuracy {c['accuracy']:.4f}  95% CI [{c['accuracy_ci95'][0]:.4f}, {c['accuracy_ci95'][1]:.4f}]",
        "clarity per-class F1: " + ", ".join(f"{k} {v:.4f}" for k, v in c["per_class_f1"].items()),
    ]
    if "evasion" in r:
        e = r["evasion"]
        lines += [
            (
                f"evasion macro-F1 (multi-reference) {e['macro_f1']:.4f}  95% CI "
                f"[{e['macro_f1_ci95'][0]:.4f}, {e['macro_f1_ci95'][1]:.4f}]"
            ),
            (
                f"evasion accuracy (multi-reference) {e['accuracy']:.4f}  95% CI "
                f"[{e['accuracy_ci95'][0]:.4f}, {e['accuracy_ci95'][1]:.4f}]"
            ),
            "evasion per-class F1: " + ", ".join(f"{k} {v:.4f}" for k, v in e["per_class_f1"].items()),
        ]
    u = r.get("unseen_interviews")
    if u and u.get("rows"):
        c = u["clarity"]
        line = (
            f"unseen interviews ({u['rows']} pairs of {u['interviews']} interviews not in train): clarity "
            f"macro-F1 {c['macro_f1']:.4f} [{c['macro_f1_ci95'][0]:.4f}, {c['macro_f1_ci95'][1]:.4f}]"
        )
        if "evasion" in u:
            e = u["evasion"]
            line += f", evasion macro-F1 {e['macro_f1']:.4f} [{e['macro_f1_ci95'][0]:.4f}, {e['macro_f1_ci95'][1]:.4f}]"
        lines.append(line)
    elif u is not None:
        lines.append("unseen interviews: none (every test interview also occurs in train)")
    for name, part in (("", r), ("unseen interviews: ", u or {})):
        cal = part.get("calibration")
        if cal:
            lines.append(f"{name}{_calibration_text(cal)}")
    inf = r.get("inference")
    if inf:
        lines.append(
            f"inference: {inf['pairs_per_second']} pairs/s ({inf['dtype']}, {inf['device']}), "
            f"model load {inf['load_seconds']} s"
        )
    return "\n".join(lines)
