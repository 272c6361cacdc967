"""Speaker labels, learned from the document itself.

A label is printed at the start of a line: `Name:`, `MS. PSAKI:`, `THE PRESIDENT.`, `Q`,
`Q:`, `QUESTION:`, `Name, Outlet:` / `Name, Outlet.`, or made explicit by markup (bold, voice
tags → `Document.labels`). Candidates are collected for every line, then accepted by their
shape and by what the rest of the document says about them (a label seen at the start of a
paragraph is trusted at the start of any line; a label typo such as `NATO Secretary General"`
is accepted because the same label is printed correctly elsewhere).
"""

from __future__ import annotations

import collections
import functools
import re
import unicodedata
from dataclasses import dataclass

from ..text import STAGE_NOTE_RE
from .lines import Line
from .words import WORDS
from .people import (
    HONORIFICS,
    MODERATOR_WORDS,
    OTHER_WORDS,
    OUTLET_WORDS,
    TITLE_ABBREVIATIONS,
    TOPIC_LEADS,
    TOPIC_PREPOSITIONS,
    is_title_word,
    written_in_lower_case,
)


def _role_word(word: str) -> bool:
    w = word.lower().strip(".")
    return (
        is_title_word(w)
        or w in MODERATOR_WORDS
        or w in OTHER_WORDS
        or w in WORDS["asker_labels"]  # "Shareholder:", though the notes speak of "the shareholder"
        or w in ("question", "answer")
    )


NOT_LABELS = WORDS["not_labels"]  # see pressroom/data/parse_words.json
CONNECTORS = WORDS["connectors"]  # see pressroom/data/parse_words.json

_Q_FORM = re.compile(
    r"(?P<label>(?:Q(?:\d{1,3}(?=[.:：]))?|QUESTION|Question|QUESTIONS|Questions|Follow-up|Follow-Up|Follow up|FOLLOW-UP))"
    r"(?:(?P<sep>\s*(?:\*\*|__|\*|_)?:|\s*\.(?!\w)|[ \t]+[-\u2014\u2013](?=[ \t]))|(?P<sp>\s+)|(?=[-\u2014\u2013]))"
)
#: "A:", "**Answer**:"; numbered as its question is ("Q1. … / A1. …"), a full stop too
_A_FORM = re.compile(
    r"(?P<label>A\d{1,3}(?=[.:：])|A|ANSWER|Answer)(?:(?<=\d)[.:：][ \t]*(?=\S)|\s*(?:\*\*|__|\*|_)?:(?!\w))"
)
#: the answer of a briefing printed "Q - … / R - …" (French: réponse) or "Q - … / A - …"
_A_DASH = re.compile(r"(?P<label>[AR])(?P<sep>[ \t]+[-\u2014\u2013])(?=[ \t])")
#: a colon, or the full-width colons of Chinese and Japanese text ("記者：", "Peterson﹕")
_COLONS = ":\uff1a\ufe55"
#: any of `_COLONS`, in one scan
_ANY_COLON = re.compile("[" + _COLONS + "]")
_COLON = re.compile(r"(?P<label>[^\W\d_][^:\uff1a\ufe55\n]{0,78}?)\s*(?P<sep>[:\uff1a\ufe55])(?![\d/])")
_EMPH_THEN_COLON = re.compile(
    r"(?P<label>[^\W\d_][^:\uff1a\ufe55*_\n]{0,78}?)\s*(?:\*\*|__|\*|_)\s*(?P<sep>[:\uff1a\ufe55])(?![\d/])"
)
_QUOTE_TYPO = re.compile(r"(?P<label>[^\W\d_][^:\"\n]{0,78}?)(?P<sep>[\";])\s")
_CAPS_PERIOD = re.compile(r"(?P<label>[A-Z][A-Z.'\-\u00c0-\u00de ]*[A-Z\u00c0-\u00de])(?P<sep>\.)(?=\s|$)")
#: a label closed by a full stop and a dash, as Commonwealth Hansards print them ("HON. J. ROE.-",
#: "HON. J. ROE (Minister for Roads).-")
_PERIOD_DASH = re.compile(r"(?P<label>[A-Z][^\n]{0,200}?)(?P<sep>\.[ \t]?[-\u2013\u2014]{1,2})(?=[ \t]|$)")


def _period_dash_label(label: str) -> bool:
    """A name in capitals (initials and honorifics allowed), then an office in brackets or nothing."""
    name, _, rest = label.partition(" (")
    if rest and not rest.endswith(")"):
        return False
    words = name.replace(".", ". ").split()
    return 1 <= len(words) <= 8 and name.isupper() and name_like(name.title(), allow_single=True)


_NAME_OUTLET_PERIOD = re.compile(
    r"(?P<label>[A-Z][\w'\-]+(?: [A-Z][\w'\-]+){1,2}, (?:[A-Z0-9][\w'&\-]*|of|the|and)(?: (?:[A-Z0-9][\w'&\-]*|of|the|and)){0,4})"
    r"(?P<sep>\.)(?=\s+\S)"
)
#: the numbered or lettered speakers of a transcription service or a diarizing recogniser
#: ("Speaker 1:", "SPEAKER_02:", "Speaker A:", "Unknown Speaker:", "Participant 3:")
_DIARIZED = re.compile(
    r"(?P<label>(?:Speaker|SPEAKER|Participant|PARTICIPANT|Guest|GUEST)(?:[ _]?\d{1,3}|[ _][A-Z])"
    r"|(?:Unknown|UNKNOWN|Unidentified|UNIDENTIFIED) (?:Speaker|SPEAKER))(?P<sep>[ \t]*:)(?![\d/])"
)


#: a role word that a transcript numbers ("PROFESSOR 1:", "Male Voice 2:"; `numbered_roles`)
_NUMBERED_ROLE = re.compile(
    r"(?P<label>(?i:"
    + "|".join(sorted((re.escape(w).replace("\\ ", " ") for w in WORDS["numbered_roles"]), key=len, reverse=True))
    + r")[ _]\d{1,2})(?P<sep>[ \t]*:)(?![\d/])"
)


#: any capitalised words and a number, maybe an outlet in brackets ("Question Asker 2 (Reuters):"): a
#: speaker where the document numbers those words twice or more (`_drop_lone_numbers`)
_NUMBERED_ANY = re.compile(
    r"(?P<label>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2} \d{1,2}(?: \([^()\n:]{1,40}\))?)(?P<sep>[ \t]*:)(?![\d/])"
)
_NUMBERED_TEXT = re.compile(r"(?P<words>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}) (?P<n>\d{1,2})(?: \(.*\))?")


#: a speaker in brackets at the start of a line, the speech after it ("(PERSON14) Okay, so …")
_PAREN_LABEL = re.compile(r"\((?P<label>[A-Z][A-Za-z0-9.'\- ]{0,30}?)\)[ \t]+(?=\S)")
#: a speaker in square brackets at the start of a line, the speech after it ("[Jane Roe]  Thank
#: you.", a scribe's "* [jane] Sounds good."); not a link ("[Issue 12](…)"), a checkbox ("[x]") nor
#: a printer's run of codes ("[GRAPHIC] [TIFF OMITTED]")
_BRACKET_LABEL = re.compile(r"\[(?P<label>[^\W\d_][^\[\]()\n]{1,40}?)\][ \t]+(?=[^\s(:\[])")
#: a note in square brackets that is no speaker (`bracket_notes`), as a label's first words
_BRACKET_NOTE = re.compile(
    r"(?i:" + "|".join(sorted(map(re.escape, WORDS["bracket_notes"]), key=len, reverse=True)) + r")(?![\w'\u2019])"
)
#: an anonymised speaker's id: a word in capitals and a number ("PERSON14", "SPEAKER_2")
_ID_LABEL = re.compile(r"[A-Z]{2,12}[ _]?\d{1,3}")


def is_diarized(label: str) -> bool:
    """A transcription service's numbered speaker ("Speaker 2", "SPEAKER_01", "Unknown Speaker"):
    anyone, named by no title."""
    return _DIARIZED.fullmatch(label.strip() + ":") is not None


_MD_EMPH = re.compile(r"(\*\*|__|\*|_)")  # used with match(s, pos)
#: what may stand before a label at a line's start: Markdown heading marks before a bold label
#: ("##### **Jane Roe:**"; a plain "### Jane Roe:" is a heading label, `roster.bare_labels`) or a
#: recording time ("0:00:14.1 **Jane Roe**", "[00:01:05] **Jane:**"), then the label
#: a recording time at a line's start, bracketed or not ("0:00:14.1", "[00:01:05]")
LEAD_TIME = r"[(\[]?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d{1,3})?[)\]]?"
#: what may open a line before its label: Markdown heading marks before emphasis, or a recording
#: time ("0:00:14.1 **Jane Roe**", "[00:05] Q:"), a dash after it allowed ("0:17 - **Jane Roe**:")
_LINE_LEAD = re.compile(r"(?:(#{1,6})[ \t]+(?=\*\*|__)|" + LEAD_TIME + r"(?:[ \t]+[-\u2013\u2014])?[ \t]+(?=[*_A-Z]))")
#: a bold name closed without a separator, then the speech ("**Jane Roe** Welcome …")
_EMPH_NAME = re.compile(r"(?P<label>[^\W\d_][^*_\n:]{0,60}?)(?:\*\*|__)(?P<sep>)[ \t]+(?=\S)")
#: an HTML anchor, a page's permalink to the paragraph, before a label ('<a name="x" href="#x">#</a> ')
_ANCHOR = re.compile(r"<a\b[^<>\n]{0,300}>[^<>\n]{0,3}</a>[ \t]*(?=\S)")
_BULLETS = "•·*-–—>#|"


