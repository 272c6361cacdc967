"""What the transcript page shows, built from a record: turns coloured by speaker, exchanges
as cards with their clarity verdicts and evidence, entity and topic chips, citations.

Pure functions of a `Transcript` (no store, no request), so they are tested directly.
Annotation shapes are read defensively: a missing or unexpected annotation shows nothing
rather than failing the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from urllib.parse import quote

from markupsafe import Markup, escape

from ..record import Exchange, Transcript, Turn
from ..search import Query
from ..store.annotations import exchange_clarity, question_verdicts
from .marks import Mark, locate, render, term_marks

#: colours for journalists and other speakers (CSS classes sp-0 … sp-N); principals,
#: officials and moderators get their own
N_COLOURS = 8
CLARITY_CSS = {"Clear Reply": "clear", "Ambivalent": "ambivalent", "Clear Non-Reply": "nonreply"}
CLARITY_SHORT = {"Clear Reply": "Answered", "Ambivalent": "Ambivalent", "Clear Non-Reply": "Not answered"}


@dataclass
class SpeakerView:
    id: str
    name: str
    role: str
    title: str | None
    affiliation: str | None
    css: str
    turns: int = 0
    person_id: str | None = None  # the person the store links this speaker to (pressroom.identity)

    @property
    def href(self) -> str:
        """The speaker's page: their person's, else their name's."""
        return "/speakers/" + quote(self.person_id or self.name, safe="")

    @property
    def extra(self) -> str:
        """Title and affiliation, as shown beside the name (without repeating it)."""
        seen = {self.name.lower()}
        out = []
        for x in (self.title, self.affiliation):
            if x and x.lower() not in seen:
                seen.add(x.lower())
                out.append(x)
        return ", ".join(out)


@dataclass
class SpeakerGroup:
    """Speakers shown as one line in the speaker list: the same name, role and affiliation
    (a briefing's many anonymous "Q" reporters)."""

    first: SpeakerView
    members: int
    turns: int


@dataclass
class TurnView:
    id: str
    speaker: SpeakerView
    kind: str
    html: Markup
    text: str
    exchange_id: str | None
    hits: int = 0  # search-term matches in this turn
    cite: str = ""  # citation line for "copy quote"

    @property
    def block(self) -> Markup:
        """The turn as the page shows it (built here rather than in a template: a long
        transcript has hundreds of turns, and this is several times faster)."""
        return turn_block(self)


@dataclass
class Evidence:
    kind: str  # "cue" | "addressing"
    label: str
    text: str
    turn: str | None
    located: bool


@dataclass
class Verdict:
    question_id: str
    number: int
    text: str
    clarity: str | None
    evasion: str | None
    confidence: float | None
    unanswered: bool
    css: str
    short: str
    topic_shift: float | None = None
    evidence: list[Evidence] = field(default_factory=list)
    reason: str | None = None  # why it was not judged ("no answer in the record", "the answer is cut off")

    @property
    def certainty(self) -> str:
        """The verdict's confidence as the page prints it beside the badge: "p 0.87"."""
        return confidence_text(self.confidence)


@dataclass
class Chip:
    label: str
    kind: str  # entity type or "topic"
    count: int = 0


@dataclass
class ExchangeCard:
    id: str
    number: int
    questioner: SpeakerView | None
    answerers: list[SpeakerView]
    follow_up_of: str | None
    turns: list[TurnView]
    verdicts: list[Verdict]
    overall: str | None
    overall_css: str
    topics: list[Chip]
    entities: list[Chip]
    overall_confidence: float | None = None  # mean confidence of the questions with the overall verdict

    @property
    def certainty(self) -> str:
        return confidence_text(self.overall_confidence)


@dataclass
class Block:
    kind: str  # "turn" | "exchange"
    turn: TurnView | None = None
    exchange: ExchangeCard | None = None


