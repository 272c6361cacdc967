"""Turns from content, for a transcript that prints no speaker labels at all.

Transcripts made from a video's subtitles often carry no labels: the briefer's statement, then a
moderator's call-outs printed as bare lines (an outlet, "Al Jazeera", or a name), each followed
by the question of the reporter called and the answer. Such a text gets turns from its content:
a bare call-out line is a moderator's turn, the paragraph after it a question, what follows an
answer. A text with no such call-outs (a fact sheet) still has no turns.

A printed Q&A interview often carries no labels either: each question a paragraph wholly in bold
(`**…**`), or a heading that asks (`### Why now? {#why-now .article__question}`, a newspaper's
page), the answers plain paragraphs after it (`emphasis_segments`); a pull quote, an image or a
"see also" box between a question and its answer is no speech. Before the first question, plain
paragraphs are the journalist's standfirst, unless an introduction in italics comes before them:
then they are the opening statement it announces. Paragraphs wholly in
italics before the first question are the editor's introduction, not speech.
"""

from __future__ import annotations

import re

from collections import Counter

from ..text import fold_case_and_accents
from .cast import Cast, Who
from .lines import Lines
from .people import capitalised_runs, name_words, split_title_name
from .segment import Segment, looks_like_question, paragraphs
from .words import WORDS

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


#: a Markdown heading, its attributes after it ("### Why now? {#why-now .article__question}")
HEADING = re.compile(r"#{1,6}[ \t]+(?P<text>[^\n]+?)[ \t]*(?:\{[^{}\n]*\})?[ \t]*")


def _asking_heading(text: str) -> bool:
    """Is the paragraph a heading that asks (a newspaper's interview prints its questions so)?"""
    m = HEADING.fullmatch(text)
    return m is not None and looks_like_question(m.group("text"))


def _bare(text: str) -> str:
    """A bold paragraph's or a heading's words."""
    m = HEADING.fullmatch(text)
    return m.group("text") if m else text.strip("*")


#: a paragraph that is only a link or an image (`[…](…)`, `![…](…)`, Pandoc's attributes after it)
_LINK_ONLY = re.compile(r"!?\[[^\]\n]*\]\([^()\s]*\)(?:\{[^{}\n]*\})?")
#: the words that may lead a "see also" box's link ("Lire aussi", "Read more")
MAX_BOX_LEAD_WORDS = 4


def _furniture_rows(text: str) -> int:
    """How many of a paragraph's first lines are a page's furniture set before an answer: a pull
    quote (`> « … »`), an image or a link alone, or a "see also" box (a few words, then a link alone
    on its line, or both on one line)."""
    rows = text.split("\n")
    quoted = next((i for i, r in enumerate(rows) if not r.lstrip().startswith(">")), len(rows))
    if quoted:
        return quoted
    for n in (1, 2):
        head = " ".join(r.strip() for r in rows[:n])
        at = head.find("[")
        lead = head[: at if at > 0 and head[at - 1] != "!" else max(at - 1, 0)].strip() if at >= 0 else head
        if at >= 0 and len(lead.split()) <= MAX_BOX_LEAD_WORDS and _LINK_ONLY.fullmatch(head[len(lead) :].strip()):
            return n
    return 0


def emphasis_segments(lines: Lines, start: int) -> list[Segment] | None:
    """Segments of an interview printed without labels, its questions in bold paragraphs (see the
    module's docstring), or None where fewer than `MIN_BOLD_QUESTIONS` bold paragraphs are each
    followed by a plain one, or fewer than half of them read as questions."""
    paras = paragraphs(lines, start, len(lines))
    texts = [lines.norm_between(p0, p1).strip() for p0, p1 in paras]
    bold = [_BOLD_PARA.fullmatch(t) is not None or _asking_heading(t) for t in texts]
    asked = [k for k in range(len(texts) - 1) if bold[k] and not bold[k + 1]]
    if len(asked) < MIN_BOLD_QUESTIONS or sum(looks_like_question(_bare(texts[k])) for k in asked) * 2 < len(asked):
        return None
    segs: list[Segment] = []
    introduced = False  # an introduction in italics came before: plain paragraphs after it speak
    for k, (p0, p1) in enumerate(paras):
        if bold[k]:
            segs.append(Segment(p0, p1, None, forced="question", paras=[p0]))
        elif segs and segs[-1].forced in ("question", "answer"):
            boxed = _furniture_rows(texts[k]) if segs[-1].forced == "question" else 0
            leads_a_box = k + 1 < len(texts) and _LINK_ONLY.fullmatch(texts[k + 1]) is not None
            if boxed == texts[k].count("\n") + 1 or (
                segs[-1].forced == "question" and leads_a_box and len(texts[k].split()) <= MAX_BOX_LEAD_WORDS
            ):
                continue  # a pull quote, an image or a "see also" box before the answer: no speech
            if segs[-1].forced == "question":
                segs.append(Segment(p0 + boxed, p1, None, forced="answer", paras=[p0 + boxed]))
            else:
                segs[-1].last = p1
                segs[-1].paras.append(p0)
        elif _ITALIC_PARA.fullmatch(texts[k]) is not None:
            introduced = True  # the editor's introduction, not speech
        elif segs:
            segs[-1].last = p1
            segs[-1].paras.append(p0)
        elif introduced:
            segs.append(Segment(p0, p1, None, paras=[p0]))  # the opening statement the introduction announces
    return segs or None


