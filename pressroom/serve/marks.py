"""Turn text as safe HTML with marked spans (search terms, questions, clarity evidence).

Everything from a transcript is untrusted: every character goes through
`markupsafe.escape`; the only markup added is ``<p>``, ``<br>``, ``<mark>`` and ``<span>``
with class names from `CLASSES` and escaped ``title`` attributes. A blank line starts a
paragraph; a single line break inside one (PDF lines, e-mail wrapped at 72 characters) is
shown as a space, except before a list item (``- ``, ``• ``, ``1. ``), which starts a line. Overlapping marks are
split into segments that carry every class covering them, so the output never nests
badly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from markupsafe import Markup, escape

from ..search import Term, fold

#: the mark classes this module may emit (anything else is dropped)
CLASSES = ("hl", "question", "cue", "addressing", "entity")
_PARA = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Mark:
    start: int  # offsets into the turn's text
    end: int
    cls: str
    title: str | None = None


@lru_cache(maxsize=256)
def _ascii_pattern(terms: tuple[Term, ...]) -> re.Pattern:
    """One regular expression for the terms, for ASCII text (where folding is lower-casing):
    a term's words separated by anything but letters and digits, as the index splits them."""
    alts = []
    for term in sorted(terms, key=lambda t: -len(t.words)):  # longer phrases first
        body = r"[\W_]+".join(re.escape(w) for w in term.words)
        alts.append(body + (r"[^\W_]*" if term.prefix else ""))
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alts) + r")(?![^\W_])", re.IGNORECASE)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _ascii_letters(text: str) -> bool:
    """Whether every letter and digit of ``text`` is ASCII (curly quotes, dashes and
    no-break spaces may be there): then folding is lower-casing and a regex matches."""
    return text.isascii() or not any(ch.isalnum() for ch in set(_NON_ASCII.findall(text)))


def term_marks(text: str, terms: Sequence[Term]) -> list[Mark]:
    """Marks for every occurrence of the query's terms (words, phrases, prefixes) in ``text``,
    matched as the index matches them (case and accents ignored)."""
    if not terms:
        return []
    if _ascii_letters(text) and all(w.isascii() for t in terms for w in t.words):
        lowered = text.lower()
        if not any(t.words[0] in lowered for t in terms):
            return []
        return [Mark(m.start(), m.end(), "hl") for m in _ascii_pattern(tuple(terms)).finditer(text)]
    return folded_marks(text, terms)


def folded_marks(text: str, terms: Sequence[Term]) -> list[Mark]:
    """`term_marks` for any text: every word folded (lower case, no accents) and compared."""
    words = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(text)]
    out: list[Mark] = []
    for term in terms:
        n = len(term.words)
        for i in range(len(words) - n + 1):
            window = words[i : i + n]
            if any(window[k][2] != term.words[k] for k in range(n - 1)):
                continue
            last = window[-1][2]
            if last == term.words[-1] or (term.prefix and last.startswith(term.words[-1])):
                out.append(Mark(window[0][0], window[-1][1], "hl"))
    return out


def _segments(start: int, end: int, marks: Sequence[Mark]) -> list[tuple[int, int, list[Mark]]]:
    """Split [start, end) at every mark boundary; each piece lists the marks covering it."""
    cuts = {start, end}
    inside = [m for m in marks if m.start < end and m.end > start and m.cls in CLASSES]
    for m in inside:
        cuts.add(max(start, m.start))
        cuts.add(min(end, m.end))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:]):
        if a < b:
            out.append((a, b, [m for m in inside if m.start <= a and m.end >= b]))
    return out


#: a line break followed by a list item's marker: kept as ``<br>`` (any other is a space)
_LIST_BREAK = re.compile(r"[ \t]*\r?\n[ \t]*(?=(?:[-*\u2022\u2013\u25aa\u25e6]|\d{1,2}[.)]|\([a-z\d]{1,2}\))[ \t])")
_BREAK = re.compile(r"[ \t]*\r?\n[ \t]*")


def _lines_joined(text: str, start: int, end: int) -> str:
    """``text[start:end]`` escaped, its line breaks as spaces (before a list item: ``<br>``;
    the whole text is looked at, so a mark starting at the item changes nothing)."""
    out = []
    pos = start
    for m in _BREAK.finditer(text, start, end):
        out.append(str(escape(text[pos : m.start()])))
        out.append("<br>" if _LIST_BREAK.match(text, m.start()) else " ")
        pos = m.end()
    out.append(str(escape(text[pos:end])))
    return "".join(out)


def _piece(text: str, start: int, end: int, covering: list[Mark]) -> str:
    body = _lines_joined(text, start, end)
    if not covering:
        return body
    classes = sorted({m.cls for m in covering}, key=CLASSES.index)
    titles = [m.title for m in covering if m.title]
    attr = f' title="{escape(" · ".join(titles))}"' if titles else ""
    if "hl" in classes:
        rest = [c for c in classes if c != "hl"]
        cls = f' class="{" ".join(rest)}"' if rest else ""
        return f"<mark{cls}{attr}>{body}</mark>"
    return f'<span class="{" ".join(classes)}"{attr}>{body}</span>'


def paragraphs(text: str) -> list[tuple[int, int]]:
    """[start, end) of each paragraph (blank lines separate them; outer spaces trimmed)."""
    out = []
    pos = 0
    for m in list(_PARA.finditer(text)) + [None]:
        stop = m.start() if m else len(text)
        a, b = pos, stop
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
        if m:
            pos = m.end()
    return out


def render(text: str, marks: Iterable[Mark] = ()) -> Markup:
    """``text`` as escaped HTML paragraphs with ``marks`` applied. A line break inside a
    paragraph is a space (the record keeps it; on the page the paragraph flows), except
    before a list item."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    html = []
    for a, b in paragraphs(text):
        pieces = "".join(_piece(text, s, e, cov) for s, e, cov in _segments(a, b, marks))
        html.append(f"<p>{pieces}</p>")
    return Markup("".join(html))


def locate(
    turn_text: str, offset: int, start: int | None, end: int | None, quoted: str | None
) -> tuple[int, int] | None:
    """Where an annotation's span lies in a turn's text. Annotations give character offsets
    into the source text (``offset`` is where the turn's text starts there) or, from some
    annotators, into the turn's own text; the quoted ``text`` decides, and is searched for
    when neither offset fits."""
    candidates = []
    if isinstance(start, int) and isinstance(end, int) and end > start:
        candidates = [(start - offset, end - offset), (start, end)]
    for a, b in candidates:
        if 0 <= a < b <= len(turn_text) and (not quoted or turn_text[a:b] == quoted):
            return a, b
    if quoted:
        i = turn_text.find(quoted)
        if i >= 0:
            return i, i + len(quoted)
        return None
    for a, b in candidates:  # no quote to check against: trust absolute offsets if they fit
        if 0 <= a < b <= len(turn_text):
            return a, b
    return None