@dataclass
class Label:
    line: Line
    text: str  # label as printed, separator and surrounding markup excluded, spaces collapsed
    start: int  # absolute offset of the label's first character
    end: int  # absolute offset after the separator and the spaces that follow it
    kind: str  # "q" (question form), "a" (answer form), "name" (any other speaker label)
    strength: int  # 3 markup/Q-form, 2 strong shape, 1 plausible
    sep: str
    bulleted: bool = False  # after a Markdown list item's marker ("- Jane Roe: …", "* **Q**: …")

    @property
    def key(self) -> str:
        return label_key(self.text)  # cached by text (`label_key`)


#: a note that a speaker goes on after an interruption or a break: "(CONT.)", "(CONT'D)", "(continued)"
_CONTINUED = re.compile(r"\s*\((?i:cont(?:inued|['\u2019]?d|\.)?)\)\s*$")


@functools.lru_cache(maxsize=4096)
def label_key(text: str) -> str:
    """A label's key: capitals, no punctuation, and no continuation note ("SPANBERGER (CONT.)" is
    SPANBERGER's)."""
    t = re.sub(r"[^\w\s\-']", " ", _CONTINUED.sub("", text).upper())
    return " ".join(t.replace("'", "").split())


def _words(label: str) -> list[str]:
    return label.replace(",", " , ").split()


#: "RG Cruz (ABS-CBN 2): …" at a line's start, even one that opens no paragraph
_NAME_WITH_OUTLET = re.compile(r"[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){1,3} \([^()\n]{1,40}\):\s")
_TRAILING_PAREN = re.compile(r"(?<=\w)\s+\([^()\n]{1,40}\)$")


def _with_outlet(label: str) -> bool:
    """'Dano Tingcungco (GMA 7)': a full name and, in brackets, who they are with: a speaker's label
    as surely as one in capitals, not a source quoted."""
    m = _TRAILING_PAREN.search(label)
    return m is not None and len(label[: m.start()].split()) >= 2


def _surname_of(label: str, surnames: set[str]) -> bool:
    """'Mr. Cruz' where 'Cruz' is among ``surnames``: an honorific and one of them."""
    words = label.split()
    return len(words) == 2 and words[0].lower().strip(".") in HONORIFICS and words[1] in surnames


@functools.lru_cache(maxsize=8192)
def name_like(label: str, allow_single: bool = True) -> bool:
    """Does this look like a speaker (name, title, outlet) rather than the start of a sentence?"""
    raw = label.strip()
    if not raw or len(raw) > 80:
        return False
    # "RG Cruz (ABS-CBN 2)": an outlet in brackets after the name may hold a number
    raw = _TRAILING_PAREN.sub("", raw) or raw
    if any(c in raw for c in '?!;"“”[]{}<>=@#$%^*+|~') or re.search(r"\d", raw):
        return False
    if raw.lower().strip(" .") in NOT_LABELS:
        return False
    words = [w for w in _words(raw) if w != ","]
    if not words or len(words) > 8:
        return False
    if len(words) == 1 and not allow_single:
        return False
    w0 = words[0].lower()
    if (len(words) > 1 or not raw.isupper()) and (
        w0 in TOPIC_PREPOSITIONS or (len(words) > 1 and w0 in TOPIC_LEADS and words[1].lower() in TOPIC_PREPOSITIONS)
    ):
        return False  # "On Tyre Nichols: …", "Also on Ukraine: …" open a topic, not a turn; "AS:" is initials
    return words[0][0].isupper() and all(_name_word(w) for w in words)


def uncased_label(label: str) -> bool:
    """A label in a script with no capitals: one to eight letters and no space ("記者", "行政長官",
    "許"), as Chinese and Japanese transcripts print them; or two to four words of such letters, as
    scripts that part words print a name and a title ("김기화", "היו"ר איתן כבל"), a word's inner
    quotation mark or apostrophe an abbreviation's (Hebrew's gershayim), a party in brackets after."""
    if label.isascii() or not uncased_letter(label[:1]):
        return False  # the usual case, told at once: a label in Latin letters
    words = (_TRAILING_BRACKETS.sub("", label) or label).split()
    if len(words) == 1:
        return 1 <= len(words[0]) <= 8 and all(map(uncased_letter, words[0]))
    return len(words) <= 4 and all(
        _UNCASED_WORD.fullmatch(w) and all(uncased_letter(c) for c in w if c.isalpha()) for w in words
    )


#: closing notes in brackets, after a space or, full-width, after none: a party ("김기화 (국민의힘)"),
#: the holder of an office ("区長（山田太郎君）", as Japanese minutes print who speaks), a note after
#: it ("教育長（山田太郎）（初）": a first question)
_TRAILING_BRACKETS = re.compile(r"(?<=\w)(?:\s+\([^()\n]{1,40}\)|\s*\uff08[^\uff08\uff09\n]{1,40}\uff09)+$")


def uncased_letter(c: str) -> bool:
    """A letter of a script with no capitals (Chinese, Japanese, Korean, Hebrew …)?"""
    return c.isalpha() and not c.isupper() and not c.islower()  # "" is no letter


#: a word of letters with an inner quotation mark, apostrophe, geresh or gershayim, a hyphen or a dot
_UNCASED_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[\"'\u05f3\u05f4.\-](?=[^\W\d_])){0,15}")


def _name_word(w: str) -> bool:
    """Can this word be part of a name label: capitalised (or its first hyphenated part), in
    capitals, or a connector ("of", "de", "and")?"""
    core = w.strip("().,'-")
    if not core or core == "&":  # "JPMORGAN CHASE & CO."
        return True
    if core[0].isupper() or core.lower() in CONNECTORS or core.isupper():
        return True
    return "-" in core and core.split("-")[0][:1].isupper()


_CHANGE = re.compile(r"(?P<label>>>|-)(?P<sep>\s+)(?=\S)")


_LIST_MARKS = ("-", "*", "+")
#: a Markdown list item's marker and the spaces after it
_LIST_ITEM = re.compile(r"[-*+][ \t]+(?=\S)")


#: a line that is a Markdown list item, from its start; after a line break (a literal first: a quick scan)
_LIST_LINE = re.compile(r"[^\S\n]*[-*+][ \t]+(?=\S)")
_LIST_LINE_AFTER_BREAK = re.compile(r"\n[^\S\n]*[-*+][ \t]+(?=\S)")


def _list_item_starts(lines: list[Line]) -> set[int]:
    """The offsets of the lines that are Markdown list items ("- ", "* ", "+ " after any indent)."""
    body = getattr(lines, "norm_text", None)
    if body is None:
        return {ln.start for ln in lines if _LIST_LINE.match(ln.norm)}
    base = lines.base
    found = {base + m.start() + 1 for m in _LIST_LINE_AFTER_BREAK.finditer(body)}
    return found | {base} if _LIST_LINE.match(body) else found


#: a typographic bullet and the spaces after it ("▷ Jane Roe : …", "• Jane Roe: …"): a mark the
#: label stands after, as a Markdown list item's does, but no note-taker's bullet
_GLYPH = re.compile(r".[ \t]+(?=\S)")


def _glyph(c: str) -> bool:
    """A bullet glyph: a symbol of Unicode's "other" or "math" symbol classes (▶ ■ ◆ ☞, ▷ →) or a bullet (• ‣ ◦ ⁃)."""
    return c in "\u2022\u2023\u25e6\u2043\u2219" or (c > "\u2000" and unicodedata.category(c) in ("So", "Sm"))


def candidates(line: Line, captions: bool = False) -> Label | None:
    """The speaker-label candidate at the start of a line, if any. In captions, `>>` and `- `
    mark a change of speaker (kind "change"); elsewhere a list item's marker goes before a
    label ("- Jane Roe: …": notes of a meeting, one bullet per turn; `bulleted`)."""
    norm = line.norm
    i = len(norm) - len(norm.lstrip())
    bullet = _LIST_ITEM.match(norm, i) if norm[i : i + 1] in _LIST_MARKS and not captions else None
    if bullet is None:
        glyph = _GLYPH.match(norm, i) if norm[i : i + 1] > "\u2000" and _glyph(norm[i]) else None
        if glyph is None and norm[i : i + 1] in _SPEAKER_MARKS:
            return _marked_label(line, i)
        return _candidate(line, glyph.end() if glyph else i, captions)
    label = _candidate(line, bullet.end(), captions)
    if label is not None:
        label.bulleted = True
    return label


