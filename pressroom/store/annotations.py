"""Read the annotators' output from a record into the store's columns.

The annotators write JSON into ``Transcript.annotations`` and ``Exchange.annotations``;
these readers accept the documented shapes and a few close variants, so the store keeps
working while the annotators evolve:

- ``exchange.annotations["clarity"]``: a list of per-question verdicts
  ``{"question": "x1.q1", "clarity": "Clear Reply", "evasion": "Explicit", "confidence": …}``
  (``"question": null`` with one item: a verdict for the whole exchange; also
  ``{"questions": [...]}``; labels may be ``{"label": ..., "probability": ...}``);
- ``exchange.annotations["topics"]``: ``{"primary", "labels": [{"topic": ...}, …], …}`` (the
  topics annotator), or a list of labels (strings or ``{"label": ...}``), or
  ``{"major": [...]}``; only the major topics become facets, not the keyphrases;
- ``transcript.annotations["entities"]``: ``{"mentions": [{"canonical", "type", "label",
  "turn", "start_char", "end_char", …}], …}`` (the entities annotator; the facet value is
  the canonical name, its type the ``type``), or a list of such mentions, or aggregated
  entities ``{"name", "label", "turns": [...]}``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..record import Exchange, Transcript

#: clarity classes from clearest to least clear (used to break ties)
CLARITY_ORDER = ("Clear Reply", "Ambivalent", "Clear Non-Reply")


def _label(value: Any) -> tuple[str | None, float | None]:
    """A label and its probability from ``"X"`` or ``{"label": "X", "probability": p}``."""
    if value is None:
        return None, None
    if isinstance(value, str):
        return value or None, None
    if isinstance(value, dict):
        label = value.get("label") or value.get("name") or value.get("value")
        prob = value.get("probability", value.get("score", value.get("confidence")))
        if prob is None and isinstance(value.get("probabilities"), dict) and label in value["probabilities"]:
            prob = value["probabilities"][label]
        return (str(label) if label else None), (float(prob) if isinstance(prob, (int, float)) else None)
    return str(value), None


def question_verdicts(exchange: Exchange) -> dict[str, dict[str, Any]]:
    """{question id: {"clarity", "evasion", "confidence"}} for an exchange (empty when not judged)."""
    items = exchange.annotations.get("clarity")
    if isinstance(items, dict):
        items = items.get("questions", [items])
    if not isinstance(items, list):
        return {}
    qids = [q.id for q in exchange.questions]
    out: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        qid = item.get("question") or item.get("question_id") or item.get("id")
        if isinstance(qid, dict):
            qid = qid.get("id")
        if qid is None:
            if len(items) == 1:  # one verdict for the whole exchange (its questions not split)
                targets = qids or [exchange.id]
            elif i < len(qids):
                targets = [qids[i]]
            else:
                continue
        else:
            targets = [str(qid)]
        clarity, p_clarity = _label(item.get("clarity"))
        evasion, _ = _label(item.get("evasion"))
        confidence = item.get("confidence", p_clarity)
        if confidence is None and isinstance(item.get("clarity_probabilities"), dict) and clarity:
            confidence = item["clarity_probabilities"].get(clarity)
        for qid in targets:
            out[qid] = {
                "clarity": clarity,
                "evasion": evasion,
                "confidence": float(confidence) if isinstance(confidence, (int, float)) else None,
            }
    return out


def exchange_clarity(verdicts: dict[str, dict[str, Any]]) -> str | None:
    """One verdict for an exchange: the most frequent among its questions; ties go to the
    less clear class."""
    counts = Counter(v["clarity"] for v in verdicts.values() if v.get("clarity"))
    if not counts:
        return None

    def key(item):
        label, n = item
        rank = CLARITY_ORDER.index(label) if label in CLARITY_ORDER else -1
        return (n, rank)

    return max(counts.items(), key=key)[0]


def exchange_topics(exchange: Exchange) -> list[str]:
    """The exchange's topic labels (major topics), in order, without duplicates."""
    value = exchange.annotations.get("topics")
    if isinstance(value, dict):
        for key in ("major", "labels", "topics", "cap"):
            if key in value:
                value = value[key]
                break
        else:
            return []
    if isinstance(value, (str, dict)):
        value = [value]
    if not isinstance(value, list):
        return []
    out: list[str] = []
    for item in value:
        label, _ = (
            _label(item)
            if not isinstance(item, dict)
            else _label(item.get("label") or item.get("topic") or item.get("name"))
        )
        if label and label not in out:
            out.append(label)
    return out


def entity_rows(transcript: Transcript) -> list[tuple[str | None, str, str | None, int | None, int | None]]:
    """(turn id, canonical name, label, start_char, end_char) for each entity mention."""
    value = transcript.annotations.get("entities")
    if isinstance(value, dict):
        value = value.get("mentions", value.get("entities", []))
    if not isinstance(value, list):
        return []
    rows = []
    for item in value:
        if not isinstance(item, dict):
            continue
        name = item.get("canonical") or item.get("name") or item.get("text")
        if not name:
            continue
        label = item.get("type") or item.get("label")
        turn = item.get("turn") or item.get("turn_id")
        if turn is not None:
            rows.append((str(turn), str(name), label, item.get("start_char"), item.get("end_char")))
            continue
        turns = item.get("turns")
        if isinstance(turns, dict):
            turns = list(turns)
        for t in turns or []:
            rows.append((str(t), str(name), label, None, None))
    return rows
