"""Labelled question/answer pairs: QEvasion's parquet files, or your own CSV/JSONL/parquet.

A data folder holds a train file and/or a test file, found by name (``train*`` / ``test*``,
with extension .parquet, .csv, .jsonl or .json). Columns, with QEvasion's names accepted:

- ``question`` (the single sub-question), ``answer`` (or ``interview_answer``);
- ``clarity_label`` and/or ``evasion_label`` (one label per row; clarity is derived from evasion
  when missing);
- ``annotator1``, ``annotator2``, … (test only, optional): several evasion references per row;
- ``url`` or ``group`` (optional): rows that share it stay in one cross-validation fold (rows
  sharing an answer text always do).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path

from .labels import (
    CLARITY_LABELS,
    EVASION_TO_CLARITY,
    ClarityDataError,
    normalize_clarity,
    normalize_evasion,
)

EXTENSIONS = (".parquet", ".csv", ".jsonl", ".json")


@dataclass
class PairSet:
    """Labelled pairs. ``evasion`` holds one label or None; ``evasion_refs`` all references."""

    questions: list[str]
    answers: list[str]
    clarity: list[str]
    evasion: list[str | None]
    evasion_refs: list[list[str]]
    groups: list[str]
    source: str = ""
    interview_questions: list[str | None] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.questions)

    def subset(self, idx) -> PairSet:
        idx = list(idx)

        def pick(xs):
            return [xs[i] for i in idx]

        return PairSet(
            pick(self.questions),
            pick(self.answers),
            pick(self.clarity),
            pick(self.evasion),
            pick(self.evasion_refs),
            pick(self.groups),
            self.source,
            pick(self.interview_questions) if self.interview_questions else [],
        )


def read_table(path: str | Path):
    """A pandas DataFrame from a .parquet, .csv, .jsonl or .json file (PressroomError if unreadable)."""
    import pandas as pd

    p = Path(path)
    if not p.is_file():
        raise ClarityDataError(f"no such file: {p}")
    try:
        if p.suffix == ".parquet":
            return pd.read_parquet(p)
        if p.suffix == ".csv":
            return pd.read_csv(p, dtype=str, keep_default_na=False)
        if p.suffix == ".jsonl":
            return pd.read_json(p, lines=True, dtype=False)
        if p.suffix == ".json":
            return pd.read_json(p, dtype=False)
    except (ValueError, OSError) as exc:
        raise ClarityDataError(f"cannot read {p}: {' '.join(str(exc).split())[:200]}") from exc
    except Exception as exc:  # pyarrow's and pandas' parser errors have many types
        raise ClarityDataError(f"cannot read {p}: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}") from exc
    raise ClarityDataError(f"unsupported file type {p.suffix!r} for {p}; use .parquet, .csv or .jsonl")


def find_split(data_dir: str | Path, split: str) -> Path:
    d = Path(data_dir)
    if d.is_file():
        return d
    if not d.is_dir():
        raise ClarityDataError(f"no such data folder: {d}")
    found = sorted(p for p in d.iterdir() if p.name.startswith(split) and p.suffix in EXTENSIONS)
    if not found:
        raise ClarityDataError(f"no {split} file in {d} (expected {split}*.parquet, .csv or .jsonl)")
    if len(found) > 1:
        raise ClarityDataError(f"several {split} files in {d}: {', '.join(p.name for p in found)}")
    return found[0]


def _text(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return str(v)


def _label(v) -> str | None:
    s = _text(v).strip()
    return s or None


def pairs_from_frame(df, source: str = "", need_labels: bool = True) -> PairSet:
    """Turn a table into a `PairSet` (labels normalised; groups filled in)."""
    cols = set(df.columns)
    answer_col = "answer" if "answer" in cols else "interview_answer" if "interview_answer" in cols else None
    if "question" not in cols or answer_col is None:
        raise ClarityDataError(
            f"{source or 'the table'} needs the columns 'question' and 'answer' "
            f"(found: {', '.join(map(str, df.columns))})"
        )
    n = len(df)
    if n == 0:
        raise ClarityDataError(f"{source or 'the table'} has no rows")
    questions = [_text(v) for v in df["question"]]
    answers = [_text(v) for v in df[answer_col]]
    iq = [_label(v) for v in df["interview_question"]] if "interview_question" in cols else []
    ann_cols = sorted(c for c in cols if str(c).startswith("annotator") and str(c) != "annotator_id")
    evasion: list[str | None] = [None] * n
    refs: list[list[str]] = [[] for _ in range(n)]
    clarity: list[str | None] = [None] * n
    try:
        if "evasion_label" in cols:
            evasion = [normalize_evasion(x) if (x := _label(v)) else None for v in df["evasion_label"]]
        for c in ann_cols:
            for i, v in enumerate(df[c]):
                if (x := _label(v)) is not None:
                    refs[i].append(normalize_evasion(x))
        if "clarity_label" in cols:
            clarity = [normalize_clarity(x) if (x := _label(v)) else None for v in df["clarity_label"]]
    except ClarityDataError as exc:
        raise ClarityDataError(f"{source}: {exc.message}") from exc
    for i in range(n):
        if not refs[i] and evasion[i] is not None:
            refs[i] = [evasion[i]]
        if evasion[i] is None and len(set(refs[i])) == 1:
            evasion[i] = refs[i][0]
        if clarity[i] is None and evasion[i] is not None:
            clarity[i] = EVASION_TO_CLARITY[evasion[i]]
    if need_labels:
        missing = [i for i in range(n) if clarity[i] is None]
        if missing:
            raise ClarityDataError(
                f"{source}: {len(missing)} rows have no clarity or evasion label (first: row {missing[0]})"
            )
    group_col = "group" if "group" in cols else "url" if "url" in cols else None
    groups = []
    for i in range(n):
        g = _label(df[group_col].iloc[i]) if group_col else None
        groups.append(g or "answer:" + hashlib.sha1(answers[i].encode()).hexdigest()[:16])
    return PairSet(questions, answers, clarity, evasion, refs, groups, source, iq)  # type: ignore[arg-type]


def load_split(data_dir: str | Path, split: str) -> PairSet:
    """Load the ``train`` or ``test`` split of a data folder."""
    p = find_split(data_dir, split)
    return pairs_from_frame(read_table(p), source=str(p))


def label_counts(pairs: PairSet) -> dict[str, dict[str, int]]:
    out = {"clarity": {c: 0 for c in CLARITY_LABELS}, "evasion": {}}
    for c in pairs.clarity:
        out["clarity"][c] += 1
    for e in pairs.evasion:
        if e is not None:
            out["evasion"][e] = out["evasion"].get(e, 0) + 1
    return out


def grouped_folds(groups: list[str], k: int, seed: int = 0) -> list[int]:
    """A fold number per row; rows sharing a group share a fold; folds balanced by size.

    Groups are shuffled with ``seed`` and then, largest first, put in the fold that holds the
    fewest rows so far (like scikit-learn's GroupKFold, but seeded).
    """
    import random

    sizes: dict[str, int] = {}
    for g in groups:
        sizes[g] = sizes.get(g, 0) + 1
    names = sorted(sizes)
    random.Random(seed).shuffle(names)
    names.sort(key=lambda g: -sizes[g])  # stable: ties keep the shuffled order
    load = [0] * k
    fold_of: dict[str, int] = {}
    for g in names:
        f = min(range(k), key=lambda j: (load[j], j))
        fold_of[g] = f
        load[f] += sizes[g]
    return [fold_of[g] for g in groups]


def merge_groups(groups: list[str], answers: list[str]) -> list[str]:
    """Group ids merged so that rows sharing a group *or* an answer text share one id."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for g, a in zip(groups, answers):
        ra, rb = find("g:" + g), find("a:" + a)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [find("g:" + g) for g in groups]