#: the marks Japanese minutes print before a speaker's name and office ("○迫川委員長", "◎山田市長")
_SPEAKER_MARKS = "\u25cb\u25ef\u25ce\u25cf\u25c6\u25c7"
#: after the mark: a name and office in a script with no capitals (a note in brackets allowed), then
#: a space and the speech, or the end of the line and the speech below
_MARKED = re.compile(
    r"(?P<label>[^\W\d_][^\s:\uff1a\u3002\u3001,\uff0c\u300c\u300d\uff08\uff09()]{0,19}?"
    r"(?:[\uff08(][^\uff09)\n]{1,12}[\uff09)])?)(?P<sep>[ \t]+|[ \t]*$)"
)


_OFFICE_ENDINGS = tuple(WORDS["uncased_offices"])


def _marked_label(line: Line, i: int) -> Label | None:
    """A speaker marked with a circle in Japanese minutes ("○迫川委員長　", the speech on the
    lines below or after the space): with an office (`uncased_offices`) a label even printed once,
    else where printed twice or more (strength 1, as a label with no capitals is): "○議事日程" (the
    agenda, printed once) is none."""
    m = _MARKED.match(line.norm, i + 1)
    if m is None or not uncased_label(m.group("label")):
        return None
    name = re.sub(r"[\uff08(][^\uff09)]*[\uff09)]$", "", m.group("label"))
    strength = 2 if name.endswith(_OFFICE_ENDINGS) else 1  # "○今竹議長", printed once, is a speaker
    return Label(line, m.group("label"), line.start + i, line.start + m.end(), "name", strength, m.group("sep").strip())


def _candidate(line: Line, i: int, captions: bool) -> Label | None:
    norm = line.norm
    if i >= len(norm):
        return None
    if norm[i] == "<":
        anchor = _ANCHOR.match(norm, i)  # '<a name="x" href="#x">#</a> **Q:** …': a permalink before the label
        return _candidate_at(line, anchor.end(), captions) if anchor else None
    return _candidate_at(line, i, captions)


def _candidate_at(line: Line, i: int, captions: bool) -> Label | None:
    """The label that may open `line` at `i` (its first character there), else None."""
    norm = line.norm
    c0 = norm[i]
    timed = False
    if c0 in "#[(0123456789":
        lead = _LINE_LEAD.match(norm, i)  # "##### **Jane Roe:**", "0:00:14.1 **Jane Roe**", "[00:05] Q:"
        if lead is None:
            return _paren_label(line, i) if c0 == "(" else _bracket_label(line, i) if c0 == "[" else None
        timed = lead.group(1) is None
        i = lead.end()
        c0 = norm[i]
    if c0 in ">-":
        return _change_label(line, i, captions)
    if not _may_open_label(norm, i, c0):
        return None
    m = _MD_EMPH.match(norm, i) if c0 in "*_" else None
    at = _At(line, i, m.group(1) if m else "", timed)
    s = at.s
    if timed and m and m.group(1) in ("**", "__"):
        mb = _EMPH_NAME.match(s)  # "0:00:14.1 **Jane Roe** Welcome …": a timed bold name, no separator
        if mb and name_like(mb.group("label")):
            return at.make(mb, "name", 2)
    if m and m.group(1) in ("**", "__") and norm.rstrip()[-1:] in ")]":
        mt = _EMPH_NAME_TIME_LINE.match(s)  # "**Jane Roe** [0:31]" alone on its line, the speech below
        if mt and name_like(mt.group("label")):
            return at.make(mt, "name", 2)
    q = _question_or_answer_label(at, s)
    return _name_label(at) if q is _NOT_A_FORM else q


#: what `_question_or_answer_label` gives where the line opens with no question or answer form
_NOT_A_FORM = object()


def _question_or_answer_label(at: _At, s: str):
    """A question or answer form's label ("Q:", "QUESTION:", "A:"), None where the form opens prose
    ("Question marks remain"), `_NOT_A_FORM` where there is none ("Question Asker 2:" is a name)."""
    mq = _Q_FORM.match(s) if s[:1] in "QF" else None
    if mq:
        q = _question_label(at, mq)
        return q if q is not None or not mq.group("sp") else _NOT_A_FORM
    ma = _answer_form(s)
    return at.make(ma, "a", 2) if ma else _NOT_A_FORM


def _answer_form(s: str) -> re.Match | None:
    """ "A:", "Answer:", or a dashed "A - " / "R - " (a French briefing's réponse)."""
    ma = _A_FORM.match(s) if s[:1] == "A" else None
    return ma or (_A_DASH.match(s) if s[:1] in "AR" else None)


def _paren_label(line: Line, i: int) -> Label | None:
    """ "(PERSON14) Okay.": a meeting corpus's bracketed speaker, an anonymised id or a name in
    capitals; "(Jane Roe): …", a name its transcriber was unsure of; not a stage note
    ("(Laughter)", "(Operator Instructions)")."""
    mp = _PAREN_LABEL.match(line.norm, i)
    label = mp.group("label") if mp else ""
    if mp and (_ID_LABEL.fullmatch(label) or (label.isupper() and name_like(label, allow_single=False))):
        return Label(line, label, line.start + i, line.start + mp.end(), "name", 1, ")")
    mu = _UNSURE_NAME.match(line.norm, i)
    if mu and name_like(mu.group("label"), allow_single=True) and not STAGE_NOTE_RE.match(mu.group()):
        return Label(line, mu.group("label"), line.start + i, line.start + mu.end(), "name", 1, ":")
    return None


#: a name the transcriber was unsure of, in brackets, then a colon ("(Jane Roe): …", "(Abby): …")
_UNSURE_NAME = re.compile(r"\((?P<label>[A-Z][^()\n:]{0,40}?)\)[ \t]*:(?:[ \t]+(?=\S)|[ \t]*$)")


def _bracket_label(line: Line, i: int) -> Label | None:
    """ "[Jane Roe]  Thank you.": a speaker in square brackets, a name or a scribe's nickname
    ("[jane]"); not a transcriber's note ("[Laughter]", "[Inaudible]": `STAGE_NOTE_RE`)."""
    mb = _BRACKET_LABEL.match(line.norm, i)
    if mb is None or STAGE_NOTE_RE.match(line.norm, i) or not any(c.isalpha() for c in mb.group("label")[1:]):
        return None
    label = " ".join(mb.group("label").split())
    if _BRACKET_NOTE.match(label):
        return None  # "[Cross talk]", "[Off mike]", "- [TODO] …": a note or a task's status
    return Label(line, label, line.start + min(i, line.indent), line.start + mb.end(), "name", 1, "]")


def _change_label(line: Line, i: int, captions: bool) -> Label | None:
    """A change of speaker, ``>>`` (anywhere) or ``- `` (in captions), at `i`."""
    m = _CHANGE.match(line.norm, i)
    if m and (m.group("label") == ">>" or captions):
        # from the line's first character: a backslash blanked as a Markdown escape ("\\>> …") is no indent
        return Label(line, m.group("label"), line.start + min(i, line.indent), line.start + m.end(), "change", 3, "")
    return None


def _may_open_label(norm: str, i: int, c0: str) -> bool:
    """A quick test before the patterns: can the text at `i` open a label at all?"""
    # leading Markdown emphasis around the label (**MS. PSAKI:**)
    if not (c0.isupper() or c0 in "*_"):
        # a label in a script with no capitals ("記者：", "行政長官："), short, before a colon
        return c0.isalpha() and not c0.islower() and _ANY_COLON.search(norm, i, i + 41) is not None
    head = norm[i : i + 90]
    if (
        c0 not in "QFA*_"
        and _ANY_COLON.search(head) is None
        and '"' not in head
        and ";" not in head
        and not _A_DASH.match(head)
        and not (head[1:2].isupper() and _may_close_with_a_dash(head[:46]))  # "JC – …"; prose at once
    ):
        # only the period forms are left: 'CHAIR POWELL.' (capitals) or 'Ed Conway, Sky News.'
        sp = head.find(" ")
        first = head[:sp] if sp > 0 else head
        dot = head.find(".")
        titled = first == "The" or first.rstrip(".").lower() in HONORIFICS or is_title_word(first.rstrip("."))
        if dot < 0 or not (first.rstrip(".").isupper() or 0 <= head.find(", ") < dot or titled):
            return False
    return True


_TIME_STARTS = tuple("[(0123456789")
#: a label of initials ("CH:", "AWB:"); after a recording time a speaker's, whatever word they
#: spell ("[0:00:41.9] CC:"); naming.py names such labels
INITIALS = re.compile(r"[A-Z]{2,3}")
_TIME_IN_EMPH = re.compile(LEAD_TIME + r"[ \t]+(?=[^\W\d_])")


