"""Exchanges: each question turn with the answer turns that follow it; follow-ups; the
individual questions inside a question turn (character spans into the source)."""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

from ..record import Exchange, Question, Speaker, Turn
from ..text import tiling_sentence_spans

_FOLLOW = re.compile(
    r"^\s*(?:follow[- ]?up|just to follow|a follow|to follow up|and (?:just )?(?:one|a) (?:more|quick)|just to be clear|so just to|but )",
    re.I,
)


def split_questions(turn: Turn, source: str, ex_id: str, start_index: int) -> list[Question]:
    """The individual questions asked in one turn (see `find_questions`); none when the turn
    asks nothing (greetings, thanks, a bid for the floor, a statement)."""
    base = turn.text_start if turn.text_start is not None else turn.start_char
    text = source[base : turn.end_char]
    out = []
    for k, (s, e) in enumerate(find_questions(text), start_index):
        out.append(
            Question(
                id=f"{ex_id}.q{k}",
                turn=turn.id,
                start_char=base + s,
                end_char=base + e,
                text=source[base + s : base + e],
            )
        )
    return out


def find_questions(text: str) -> list[tuple[int, int]]:
    """(start, end) of each question in a reporter's text: the sentences that ask, with or
    without a question mark, each without its leading greetings, thanks and forms of address.
    The rules are data: ``pressroom/data/question_cues.json``."""
    found = []
    for s, e in tiling_sentence_spans(text):
        span = question_span(text[s:e])
        if span is not None:
            found.append((s + span[0], s + span[1]))
    return found


def question_span(sentence: str) -> tuple[int, int] | None:
    """The part of one sentence that is a question, or None when it asks nothing."""
    cues = _cues()
    if not _may_ask(sentence, cues):
        return None
    start = 0
    if "-" in sentence or "\u2014" in sentence or "\u2013" in sentence:  # the restart cue opens with a dash
        for m in cues.restart.finditer(sentence):  # "How do we make the—sorry, …": a false start
            start = m.end()
    while m := _STAGE.match(sentence, start):  # "[Laughter]", "(Inaudible.)"
        start = m.end()
    start = _skip_preamble(sentence, start, cues)
    end = len(sentence.rstrip())
    rest = sentence[start:end]
    if not rest.strip() or not (rest.rstrip("\"'”’)]").endswith("?") or _asks(rest, cues)):
        return None
    return None if _is_aside(rest, cues) else (start, end)


_QUOTES_AFTER = "\"'\u201d\u2019)]"


def _may_ask(sentence: str, cues) -> bool:
    """A quick test that `question_span` would find no question: no question mark at the end, no
    asking phrase anywhere (`ask_inside`), and no question opener at the sentence's start, after
    a clause delimiter or after a false start (`restart`): the only places a question may start in
    a sentence without brackets. False only where the full test would give None; most of a
    reporter's sentences are statements, and this spares them the preamble and aside tests."""
    body = sentence.rstrip()
    # a bracket: a stage note may move where a question starts ("[Laughter] What …")
    if body.rstrip(_QUOTES_AFTER).endswith("?") or "(" in body or "[" in body:
        return True
    return cues.ask_inside.search(body) is not None or cues.opens_a_clause(body)


def _clauses(sentence: str, start: int):
    """(clause start, clause end, next clause start) from `start`: clauses end at , ; : or a dash."""
    pos = start
    for m in _DELIM.finditer(sentence, start):
        yield pos, m.start(), m.end()
        pos = m.end()
    yield pos, len(sentence), len(sentence)


def _skip_preamble(sentence: str, start: int, cues) -> int:
    """Past the leading clauses that only greet, thank, address or announce a question."""
    for s, e, nxt in _clauses(sentence, start):
        if e == len(sentence):
            break  # the last clause is the sentence's own
        clause = sentence[s:e].strip()
        if clause and (_first_word(clause) in _ASKING or not _is_aside(clause, cues)) or _RELATIVE.match(sentence, nxt):
            break  # "Vladimir Putin, who you'll be seeing …" is a statement about him
        start = nxt
    while start < len(sentence) and sentence[start].isspace():
        start += 1
    return start


def _is_aside(clause: str, cues) -> bool:
    """A clause (or what is left of a sentence) that asks nothing about the matter."""
    clause = _COMMAS.sub(" ", clause.strip().rstrip(".?!\"'”’)] "))  # "Can I ask about something else, please?"
    if len(clause) > 160:
        return False
    if not clause:
        return True
    return cues.not_asking.fullmatch(clause) is not None or _names_only(clause)


#: words that may stand between the names of a form of address or a self-introduction
_NAME_GLUE = {"of", "from", "the", "and", "de", "van", "von", "al", "with", "for", "at", "&", "du", "la", "le"}
#: words that open a question, so a clause they start is never only names ("Why Ukraine?")
_ASKING = {
    "what",
    "why",
    "how",
    "when",
    "where",
    "which",
    "who",
    "whom",
    "whose",
    "is",
    "are",
    "was",
    "were",
    "do",
    "does",
    "did",
    "can",
    "could",
    "will",
    "would",
    "should",
    "has",
    "have",
    "may",
    "might",
    "any",
}


