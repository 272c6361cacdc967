"""Labels run together inside a line: some publishers print several turns in one paragraph
("… in Europe -- **SECRETARY DOE:** Which page are you looking at? **QUESTION:** The third, …").

Such a line is cut before each label that follows the end of a sentence (or a dash) and that the
document prints as a label elsewhere: bold (`**NAME:**`), or in capitals at the start of a
paragraph; and before a label glued to the sentence before with no space ("… your race.Max
Verstappen:Yeah"), where that form of label recurs; and before a label and its recording time
that close a line ("… as we know it. Moderator: [00:05:28]", the next speech below: a PDF's
text layer runs the label line into the paragraph before), where the document prints that label
with a time at a line's start too. Each piece becomes a line of its own (same line number), so the label starts a line
and the usual label rules apply.
"""

from __future__ import annotations

import re

from ..document import LabelHint
from .lines import Line, Lines
from .words import WORDS

#: a label in bold or in capitals after the end of a sentence or a dash, inside a line
_INSIDE = re.compile(
    r"(?<=[.?!\-\u2014\u2013\"'\u201d)\]])[ \t]+(?=(?P<label>(?:\*\*|__)[A-Z][^*_:\n]{0,70}?:\s*(?:\*\*|__)"
    r"|[A-Z][A-Z.'\- ]{0,70}[A-Z.]:(?=\s)))"
)
#: a label glued to the sentence before, no space between ("… your race.Max Verstappen:Yeah, …",
#: "… right?MV:That's …", "… here with you.CLINTON: Thank you."): the first letters of a name,
#: initials, a surname in capitals or Q, then a colon
_GLUED = re.compile(
    r"(?<=[.?!\u2026)\]\"'\u201d\u2019])(?P<label>Q|[A-Z]{2,3}|[A-Z][A-Z'\u2019\-]{3,20}"
    r"|[A-Z][a-z'\u2019\-]+(?: [A-Z][a-z'\u2019\-]+){1,2}):"
)
#: glued labels come from paragraphs run into one another: only lines this long are searched
MIN_GLUED_LINE = 300
#: a glued label is one only where its form recurs this often (a speaker glued to one sentence is prose)
MIN_GLUED = 3
_CAPS_COLON = re.compile(r"[A-Z.]:\s")  # a capitals label's last letter and colon, for a cheap first test
_AT_START = re.compile(r"^\s*(?:\*\*|__)?(?P<key>[A-Z][^*_:\n]{0,70}?)\s*:")
#: bold labels inside lines that make a document one that runs its turns together
MIN_BOLD_INSIDE = 2


def _key(label: str) -> str:
    return " ".join(label.strip("*_ :").upper().split())


def split_run_together(lines: Lines) -> tuple[Lines, list[LabelHint]]:
    """The lines, with every line that holds run-together labels cut before each of them, and a
    `LabelHint` for each glued label (its recurrence makes it one, whatever its word: "CC:")."""
    found, bold = _labels_inside(lines)
    glued = _glued(lines)
    for i, cuts in _timed_at_line_ends(lines).items():
        glued.setdefault(i, []).extend(cuts)
    for i, cuts in glued.items():
        found.setdefault(i, []).extend(cuts)
    if not found:
        return lines, []
    hints = [
        LabelHint(lines[i].start + pos, lines[i].start + pos + len(key) + 1, key)
        for i, cuts in glued.items()
        for pos, _, key in cuts
    ]
    return _cut(lines, found, bold), hints


def _labels_inside(lines: Lines) -> tuple[dict[int, list], int]:
    """Labels inside lines, by line index: (end of the label, in bold?, key), bold ones or those the
    document also prints at paragraph starts; and how many bold ones there are."""
    at_start: set[str] | None = None  # what the document prints at paragraph starts, read on first need
    found: dict[int, list] = {}
    bold = 0
    for i, ln in enumerate(lines):
        if ln.blank or ":" not in ln.norm or not ("**" in ln.norm or "__" in ln.norm or _CAPS_COLON.search(ln.norm)):
            continue
        for m in _INSIDE.finditer(ln.norm):
            if _after_abbreviation(ln.norm, m.start()):
                continue  # "REP. JOHN B. ANDERSON:": an initial's or a title's full stop ends no sentence
            label = m.group("label")
            is_bold = label.startswith(("**", "__"))
            bold += is_bold
            if not is_bold and at_start is None:
                at_start = _printed_at_start(lines)
            if is_bold or _key(label) in at_start:
                found.setdefault(i, []).append((m.end(), is_bold, _key(label)))
    return found, bold


#: how far back `_after_abbreviation` looks for the word before a full stop
_WORD_WINDOW = 40


def _after_abbreviation(text: str, at: int) -> bool:
    """Does the full stop before ``at`` close an initial or a title's abbreviation ("B.", "REP.")?"""
    if at < 2 or text[at - 1] != ".":
        return False
    # the word before, from a short window: slicing the line up to ``at`` for each label made a
    # transcript on one line quadratic (an initial or a title is far shorter than the window, and a
    # longer word is neither however it is cut)
    before = text[max(0, at - 1 - _WORD_WINDOW) : at - 1]
    word = before.rsplit(None, 1)[-1].strip("*_(\"'") if before.strip() else ""
    return (len(word) == 1 and word.isupper()) or word.capitalize() in WORDS["title_abbreviations"]


