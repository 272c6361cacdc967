"""Labels printed as bare lines: a speaker's name alone on a line, no separator, the speech on the
lines after it (earnings-call services, some government pages).

Such a line is told from a heading by repetition: a speaker who speaks is named at least twice,
once in the participants list at the top ("Jessica Fye - JPMorgan") and once or more before their
speech ("Jessica Fye"), or several times before their speech ("Operator"). A bare label line is a
short name-like line whose name (the part before " - ") stands alone on two lines or more, and
that is followed by a line of speech, not by another such line (the participants list itself).
"""

from __future__ import annotations

import collections
import re

from .labels import LEAD_TIME, Label, name_like
from .lines import Lines
from .people import NAME_DASH, NON_PERSON, OUTLET_WORDS, is_title_word, people_interviewed, written_in_lower_case
from .words import WORDS

#: at most this many words in a bare label line's name
MAX_WORDS = 6
#: names standing alone on two lines or more that make a person's name printed once a label too
MIN_REPEATED = 2


_HEADING = re.compile(r"^\s*#{1,6}\s+")
_DIGIT = re.compile(r"\d")
_Q_WORD = re.compile(r"Q|QUESTION|Question|QUESTIONS|Questions")
_PAREN = re.compile(r"\s*\([^()]{1,60}\)\s*$")


#: a recording time or span after a bare label, and its length ("Jane Roe 00:00:14-00:00:41 (27 sec)")
_TRAIL_TIME = re.compile(
    r"\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[-\u2013]\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*\(\s*[\d.]*\s*(?:sec|s|secs|seconds)\))?\s*$"
)
#: a recording time before a bare label ("**0:01:12 MODERATOR**", "[00:02:27] Jane Roe"), a slash or
#: a dash between them allowed ("00:00 // Jane", "08:50// Jane", "0:17 - Jane Roe")
_LEAD_TIME = re.compile(LEAD_TIME + r"(?:\s*(?://|[-\u2013\u2014|]))?\s+")


def _label_text(text: str) -> str:
    """The label a line prints: without Markdown heading marks, emphasis and a recording time
    before it ("### **Name (Outlet)**", "**0:01:12 MODERATOR**")."""
    t = " ".join(_HEADING.sub("", text).strip().strip("*_").strip().split())
    m = _LEAD_TIME.match(t)
    if m and len(t) > m.end():
        t = t[m.end() :].strip("*_ ")
    m = _TRAIL_TIME.search(t)
    if m and m.start() > 0:
        t = t[: m.start()]
    if _heading_level(text) and t.endswith(":"):
        t = t[:-1].rstrip().strip("*_").rstrip()  # "### Audrey Tang:"
    return t


def _name_part(text: str) -> str:
    """The name a label line gives: before " - " ("Jane Roe - CFO") and a closing "(Outlet)"."""
    return _PAREN.sub("", NAME_DASH.split(_label_text(text), 1)[0]).strip()


#: a line longer than this, with no space at either end, is a paragraph of speech (`_rough`)
ROUGH_MAX = 130


def _rough(text: str) -> bool:
    """Cheap: a short line that starts with a capital (or heading marks) and ends no sentence (a
    firm's abbreviation ends none: "Douglas Anmuth - JPMorgan Chase & Co."). Its caller,
    `_candidates`, has already passed over the long lines with no space at either end (a
    paragraph of speech, told without a copy of it) and those that open in lower case."""
    stripped = text.strip()
    c = stripped[:1]
    # a recording time opens with a bracket or a digit (`\d`: a decimal digit of any script)
    if not (c.isupper() or c in "#*_" or ((c in "([" or c.isdecimal()) and _LEAD_TIME.match(stripped) is not None)):
        return False
    return (
        len(stripped) <= ROUGH_MAX
        and stripped.count(" ") <= 14
        and (stripped[-1:] not in (".", "?", "!", ";", ",") or _firm_ending(stripped))
    )


def _firm_ending(text: str) -> bool:
    """Does the line end with a firm's abbreviation ("… & Co.", "… Inc.")?"""
    last = text.rsplit(None, 1)[-1].lower()
    return last.endswith(".") and last[:-1].lstrip("(,") in WORDS["company_abbreviations"]


def _lower_words(words: list[str]) -> int:
    """How many words open in lower case, counted up to four (enough for `_candidate`)."""
    n = 0
    for w in words:
        if w[:1].islower():
            n += 1
            if n > 3:
                break
    return n