def _first_word(text: str) -> str:
    """The first word, lower-cased, without its clitic: "Where's" → "where"."""
    m = _WORD.match(text)
    return m.group(1).lower() if m else ""


def _names_only(clause: str) -> bool:
    """'TV Imedi', 'Ketevan Kardava', 'Lailuma Sadid from Brussels Morning': capitalised words only."""
    words = clause.split()
    if not 1 <= len(words) <= 8 or not words[0][:1].isupper() or _first_word(words[0]) in _PRONOUNS:
        return False
    for w in words:
        if _first_word(w) in _ASKING:
            return False
        if not (w[:1].isupper() or w.lower() in _NAME_GLUE):
            return False
    return True


def _asks(rest: str, cues) -> bool:
    """Opens as a question ('in your opinion, is it …' counts: see ask_inside) or asks inside."""
    m = cues.connective.match(rest)
    if cues.opener.match(rest, m.end() if m else 0):
        return True
    # "I'd like to ask a question about Roxham Road." only announces one
    return any(not cues.announce.match(rest, m.end()) for m in cues.ask_inside.finditer(rest))


_COMMAS = re.compile(r"\s*+,\s*+")
_WORD = re.compile(r"\W*+([\w-]++)")
_PRONOUNS = {
    "i",
    "we",
    "you",
    "he",
    "she",
    "it",
    "they",
    "this",
    "that",
    "these",
    "those",
    "my",
    "our",
    "your",
    "his",
    "her",
    "their",
    "there",
    "here",
    "if",
    "as",
    "in",
    "on",
    "at",
    "to",
    "for",
    "but",
    "and",
}
_RELATIVE = re.compile(r"\s*+(?:who|whom|whose|which|that)\b", re.I)
_STAGE = re.compile(r"\s*+[\[(][^\])\[(]{0,120}[\])]\s*+")
_DELIM = re.compile(r"[,;:](?=\s)|\s[—–-]+\s|—|–")


class _Cues:
    def __init__(self, data: dict):
        # a preamble clause or an aside, as one alternation: one fullmatch per clause, not one per pattern
        patterns = data["preamble_clause"]["patterns"] + data["not_a_question"]["patterns"]
        self.not_asking = re.compile("|".join(f"(?:{p})" for p in patterns), re.I)
        self.restart = re.compile(data["restart"]["pattern"], re.I)
        self.opener = re.compile(data["opener"]["pattern"], re.I)
        # every alternative opens with i, let, my or a clause delimiter: a lookahead on those lets the
        # scan skip every other position at once
        self.ask_inside = re.compile("(?=[ILMilm,;:\u2014\u2013])(?:" + data["ask_inside"]["pattern"] + ")", re.I)
        self.connective = re.compile(data["connective"]["pattern"], re.I)
        # `_may_ask`: an opener after the connectives where a clause may start: at the start
        # (`opens_at_start`), or after a delimiter (`_DELIM`) or a false start (`opens_after_delimiter`),
        # and the spaces after it (the connectives are possessive, so this matches wherever
        # `connective` then `opener` would). Two patterns, not one with "^" among its starts: the
        # lookahead on the delimiters' characters spares the other positions the alternation
        opens = r"\s*+(?:" + data["connective"]["pattern"] + ")(?:" + data["opener"]["pattern"] + ")"
        self.opens_at_start = re.compile(opens, re.I)
        self.opens_after_delimiter = re.compile(
            r"(?=[,;:\u2014\u2013-])(?:[,;:](?=\s)|(?<=\s)[\u2014\u2013-]+\s|\u2014|\u2013|"
            + data["restart"]["pattern"]
            + ")"
            + opens,
            re.I,
        )
        self.announce = re.compile(data["announce"]["pattern"], re.I)

    def opens_a_clause(self, sentence: str) -> bool:
        """Does an opener stand where a clause may start (`opens_at_start`, `opens_after_delimiter`)?"""
        return (
            self.opens_at_start.match(sentence) is not None or self.opens_after_delimiter.search(sentence) is not None
        )


@functools.cache
def _cues() -> _Cues:
    with resources.files("pressroom.data").joinpath("question_cues.json").open(encoding="utf-8") as fh:
        return _Cues(json.load(fh))


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
            if (
                cur is not None
                and not cur.answer_turns
                and (
                    cur.questioner == t.speaker or (backchannel and cur.questioner in unnamed and t.speaker in unnamed)
                )
            ):
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
        backchannel = (
            t.kind == "remark"
            and role.get(t.speaker) in ("principal", "official")
            and cur is not None
            and not cur.answer_turns
            and (backchannel or cur.question_turns[-1] == turns[i - 1].id)
        )
        if t.kind == "answer" and cur is not None:
            cur.answer_turns.append(t.id)
            if t.speaker not in cur.answerers:
                cur.answerers.append(t.speaker)
        elif t.kind == "moderator" and role.get(t.speaker) == "moderator":
            cur = None
    return out
