"""The `clarity` annotator: was each question answered, and how was it dodged?

For every individual question of every exchange (``exchange.questions``), the clarity model
(`pressroom.clarity`) reads the question and the exchange's answer turns joined, and predicts
the clarity class (Clear Reply / Ambivalent / Clear Non-Reply) and the evasion technique (9
labels) with probabilities. Evidence that a reader can check comes with each verdict.

Writes ``exchange.annotations["clarity"]``, one item per question::

    {"question": "x1.q1", "clarity": "Ambivalent", "clarity_probs": {...}, "confidence": 0.71,
     "evasion": "Dodging", "evasion_probs": {...},
     "evidence": {"addressing": [{"turn", "start_char", "end_char", "text", "score"}],
                  "cues": [{"cue", "type", "turn", "start_char", "end_char", "text"}],
                  "topic_shift": 0.63}}

Character spans point into the source text. A question whose exchange has no answer turn (or
only empty ones) is not judged: ``{"question": id, "clarity": null, "unanswered": true}``;
the model was trained on answered questions only, and an unanswered question is a fact of
the record, not a verdict on an answer. An exchange whose questions were not split gets one
item for its question turns together, with ``"question": null``.

Also writes ``transcript.annotations["clarity"] = {"model", "counts", "questions"}``.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..record import Exchange, Transcript
from . import AnnotatorError, register
from .stats import turn_body


def _segments(transcript: Transcript, turn_ids: list[str], source_text: str) -> list[tuple[str, int, str]]:
    """(turn id, start offset in the source, speech text) for each non-empty turn."""
    out = []
    for tid in turn_ids:
        turn = transcript.turn(tid)
        if turn is None:
            continue
        s, e = turn_body(turn, source_text)
        text = source_text[s:e]
        if not text.strip() and turn.text.strip():  # a record whose spans don't fit this text
            s, text = (turn.text_start if turn.text_start is not None else turn.start_char), turn.text
        if text.strip():
            out.append((tid, s, text))
    return out


def _shipped_name() -> str:
    from ..clarity.model import model_name

    return model_name()


@register
class ClarityAnnotator:
    name = "clarity"
    requires: list[str] = []
    assigns = ["exchange.clarity", "transcript.clarity"]

    def __init__(self, model=None, embedder=None):
        self._model = model
        self._embedder = embedder

    @property
    def model(self):
        if self._model is None:
            try:
                from ..clarity.model import default_model
            except ImportError as exc:
                raise AnnotatorError(f"the clarity annotator needs torch (pip install 'pressroom[ml]'): {exc}")
            self._model = default_model()
        return self._model

    @property
    def embedder(self):
        if self._embedder is None:
            from ..clarity.embed import default_embedder

            self._embedder = default_embedder()
        return self._embedder

    def _questions(self, transcript: Transcript, x: Exchange, source_text: str) -> list[tuple[str | None, str]]:
        if x.questions:
            return [(q.id, q.text) for q in x.questions]
        if x.question_turns:
            text = "\n".join(t for _, _, t in _segments(transcript, x.question_turns, source_text))
            return [(None, text)] if text.strip() else []
        return []

    def __call__(self, transcript: Transcript, source_text: str) -> None:
        self.prepare(transcript, source_text)()

    def prepare(self, transcript: Transcript, source_text: str) -> Callable[[], None]:
        """Judge every question (the model and the evidence: the slow part) without changing the
        transcript; return the step that writes the verdicts into it. The pipeline runs this
        ahead, in a thread beside the other annotators (it reads only what the parser made, and
        torch computes outside the GIL), then calls the writer at clarity's place in the order."""
        from ..clarity.evidence import addressing_batch, find_cues

        todo: list[tuple[dict[str, Any], str, list[tuple[str, int, str]]]] = []
        counts = {c: 0 for c in ("Clear Reply", "Ambivalent", "Clear Non-Reply")}
        counts["unanswered"] = 0
        n_questions = 0
        per_exchange: list[tuple[Exchange, list[dict[str, Any]]]] = []
        for x in transcript.exchanges:
            segments = _segments(transcript, x.answer_turns, source_text)
            items = []
            for qid, qtext in self._questions(transcript, x, source_text):
                n_questions += 1
                item: dict[str, Any] = {"question": qid}
                if qid is None:
                    item["text"] = qtext
                if not segments:
                    item.update({"clarity": None, "unanswered": True})
                    counts["unanswered"] += 1
                else:
                    todo.append((item, qtext, segments))
                items.append(item)
            per_exchange.append((x, items))
        if todo:
            preds = self.model.predict([q for _, q, _ in todo], ["\n\n".join(t for *_, t in seg) for *_, seg in todo])
            found = addressing_batch(self.embedder, [q for _, q, _ in todo],
                                     [[t for *_, t in seg] for *_, seg in todo])
            cues_of: dict[str, list] = {}  # the questions of one exchange share its answer turns
            for (item, qtext, segments), p, (addressing, shift) in zip(todo, preds, found):
                cues = []
                for tid, start, text in segments:
                    if text not in cues_of:
                        cues_of[text] = find_cues(text)
                    for c in cues_of[text]:
                        cues.append({"cue": c.cue, "type": c.type, "turn": tid, "start_char": start + c.start,
                                     "end_char": start + c.end, "text": c.text})
                item.update({
                    "clarity": p.clarity, "clarity_probs": p.clarity_probs,
                    "confidence": p.clarity_probs[p.clarity],
                    "evasion": p.evasion, "evasion_probs": p.evasion_probs,
                    "evidence": {
                        "addressing": [{"turn": segments[a.segment][0],
                                        "start_char": segments[a.segment][1] + a.start,
                                        "end_char": segments[a.segment][1] + a.end,
                                        "text": a.text, "score": a.score} for a in addressing],
                        "cues": cues,
                        "topic_shift": shift,
                    },
                })
                counts[p.clarity] += 1
        summary = {
            "model": self._model.name if self._model is not None else _shipped_name(),
            "counts": counts,
            "questions": n_questions,
        }

        def write() -> None:
            for x, items in per_exchange:
                x.annotations["clarity"] = items
            transcript.annotations["clarity"] = summary

        return write
