"""Body → raw turns (segments): where each turn starts and ends, and which label opened it."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .labels import Label
from .lines import Line, Lines
from .header import _SEPARATOR, _TIME, is_sentence
from ..text import fold_typography

_END = re.compile(r"^\s*END\b(?:\s+\d{1,2}[:.]\d{2}.*)?\s*$")
_FOOTER = re.compile(
    r"^\s*(?:disclaimer|reproduction is permitted|all rights reserved|copyright|©|find out more|share this|"
    r"back to top|print this page|related (?:content|links|articles)|see also|subscribe|follow us|"
    r"directorate general communications|calendars$|"
    # a publisher's imprint and press contacts, which close a page in any language
    r"impressum$|imprint$|legal notice$|mentions l[ée]gales$|aviso legal$|"
    r"(?:press|media) contacts?$|pressekontakt|ansprechpartner(?:in)? in der redaktion|contact presse)",
    re.I,
)
_CLOSING = re.compile(
    r"^\s*(?:thank you|thanks)[,!.]?\s*(?:very much[,.]?\s*)?(?:mr\.?|madam|mister|madame)\s+(?:president|secretary|chairman|chair|prime minister|governor|speaker)[.!]*\s*$",
    re.I,
)
_ANSWER_CONT = re.compile(
    r"^\s*(?:on (?:the|your) (?:first|second|third|last|other)|now,|as (?:for|regards|to)|regarding|concerning|"
    r"second(?:ly)?,|third(?:ly)?,|finally,|first(?:ly)?,|let me|so,? (?:the|to|we|i)|and (?:the|on|as|then|finally)|"
    r"but |this is|that is|we |i think|i would|it is|it's|there (?:is|are|was|were)|in (?:the|our|any)|the )",
    re.I,
)
_QUESTION_START = re.compile(
    r"^\s*(?:my (?:first |second |third |last |other )?question|i have (?:a|two|three|one)|i(?:'d| would) like to ask|"
    r"(?:two|three|a couple of|a few) (?:short |quick )?questions|(?:a |one )?(?:short |quick )?question|"
    r"mr\.? \w+,|madam \w+,|president \w+,|can you|could you|would you|will you|do you|did you|are you|"
    r"you (?:said|mentioned|spoke|talked|just said)|just (?:a|to) follow|"
    r"following up|a follow-up|follow-up|coming back|going back|back to|on the (?:issue|question|topic) of)",
    re.I,
)


@dataclass
class Segment:
    first: int  # index of the first line
    last: int  # index of the last non-blank line
    label: Label | None
    forced: str | None = None  # "question" / "closing" for unlabelled turns the content gives away
    paras: list[int] = field(default_factory=list)  # first line index of every paragraph


@dataclass
class Apparatus:
    kind: str
    first: int
    last: int


def paragraphs(lines: list[Line], start: int, stop: int) -> list[tuple[int, int]]:
    out = []
    i = start
    while i < stop:
        if lines[i].blank:
            i += 1
            continue
        j = i
        while j + 1 < stop and not lines[j + 1].blank:
            j += 1
        out.append((i, j))
        i = j + 1
    return out


def looks_like_question(text: str) -> bool:
    """Does an unlabelled paragraph after an answer read as a reporter's question?"""
    t = fold_typography(text).strip()
    if t.rstrip("\"')]").endswith("?"):
        return True
    if _QUESTION_START.match(t):
        return True
    if len(t.split()) <= 12 and re.search(r"\bmy (?:first |second |third |last |other )?question\b", t, re.I):
        return True
    if "?" in t and re.search(r"\byou(?:r)?\b", t, re.I) and not _ANSWER_CONT.match(t):
        return True
    return False


def _emphasised(text: str) -> bool:
    """A paragraph set wholly in bold or italics (``**…**``, ``__…__``)."""
    t = text.strip()
    return len(t) > 4 and t[:2] in ("**", "__") and t[-2:] == t[:2]


#: "my second question", "the other point": a reporter going on, not an unlabelled answer
_NEXT_QUESTION = re.compile(
    r"\s*(?:my |the |and (?:my |the )?)?(?:second|third|other|last|next) (?:question|one|point)", re.I
)


