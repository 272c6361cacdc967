"""ConvoKit corpus: a folder that ``convokit.Corpus(filename=FOLDER)`` loads.

Mapping (ConvoKit's on-disk format: utterances.jsonl, speakers.json, conversations.json,
corpus.json, index.json):

- one **conversation** per event; its id is the event's first turn (the root utterance) and
  its meta holds the event (title, date, kind, place, source URL, event id);
- one **utterance** per turn, id ``<event_id>#<turn_id>`` (the store's permalink);
  ``reply-to`` is the turn before it, except that the answers of an exchange reply to the
  exchange's last question turn; the timestamp is the event date (Unix seconds) plus the
  turn's position, or the caption time code when there is one; meta: event id, turn id,
  kind, role, label, exchange id, ``is_question``, ``is_answer``, ``pair_idx`` (the
  exchange, as in ConvoKit's parliament and tennis corpora), clarity, evasion, topics,
  character offsets;
- one **speaker** per person: exported from a store with persons (`pressroom.identity`), the
  person's id (``jeff-zients``, for ``MR. ZIENTS`` and ``Jeff Zients`` alike) with meta
  ``person_id`` and ``aliases`` (every form printed), the affiliation being the outlet's
  name; otherwise per named speaker across the corpus (id: the name); an unnamed speaker
  (``Q``) is one speaker of one event (id ``<event_id>:<speaker id>``). Meta also: name,
  role, title, labels, and the number of events they speak in.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from .flat import RecordIndex


def _epoch(date: str | None) -> int:
    if not date:
        return 0
    try:
        d = dt.date.fromisoformat(date[:10])
    except ValueError:
        return 0
    return int(dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone.utc).timestamp())


def _types(index: dict[str, list[str]], meta: dict[str, Any]) -> None:
    for key, value in meta.items():
        entry = index.setdefault(key, [])
        if value is None:
            continue
        t = str(type(value))
        if t not in entry:
            entry.append(t)


def speaker_key(event_id: str, speaker: dict[str, Any], ident: dict[str, Any] | None = None) -> str:
    """The person's id (with identity), else the name, else ``<event id>:<speaker id>``."""
    if ident and ident.get("person_id"):
        return ident["person_id"]
    return speaker["name"] if speaker.get("name") else f"{event_id}:{speaker['id']}"


def _conversation_meta(event_id: str, record: dict[str, Any]) -> dict[str, Any]:
    ev = record.get("event", {})
    return {
        "event_id": event_id,
        "title": ev.get("title"),
        "date": ev.get("date"),
        "kind": ev.get("kind"),
        "place": ev.get("place"),
        "organisation": ev.get("organisation"),
        "source_url": (ev.get("source") or {}).get("url"),
    }


def _add_speakers(speakers: dict[str, dict[str, Any]], event_id: str, record: dict[str, Any]) -> None:
    """Add the record's speakers (or fill what an earlier event lacked) and count their events."""
    seen_here: set[str] = set()
    identity = (record.get("identity") or {}).get("speakers")
    for s in record.get("speakers", []):
        ident = (identity or {}).get(s.get("id")) or {}
        key = speaker_key(event_id, s, ident)
        meta = {
            "name": ident.get("person") or s.get("name"),
            "role": s.get("role"),
            "title": s.get("title"),
            "affiliation": ident.get("outlet") or s.get("affiliation"),
            "labels": list(s.get("labels") or []),
            "events": 0,
        }
        if identity is not None:  # a store's export: speakers are persons
            meta.update(person_id=ident.get("person_id"), aliases=list(ident.get("aliases") or []))
        entry = speakers.setdefault(key, {"meta": meta, "vectors": []})
        for k, v in meta.items():  # later events fill what earlier ones lacked
            if entry["meta"].get(k) in (None, []) and v not in (None, []):
                entry["meta"][k] = v
        for label in s.get("labels") or [] if identity is not None else []:  # a person's labels, every event
            if label not in entry["meta"]["labels"]:
                entry["meta"]["labels"].append(label)
        if key not in seen_here:
            entry["meta"]["events"] += 1
            seen_here.add(key)


