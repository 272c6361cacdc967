"""The last speaker pass: roles by behaviour for whoever the labels and the header left undecided
(see `parse/speakers.py`). Reporters first (an outlet's label, mostly questions), then whoever hands
them the floor (moderators) and whoever a moderator calls on, then principals and officials."""

from __future__ import annotations

import functools
import re
import statistics

from .asking import question_marked
from .cast import Cast, Who
from .uncased import head_office, member_office, side_office
from .kinds import WORD_CAP, first_question
from .labels import is_diarized, label_key
from .naming import is_outlet
from .executives import executives
from .offices import offices
from .words import WORDS, any_of
from .people import HONORIFICS, MODERATOR_WORDS, NAME_DASH, PRESS_WORDS, callout_name, find_intro, is_title_word
from ..text import count_spaced_words, fold_typography


class _Behaviour:
    """What each undecided speaker does: words per turn (counted up to 26, enough to tell a median
    of 12 or less), how many turns ask, total words (on demand)."""

    def __init__(self, cast: Cast, undecided: list[Who]):
        self.cast = cast
        self.words = {id(w): [count_spaced_words(cast.turns[i].text, 25) for i in w.turns] for w in undecided}
        self.asks = {id(w): sum(1 for i in w.turns if question_marked(cast.turns[i].text)) for w in undecided}
        self._totals: dict[int, int] = {}
        # "MR. …" and "MS. …" are titles only where the press speaks as "Q"
        self.q_labelled = any(w.anonymous and w.labels for w in cast.order)

    def total(self, w: Who) -> int:
        if id(w) not in self._totals:
            self._totals[id(w)] = sum(self.cast.words(i) for i in w.turns)
        return self._totals[id(w)]

    def office(self, w: Who) -> bool:
        """A label that is an office and a name ("PRESIDENT DUTERTE", "SECRETARY ROE"), not "MR. ROE"
        nor a spokesperson's or a moderator's."""
        words = w.labels[0].lower().replace(".", " ").split() if w.labels else []
        return (
            len(words) >= 2
            and is_title_word(words[0])
            and words[0] not in ("mr", "mrs", "ms", "miss")
            and not any(x in MODERATOR_WORDS for x in words)
        )

    def replies_to_askers(self, w: Who) -> bool:
        """Do most of this speaker's turns come right after an anonymous asker's ("Q:")? Then they
        answer the press, whatever their label looks like ("BB:" is a coach, not an outlet)."""
        per_turn = self.cast.per_turn
        after = sum(1 for i in w.turns if i > 0 and per_turn[i - 1].anonymous and per_turn[i - 1] is not w)
        return after * 2 > len(w.turns)

    def titled(self, w: Who) -> bool:
        """A label with a title ("THE PRESIDENT:", "SECRETARY BECERRA:", "DR. FAUCI:") is no reporter
        however many of its turns ask ("REPORTER:", "CORRESPONDENT:" are the press's own)."""
        first = w.labels[0].split()[0].lower().strip(".") if w.labels and w.labels[0].split() else ""
        if first and is_diarized(w.labels[0]):
            return False  # "Speaker 2": a transcriber's number, not the Speaker of a house
        return side_office(w.title) or (
            is_title_word(first)
            and first not in PRESS_WORDS
            and (self.q_labelled or first not in ("mr", "mrs", "ms", "miss"))
        )


