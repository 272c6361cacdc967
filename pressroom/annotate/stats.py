"""The `stats` annotator: who spoke how much, who got to ask, and what went unanswered.

Also home of the small record helpers every annotator here uses: `turn_body` (the span of a
turn's speech, after its label), `mask_stage_notes` and `clarity_items`.

Writes ``transcript.annotations["stats"]``:

- ``speakers``: per speaker: name, role, affiliation, turns, words, share of all words;
- ``roles``: per role: speakers, turns, words, share;
- ``questioners``: per journalist: exchanges opened, individual questions asked, outlet;
- ``outlets``: per outlet: exchanges, questions, journalists;
- ``exchanges``: per exchange: question words, answer words, ratio answer/question;
- ``answer_length``: totals, medians and the overall answer/question ratio;
- ``unanswered``: questions judged "Clear Non-Reply" by the clarity annotator (when it ran),
  questions it marked unanswered, and (without clarity) exchanges with no answer turn;
- ``clarity``: counts of clarity verdicts, when the clarity annotator ran.

Words are runs of letters/digits (apostrophes and inner hyphens kept: "don't", "NATO-Russia"
count as one word: `pressroom.text.count_words`), counted over the speech only (labels excluded).
"""

from __future__ import annotations

import re
import statistics
from typing import Any

from ..record import Transcript, Turn
from ..text import STAGE_NOTE_RE, count_words
from . import register

CLARITY_CLASSES = ("Clear Reply", "Ambivalent", "Clear Non-Reply")


def turn_body(turn: Turn, source_text: str) -> tuple[int, int]:
    """The span of a turn's speech in the source text: after its label, up to its end."""
    start = turn.text_start if turn.text_start is not None else turn.start_char
    end = turn.end_char
    if turn.text_start is None and turn.label:
        # older records: skip the label as printed and its separator
        head = source_text[start:end]
        pattern = r"\s*" + r"\s+".join(re.escape(w) for w in turn.label.split()) + r"\s*[:.\-—–\"]?\s*"
        m = re.match(pattern, head)
        if m:
            start += m.end()
    if not (0 <= start <= end <= len(source_text)):
        return (turn.start_char, turn.start_char)
    return (start, end)


def mask_stage_notes(text: str) -> str:
    """`text` with transcribers' notes blanked out by spaces (same length, offsets unchanged)."""
    return STAGE_NOTE_RE.sub(lambda m: " " * len(m.group()), text)


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _turn_words(transcript: Transcript, source_text: str) -> dict[str, int]:
    counts = {}
    for t in transcript.turns:
        s, e = turn_body(t, source_text)
        counts[t.id] = count_words(source_text[s:e])
    return counts


def clarity_items(exchange) -> list[dict[str, Any]]:
    """The clarity annotator's items for one exchange (one per question), [] when it did not run."""
    items = exchange.annotations.get("clarity")
    if isinstance(items, dict):  # tolerate {"questions": [...]}
        items = items.get("questions")
    return [i for i in items or [] if isinstance(i, dict)]


def speaking_stats(transcript: Transcript, source_text: str) -> dict[str, Any]:
    """Compute the statistics (see the module docstring) without writing them anywhere."""
    words = _turn_words(transcript, source_text)
    total = sum(words.values())
    speakers = _speaker_rows(transcript, words, total)
    questioners, outlets = _askers(transcript)
    rows = _exchange_rows(transcript, words)
    unanswered, clarity_counts = _unanswered(transcript)
    return {
        "words": total,
        "speakers": speakers,
        "roles": _role_rows(speakers, total),
        "questioners": questioners,
        "outlets": outlets,
        "exchanges": rows,
        "answer_length": _answer_length(rows),
        "unanswered": unanswered,
        "clarity": clarity_counts,
    }


def _speaker_rows(transcript: Transcript, words: dict[str, int], total: int) -> dict[str, dict[str, Any]]:
    """Per speaker (the record's speakers, then any turn's speaker missing from them): name, role,
    affiliation, turns, words, share."""
    speakers: dict[str, dict[str, Any]] = {}
    for s in transcript.speakers:
        speakers[s.id] = {
            "name": transcript.speaker_name(s.id),
            "role": s.role,
            "affiliation": s.affiliation,
            "turns": 0,
            "words": 0,
            "share": 0.0,
        }
    for t in transcript.turns:
        row = speakers.setdefault(
            t.speaker,
            {
                "name": None,
                "role": "other",
                "affiliation": None,
                "turns": 0,
                "words": 0,
                "share": 0.0,
            },
        )
        row["turns"] += 1
        row["words"] += words[t.id]
    for row in speakers.values():
        row["share"] = _share(row["words"], total)
    return speakers


