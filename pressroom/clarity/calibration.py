"""How sure a verdict is: calibrating the clarity model's probabilities.

The decision rule (`model.decide`) gives a clarity distribution and an evasion distribution per
pair. Calibration is temperature scaling of each: ``p' = softmax(log p / T)``, one temperature
for clarity and one for the technique, fitted by minimising the negative log-likelihood of the
*out-of-fold* predictions of grouped cross-validation on the train split (never on a test split).
A temperature keeps the order of the classes, so the verdicts do not change; only how sure they
say they are. Below ``threshold`` (the calibrated probability of the chosen clarity class) a
verdict reads "uncertain"; the threshold is chosen on the same out-of-fold predictions.

Figures: expected calibration error (ECE, top label, 15 equal-width bins) and the reliability
table behind the plot in docs/. The parameters travel with the model as ``calibration.json``
(plain JSON). Numpy only: pages and the API read the file without torch.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

CALIBRATION_FILE = "calibration.json"
N_BINS = 15
#: a verdict is "uncertain" below the threshold under which, out of fold, it was right no more
#: often than this
UNCERTAIN_ACCURACY = 0.5
#: thresholds considered (calibrated probability of the chosen clarity class)
THRESHOLD_GRID = tuple(round(x, 2) for x in np.arange(0.35, 0.901, 0.01))
DOC = "docs/clarity.md#how-sure-a-verdict-is"


def temper(probs: np.ndarray, temperature: float) -> np.ndarray:
    """``softmax(log p / T)`` row by row over the classes the rule left possible: a probability
    of exactly 0 (a technique outside the chosen clarity class) stays 0 at any temperature."""
    p = np.asarray(probs, dtype=np.float64)
    live = p > 0
    logp = np.where(live, np.log(np.where(live, p, 1.0)) / float(temperature), -np.inf)
    logp -= logp.max(-1, keepdims=True)
    e = np.where(live, np.exp(logp), 0.0)
    return e / e.sum(-1, keepdims=True)


def nll(probs: np.ndarray, gold: Sequence[int] | np.ndarray) -> float:
    """Mean negative log-likelihood of the gold classes: ``gold`` is one class index per row, or
    an (N, K) boolean matrix of the classes accepted for each row (the likelihood of a row is
    then the probability given to any of them, as when several annotators chose differently)."""
    q = _gold_probability(np.asarray(probs, dtype=np.float64), np.asarray(gold))
    return float(-np.log(np.clip(q, 1e-12, None)).mean())


def _gold_probability(p: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Each row's probability of its gold: of its class index, or of any class its (N, K) boolean
    row accepts."""
    return (p * g.astype(bool)).sum(-1) if g.ndim == 2 else p[np.arange(len(g)), g]


def fit_temperature(probs: np.ndarray, gold: Sequence[int] | np.ndarray, lo: float = 0.05, hi: float = 20.0) -> float:
    """The temperature that minimises the NLL of ``gold`` (golden-section search on log T);
    ``gold`` as in `nll`.

    The NLL of temperature scaling is unimodal in log T, so the search finds its minimum to
    within 1e-4 in log T. Rows whose gold the rule made impossible (probability 0 for every
    accepted class) cost the same at any temperature, so they are left out of the fit."""
    if len(gold) == 0:
        raise ValueError("no predictions to fit a temperature on")
    g = np.asarray(gold)
    p = np.asarray(probs, dtype=np.float64)
    possible = _gold_probability(p, g) > 0
    if possible.any() and not possible.all():
        probs, gold = p[possible], g[possible]
    a, b = math.log(lo), math.log(hi)
    g = (math.sqrt(5) - 1) / 2

    def f(t: float) -> float:
        return nll(temper(probs, math.exp(t)), gold)

    c, d = b - g * (b - a), a + g * (b - a)
    fc, fd = f(c), f(d)
    while b - a > 1e-4:
        if fc < fd:
            b, d, fd = d, c, fc
            c = b - g * (b - a)
            fc = f(c)
        else:
            a, c, fc = c, d, fd
            d = a + g * (b - a)
            fd = f(d)
    return round(math.exp((a + b) / 2), 4)


