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

Character spans point into the source text. Only questions are judged: an exchange whose
question turns ask nothing (greetings, a bid for the floor, a statement; see
`pressroom.parse.exchanges.find_questions`) gets one item ``{"question": null, "clarity": null,
"not_judged": "no question asked", "text": …}``. A question is not judged either, with the
reason in ``not_judged``, when its exchange has no answer turn (or only empty ones; also
``"unanswered": true``: "no answer in the record") or when the answer is cut off (it ends
on a dash after fewer than 40 words: "the answer is cut off"); the model was trained on
complete answers, and these are facts of the record, not verdicts on an answer.

Also writes ``transcript.annotations["clarity"] = {"model", "counts", "questions", "agreement"}``
(``agreement``: the model's measured macro-F1 per class on QEvasion's test split, from its
report, so every reader of a verdict can say how far to trust it).
"""

from __future__ import annotations

import re
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


#: an answer that ends on a dash after fewer words than this was cut off before it said anything
CUT_OFF_WORDS = 40
_DASH_END = re.compile(r"(?:—|–|--|-)\s*$")


def _not_judged(qid: str | None, segments: list[tuple[str, int, str]]) -> str | None:
    """Why a question gets no verdict, or None when it gets one."""
    if qid is None:
        return "no question asked"
    if not segments:
        return "no answer in the record"
    answer = " ".join(t for *_, t in segments)
    if _DASH_END.search(answer) and len(answer.split()) < CUT_OFF_WORDS:
        return "the answer is cut off"
    return None


def _shipped_name() -> str:
    from ..clarity.model import model_name

    return model_name()


@register(requires=["transcript.turns", "transcript.exchanges"], assigns=["exchange.clarity", "transcript.clarity"])
class ClarityAnnotator:
    name = "clarity"
    loads = "the clarity model and its evidence encoder"  # said while it loads (`load_models`)

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

    @property
    def agreement(self) -> dict[str, Any] | None:
        """The model's measured agreement with QEvasion's annotators (None for a model without a report)."""
        from ..clarity.agreement import measured_agreement

        if self._model is None:
            return measured_agreement()
        model_dir = getattr(self._model, "model_dir", None)
        return measured_agreement(model_dir) if model_dir is not None else None

    @property
    def calibration(self) -> dict[str, Any]:
        """Whether the model's probabilities are calibrated, and its "uncertain" threshold."""
        from ..clarity.calibration import load, public

        if self._model is not None:
            return public(getattr(self._model, "calibration", None))
        from ..clarity.agreement import SHIPPED_MODEL_DIR

        return public(load(SHIPPED_MODEL_DIR))

    def __call__(self, transcript: Transcript, source_text: str) -> None:
        self.prepare(transcript, source_text)()

    def prepare(self, transcript: Transcript, source_text: str) -> Callable[[], None]:
        """Judge every question (the model and the evidence: the slow part) without changing the
        transcript; return the step that writes the verdicts into it. The pipeline runs this
        ahead, in a thread beside the other annotators (it reads only what the parser made, and
        torch computes outside the GIL), then calls the writer at clarity's place in the order."""
        counts = {c: 0 for c in ("Clear Reply", "Ambivalent", "Clear Non-Reply")}
        counts["unanswered"] = 0
        counts["not_judged"] = 0
        per_exchange, todo = self._collect(transcript, source_text, counts)
        if todo:
            self._judge(todo, counts)
        summary = {
            "model": self._model.name if self._model is not None else _shipped_name(),
            "counts": counts,
            "questions": sum(len(items) for _, items in per_exchange),
            "agreement": self.agreement,
            "calibration": self.calibration,
        }

        def write() -> None:
            for x, items in per_exchange:
                x.annotations["clarity"] = items
            transcript.annotations["clarity"] = summary

        return write

    def _collect(self, transcript: Transcript, source_text: str, counts: dict[str, int]):
        """The items of every exchange, the not-judged ones filled in; and the questions to judge,
        as (item, question text, answer segments)."""
        todo: list[tuple[dict[str, Any], str, list[tuple[str, int, str]]]] = []
        per_exchange: list[tuple[Exchange, list[dict[str, Any]]]] = []
        for x in transcript.exchanges:
            segments = _segments(transcript, x.answer_turns, source_text)
            items = []
            for qid, qtext in self._questions(transcript, x, source_text):
                item: dict[str, Any] = {"question": qid}
                if qid is None:
                    item["text"] = qtext
                why = _not_judged(qid, segments)
                if why:
                    item.update({"clarity": None, "not_judged": why})
                    if not segments:
                        item["unanswered"] = True
                        counts["unanswered"] += 1
                    else:
                        counts["not_judged"] += 1
                else:
                    todo.append((item, qtext, segments))
                items.append(item)
            per_exchange.append((x, items))
        return per_exchange, todo

    def _judge(self, todo, counts: dict[str, int]) -> None:
        """The model's verdicts and the evidence, written into the items of ``todo``."""
        from ..clarity.evidence import addressing_batch, find_cues

        preds = self.model.predict([q for _, q, _ in todo], ["\n\n".join(t for *_, t in seg) for *_, seg in todo])
        found = addressing_batch(self.embedder, [q for _, q, _ in todo], [[t for *_, t in seg] for *_, seg in todo])
        cues_of: dict[str, list] = {}  # the questions of one exchange share its answer turns
        for (item, _qtext, segments), p, (addressing, shift) in zip(todo, preds, found):
            cues = []
            for tid, start, text in segments:
                if text not in cues_of:
                    cues_of[text] = find_cues(text)
                cues.extend(_cue_item(c, tid, start) for c in cues_of[text])
            item.update(_verdict(p))
            item["evidence"] = {
                "addressing": [
                    {
                        "turn": segments[a.segment][0],
                        "start_char": segments[a.segment][1] + a.start,
                        "end_char": segments[a.segment][1] + a.end,
                        "text": a.text,
                        "score": a.score,
                    }
                    for a in addressing
                ],
                "cues": cues,
                "topic_shift": shift,
            }
            counts[p.clarity] += 1


def _cue_item(c, tid: str, start: int) -> dict[str, Any]:
    return {
        "cue": c.cue,
        "type": c.type,
        "turn": tid,
        "start_char": start + c.start,
        "end_char": start + c.end,
        "text": c.text,
    }


def _verdict(p) -> dict[str, Any]:
    """A prediction's fields in a record: with a calibrated model ``confidence`` is the calibrated
    probability, ``raw_confidence`` the model's before calibration and ``uncertain`` whether the
    verdict is under the model's threshold."""
    out: dict[str, Any] = {"clarity": p.clarity, "clarity_probs": p.clarity_probs, "confidence": p.confidence}
    if p.uncertain is not None:
        out["raw_confidence"] = p.raw_confidence
        out["uncertain"] = p.uncertain
    out["evasion"] = p.evasion
    out["evasion_probs"] = p.evasion_probs
    return out
