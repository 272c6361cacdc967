"""Lines and paragraphs of a document body, with offsets into the original text."""

from __future__ import annotations

from ..text import for_matching


class Line:
    """One line of the body: offsets into the original text and a same-length normalised copy."""

    __slots__ = ("no", "start", "end", "norm", "para_start", "blank", "_src")

    def __init__(self, no: int, start: int, end: int, norm: str, para_start: bool, blank: bool, src: str):
        self.no = no  # 1-based line number in the whole text
        self.start = start  # offset of the first character
        self.end = end  # offset after the last character (newline excluded)
        self.norm = norm  # same length, normalised for matching
        self.para_start = para_start  # first line of a paragraph (after a blank line or at the body start)
        self.blank = blank
        self._src = src

    @property
    def text(self) -> str:
        """The original text of the line."""
        return self._src[self.start : self.end]

    @property
    def indent(self) -> int:
        """Leading whitespace in the original text (a blanked Markdown backslash is not whitespace)."""
        n = len(self.norm) - len(self.norm.lstrip())
        if n and self._src[self.start + n - 1] == "\\":
            n = len(self.text) - len(self.text.lstrip())
        return n

    def __repr__(self) -> str:
        return f"Line({self.no}, {self.norm[:30]!r})"


class Lines(list):
    """The lines of a body, with the normalised body text they were cut from (`norm_text`, which
    starts at offset `base` of the original text), so a run of lines can be sliced, not re-joined."""

    __slots__ = ("norm_text", "base")

    def norm_between(self, first: int, last: int) -> str:
        """The normalised text of lines[first..last], newlines included."""
        return self.norm_text[self[first].start - self.base : self[last].end - self.base]


def body_lines(text: str, start: int, end: int, hard_breaks: bool = False) -> Lines:
    """Split text[start:end] into lines (line numbers count from the top of the whole text). With
    ``hard_breaks`` (Markdown), a line after a hard line break (two spaces or a backslash at the end of
    the line before: a `<br>`) starts a paragraph, as it does after a blank line: some publishers print
    each speaker's line so, one paragraph for a question and its answer."""
    norm_all = for_matching(text[start:end])
    no = text.count("\n", 0, start) + 1
    lines = Lines()
    lines.norm_text = norm_all
    lines.base = start
    append = lines.append
    pos = start
    prev_blank = True
    for norm in norm_all.split("\n"):
        n = len(norm)
        if norm and not norm.isspace():  # `for_matching` has made its extra spaces (U+200B …) plain ones
            append(Line(no, pos, pos + n, norm, prev_blank, False, text))
            prev_blank = hard_breaks and text.endswith(("  ", "\\"), pos, pos + n)
        else:
            append(Line(no, pos, pos + n, norm, False, True, text))
            prev_blank = True
        pos += n + 1
        no += 1
    return lines