class _At:
    """Where a label candidate starts in a line: `lead` (opening emphasis, "**") and `s`, the
    text after it."""

    def __init__(self, line: Line, i: int, lead: str, timed: bool = False) -> None:
        self.line, self.i, self.lead = line, i, lead
        self.timed = timed  # a recording time opens the line ("[0:00:41.9] CC: Hi, everybody.")
        self.j = i + len(lead)
        if lead and line.norm[self.j : self.j + 1] in _TIME_STARTS:
            t = _TIME_IN_EMPH.match(line.norm, self.j)  # "**[0:07]\tJane Roe:**": the time inside the bold
            if t:
                self.j = t.end()
        self.s = line.norm[self.j : self.j + 200]  # a label and its separator fit in far less

    def make(self, mm: re.Match, kind: str, strength: int) -> Label:
        """The `Label` for match `mm` of `s`: its text without emphasis, its span up to the
        separator, the closing emphasis and the spaces after it."""
        line, norm, lead = self.line, self.line.norm, self.lead
        label = mm.group("label")
        end = self.j + mm.end()
        # closing emphasis and spaces after the separator
        if lead and norm.startswith(lead, end):
            end += len(lead)
        n = len(norm)
        while end < n and norm[end] == " ":
            end += 1
        text = " ".join(label.replace(lead, "").split()) if lead else " ".join(label.split())
        sep = mm.group("sep") if "sep" in mm.re.groupindex else None
        return Label(
            line, text.strip(" *_"), line.start + min(self.i, line.indent), line.start + end, kind, strength, sep or ""
        )


def _question_label(at: _At, mq: re.Match) -> Label | None:
    """ "Q:", "Q.", "QUESTION:", "Follow-up:" …, or None where the match is prose ("Question marks remain")."""
    after = at.s[mq.end() :]
    label = mq.group("label")
    if mq.group("sp") is not None and not mq.group("sep"):
        # "Q" + spaces: the next word must start a sentence
        if not after or not (after[0].isupper() or after[0] in "\"'([-\u2014\u2013.…" or after[0].isdigit()):
            if label not in ("Q",) or after:
                return None
        if label not in ("Q",) and not after:
            return None
        if label.lower().startswith("question") and mq.group("sp") is not None:
            # "Question marks remain" is prose; "Question  Minister, will …" (a colon lost, two
            # spaces) a label, if the document prints "Question:" as one (strength 0: see `detect_labels`)
            return at.make(mq, "q", 0) if len(mq.group("sp")) >= 2 and after[:1].isupper() else None
    if label.lower().startswith("follow") and not mq.group("sep"):
        return None
    return at.make(mq, "q", 3)


def _timed_or_hansard(at: _At, s: str, h: str) -> Label | None:
    """A transcription service's numbered "Speaker 2:", "Jane Roe (00:02):" alone on its line (the
    speech below) or "*Jane Roe (0:00:15)*: …" in emphasis, or a Hansard's "HON. JANE ROE.-"."""
    colon = ":" in h
    md = _DIARIZED.match(s) if colon and s[:1] in "SPUG" else None
    if md:
        return at.make(md, "name", 2)
    numbered = colon and any(map(str.isdigit, h[:30]))
    mr = _NUMBERED_ROLE.match(s) if numbered else None
    if mr and mr.group("label")[:1].isupper():
        return at.make(mr, "name", 2)
    mn = _NUMBERED_ANY.match(s) if mr is None and numbered else None
    if mn:
        return at.make(mn, "name", 1)  # "Question Asker 2 (Reuters):": kept where the words recur numbered
    if colon and (")" in h or "]" in h):
        # "Jane Roe (00:02):" alone on its line, "*Jane Roe (0:00:15)*: Welcome …" or "**Jane Roe** (00:09):"
        mt = (_NAME_TIME_EMPH if at.lead else _NAME_TIME_COLON).match(s)
        if mt and name_like(mt.group("label")):
            return at.make(mt, "name", 2)
    long = s[:210]  # an office in brackets makes a long label ("HON. A. ROE (Attorney-General and …).-")
    if ".-" in long or ".\u2013" in long or ".\u2014" in long:
        md = _PERIOD_DASH.match(s)
        if md and _period_dash_label(md.group("label")):
            return at.make(md, "name", 2)
    return None


#: a label in capitals closed by a dash, as newspapers print an interview's questions and answers
#: ("JC – …", "RENILDO CALHEIROS – …", "JC e BJ- …", "GJ - …")
_CAPS_DASH = re.compile(
    r"(?P<label>[^\W\d_][^\W\d_.' ]{0,20}(?:[ .'][^\W\d_]{1,20}){0,3}?)(?P<sep>[ \t]*[-\u2013\u2014])[ \t]+(?=\S)"
)


def _may_close_with_a_dash(head: str) -> bool:
    """A quick test before `_CAPS_DASH`: two capitals open the text, and a dash follows in it."""
    return head[:2].isalpha() and head[:2].isupper() and any(d in head for d in _DASHES)


def _capitals_label(label: str) -> bool:
    """Capitals words (a connector in lower case between them: "JC e BJ"), two letters or more."""
    words = label.replace(".", " ").split()
    caps = [w for w in words if w.lower() not in CONNECTORS]
    return len(label) >= 2 and bool(caps) and all(w.isupper() or w in CONNECTORS for w in words)


def _name_label(at: _At) -> Label | None:
    """A name label: "Ed Conway, Sky News.", "SPEAKER 1:", "MS. PSAKI:", "CHAIR POWELL.", or one
    with a typo for its colon (strength 0)."""
    s = at.s
    h = s[:90]
    mn = _NAME_OUTLET_PERIOD.match(s) if ", " in h else None
    if mn and mn.group("label").rsplit(None, 1)[-1] in TITLE_ABBREVIATIONS:
        mn = None  # "As Chair, Dr. Nunez-Smith will …": the full stop is an abbreviation's
    if mn and name_like(mn.group("label").split(",")[0], allow_single=False):
        return at.make(mn, "name", 2)
    special = _timed_or_hansard(at, s, h)
    if special is not None:
        return special
    mc = _COLON.match(s) if (":" in h or "\uff1a" in h or "\ufe55" in h) else None
    if at.lead and mc and at.lead in mc.group("label"):
        mc = _EMPH_THEN_COLON.match(s)  # "**Operator**:": the emphasis closes before the colon
    if mc and (
        name_like(mc.group("label"))
        or _name_then_outlet(mc.group("label"))
        or uncased_label(mc.group("label"))
        or (at.timed and INITIALS.fullmatch(mc.group("label")) is not None)  # "CC:", a field's word else
    ):
        label = mc.group("label")
        strength = 2 if (label.upper() == label and any(c.isupper() for c in label)) or _with_outlet(label) else 1
        return at.make(mc, "name", strength)
    period = _period_label(at, s, h)
    if period is not None:
        return period
    md = _CAPS_DASH.match(s) if _may_close_with_a_dash(h) else None
    if md and _capitals_label(md.group("label")):
        return at.make(md, "name", 1)  # "JC – …", "RENILDO CALHEIROS – …": accepted where printed twice or more
    mt = _QUOTE_TYPO.match(s) if ('"' in h or ";" in h) else None
    if mt and name_like(mt.group("label")):
        return at.make(mt, "name", 0)  # only accepted if the label is printed properly elsewhere
    return None


def _period_label(at: _At, s: str, h: str) -> Label | None:
    """A label closed by a full stop: "CHAIR POWELL." in capitals, or a printed hearing's
    "Senator Bayh." (strength 1)."""
    sp = h.find(" ")
    mp = _CAPS_PERIOD.match(s) if (h[:sp] if sp > 0 else h).rstrip(".").isupper() else None
    if mp:
        label = mp.group("label")
        words = label.split()
        # "… MINISTER K. SHANMUGAM", "HON. M.R. LEAWERE asked …": initials go on to a surname
        initial = _INITIALS_RUN.fullmatch(words[-1]) is not None and s[mp.end() :].lstrip()[:1].isupper()
        # "LT. GOV. EARLE-SEARS": a title's abbreviation goes on to the name
        initial = initial or (words[-1].title() in TITLE_ABBREVIATIONS and s[mp.end() :].lstrip()[:1].isupper())
        if len(label) >= 3 and name_like(label.title()) and label.lower() not in NOT_LABELS and not initial:
            if len(words) >= 2 or len(label) >= 4:
                return at.make(mp, "name", 1)
    mh = _TITLED_PERIOD.match(s) if ". " in h else None
    if mh and _titled_period_label(mh.group("label")):
        return at.make(mh, "name", 1)  # "Senator Bayh. I would like …": a hearing's printed record
    return None