def _candidate(text: str) -> bool:
    """May this rough line (`_rough`: the cheap test, passed first) be a bare label?"""
    words = text.split()
    if len(words) > 3 and _lower_words(words) > 3:
        return False
    t = _label_text(text)
    if not t or len(t) > 120 or (t[-1] in ".?!:;," and not _firm_ending(t)) or _DIGIT.search(_name_part(t)):
        return False
    name = _name_part(t)
    if _YEAR.search(t[len(name) :]):
        return False  # a dateline, "Norfolk, VA — October 9, 2025": a place and a date, no speaker
    return 0 < len(name.split()) <= MAX_WORDS and (name_like(name) or _Q_WORD.fullmatch(name) is not None)


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def bare_labels(lines: Lines, found: dict[int, Label]) -> dict[int, Label]:
    """Bare label lines (see the module's docstring), by line index; none where the document
    prints at least as many labels of the usual kinds. A self-introduction right after a heading
    that names the same person is taken out of ``found``."""
    cands, notes = _candidates(lines, found)
    if not cands:
        return {}
    counts = collections.Counter(_name_part(lines[i].norm).upper() for i in cands)
    # headings that name speakers: where one speaker's heading recurs, every name-like heading of
    # that level before speech is a label ("### Shane Wright (SMH/AGE)", asking once)
    levels = collections.Counter(
        _heading_level(lines[i].norm) for i in cands if counts[_name_part(lines[i].norm).upper()] >= 2
    )
    is_cand = set(cands)
    # where speakers' names recur as bare lines, a person's name printed once is a label too (a
    # reporter who asks once: "Jonathan Shapiro")
    repeated = sum(1 for k, n in counts.items() if n >= 2)
    out: dict[int, Label] = {}
    drop: list[int] = []
    taken: set[int] = set()  # lines that go with the label above them
    for i in cands:
        if i in taken:
            continue
        level = _heading_level(lines[i].norm)
        if not _recurs(_name_part(lines[i].norm), level, counts, levels, repeated):
            continue
        j, note = _under_label(lines, i, notes, is_cand, found)
        if note is not None:
            taken.add(note)
            drop.append(note)  # taken for a label of its own ("Bank LLC, Research Division - MD"): not one
        if (
            j < len(lines)
            and j in found
            and _heading_level(lines[i].norm)
            and _name_part(found[j].text.split(",")[0]).upper() == _name_part(lines[i].norm).upper()
        ):
            drop.append(j)  # "### Mia Olsen (Radio 4)" then "Mia Olsen, Radio 4. …": she introduces herself
        elif j >= len(lines) or j in is_cand or j in found:
            continue  # a participants list, or a heading before a label
        out[i] = _bare_label(lines[i], lines[note] if note is not None else None)
    if len(out) <= len(found) - len(drop):
        return {}
    for j in drop:
        found.pop(j, None)
    return out


def _candidates(lines: Lines, found: dict[int, Label]) -> tuple[list[int], set[int]]:
    """The lines that may be bare labels, and the services' notes under them (no candidates)."""
    # an upper bound first (a short capitalised line that does not end a sentence): where it cannot
    # beat the labels found, there is nothing to do
    rough = []
    for i, ln in enumerate(lines):
        norm = ln.norm
        if ln.blank or i in found or (len(norm) > ROUGH_MAX and not (norm[0].isspace() or norm[-1].isspace())):
            continue  # `_rough`'s first test, here: most lines are paragraphs of speech …
        if not norm.lstrip()[:1].islower() and _rough(norm):  # … or go on one in lower case
            rough.append(i)
    if len(rough) <= len(found) // 2:
        return [], set()
    cands = [i for i in rough if _candidate(lines[i].norm)]
    notes = _notes_after(lines, cands) if cands else set()
    return [i for i in cands if i not in notes], notes


def _recurs(named: str, level: int, counts: collections.Counter, levels: collections.Counter, repeated: int) -> bool:
    """Is a bare line's name a label's: printed alone twice or more, a heading of a level that names
    speakers, a person's name where other names recur, or a given name printed alone twice or more
    and a surname? Not a heading of another level than the headings that name speakers."""
    if level and levels and level not in levels:
        return False  # "### Sponsor Message" among "#### Jamie" headings: a section's heading
    words = named.split()
    return (
        counts[named.upper()] >= 2
        or bool(level and levels[level] >= 2)
        or (repeated >= MIN_REPEATED and _person(named))
        # "Abigail House" once, where "Abigail" is printed alone again and again: her full name
        or (2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and counts[words[0].upper()] >= 2)
    )


def _bare_label(ln, note) -> Label:
    """The label of bare line `ln`; a line that goes with it (`note`) is part of its span."""
    text = _label_text(ln.norm)
    end = note.end if note is not None else ln.end
    return Label(ln, text, ln.start + ln.indent, end, "q" if _Q_WORD.fullmatch(text) else "name", 2, "")