def _cut(lines: Lines, found: dict[int, list], bold: int) -> Lines:
    """The lines, each cut before the labels found in it (bold ones only where there are
    ``MIN_BOLD_INSIDE`` of them)."""
    out = Lines()
    out.norm_text, out.base = lines.norm_text, lines.base
    for i, ln in enumerate(lines):
        cuts = sorted({pos for pos, is_bold, key in found.get(i, ()) if (bold >= MIN_BOLD_INSIDE if is_bold else True)})
        if not cuts:
            out.append(ln)
            continue
        prev, para = 0, ln.para_start
        for pos in cuts + [len(ln.norm)]:
            out.append(
                Line(
                    ln.no,
                    ln.start + prev,
                    ln.start + pos if pos < len(ln.norm) else ln.end,
                    ln.norm[prev:pos],
                    para,
                    False,
                    ln._src,
                )
            )
            prev, para = pos, True
    return out


def _printed_at_start(lines: Lines) -> set[str]:
    """The labels a document prints at paragraph starts (upper-cased), and those in capitals it
    prints at the start of two lines or more (a typescript's hard-wrapped lines, one paragraph)."""
    out = set()
    at_lines: dict[str, int] = {}
    for ln in lines:
        head = ln.norm[:80]
        if ln.blank or ":" not in head or not (ln.para_start or head.lstrip(" *_")[:1].isupper()):
            continue  # cheap first: most lines are speech
        hit = _AT_START.match(ln.norm)
        if hit is None:
            continue
        key = _key(hit.group("key"))
        if ln.para_start:
            out.add(key)
        elif _CAPS_LABEL.fullmatch(hit.group("key").strip()):
            at_lines[key] = at_lines.get(key, 0) + 1
    return out | {k for k, n in at_lines.items() if n >= 2}


_CAPS_LABEL = re.compile(r"[A-Z][A-Z.'\- ]{0,70}[A-Z.]")


def _glued(lines: Lines) -> dict[int, list[tuple[int, bool, str]]]:
    """Labels glued to the sentence before (see `_GLUED`), where their form recurs."""
    hits: dict[int, list[tuple[int, bool, str]]] = {}
    counts: dict[str, int] = {}
    for i, ln in enumerate(lines):
        if len(ln.norm) < MIN_GLUED_LINE or ":" not in ln.norm:
            continue
        for m in _GLUED.finditer(ln.norm):
            key = m.group("label")
            counts[key] = counts.get(key, 0) + 1
            hits.setdefault(i, []).append((m.start(), False, key))

    def recurs(key: str) -> bool:  # or, for a full name printed once, its initials recur ("MV:")
        words = key.split()
        return counts[key] >= MIN_GLUED or (
            len(words) >= 2 and counts.get("".join(w[0] for w in words), 0) >= MIN_GLUED
        )

    return {i: kept for i, cuts in hits.items() if (kept := [c for c in cuts if recurs(c[2])])}


#: a label of one to four capitalised words, a colon and a recording time in brackets ("Jane Roe: [00:05")
_TIMED_LABEL = (
    r"(?P<label>[A-Z\u00c0-\u00de][^\s:\[\]]*(?:[ \t][A-Z\u00c0-\u00de][^\s:\[\]]*){0,3}):[ \t]*\[\d{1,2}:\d{2}"
)
#: such a label closing a line, after the end of a sentence ("… it. Jane Roe: [00:05:28]")
_TIMED_AT_END = re.compile(r"(?<=[.?!\u2026\"'\u201d\u2019)\]])[ \t]+" + _TIMED_LABEL + r"(?::\d{2})?\][ \t]*$")
#: the same label and time opening a line
_TIMED_AT_START = re.compile(r"[ \t]*" + _TIMED_LABEL)


def _timed_at_line_ends(lines: Lines) -> dict[int, list[tuple[int, bool, str]]]:
    """Labels with their recording time closing a line (`_TIMED_AT_END`), where the document also
    opens a line with that label and a time."""
    hits: dict[int, list[tuple[int, bool, str]]] = {}
    norm_text = getattr(lines, "norm_text", None)
    if norm_text is not None and ": [" not in norm_text and ":[" not in norm_text and ":\t[" not in norm_text:
        return hits  # no label and time anywhere: the usual case, told in one scan
    for i, ln in enumerate(lines):
        if ln.blank or not ln.norm.rstrip().endswith("]") or ":" not in ln.norm:
            continue
        m = _TIMED_AT_END.search(ln.norm)
        if m:
            hits[i] = [(m.start("label"), False, m.group("label"))]
    if not hits:
        return hits
    at_start = {m.group("label") for ln in lines if (m := _TIMED_AT_START.match(ln.norm))}
    return {i: cuts for i, cuts in hits.items() if cuts[0][2] in at_start}