@dataclass
class TranscriptView:
    speakers: list[SpeakerView]
    blocks: list[Block]
    exchanges: list[ExchangeCard]
    entities: list[Chip]
    topics: list[Chip]
    judged: dict[str, int]
    hits: int
    event_cite: str = ""
    speaker_groups: list[SpeakerGroup] = field(default_factory=list)
    agreement: str = ""  # one sentence: how often the model agrees with human annotators


def confidence_text(p: float | None) -> str:
    """ "p 0.87": the model's probability of its verdict (empty when there is none)."""
    return f"p {p:.2f}" if isinstance(p, (int, float)) else ""


def overall_confidence(verdicts: list[Verdict], overall: str | None) -> float | None:
    ps = [v.confidence for v in verdicts if v.clarity == overall and isinstance(v.confidence, (int, float))]
    return sum(ps) / len(ps) if ps else None


def agreement_of(t: Transcript) -> str:
    """The agreement sentence for the model that judged ``t`` (the shipped model's figures)."""
    from ..clarity.agreement import agreement_sentence, measured_agreement

    summary = t.annotations.get("clarity")
    a = summary.get("agreement") if isinstance(summary, dict) else None
    return agreement_sentence(a if isinstance(a, dict) else measured_agreement())


def turn_block(turn: TurnView) -> Markup:
    """``<article class="turn …" id="t16">`` with its header (speaker, kind, copy quote,
    permalink) and the marked-up text; every value escaped."""
    sp = turn.speaker
    who = escape(sp.name)
    extra = sp.extra
    data_who = escape(sp.name + (f", {extra}" if extra else ""))
    tid = escape(turn.id)
    return Markup(
        f'<article class="turn {sp.css} kind-{escape(turn.kind)}{" has-hits" if turn.hits else ""}" id="{tid}" '
        f'data-who="{data_who}">\n<header class="turn-head"><a class="speaker-name" '
        f'href="{escape(sp.href)}">{who}</a>'
        + (f'<span class="speaker-extra">{escape(extra)}</span>' if extra else "")
        + f'<span class="turn-kind">{escape(turn.kind)}</span><span class="turn-tools"><button type="button" '
        f'class="btn-icon copy-quote">Copy quote</button><a class="permalink" href="#{tid}">¶ {tid}</a></span>'
        f'</header>\n<div class="turn-text">{turn.html}</div>\n</article>\n'
    )


def _speaker_views(t: Transcript) -> dict[str, SpeakerView]:
    order: list[str] = []
    for turn in t.turns:
        if turn.speaker not in order:
            order.append(turn.speaker)
    for s in t.speakers:
        if s.id not in order:
            order.append(s.id)
    out: dict[str, SpeakerView] = {}
    n = 0
    for sid in order:
        s = t.speaker(sid)
        role = s.role if s else "other"
        if role == "principal":
            css = "sp-principal"
        elif role == "moderator":
            css = "sp-moderator"
        elif role == "official":
            css = "sp-official"
        else:
            css = f"sp-{n % N_COLOURS}"
            n += 1
        name = (s.name or (s.labels[0] if s.labels else None) or sid) if s else sid
        out[sid] = SpeakerView(sid, name, role, s.title if s else None, s.affiliation if s else None, css)
    return out


def event_citation(t: Transcript) -> str:
    """ "Event title, place, date": the event part of a quote's citation."""
    ev = t.event
    return ", ".join(x for x in (ev.title or "untitled event", ev.place, ev.date) if x)


def citation(t: Transcript, speaker: SpeakerView) -> str:
    """ "Name, Title, Affiliation, Event title, place, date" for a quote's citation (the page
    carries the speaker part on each turn and the event part once)."""
    who = speaker.name + (f", {speaker.extra}" if speaker.extra else "")
    return f"{who}, {event_citation(t)}"


