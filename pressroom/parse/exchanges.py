"""Exchanges: each question turn with the answer turns that follow it; follow-ups; the
individual questions inside a question turn (character spans into the source)."""
from __future__ import annotations

import re

from ..record import Exchange, Question, Speaker, Turn

_END = re.compile(r"[.?!]+[\"'”’)\]]*(?=\s|$)|\n[ \t\u00a0]*\n")
#: words after which a full stop does not end a sentence
_ABBREV = {"mr", "ms", "mrs", "dr", "st", "no", "vs", "gen", "sen", "gov", "rep", "lt", "col", "jr", "sr", "prof"}
_ASK = re.compile(
    r"^\s*(?:and\s+|but\s+|so\s+|also\s+|now\s+|then\s+|secondly,?\s+|second(?:ly)?,?\s+|finally,?\s+|"
    r"and (?:my |the )?(?:second|third|last|other)(?: question)?,?\s+)*"
    r"(?:could|can|would|will|do|does|did|is|are|was|were|have|has|should|shall|may|might|what|why|how|when|"
    r"where|which|who|whom|whose|i wonder|i'd like to (?:ask|know)|i would like to (?:ask|know)|my question is|"
    r"please (?:tell|explain|confirm|clarify)|tell us|explain)\b",
    re.I)
_ASK_INSIDE = re.compile(
    r"(?:^|[,;:]\s*)(?:could|can|would|will|do|did|does|are|have)\s+you\b|\bmy question is\b|"
    r"\bi(?:'d| would) like to (?:ask|know)\b|\bi wonder\b|\b(?:please )?(?:tell us|explain)\b",
    re.I)
_FOLLOW = re.compile(r"^\s*(?:follow[- ]?up|just to follow|a follow|to follow up|and (?:just )?(?:one|a) (?:more|quick)|just to be clear|so just to|but )", re.I)


def _sentences(text: str):
    """(start, end) of each sentence: ends at . ? ! (not after Mr., Dr., U.S. …) or a blank line."""
    pos = 0
    for m in _END.finditer(text):
        mark = m.group(0)
        if mark[0] == ".":
            k = m.start()
            j = k
            while j > pos and text[j - 1].isalpha():
                j -= 1
            word = text[j:k]
            if word.lower() in _ABBREV or (len(word) == 1 and word.isupper()):
                continue  # "Mr." / "U.S." do not end a sentence
        yield pos, m.end() if mark.strip() else m.start()
        pos = m.end()
    if pos < len(text):
        yield pos, len(text)


def split_questions(turn: Turn, source: str, ex_id: str, start_index: int) -> list[Question]:
    """The individual questions asked in one turn: sentences ending in '?' and requests
    ('Could you please confirm that …')."""
    base = turn.text_start if turn.text_start is not None else turn.start_char
    text = source[base : turn.end_char]
    found: list[tuple[int, int]] = []
    for s, e in _sentences(text):
        seg = text[s:e]
        stripped = seg.strip()
        if not stripped:
            continue
        s += len(seg) - len(seg.lstrip())
        e = s + len(stripped)
        seg = stripped
        if seg.rstrip("\"'”’)]").endswith("?"):
            found.append((s, e))
            continue
        low = seg.lower()
        if _ASK.match(seg) or (
                ("you" in low or "question" in low or "wonder" in low or "like to" in low or "tell us" in low
                 or "explain" in low) and _ASK_INSIDE.search(seg)):
            found.append((s, e))
    if not found:
        stripped = text.strip()
        if stripped:
            s = text.find(stripped[0])
            found = [(s, s + len(stripped))]
    out = []
    for k, (s, e) in enumerate(found, start_index):
        out.append(Question(id=f"{ex_id}.q{k}", turn=turn.id, start_char=base + s, end_char=base + e, text=source[base + s : base + e]))
    return out


def build_exchanges(turns: list[Turn], speakers: list[Speaker], source: str) -> list[Exchange]:
    role = {s.id: s.role for s in speakers}
    out: list[Exchange] = []
    cur: Exchange | None = None
    for t in turns:
        if t.kind == "question":
            if cur is not None and not cur.answer_turns and cur.questioner == t.speaker:
                cur.question_turns.append(t.id)
                cur.questions.extend(split_questions(t, source, cur.id, len(cur.questions) + 1))
                continue
            xid = f"x{len(out) + 1}"
            follow = None
            if cur is not None and cur.answer_turns and (cur.questioner == t.speaker or _FOLLOW.match(t.text)):
                follow = cur.id
            cur = Exchange(id=xid, questioner=t.speaker, question_turns=[t.id], follow_up_of=follow)
            cur.questions = split_questions(t, source, xid, 1)
            out.append(cur)
        elif t.kind == "answer" and cur is not None:
            cur.answer_turns.append(t.id)
            if t.speaker not in cur.answerers:
                cur.answerers.append(t.speaker)
        elif t.kind == "moderator" and role.get(t.speaker) == "moderator":
            cur = None
    return out