def _under_label(lines: Lines, i: int, notes: set[int], is_cand: set[int], found: dict) -> tuple[int, int | None]:
    """The line after bare label line `i`, past a line that goes with the label (returned second):
    a service's note, or the speaker's firm and office under their name ("AGNC Investment Corp. -
    VP of IR") where speech follows it, not another name (as in a participants list)."""
    j = _next_line(lines, i)
    if j in notes:
        return _next_line(lines, j), j
    if (j in is_cand or j in found) and len(NAME_DASH.split(_label_text(lines[i].norm))) == 1:
        # a label with nothing said under it is none: a name, then a dashed line, then speech is one label
        k = _next_line(lines, j)
        if (
            len(NAME_DASH.split(_label_text(lines[j].norm), 1)) == 2
            and k < len(lines)
            and k not in is_cand
            and k not in found
        ):
            return k, j
    return j, None


def _next_line(lines: Lines, i: int) -> int:
    j = i + 1
    while j < len(lines) and lines[j].blank:
        j += 1
    return j


#: at least this many times, after a bare label each time, a short line is a service's note on the turn
MIN_NOTES = 5


def _notes_after(lines: Lines, cands: list[int]) -> set[int]:
    """Short lines printed the same way (digits aside) right under bare label lines, with the
    speech below them (four times in five at least), five times or more: a transcription service's
    note on each turn ("No StressLens", "No Signal (0.531)"), which goes with the label. Not a short
    reply ("Thank you."), which the next label follows."""
    is_cand = set(cands)
    after: dict[str, list[int]] = collections.defaultdict(list)
    for i in cands:
        j = i + 1
        if j < len(lines) and not lines[j].blank and len(lines[j].norm.split()) <= 4:
            k = _next_line(lines, j)
            if k < len(lines) and k not in is_cand:
                after[_DIGITS.sub("#", lines[j].norm.strip())].append(j)
    if not any(len(js) >= MIN_NOTES for js in after.values()):
        return set()  # before reading the whole document again
    short = [
        (j, _DIGITS.sub("#", ln.norm.strip()))
        for j, ln in enumerate(lines)
        if not ln.blank and len(ln.norm.split()) <= 4
    ]
    total = collections.Counter(k for _, k in short)
    keys = {k for k, js in after.items() if len(js) >= MIN_NOTES and len(js) >= 0.8 * total[k]}
    return {j for j, k in short if k in keys}


_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def _heading_level(text: str) -> int:
    m = _HEADING.match(text)
    return len(m.group(0).strip()) if m else 0


def _person(name: str) -> bool:
    """Two to four capitalised words that no title, outlet or non-person word is among."""
    words = name.split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not any(
            is_title_word(w) or w.lower().strip(".") in OUTLET_WORDS or w.lower().strip(".") in NON_PERSON
            for w in words
        )
    )


#: a speaker column run into the speech: one word opening a paragraph, then the speech
_COLUMN = re.compile(r"(?P<label>[A-Z][A-Za-z]+)[ \t]+(?=[A-Z0-9\u2026\"'\u201c(\[.])")
#: at most this many speakers in such a column, each opening at least this many paragraphs
MAX_COLUMN_SPEAKERS, MIN_COLUMN_TURNS = 6, 3


def column_labels(lines: Lines, body: str) -> dict[int, Label]:
    """Labels of a transcript laid out as a table, the speaker's column run into the speech with no
    separator ("Minister Airport sit-ins, weekly …" / "SCMP Okay."): a few words that open many
    paragraphs and are no common word there (an office, an acronym, a word the text never prints in
    lower case); or, where people are named so ("Jane Roe, CFO, Acme Thanks, Jim." / "John Doe
    (Acme Bank) Thanks for …", an investor-relations page's copy), `named_column_labels`. Only
    where no label of any other kind was found."""
    opened: dict[int, str] = {}
    for i, ln in enumerate(lines):
        if ln.para_start and not ln.blank:
            m = _COLUMN.match(ln.norm, ln.indent)
            if m:
                opened[i] = m.group("label")
    counts = collections.Counter(opened.values())
    speakers = {w for w, n in counts.items() if n >= MIN_COLUMN_TURNS and _column_word(w, body)}
    paragraphs = sum(1 for ln in lines if ln.para_start and not ln.blank)
    named = named_column_labels(lines)
    if named:
        # beside named people, only a role opens paragraphs as a speaker ("Operator Thank you."), not a
        # firm's name ("Google Services revenues were …") nor a first name of theirs
        speakers = {w for w in speakers if w.lower() in WORDS["moderator_words"]}
        if (sum(counts[w] for w in speakers) + len(named)) * 8 < paragraphs:
            return {}
    elif not 2 <= len(speakers) <= MAX_COLUMN_SPEAKERS or sum(counts[w] for w in speakers) * 4 < paragraphs:
        return {}
    out = {i: _column_label(lines, i, word) for i, word in opened.items() if word in speakers}
    out.update(named)
    return {i: lb for i, lb in out.items() if lb is not None}


