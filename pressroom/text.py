"""The text toolkit: normalisation, folding, sentences and words, for parse, annotate and clarity.

One module, at the base of the layers (beside record, document and errors), so every layer that
reads text uses the same tools. Each tool has a name of its own: where two callers split
sentences or fold text differently, and changing either would change a record or an annotation,
both are kept here, side by side, under names that say how they differ.

**Normalisation, offset-preserving.** `for_matching(text)` returns a string of the same length
as `text` in which no-break and other Unicode spaces become " ", curly quotes become straight
ones, and Markdown backslash escapes' backslashes become spaces (so `\\_` matches `_`). Because
the length is unchanged, a match at offset i in the normalised text is at offset i in the
original: the record keeps offsets into the original text. `is_blank` and `BLANK_CHARS` say what
"blank" means for the parser's lines and for the "nothing is lost" check alike.

**Folding, for comparing strings (never for offsets).** Three, for three jobs:

- `fold_typography(s)`: the parser's. Ligatures (ﬁ, ﬂ, …) and widths by NFKC, the
  `for_matching` table, backslashes dropped, white space collapsed; **case kept**.
- `fold_case_and_accents(text)`: the search index's. Lower case without diacritics (what
  SQLite's ``unicode61 remove_diacritics 2`` does); punctuation and spacing kept.
- `fold_name(text)`: the people index's. Lower case ASCII, no apostrophes (O’Donnell =
  odonnell), other punctuation as single spaces.

**Sentences.** Four splitters, which differ in where a sentence ends; each serves the callers
whose output depends on exactly that behaviour:

- `tiling_sentence_spans(text)` (parse: the questions of a question turn): ends at . ? !
  (and closing quotes or brackets) before white space or the end, or at a blank line; not after
  "Mr.", "Dr.", "U.S." … but after an ordinal ("May 1st."). Spans tile the text: each starts
  where the last ended, leading white space included.
- `naive_sentences(text)` (parse: turn kinds): the stripped text split at every run of white
  space after . ! ? — no abbreviations; the pieces as strings.
- `spoken_sentence_spans(text, offset)` (annotate: talking points, quotes): ends at . ! ? or a
  blank line, not after a known abbreviation (``SPOKEN_ABBREVIATIONS``: titles, months, "U.S.",
  "a.m.", …) or an initial, nor before a lower-case word; spans trimmed and shifted by `offset`.
- `capitalised_sentence_spans(text)` (clarity: evidence): ends at . ! ? only before a capital,
  a digit or an opening quote, also with no space (".Next", as QEvasion glues sentences), at
  blank lines and before list items; not after title abbreviations; spans trimmed.

**Words.** `WORD_RE` (letters and digits; inner apostrophes and hyphens kept: "don't",
"NATO-Russia"), with `count_words` and `word_spans`; `DOTTED_WORD_RE`, the same with inner full
stops ("U.S." one word); `count_spaced_words(text, cap)`, white-space separated words, exact up
to `cap` (in Chinese and Japanese, written without spaces, two characters count as a word).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Iterator

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


# -- folding -------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=16384)
def fold_typography(s: str) -> str:
    """Compare-only folding: NFKC (ligatures, widths), matching normalisation, collapsed spaces;
    case kept."""
    if not s.isascii():
        s = _translate(s)
        if not s.isascii() and not unicodedata.is_normalized("NFKC", s):
            s = _translate(unicodedata.normalize("NFKC", s))
    s = s.replace("\\", "")
    return " ".join(s.split())


def fold_case_and_accents(text: str) -> str:
    """Lower case without diacritics (what SQLite's ``unicode61 remove_diacritics 2`` does)."""
    text = text.lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=65536)
def fold_name(text: str) -> str:
    """Lower case, no accents or apostrophes (O’Donnell = odonnell), other punctuation as spaces."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9&]+", " ", text).split())


# -- sentences -----------------------------------------------------------------------------------

#: a sentence end for `tiling_sentence_spans`: . ? ! (then closing quotes or brackets) before a
#: space, or a blank line. The pattern opens with one character class so the regex engine can skip
#: ahead to candidates. It is linear on any text: a run of punctuation is tried from its first
#: character only (the look-behind refuses the others at once) and its quantifiers are possessive
#: (no backtracking into a run of 16,000 dots, which used to cost 16,000² steps).
_TILING_END = re.compile(r"[.?!\n](?:(?<=[.?!])(?<![.?!].)[.?!]*+[\"'”’)\]]*+(?=\s|$)|(?<=\n)[ \t\u00a0]*+\n)")
#: words after which a full stop does not end a sentence, for `tiling_sentence_spans`
TITLE_ABBREVIATIONS = {
    "mr",
    "ms",
    "mrs",
    "dr",
    "st",
    "no",
    "vs",
    "gen",
    "sen",
    "gov",
    "rep",
    "lt",
    "col",
    "jr",
    "sr",
    "prof",
}


def tiling_sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence: ends at . ? ! (not after Mr., Dr., U.S. …) or a blank line.

    The spans tile the text: each starts where the one before ended (its leading white space
    included); a sentence ended by a blank line ends before it."""
    pos = 0
    for m in _TILING_END.finditer(text):
        k = m.start()
        c = text[k]
        if c == "." and k > pos and text[k - 1].isalpha():
            j = k - 1
            while j > pos and text[j - 1].isalpha():
                j -= 1
            word = text[j:k]
            if j > pos and text[j - 1].isdigit():
                pass  # "May 1st." ends a sentence: an ordinal, not "St."
            elif word.lower() in TITLE_ABBREVIATIONS or (k - j == 1 and word.isupper()):
                continue  # "Mr." / "U.S." do not end a sentence
        e = m.end()
        yield pos, e if c != "\n" else k
        pos = e
    if pos < len(text):
        yield pos, len(text)