def roles(cast: Cast) -> None:
    """Pass: roles by behaviour (see the module's docstring); whoever is left is `other`."""
    order = cast.order
    on_notice = _asked_on_notice(cast.text)
    for w in order:  # whatever the header made of them, a member who asked on notice asks
        if on_notice and w.role != "moderator" and w.labels and label_key(w.labels[0]) in on_notice:
            w.role = "journalist"
    offices(cast, [w for w in order if w.role is None])
    _chair_by_address(cast, [w for w in order if w.role is None])
    _chair_by_title(cast, [w for w in order if w.role is None])
    _chair_by_handing_on(cast, [w for w in order if w.role is None])
    _chair_by_calling(cast, [w for w in order if w.role is None])
    executives(cast, [w for w in order if w.role is None])
    has_principal = any(w.role == "principal" for w in order)
    undecided = [w for w in order if w.role is None]
    b = _Behaviour(cast, undecided)
    if _panel(cast, undecided, b) or (not has_principal and _show(cast, undecided)):
        undecided = [w for w in undecided if w.role is None]
        has_principal = any(w.role == "principal" for w in order)
    company = _listed_sides(cast, undecided)
    askers = [w for w in undecided if w.role is None and id(w) not in company]
    _reporters(askers, b, has_principal)
    _moderators_and_called(cast, askers, b)
    if not has_principal and not any(w.role == "journalist" for w in order):
        rest = [w for w in undecided if w.role is None]
        has_principal = _hearing(cast, rest, b) or _conversation(cast, rest, b)
    elif not has_principal and all(w.role == "journalist" and not w.anonymous for w in order):
        _guest_among_askers(cast, order)
    _principals_and_officials(cast, [w for w in undecided if w.role is None], b, has_principal)
    for w in order:
        if w.role is None:
            w.role = "other"
        if (
            w.role == "journalist"
            and w.affiliation is None
            and w.labels
            and not w.name
            and not w.anonymous
            and is_outlet(w.labels[0])
        ):
            w.affiliation = w.labels[0]


#: a turn that opens by addressing the chair ("Thank you, Chair.", "Madam Chair, …", "Chairman, …")
_TO_THE_CHAIR = re.compile(
    r"\W*(?:(?:thank you|thanks)(?: (?:very|so) much)?,?\s+)?(?:(?:madam|mister|mr\.?|madame)\s+)?"
    r"chair(?:man|woman|person)?\b",
    re.I,
)


def _chair_by_address(cast: Cast, undecided: list[Who]) -> None:
    """Whom the others address as the chair, in two turns or more right after theirs ("Thank you
    very much, Chair."), chairs a committee: the moderator. Not where someone presides by label
    already, nor where that follows several speakers' turns (a Hansard, where every member
    addresses the chairperson whoever spoke before)."""
    if any(w.role == "moderator" for w in cast.order):
        return
    counts: dict[int, int] = {}
    for j in range(1, len(cast.turns)):
        before = cast.per_turn[j - 1]
        if before is not cast.per_turn[j] and _TO_THE_CHAIR.match(cast.turns[j].text[:60]):
            counts[id(before)] = counts.get(id(before), 0) + 1
    chairs = [w for w in undecided if counts.get(id(w), 0) >= 2]
    if len(chairs) == 1 and sum(n >= 2 for n in counts.values()) == 1:
        chairs[0].role = "moderator"  # several so addressed: a house where all speak through the chair


def _chair_by_title(cast: Cast, undecided: list[Who]) -> None:
    """Whose label opens with a chair's title ("Chairman Roe:", "The Acting Chair:", "היו"ר …:";
    `chair_titles`) presides: the moderator, unless half their turns or more come right after
    someone else's question (a central bank's "CHAIR ROE:" answers the press). Beside an operator
    or a deputy who also gives the floor, too."""
    for w in undecided:
        words = [x.lower().strip(".,") for x in w.labels[0].split()] if w.labels else []
        words = [x for x in words if x not in HONORIFICS and x not in ("the", "acting", "deputy")]
        if not words or words[0] not in _CHAIR_TITLES:
            continue
        after_q = sum(
            1 for i in w.turns if i > 0 and cast.per_turn[i - 1] is not w and question_marked(cast.turns[i - 1].text)
        )
        if after_q * 2 < len(w.turns):
            w.role = "moderator"


_CHAIR_TITLES = frozenset(WORDS["chair_titles"])


def _chair_by_calling(cast: Cast, undecided: list[Who]) -> None:
    """Who gives the floor by name ("Gordon Brown.", "I'm going to bring Nick Clegg in now."), in
    three short turns at least and one in five of theirs, each naming the one who speaks next,
    moderates: a debate's host, whatever the label ("INTERVIEWER:"); not a briefer who also
    answers the press at length."""
    if any(w.role == "moderator" for w in cast.order):
        return  # someone runs it already ("MODERATOR:"); a briefer who hands on to colleagues does not
    per_turn, turns = cast.per_turn, cast.turns
    for w in undecided:
        calls = 0
        for i in w.turns:
            nxt = per_turn[i + 1] if i + 1 < len(per_turn) else None
            calls += nxt is not None and nxt is not w and _calls_by_name(turns[i].text, nxt)
        if calls >= 3 and calls * 5 >= len(w.turns) and not _answers_the_press(cast, w):
            w.role = "moderator"


