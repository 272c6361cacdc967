"""Turn kinds: statement, moderator, question, answer, remark."""

from __future__ import annotations

import re

from ..record import Speaker, Turn
from ..text import count_spaced_words, fold_typography, naive_sentences
from .asking import question_marked
from .exchanges import find_questions
from .segment import Segment
from .words import WORDS

_THANKS = re.compile(
    r"^(?:(?:thank you|thanks|great|okay|ok|all right|alright|good|sure|yeah|yes|beautiful|wonderful|"
    r"excellent|perfect|right|got it|appreciate it|no problem|you bet|certainly|you're welcome|you are welcome|hi|hey|hello|"
    r"(?:good )?(?:morning|afternoon|evening))(?: (?:very|so) much)?(?:,? (?:everybody|everyone|all|"
    r"sir|ma'am|guys|folks|doctor|dr\.? \w+|mr\.? \w+|ms\.? \w+|madam \w+|mr\.? president|[A-Z][\w\-]+))?[\s.,!—-]*)+$",
    re.I,
)
_BID = re.compile(
    r"^(?:(?:mr\.?|madam|ms\.?|mrs\.?) (?:president|secretary|chairman|chair|prime minister|[A-Z]\w+)|sir|"
    r"yes|yeah|okay|ok|right|sorry|excuse me|one more|just one more|follow-up|quick follow-up|"
    r"thank you|thanks|hi|hello|but|a question for)\b[^?.!]{0,40}[.!—\-]*\s*$"
    r"|^(?:but,? )?(?:me|which one|can i|may i|could i)\b[^?.!]{0,25}\?\s*$",
    re.I,
)
_FLOOR = re.compile(
    r"\b(?:go ahead|next question|take (?:some|a few|your) questions?|open it up|turn it over|hand it (?:over|back)|"
    r"over to|the floor|questions?,? please|let's (?:take|go)|we'll (?:take|go to)|i'll take|"
    r"ready to take|happy to take|call on|who'?s next|yes,? (?:sir|ma'am)|please,? go ahead|turn to|ask (?:to )?the|"
    r"(?:do we|we) have (?:a|another|the) (?:next )?question"
    # pointing at someone in the room: "In the blue blazer here.", "The gentleman in the back."
    r"|(?:gentleman|gentlemen|lady|ladies|woman|man|sir|ma'am) in the|in the (?:back|front|middle|center|centre|aisle)"
    r"|in the (?:\w+ ){1,2}(?:shirt|jacket|blazer|blouse|dress|sweater|suit|tie|scarf|hat|glasses|coat|top))\b",
    re.I,
)

#: a reporter's short turn that ends by thanking, with no question ("Great. Thanks for the color,
#: guys.", "Okay, that's all for me.")
_SIGNING_OFF = re.compile(
    r"\b(?:thank you|thanks|appreciate (?:it|that|the color|all the color)|that's (?:all|it) for me|"
    r"(?:very |super |really )?helpful)\b[^.?!]{0,40}[.!]?\s*$",
    re.I,
)

#: a question about running the call ("Moderator, would you mind giving directions again on how to
#: ask questions?") or handing it to a briefer ("… do you want to say anything at the top?", "Did you
#: want to take that?")
_RUNNING_THE_CALL = re.compile(
    r"\b(?:operator|moderator)\b|\bask (?:a |your )?questions?\b|"
    + r"\b(?:want|like|care|mind) to (?:say|start|add|take|kick|begin|open|give)\b",
    re.I,
)

#: a briefer closing the event
_CLOSING = re.compile(
    r"\b(?:th(?:is|at) concludes|thanks? (?:you )?(?:all |everyone |everybody )?(?:very much )?for joining)\b", re.I
)

#: passing the floor to another reporter (ends a reporter's thread of follow-ups)
NEXT_REPORTER = re.compile(
    r"\b(?:next question|go ahead|who'?s next|call on|last question|another question|"
    r"next,? (?:please|we)|we'll go to|let's go to)\b",
    re.I,
)


def passes_floor(text: str) -> bool:
    """Does this (folded) text pass the floor to another reporter? Every phrase of NEXT_REPORTER
    holds one of a few words, so the pattern runs only where one of them is."""
    low = text.lower()
    if "next" in low or "go ahead" in low or "call on" in low or "question" in low or "go to" in low:
        return NEXT_REPORTER.search(text) is not None
    return False


#: the parser's word counts (`count_spaced_words(text, WORD_CAP)`) are exact up to 61 words, as
#: every threshold they meet is at most 60 (a longer turn counts 62): splitting stops there
WORD_CAP = 61


def _callout(text: str) -> bool:
    """'Steve.' / 'Victoria, in the back.' / 'Go ahead, Kaitlan.' — a short floor call."""
    t = fold_typography(text).strip()
    if _FLOOR.search(t) and count_spaced_words(t, WORD_CAP) <= 25:
        return True
    return bool(
        re.fullmatch(
            r"(?:(?:yes|okay|ok|all right|and),?\s+)?[A-Z][\w\-]+(?: [A-Z][\w\-]+)?(?:,? (?:in the back|please|go ahead|yes))?[.?!]?",
            t,
        )
    )


