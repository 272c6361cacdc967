"""Lines and paragraphs of a document body, with offsets into the original text."""
from __future__ import annotations

from dataclasses import dataclass

from .textnorm import for_matching


@dataclass(slots=True)
class Line:
    no: int  # 1-based line number in the whole text
    start: int  # offset of the first character
    end: int  # offset after the last character (newline excluded)
    text: str  # original text of the line
    norm: str  # same length, normalised for matching
    para_start: bool  # first line of a paragraph (after a blank line or at the body start)
    blank: bool = False

    @property
    def indent(self) -> int:
        """Leading whitespace in the original text (a blanked Markdown backslash is not whitespace)."""
        return len(self.text) - len(self.text.lstrip())


def body_lines(text: str, start: int, end: int) -> list[Line]:
    """Split text[start:end] into lines (line numbers count from the top of the whole text)."""
    norm_all = for_matching(text[start:end])
    no = text.count("\n", 0, start) + 1
    lines: list[Line] = []
    pos = 0
    prev_blank = True
    n = len(norm_all)
    while pos <= n:
        nl = norm_all.find("\n", pos)
        if nl < 0:
            nl = n
        raw = text[start + pos : start + nl]
        norm = norm_all[pos:nl]
        line = Line(no, start + pos, start + nl, raw, norm, False, not norm.strip())
        if not line.blank:
            line.para_start = prev_blank
        prev_blank = line.blank
        lines.append(line)
        no += 1
        if nl >= n:
            break
        pos = nl + 1
    return lines
