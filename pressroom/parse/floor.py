"""Speaker passes over the floor: who holds it for follow-ups, and one speaker per named reporter
(see `parse/speakers.py` for the order they run in)."""

from __future__ import annotations

import re

from .cast import Cast, Who
from .kinds import WORD_CAP, passes_floor
from .segment import Segment
from .words import WORDS
from ..text import count_spaced_words, fold_typography

_CONTINUES = re.compile(
    r"^\s*(?:and|but|so|also|follow[- ]?up|a follow[- ]?up|just to follow|to follow up|just to be clear|"
    r"one more|one last|just one more|on that|sorry)\b",
    re.I,
)
_FLOOR_CALL = re.compile(
    r"\b(?:yes,? (?:sir|ma'am)|in the (?:back|front|middle)|you're up|over here|right here)\b[.?!]?\s*$", re.I
)


def moderator_threads(cast: Cast) -> None:
    """Pass: where a moderator calls on reporters, a reporter introduced by name keeps the floor for
    follow-ups until the next moderator turn or a briefer passes the floor on."""
    if not any(w.role == "moderator" for w in cast.order):
        return
    thread: Who | None = None
    for i, w in enumerate(cast.per_turn):
        if w.role == "moderator" or (
            w.role != "journalist" and passes_floor(fold_typography(cast.turns[i].text[:400]))
        ):
            thread = None
        elif w.anonymous and w.role == "journalist":
            if w.name:
                thread = w
            elif thread is not None:
                cast.move(i, thread)


def hands_on(text: str) -> bool:
    """Does a briefer's turn hand the floor to another reporter ("Next question.", "Go ahead.",
    "Yes, ma'am.", "In the back.")?"""
    head, tail = fold_typography(text[:400]), fold_typography(text[-120:])
    return passes_floor(head) or passes_floor(tail) or _FLOOR_CALL.search(tail) is not None


def keep_the_floor(cast: Cast) -> None:
    """Pass: a named reporter keeps the floor for follow-ups (`Q`, answer, `Q`, answer …) across
    short answers, and across long ones where the follow-up says it continues ("And …", "Just to
    follow up …") or its label marks a follow-up ("INTERLOCUTOR:" after "PREGUNTA:"), until a
    briefer hands the floor on ("Go ahead.", "Next question.", "Yes, ma'am.", a call-out) or a
    moderator speaks. Unnamed reporters are not joined: without a name the
    document does not say who asked."""
    holder: Who | None = None
    long_gap = False
    for i, w in enumerate(cast.per_turn):
        text = cast.turns[i].text
        if w.anonymous and w.role == "journalist":
            if w.name:
                holder, long_gap = w, False
            elif (
                holder is not None
                and cast.per_turn[i - 1] is not holder
                and (
                    not long_gap
                    or _CONTINUES.match(fold_typography(text[:400])) is not None
                    or _follow_up_label(cast.segs[i])
                )
            ):
                cast.move(i, holder)
                long_gap = False
            else:
                holder = None
        elif holder is not None:
            if w.role == "moderator" or hands_on(text):
                holder = None
            elif count_spaced_words(text, WORD_CAP) > 10:
                long_gap = True


def _follow_up_label(seg: Segment) -> bool:
    """A label that marks a follow-up (`followup_labels`: "Follow-up:", "INTERLOCUTOR:")."""
    return seg.label is not None and " ".join(seg.label.text.lower().split()) in WORDS["followup_labels"]


def merge_named(cast: Cast) -> None:
    """Pass: reporters given the same name (by call-outs, introductions) are one speaker."""
    merged: dict[str, Who] = {}
    for i, w in enumerate(cast.per_turn):
        if w.anonymous and w.name:
            k = "named:" + w.name.lower()
            if k in merged and merged[k] is not w:
                m = merged[k]
                cast.move(i, m)
                m.affiliation = m.affiliation or w.affiliation
            else:
                merged[k] = w
