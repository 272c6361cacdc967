"""Names and offices in labels of scripts with no capitals (Japanese, Korean, Chinese), where the
capitalised-words rules of `people.py` find nothing.

- An office, then its holder in brackets, full-width or plain, as Japanese minutes print who
  speaks: "区長（山田太郎君）" → office 区長, name 山田太郎. Notes of one letter in brackets after
  a label go first ("教育長（山田太郎）（初）": a first question).
- A name with an honorific after it (`name_suffixes`): "山田太郎君" → 山田太郎.
- Two words, one an office (a word that ends in one of `uncased_offices`), the other the name:
  "위원장 김민수", "김민수 위원", "경제실장 김민수" (Korean prints the office as a word of its own).
- A Japanese member's label, the name then the member's office with no space: "山田太郎議員"
  → 山田太郎 (minutes print members' full names so). An official's "山田区長" is a title and no
  name: the minutes print officials' surnames only, and a surname alone is no name the record
  keeps (nor can it be told from an office's own word: "行政長官").
"""

from __future__ import annotations

import re

from .labels import uncased_label, uncased_letter
from .words import WORDS

_SUFFIXES = tuple(sorted(WORDS["name_suffixes"], key=len, reverse=True))
_OFFICES = tuple(sorted(WORDS["uncased_offices"], key=len, reverse=True))
_MEMBERS = tuple(sorted((w for w in WORDS["member_titles"] if uncased_label(w)), key=len, reverse=True))
_CHAIRS = WORDS["presiding_titles"]
_HEADS = WORDS["uncased_heads"]
#: notes of one letter in brackets closing a label, no name: "安竹（初）", "（再）" (a first question, a
#: question again), as a councillor's summary of the minutes marks them
_NOTE = re.compile(r"(?:[\uff08(][^\W\d_][\uff09)])+$")
#: an office and its holder in brackets: "区長（山田太郎君）", "議長(山田太郎君)"
_HOLDER = re.compile(r"(?P<office>[^\W\d_]{1,20})[\uff08(](?P<who>[^\W\d_]{1,12})[\uff09)]")
#: the fewest letters a name keeps once its honorific or office is taken off (a surname and a given name)
MIN_NAME = 2


def uncased_person(label: str) -> tuple[str | None, str | None] | None:
    """(office or None, name) for a label in a script with no capitals that names someone (see the
    module's docstring), else None."""
    label = without_notes(label)
    if not uncased_letter(label[:1]):  # "서울AI재단이사장 김민수" too: its first letter tells
        return None
    m = _HOLDER.fullmatch(label)
    if m:
        who = m.group("who")
        # a name with an honorific ("山田太郎君"), or one of three letters or more without: two
        # alone may be a surname ("部長（山田）"), which the record does not keep as a name
        name = _unsuffixed(who) or (who if len(who) > MIN_NAME else None)
        return (m.group("office"), name) if name else None
    words = label.split()
    if len(words) == 2:
        offices = [w for w in words if w.endswith(_OFFICES)]
        if len(offices) == 1:
            name = words[1] if offices[0] == words[0] else words[0]
            name = _unsuffixed(name) or name
            return (offices[0], name) if len(name) >= MIN_NAME and not name.endswith(_OFFICES) else None
        return None
    if len(words) != 1:
        return None
    name = _unsuffixed(label)
    if name:
        return None, name
    member = next((m for m in _MEMBERS if label.endswith(m)), None)
    if member and len(label) - len(member) > MIN_NAME:
        return member, label[: -len(member)]
    # "山田区長", "行政長官": a surname or a word of the office's own, then the office; no name
    office = office_word(label)
    return (label, None) if office and len(label) > len(office) else None


def office_word(title: str | None) -> str | None:
    """The office a title ends in, the longest of `uncased_offices` ("山田副区長" → "副区長")."""
    return next((o for o in _OFFICES if title.endswith(o)), None) if title else None


def side_office(title: str | None) -> bool:
    """An office that answers for its side ("区長", "경제실장"): no member's, no chair's."""
    office = office_word(title)
    return office is not None and office not in _MEMBERS and office not in _CHAIRS


def presiding_office(title: str | None) -> bool:
    """The office of whoever presides (`presiding_titles`: "議長", "山田議長", "위원장")."""
    return office_word(title) in _CHAIRS


def head_office(title: str | None) -> bool:
    """The head of a government's office ("区長", "시장"; `uncased_heads`), not a deputy's ("副区長")."""
    return office_word(title) in _HEADS


def member_office(title: str | None) -> bool:
    """A member's office ("議員", "위원"), as `uncased_person` gives it."""
    return bool(title) and title in _MEMBERS


def without_notes(label: str) -> str:
    """The label without the notes of one letter in brackets that close it ("安竹（初）" → "安竹")."""
    return _NOTE.sub("", label.strip()) or label


def full_names(surname: str, where: str) -> set[str]:
    """The full names `where` gives a Japanese or Chinese surname alone with: the surname, then one
    to three ideographs that end where no ideograph follows ("安竹洋平の…", "安竹洋平 議員"), no
    office among them ("安竹議員"); a list of those present may print a space or two between them
    ("委員長　迫川　高行"), and there a surname may be one ideograph ("林　あすか"). A surname with
    its office ("迫川委員長") is looked for without it."""
    office = office_word(surname)
    if office and len(surname) > len(office):
        surname = surname[: -len(office)]
    if not surname or not all(map(_IDEOGRAPH.fullmatch, surname)) or surname not in where:
        return set()
    out = set()
    # a surname of one ideograph ("林") only where a list parts it from the given name
    after = _GIVEN_AFTER if len(surname) >= MIN_NAME else _LISTED_AFTER
    for m in re.finditer(re.escape(surname) + after, where):
        name = surname + (m.groupdict().get("given") or m.group("kana"))
        if office_word(name) is None and _unsuffixed(name) is None:
            out.add(name)
    return out


_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff\u3005]")  # 々 repeats the ideograph before it (佐々木)
#: a given name after a surname: one to three ideographs that no ideograph follows, a space or two
#: before them allowed; or, in a list's columns (spaces before and after), two to four kana or
#: ideographs ("あすか", "くみ子")
_GIVEN_AFTER = (
    r"(?:[ \u3000]{0,2}(?P<given>[\u4e00-\u9fff\u3005]{1,3})(?![\u4e00-\u9fff\u3005])"
    r"|[ \u3000]{1,2}(?P<kana>[\u3040-\u30ff\u4e00-\u9fff\u3005]{2,4})(?=[ \u3000\n]|$))"
)
_LISTED_AFTER = r"[ \u3000]{1,2}(?P<kana>[\u3040-\u30ff\u4e00-\u9fff\u3005]{1,4})(?=[ \u3000\n]|$)"


def _unsuffixed(word: str) -> str | None:
    """The name before an honorific (`name_suffixes`), where it keeps `MIN_NAME` letters or more."""
    for s in _SUFFIXES:
        if word.endswith(s) and len(word) - len(s) >= MIN_NAME:
            return word[: -len(s)]
    return None