def _utterances(
    event_id: str, record: dict[str, Any], root: str, speakers: dict[str, dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    """The record's utterances, in order (a turn by a speaker the record does not list adds a bare speaker)."""
    idx = RecordIndex(record)
    base = _epoch(record.get("event", {}).get("date"))
    last_question: dict[str, str] = {}
    prev: str | None = None
    for seq, t in enumerate(record.get("turns", [])):
        uid = f"{event_id}#{t['id']}"
        xid = idx.exchange_of.get(t["id"])
        kind = t.get("kind")
        reply_to = prev
        if kind == "answer" and xid in last_question:
            reply_to = last_question[xid]
        sp = idx.speakers.get(t.get("speaker")) or {"id": t.get("speaker") or "unknown"}
        skey = speaker_key(event_id, sp, idx.identity.get(t.get("speaker")))
        if skey not in speakers:
            speakers[skey] = {
                "meta": {"name": None, "role": None, "title": None, "affiliation": None, "labels": [], "events": 1},
                "vectors": [],
            }
        meta = {
            "event_id": event_id,
            "turn_id": t["id"],
            "kind": kind,
            "role": sp.get("role"),
            "label": t.get("label"),
            "exchange_id": xid,
            "is_question": kind == "question",
            "is_answer": kind == "answer",
            "pair_idx": xid,
            "clarity": idx.clarity.get(xid) if xid else None,
            "evasion": idx.evasion.get(xid) if xid else None,
            "topics": list(idx.topics.get(xid, [])) if xid else [],
            "start_char": t.get("start_char"),
            "end_char": t.get("end_char"),
        }
        stamp = t.get("start_time")
        yield {
            "id": uid,
            "conversation_id": root,
            "text": t.get("text") or "",
            "speaker": skey,
            "meta": meta,
            "reply-to": reply_to,
            "timestamp": int(base + stamp) if isinstance(stamp, (int, float)) else base + seq,
            "vectors": [],
        }
        if kind == "question" and xid:
            last_question[xid] = uid
        prev = uid


def write(items: Iterable[tuple[str, dict[str, Any]]], folder: str | Path, corpus_name: str = "pressroom") -> int:
    """Write the corpus folder; return the number of utterances."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    speakers: dict[str, dict[str, Any]] = {}
    conversations: dict[str, dict[str, Any]] = {}
    index = {"utterances-index": {}, "speakers-index": {}, "conversations-index": {}, "overall-index": {}}
    n = 0
    events = 0
    with open(folder / "utterances.jsonl", "w", encoding="utf-8") as out:
        for event_id, record in items:
            turns = record.get("turns", [])
            if not turns:
                continue
            events += 1
            root = f"{event_id}#{turns[0]['id']}"
            conv_meta = _conversation_meta(event_id, record)
            conversations[root] = {"meta": conv_meta, "vectors": []}
            _types(index["conversations-index"], conv_meta)
            _add_speakers(speakers, event_id, record)
            for utt in _utterances(event_id, record, root, speakers):
                _types(index["utterances-index"], utt["meta"])
                out.write(json.dumps(utt, ensure_ascii=False) + "\n")
                n += 1
    for entry in speakers.values():
        _types(index["speakers-index"], entry["meta"])
    corpus_meta = {"name": corpus_name, "generator": "pressroom", "events": events}
    _types(index["overall-index"], corpus_meta)
    index.update({"version": 1, "vectors": []})
    (folder / "speakers.json").write_text(json.dumps(speakers, ensure_ascii=False), encoding="utf-8")
    (folder / "conversations.json").write_text(json.dumps(conversations, ensure_ascii=False), encoding="utf-8")
    (folder / "corpus.json").write_text(json.dumps(corpus_meta, ensure_ascii=False), encoding="utf-8")
    (folder / "index.json").write_text(json.dumps(index), encoding="utf-8")
    return n
