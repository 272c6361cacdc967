"""The QEvasion label set: 3 clarity classes and the 9 evasion techniques under them.

Each evasion technique belongs to exactly one clarity class (Thomas et al., 2024), so an
evasion distribution can be summed up into a clarity distribution (`evasion_to_clarity_probs`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..errors import ClarityDataError

CLARITY_LABELS: tuple[str, ...] = ("Clear Reply", "Ambivalent", "Clear Non-Reply")

EVASION_LABELS: tuple[str, ...] = (
    "Explicit",
    "Implicit",
    "Dodging",
    "General",
    "Deflection",
    "Partial/half-answer",
    "Declining to answer",
    "Claims ignorance",
    "Clarification",
)

#: evasion technique → its clarity class
EVASION_TO_CLARITY: dict[str, str] = {
    "Explicit": "Clear Reply",
    "Implicit": "Ambivalent",
    "Dodging": "Ambivalent",
    "General": "Ambivalent",
    "Deflection": "Ambivalent",
    "Partial/half-answer": "Ambivalent",
    "Declining to answer": "Clear Non-Reply",
    "Claims ignorance": "Clear Non-Reply",
    "Clarification": "Clear Non-Reply",
}

#: spellings met in other releases of the data (SemEval's "Ambiguous", the card's "Ambivalent Reply")
_ALIASES: dict[str, str] = {
    "ambiguous": "Ambivalent",
    "ambivalent reply": "Ambivalent",
    "clear non reply": "Clear Non-Reply",
    "partial": "Partial/half-answer",
    "partial/half answer": "Partial/half-answer",
    "declining": "Declining to answer",
}


def _key(label: str) -> str:
    return " ".join(label.replace("-", " ").split()).lower()


_CLARITY_BY_KEY = {_key(x): x for x in CLARITY_LABELS}
_EVASION_BY_KEY = {_key(x): x for x in EVASION_LABELS}


def normalize_clarity(label: str) -> str:
    """The canonical clarity class for ``label`` (case, hyphens and known aliases forgiven)."""
    k = _key(str(label))
    if k in _CLARITY_BY_KEY:
        return _CLARITY_BY_KEY[k]
    if k in _ALIASES and _ALIASES[k] in CLARITY_LABELS:
        return _ALIASES[k]
    raise ClarityDataError(f"unknown clarity label {label!r}; expected one of: {', '.join(CLARITY_LABELS)}")


def normalize_evasion(label: str) -> str:
    """The canonical evasion technique for ``label``."""
    k = _key(str(label))
    if k in _EVASION_BY_KEY:
        return _EVASION_BY_KEY[k]
    if k in _ALIASES and _ALIASES[k] in EVASION_LABELS:
        return _ALIASES[k]
    raise ClarityDataError(f"unknown evasion label {label!r}; expected one of: {', '.join(EVASION_LABELS)}")


def clarity_of(evasion: str) -> str:
    """The clarity class an evasion technique belongs to."""
    return EVASION_TO_CLARITY[normalize_evasion(evasion)]


def evasion_to_clarity_matrix() -> list[list[float]]:
    """A 9×3 0/1 matrix M with M[e][c] = 1 when technique e belongs to class c."""
    return [[1.0 if EVASION_TO_CLARITY[e] == c else 0.0 for c in CLARITY_LABELS] for e in EVASION_LABELS]


def evasion_to_clarity_probs(evasion_probs: Sequence[float]) -> list[float]:
    """Sum a 9-way evasion distribution into the 3-way clarity distribution."""
    out = [0.0] * len(CLARITY_LABELS)
    for e, p in zip(EVASION_LABELS, evasion_probs):
        out[CLARITY_LABELS.index(EVASION_TO_CLARITY[e])] += float(p)
    return out


def indices(labels: Iterable[str], vocabulary: Sequence[str]) -> list[int]:
    """Positions of ``labels`` in ``vocabulary``."""
    pos = {x: i for i, x in enumerate(vocabulary)}
    return [pos[x] for x in labels]