def caption_segments(lines: Lines, start: int) -> list[Segment] | None:
    """Segments of a caption file that marks no speaker at all: one per paragraph (the caption
    reader starts one at each pause), speakers unknown. Captions are speech: never refused."""
    return [Segment(p0, p1, None, paras=[p0]) for p0, p1 in paragraphs(lines, start, len(lines))] or None


#: a headline that quotes someone: their name, a colon, the quote ("Jane Roe : « … »", 'Jane Roe: "…"')
_QUOTED_BY = re.compile(r"\s*(?P<name>[^\W\d_][^:«»\"“”]{0,60}?)\s*:\s*[«\"“]")
#: a word of a name: letters, an inner hyphen or apostrophe ("Jean-Luc", "O'Neill")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*")


def interviewee(cast: Cast) -> None:
    """Pass: the one who answers a printed interview without labels (every turn from its content,
    `emphasis_segments`) is its principal, and the person its headline quotes ("Jane Roe : « … »"), else the one its
    standfirst (all before the first answer) names most, twice at least, else the first it names
    there in full."""
    if not cast.segs or any(s.label is not None for s in cast.segs):
        return
    answering = {id(cast.per_turn[i]): cast.per_turn[i] for i, s in enumerate(cast.segs) if s.forced == "answer"}
    if len(answering) != 1:
        return
    (w,) = answering.values()
    w.role, w.stated = "principal", True  # the page's layout says who answers
    if w.name:
        return
    quoted = _QUOTED_BY.match(cast.header.title or "")
    # what the page prints before the first answer: the headline, the standfirst (in bold, as the
    # questions are, it may have been read as one) and the byline
    first = next(i for i, s in enumerate(cast.segs) if cast.per_turn[i] is w)
    named = _full_names(cast.text[: cast.turns[first].start_char])
    if quoted and all(_NAME_WORD.fullmatch(x) for x in quoted.group("name").split()):
        w.name = quoted.group("name").strip()
    elif named:
        (top, n), *_ = Counter(named).most_common(1)
        w.name = top if n >= 2 else named[0]
    # the byline may come after the standfirst, in what was read as the first answer: up to the next question
    ask = next((i for i, s in enumerate(cast.segs) if i > first and s.forced == "question"), len(cast.segs) - 1)
    _interviewer(cast, w, cast.text[: cast.turns[ask].start_char])


#: a byline alone on its line ("_por Jane Roe_", "by Jane Roe"), emphasis around it allowed
_BYLINE = re.compile(
    r"^[ \t]*[*_]*(?:" + "|".join(sorted(WORDS["byline_leads"])) + r")[ \t]+(?P<name>[^\n*_]{3,80}?)[*_]*[ \t]*$",
    re.M | re.I,
)


def _interviewer(cast: Cast, answering: Who, before: str) -> None:
    """The one who asks a printed interview (the speaker of every asking turn, none of them named)
    is the person its byline names before the first question after the first answer ("_por Jane
    Roe_"), where it names one."""
    asking = {id(cast.per_turn[i]): cast.per_turn[i] for i, s in enumerate(cast.segs) if s.forced == "question"}
    if not asking or any(q.name or q is answering for q in asking.values()):
        return
    names = {n for m in _BYLINE.finditer(before) for n in _full_names(m.group("name"))}
    if len(names) != 1 or next(iter(names)) == answering.name:
        return
    q, *others = asking.values()
    for other in others:
        cast.merge(other, q)  # one person asks: one speaker
    q.name = next(iter(names))


def _full_names(text: str) -> list[str]:
    """The full names (two to four words, no title among them) a text prints, in order; none in
    quotation marks (a headline's quote)."""
    quoted = {fold_case_and_accents(q) for q in re.findall(r"[«\"“]([^«»\"“”]{1,200})[»\"”]", text)}
    out = []
    for _, run in capitalised_runs(text):
        _, words = split_title_name(run)
        if 2 <= len(words) <= 4 and name_words(words) and all(map(_NAME_WORD.fullmatch, words)):
            name = " ".join(words)
            if not any(fold_case_and_accents(name) in q for q in quoted):
                out.append(name)
    return out