def _verdicts(x: Exchange, t: Transcript) -> list[Verdict]:
    raw = x.annotations.get("clarity")
    items: list[Any] = raw.get("questions", [raw]) if isinstance(raw, dict) else raw if isinstance(raw, list) else []
    by_q: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(items):
        if isinstance(item, dict):
            qid = item.get("question") or item.get("question_id")
            if qid is None and i < len(x.questions):
                qid = x.questions[i].id
            if qid is not None:
                by_q[str(qid)] = item
    parsed = question_verdicts(x)
    out = []
    for n, q in enumerate(x.questions, 1):
        item = by_q.get(q.id, {})
        v = parsed.get(q.id, {})
        clarity = v.get("clarity")
        ev = item.get("evidence") if isinstance(item.get("evidence"), dict) else {}
        evidence = []
        for c in ev.get("cues") or []:
            if isinstance(c, dict) and c.get("text"):
                label = " · ".join(str(s) for s in (c.get("type"), c.get("cue")) if s)
                evidence.append(Evidence("cue", label or "cue", str(c["text"]), c.get("turn"), False))
        for a in ev.get("addressing") or []:
            if isinstance(a, dict) and a.get("text"):
                score = a.get("score")
                label = (
                    f"addresses the question ({score:.2f})"
                    if isinstance(score, (int, float))
                    else "addresses the question"
                )
                evidence.append(Evidence("addressing", label, str(a["text"]), a.get("turn"), False))
        shift = ev.get("topic_shift")
        out.append(
            Verdict(
                question_id=q.id,
                number=n,
                text=q.text,
                clarity=clarity,
                evasion=v.get("evasion"),
                confidence=_confidence(v, item, clarity),
                unanswered=bool(item.get("unanswered")) or not x.answer_turns,
                css=CLARITY_CSS.get(clarity or "", "unjudged"),
                short=CLARITY_SHORT.get(clarity or "", "Not judged"),
                topic_shift=float(shift) if isinstance(shift, (int, float)) else None,
                evidence=evidence,
                reason=_reason(item, x),
            )
        )
    return out


def _confidence(v: dict[str, Any], item: dict[str, Any], clarity: str | None) -> float | None:
    """The verdict's probability: its ``confidence``, else its class's entry in ``clarity_probs``."""
    p = v.get("confidence")
    if p is None and clarity and isinstance(item.get("clarity_probs"), dict):
        p = item["clarity_probs"].get(clarity)
    return float(p) if isinstance(p, (int, float)) else None


def _reason(item: dict[str, Any], x: Exchange) -> str | None:
    """Why a question has no verdict (None when it has one)."""
    if item.get("clarity"):
        return None
    if isinstance(item.get("not_judged"), str):
        return item["not_judged"]
    if item.get("unanswered") or not x.answer_turns:
        return "no answer in the record"
    return "not judged" if item else None


def _chips_entities(value: Any) -> list[Chip]:
    out = []
    if isinstance(value, list):
        for e in value:
            if isinstance(e, dict) and (e.get("canonical") or e.get("name")):
                out.append(
                    Chip(
                        str(e.get("canonical") or e.get("name")),
                        str(e.get("type") or "entity"),
                        int(e.get("count") or 0),
                    )
                )
    return out


def _chips_topics(value: Any) -> list[Chip]:
    labels = value.get("labels") if isinstance(value, dict) else value
    out: list[Chip] = []
    for item in labels if isinstance(labels, list) else []:
        name = item.get("topic") or item.get("label") if isinstance(item, dict) else item
        if isinstance(name, str) and name and all(c.label != name for c in out):
            out.append(Chip(name, "topic"))
    return out


def _turn_marks(
    turn: Turn,
    text: str,
    offset: int,
    query: Query | None,
    verdicts_by_turn: dict[str, list],
    questions: list[tuple[int, str, int | None, int | None, str]],
) -> list[Mark]:
    marks: list[Mark] = []
    if query is not None:
        marks += term_marks(text, query.terms)
    for number, qtext, start, end, qid in questions:
        span = locate(text, offset, start, end, qtext)
        if span:
            marks.append(Mark(span[0], span[1], "question", f"Question {number}"))
    for ev in verdicts_by_turn.get(turn.id, []):
        span = locate(text, offset, ev["start"], ev["end"], ev["text"])
        if span:
            marks.append(Mark(span[0], span[1], ev["cls"], ev["title"]))
            ev["found"] = True
    return marks


