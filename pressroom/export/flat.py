"""Flat rows from records: one per turn, per exchange or per event (for JSONL and CSV).

Every function takes ``(event_id, record)`` where ``record`` is the JSON record (a dict,
as ``pressroom parse --json`` prints it) and yields plain dicts of scalars.
"""

from __future__ import annotations

from typing import Any, Iterator

from ..record import Exchange, Question
from ..store.annotations import entity_rows, exchange_clarity, exchange_topics, question_verdicts

LEVELS = ("turns", "exchanges", "events")

TURN_FIELDS = (
    "id",
    "event_id",
    "event_title",
    "event_date",
    "event_kind",
    "turn_id",
    "seq",
    "speaker_id",
    "speaker",
    "speaker_label",
    "role",
    "speaker_title",
    "affiliation",
    "person_id",
    "outlet_id",
    "kind",
    "exchange_id",
    "clarity",
    "topics",
    "entities",
    "start_char",
    "end_char",
    "start_line",
    "end_line",
    "start_time",
    "end_time",
    "text",
)
EXCHANGE_FIELDS = (
    "id",
    "event_id",
    "event_title",
    "event_date",
    "exchange_id",
    "seq",
    "questioner",
    "outlet",
    "question_turns",
    "answer_turns",
    "answerers",
    "n_questions",
    "follow_up_of",
    "clarity",
    "evasion",
    "topics",
    "question",
    "answer",
)
EVENT_FIELDS = (
    "event_id",
    "title",
    "kind",
    "date",
    "last_updated",
    "place",
    "organisation",
    "as_delivered",
    "source_url",
    "source_path",
    "sha256",
    "speakers",
    "turns",
    "exchanges",
    "questions",
    "principals",
    "journalists",
)


def speakers_by_id(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in record.get("speakers", [])}


def speaker_name(speaker: dict[str, Any] | None) -> str | None:
    if not speaker:
        return None
    labels = speaker.get("labels") or []
    return speaker.get("name") or (labels[0] if labels else None) or speaker.get("id")


def _exchange(x: dict[str, Any]) -> Exchange:
    questions = [
        Question(**{k: q.get(k) for k in ("id", "turn", "start_char", "end_char", "text")})
        for q in x.get("questions", [])
    ]
    return Exchange(
        id=x["id"],
        questioner=x.get("questioner"),
        question_turns=list(x.get("question_turns", [])),
        answer_turns=list(x.get("answer_turns", [])),
        answerers=list(x.get("answerers", [])),
        questions=questions,
        annotations=dict(x.get("annotations") or {}),
    )


class RecordIndex:
    """Look-ups over one record: speakers, the exchange of each turn, labels per turn."""

    def __init__(self, record: dict[str, Any]):
        self.record = record
        self.speakers = speakers_by_id(record)
        #: {speaker id: {person_id, person, aliases, outlet_id, outlet}} from a store's identity
        #: tables (`pressroom.identity.with_identity`); empty for records read from files
        self.identity: dict[str, dict[str, Any]] = (record.get("identity") or {}).get("speakers") or {}
        self.turns = {t["id"]: t for t in record.get("turns", [])}
        self.exchange_of: dict[str, str] = {}
        self.clarity: dict[str, str | None] = {}
        self.evasion: dict[str, str | None] = {}
        self.topics: dict[str, list[str]] = {}
        self.verdicts: dict[str, dict[str, dict[str, Any]]] = {}
        for x in record.get("exchanges", []):
            for tid in list(x.get("question_turns", [])) + list(x.get("answer_turns", [])):
                self.exchange_of.setdefault(tid, x["id"])
            ex = _exchange(x)
            verdicts = question_verdicts(ex)
            self.verdicts[x["id"]] = verdicts
            self.clarity[x["id"]] = exchange_clarity(verdicts)
            evasions = [v["evasion"] for v in verdicts.values() if v.get("evasion")]
            self.evasion[x["id"]] = evasions[0] if len(set(evasions)) == 1 else ("; ".join(evasions) or None)
            self.topics[x["id"]] = exchange_topics(ex)
        self.entities: dict[str, list[str]] = {}
        from ..record import Transcript

        for turn_id, name, *_ in entity_rows(Transcript.from_dict({"annotations": record.get("annotations", {})})):
            names = self.entities.setdefault(turn_id, [])
            if name not in names:
                names.append(name)

    def name(self, speaker_id: str | None) -> str | None:
        return speaker_name(self.speakers.get(speaker_id)) if speaker_id else None


