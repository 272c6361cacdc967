"""Labels run together inside a line: some publishers print several turns in one paragraph
("… in Europe -- **SECRETARY DOE:** Which page are you looking at? **QUESTION:** The third, …").

Such a line is cut before each label that follows the end of a sentence (or a dash) and that the
document prints as a label elsewhere: bold (`**NAME:**`), or in capitals at the start of a
paragraph. Each piece becomes a line of its own (same line number), so the label starts a line
and the usual label rules apply.
"""
from __future__ import annotations

import re

from .lines import Line, Lines

#: a label in bold or in capitals after the end of a sentence or a dash, inside a line
_INSIDE = re.compile(
    r"(?<=[.?!\-\u2014\u2013\"'\u201d)\]])[ \t]+(?=(?P<label>(?:\*\*|__)[A-Z][^*_:\n]{0,70}?:\s*(?:\*\*|__)"
    r"|[A-Z][A-Z.'\- ]{0,70}[A-Z.]:(?=\s)))")
_AT_START = re.compile(r"^\s*(?:\*\*|__)?(?P<key>[A-Z][^*_:\n]{0,70}?)\s*:")
#: bold labels inside lines that make a document one that runs its turns together
MIN_BOLD_INSIDE = 2


def _key(label: str) -> str:
    return " ".join(label.strip("*_ :").upper().split())


def split_run_together(lines: Lines) -> Lines:
    """The lines, with every line that holds run-together labels cut before each of them."""
    at_start = {_key(m.group("key")) for ln in lines if ln.para_start and (m := _AT_START.match(ln.norm))}
    found: dict[int, list[int]] = {}
    bold = 0
    for i, ln in enumerate(lines):
        if ln.blank or ":" not in ln.norm:
            continue
        for m in _INSIDE.finditer(ln.norm):
            label = m.group("label")
            is_bold = label.startswith(("**", "__"))
            bold += is_bold
            if is_bold or _key(label) in at_start:
                found.setdefault(i, []).append((m.end(), is_bold, _key(label)))
    if not found:
        return lines
    out = Lines()
    out.norm_text, out.base = lines.norm_text, lines.base
    for i, ln in enumerate(lines):
        cuts = [pos for pos, is_bold, key in found.get(i, ())
                if (bold >= MIN_BOLD_INSIDE if is_bold else True)]
        if not cuts:
            out.append(ln)
            continue
        prev, para = 0, ln.para_start
        for pos in cuts + [len(ln.norm)]:
            out.append(Line(ln.no, ln.start + prev, ln.start + pos if pos < len(ln.norm) else ln.end,
                            ln.norm[prev:pos], para, False, ln._src))
            prev, para = pos, True
    return out