def _role_rows(speakers: dict[str, dict[str, Any]], total: int) -> dict[str, dict[str, Any]]:
    """Per role: speakers who spoke, turns, words, share."""
    roles: dict[str, dict[str, Any]] = {}
    for row in speakers.values():
        r = roles.setdefault(row["role"], {"speakers": 0, "turns": 0, "words": 0, "share": 0.0})
        r["speakers"] += 1 if row["turns"] else 0
        r["turns"] += row["turns"]
        r["words"] += row["words"]
    for r in roles.values():
        r["share"] = _share(r["words"], total)
    return roles


def _question_count(x) -> int:
    """The questions of an exchange: those split out, else one where a question turn exists."""
    return len(x.questions) or (1 if x.question_turns else 0)


def _exchange_rows(transcript: Transcript, words: dict[str, int]) -> list[dict[str, Any]]:
    """Per exchange: questioner, answerers, questions, question and answer words, their ratio."""
    rows = []
    for x in transcript.exchanges:
        q_words = sum(words.get(t, 0) for t in x.question_turns)
        a_words = sum(words.get(t, 0) for t in x.answer_turns)
        rows.append(
            {
                "exchange": x.id,
                "questioner": x.questioner,
                "answerers": list(x.answerers),
                "questions": _question_count(x),
                "question_words": q_words,
                "answer_words": a_words,
                "ratio": round(a_words / q_words, 2) if q_words else None,
            }
        )
    return rows


def _askers(transcript: Transcript) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """Per journalist (exchanges opened, questions asked, outlet) and per outlet (exchanges,
    questions, journalists), in the order of the exchanges."""
    questioners: dict[str, dict[str, Any]] = {}
    outlets: dict[str, dict[str, Any]] = {}
    for x in transcript.exchanges:
        if x.questioner is None:
            continue
        n_questions = _question_count(x)
        sp = transcript.speaker(x.questioner)
        outlet = sp.affiliation if sp is not None else None
        q = questioners.setdefault(
            x.questioner,
            {
                "name": transcript.speaker_name(x.questioner),
                "outlet": outlet,
                "exchanges": 0,
                "questions": 0,
            },
        )
        q["exchanges"] += 1
        q["questions"] += n_questions
        key = outlet or "(unknown outlet)"
        o = outlets.setdefault(key, {"exchanges": 0, "questions": 0, "journalists": []})
        o["exchanges"] += 1
        o["questions"] += n_questions
        if x.questioner not in o["journalists"]:
            o["journalists"].append(x.questioner)
    return questioners, outlets


def _unanswered(transcript: Transcript) -> tuple[list[dict[str, Any]], dict[str, int] | None]:
    """The unanswered questions (no answer turn, marked unanswered, or judged "Clear Non-Reply")
    and the counts of clarity verdicts (None when the clarity annotator did not run)."""
    unanswered = []
    clarity_counts = {c: 0 for c in CLARITY_CLASSES}
    clarity_seen = False
    for x in transcript.exchanges:
        items = clarity_items(x)
        if not items and not x.answer_turns:
            unanswered.append({"exchange": x.id, "question": None, "questioner": x.questioner, "reason": "no answer"})
        for i, item in enumerate(items):
            verdict = item.get("clarity")
            qid = item.get("question") or item.get("id")
            if qid is None and i < len(x.questions):
                qid = x.questions[i].id
            if verdict in clarity_counts:
                clarity_seen = True
                clarity_counts[verdict] += 1
            if item.get("unanswered"):
                clarity_seen = True
                unanswered.append(
                    {"exchange": x.id, "question": qid, "questioner": x.questioner, "reason": "no answer"}
                )
            elif verdict == "Clear Non-Reply":
                unanswered.append(
                    {
                        "exchange": x.id,
                        "question": qid,
                        "questioner": x.questioner,
                        "reason": "Clear Non-Reply",
                        "evasion": item.get("evasion"),
                    }
                )
    return unanswered, clarity_counts if clarity_seen else None


def _answer_length(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals, medians and the overall answer/question ratio, over the exchanges with both."""
    answered_rows = [r for r in rows if r["question_words"] and r["answer_words"]]
    q_total = sum(r["question_words"] for r in answered_rows)
    a_total = sum(r["answer_words"] for r in answered_rows)

    def median(key: str):
        return statistics.median([r[key] for r in answered_rows]) if answered_rows else None

    return {
        "exchanges": len(answered_rows),
        "question_words": q_total,
        "answer_words": a_total,
        "ratio": round(a_total / q_total, 2) if q_total else None,
        "median_question_words": median("question_words"),
        "median_answer_words": median("answer_words"),
    }


@register(
    requires=["transcript.turns", "transcript.speakers", "transcript.exchanges"],
    uses=["exchange.clarity"],
    assigns=["transcript.stats"],
)
class StatsAnnotator:
    """Speaking time, who got to ask, answer length against question length, unanswered questions."""

    name = "stats"
    version = "1"

    def __call__(self, transcript: Transcript, source_text: str) -> None:
        transcript.annotations["stats"] = speaking_stats(transcript, source_text)