#: a hearing's label in a printed record: a title or an honorific, a surname, perhaps a state, a
#: full stop, then the speech ("Senator Bayh. I would …", "Mrs. McCarthy of New York. Thank …",
#: "The Chairman. The hearing …", "Chairman Frank. The gentleman …")
_TITLED_PERIOD = re.compile(
    r"(?P<label>(?:The\s+)?[A-Z][a-z]+\.?(?:\s+(?:Mc|Mac|O'|De|Van|La)?[A-Z][\w'\u2019\-]+){0,2}"
    r"(?:\s+of\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?)(?P<sep>\.)[ \t]+(?=[A-Z\"\u201c(\[])"
)


def _titled_period_label(label: str) -> bool:
    """Does the label open with a title or an honorific ("Senator", "Mr.", "The Chairman") and say
    nothing more than a surname (and a state) after it?"""
    words = label.replace(".", " ").split()
    the = words[0] == "The"
    if the:
        words = words[1:]
    if not words or not (words[0].lower() in HONORIFICS or is_title_word(words[0])):
        return False
    lone = (
        the and is_title_word(words[0]) and words[0].lower() not in HONORIFICS and words[0] not in TITLE_ABBREVIATIONS
    )
    if len(words) == 1 and not lone:
        return False  # "Dr. Fauci said …", "The Hon. Jane Roe MP": no label; "The Chairman." is one
    rest = words[1 : words.index("of")] if "of" in words else words[1:]
    return len(rest) <= 2 and not any(is_title_word(x) or x.lower() in HONORIFICS for x in rest[1:])


_INITIALS_RUN = re.compile(r"(?:[A-Z]\.)*[A-Z]")
_OUTLET_WITH_DIGITS = re.compile(r"[A-Z0-9][\w'&.\-]*(?: (?:[A-Z0-9&][\w'&.\-]*|of|the|and)){0,5}")


def _name_then_outlet(label: str) -> bool:
    """'Helia Ebrahimi, Channel 4 News': a person, then an outlet whose name holds a number and
    an outlet's word ("Channel", "News", "TV"); not a dateline or a caption ("New York, March 5",
    "Key Points, Chart 3")."""
    name, _, outlet = label.partition(", ")
    if not outlet or not any(ch.isdigit() for ch in outlet) or _OUTLET_WITH_DIGITS.fullmatch(outlet) is None:
        return False
    words = {w.lower().strip(".") for w in outlet.split()}
    return bool(words & OUTLET_WORDS) and name_like(name, allow_single=False)


def _ends_sentence(text: str) -> bool:
    """Does this line end a sentence (or is it a heading in capitals)? A lone hyphen at a line's end
    splits a word, in text taken out of a PDF. An ellipsis ends one as "..." does."""
    t = text.rstrip().rstrip("\"')\u201d\u2019]")
    return t.endswith((".", "?", "!", "\u2026", "\u2014", "--")) or (t.isupper() and ":" not in t)


def _heading(text: str) -> bool:
    """A short heading on a line of its own ("Presentation", "Questions and Answers"): one to five
    capitalised words (connectors aside), no punctuation at its end."""
    t = text.strip()
    words = t.split()
    return (
        0 < len(words) <= 5
        and t[-1:].isalnum()
        and all(w[:1].isupper() or w.lower() in CONNECTORS or w == "&" for w in words)
        and words[0][:1].isupper()
    )


def _inline_label(
    c: "Label", printed: int, names: "collections.Counter[str]", body: str | None, lines, idx: int
) -> bool:
    """A name label inside a paragraph of text that prints its labels there (see `detect_labels`): one in
    capitals ("HOWARD SCHNEIDER."), a "Name, Outlet." one, one printed more than once, or a full
    "Name:" whose person has another label ("Phil Aldrick, Times." / "Phil Aldrick:") or was just
    handed the floor ("Dave, if I pass to you …" / "Dave Ramsden:"); not "Key Points:"."""
    words = c.text.split(",")[0].split()
    if c.text.isupper() and len(words) >= 2 and c.sep in (".", ":"):
        return True
    if c.strength >= 2 or printed >= 2:
        return True
    if c.sep == ":" and " ".join(words).lower() in WORDS["asker_labels"]:
        return True  # "Shareholder Question:", as a "Q:" would be
    if c.sep == ":" and len(words) == 1 and _part_of_a_full_label(label_key(words[0]), names):
        return True  # "Charlie:" where "Charlie Munger:" labels a turn too
    if c.sep != ":" or len(words) < 2:
        return False
    if "," in c.text or names[label_key(" ".join(words))] >= 2:
        return True
    if names[label_key(words[-1])] >= 1:
        return True  # "Jerry Lee:" once, then "Lee:" for the rest of the text
    if body is None:
        return False
    at = lines[idx].start - lines.base
    before = body[max(0, at - 300) : at]
    # the person called or addressed just before ("Dave, if I pass to you", "I'll pass to Dave
    # Ramsden."), not any word of the label ("The Federal Reserve:" after "The …")
    return any(
        re.search(rf"\b{re.escape(w)}\b\s*[,.?!]|\bto {re.escape(w)}\b", before)
        for w in {words[0], words[-1]}
        if not is_title_word(w) and w.lower() not in CONNECTORS
    )


def _part_of_a_full_label(key: str, names: "collections.Counter[str]") -> bool:
    """Is this one word the first or the last of a label of two words or more ("CHARLIE" of "CHARLIE MUNGER")?"""
    for name in names:
        parts = name.split()
        if len(parts) >= 2 and key in (parts[0], parts[-1]):
            return True
    return False


_NOTE_THEN_COLON = re.compile(r"\([^()\n]{1,40}\)[ \t]*:[ \t]*")
_DASH_SUFFIX = re.compile(r"[-\u2013\u2014][ \t]+(?P<rest>[^\s.?!].{0,149})")
_SUFFIX = re.compile(r"(?P<rest>[^\s.?!].{0,149})")


def _dash_suffix(line: Line, at: int, dashed: bool = False) -> str:
    """What follows a marked label to the end of its line when it is a dash-led affiliation
    ("- Acme, Inc. - CFO"; the dash may close the marked part, ``dashed``) that ends no sentence
    and runs to the line's end; else ''."""
    m = (_SUFFIX if dashed else _DASH_SUFFIX).fullmatch(line.norm, at - line.start, len(line.norm.rstrip()))
    if m is None or _ends_sentence(m.group("rest")) or ":" in m.group("rest"):
        return ""
    return " ".join(m.group("rest").split())


class TooManyLabels(Exception):
    """More label candidates than a transcript can hold (a label flood): `detect_labels` stops at once."""


_DASH_SEPARATOR = re.compile(r"[-\u2013\u2014][ \t]+(?=\S)")


def _hint_label(line: Line, hint) -> Label:
    """The label markup gives (bold, a voice tag), with what the line adds to it: a note before the
    separator, or a company and title after the name."""
    lead = line.start + line.indent
    end = hint.end_char
    while end < line.end and line.norm[end - line.start] == " ":
        end += 1
    name = " ".join(hint.name.split()).rstrip(":. ")
    note = _NOTE_THEN_COLON.match(line.norm, end - line.start)
    if note:  # "**Question** *(retranslated)***:**": a note on the speech, then the separator
        end = line.start + note.end()
    suffix = "" if note else _dash_suffix(line, end, dashed=name[-1:] in "-\u2013\u2014")
    if suffix:  # "**Jane Roe** - Acme, Inc. - CFO": the marked name, then her company and title
        name, end = name.rstrip("-\u2013\u2014 ") + " - " + suffix, line.end
    sep = ":"
    if not suffix and not note:  # "**JC –** …", "**GJ** - …": a dash closes the label, as a colon would
        dash = _DASH_SEPARATOR.match(line.norm, end - line.start)
        sep = (name[-1:] if name[-1:] in "-\u2013\u2014" else dash.group()[0] if dash else ":").strip() or ":"
        name = name.rstrip("-\u2013\u2014 ") or name
        end = line.start + dash.end() if dash else end
    kind = "q" if _Q_FORM.fullmatch(name + ":") else ("a" if _A_FORM.fullmatch(name + ":") else "name")
    return Label(line, name, lead, end, kind, 3, sep)


def _drop_topics(cands: dict[int, Label], body: str) -> None:
    """A one-word heading ("Inflation:", "Boosters:") that the document also prints in lower case
    is a topic, not a speaker; titles and roles ("President:", "Moderator:") stay labels, as does a
    scribe's nickname in brackets ("[jane] Agreed.") and a name that opens two bullets or more of
    a meeting's notes ("- Yaacov: …", where the notes also write "what yaacov said")."""
    bulleted = collections.Counter(c.key for c in cands.values() if c.bulleted and c.kind == "name")
    printed = collections.Counter(c.key for c in cands.values() if c.kind == "name")
    for idx in [
        i
        for i, c in cands.items()
        if c.kind == "name"
        and c.strength == 1
        and c.sep != "]"
        and not uncased_label(c.text)  # a script with no capitals has no lower case to tell a topic by
        and " " not in c.text
        and not c.text.isupper()
        and not _role_word(c.text)
        and written_in_lower_case(c.text, body)
        and not _names_bullets(c.text, max(bulleted[c.key], printed[c.key] - 1), body)  # last: it counts over the text
    ]:
        del cands[idx]


