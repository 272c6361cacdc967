"""Answer clarity and evasion: a MiniLM cross-encoder over (question, answer) pairs.

Predicts the clarity class (Clear Reply / Ambivalent / Clear Non-Reply) and the evasion
technique (9 labels) of QEvasion's taxonomy, with probabilities; see docs/clarity.md.

    >>> from pressroom.clarity import load_model
    >>> model = load_model()                       # the shipped weights, offline
    >>> model.predict(["Will you resign?"], ["No."])[0].clarity
    'Clear Reply'

Modules: `labels`, `data`, `encoder`, `inputs`, `model`, `train`, `calibration`, `evaluate`,
`metrics`, `predict`, `evidence`, `embed`, `protocol`, `agreement`, `splitting`. The `clarity` annotator lives in `pressroom.annotate.clarity`.
"""

from __future__ import annotations

from .labels import CLARITY_LABELS, EVASION_LABELS, EVASION_TO_CLARITY


def load_model(model_dir=None, device: str = "cpu", dtype: str = "auto"):
    """Load a clarity model (default: the one shipped in the package); see `model.ClarityModel`."""
    from .model import ClarityModel

    return ClarityModel.load(model_dir, device=device, dtype=dtype)


__all__ = ["CLARITY_LABELS", "EVASION_LABELS", "EVASION_TO_CLARITY", "load_model"]
