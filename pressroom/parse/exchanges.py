"""Exchanges: each question turn with the answer turns that follow it; follow-ups; the
individual questions inside a question turn (character spans into the source)."""
from __future__ import annotations

import re

from ..record import Exchange, Question, Speaker, Turn

#: a sentence end: . ? ! (then closing quotes or brackets) before a space, or a blank line. The
#: pattern opens with one character class so the regex engine can skip ahead to candidates. It is
#: linear on any text: a run of punctuation is tried from its first character only (the look-behind
#: refuses the others at once) and its quantifiers are possessive (no backtracking into a run of
#: 16,000 dots, which used to cost 16,000² steps).
_END = re.compile(r"[.?!\n](?:(?<=[.?!])(?<![.?!].)[.?!]*+[\"'”’)\]]*+(?=\s|$)|(?<=\n)[ \t\u00a0]*+\n)")
#: words after which a full stop does not end a sentence
_ABBREV = {"mr", "ms", "mrs", "dr", "st", "no", "vs", "gen", "sen", "gov", "rep", "lt", "col", "jr", "sr", "prof"}
#: the openers before the request are possessive, and no two of them match the same words (the
#: longer "and the second question" is tried before "and"): "secondly secondly … x" used to cost 2ⁿ
_ASK = re.compile(
    r"^\s*+(?:and (?:my |the )?(?:second|third|last|other)(?: question)?,?\s+|"
    r"and\s+|but\s+|so\s+|also\s+|now\s+|then\s+|second(?:ly)?,?\s+|finally,?\s+)*+"
    r"(?:could|can|would|will|do|does|did|is|are|was|were|have|has|should|shall|may|might|what|why|how|when|"
    r"where|which|who|whom|whose|i wonder|i'd like to (?:ask|know)|i would like to (?:ask|know)|my question is|"
    r"please (?:tell|explain|confirm|clarify)|tell us|explain)\b",
    re.I)
#: a request inside a sentence: "…, could you …", "my question is", "I'd like to ask", "I wonder",
#: "tell us", "explain" — in three patterns, each tried only when its words are in the sentence
_ASK_YOU = r"(?:could|can|would|will|do|did|does|are|have)\s+you\b"
_ASK_YOU_START = re.compile(_ASK_YOU, re.I)
_ASK_YOU_AFTER = re.compile(r"[,;:]\s*" + _ASK_YOU, re.I)
_ASK_PHRASE = re.compile(
    r"\bmy question is\b|\bi(?:'d| would) like to (?:ask|know)\b|\bi wonder\b|\b(?:please )?(?:tell us|explain)\b", re.I)


def _asks_inside(seg: str, low: str) -> bool:
    if "you" in low and (_ASK_YOU_START.match(seg) or _ASK_YOU_AFTER.search(seg)):
        return True
    return ("question" in low or "wonder" in low or "like to" in low or "tell us" in low or "explain" in low) \
        and _ASK_PHRASE.search(seg) is not None
_FOLLOW = re.compile(r"^\s*(?:follow[- ]?up|just to follow|a follow|to follow up|and (?:just )?(?:one|a) (?:more|quick)|just to be clear|so just to|but )", re.I)


def _sentences(text: str):
    """(start, end) of each sentence: ends at . ? ! (not after Mr., Dr., U.S. …) or a blank line."""
    pos = 0
    for m in _END.finditer(text):
        k = m.start()
        c = text[k]
        if c == "." and k > pos and text[k - 1].isalpha():
            j = k - 1
            while j > pos and text[j - 1].isalpha():
                j -= 1
            word = text[j:k]
            if word.lower() in _ABBREV or (k - j == 1 and word.isupper()):
                continue  # "Mr." / "U.S." do not end a sentence
        e = m.end()
        yield pos, e if c != "\n" else k
        pos = e
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
        if _ASK.match(seg) or _asks_inside(seg, low):
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
    # an unnamed "Q" reporter whose question a briefer's backchannel ("Yeah.") cut in two is one
    # asker: the second part joins the first's exchange
    unnamed = {s.id for s in speakers if s.role == "journalist" and not s.name}
    out: list[Exchange] = []
    cur: Exchange | None = None
    backchannel = False  # only briefers' remarks since the current exchange's last question turn
    for i, t in enumerate(turns):
        if t.kind == "question":
            if cur is not None and not cur.answer_turns and (cur.questioner == t.speaker or (
                    backchannel and cur.questioner in unnamed and t.speaker in unnamed)):
                cur.question_turns.append(t.id)
                cur.questions.extend(split_questions(t, source, cur.id, len(cur.questions) + 1))
                backchannel = False
                continue
            backchannel = False
            xid = f"x{len(out) + 1}"
            follow = None
            if cur is not None and cur.answer_turns and (cur.questioner == t.speaker or _FOLLOW.match(t.text)):
                follow = cur.id
            cur = Exchange(id=xid, questioner=t.speaker, question_turns=[t.id], follow_up_of=follow)
            cur.questions = split_questions(t, source, xid, 1)
            out.append(cur)
            continue
        backchannel = (t.kind == "remark" and role.get(t.speaker) in ("principal", "official") and cur is not None
                       and not cur.answer_turns and (backchannel or cur.question_turns[-1] == turns[i - 1].id))
        if t.kind == "answer" and cur is not None:
            cur.answer_turns.append(t.id)
            if t.speaker not in cur.answerers:
                cur.answerers.append(t.speaker)
        elif t.kind == "moderator" and role.get(t.speaker) == "moderator":
            cur = None
    return out