def _chair_by_handing_on(cast: Cast, undecided: list[Who]) -> None:
    """Who hands the floor, by name, to two speakers or more, three times or more each ("Senator
    Roe, you said …?", "All right. Governor Doe."), moderates: a debate's or a panel's host, one of
    two perhaps; not a briefer who answers the press at length. Those the moderators together hand
    it to three times or more answer: a debate's candidates, a panel's guests, the principals."""
    per_turn, turns = cast.per_turn, cast.turns
    handed: dict[int, dict[int, int]] = {}  # giver → receiver → turns
    for w in undecided:
        to = handed[id(w)] = {}
        if len(w.turns) < 6:
            continue  # two speakers handed the floor three times each take six turns
        for i in w.turns:
            nxt = per_turn[i + 1] if i + 1 < len(per_turn) else None
            if nxt is not None and nxt is not w and not nxt.anonymous and _hands_on(turns[i].text, nxt):
                to[id(nxt)] = to.get(id(nxt), 0) + 1
    chairs = [
        w for w in undecided if sum(n >= 3 for n in handed[id(w)].values()) >= 2 and not _answers_the_press(cast, w)
    ]
    for w in chairs:
        w.role = "moderator"
    for o in cast.order:
        if o.role is None and sum(handed[id(w)].get(id(o), 0) for w in chairs) >= 3:
            o.role = "principal"


def _hands_on(text: str, w: Who) -> bool:
    """Does a turn hand the floor to ``w`` by name: a call ("Gordon Brown.", `_calls_by_name`), a
    turn that opens by addressing them ("Senator Roe, you said …"), or one whose last sentence, of
    six words or fewer, names them ("… Thank you. Governor Doe.")?"""
    if _calls_by_name(text, w):
        return True
    names = [x for x in [*(w.name or "").split()[-1:], *(lb for lb in w.labels if " " not in lb)] if len(x) >= 2]
    last = _SENTENCES.split(text.strip()[-200:])[-1]  # six words or fewer fit in the last 200 characters
    short_last = count_spaced_words(last, 7) <= 6
    for x in names:
        named = _name_pattern(x)
        head = named.search(text, 0, 60)
        if (head and count_spaced_words(text[: head.start()], 5) <= 3) or (short_last and named.search(last)):
            return True
    return False


_SENTENCES = re.compile(r"(?<=[.?!])\s+")


@functools.lru_cache(maxsize=1024)
def _name_pattern(name: str) -> re.Pattern:
    """A name as a whole word, case aside; a surname of two letters ("Wu", "Ng") only as the
    document capitalises a name."""
    if len(name) > 2:
        return re.compile(rf"\b{re.escape(name)}\b", re.I)
    return re.compile(rf"\b{re.escape(name[0].upper() + name[1:].lower())}\b")


def _answers_the_press(cast: Cast, w: Who) -> bool:
    """Does the speaker answer the press at length, twice or more (a briefer who also hands the
    floor to colleagues by name: "Dr. Walensky.")?"""
    n = 0
    for i in w.turns:
        before = cast.per_turn[i - 1] if i > 0 else None
        if before is not None and (before.anonymous or before.role == "journalist"):
            n += count_spaced_words(cast.turns[i].text, 41) > 40
    return n >= 2


def _listed_sides(cast: Cast, undecided: list[Who]) -> set[int]:
    """An earnings call's participants list: those listed under "Analysts" ask (reporters, their
    firm the rest of the line after a dash), those under "Executives" answer whatever they say (the
    ids of these are returned)."""
    sides = cast.header.sides
    company: set[int] = set()
    for w in undecided:
        name = fold_typography(w.name or "").lower()
        if len(name.split()) < 2:
            continue
        line = next((x for x in sides.get("analysts", ()) if _lists(x, name)), None)
        if line is not None:
            w.role = "journalist"
            firm = NAME_DASH.split(line, 1)
            w.affiliation = w.affiliation or (firm[1].strip() if len(firm) == 2 else None)
        elif any(_lists(x, name) for x in sides.get("company", ())):
            company.add(id(w))
    return company


def _lists(line: str, name: str) -> bool:
    """Does a participants list's line list this person (its name first)?"""
    low = fold_typography(line).lower()
    return low.startswith(name) and not low[len(name) : len(name) + 1].isalpha()