def _evidence_spans(t: Transcript) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list]]:
    """({turn id: evidence spans to mark}, {turn id: question spans}) of the record's exchanges."""
    evidence_by_turn: dict[str, list[dict[str, Any]]] = {}
    questions_by_turn: dict[str, list] = {}
    for x in t.exchanges:
        raw = x.annotations.get("clarity")
        items = raw.get("questions", [raw]) if isinstance(raw, dict) else raw if isinstance(raw, list) else []
        qnum = {q.id: n for n, q in enumerate(x.questions, 1)}
        for q in x.questions:
            questions_by_turn.setdefault(q.turn, []).append((qnum[q.id], q.text, q.start_char, q.end_char, q.id))
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("evidence"), dict):
                continue
            qid = item.get("question") or (x.questions[i].id if i < len(x.questions) else None)
            n = qnum.get(str(qid), i + 1)
            for kind, cls in (("cues", "cue"), ("addressing", "addressing")):
                for ev in item["evidence"].get(kind) or []:
                    if not isinstance(ev, dict) or not ev.get("text"):
                        continue
                    if kind == "cues":
                        title = f"Q{n} evidence: {ev.get('type') or 'cue'} — “{ev.get('cue') or ev['text']}”"
                    else:
                        sc = ev.get("score")
                        title = f"Q{n} evidence: addresses the question" + (
                            f" (similarity {sc:.2f})" if isinstance(sc, (int, float)) else ""
                        )
                    targets = [ev["turn"]] if ev.get("turn") else list(x.answer_turns)
                    for tid in targets:
                        evidence_by_turn.setdefault(str(tid), []).append(
                            {
                                "start": ev.get("start_char"),
                                "end": ev.get("end_char"),
                                "text": str(ev["text"]),
                                "cls": cls,
                                "title": title,
                                "found": False,
                            }
                        )
    return evidence_by_turn, questions_by_turn


def _turn_views(
    t: Transcript,
    query: Query | None,
    speakers: dict[str, SpeakerView],
    exchange_of: dict[str, Exchange],
) -> tuple[dict[str, TurnView], int]:
    """({turn id: its view}, search-term matches in all turns); counts each speaker's turns."""
    fallback = SpeakerView("?", "Unknown speaker", "other", None, None, "sp-moderator")
    evidence_by_turn, questions_by_turn = _evidence_spans(t)
    turn_views: dict[str, TurnView] = {}
    hits = 0
    for turn in t.turns:
        sp = speakers.get(turn.speaker, fallback)
        sp.turns += 1
        offset = turn.text_start if turn.text_start is not None else turn.start_char
        marks = _turn_marks(turn, turn.text, offset, query, evidence_by_turn, questions_by_turn.get(turn.id, []))
        n_hits = sum(1 for m in marks if m.cls == "hl")
        hits += n_hits
        x = exchange_of.get(turn.id)
        turn_views[turn.id] = TurnView(
            turn.id, sp, turn.kind, render(turn.text, marks), turn.text, x.id if x else None, n_hits, citation(t, sp)
        )
    return turn_views, hits