def _names_bullets(word: str, bullets: int, body: str) -> bool:
    """Does a word open two bullets or more of a meeting's notes, more often than the notes write it
    in lower case ("- Yaacov: …" ×5, "what yaacov said" once; not "- Outcome: …" ×2 beside "no
    outcome" ×2)? Such a word is a person's name, not a topic."""
    if bullets < 2:
        return False
    low = len(re.findall(r"(?<![\w'\u2019@/-])" + re.escape(word.lower()) + r"(?![\w'\u2019-])", body))
    return low < bullets


#: a label's line printed this often, word for word, is a running header of a PDF's pages
RUNNING_HEADER_REPEATS = 3


def _drop_running_headers(cands: dict[int, Label]) -> None:
    """A label whose every line is the same words, printed three times or more with six words or
    more after the label and no sentence's end, is the running header of the pages of text taken
    out of a PDF ("Jane Roe: Full Transcript of the Annual Meeting 2016" on every page), not a
    speaker; a speaker's "We are not finishing the wall." said thrice is among other things the
    speaker says."""
    printed = collections.Counter(c.key for c in cands.values())
    frequent = {k for k, n in printed.items() if n >= RUNNING_HEADER_REPEATS}
    if not frequent:
        return
    first: dict[str, str] = {}
    varied: set[str] = set()  # keys printed on lines that differ: a speaker's, not a running header's
    for c in cands.values():
        k = c.key
        if k in frequent and k not in varied:
            line = c.line.norm.strip()
            if first.setdefault(k, line) != line:
                varied.add(k)
    for idx in [
        i
        for i, c in cands.items()
        if c.key in frequent and c.key not in varied and _title_like(c.line.norm[c.end - c.line.start :])
    ]:
        del cands[idx]


def _drop_link_fields(cands: dict[int, Label]) -> None:
    """A name printed once as a label with nothing after it on its line but a link is a page's field
    ("**Article: [Fightback](https://…)**" under an article's date line), not a speaker."""
    printed = collections.Counter(c.key for c in cands.values())
    for idx in [
        i
        for i, c in cands.items()
        if c.kind == "name"
        and printed[c.key] == 1
        and _LINK_ONLY.fullmatch(c.line.norm[c.end - c.line.start :].strip(" *_"))
    ]:
        del cands[idx]


#: a news wire's attribution before a headline's quote: a possessive, then a surname ("Fed's Daly:",
#: "ECB’s Lagarde:", "Apple's Tim Cook:")
_ATTRIBUTION = re.compile(r"[A-Z][\w.&-]*['\u2019]s\s+[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*)?")


def _drop_headline_attributions(cands: dict[int, Label]) -> None:
    """A headline's attribution is no speaker ("Fed's Daly: We can't wait for inflation to reach 2%",
    a wire's headlines above the interview): a label of a possessive and a name."""
    for idx in [i for i, c in cands.items() if c.kind == "name" and _ATTRIBUTION.fullmatch(c.text)]:
        del cands[idx]


def _title_like(rest: str) -> bool:
    """Six words or more that end no sentence: a title, not speech."""
    return len(rest.split()) >= 6 and not _ends_sentence(rest)


def _drop_lone_numbers(cands: dict[int, "Label"]) -> None:
    """Words and a number label a speaker only where the document numbers the same words twice or
    more: "Question Asker 1:", "Question Asker 2:" (its callers, its participants; "Chapter 3:"
    alone is a heading), "Q1." and "Q2." (notes of a press conference; "… bringing it down by /
    Q4. Do you think …", a quarter at a hard-wrapped line's start, is none)."""
    numbers = collections.defaultdict(set)
    numbered = {}
    for idx, c in cands.items():
        wn = _words_and_number(c)
        if wn is not None:
            numbered[idx] = wn[0]
            numbers[wn[0]].add(wn[1])
    for idx, words in numbered.items():
        if len(numbers[words]) < 2:
            del cands[idx]


def _words_and_number(c: "Label") -> tuple[str, str] | None:
    """The words and the number of a numbered label: ("Question Asker", "2") of "Question Asker 2
    (Reuters):" (a plausible name label), ("Q", "1") of "Q1."; else None."""
    if c.kind == "q":
        n = qa_number(c)
        return ("Q", n) if n is not None else None
    if c.strength == 1 and c.kind == "name" and c.text[-1:] in "0123456789)":
        m = _NUMBERED_TEXT.fullmatch(c.text)
        return (m.group("words"), m.group("n")) if m else None
    return None


def qa_number(c: "Label") -> str | None:
    """The number of a numbered question or answer label ("Q1." → "1", "A12:" → "12"), else None."""
    n = c.text[1:]
    return n if c.kind in ("q", "a") and n.isdigit() else None


def _drop_number_fields(cands: dict[int, "Label"]) -> None:
    """A label whose line holds nothing but a number or a numeric date after it ("Sitting No: 20",
    "Sitting Date: 11-12-1979", "Volume: 39") is a record's field, not a speaker: nobody says a bare
    number unpunctuated ("ROE: 5." keeps its full stop)."""
    fields = [
        i
        for i, c in cands.items()
        if c.line.norm[-1:].isdigit() and c.strength < 3 and _NUMBER_FIELD.fullmatch(c.line.norm, c.end - c.line.start)
    ]
    for idx in fields:
        del cands[idx]


#: a field's value: a number, or a numeric date ("20", "11-12-1979", "2024/03/01"), and spaces
_NUMBER_FIELD = re.compile(r"\s*\d{1,4}(?:[-/.]\d{1,4}){0,2}\s*")


def _drop_minor_brackets(cands: dict[int, Label]) -> None:
    """Square brackets label speakers only where they are the document's main form: where other
    name labels ("MS. ROE:", "- Jane:") outnumber them, a bracket at a line's start is a note
    ("[Phone rings] …", "[Speaking Spanish] …"), not a speaker."""
    _drop_unless_main_form(
        cands, lambda c: c.sep == "]", lambda c: c.kind == "name" and c.sep != "]", kept_on_a_tie=True
    )


def _drop_minor_full_width(cands: dict[int, Label]) -> None:
    """Labels before a full-width colon or with no capitals ("記者：", "Peterson﹕", "**總統**:") are
    speakers only where they are the document's main form: in a bilingual page whose "Dr. Jane
    Roe:" labels are at least as many, a translation's "Jane Roe醫生：" opens no turn of its own."""
    _drop_unless_main_form(
        cands,
        lambda c: c.sep in ("\uff1a", "\ufe55") or (c.kind == "name" and uncased_label(c.text)),
        lambda c: c.sep == ":" and not uncased_label(c.text),
        kept_on_a_tie=False,
    )


#: labels closed by a dash are a layout only where printed this often ("JANE ROE – Party Co-Leader"
#: once is a name and a title)
MIN_DASHED = 4


def _drop_minor_dashes(cands: dict[int, Label]) -> None:
    """Capitals closed by a dash ("JC – …") label speakers only where they are the document's main
    form: beside other labels as many, they are a name and the title after it ("JANE ROE – Party
    Co-Leader"), a heading's subject ("THE PRESIDENT – Authority of Parliament"), a dateline.
    Bold labels a dash closes ("**GJ** - …") count with them, and stay; a label printed once so
    does not."""
    dashed = [i for i, c in cands.items() if c.sep.strip() in _DASHES]
    if not dashed:
        return
    layout = len(dashed) >= MIN_DASHED and len(dashed) > len(cands) - len(dashed)
    counts = collections.Counter(cands[i].key for i in dashed)
    for i in dashed:  # a dash label printed once is a dateline ("RECIFE – …") or a name and a title
        if cands[i].strength == 1 and cands[i].kind == "name" and (not layout or counts[cands[i].key] < 2):
            del cands[i]


def _drop_unless_main_form(cands: dict[int, Label], form, rival, kept_on_a_tie: bool) -> None:
    """Drop the candidates of a `form` of label unless they outnumber its `rival`s (or, with
    `kept_on_a_tie`, are as many)."""
    ours = [i for i, c in cands.items() if form(c)]
    if not ours:
        return
    rivals = sum(1 for c in cands.values() if rival(c))
    if len(ours) < rivals if kept_on_a_tie else len(ours) <= rivals:
        for i in ours:
            del cands[i]


def _capitals_labels(cands: dict[int, Label]) -> bool:
    """Does the document label its speakers in capitals ("MS. PSAKI:") at paragraph starts?"""
    return (
        sum(
            1
            for c in cands.values()
            if c.kind == "name"
            and c.line.para_start
            and c.text.isupper()
            and len(c.text.replace(".", "").replace(" ", "")) >= 4
        )
        >= 3
    )