def _panel(cast: Cast, undecided: list[Who], b: _Behaviour) -> bool:
    """A panel: the front matter lists three or more of the speakers ("speakers: [Jane Roe, …]").
    The listed one who mostly asks moderates (the press is never listed as the event's speakers);
    the other listed speakers are principals, a panel of equals."""
    listed = {label_key(p.name) for p in cast.people if p.source == "metadata" and p.name}
    members = [w for w in undecided if label_key(w.name or (w.labels[0] if w.labels else "")) in listed]
    if len(listed) < 3 or len(members) < 3:
        return False
    for w in members:
        w.role = "moderator" if b.asks[id(w)] >= 0.5 * len(w.turns) else "principal"
    return True


_HOST_CUE = any_of("show_host_cues")
_CO_HOST = re.compile(r"\bco[- ]?hosts?\b[^.!?]{0,20}$", re.I)


def _show(cast: Cast, undecided: list[Who]) -> bool:
    """An interview show (five named speakers or fewer, no anonymous reporter): the opener
    introduces the guest ("a very special episode with Jane Roe", "I'm joined by Jane Roe"), or a
    co-host they name does ("Here with me is my co-host Dan." / "Thanks. Today we're joined by Jane
    Roe."). The opener asks (journalist), and so do the co-hosts; the guest named is the principal."""
    if not cast.per_turn or (cast.per_turn[0] not in undecided and cast.per_turn[0].role != "journalist"):
        return False  # the opener is undecided, or known to be the host who asks (a page's author)
    if sum(1 for w in cast.order if w.name) > 5 or any(w.anonymous for w in cast.order):
        return False  # a briefing ("I'm joined by Dr. Roe", then reporters' questions), not a show
    opener = cast.per_turn[0]
    hosts = [opener]
    guest = None
    for _ in range(2):  # the opener's words, then with the co-hosts' they name
        # the hosts' first turns (a host may greet the co-hosts first, then introduce the guest)
        text = "\n".join(cast.turns[i].text[:1500] for i in range(min(8, len(cast.turns))) if cast.per_turn[i] in hosts)
        cue = _HOST_CUE.search(text)
        if cue is None:
            continue
        guest = _guest_named(text, cue.start(), [w for w in undecided if w not in hosts], hosts)
        if guest is not None:
            break
    if guest is None:
        return False
    for w in hosts:
        w.role = "journalist"
    guest.role = "principal"
    return True


def _guest_named(text: str, after: int, others: list[Who], hosts: list[Who]) -> Who | None:
    """The first speaker the hosts' opening names after a cue; one named as a co-host joins ``hosts``."""
    guest = None
    for w in others:
        form = w.name or (w.labels[0] if w.labels else None)
        at = _named_at(text, form, after) if form else None
        if at is None:
            continue
        if _CO_HOST.search(text[max(0, at - 40) : at]):
            hosts.append(w)
        elif guest is None:
            guest = w
    return guest


def _named_at(text: str, name: str, after: int) -> int | None:
    """Where the opening names this speaker (full name, or given name alone) after ``after``."""
    for form in (name, name.split()[0]):
        m = re.search(r"\b" + re.escape(form) + r"\b", text[after:])
        if m:
            return after + m.start()
    return None


#: a speaker who says they are of the press ("I'm an editor with The Diplomat", "I work for Gazeta
#: Wyborcza", "I'm a writer and journalist", "I'm Jane Roe, managing editor of …", "I'm your host")
_OF_THE_PRESS = re.compile(
    r"\bI(?:'m|\u2019m| am) (?:[A-Z][\w'.-]+ ){0,3}?(?:[A-Z][\w'.-]+, )?(?:an? |the )?(?:[\w-]+ (?:and )?){0,2}"
    r"(?:journalist|reporter|correspondent|editor|columnist|writer|producer|anchor)s?\b"
    r"|\bI(?:'m|\u2019m| am) your host\b|\bI (?:work|write|report) for\b"
)