def turn_rows(event_id: str, record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    ev = record.get("event", {})
    idx = RecordIndex(record)
    for seq, t in enumerate(record.get("turns", [])):
        sp = idx.speakers.get(t.get("speaker"), {})
        xid = idx.exchange_of.get(t["id"])
        labels = sp.get("labels") or []
        ident = idx.identity.get(t.get("speaker")) or {}
        yield {
            "id": f"{event_id}#{t['id']}",
            "event_id": event_id,
            "event_title": ev.get("title"),
            "event_date": ev.get("date"),
            "event_kind": ev.get("kind"),
            "turn_id": t["id"],
            "seq": seq,
            "speaker_id": t.get("speaker"),
            "speaker": speaker_name(sp),
            "speaker_label": t.get("label") or (labels[0] if labels else None),
            "role": sp.get("role"),
            "speaker_title": sp.get("title"),
            "affiliation": sp.get("affiliation"),
            "person_id": ident.get("person_id"),
            "outlet_id": ident.get("outlet_id"),
            "kind": t.get("kind"),
            "exchange_id": xid,
            "clarity": idx.clarity.get(xid) if xid else None,
            "topics": "; ".join(idx.topics.get(xid, [])) if xid else "",
            "entities": "; ".join(idx.entities.get(t["id"], [])),
            "start_char": t.get("start_char"),
            "end_char": t.get("end_char"),
            "start_line": t.get("start_line"),
            "end_line": t.get("end_line"),
            "start_time": t.get("start_time"),
            "end_time": t.get("end_time"),
            "text": t.get("text"),
        }


def exchange_rows(event_id: str, record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    ev = record.get("event", {})
    idx = RecordIndex(record)
    for seq, x in enumerate(record.get("exchanges", [])):
        q = idx.speakers.get(x.get("questioner"), {})
        yield {
            "id": f"{event_id}#{x['id']}",
            "event_id": event_id,
            "event_title": ev.get("title"),
            "event_date": ev.get("date"),
            "exchange_id": x["id"],
            "seq": seq,
            "questioner": speaker_name(q),
            "outlet": q.get("affiliation") if q.get("role") == "journalist" else None,
            "question_turns": " ".join(x.get("question_turns", [])),
            "answer_turns": " ".join(x.get("answer_turns", [])),
            "answerers": "; ".join(filter(None, (idx.name(a) for a in x.get("answerers", [])))),
            "n_questions": len(x.get("questions", [])),
            "follow_up_of": x.get("follow_up_of"),
            "clarity": idx.clarity.get(x["id"]),
            "evasion": idx.evasion.get(x["id"]),
            "topics": "; ".join(idx.topics.get(x["id"], [])),
            "question": "\n\n".join(idx.turns[t]["text"] for t in x.get("question_turns", []) if t in idx.turns),
            "answer": "\n\n".join(idx.turns[t]["text"] for t in x.get("answer_turns", []) if t in idx.turns),
        }


def event_row(event_id: str, record: dict[str, Any]) -> dict[str, Any]:
    ev = record.get("event", {})
    src = ev.get("source") or {}
    speakers = record.get("speakers", [])
    return {
        "event_id": event_id,
        "title": ev.get("title"),
        "kind": ev.get("kind"),
        "date": ev.get("date"),
        "last_updated": ev.get("last_updated"),
        "place": ev.get("place"),
        "organisation": ev.get("organisation"),
        "as_delivered": bool(ev.get("as_delivered")),
        "source_url": src.get("url"),
        "source_path": src.get("path"),
        "sha256": src.get("sha256"),
        "speakers": len(speakers),
        "turns": len(record.get("turns", [])),
        "exchanges": len(record.get("exchanges", [])),
        "questions": sum(len(x.get("questions", [])) for x in record.get("exchanges", [])),
        "principals": "; ".join(filter(None, (speaker_name(s) for s in speakers if s.get("role") == "principal"))),
        "journalists": sum(1 for s in speakers if s.get("role") == "journalist"),
    }


def rows(level: str, event_id: str, record: dict[str, Any], turns: set[str] | None = None) -> Iterator[dict[str, Any]]:
    """The rows of ``level`` for one record; ``turns`` (turn ids) keeps only those turns, or
    the exchanges holding one of them in a question or an answer (None: every row)."""
    if level == "turns":
        for row in turn_rows(event_id, record):
            if turns is None or row["turn_id"] in turns:
                yield row
    elif level == "exchanges":
        for row in exchange_rows(event_id, record):
            if turns is None or not turns.isdisjoint((row["question_turns"] + " " + row["answer_turns"]).split()):
                yield row
    elif level == "events":
        yield event_row(event_id, record)
    else:
        raise ValueError(level)


FIELDS = {"turns": TURN_FIELDS, "exchanges": EXCHANGE_FIELDS, "events": EVENT_FIELDS}


#: how much of an answer a question hit shows: its first lines, at most this many characters
ANSWER_CHARS = 300


def question_answers(store, hits) -> dict[str, dict]:
    """{hit id: {"speaker", "text", "clarity", "probability", "evasion", "not_judged"}} for the
    question hits: the first lines of the exchange's answer and the verdict on the question
    (clarity label and probability, when the store has clarity; or why it was not judged),
    read from the records (each decoded once)."""
    out: dict[str, dict] = {}
    records: dict[str, dict] = {}
    for h in hits:
        if h.kind != "question" or not h.exchange_id:
            continue
        if h.event_id not in records:
            records[h.event_id] = store.get_record(h.event_id)
        record = records[h.event_id]
        x = next((x for x in record.get("exchanges", []) if x["id"] == h.exchange_id), None)
        if x is None:
            continue
        turns = {t["id"]: t for t in record.get("turns", []) if t["id"] in set(x.get("answer_turns", []))}
        answers = [turns[t] for t in x.get("answer_turns", []) if t in turns]
        text = "\n".join(a.get("text") or "" for a in answers)
        # source line breaks inside a paragraph are not the speaker's: the lines are joined
        short = " ".join(" ".join(line.split()) for line in text.split("\n") if line.strip())
        if len(short) > ANSWER_CHARS:
            short = short[:ANSWER_CHARS].rsplit(" ", 1)[0] + " …"
        mine_q = {q.get("id") for q in x.get("questions", []) if q.get("turn") == h.turn_id}
        verdicts = question_verdicts(_exchange(x))
        verdict = next((v for q, v in verdicts.items() if q in mine_q), None) or next(iter(verdicts.values()), {})
        # a question the clarity annotator saw but did not judge says why ("the answer is cut off")
        items = (x.get("annotations") or {}).get("clarity")
        why = next(
            (
                i.get("not_judged")
                for i in (items if isinstance(items, list) else [])
                if isinstance(i, dict) and i.get("not_judged") and i.get("question") in mine_q
            ),
            None,
        )
        speakers = {sp["id"]: sp for sp in record.get("speakers", [])}
        out[h.id] = {
            "speaker": speaker_name(speakers.get(answers[0].get("speaker"))) if answers else None,
            "text": short or None,
            "clarity": verdict.get("clarity"),
            "probability": verdict.get("confidence"),
            "evasion": verdict.get("evasion"),
            "not_judged": None if verdict.get("clarity") else why,
        }
    return out