def _drop_quoted_sources(cands: dict[int, Label], all_counts: collections.Counter) -> None:
    """Among capitals labels, a mixed-case "Name:" printed once is a source quoted or a topic (see `detect_labels`)."""
    # … but "Mr. Cruz:" after "RG Cruz (ABS-CBN 2):" is the reporter the document named in full
    with_outlet = {_TRAILING_PAREN.sub("", c.text).split()[-1] for c in cands.values() if _with_outlet(c.text)}
    for idx in [
        i
        for i, c in cands.items()
        if c.kind == "name"
        and c.strength == 1
        and all_counts[c.key] == 1
        and not c.text.isupper()
        and not _capitals_name_then_outlet(c.text)
        and not _role_word(c.text)
        and not _surname_of(c.text, with_outlet)
    ]:
        all_counts[cands.pop(idx).key] -= 1


def _capitals_name_then_outlet(text: str) -> bool:
    """A name in capitals, as the other labels print theirs, then a comma and a firm or an outlet
    in mixed case ("KEITH WEISS, Morgan Stanley"): an analyst's label, not a source quoted."""
    name, comma, rest = text.partition(",")
    return bool(comma and rest.strip()) and name.isupper() and len(name.split()) >= 2


class _Collector:
    """The label candidates of a document, by line index: a reader's hint where one starts the line,
    else `candidates`; `TooManyLabels` past ``max_candidates``."""

    def __init__(self, hints, captions: bool, max_candidates: int | None) -> None:
        self.hint_at = {}
        for h in hints:
            self.hint_at[h.start_char] = h
        self.captions = captions
        self.max_candidates = max_candidates
        self.cands: dict[int, Label] = {}

    def consider(self, idx: int, line: Line) -> None:
        hint = self.hint_at.get(line.start + line.indent) if self.hint_at else None
        if hint is not None:
            self.cands[idx] = _hint_label(line, hint)
            return
        c = candidates(line, self.captions)
        if c is not None:
            self.cands[idx] = c
            if self.max_candidates is not None and len(self.cands) > self.max_candidates:
                raise TooManyLabels(len(self.cands))


def _scan_paragraph_starts(lines: list[Line], col: _Collector) -> list[int]:
    """Consider the paragraph starts (and the lines a hint starts); the other non-blank lines' indexes."""
    if col.hint_at:
        inner = []
        for idx, line in enumerate(lines):
            if line.blank:
                continue
            if line.para_start or (line.start + line.indent) in col.hint_at:
                col.consider(idx, line)
            else:
                inner.append(idx)
        return inner
    items = _list_item_starts(lines)  # a list item is a block of its own, as a paragraph is
    inner = []
    for idx, line in enumerate(lines):
        if line.para_start or line.start in items:
            col.consider(idx, line)
        elif not line.blank:
            inner.append(idx)
    return inner


def _inline_layout(lines: list[Line], cands: dict[int, Label], inner: list[int]) -> bool:
    """Does the document print its labels inside paragraphs? Text taken out of a PDF does (hard line
    breaks and few or no blank lines): there any line after the end of a sentence may start a turn."""
    at_para_keys = collections.Counter(c.key for c in cands.values() if c.line.para_start and c.kind == "name")
    inside = sum(1 for c in cands.values() if not c.line.para_start and c.key in at_para_keys)
    return sum(1 for line in lines if line.para_start) * 10 < len(inner) or inside >= max(
        3, sum(at_para_keys.values()) // 5
    )  # not a blank line forgotten here and there


def _scan_after_sentence_ends(lines: list[Line], col: _Collector, inner: list[int]) -> set[int]:
    """Consider the capitalised lines inside paragraphs that follow the end of a sentence, a heading or a
    line that stops well short of the text's width (a page number "p.12", a lone "*", a note); their indexes."""
    short = _short_line_width(lines, inner)
    after_end = {
        i
        for i in inner
        if i > 0
        and (
            _ends_sentence(lines[i - 1].norm)
            or _heading(lines[i - 1].norm)
            or (len(lines[i - 1].norm.strip()) < short and _speech_after_colon(lines[i].norm))
        )
    }
    for idx in sorted(after_end):
        head = lines[idx].norm.lstrip(" *_")
        if idx not in col.cands and head[:1].isupper():
            col.consider(idx, lines[idx])
    return after_end


def _speech_after_colon(line: str) -> bool:
    """After a line that stops short, a turn is a label and a colon, then speech: a capital or three
    words at least ("Shareholder:  Why …", "Jane Roe:  and this building …"); not a field of a
    file's metadata ("TYPE: presconf")."""
    head, colon, rest = line.partition(":")
    if not colon or len(head) > 80:
        return False
    rest = rest.lstrip(" \t*_\"'\u201c([")
    return rest[:1].isupper() or len(rest.split()) >= 3