def _reporters(undecided: list[Who], b: _Behaviour, has_principal: bool) -> None:
    """An outlet's label that asks, or an untitled label most of whose turns ask (not one that says
    three times more than everyone else together where nobody is the principal yet), or an untitled
    speaker who asks and says they are of the press."""
    for w in undecided:
        n, qs = len(w.turns), b.asks[id(w)]
        if member_office(w.title):
            w.role = "journalist"  # "山田太郎議員", "김민수 위원": a member of the house, who asks or moves
        elif not b.titled(w) and qs >= 1 and any(_OF_THE_PRESS.search(b.cast.turns[i].text[:600]) for i in w.turns):
            w.role = "journalist"
        elif w.labels and is_outlet(w.labels[0]) and not w.name and qs >= 1 and not b.replies_to_askers(w):
            w.role = "journalist"
            w.affiliation = w.labels[0]
        elif (
            not b.titled(w)
            and n
            and qs / n >= 0.5
            and not (
                has_principal is False
                and b.total(w) > 3 * max(1, max((b.total(o) for o in undecided if o is not w), default=0))
            )
        ):
            w.role = "journalist"
        elif w.name and w.affiliation and not w.title and not b.titled(w) and qs >= 1:
            w.role = "journalist"  # "RG Cruz (ABS-CBN 2):", "Ian Roe - Nomura": someone with an outlet who asks
        elif has_principal and n and b.titled(w) and qs / n >= 0.6 and _questioner(b, w):
            # a hearing: the members who question a known witness ("Senator Black:", "Senator:")
            w.role = "journalist"
        elif has_principal and not b.titled(w) and qs >= 1 and qs / n >= 0.25 and w.name:
            # beside a known principal, a named guest who asks now and then is a reporter in a
            # conversation (their other turns remarks), not an official
            w.role = "journalist"


def _asked_on_notice(text: str) -> set[str]:
    """The members whose questions a Hansard prints before the replies, by `label_key` ("HON. J.
    ROE asked the Government, upon notice:", "1. Mr J ROE (DA) asked the Minister of …:"): they ask."""
    out: set[str] = set()
    at = text.find(" asked the ")
    while at >= 0:
        m = _ON_NOTICE.fullmatch(text, text.rfind("\n", 0, at) + 1, at)
        if m:
            out.add(label_key(m.group("who")))
        at = text.find(" asked the ", at + 11)
    return out


#: the start of a line that prints a member's question on notice, up to " asked the"
_ON_NOTICE = re.compile(r"[ \t]*(?:\d{1,4}\.[ \t]+)?(?P<who>[A-Z][^\n]{0,78}?)(?:\s*\([^()\n]{1,40}\))?")


def _questioner(b: _Behaviour, w: Who) -> bool:
    """A titled speaker whose every turn is short enough to be a question, not an answer (the
    longest at most 250 words)."""
    return all(b.cast.words(i) <= 250 for i in w.turns)


def _moderators_and_called(cast: Cast, undecided: list[Who], b: _Behaviour) -> None:
    """Who hands reporters the floor (short turns, mostly followed by a question), and whom such a
    moderator calls on by name ("Thank you. Rachel Siegel." / RACHEL SIEGEL.): each can reveal the
    other, so until neither finds anyone."""
    per_turn = cast.per_turn
    one_asker = len({id(w) for w in per_turn if w.role == "journalist"}) == 1
    changed = True
    while changed:
        changed = False
        for w in undecided:
            if w.role is not None:
                continue
            n = len(w.turns)
            nxt = [per_turn[i + 1] for i in w.turns if i + 1 < len(per_turn) and per_turn[i + 1].role == "journalist"]
            if (
                n >= 2
                and statistics.median(b.words[id(w)]) <= 12
                and len(nxt) >= n * 0.6
                and not one_asker  # in a talk with one interviewer, a guest's short replies are no moderating
                and not ((w.title or b.office(w)) and b.titled(w))
            ):  # an office holder answers, not moderates
                w.role = "moderator"
                changed = True
        for w in undecided:
            if w.role is None and _called_by_moderator(cast, w):
                w.role = "journalist"
                changed = True


def _called_by_moderator(cast: Cast, w: Who) -> bool:
    first = w.turns[0] if w.turns else 0
    if not (first > 0 and cast.per_turn[first - 1].role == "moderator" and _asks_for_answers(cast.turns[first].text)):
        return False
    before = cast.turns[first - 1].text
    called = callout_name(before, set())
    if called is None:
        intro = find_intro(before)  # "Our next question is from Jane Roe. Your line is open."
        called = intro.name if intro else None
    who = (w.name or (w.labels[0] if w.labels else "")).split()
    return bool(
        called
        and who
        and not any(is_title_word(x) for x in who)
        and fold_typography(called).lower().split()[-1] == fold_typography(who[-1]).lower()
    )