def reliability(confidence: Sequence[float], correct: Sequence[bool], bins: int = N_BINS) -> list[dict[str, Any]]:
    """Equal-width bins over [0, 1]: {"lo", "hi", "n", "confidence" (mean), "accuracy"} for each
    bin that holds predictions."""
    conf = np.asarray(confidence, dtype=np.float64)
    ok = np.asarray(correct, dtype=np.float64)
    idx = np.minimum((conf * bins).astype(int), bins - 1)
    out = []
    for b in range(bins):
        m = idx == b
        if m.any():
            out.append(
                {
                    "lo": round(b / bins, 4),
                    "hi": round((b + 1) / bins, 4),
                    "n": int(m.sum()),
                    "confidence": round(float(conf[m].mean()), 4),
                    "accuracy": round(float(ok[m].mean()), 4),
                }
            )
    return out


def ece(confidence: Sequence[float], correct: Sequence[bool], bins: int = N_BINS) -> float:
    """Expected calibration error: the bins' |accuracy − mean confidence|, weighted by their size."""
    n = len(confidence)
    if n == 0:
        return 0.0
    conf = np.asarray(confidence, dtype=np.float64)
    ok = np.asarray(correct, dtype=np.float64)
    idx = np.minimum((conf * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            total += m.sum() * abs(ok[m].mean() - conf[m].mean())
    return float(total / n)


def choose_threshold(
    confidence: Sequence[float],
    correct: Sequence[bool],
    grid: Sequence[float] = THRESHOLD_GRID,
    accuracy: float = UNCERTAIN_ACCURACY,
) -> float | None:
    """The largest threshold t of ``grid`` such that the verdicts with confidence below t were
    right at most ``accuracy`` of the time (None when no t qualifies: nothing is uncertain)."""
    conf = np.asarray(confidence, dtype=np.float64)
    ok = np.asarray(correct, dtype=bool)
    best = None
    for t in grid:
        m = conf < t
        if m.any() and ok[m].mean() <= accuracy:
            best = float(t)
    return best


def _summary(conf_before: np.ndarray, conf_after: np.ndarray, correct: np.ndarray) -> dict[str, Any]:
    return {
        "ece_before": round(ece(conf_before, correct), 4),
        "ece_after": round(ece(conf_after, correct), 4),
        "accuracy": round(float(correct.mean()), 4),
        "reliability_before": reliability(conf_before, correct),
        "reliability_after": reliability(conf_after, correct),
    }


def fit(
    clarity_probs: np.ndarray,
    clarity_gold: Sequence[int],
    evasion_probs: np.ndarray | None = None,
    evasion_refs: np.ndarray | None = None,
    source: str = "out-of-fold predictions",
) -> dict[str, Any]:
    """Fit the temperatures and the threshold on out-of-fold predictions; the result is what
    ``calibration.json`` holds (parameters and the figures that justify them).

    ``clarity_probs`` (N, 3) and ``evasion_probs`` (N, 9) are the decision rule's distributions;
    ``evasion_refs`` (N, 9) is a boolean matrix of the technique(s) annotators chose; the
    technique's likelihood is the probability given to any of them."""
    pc = np.asarray(clarity_probs, dtype=np.float64)
    gold = np.asarray(clarity_gold)
    t_c = fit_temperature(pc, gold)
    cal = temper(pc, t_c)
    conf_b, conf_a = pc.max(-1), cal.max(-1)
    correct = pc.argmax(-1) == gold
    threshold = choose_threshold(conf_a, correct)
    uncertain = conf_a < threshold if threshold is not None else np.zeros(len(gold), dtype=bool)
    out: dict[str, Any] = {
        "method": "temperature scaling",
        "fitted_on": source,
        "rows": int(len(gold)),
        "clarity": {"temperature": t_c, **_summary(conf_b, conf_a, correct)},
        "threshold": threshold,
        "threshold_rule": (
            f"the largest calibrated probability t (grid {THRESHOLD_GRID[0]}-{THRESHOLD_GRID[-1]} by 0.01) "
            f"under which verdicts were right at most {UNCERTAIN_ACCURACY:.0%} of the time"
        ),
        "uncertain_share": round(float(uncertain.mean()), 4),
        "accuracy_uncertain": round(float(correct[uncertain].mean()), 4) if uncertain.any() else None,
        "accuracy_rest": round(float(correct[~uncertain].mean()), 4) if (~uncertain).any() else None,
        "doc": DOC,
    }
    if evasion_probs is not None and evasion_refs is not None:
        pe = np.asarray(evasion_probs, dtype=np.float64)
        refs = np.asarray(evasion_refs, dtype=bool)
        keep = refs.any(-1)
        if keep.any():
            pe, refs = pe[keep], refs[keep]
            t_e = fit_temperature(pe, refs)
            ev_ok = refs[np.arange(len(pe)), pe.argmax(-1)]
            out["evasion"] = {"temperature": t_e, **_summary(pe.max(-1), temper(pe, t_e).max(-1), ev_ok)}
    return out


def save(calibration: dict[str, Any], model_dir: str | Path) -> Path:
    p = Path(model_dir) / CALIBRATION_FILE
    p.write_text(json.dumps(calibration, indent=2) + "\n", encoding="utf-8")
    return p


def load(model_dir: str | Path) -> dict[str, Any] | None:
    """A model folder's calibration (None when it has none or the file is not a calibration)."""
    try:
        c = json.loads((Path(model_dir) / CALIBRATION_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(c, dict) or not isinstance((c.get("clarity") or {}).get("temperature"), (int, float)):
        return None
    return c


def public(calibration: dict[str, Any] | None) -> dict[str, Any]:
    """What a record, a page or the API says about the calibration (no reliability tables)."""
    if not calibration:
        return {"calibrated": False, "threshold": None, "doc": DOC}
    ev = calibration.get("evasion") or {}
    return {
        "calibrated": True,
        "method": calibration.get("method"),
        "fitted_on": calibration.get("fitted_on"),
        "clarity_temperature": calibration["clarity"]["temperature"],
        "evasion_temperature": ev.get("temperature"),
        "threshold": calibration.get("threshold"),
        "uncertain_share": calibration.get("uncertain_share"),
        "ece_before": calibration["clarity"].get("ece_before"),
        "ece_after": calibration["clarity"].get("ece_after"),
        "doc": DOC,
    }


def reliability_svg(panels: Sequence[tuple[str, list[dict[str, Any]]]], title: str, width: int = 360) -> str:
    """A plain SVG reliability diagram: one panel per (caption, `reliability` bins); each bin a
    bar of its accuracy at its position, the diagonal is perfect calibration, the dot the bin's
    mean confidence; the bar's width grows with the bin's share of predictions."""
    h, pad, gap = width, 40, 30
    total_w = max(len(panels) * (width + gap) + pad, pad + 8 * len(title))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{h + 2 * pad + 20}" '
        f'viewBox="0 0 {total_w} {h + 2 * pad + 20}" font-family="sans-serif" font-size="12">',
        f'<text x="{pad}" y="18" font-size="14" font-weight="bold">{_esc(title)}</text>',
    ]
    for k, (caption, bins) in enumerate(panels):
        x0, y0 = pad + k * (width + gap), pad
        n = sum(b["n"] for b in bins) or 1

        def X(v: float, x0: int = x0) -> float:
            return x0 + v * width

        def Y(v: float, y0: int = y0) -> float:
            return y0 + (1 - v) * h

        parts.append(f'<rect x="{x0}" y="{y0}" width="{width}" height="{h}" fill="#fff" stroke="#999"/>')
        for t in (0.2, 0.4, 0.6, 0.8):
            parts.append(f'<line x1="{X(t):.1f}" y1="{Y(0)}" x2="{X(t):.1f}" y2="{Y(1)}" stroke="#eee"/>')
            parts.append(f'<line x1="{X(0)}" y1="{Y(t):.1f}" x2="{X(1)}" y2="{Y(t):.1f}" stroke="#eee"/>')
            parts.append(f'<text x="{X(t):.1f}" y="{Y(0) + 14}" text-anchor="middle">{t:.1f}</text>')
            parts.append(f'<text x="{X(0) - 4}" y="{Y(t) + 4:.1f}" text-anchor="end">{t:.1f}</text>')
        for b in bins:
            bw = (b["hi"] - b["lo"]) * width * max(0.25, min(1.0, 4 * b["n"] / n))
            cx = X((b["lo"] + b["hi"]) / 2)
            parts.append(
                f'<rect x="{cx - bw / 2:.1f}" y="{Y(b["accuracy"]):.1f}" width="{bw:.1f}" '
                f'height="{Y(0) - Y(b["accuracy"]):.1f}" fill="#4a7ab7" fill-opacity="0.75">'
                f"<title>{b['lo']:.2f}-{b['hi']:.2f}: {b['n']} verdicts, right {b['accuracy']:.0%}, "
                f"mean p {b['confidence']:.2f}</title></rect>"
            )
            parts.append(f'<circle cx="{X(b["confidence"]):.1f}" cy="{Y(b["confidence"]):.1f}" r="2.5" fill="#c33"/>')
        parts.append(f'<line x1="{X(0)}" y1="{Y(0)}" x2="{X(1)}" y2="{Y(1)}" stroke="#c33" stroke-dasharray="4 3"/>')
        parts.append(f'<text x="{x0 + width / 2}" y="{y0 - 6}" text-anchor="middle">{_esc(caption)}</text>')
        parts.append(
            f'<text x="{x0 + width / 2}" y="{Y(0) + 30}" text-anchor="middle">'
            "probability of the chosen class (bins of 1/15)</text>"
        )
    parts.append(
        f'<text x="12" y="{pad + h / 2}" transform="rotate(-90 12 {pad + h / 2})" text-anchor="middle">'
        "share of verdicts right</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def held_out_figures(
    confidence: Sequence[float], raw_confidence: Sequence[float], correct: Sequence[bool], threshold: float | None
) -> dict[str, Any]:
    """How well the probabilities of a model's verdicts match how often they are right on
    held-out data (nothing is fitted here): ECE before and after calibration, the share of
    verdicts under the threshold and how often those, and the rest, were right."""
    ok = np.asarray(correct, dtype=bool)
    conf = np.asarray(confidence, dtype=np.float64)
    low = conf < threshold if threshold is not None else np.zeros(len(ok), dtype=bool)
    return {
        "ece_uncalibrated": round(ece(raw_confidence, ok), 4),
        "ece": round(ece(conf, ok), 4),
        "threshold": threshold,
        "uncertain_share": round(float(low.mean()), 4) if len(ok) else 0.0,
        "accuracy_uncertain": round(float(ok[low].mean()), 4) if low.any() else None,
        "accuracy_rest": round(float(ok[~low].mean()), 4) if (~low).any() else None,
        "reliability_uncalibrated": reliability(raw_confidence, ok),
        "reliability": reliability(conf, ok),
    }


def question_certainty(items: Any, summary: Any) -> dict[str, dict[str, Any]]:
    """{question id: {"uncertain": bool or None, "uncertain_below": threshold or None}} from an
    exchange's clarity items and the record's clarity summary (for the API). ``uncertain`` is
    None for a verdict of an uncalibrated model and for a question not judged."""
    cal = summary.get("calibration") if isinstance(summary, dict) else None
    threshold = cal.get("threshold") if isinstance(cal, dict) and cal.get("calibrated") else None
    items = items.get("questions") if isinstance(items, dict) else items
    out: dict[str, dict[str, Any]] = {}
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not item.get("question"):
            continue
        flag = item.get("uncertain")
        if flag is None and threshold is not None and item.get("clarity"):
            p = item.get("confidence")
            flag = bool(p < threshold) if isinstance(p, (int, float)) else None
        out[str(item["question"])] = {
            "uncertain": flag if item.get("clarity") else None,
            "uncertain_below": threshold,
        }
    return out


def figure_of(result: dict[str, Any]) -> str:
    """The reliability diagram of a ``calibration.json`` (out of fold, before and after) or of
    `pressroom eval clarity --json`'s output (held-out rows; after only with a calibration)."""
    if "clarity" in result and "temperature" in (result.get("clarity") or {}):
        c = result["clarity"]
        return reliability_svg(
            [
                (f"before: ECE {c['ece_before']:.3f}", c["reliability_before"]),
                (f"after (T = {c['temperature']:.2f}): ECE {c['ece_after']:.3f}", c["reliability_after"]),
            ],
            f"Clarity verdicts, {result['rows']} out-of-fold predictions (train split)",
        )
    cal = result.get("calibration")
    if not isinstance(cal, dict) or "reliability_uncalibrated" not in cal:
        raise ValueError("neither a calibration.json nor the output of `pressroom eval clarity --json`")
    panels = [(f"uncalibrated: ECE {cal['ece_uncalibrated']:.3f}", cal["reliability_uncalibrated"])]
    if cal.get("calibrated"):
        panels.append((f"calibrated: ECE {cal['ece']:.3f}", cal["reliability"]))
    rows = result.get("rows")
    return reliability_svg(panels, f"Clarity verdicts on {rows} held-out pairs ({Path(result['data']['file']).name})")


def main(argv: list[str] | None = None) -> int:
    """``python -m pressroom.clarity.calibration FILE.json --out FIGURE.svg``: draw the figure."""
    import argparse
    import sys

    ap = argparse.ArgumentParser(prog="python -m pressroom.clarity.calibration", description=main.__doc__)
    ap.add_argument("file", help="a calibration.json, or the output of `pressroom eval clarity --json`")
    ap.add_argument("--out", required=True, help="the SVG file to write")
    a = ap.parse_args(argv)
    try:
        svg = figure_of(json.loads(Path(a.file).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: {a.file}: {exc}", file=sys.stderr)
        return 2
    Path(a.out).write_text(svg, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
