"""The `quotes` annotator: the most quotable sentences of each principal.

Every sentence of a principal's (or official's) statements and answers gets a score built from
plain, inspectable features (the ``reasons`` list of each quote names the ones that fired):

==========================  ======  ==============================================================
feature                     points  when
==========================  ======  ==============================================================
length                      +1.0    10-25 words (+0.5 for 7-9 or 26-40; shorter or longer: skipped)
stance                      +0.5    each commitment or judgement word (must, will, never, clear,
                                    important, unacceptable, ...), at most +1.5
we / our                    +0.5    speaks for the institution
contrast                    +0.5    "not ... but", "not only", "rather than", "instead of"
names                       +0.5    each named entity inside (entities annotator), at most +1.0
talking point               +0.5    holds one of the speaker's talking points (talking_points)
hedge                       -0.5    each "I think", "maybe", "sort of", "you know", ...
back-reference              -0.75   opens with a word that needs the sentence before ("And",
                                    "So", "That", "It", "They", ...)
question                    -1.0    ends with "?"
==========================  ======  ==============================================================

Sentences that are only politeness or floor management ("Thank you so much.", "Next
question.") are never quotes. The best ``PER_SPEAKER`` sentences per speaker are kept (ties go to the shorter), at most
``PER_TURN`` from one turn and none nearly identical to one already chosen.

Writes ``transcript.annotations["quotes"]`` = ``{"speakers": {speaker id: [quote, ...]}}``;
each quote has speaker, name, turn, exchange, start_char, end_char, text, score, reasons,
words and context (the sentences before and after).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from ..record import Transcript
from ..text import WORD_RE, spoken_sentence_spans
from . import register
from .stats import mask_stage_notes, turn_body

PER_SPEAKER = 5
PER_TURN = 2
QUOTE_ROLES = ("principal", "official")
QUOTE_KINDS = ("statement", "answer")

STANCE = {
    "must",
    "will",
    "won't",
    "never",
    "always",
    "need",
    "needs",
    "cannot",
    "can't",
    "should",
    "shall",
    "important",
    "clear",
    "clearly",
    "strong",
    "strongly",
    "stronger",
    "strongest",
    "determined",
    "committed",
    "commitment",
    "unacceptable",
    "dangerous",
    "essential",
    "vital",
    "critical",
    "serious",
    "best",
    "worst",
    "greatest",
    "absolutely",
    "fundamental",
    "unwavering",
    "resolve",
    "stand",
    "firmly",
    "united",
    "unity",
    "responsible",
    "wrong",
    "failure",
    "success",
    "historic",
    "promise",
    "guarantee",
    "condemn",
    "reject",
    "oppose",
    "demand",
    "insist",
}
HEDGES = [
    r"\bI think\b",
    r"\bI guess\b",
    r"\bmaybe\b",
    r"\bperhaps\b",
    r"\bsort of\b",
    r"\bkind of\b",
    r"\byou know\b",
    r"\bI mean\b",
    r"\bprobably\b",
    r"\bI don't know\b",
    r"\bI’m not sure\b",
    r"\bI'm not sure\b",
    r"\bsomewhat\b",
    r"\bsomething like\b",
    r"\bof course\b",
    r"\bfirst of all\b",
]
CONTRAST = [r"\bnot only\b", r"\bnot\b[^.?!]{1,60}\bbut\b", r"\brather than\b", r"\binstead of\b"]
BACK_REFERENCE = {
    "and",
    "but",
    "so",
    "because",
    "that",
    "this",
    "these",
    "those",
    "it",
    "they",
    "he",
    "she",
    "which",
    "also",
    "well",
    "yes",
    "no",
    "or",
    "then",
    "there",
    "here",
    "as",
    "again",
    "yeah",
    "okay",
    "now",
    "therefore",
    "however",
    "plus",
    "such",
}
FURNITURE = re.compile(
    r"^(?:thank(?:s| you)\b.*|good (?:morning|afternoon|evening)\b.*|next question\b.*|"
    r"(?:okay|ok|yes|no|well|all right|alright)[.!,]?|go ahead\b.*|.*\bnext question\b.*|"
    r"(?:i'm|i am) ready to take your questions\b.*|and with that\b.*|(?:laughter|applause)\b.*)$",
    re.I,
)
_HEDGE_RE = [re.compile(h, re.I) for h in HEDGES]
_CONTRAST_RE = [re.compile(c, re.I) for c in CONTRAST]


def score_sentence(text: str, entity_count: int = 0, talking_point: bool = False) -> tuple[float, list[str]] | None:
    """(score, reasons) for one sentence, or None when it can never be a quote."""
    flat = " ".join(text.split())
    words = WORD_RE.findall(flat)
    n = len(words)
    if n < 7 or n > 40 or FURNITURE.match(flat.strip(" \"'“”")):
        return None
    points = 0.0
    reasons: list[str] = []
    if 10 <= n <= 25:
        points += 1.0
        reasons.append("length")
    else:
        points += 0.5
        reasons.append("length (long or short)")
    lower = [w.lower().replace("’", "'") for w in words]
    stance = [w for w in lower if w in STANCE]
    if stance:
        points += min(1.5, 0.5 * len(stance))
        reasons.append("stance: " + ", ".join(dict.fromkeys(stance)))
    if any(w in ("we", "our", "us", "we're", "we've", "we'll") for w in lower):
        points += 0.5
        reasons.append("we/our")
    if any(r.search(flat) for r in _CONTRAST_RE):
        points += 0.5
        reasons.append("contrast")
    if entity_count:
        points += min(1.0, 0.5 * entity_count)
        reasons.append(f"names ({entity_count})")
    if talking_point:
        points += 0.5
        reasons.append("talking point")
    hedges = sum(1 for r in _HEDGE_RE if r.search(flat))
    if hedges:
        points -= 0.5 * hedges
        reasons.append(f"hedge ({hedges})")
    if lower[0] in BACK_REFERENCE:
        points -= 0.75
        reasons.append(f"back-reference ({words[0]})")
    if flat.rstrip(" \"'”’)").endswith("?"):
        points -= 1.0
        reasons.append("question")
    return round(points, 2), reasons


def _similar(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.ratio(a.lower(), b.lower()) >= 80


def quotes(transcript: Transcript, source_text: str) -> dict[str, Any]:
    mentions: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in (transcript.annotations.get("entities") or {}).get("mentions", []):
        if m.get("turn"):
            mentions[m["turn"]].append((m["start_char"], m["end_char"]))
    points: dict[str, list[tuple[int, int]]] = defaultdict(list)  # speaker -> talking point spans
    for sid, tp in ((transcript.annotations.get("talking_points") or {}).get("speakers") or {}).items():
        for p in tp.get("phrases", []):
            points[sid].extend((loc["start_char"], loc["end_char"]) for loc in p["locations"])
    exchange_of = {tid: x.id for x in transcript.exchanges for tid in x.answer_turns}

    quotable_speakers = {s.id for s in transcript.speakers if s.role in QUOTE_ROLES}
    candidates: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for turn in transcript.turns:
        if turn.speaker not in quotable_speakers or turn.kind not in QUOTE_KINDS:
            continue
        s, e = turn_body(turn, source_text)
        masked = mask_stage_notes(source_text[s:e])
        sents = spoken_sentence_spans(masked, s)
        for i, (a, b) in enumerate(sents):
            text = " ".join(masked[a - s : b - s].split())
            n_ents = sum(1 for ms, me in mentions.get(turn.id, []) if a <= ms and me <= b)
            tp = any(a <= ps and pe <= b for ps, pe in points.get(turn.speaker, []))
            scored = score_sentence(text, n_ents, tp)
            if scored is None:
                continue
            sc, reasons = scored
            before = " ".join(masked[sents[i - 1][0] - s : sents[i - 1][1] - s].split()) if i > 0 else None
            after = " ".join(masked[sents[i + 1][0] - s : sents[i + 1][1] - s].split()) if i + 1 < len(sents) else None
            candidates[turn.speaker].append(
                {
                    "speaker": turn.speaker,
                    "name": transcript.speaker_name(turn.speaker),
                    "turn": turn.id,
                    "exchange": exchange_of.get(turn.id),
                    "start_char": a,
                    "end_char": b,
                    "text": text,
                    "score": sc,
                    "reasons": reasons,
                    "context": {"before": before, "after": after},
                    "words": len(WORD_RE.findall(text)),
                }
            )
    out: dict[str, list[dict[str, Any]]] = {}
    for sid, cands in candidates.items():
        cands.sort(key=lambda q: (-q["score"], q["words"], q["start_char"]))
        chosen: list[dict[str, Any]] = []
        per_turn: dict[str, int] = defaultdict(int)
        for q in cands:
            if q["score"] <= 0 or per_turn[q["turn"]] >= PER_TURN:
                continue
            if any(_similar(q["text"], c["text"]) for c in chosen):
                continue
            chosen.append(q)
            per_turn[q["turn"]] += 1
            if len(chosen) == PER_SPEAKER:
                break
        if chosen:
            out[sid] = chosen
    return {"per_speaker": PER_SPEAKER, "speakers": out}


@register(
    requires=["transcript.turns", "transcript.speakers", "transcript.exchanges"],
    uses=["transcript.entities", "transcript.talking_points"],
    assigns=["transcript.quotes"],
)
class QuotesAnnotator:
    """The most quotable sentences of each principal (and official), scored by inspectable features."""

    name = "quotes"
    version = "1"

    def __call__(self, transcript: Transcript, source_text: str) -> None:
        transcript.annotations["quotes"] = quotes(transcript, source_text)