def _asks_for_answers(text: str) -> bool:
    """A turn that opens by asking: a "?" or a reporter's opening ("Thank you for taking our
    questions. I have a two-pronged question about vaccines …", which the Fed's reporters often end
    with no "?"); not a briefer's "Before we turn to your questions" or "That's a great question"."""
    head = text[:300]
    return "?" in head or _ASKS_OPENING.search(head) is not None


def _conversation(cast: Cast, rest: list[Who], b: _Behaviour) -> bool:
    """Where nobody is a reporter by label or by habit (a hearing's examiner who asks now and then,
    the hosts of a talk show who chat as much as they ask): the principal is the one who says most
    in reply to another's question, in one turn of ten at least; the others who ask at all are the
    questioners (an office holder only as a member of the body: `member_titles`)."""
    named = [w for w in rest if not w.anonymous]
    principal = _most_in_reply(cast, named)
    if principal is None or 10 * len(principal.turns) < len(cast.turns):
        return False  # who speaks in one turn of ten or fewer holds no conversation (a chairman's secretary)
    principal.role = "principal"
    for w in named:
        if w is not principal and b.asks[id(w)] >= 1 and (not b.office(w) or _MEMBER.search(w.labels[0])):
            w.role = "journalist"  # not a president briefed by a governor; a council's member, yes
    _co_principals(cast, principal, rest)  # a panel that a host questions: its other guests too
    return True


_MEMBER = any_of("member_titles")
#: a member named with their state, as a house's record prints them ("Mrs. McCarthy of New York")
_OF_STATE = re.compile(r"\bof [A-Z][a-z]+(?: [A-Z][a-z]+)?$")


def _hearing(cast: Cast, rest: list[Who], b: _Behaviour) -> bool:
    """A hearing of witnesses: the members (a member's title, `member_titles`, or a name with
    their state) who ask are the questioners; those who reply to them twice or more, and are no
    members, are the witnesses, the principals (several may sit on one panel)."""
    members = [
        w for w in rest if w.labels and (_MEMBER.search(w.labels[0]) or _OF_STATE.search(w.labels[0])) and b.asks[id(w)]
    ]
    ids = {id(m) for m in members}
    witnesses = [
        w
        for w in rest
        if id(w) not in ids and sum(1 for i in w.turns if i > 0 and id(cast.per_turn[i - 1]) in ids) >= 2
    ]
    if not members or not witnesses:
        return False
    for w in members:
        w.role = "journalist"
    for w in witnesses:
        w.role = "principal"
    return True


def _guest_among_askers(cast: Cast, order: list[Who]) -> None:
    """Everyone asks often enough to pass for a reporter (a chat among hosts and their guest): the
    one who says most in reply to another's question is the guest, the principal."""
    guest = _most_in_reply(cast, order)
    if guest is not None:
        guest.role = "principal"


def _most_in_reply(cast: Cast, ws: list[Who]) -> Who | None:
    """Of two speakers or more, the one who says most in reply to another's question; None where
    nobody replies to one."""
    replies = {id(w): _reply_words(cast, w) for w in ws}
    if len(ws) < 2 or max(replies.values()) == 0:
        return None
    return max(ws, key=lambda w: replies[id(w)])


def _replies(cast: Cast, w: Who) -> list[int]:
    """This speaker's turns that follow another speaker's question."""
    per_turn = cast.per_turn
    return [i for i in w.turns if i > 0 and per_turn[i - 1] is not w and question_marked(cast.turns[i - 1].text[-300:])]


def _reply_words(cast: Cast, w: Who) -> int:
    """Words this speaker says in turns that follow another speaker's question."""
    return sum(cast.words(i) for i in _replies(cast, w))