def _column_label(lines: Lines, i: int, word: str) -> Label | None:
    """The label of a speaker column's one word at the start of line ``i``."""
    ln = lines[i]
    if people_interviewed(ln.norm):
        return None  # "JANE ROE interviewed by JOHN DOE" is a byline
    start = ln.start + ln.indent
    whole = _LABEL_LINE.match(ln.norm, ln.indent + len(word))
    if whole and i + 1 < len(lines) and not lines[i + 1].blank:
        # "JANE ROE – Party Leader" on a line of its own, the speech on the next
        nxt = lines[i + 1]
        return Label(
            ln, " ".join(ln.norm[ln.indent : whole.end()].split()), start, nxt.start + nxt.indent, "name", 1, ""
        )
    return _label_run_into(ln, word)


def _label_run_into(ln, text: str) -> Label:
    """A label of ``text``'s length at the line's start, the speech after it and its spaces."""
    start = ln.start + ln.indent
    end = start + len(text)
    while end < ln.end and ln.norm[end - ln.start] in " \t":
        end += 1
    return Label(ln, text, start, end, "name", 1, "")


#: a person's name opening a paragraph, then a comma (a title follows) or a bracket (a firm)
_NAME_OPENS = re.compile(r"(?P<name>[A-Z][\w'\u2019.-]+(?: [A-Z][\w'\u2019.-]+){1,3})(?P<then>, | \()")
#: a firm in brackets after the name, the speech after it: "John Doe (Acme Bank) Thanks …"
_FIRM_THEN_SPEECH = re.compile(r"\([^()\n]{1,60}\)(?= [A-Z0-9\"'\u201c])")
#: the words of a paragraph's start compared to find where a titled name's label ends
_OPENING_WORDS = 16


def named_column_labels(lines: Lines) -> dict[int, Label]:
    """Labels run into the speech with no separator, a person's name first: with a firm in brackets
    ("John Doe (Acme Bank) Thanks for taking …"), or with a title after commas that opens two
    paragraphs or more ("Jane Roe, SVP and CFO, Acme Thank you, Jim." / "Jane Roe, SVP and CFO,
    Acme So, on the …": the label is the words those paragraphs share, the speech starting with
    a capital after them). Two such people at least; else none."""
    firm: dict[int, str] = {}
    titled: dict[str, list[int]] = collections.defaultdict(list)
    for i, ln in enumerate(lines):
        if not ln.para_start or ln.blank:
            continue
        m = _NAME_OPENS.match(ln.norm, ln.indent)
        if m is None or not name_like(m.group("name"), allow_single=False):
            continue
        if m.group("then") == ", ":
            titled[m.group("name")].append(i)
            continue
        paren = _FIRM_THEN_SPEECH.match(ln.norm, m.end("name") + 1)
        if paren:
            firm[i] = ln.norm[ln.indent : paren.end()]
    out = {i: _label_run_into(lines[i], text) for i, text in firm.items()}
    for name, at in titled.items():
        label = _shared_words(lines, at)
        if label and len(label) > len(name) + 2:
            out.update({i: _label_run_into(lines[i], label) for i in at})
    people = {_person_of(lb.text) for lb in out.values()}
    return out if len(people) >= 2 else {}


def _person_of(text: str) -> str:
    """The person a column label names: its words before its first comma or bracket."""
    return re.split(r",| \(", text, maxsplit=1)[0]


def _shared_words(lines: Lines, at: list[int]) -> str | None:
    """The words that the paragraphs at ``at`` (two or more) open with alike, where each goes on with
    a word in capitals: "Jane Roe, SVP and CFO, Acme"."""
    if len(at) < 2:
        return None
    starts = [lines[i].norm[lines[i].indent :].split()[:_OPENING_WORDS] for i in at]
    n = 0
    while all(len(w) > n + 1 for w in starts) and len({w[n] for w in starts}) == 1:
        n += 1
    if n < 3 or not all(w[n][:1].isupper() or w[n][:1] in "\"'\u201c" for w in starts):
        return None
    return " ".join(starts[0][:n])


#: the rest of a column label's line when the label fills it: more of the name in capitals, then a
#: dash and a title ("METIRIA| TUREI – Green Party Co-Leader")
_LABEL_LINE = re.compile(r"(?: [A-Z][A-Z'\-]+){0,3}(?:\s*[-\u2013\u2014]\s*[^\n.?!]{2,80})?\s*$")


def _column_word(word: str, body: str) -> bool:
    low = word.lower()
    if low in WORDS["pronouns"] or low in WORDS["discourse"]:
        return False
    if is_title_word(low):
        return True  # an office: "Minister", "Chairman"
    return low not in NON_PERSON and ((word.isupper() and len(word) >= 2) or not written_in_lower_case(word, body))