def _cards(
    t: Transcript,
    speakers: dict[str, SpeakerView],
    turn_views: dict[str, TurnView],
    verdicts: dict[str, list[Verdict]],
) -> dict[str, ExchangeCard]:
    cards: dict[str, ExchangeCard] = {}
    index = {turn.id: i for i, turn in enumerate(t.turns)}
    for n, x in enumerate(t.exchanges, 1):
        vs = verdicts[x.id]
        overall = exchange_clarity(question_verdicts(x))
        tids = sorted(set(x.question_turns) | set(x.answer_turns), key=lambda tid: index.get(tid, 1 << 30))
        cards[x.id] = ExchangeCard(
            id=x.id,
            number=n,
            questioner=speakers.get(x.questioner) if x.questioner else None,
            answerers=[speakers[a] for a in x.answerers if a in speakers],
            follow_up_of=x.follow_up_of,
            turns=[turn_views[tid] for tid in tids if tid in turn_views],
            verdicts=vs,
            overall=overall,
            overall_css=CLARITY_CSS.get(overall or "", "unjudged"),
            topics=_chips_topics(x.annotations.get("topics")),
            entities=_chips_entities(x.annotations.get("entities")),
            overall_confidence=overall_confidence(vs, overall),
        )
    return cards


def _record_entities(t: Transcript) -> list[Chip]:
    """The record's entity chips, most mentioned first."""
    ents = t.annotations.get("entities")
    summary = ents.get("entities") if isinstance(ents, dict) else None
    entity_chips: list[Chip] = []
    if isinstance(summary, list):
        for e in summary:
            if isinstance(e, dict) and (e.get("canonical") or e.get("name")):
                count = e.get("count") or e.get("mentions") or 0
                entity_chips.append(
                    Chip(
                        str(e.get("canonical") or e.get("name")),
                        str(e.get("type") or "entity"),
                        int(count) if isinstance(count, (int, float)) else 0,
                    )
                )
        entity_chips.sort(key=lambda c: (-c.count, c.label))
    return entity_chips


def _speaker_groups(ordered: list[SpeakerView]) -> list[SpeakerGroup]:
    groups: dict[tuple, SpeakerGroup] = {}
    for sp in ordered:
        key = (sp.name, sp.role, sp.affiliation)
        if key in groups:
            groups[key].members += 1
            groups[key].turns += sp.turns
        else:
            groups[key] = SpeakerGroup(sp, 1, sp.turns)
    return list(groups.values())


def build(t: Transcript, query: Query | None = None, persons: dict[str, str] | None = None) -> TranscriptView:
    """The transcript page's view of ``t``; ``query`` highlights its terms in every turn;
    ``persons`` ({speaker id: person id}) links speakers to their person's page."""
    speakers = _speaker_views(t)
    for sid, pid in (persons or {}).items():
        if sid in speakers:
            speakers[sid].person_id = pid
    exchange_of: dict[str, Exchange] = {}
    for x in t.exchanges:
        for tid in list(x.question_turns) + list(x.answer_turns):
            exchange_of.setdefault(tid, x)
    verdicts = {x.id: _verdicts(x, t) for x in t.exchanges}
    turn_views, hits = _turn_views(t, query, speakers, exchange_of)
    cards = _cards(t, speakers, turn_views, verdicts)

    blocks: list[Block] = []
    shown: set[str] = set()
    for turn in t.turns:
        x = exchange_of.get(turn.id)
        if x is None:
            blocks.append(Block("turn", turn=turn_views[turn.id]))
        elif x.id not in shown:
            shown.add(x.id)
            blocks.append(Block("exchange", exchange=cards[x.id]))

    topic_counts: dict[str, int] = {}
    for card in cards.values():
        for c in card.topics:
            topic_counts[c.label] = topic_counts.get(c.label, 0) + 1
    topics = [Chip(k, "topic", v) for k, v in sorted(topic_counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    judged_counts = {"Clear Reply": 0, "Ambivalent": 0, "Clear Non-Reply": 0, "unjudged": 0}
    for vs in verdicts.values():
        for v in vs:
            judged_counts[v.clarity if v.clarity in judged_counts else "unjudged"] += 1
    ordered = [s for s in speakers.values() if s.turns]
    return TranscriptView(
        ordered,
        blocks,
        list(cards.values()),
        _record_entities(t)[:40],
        topics,
        judged_counts,
        hits,
        event_citation(t),
        _speaker_groups(ordered),
        agreement_of(t) if any(v.clarity for vs in verdicts.values() for v in vs) else "",
    )
