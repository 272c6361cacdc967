"""Normalisation for matching, offset-preserving.

`for_matching(text)` returns a string of the same length as `text` in which no-break and
other Unicode spaces become " ", curly quotes become straight ones, and Markdown backslash
escapes' backslashes become spaces (so `\\_` matches `_`). Because the length is unchanged,
a match at offset i in the normalised text is at offset i in the original: the record keeps
offsets into the original text. Ligatures (ﬁ, ﬂ, …), which expand to several letters, are
folded by `fold()` for comparing extracted strings (names, titles), never for offsets.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u2060\ufeff\u200b\t"
)
_TABLE = {ord(c): " " for c in _SPACES}
#: what "blank" means, for the parser's lines and for the "nothing is lost" check alike: Unicode
#: white space and the spaces above, which include the invisible U+200B, U+2060 and U+FEFF
BLANK_CHARS = "".join(sorted({c for c in map(chr, range(0x3001)) if c.isspace()} | set(_SPACES)))


def is_blank(s: str) -> bool:
    """Does `s` print nothing? (one definition, shared by `body_lines` and `check_coverage`)"""
    return not s.strip(BLANK_CHARS)


_TABLE.update(
    {
        ord("\u2018"): "'",
        ord("\u2019"): "'",
        ord("\u201a"): "'",
        ord("\u201b"): "'",
        ord("\u2032"): "'",
        ord("\u00b4"): "'",
        ord("\u201c"): '"',
        ord("\u201d"): '"',
        ord("\u201e"): '"',
        ord("\u201f"): '"',
        ord("\u00ab"): '"',
        ord("\u00bb"): '"',
        ord("\u2010"): "-",
        ord("\u2011"): "-",
    }
)


_SPECIAL = re.compile("[" + "".join(re.escape(chr(k)) for k in _TABLE) + "]")


_ESCAPE = re.compile(r"\\(?=[\[\]_*\-#.()`!+{}<>|~])")
_PAIRS = [(chr(k), v) for k, v in _TABLE.items()]


#: the characters of the table that transcripts use most, replaced first; the rest only when a
#: single scan finds one of them
_COMMON_CHARS = "\u2019\u00a0\u201c\u201d\u2018"
_COMMON = [(c, _TABLE[ord(c)]) for c in _COMMON_CHARS]
_RARE = [(c, r) for c, r in _PAIRS if c not in _COMMON_CHARS]
_RARE_RE = re.compile("[" + "".join(re.escape(c) for c, _ in _RARE) + "]")


def _translate(text: str) -> str:
    if not text.isascii():
        for ch, rep in _COMMON:  # str.replace runs in C; most characters are absent
            if ch in text:
                text = text.replace(ch, rep)
        # a short text is scanned once for all the rare characters; a long one (a whole body)
        # character by character, which is quicker there than the class scan
        if not text.isascii() and (len(text) > 2000 or _RARE_RE.search(text)):
            for ch, rep in _RARE:
                if ch in text:
                    text = text.replace(ch, rep)
            return text
    return text.replace("\t", " ") if "\t" in text else text


def for_matching(text: str) -> str:
    out = _translate(text)
    if "\\" in out:
        # Markdown escapes (\[ \_ \* \-): blank the backslash, keep the length
        out = _ESCAPE.sub(" ", out)
    return out


@functools.lru_cache(maxsize=16384)
def fold(s: str) -> str:
    """Compare-only folding: NFKC (ligatures, widths), matching normalisation, collapsed spaces."""
    if not s.isascii():
        s = _translate(s)
        if not s.isascii() and not unicodedata.is_normalized("NFKC", s):
            s = _translate(unicodedata.normalize("NFKC", s))
    s = s.replace("\\", "")
    return " ".join(s.split())


def collapse(s: str) -> str:
    return " ".join(_translate(s).replace("\\", "").split())