def assign_kinds(turns: list[Turn], speakers: list[Speaker], segs: list[Segment]) -> None:
    role = {s.id: s.role for s in speakers}
    first_q = first_question([role[t.speaker] for t in turns], [t.text for t in turns])
    talks = _conversing(turns, role)
    askers = [s for s in speakers if s.role == "journalist"]
    chaired = any(_chairs(s) for s in speakers)
    # an interview (a host or two, an interviewer): not a call or a press conference run by a chair,
    # nor the press's many reporters
    interview = set() if chaired or len(askers) > 3 or not all(_someone(s) for s in askers) else {s.id for s in askers}
    for i, t in enumerate(turns):  # in order: a turn's kind may depend on the one before
        t.kind = _turn_kind(turns, i, role, segs[i], first_q)
        if t.kind == "question" and i > 0 and _comments(t, talks, interview, chaired) and not asks(t.text):
            t.kind = "remark"
        elif t.kind == "question" and i == 0 and count_spaced_words(t.text, WORD_CAP) >= 60 and not asks(t.text):
            t.kind = "statement"  # an interviewer who opens the record introduces the guest
        if t.kind == "question" and i < first_q and role[t.speaker] == "moderator":
            first_q = i  # a moderator's own question opens the questions too


def _turn_kind(turns: list[Turn], i: int, role: dict[str, str], seg: Segment, first_q: int) -> str:
    """The kind of turn `i` (`first_q`: the index of the first reporter's turn)."""
    t = turns[i]
    r = role[t.speaker]
    if r == "moderator":
        return _moderator_kind(t.text)
    # a reporter's turn is only ever tested against 15 words: stop counting after 16
    n = count_spaced_words(t.text, 16) if r == "journalist" else count_spaced_words(t.text, WORD_CAP)
    if r == "journalist" and n > 15 and seg.forced != "closing":
        return "question"
    text = fold_typography(t.text[:400]) if n < 60 else ""  # no test below reads the text of a 60-word turn
    if r == "journalist":
        if seg.forced == "closing":
            return "remark"
        if n <= 8 and (_THANKS.match(text) or _BID.match(text)) and not re.search(r"\?\s*\S", text):
            return "remark"
        if "?" not in text and _SIGNING_OFF.search(text):
            return "remark"  # "Okay, great. That's helpful. Thank you.": the reporter signs off
        return "question"
    if r == "other":
        return _other_kind(turns, i, seg, n, first_q)
    nxt = role[turns[i + 1].speaker] if i + 1 < len(turns) else None
    if i < first_q:
        return _opening_kind(turns, i, n, text, nxt)
    return _speaker_kind(turns, i, role, n, text, nxt)


def first_question(roles: list[str | None], texts: list[str]) -> int:
    """The index of the first reporter's turn (turns' roles and texts in order); before anyone
    else has spoken, one that asks nothing is not (a participants list's entry read as a
    reporter's turn); len(roles) where there is none."""
    others_spoke = False
    for i, (r, text) in enumerate(zip(roles, texts)):
        if r == "journalist" and (others_spoke or asks(text[:2000])):
            return i
        others_spoke = others_spoke or r != "journalist"
    return len(roles)


def _conversing(turns: list[Turn], role: dict[str, str]) -> set[str]:
    """Reporters in a conversation rather than at a press conference: fewer than half of their
    (three or more) turns ask anything. Their short turns (15 words or fewer) that ask nothing are
    remarks ("That's awesome.", "Nice..."); a press conference's reporter's fragment ("[off mic]",
    "Onshore asylum.") stays a question."""
    turns_of: dict[str, list[Turn]] = {}
    for t in turns:
        if role[t.speaker] == "journalist":
            turns_of.setdefault(t.speaker, []).append(t)
    return {
        who
        for who, ts in turns_of.items()
        if len(ts) >= 3
        and sum(1 for t in ts if question_marked(t.text)) < 0.5 * len(ts)
        and sum(asks(t.text) for t in ts) < 0.5 * len(ts)
    }


#: labels of whoever runs a call or a conference ("Operator:"); a show's "Host:" interviews
_CHAIR_LABELS = WORDS["moderator_words"] - {"host"}


def _comments(t: Turn, talks: set[str], interview: set[str], chaired: bool) -> bool:
    """Is a questioner's turn that asks nothing a remark: any such turn of an interviewer, of a
    conversing reporter where nobody chairs; a short one (15 words or fewer) of a conversing
    reporter on a call (a long one there is a question put without a question mark)?"""
    if t.speaker in interview:
        return True
    return t.speaker in talks and (not chaired or count_spaced_words(t.text, 16) <= 15)


def _chairs(s: Speaker) -> bool:
    return s.role == "moderator" or bool(s.labels and s.labels[0].lower().strip(":. ") in _CHAIR_LABELS)


