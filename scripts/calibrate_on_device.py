"""Calibrate the shipped clarity model on a machine that has only the training libraries.

`pressroom train clarity --calibrate-only` needs the whole project installed (spaCy, SQLAlchemy,
…), which a lent GPU machine does not have. This script runs the same function,
`pressroom.clarity.train.calibrate_model`, importing only `pressroom.clarity` (torch, tokenizers,
numpy, pandas/pyarrow, safetensors), so it runs on any machine with those libraries:

    python scripts/calibrate_on_device.py --data DIR --base BASE_DIR --model MODEL_DIR \
        --out OUT --device cuda --workers 5

MODEL_DIR needs the model's config.json (its recipe and decision rule) and report.json;
calibration.json is written there. The weights of the shipped model are not needed: the
calibration is fitted on out-of-fold predictions of fresh fine-tunings of BASE_DIR.
"""

from __future__ import annotations

import argparse
import sys
import types
from pathlib import Path

# Run the package's modules without running pressroom/__init__.py (which imports the whole
# pipeline). At module level, so that worker processes started by `spawn` do it too.
_ROOT = Path(__file__).resolve().parents[1]
if "pressroom" not in sys.modules:
    _pkg = types.ModuleType("pressroom")
    _pkg.__path__ = [str(_ROOT / "pressroom")]
    sys.modules["pressroom"] = _pkg


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, help="QEvasion folder (its train split is used)")
    ap.add_argument("--base", required=True, help="base encoder folder (tokenizer.json, config.json, weights)")
    ap.add_argument("--model", required=True, help="model folder holding config.json and report.json")
    ap.add_argument("--out", required=True, help="folder for the out-of-fold logits and the reliability diagram")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None, help="first N rows only (a smoke test)")
    args = ap.parse_args(argv)

    from pressroom.clarity.train import calibrate_model

    cal = calibrate_model(
        args.data,
        model_dir=args.model,
        out_dir=args.out,
        device=args.device,
        folds=args.folds,
        workers=args.workers,
        base_dir=args.base,
        limit=args.limit,
    )
    print({k: cal[k] for k in cal if k not in ("bins", "reliability")})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