_NAIVE_BREAK = re.compile(r"(?<=[.!?])\s+")


def naive_sentences(text: str) -> list[str]:
    """The stripped `text` split at each run of white space after . ! ? (no abbreviations):
    "Thanks. Mr. Lee?" gives ["Thanks.", "Mr.", "Lee?"]."""
    return _NAIVE_BREAK.split(text.strip())


#: words after which a full stop does not end a sentence, for `spoken_sentence_spans`: titles,
#: months, Latin and business abbreviations, "U.S.", "a.m." and the like
SPOKEN_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "gen",
    "sen",
    "rep",
    "gov",
    "lt",
    "col",
    "capt",
    "sgt",
    "prof",
    "rev",
    "hon",
    "jr",
    "sr",
    "no",
    "nos",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "inc",
    "ltd",
    "co",
    "corp",
    "dept",
    "est",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.n",
    "u.k",
    "d.c",
    "a.m",
    "p.m",
    "approx",
    "fig",
    "vol",
    "pp",
    "art",
    "para",
    "amb",
    "adm",
}
_SPOKEN_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n[ \t]*\n")


def spoken_sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans of `text` (shifted by `offset`), split at . ! ? and at blank lines.

    A full stop after a known abbreviation ("Mr.", "U.S.") or an initial ("Joseph R. Biden")
    does not end a sentence, nor does one followed by a lower-case word. Line breaks inside a
    sentence (verse-like layout) do not split it. Spans are trimmed; empty ones dropped."""
    spans = []
    start = 0
    for m in _SPOKEN_END.finditer(text):
        end = m.end()
        if m.group().startswith("."):
            before = re.search(r"([\w.]+)\.$", text[start : m.start() + 1])
            word = before.group(1).lower() if before else ""
            if word in SPOKEN_ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        nxt = re.match(r"\s*([^\s])", text[end:])
        if nxt and nxt.group(1).islower() and not m.group().startswith("\n"):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        if trail > lead:
            out.append((s + lead + offset, s + trail + offset))
    return out


_CAPITALISED_END = re.compile(
    r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])"  # ". Next"
    r"|(?<=[a-z0-9)][.!?])(?=[A-Z][a-z])"  # ".Next" (QEvasion glues sentences)
    r"|\n\s*\n|\n(?=\s*[-*\u2022])"  # blank lines, list items
)
_CAPITALISED_ABBREV = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gen|Gov|Prof|Jr|Sr|U\.S|U\.N|vs|e\.g|i\.e)\.$")


def capitalised_sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, whitespace trimmed, empty ones dropped: a
    sentence ends at . ! ? before a capital, a digit or an opening quote (also with no space
    between, ".Next"), at a blank line and before a list item; not after a title abbreviation."""
    spans = []
    start = 0
    for m in _CAPITALISED_END.finditer(text):
        if _CAPITALISED_ABBREV.search(text[max(0, m.start() - 6) : m.start()]):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


# -- words ---------------------------------------------------------------------------------------

#: transcribers' notes inside speech: "(Laughter.)", "(Speaks Ukrainian.)", "[Inaudible]", "(As interpreted.)"
STAGE_NOTE_RE = re.compile(
    r"[(\[]\s*(?:[A-Z][a-z]+\s+)?(?:laugh\w*|applause|inaudible|cross-?talk|speaks|as interpreted|interpret\w*|"
    r"translat\w*|audio|no audio|pause|unintelligible|off-?mic|technical|video|music|break|end)\b[^()\[\]]{0,50}[)\]]",
    re.I,
)

#: a word: a run of letters/digits, inner apostrophes and hyphens kept ("don't", "NATO-Russia")
WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
#: a word with inner full stops kept as well ("U.S.", "p.m" one word)
DOTTED_WORD_RE = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")


def word_spans(text: str, offset: int = 0) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) for each word (`WORD_RE`) of `text`, offsets shifted by `offset`."""
    for m in WORD_RE.finditer(text):
        yield (m.start() + offset, m.end() + offset, m.group())


def count_words(text: str) -> int:
    """The number of words (`WORD_RE`) in `text`."""
    return sum(1 for _ in WORD_RE.finditer(text))


def count_spaced_words(text: str, cap: int | None = None) -> int:
    """The number of white-space separated pieces of `text`. With `cap`, splitting stops after
    `cap` words: the count is exact up to `cap`, and `cap` + 1 for any longer text. Where the
    pieces run long (more than `SPACED_PIECE` characters on average) in a text of Chinese or
    Japanese, which put no spaces between words, every two of those characters count as a word."""
    pieces = text.split(None, cap if cap is not None else -1)
    n = len(pieces)
    if n == 0 or text.isascii():
        return n
    capped = cap is not None and n > cap
    # the characters the whole pieces take, the spaces between them included: no count of each piece
    span = len(text) - len(pieces[-1]) if capped else len(text)
    if span <= SPACED_PIECE * (n - capped):
        return n
    spaced, unspaced = _UNSPACED_CHARS.subn(" ", text)  # one pass: the other words, and how many letters went
    words = unspaced // 2 + sum(1 for p in spaced.split() if not _NO_WORD.fullmatch(p))
    return words if cap is None else min(words, cap + 1)


#: the average length of a white-space separated piece above which a text may be unspaced
SPACED_PIECE = 12
#: a piece with no letter or digit (the marks left between Chinese or Japanese words: "、", "。")
_NO_WORD = re.compile(r"[\W_]+")
#: the letters of Chinese and Japanese (kana, CJK ideographs, half-width katakana)
_UNSPACED_CHARS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