def segment(
    lines: Lines, start: int, labels: dict[int, Label], unlabelled_questions: bool, unlabelled_answers: bool = False
) -> tuple[list[Segment], list[Apparatus]]:
    """Cut lines[start:] into turns. `unlabelled_questions`: the document labels its answers but
    not its questions (ECB style), so unlabelled question paragraphs after an answer start turns."""
    label_lines = sorted(i for i in labels if i >= start)
    cut = _Cut(lines, label_lines, unlabelled_questions, unlabelled_answers, labels)
    # cut into label-delimited blocks, then look at the unlabelled paragraphs inside them
    bounds = [start] + label_lines + [len(lines)]
    for bi in range(len(bounds) - 1):
        a, b = bounds[bi], bounds[bi + 1]
        if a >= b:
            continue
        label = labels.get(a)
        paras = paragraphs(lines, a, b)
        if label is not None and not paras:
            continue
        for pi, (p0, p1) in enumerate(paras):
            if label is not None and p0 == a:  # the paragraph the label opens
                cut.aside = cut.ended = cut.after_separator = False
                cut.segs.append(Segment(p0, p1, label, paras=[p0]))
                continue
            last = bi == len(bounds) - 2 and pi == len(paras) - 1
            if cut.paragraph(p0, p1, last):  # the footer: the body ends there
                return cut.segs, cut.app
    return cut.segs, cut.app


#: the most labels a page's closing block holds (a press contact, "Further information:")
MAX_PAGE_LABELS = 3


