"""Turns from content, for a transcript that prints no speaker labels at all.

Transcripts made from a video's subtitles often carry no labels: the briefer's statement, then a
moderator's call-outs printed as bare lines (an outlet, "Al Jazeera", or a name), each followed
by the question of the reporter called and the answer. Such a text gets turns from its content:
a bare call-out line is a moderator's turn, the paragraph after it a question, what follows an
answer. A text with no such call-outs (a fact sheet) still has no turns.

A printed Q&A interview often carries no labels either: each question a paragraph wholly in bold
(`**…**`), the answers plain paragraphs after it (`emphasis_segments`). Paragraphs wholly in
italics before the first question are the editor's introduction, not speech.
"""

from __future__ import annotations

import re

from .lines import Lines
from .segment import Segment, looks_like_question, paragraphs

#: at least this many call-outs, each followed by a question, make a text a labelless transcript
MIN_CALLOUTS = 2
_CALLOUT_LINE = re.compile(r"^[A-Z0-9][\w'&.\-]*(?:\s+(?:[A-Z0-9][\w'&.\-]*|of|the|and|de|du|la|al|el|for)){0,5}$")


def is_callout_line(text: str) -> bool:
    """A paragraph that is nothing but an outlet's or a person's name ("Al Jazeera", "Reuters",
    "Anna Lee, CNN"): a moderator's call-out in a transcript without labels."""
    t = text.strip().rstrip(".")
    if "\n" in t or not t or len(t) > 60:
        return False
    return all(_CALLOUT_LINE.match(part.strip()) for part in t.split(",") if part.strip()) and t.count(",") <= 1


def content_segments(lines: Lines, start: int) -> list[Segment] | None:
    """Segments of a labelless transcript (see the module's docstring), or None when it holds
    fewer than `MIN_CALLOUTS` call-outs followed by a question."""
    paras = paragraphs(lines, start, len(lines))
    texts = [lines.norm_between(p0, p1) for p0, p1 in paras]
    calls = [k for k, t in enumerate(texts[:-1]) if is_callout_line(t) and looks_like_question(texts[k + 1])]
    if len(calls) < MIN_CALLOUTS:
        return None
    segs: list[Segment] = []
    calls_set = set(calls)
    state = "statement"
    for k, (p0, p1) in enumerate(paras):
        if k in calls_set:
            segs.append(Segment(p0, p1, None, forced="callout", paras=[p0]))
            state = "callout"
        elif state == "callout" or (state == "answer" and looks_like_question(texts[k])):
            segs.append(Segment(p0, p1, None, forced="question", paras=[p0]))
            state = "question"
        elif state == "question":
            segs.append(Segment(p0, p1, None, forced="answer", paras=[p0]))
            state = "answer"
        elif segs:
            segs[-1].last = p1
            segs[-1].paras.append(p0)
        else:
            segs.append(Segment(p0, p1, None, paras=[p0]))
    return segs


#: at least this many bold paragraphs, most of them reading as questions, make a bold-question interview
MIN_BOLD_QUESTIONS = 3
_BOLD_PARA = re.compile(r"\*\*(?=\S)[^\n]*?\S\*\*(?:\s*\*\*(?=\S)[^\n]*?\S\*\*)*[\s.?!\"')\]]*", re.S)
_ITALIC_PARA = re.compile(r"[*_](?=\S)[^*_]+?\S[*_][\s.]*", re.S)


def emphasis_segments(lines: Lines, start: int) -> list[Segment] | None:
    """Segments of an interview printed without labels, its questions in bold paragraphs (see the
    module's docstring), or None where fewer than `MIN_BOLD_QUESTIONS` bold paragraphs are each
    followed by a plain one, or fewer than half of them read as questions."""
    paras = paragraphs(lines, start, len(lines))
    texts = [lines.norm_between(p0, p1).strip() for p0, p1 in paras]
    bold = [_BOLD_PARA.fullmatch(t) is not None for t in texts]
    asked = [k for k in range(len(texts) - 1) if bold[k] and not bold[k + 1]]
    if len(asked) < MIN_BOLD_QUESTIONS or sum(looks_like_question(texts[k].strip("*")) for k in asked) * 2 < len(asked):
        return None
    segs: list[Segment] = []
    for k, (p0, p1) in enumerate(paras):
        if bold[k]:
            segs.append(Segment(p0, p1, None, forced="question", paras=[p0]))
        elif segs and segs[-1].forced in ("question", "answer"):
            if segs[-1].forced == "question":
                segs.append(Segment(p0, p1, None, forced="answer", paras=[p0]))
            else:
                segs[-1].last = p1
                segs[-1].paras.append(p0)
        elif _ITALIC_PARA.fullmatch(texts[k]) is None:  # the opening statement, not the introduction
            if segs:
                segs[-1].last = p1
                segs[-1].paras.append(p0)
            else:
                segs.append(Segment(p0, p1, None, paras=[p0]))
    return segs or None


def caption_segments(lines: Lines, start: int) -> list[Segment] | None:
    """Segments of a caption file that marks no speaker at all: one per paragraph (the caption
    reader starts one at each pause), speakers unknown. Captions are speech: never refused."""
    return [Segment(p0, p1, None, paras=[p0]) for p0, p1 in paragraphs(lines, start, len(lines))] or None
