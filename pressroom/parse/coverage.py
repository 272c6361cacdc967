"""The 'nothing is lost' invariant: every non-blank character of the body lies in exactly one
turn or apparatus span, in order."""
from __future__ import annotations

from ..record import Transcript


def check_coverage(transcript: Transcript, text: str, body_start: int = 0, body_end: int | None = None) -> list[str]:
    """Problems with the 'nothing is lost' invariant (empty when it holds): every non-blank
    character of text[body_start:body_end] lies in exactly one turn or apparatus span, in order."""
    end = len(text) if body_end is None else body_end
    spans = [(t.start_char, t.end_char, t.id) for t in transcript.turns]
    spans += [(a["start_char"], a["end_char"], a["kind"]) for a in transcript.apparatus]
    spans.sort()
    problems = []
    pos = body_start
    for s, e, name in spans:
        if s < pos:
            problems.append(f"{name} overlaps the previous span at {s}")
        gap = text[pos:s]
        if gap.strip():
            problems.append(f"characters {pos}..{s} before {name} lie in no span: {gap.strip()[:40]!r}")
        pos = max(pos, e)
    if text[pos:end].strip():
        problems.append(f"characters {pos}..{end} after the last span lie in no span: {text[pos:end].strip()[:40]!r}")
    return problems