@dataclass
class _Cut:
    """One `segment` run: the turns and apparatus so far, and what the paragraphs before set."""

    lines: Lines
    label_lines: list[int]
    unlabelled_questions: bool
    unlabelled_answers: bool
    labels: dict[int, Label]
    segs: list[Segment] = field(default_factory=list)
    app: list[Apparatus] = field(default_factory=list)
    ended: bool = False  # after an END line
    after_separator: bool = False
    aside: bool = False  # inside a box set aside in the article

    def turn(self, p0: int, p1: int, forced: str | None = None) -> None:
        """An unlabelled paragraph starts a turn."""
        self.segs.append(Segment(p0, p1, None, forced=forced, paras=[p0]))

    def paragraph(self, p0: int, p1: int, last: bool) -> bool:
        """Place one paragraph no label opens (`last`: the body's last); True when it starts the footer."""
        text = self.lines.norm_between(p0, p1)
        stripped = text.strip()
        placed = self.apparatus(p0, p1, stripped)
        if placed is not None:
            return placed == "footer"
        if not self.segs:
            self.turn(p0, p1)
            return False
        prev = self.segs[-1]
        if self.forced_turn(prev, p0, p1, text, stripped, last) or self.after_apparatus(prev, p0, p1, stripped):
            return False
        prev.last = p1  # the turn before goes on
        prev.paras.append(p0)
        self.after_separator = False
        return False

    def apparatus(self, p0: int, p1: int, stripped: str) -> str | None:
        """Separators, END lines and the closing time after them, asides and footers: the kind of
        apparatus the paragraph is (it is recorded), or None for speech."""
        app = self.app
        if self.aside and len(stripped.split()) <= 12 and not stripped.endswith((".", "?", "!", '"', "\u201d")):
            app[-1].last = p1  # a title in the box
            return "aside"
        self.aside = False
        if _SEPARATOR.match(stripped):
            app.append(Apparatus("separator", p0, p1))
            self.after_separator = True
            return "separator"
        if _END.match(stripped):
            app.append(Apparatus("end", p0, p1))
            self.ended = True
            return "end"
        if self.ended and (_TIME.match(stripped) or len(stripped.split()) <= 12):
            app.append(Apparatus("end", p0, p1))
            return "end"
        if self.heading(p1, stripped):
            app.append(Apparatus("heading", p0, p1))
            return "heading"
        if _FOOTER.match(stripped):
            if self.speaks_again(p1):
                # a box inside the article ("See also …", "Share this"): labels follow, so not the footer;
                # its short lines that end no sentence (the links' titles) go with it
                app.append(Apparatus("aside", p0, p1))
                self.aside = True
                return "aside"
            app.append(Apparatus("footer", p0, len(self.lines) - 1))
            return "footer"
        return None

    def speaks_again(self, p1: int) -> bool:
        """Do labels follow line `p1`: more than `MAX_PAGE_LABELS`, or one that ends as a label
        printed before it does ("VLADIMIR PUTIN" after "PRESIDENT OF RUSSIA VLADIMIR PUTIN"),
        where there is one? A few labels after a footer's first line that end as none of the
        speakers' so far (a contact's name, "Further information:") are the page's."""
        after = [self.labels[i].key for i in self.label_lines if i > p1]
        if len(after) > MAX_PAGE_LABELS:
            return True  # a transcript goes on: a box of links set in it
        before = {k.split()[-1] for i in self.label_lines if i < p1 and (k := self.labels[i].key)}
        return bool(after) and (not before or any(k.split()[-1] in before for k in after if k))

    def heading(self, p1: int, stripped: str) -> bool:
        """A section heading between turns: a short line set wholly in bold or as a Markdown heading
        ("**2. Berkshire directors introduced**", "#### Intro"), ending no sentence, with a label
        right after it. The turns on either side stay apart, even the same speaker's."""
        t = stripped.lstrip("#").strip() if stripped.startswith("#") else stripped
        if not (stripped.startswith("#") or _emphasised(t)) or "\n" in t:
            return False
        t = t.strip("*_ ")
        if not t or len(t.split()) > 14 or t.endswith((".", ",", ";", ":")):
            return False  # a heading may ask ("What is a Breaking Change?"), not end a sentence
        nxt = bisect.bisect_right(self.label_lines, p1)
        return nxt < len(self.label_lines) and all(self.lines[k].blank for k in range(p1 + 1, self.label_lines[nxt]))

    def forced_turn(self, prev: Segment, p0: int, p1: int, text: str, stripped: str, last: bool) -> bool:
        """Does the paragraph start an unlabelled turn the content gives away (an answer after a
        question set in bold, a closing "Thank you, Mr. President", a question or an answer where
        the document labels only the other)? It is recorded."""
        lines = self.lines
        if (
            prev.label is not None
            and prev.label.kind != "a"
            and len(prev.paras) == 1
            and _emphasised(lines.norm_between(prev.first, prev.last))
            and not _emphasised(stripped)
            and lines.norm_text[prev.label.end - lines.base : lines[prev.last].end - lines.base].strip(" *_\n")
        ):
            # "**Reporter: Minister, what is …?**" then a plain paragraph: an interview that sets
            # its questions in bold and leaves the answers unlabelled
            self.turn(p0, p1, "answer")
            return True
        if last and _CLOSING.match(stripped) and prev.forced != "closing":
            self.turn(p0, p1, "closing")
            return True
        if not self.unlabelled_questions:
            return False
        prev_is_question = prev.forced == "question" or (prev.label is not None and prev.label.kind == "q")
        if (
            self.unlabelled_answers
            and prev.forced == "question"
            and not looks_like_question(text)
            and not _NEXT_QUESTION.match(text)
        ):
            self.turn(p0, p1, "answer")
            return True
        in_opening = prev.label is None and prev.forced is None and not self.after_separator
        if not prev_is_question and not in_opening and (looks_like_question(text) or self.after_separator):
            self.turn(p0, p1, "question")
            self.after_separator = False
            return True
        return False

    def after_apparatus(self, prev: Segment, p0: int, p1: int, stripped: str) -> bool:
        """After a separator: a sub-heading (recorded as apparatus), or the same speaker going on
        in a new turn. True when the paragraph was placed."""
        app = self.app
        if app and app[-1].first > prev.last and app[-1].kind in ("separator", "heading") and not is_sentence(stripped):
            app.append(Apparatus("heading", p0, p1))  # a sub-heading after '* * *'
            return True
        if app and app[-1].first > prev.last:
            # the previous turn ended before a separator: the same speaker goes on in a new turn
            self.turn(p0, p1, "continued")
            self.after_separator = False
            return True
        return False
