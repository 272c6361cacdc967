"""Verdicts for one exchange at a time, from the clarity annotator."""

from __future__ import annotations

import copy


class ClarityJudge:
    """The clarity annotator run on one exchange: its items (clarity, confidence, evasion,
    evidence, or why a question is not judged), exactly as `pressroom analyze` writes them into
    ``exchange.annotations["clarity"]``. The model is loaded once, on the first verdict."""

    def __init__(self, annotator=None):
        if annotator is None:
            from ..annotate import get

            annotator = get("clarity")()
        self.annotator = annotator

    def load(self) -> None:
        """Load the model now (a second or two), not at the first answer."""
        self.annotator.model
        self.annotator.embedder

    def __call__(self, record, exchange, source_text: str) -> list[dict]:
        from ..record import Transcript

        one = Transcript(
            event=record.event, speakers=record.speakers, turns=record.turns, exchanges=[copy.deepcopy(exchange)]
        )
        self.annotator.prepare(one, source_text)()
        return one.exchanges[0].annotations.get("clarity", [])
