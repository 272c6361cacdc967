"""Evidence a reader can check for a clarity verdict.

Three kinds, all pointing at character spans of the answer:

- **cues**: refusal, deflection, ignorance, non-commitment and clarification phrases from a
  small hand-written lexicon (`CUES`): "I will not comment on…", "I cannot speak on behalf
  of…", "all options are on the table", "I'm not going to get ahead of…", "I'd refer you to…";
- **addressing**: the answer sentences most similar to the question (cosine similarity of
  all-MiniLM-L6-v2 sentence embeddings, at least `ADDRESSING_THRESHOLD`), best first, at most
  `ADDRESSING_TOP` — none when no sentence comes close;
- **topic_shift**: 1 − cosine(question, answer), the answer embedded as the normalised mean of
  its sentence embeddings: about 0.2–0.4 for an answer on the question's topic, 0.8 and more
  for one about something else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..text import capitalised_sentence_spans

#: cosine similarity an answer sentence needs to count as addressing the question
ADDRESSING_THRESHOLD = 0.45
#: at most this many addressing sentences are reported
ADDRESSING_TOP = 3

_APOS = "['\u2019]"

# (cue name, type, pattern); in patterns, ' matches both ' and ’, and a space any whitespace
_CUE_TABLE: list[tuple[str, str, str]] = [
    # declining to answer
    (
        "will not comment",
        "declining",
        r"\b(?:I|we) (?:will not|won't|wouldn't|would not|(?:cannot|can not)|can't|am not going to|'m not going to|are not going to|'re not going to|do not|don't) (?:comment|discuss)\b",
    ),
    ("no comment", "declining", r"\bno comment\b"),
    (
        "not get into",
        "declining",
        r"\b(?:I|we) (?:will not|won't|(?:cannot|can not)|can't|am not going to|'m not going to|'re not going to|do not want to|don't want to) (?:get|go) into\b",
    ),
    ("not get ahead of", "declining", r"\b(?:not (?:going to|want to|gonna) |n't |not )get ahead of\b"),
    (
        "not speculate",
        "declining",
        r"\b(?:not|n't) (?:going to |want to |gonna )?speculate\b|\bwould(?:n't| not) speculate\b",
    ),
    ("not in a position to", "declining", r"\bnot in a position to (?:say|comment|discuss|share|confirm|disclose)\b"),
    ("rather not", "declining", r"\b(?:I|I'd|I would) rather not\b"),
    (
        "would be inappropriate",
        "declining",
        r"\b(?:it )?would(?: not|n't)? be (?:inappropriate|appropriate) for me to\b",
    ),
    ("not going to tell you", "declining", r"\b(?:not going to|won't|will not) (?:tell you|say|reveal|share)\b"),
    ("not prejudge", "declining", r"\b(?:not|n't) (?:want to |going to )?(?:prejudge|pre-judge)\b"),
    # deflection
    ("refer you to", "deflection", r"\b(?:I'd|I would|I will|I'll|let me|we'd|we would) refer you to\b"),
    (
        "cannot speak on behalf of",
        "deflection",
        r"\b(?:(?:cannot|can not)|can't|won't|will not|don't|do not) speak (?:on behalf of|for)\b",
    ),
    (
        "let others answer",
        "deflection",
        r"\b(?:I'll|I will|I'd|I would|let me) (?:let (?:him|her|them|the [a-z]+|[A-Z][a-z]+) (?:answer|speak|address|respond|comment|talk)|leave (?:it|that) (?:to|up to) (?:the|him|her|them|[A-Z]))",
    ),
    (
        "question for someone else",
        "deflection",
        r"\b(?:that|this)(?:'s| is) (?:a question|a matter) for\b|\byou(?:'ll| will| would|'d) have to ask\b|\b(?:better|best) (?:asked|addressed|put) to\b",
    ),
    ("up to others", "deflection", r"\b(?:that|it)(?:'s| is) (?:up to|for) (?:the|them|each|every|our|their)\b"),
    ("the real question", "deflection", r"\bthe (?:real|bigger|more important) (?:question|issue) is\b"),
    ("what I can tell you", "deflection", r"\bwhat I can (?:tell you|say) is\b|\bwhat I will (?:tell you|say) is\b"),
    # claims of ignorance
    (
        "don't know",
        "ignorance",
        r"\b(?:I|we) (?:do not|don't|really don't|just don't|simply don't) know(?=[.,;:!?]| (?:yet|exactly|enough|the (?:answer|details|facts|specifics)|(?:anything|much|enough) about|that (?:yet|for sure))\b)",
    ),
    ("not aware", "ignorance", r"\b(?:I'm|I am|we're|we are) not aware\b"),
    (
        "haven't seen",
        "ignorance",
        r"\b(?:I|we) (?:have not|haven't) (?:seen|read|heard) (?:it|that|this|those|his|her|their|the (?:report|reports|story|comments?|statement|article|letter|details|interview|poll|numbers|tape|video|remarks|quote|book))\b",
    ),
    (
        "no information",
        "ignorance",
        r"\b(?:I|we) (?:have no|don't have any|do not have any|don't have the) (?:information|details|numbers|figures)\b",
    ),
    ("not familiar", "ignorance", r"\b(?:I'm|I am) not familiar with\b"),
    ("get back to you", "ignorance", r"\b(?:get back to you|have to check|look into (?:it|that))\b"),
    # non-commitment (typical of general and dodging answers)
    (
        "all options on the table",
        "non-commitment",
        r"\b(?:all|every) options? (?:is |are )?(?:remain )?on the table\b|\bnothing (?:is )?off the table\b",
    ),
    ("not rule out", "non-commitment", r"\b(?:not|n't) (?:going to )?rule (?:anything |it |that )?(?:in or )?out\b"),
    (
        "we'll see",
        "non-commitment",
        r"\b(?:we'll|we will) (?:just )?(?:have to )?(?:wait and )?see(?=[.,;:!?]| (?:what happens|how (?:it|things|that) (?:goes|go|turns? out|plays? out)|where (?:it|things|that) (?:goes|go|ends? up)))|\btime will tell\b",
    ),
    ("too early to say", "non-commitment", r"\b(?:too (?:early|soon) to (?:say|tell|judge)|premature to)\b"),
    ("in due course", "non-commitment", r"\bin due course\b|\bat the (?:appropriate|right) time\b"),
    ("continue to monitor", "non-commitment", r"\b(?:continue|continuing) to (?:monitor|assess|evaluate|watch)\b"),
    # clarification
    ("what do you mean", "clarification", r"\bwhat do you mean\b|\bare you asking\b"),
    (
        "repeat the question",
        "clarification",
        r"\b(?:repeat|say that again|rephrase)\b.{0,20}\?|\bI(?:'m| am)? sorry,? I (?:didn't|did not|couldn't|could not) (?:hear|understand|catch)\b",
    ),
]

CUE_TYPES = ("declining", "deflection", "ignorance", "non-commitment", "clarification")


def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern.replace("'", _APOS).replace(" ", r"\s+"), re.IGNORECASE)


CUES: list[tuple[str, str, re.Pattern]] = [(name, kind, _compile(p)) for name, kind, p in _CUE_TABLE]


@dataclass(frozen=True)
class Cue:
    cue: str
    type: str
    start: int
    end: int
    text: str


def find_cues(text: str) -> list[Cue]:
    """Every lexicon cue in ``text``, in reading order (overlapping hits of one cue merged)."""
    found: list[Cue] = []
    for name, kind, rx in CUES:
        for m in rx.finditer(text):
            found.append(Cue(name, kind, m.start(), m.end(), m.group(0)))
    found.sort(key=lambda c: (c.start, -c.end, c.cue))
    out: list[Cue] = []
    for c in found:  # drop a hit nested inside an earlier hit of the same type
        if out and c.type == out[-1].type and c.start >= out[-1].start and c.end <= out[-1].end:
            continue
        out.append(c)
    return out


@dataclass(frozen=True)
class Addressing:
    segment: int  # index of the answer segment (turn) the sentence is in
    start: int
    end: int
    text: str
    score: float


def sentence_units(segments: Sequence[str]) -> list[tuple[int, int, int, str]]:
    """(segment index, start, end, text) of every sentence of every segment."""
    return [(k, s, e, seg[s:e]) for k, seg in enumerate(segments) for s, e in capitalised_sentence_spans(seg or "")]


def addressing_batch(
    embedder,
    questions: Sequence[str],
    segments_list: Sequence[Sequence[str]],
    threshold: float = ADDRESSING_THRESHOLD,
    top: int = ADDRESSING_TOP,
) -> list[tuple[list[Addressing], float | None]]:
    """`addressing_and_shift` for many questions at once (each text embedded once, in one batch)."""
    import numpy as np

    units = [sentence_units(segs) for segs in segments_list]
    texts = list(dict.fromkeys([q for q in questions if q.strip()] + [u[3] for us in units for u in us]))
    row = {t: i for i, t in enumerate(texts)}
    vecs = embedder.embed(texts) if texts else None
    out: list[tuple[list[Addressing], float | None]] = []
    for question, sents in zip(questions, units):
        if not sents or not question.strip():
            out.append(([], None))
            continue
        q = vecs[row[question]]
        a = vecs[[row[u[3]] for u in sents]]
        sims = a @ q
        mean = a.mean(0)
        norm = float(np.linalg.norm(mean))
        shift = round(1.0 - float(mean @ q) / norm, 4) if norm > 0 else None
        order = sorted(range(len(sents)), key=lambda i: -sims[i])
        picked = [
            Addressing(sents[i][0], sents[i][1], sents[i][2], sents[i][3], round(float(sims[i]), 4))
            for i in order[:top]
            if sims[i] >= threshold
        ]
        out.append((picked, shift))
    return out


def addressing_and_shift(
    embedder,
    question: str,
    segments: Sequence[str],
    threshold: float = ADDRESSING_THRESHOLD,
    top: int = ADDRESSING_TOP,
) -> tuple[list[Addressing], float | None]:
    """The answer sentences that address ``question`` and the topic-shift score.

    ``segments`` are the answer's pieces (one per answer turn); spans are relative to each.
    ``embedder.embed(texts)`` must return L2-normalised vectors (a numpy array).
    """
    return addressing_batch(embedder, [question], [segments], threshold, top)[0]


def _pair_evidence(addressing: list[Addressing], shift: float | None, answer: str) -> dict:
    return {
        "addressing": [
            {"start_char": x.start, "end_char": x.end, "text": x.text, "score": x.score} for x in addressing
        ],
        "cues": [
            {"cue": c.cue, "type": c.type, "start_char": c.start, "end_char": c.end, "text": c.text}
            for c in find_cues(answer)
        ],
        "topic_shift": shift,
    }


def evidence_batch(embedder, questions: Sequence[str], answers: Sequence[str]) -> list[dict]:
    """`evidence_for_pair` for many pairs, embedding everything in one batch."""
    found = addressing_batch(embedder, questions, [[a] for a in answers])
    return [_pair_evidence(adr, shift, a) for (adr, shift), a in zip(found, answers)]


def evidence_for_pair(embedder, question: str, answer: str) -> dict:
    """Evidence for one (question, answer) pair, spans relative to ``answer``."""
    addressing, shift = addressing_and_shift(embedder, question, [answer]) if embedder else ([], None)
    return _pair_evidence(addressing, shift, answer)