def _principals_and_officials(cast: Cast, rest: list[Who], b: _Behaviour, has_principal: bool) -> None:
    """Where no header person is the principal: the first who gives a statement (60 words or more)
    before the first question, passing over a host (`_host`), else whoever says most; everyone else
    left is an official (a deputy, a CFO, a minister beside the prime minister). Where nobody gives
    one, the one head of a government by office ("区長", `uncased_heads`) is the principal before
    whoever says most."""
    if rest and not has_principal:
        first_q = first_question([w.role for w in cast.per_turn], [t.text for t in cast.turns])
        givers = [
            w
            for w in rest
            if any(i < first_q and count_spaced_words(cast.turns[i].text, WORD_CAP) >= 60 for i in w.turns)
        ]
        givers = [w for w in givers if not _host(cast, w)] or givers
        # the principal answers: one who only opens and hands on (a press office's host) is not
        givers = [w for w in givers if _answers(cast, w)] or givers
        first = (
            min(givers, key=lambda w: min(w.turns)) if givers else _head_of_government(rest) or max(rest, key=b.total)
        )
        first.role = "principal"
        _co_principals(cast, first, rest)
    for w in rest:
        if w.role is None:
            w.role = "official"


def _head_of_government(rest: list[Who]) -> Who | None:
    """The one speaker whose office is a government's head ("区長", `uncased.head_office`), else None."""
    heads = [w for w in rest if head_office(w.title)]
    return heads[0] if len(heads) == 1 else None


def _co_principals(cast: Cast, first: Who, rest: list[Who]) -> None:
    """At a press conference (the press asks as "Q", nobody runs it as an operator), those who take
    the reporters' questions about as often as the principal (three times or more, and a quarter as
    often at least) are principals beside them: a panel, a joint press conference. A deputy who
    takes a question or two, or a CFO on a call, stays an official."""
    askers = [w for w in cast.order if w.role in ("journalist", "moderator")]
    if not any(w.anonymous and w.role == "journalist" for w in askers) and not 1 <= len(askers) <= MAX_PANEL_ASKERS:
        return  # no press asking as "Q", nor a host or two asking a panel: analysts on a call, say
    if any(w.labels and w.labels[0].lower().strip(":. ") in _CALL_CHAIRS for w in cast.order):
        return
    taken = max(_answers_count(cast, first), _called_count(cast, first))
    for w in rest:
        n = max(_answers_count(cast, w), _called_count(cast, w))
        if w.role is None and n >= 3 and n >= 0.25 * taken:
            w.role = "principal"  # a debate's candidates, called on by name in turn, too


_CALL_CHAIRS = frozenset({"operator"})
#: a panel's questions come from this many named askers at most (a host, a moderator)
MAX_PANEL_ASKERS = 2


def _called_count(cast: Cast, w: Who) -> int:
    """How many of this speaker's turns a moderator's short turn naming them opens ("Nick Clegg.")."""
    return sum(
        1
        for i in w.turns
        if i > 0 and cast.per_turn[i - 1].role == "moderator" and _calls_by_name(cast.turns[i - 1].text, w)
    )


def _calls_by_name(text: str, w: Who) -> bool:
    """Is ``text`` a short turn (15 words or fewer) that names ``w`` (a word of their name or a
    label, three letters or more): a call to speak ("Gordon Brown.", "Nick Clegg, your answer.")?"""
    if count_spaced_words(text, 16) > 15:
        return False
    names = [x for x in (w.name or "").split() + list(w.labels) if len(x) >= 3]
    return any(_name_pattern(x).search(text) for x in names)


def _answers_count(cast: Cast, w: Who) -> int:
    """How many of this speaker's turns come right after a reporter's."""
    return sum(1 for i in w.turns if i > 0 and cast.per_turn[i - 1].role == "journalist")


_HOST_TITLE = any_of("host_titles")


def _answers(cast: Cast, w: Who) -> bool:
    """Does this speaker take a question: speak right after a reporter?"""
    return _answers_count(cast, w) > 0


def _host(cast: Cast, w: Who) -> bool:
    """One whose office opens the call and hands it on (investor relations, communications:
    `host_titles` in `parse_words.json`), as their title, label or participants list gives it."""
    name = fold_typography(w.name or "").lower()
    listed = [x for x in cast.header.sides.get("company", ()) if name and _lists(x, name)]
    return bool(_HOST_TITLE.search(" ".join([w.title or "", *(w.labels[:1]), *listed])))


_ASKS_OPENING = re.compile(
    r"\b(?:taking|take) (?:our|my|the) questions?\b"
    r"|\b(?:a|my|one|two|quick|follow-up)\b(?! (?:great|good|fair|important|tough|excellent)\b)[\w\s-]{0,20}?\bquestions?\b"
    r"|\bI (?:was|am|'m) (?:just )?wondering\b",
    re.I,
)