def _short_line_width(lines: list[Line], inner: list[int]) -> int:
    """Lines shorter than this stop before the text's hard wrap: under half the width of the longest
    quarter of the lines inside paragraphs (0 where there are too few lines to tell)."""
    if len(inner) < 20:
        return 0
    widths = sorted(len(lines[i].norm.strip()) for i in inner)
    return widths[len(widths) * 3 // 4] // 2


#: a bracketed speaker label inside a paragraph is one where the document prints it this often
MIN_BRACKETED = 3


def _accept(
    cands: dict[int, Label], lines, all_counts: collections.Counter, after_end: set[int], body: str | None
) -> dict[int, Label]:
    """The candidates `detect_labels` accepts: at paragraph starts by their shape, inside paragraphs where the
    document prints the same label at a paragraph start or the layout puts labels there."""
    found: dict[int, Label] = {}
    # the people the labels name ("Phil Aldrick, Times." and "Phil Aldrick:" are one), for `_inline_label`
    names = (
        collections.Counter(label_key(c.text.split(",")[0]) for c in cands.values() if c.kind == "name")
        if after_end
        else collections.Counter()
    )
    # what the document prints at paragraph starts, with a proper separator
    at_para = {c.key for c in cands.values() if c.line.para_start and c.strength >= 1}
    q_at_para_start = any(k.kind == "q" and k.line.para_start for k in cands.values())  # once, not per label
    asked = any(k.kind == "q" and k.strength >= 3 and k.sep.strip() == ":" for k in cands.values())
    dashed = {k.kind for k in cands.values() if k.kind in ("q", "a") and k.sep.strip() in _DASHES} == {"q", "a"}
    numbered = {qa_number(k) for k in cands.values() if k.kind == "q"} - {None}  # "Q1." … "Q12."
    found.update(_bulleted_accepted(cands))
    found.update(_square_bracketed_accepted(cands, all_counts))
    for idx, c in _unbulleted(cands):
        if c.sep == ")":
            if all_counts[c.key] >= MIN_BRACKETED:
                found[idx] = c  # "(PERSON2) Yes.": a bracketed speaker who recurs starts a turn on any line
        elif c.strength == 0 or c.line.para_start or (c.kind == "name" and _time_stamped(c)):
            if _accepted_plainly(c, at_para, all_counts):
                found[idx] = c
        elif c.key in at_para:
            found[idx] = c  # inside a paragraph: a label the document also prints at a paragraph start
        elif idx in after_end and c.kind == "name" and _inline_label(c, all_counts[c.key], names, body, lines, idx):
            found[idx] = c
        elif _question_or_answer_inside(c, q_at_para_start, dashed, asked and idx in after_end, numbered):
            found[idx] = c
        elif c.kind == "name" and idx > 0 and _with_outlet(c.text) and _ends_sentence(lines[idx - 1].norm):
            found[idx] = c  # "… take your questions." / "RG Cruz (ABS-CBN 2): Sir, …" on the next line
    return found


_DASHES = ("-", "\u2013", "\u2014")


def _square_bracketed_accepted(cands: dict[int, Label], all_counts: collections.Counter) -> dict[int, Label]:
    """The labels in square brackets ("[Jane Roe]  Thank you.") not after a list item's marker
    (those are `_bulleted_accepted`'s) that are accepted: where the document labels its speakers
    so (two or more such labels printed twice or more each), one printed twice or more, or a full
    name printed once."""
    square = {idx: c for idx, c in cands.items() if c.sep == "]" and not c.bulleted}
    if sum(1 for k in {c.key for c in square.values()} if all_counts[k] >= 2) < 2:
        return {}
    return {idx: c for idx, c in square.items() if all_counts[c.key] >= 2 or name_like(c.text, allow_single=False)}


def _unbulleted(cands: dict[int, Label]) -> list[tuple[int, Label]]:
    """The candidates not after a list item's marker nor in square brackets, by line index."""
    return [(idx, c) for idx, c in cands.items() if not c.bulleted and c.sep != "]"]


def _bulleted_accepted(cands: dict[int, Label]) -> dict[int, Label]:
    """The labels after a list item's marker that are accepted: a question form, and an answer form
    where a question form is bulleted too; a name the document prints so twice or more; or, from
    the first such recurring name on, any name, and a full name before it (notes of a meeting, one
    bullet per turn, where a speaker heard once is named once: `_in_notes`). A list of fields ("-
    **Where**: zoom.us", "- **When**: …") names no one twice, and one above the notes is no turn."""
    bulleted = {idx: c for idx, c in cands.items() if c.bulleted}
    counts = collections.Counter(c.key for c in bulleted.values() if c.kind == "name")
    recurring = [idx for idx, c in bulleted.items() if c.kind == "name" and counts[c.key] >= 2]
    notes_from = min(recurring) if len({bulleted[i].key for i in recurring}) >= 2 else None
    asked = any(c.kind == "q" and c.strength >= 3 for c in bulleted.values())
    return {
        idx: c
        for idx, c in bulleted.items()
        if (c.kind == "q" and c.strength >= 3)
        or (c.kind == "a" and asked)
        or (c.kind == "name" and (counts[c.key] >= 2 or (notes_from is not None and _in_notes(c, idx, notes_from))))
    }


def _in_notes(c: Label, idx: int, notes_from: int) -> bool:
    """A name printed once in a list of notes: any, from the first recurring name on; before it, a
    person's full name ("- Chris Blec: …") or a name a sentence follows ("- Derek: Yesterday, I
    submitted it."), not a field ("- **Where**: online", "- **When**: Tuesday, 4pm", "- **GitHub
    Issue**: https://…")."""
    rest = c.line.norm[c.end - c.line.start :]
    if idx < notes_from and _LINK_ONLY.fullmatch(rest.strip()):
        return False  # "- **GitHub Issue**: https://…": a field of the links above the notes
    if idx >= notes_from or name_like(c.text, allow_single=False):
        return True
    return len(rest.split()) >= 3 and _SENTENCE_END.search(rest) is not None


#: a web address or a Markdown link, alone
_LINK_ONLY = re.compile(r"<?https?://\S+>?|\[[^\]\n]*\]\(\S+\)")


_SENTENCE_END = re.compile(r"[.?!][\"'”’)*_]*(?:\s|$)")


def _question_or_answer_inside(
    c: Label, q_at_para_start: bool, dashed: bool, after_a_question: bool, numbered: set[str]
) -> bool:
    """A `Q` inside a paragraph (with a separator, or where a `Q` also opens one); a dashed question
    or answer where the document prints both so ("Q - … / R - …", one per line); an "Answer:" after
    the end of a sentence where "Question:" labels the asking (``after_a_question``: "… or threats?"
    / "Answer: The one that …"); "A1." on the line after "Q1. …", the answer numbered as a
    question the document numbers (``numbered``)."""
    if (dashed and c.sep.strip() in _DASHES) or (c.kind == "a" and qa_number(c) in numbered):
        return True
    if c.kind == "a" and after_a_question and c.sep.strip() not in _DASHES:
        return True
    return c.kind == "q" and c.strength >= 3 and (c.sep.strip() in (":", ".") or q_at_para_start)


def _accepted_plainly(c: Label, at_para: set[str], all_counts: collections.Counter) -> bool:
    """A label alone on its line with a recording time ("Jane Roe: (22:03)", a transcription
    service's); a typo'd label (strength 0) the document prints properly at a paragraph start; any
    other candidate at a paragraph start by its shape."""
    if c.kind == "name" and _time_stamped(c):
        return True
    if c.strength == 0:
        return c.key in at_para
    return _accepted_at_para_start(c, all_counts)


#: a recording time printed with a label ("(22:03)", "[1:02:03]"): hours or minutes, minutes, seconds
RECORDING_TIME = r"[(\[](\d{1,2}):(\d{2})(?::(\d{2}))?[)\]]"
#: a label with its recording time before the separator, alone on its line ("Jane Roe (00:02):")
_NAME_TIME_COLON = re.compile(r"(?P<label>[^\W\d_][^:\n()\[\]]{0,60}?)\s*" + RECORDING_TIME + r"\s*(?P<sep>:)(?=\s*$)")
_EMPH = r"(?:\*\*|__|\*|_)"
#: a recording time as a Markdown link to the recording ("[0:30](https://…&t=30s)")
_LINKED_TIME = r"\[\d{1,2}:\d{2}(?::\d{2})?\]\([^()\s]{1,300}\)"
#: "*Jane Roe (0:00:15)*: Welcome …" (the speech on its line), "**Jane Roe** (00:09):" (the speech
#: below) or "**Jane Roe** [0:30](https://…&t=30s): Welcome …" (a link to that time of the recording)
_NAME_TIME_EMPH = re.compile(
    r"(?P<label>[^\W\d_][^:\n()\[\]*_]{0,60}?)\s*(?:"
    + _EMPH
    + r"\s*(?:"
    + RECORDING_TIME
    + "|"
    + _LINKED_TIME
    + r")|"
    + RECORDING_TIME
    + r"\s*"
    + _EMPH
    + r")\s*(?P<sep>:)(?!\S)"
)
#: a bold name and its recording time alone on their line, no separator ("**Jane Roe** [0:31]"): a
#: podcast's transcript, the speech on the lines below
_EMPH_NAME_TIME_LINE = re.compile(
    r"(?P<label>[^\W\d_][^:\n()\[\]*_]{0,60}?)(?:\*\*|__)[ \t]*" + RECORDING_TIME + r"(?P<sep>)[ \t]*$"
)
#: a line that is a label and a recording time ("Jane Roe: (22:03)"), for a cheap first test
_STAMPED_LINE = re.compile(r":\s*" + RECORDING_TIME + r"\s*$")
#: a recording time alone after a label, to the end of its line
_TIME_ALONE = re.compile(r"\s*" + RECORDING_TIME + r"\s*$")


def _time_stamped(c: Label) -> bool:
    """Is the rest of the label's line only a recording time ("Jane Roe: (22:03)")?"""
    ln = c.line
    return c.sep == ":" and _TIME_ALONE.match(ln.norm, c.end - ln.start) is not None


def _accepted_at_para_start(c: Label, all_counts: collections.Counter) -> bool:
    """A candidate at a paragraph start is accepted, unless it is a one-word "Name." printed once,
    or a label with no capitals printed once ("資料來源：", a source's note, not a speaker)."""
    if c.strength >= 2 or c.kind in ("q", "a", "change"):
        return True
    if uncased_label(c.text):
        return all_counts[c.key] >= 2
    return not (c.sep == "." and all_counts[c.key] < 2 and len(c.text.split()) < 2)


def detect_labels(
    lines: list[Line], hints=(), captions: bool = False, max_candidates: int | None = None
) -> dict[int, Label]:
    """Accepted labels, by line index. With ``max_candidates``, `TooManyLabels` is raised as soon as
    more candidates than that are seen, before the work that every candidate costs."""
    col = _Collector(hints, captions, max_candidates)
    cands = col.cands
    # first the paragraph starts, then only those other lines that begin like a label seen there
    inner = _scan_paragraph_starts(lines, col)
    _drop_minor_full_width(cands)  # before the labels seen so far guide the rest of the scan
    prefixes = tuple({c.text.split()[0] for c in cands.values() if c.text} | {"Q", "A -", "R -"})
    if any(c.kind == "q" and qa_number(c) for c in cands.values()):
        prefixes += tuple(f"A{d}" for d in "123456789")  # "Q1. …" then, on the next line, "A1. …"
    for idx in inner:
        head = lines[idx].norm.lstrip(" *_")
        if (
            head.startswith(prefixes)
            or head.startswith("(")
            or (head[:1].isupper() and _NAME_WITH_OUTLET.match(head))
            or (head[-1:] in ")]" and _STAMPED_LINE.search(head))
        ):
            col.consider(idx, lines[idx])
    after_end = _scan_after_sentence_ends(lines, col, inner) if _inline_layout(lines, cands, inner) else set()
    # a one-word heading that the document also prints in lower case is a topic (`_drop_topics`)
    body = getattr(lines, "norm_text", None)
    if body is not None:
        _drop_topics(cands, body)
    _drop_minor_brackets(cands)
    _drop_minor_dashes(cands)
    _drop_minor_full_width(cands)  # again, with the candidates found inside paragraphs
    _drop_running_headers(cands)
    _drop_link_fields(cands)
    _drop_headline_attributions(cands)
    _drop_lone_numbers(cands)
    _drop_number_fields(cands)
    all_counts = collections.Counter(c.key for c in cands.values())
    # where speakers are labelled in capitals ("MS. PSAKI:"), a mixed-case "Name:" printed once is a
    # source quoted or a topic inside a turn ("Morgan Stanley: “…”", "Colorado: More than 96 percent …",
    # "Senator Kevin Kramer: “…”"); a role alone ("Moderator:") stays a speaker. The price: a one-off
    # speaker labelled so ("Admiral Kirby:") among capitals labels is read as quoted
    # (initials such as "CH:" are no capitals labels: a document prints them after the full name, "Christian Horner:")
    if _capitals_labels(cands):
        _drop_quoted_sources(cands, all_counts)
    return _accept(cands, lines, all_counts, after_end, body)
