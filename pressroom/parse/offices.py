"""Offices a record's own fields give its speakers: a parliament's XML or JSON record names each
speaker with their office in a field of its own (`<post>MINISTRA DE DEFENSA</post>`, read as a
legend's title by `read/xmlspeech.py` and `parse/header.py`). Such an office is the record's word,
not a guess from a label's first word, and says which side each speaker sits on:

- the office of whoever presides (`record_offices_presiding`: "PRESIDENTE", "Speaker", "predseda";
  or the house's after it, "podpredseda NR SR"; ParlaMint's mark of the chair's speeches, read as
  "chair"): the moderator;
- a head of government (`record_offices_heads`, anywhere in the field: "PRESIDENTE DEL GOBIERNO"):
  the principal;
- a government member (`record_offices_government`, a word or a word's end: "MINISTRA DE IGUALDAD",
  "rahandusminister"): an official beside a head of government who speaks, else a principal (the
  ministers the sitting questions);
- where the record gives the government's side so, its other speakers, of no office, are the
  members who put the questions: journalists, as for a house's questioners elsewhere.
"""

from __future__ import annotations

import re

from .cast import Cast, Who
from .words import WORDS

_PRESIDING = frozenset(WORDS["record_offices_presiding"])
_HEADS = re.compile(r"\b(?:" + "|".join(map(re.escape, WORDS["record_offices_heads"])) + r")\b")
_GOVERNMENT = re.compile(r"(?:" + "|".join(map(re.escape, WORDS["record_offices_government"])) + r")\b")


def record_office(title: str | None) -> str | None:
    """ "presiding", "head" or "government" for an office a record's field gives, else None."""
    if not title:
        return None
    t = " ".join(title.lower().replace("\u2019", "'").split())
    if t in _PRESIDING:
        return "presiding"
    if _HEADS.search(t):
        return "head"
    if _GOVERNMENT.search(t):
        return "government"
    # the presiding office of a named house: "podpredseda NR SR", "Presidente de la Comisión"
    return "presiding" if t.split()[0] in _PRESIDING else None


def _from_record(w: Who) -> bool:
    return w.person is not None and w.person.source == "legend"


def offices(cast: Cast, undecided: list[Who]) -> None:
    """Roles from the offices the record's fields give (see the module's docstring)."""
    listed = [(w, record_office(w.title)) for w in undecided if _from_record(w)]
    sides = {kind for _, kind in listed}
    for w, kind in listed:
        if kind == "presiding":
            w.role = "moderator"
        elif not sides & {"head", "government"}:
            continue  # no government's side in the record: the others are left to what they do
        elif kind == "head" or (kind == "government" and "head" not in sides):
            w.role = "principal"
        elif kind == "government":
            w.role = "official"
        elif not w.title:
            w.role = "journalist"
        else:
            continue  # an office the lists do not know is left to what they do
        w.stated = True  # the record says it: the role model leaves it
