"""The evaluation protocol's guards: never train on a test split; score the test rows whose
interviews the training split never saw beside the whole split.

Known test splits are recognised by the file's SHA-256 (QEvasion's test parquet, as published),
by the rows' fingerprint (`data_fingerprint`: the same rows in any file format and name),
and by a file named ``test*`` given as the training data.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import TestSplitError
from .data import PairSet

#: QEvasion's test split (ailsntua/QEvasion, data/test-00000-of-00001.parquet; shared/datasets/qevasion/README.md)
KNOWN_TEST_FILES = {"d1de67bd7b7ea68b7f49fcd1f468fd434bc2de3d84146c9217d36713c0546298": "QEvasion test split"}
#: the same 308 rows as `load_split` reads them (question, answer, clarity, evasion), whatever the file
KNOWN_TEST_ROWS = {"22b2982fd815a7896b9e8274b0dfe475783a7c1a3ad3f5bcd7d5100cd973c38d": "QEvasion test split"}


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def data_fingerprint(pairs: PairSet) -> str:
    """The SHA-256 of a pair set's rows (question, answer, clarity, evasion), whatever its file."""
    h = hashlib.sha256()
    for q, a, c, e in zip(pairs.questions, pairs.answers, pairs.clarity, pairs.evasion):
        h.update(f"{q}\x1f{a}\x1f{c}\x1f{e}\x1e".encode())
    return h.hexdigest()


def refuse_test_split(path: str | Path, pairs: PairSet, allowed: bool = False) -> None:
    """Raise `TestSplitError` when ``path`` (the training file) is a test split."""
    if allowed:
        return
    p = Path(path)
    why = (
        KNOWN_TEST_FILES.get(file_sha256(p))
        or KNOWN_TEST_ROWS.get(data_fingerprint(pairs))
        or ("a file named test*" if p.name.lower().startswith("test") else None)
    )
    if why:
        raise TestSplitError(
            f"{p} is {why}: training on it would make every test score meaningless; "
            "train on the train split, or pass --i-know-this-is-test"
        )


def unseen_rows(test: PairSet, train: PairSet) -> list[int]:
    """Indexes of the test rows whose interview (``url``/``group``) and answer text never occur in train."""
    seen_groups = set(train.groups)
    seen_answers = set(train.answers)
    return [
        i for i, (g, a) in enumerate(zip(test.groups, test.answers)) if g not in seen_groups and a not in seen_answers
    ]