def _someone(s: Speaker) -> bool:
    """A questioner with a name or a label of their own ("DB", "Jane Roe"), not the press's "Q",
    "QUESTION" or an `asker_labels` label ("REPORTER:")."""
    label = " ".join((s.labels[0] if s.labels else "").lower().rstrip(".:").split())
    return bool(s.name) or (bool(label) and label not in ("q", "question") and label not in WORDS["asker_labels"])


def asks(text: str) -> bool:
    """Does a reporter's turn ask anything: a "?", or a sentence that asks without one ("I wonder
    whether …", "Can you tell us …": `exchanges.find_questions`)? A reporter who only comments
    ("That's really cool. I think you did very well on it.") makes a remark."""
    return question_marked(text) or bool(find_questions(text))


def _other_kind(turns: list[Turn], i: int, seg: Segment, n: int, first_q: int) -> str:
    """An unnamed caption speaker's turn: a statement before any question, an answer after one;
    anyone else's a remark."""
    if seg.label is None or seg.label.kind != "change":
        return "remark"
    if i < first_q and n >= 60:
        return "statement"
    prev_kind = turns[i - 1].kind if i > 0 else None
    return "answer" if prev_kind in ("question", "answer") and n > 8 else "remark"


def _moderator_kind(text: str) -> str:
    """A moderator's turn passes the floor, unless it puts a question of its own (a panel's
    moderator, one who reads out the questions sent in): three words or more and a "?", neither
    opening with a floor call nor ending with one or with a call-out, nor about running the call
    ("Operator, …?")."""
    head = fold_typography(text[:600])
    sentences = naive_sentences(head.strip()) if head.strip() else [""]
    if (
        "?" in head
        and count_spaced_words(text, 3) >= 3
        and not _callout(sentences[-1])
        and not _FLOOR.search(sentences[-1])
        and not _FLOOR.search(sentences[0])  # "Yes, go ahead. … Are you there?" gives the floor
        and not _RUNNING_THE_CALL.search(sentences[-1])
    ):
        return "question"
    return "moderator"


def _opening_kind(turns: list[Turn], i: int, n: int, text: str, nxt: str | None) -> str:
    """A principal's or official's turn before the first question: statement, moderator or remark."""
    if n >= 60 or (i == 0 and n >= 15 and not _FLOOR.search(text)):
        return "statement"
    if (
        _FLOOR.search(text)
        or nxt == "journalist"
        or (nxt in ("principal", "official") and turns[i + 1].speaker != turns[i].speaker and _callout_sentence(text))
    ):
        return "moderator"
    return "remark"


def _speaker_kind(turns: list[Turn], i: int, role: dict[str, str], n: int, text: str, nxt: str | None) -> str:
    """A principal's or official's turn once questions have started: answer, moderator or remark."""
    prev_r = role[turns[i - 1].speaker] if i > 0 else None
    if (n <= 8 and _THANKS.match(text)) or (
        n <= 15 and i > 0 and turns[i - 1].kind == "remark" and not _FLOOR.search(text)
    ):
        return "remark"  # "Thank you."; "Absolutely." to a remark, which asked nothing ("Go ahead." passes the floor)
    if (
        n <= 12
        and prev_r == "journalist"
        and text.rstrip().endswith("?")
        and len(naive_sentences(text.strip())) == 1
        and not _FLOOR.search(text)
    ):
        return (
            "moderator" if _RUNNING_THE_CALL.search(text) else "remark"
        )  # "Why?", "Sorry, can you repeat the question?": asking back, not answering
    if n <= 60 and _CLOSING.search(text):
        return "remark"  # "Thanks for joining us on the call today.", "This concludes our call."

    if n <= 30 and nxt in ("journalist", "principal", "official", "moderator") and _FLOOR.search(text):
        # "I'm just not going to speak about it from here. Go ahead." answers the question
        # before it, then passes the floor
        return "answer" if turns[i - 1].kind == "question" and _says_more(text) else "moderator"
    if nxt == "journalist" and n <= 12 and _callout(text) and prev_r != "journalist":
        return "moderator"
    return "answer"


def _says_more(text: str) -> bool:
    """Does a floor-passing turn also say something: 6 words or more outside its floor calls?"""
    text = re.sub(r"\([^)]*\)", " ", text)  # stage notes: "(Cross-talk.)", "(Laughter.)"
    rest = [x for x in naive_sentences(text) if not _FLOOR.search(x) and not _callout(x) and not _THANKS.match(x)]
    return sum(count_spaced_words(x) for x in rest) >= 6


_CAPITAL_WORD = re.compile(r"[A-Z][\w.\-]+")


def _callout_sentence(text: str) -> bool:
    """Does the text end with a call-out ('Steve.', 'Mr. Lee?') or pass the floor? One to three
    capitalised words (checked word by word: as one pattern, a 400-letter capital run took a second)."""
    last = naive_sentences(text)[-1]
    return _names_alone(last) or bool(_FLOOR.search(text))


def _names_alone(sentence: str) -> bool:
    if not sentence or sentence[-1] not in ".?!":
        return False
    words = sentence[:-1].removesuffix(" ").split(" ")
    return len(words) <= 3 and all(_CAPITAL_WORD.fullmatch(w) for w in words)
