"""Predicting clarity for a file of question/answer pairs (CSV, JSONL or parquet).

Columns: ``question`` and ``answer`` (QEvasion's ``interview_answer`` is accepted too),
optionally ``interview_question`` (accepted and passed through as context, but not read by
the shipped model: it was trained on the single sub-question) and ``id`` (copied to the
output). Writes one JSON object per pair, in input order::

    {"row": 0, "id": ..., "clarity": "Ambivalent", "clarity_probs": {...},
     "evasion": "Dodging", "evasion_probs": {...}}

A pair with an empty answer is not judged: ``"clarity": null, "unanswered": true``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .data import _text, read_table
from .labels import ClarityDataError

SUFFIXES = (".csv", ".jsonl", ".parquet", ".json")


def read_pairs(path: str | Path) -> tuple[list[str], list[str], list[Any] | None]:
    """(questions, answers, ids or None) from a CSV, JSONL or parquet file."""
    p = Path(path)
    if p.suffix not in SUFFIXES:
        raise ClarityDataError(f"cannot read {p}: use a .csv, .jsonl or .parquet file")
    df = read_table(p)
    cols = set(map(str, df.columns))
    answer_col = "answer" if "answer" in cols else "interview_answer" if "interview_answer" in cols else None
    if "question" not in cols or answer_col is None:
        raise ClarityDataError(
            f"{p} needs the columns 'question' and 'answer' (found: {', '.join(sorted(cols)) or 'none'})"
        )
    if len(df) == 0:
        raise ClarityDataError(f"{p} has no rows")
    ids = [None if (isinstance(v, float) and math.isnan(v)) else v for v in df["id"]] if "id" in cols else None
    return [_text(v) for v in df["question"]], [_text(v) for v in df[answer_col]], ids


def predict_file(
    path: str | Path, model=None, evidence: bool = False, batch_size: int = 16
) -> Iterator[dict[str, Any]]:
    """One result dict per pair of ``path``, in input order."""
    from .model import default_model

    questions, answers, ids = read_pairs(path)
    model = model or default_model()
    judged = [i for i, a in enumerate(answers) if a.strip()]
    preds = dict(
        zip(judged, model.predict([questions[i] for i in judged], [answers[i] for i in judged], batch_size=batch_size))
    )
    evidence_by_row: dict[int, dict] = {}
    if evidence:
        from .embed import default_embedder
        from .evidence import evidence_batch

        evidence_by_row = dict(
            zip(
                judged, evidence_batch(default_embedder(), [questions[i] for i in judged], [answers[i] for i in judged])
            )
        )
    for i in range(len(questions)):
        out: dict[str, Any] = {"row": i}
        if ids is not None:
            out["id"] = ids[i]
        if i in preds:
            out.update(preds[i].to_dict())
            if evidence:
                out["evidence"] = evidence_by_row[i]
        else:
            out.update({"clarity": None, "evasion": None, "unanswered": True})
        yield out


def to_json_line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)
