"""The 'nothing is lost' invariant: every non-blank character of the body lies in exactly one
turn or apparatus span, in order. "Blank" is `text.is_blank`, the parser's own definition
(white space and the invisible U+200B, U+2060, U+FEFF)."""

from __future__ import annotations

from ..record import Transcript
from ..text import BLANK_CHARS, is_blank


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
        if not is_blank(gap):
            problems.append(f"characters {pos}..{s} before {name} lie in no span: {gap.strip(BLANK_CHARS)[:40]!r}")
        pos = max(pos, e)
    rest = text[pos:end]
    if not is_blank(rest):
        problems.append(f"characters {pos}..{end} after the last span lie in no span: {rest.strip(BLANK_CHARS)[:40]!r}")
    return problems
