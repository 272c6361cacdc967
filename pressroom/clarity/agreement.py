"""How far a clarity verdict can be trusted: the model's measured agreement with QEvasion's
human annotators on the test split, read from the model's ``report.json`` (written when the
model was made; `pressroom eval clarity --json` prints the same figures). Reads JSON only, so
pages and the API can show it without loading torch."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

#: the model shipped inside the package (same folder as `model.DEFAULT_MODEL_DIR`)
SHIPPED_MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "clarity"
#: where a reader learns what the figures mean
DOC = "docs/clarity.md#how-sure-a-verdict-is"


def measured_agreement(model_dir: str | Path | None = None) -> dict[str, Any] | None:
    """{"split", "rows", "clarity_macro_f1", "clarity_per_class_f1", "evasion_macro_f1",
    "evasion_per_class_f1", "never_predicted", "doc"}, or None when the model has no test report."""
    return _read(str(Path(model_dir) if model_dir is not None else SHIPPED_MODEL_DIR))


@functools.lru_cache(maxsize=8)
def _read(model_dir: str) -> dict[str, Any] | None:
    try:
        report = json.loads((Path(model_dir) / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    test = report.get("test") if isinstance(report, dict) else None
    runs = [v for v in (test or {}).values() if isinstance(v, dict) and isinstance(v.get("clarity"), dict)]
    if not runs:
        return None
    run = runs[0]  # the default dtype's run comes first
    c, e = run["clarity"], run.get("evasion") or {}
    return {
        "split": test.get("split"),
        "rows": run.get("rows"),
        "clarity_macro_f1": c.get("macro_f1"),
        "clarity_per_class_f1": c.get("per_class_f1"),
        "evasion_macro_f1": e.get("macro_f1"),
        "evasion_per_class_f1": e.get("per_class_f1"),
        "never_predicted": sorted(k for k, n in (e.get("predicted") or {}).items() if n == 0),
        "doc": DOC,
    }


def agreement_sentence(a: dict[str, Any] | None) -> str:
    """One sentence on how often the model agrees with human annotators."""
    if not a or a.get("clarity_macro_f1") is None:
        return "This model has no measured agreement with human annotators."
    per = a.get("clarity_per_class_f1") or {}
    parts = ", ".join(f"{k} {v:.2f}" for k, v in per.items())
    s = (
        f"Model's verdicts, not facts: against human annotators on {a.get('rows')} test questions the model "
        f"scores macro-F1 {a['clarity_macro_f1']:.2f} on clarity ({parts})"
    )
    if a.get("evasion_macro_f1") is not None:
        s += f" and {a['evasion_macro_f1']:.2f} on the evasion technique"
    never = a.get("never_predicted") or []
    if never:
        s += f"; it never predicts {', '.join(never)}"
    return s + "."
