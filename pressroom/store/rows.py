"""A `Transcript` as the rows the store writes (a pure function, run in ingest workers).

Also defines a transcript's *source identity* (what makes two files the same event, so a
publisher's update becomes a new version) and its stable event id (the permalink).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import zlib
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any
from urllib.parse import urlsplit

import orjson

from ..record import Transcript
from .annotations import entity_rows, exchange_clarity, exchange_topics, question_verdicts

_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, limit: int = 64) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = _SLUG.sub("-", text).strip("-")
    return slug[:limit].rstrip("-")


def normalise_url(url: str) -> str:
    """Scheme-less, lower-case host, no query/fragment, no trailing slash."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower()
    if host.startswith("www."):
        host = host[4:]
    return host + parts.path.rstrip("/")


def _clean(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").lower().split())


def source_identity(transcript: Transcript) -> str:
    """What makes two files the same event: the source URL when known; else the date and
    the title (case, spacing and Unicode forms ignored); else the content hash."""
    ev = transcript.event
    url = (ev.source or {}).get("url")
    if url:
        return "url:" + normalise_url(url)
    if ev.title and ev.date:
        return f"title:{ev.date}:{_clean(ev.title)}"
    return "sha256:" + content_hash(transcript)


def content_hash(transcript: Transcript) -> str:
    """The sha256 of the source bytes (from the reader); for a record built without a
    source, the sha256 of its canonical JSON."""
    sha = (transcript.event.source or {}).get("sha256")
    if sha:
        return str(sha)
    data = json.dumps(transcript.to_dict(), sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(data).hexdigest()


def event_id_for(identity: str, date: str | None, title: str | None) -> str:
    """A stable, readable, URL-safe event id: ``<date>-<title slug>-<6 hex of the identity>``."""
    digest = hashlib.sha1(identity.encode()).hexdigest()[:6]
    base = slugify(f"{date or ''} {title or ''}", 64) or "event"
    return f"{base}-{digest}"


def display_name(speaker) -> str | None:
    """How a speaker is shown: the name, else the label as printed, else the id."""
    if speaker is None:
        return None
    return speaker.name or (speaker.labels[0] if speaker.labels else None) or speaker.id


#: orjson options for everything the store writes as JSON: keys that are not strings (an
#: annotator's counts by number) become strings, as `json.dumps` makes them; numpy numbers are
#: numbers. Unlike `json.dumps`, a float NaN or infinity is written as null (JSON has no NaN).
_JSON_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY


def _plain(value: Any) -> Any:
    """What orjson leaves to us: subclasses of float (it writes those of int itself); for
    `json.dumps`, also the record's dataclasses and numpy numbers."""
    if is_dataclass(value):
        return {f.name: getattr(value, f.name) for f in fields(value)}
    if isinstance(value, float):
        return float(value)
    if hasattr(value, "item"):  # a numpy number
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON by orjson; what orjson refuses (an int beyond 64 bits, a lone
    surrogate, very deep nesting) by `json`, which writes a NaN there as NaN."""
    try:
        return orjson.dumps(value, default=_plain, option=_JSON_OPTIONS)
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=False, default=_plain, separators=(",", ":")).encode(
            "utf-8", "surrogatepass"
        )


def to_json(value: Any) -> str:
    """Compact JSON text of a small value (a column of lists or labels)."""
    return _dumps(value).decode("utf-8")


def record_json(transcript: Transcript) -> bytes:
    """The record as UTF-8 JSON, the same as ``json.dumps(transcript.to_dict())`` once
    parsed, and seven times faster: the long lists (speakers, turns, exchanges) go to
    orjson as the dataclasses they are (orjson writes an instance's attributes in order, as
    `to_dict` does for these record classes, which have no private ones) instead of through
    `dataclasses.asdict`'s deep copy; the rest comes from `to_dict` itself. Tests check that
    both give the same record, key order included."""
    top = replace(transcript, speakers=[], turns=[], exchanges=[]).to_dict()
    for key in ("speakers", "turns", "exchanges"):
        top[key] = getattr(transcript, key)
    return _dumps(top)


@dataclass
class Prepared:
    """Everything the store writes for one transcript version."""

    identity: str
    event_id: str
    sha256: str
    event: dict[str, Any]
    record: bytes  # the JSON record, zlib-compressed
    source_path: str | None
    format: str | None
    annotators: str
    speakers: list[tuple] = field(default_factory=list)
    turns: list[tuple] = field(default_factory=list)
    exchanges: list[tuple] = field(default_factory=list)
    questions: list[tuple] = field(default_factory=list)
    entities: list[tuple] = field(default_factory=list)
    labels: list[tuple[str, str, str]] = field(default_factory=list)  # (turn_id, facet, value)
    counts: dict[str, int] = field(default_factory=dict)
    source: bytes | None = None  # `source_gaps`: the source text outside the turns' speech
    runs: list[tuple[str, str]] = field(default_factory=list)  # (annotator, its version) per annotation


#: column order of Prepared.turns (the store adds version_id, event_id, is_current, date)
TURN_COLUMNS = (
    "turn_id",
    "seq",
    "speaker_id",
    "speaker",
    "role",
    "outlet",
    "kind",
    "exchange_id",
    "start_char",
    "end_char",
    "start_line",
    "end_line",
    "start_time",
    "end_time",
    "text",
)
SPEAKER_COLUMNS = ("speaker_id", "name", "role", "title", "affiliation", "place", "labels")
EXCHANGE_COLUMNS = (
    "exchange_id",
    "seq",
    "questioner",
    "question_turns",
    "answer_turns",
    "answerers",
    "follow_up_of",
    "topics",
    "clarity",
)
QUESTION_COLUMNS = (
    "question_id",
    "exchange_id",
    "turn_id",
    "start_char",
    "end_char",
    "text",
    "clarity",
    "evasion",
    "confidence",
)
ENTITY_COLUMNS = ("turn_id", "name", "label", "start_char", "end_char")


def source_gaps(transcript: Transcript, source_text: str) -> bytes:
    """The source text minus the turns' speech (which the record holds), zlib-compressed JSON:
    ``{"n": length, "gaps": [[offset, text], …], "skip": [turn indices not used]}``. With the
    record, `rebuild_source` gives back ``source_text`` exactly (a few per cent of its bytes)."""
    gaps, skip, at = [], [], 0
    for i, t in enumerate(transcript.turns):
        s, e = t.text_start, t.end_char
        if s is None or not (at <= s <= e <= len(source_text)) or source_text[s:e] != t.text:
            skip.append(i)
            continue
        if s > at:
            gaps.append([at, source_text[at:s]])
        at = e
    if at < len(source_text):
        gaps.append([at, source_text[at:]])
    return zlib.compress(_dumps({"n": len(source_text), "gaps": gaps, "skip": skip}), 6)


def rebuild_source(transcript: Transcript, gaps: bytes | None) -> str:
    """The source text the annotators read, from the record and `source_gaps`. Without gaps (a
    version stored before schema v5) the turns' speech at its offsets, blanks elsewhere: the
    header is then missing, so mentions there are not found."""
    if gaps is None:
        n = max((t.end_char for t in transcript.turns), default=0)
        buf = [" "] * n
        for t in transcript.turns:
            s = t.text_start if t.text_start is not None else t.end_char - len(t.text)
            if 0 <= s and s + len(t.text) <= n:
                buf[s : s + len(t.text)] = t.text
        return "".join(buf)
    data = orjson.loads(zlib.decompress(gaps))
    skip = set(data["skip"])
    pieces = [(at, text) for at, text in data["gaps"]]
    pieces += [(t.text_start, t.text) for i, t in enumerate(transcript.turns) if i not in skip]
    text = "".join(p for _, p in sorted(pieces, key=lambda p: p[0]))
    if len(text) != data["n"]:
        raise ValueError(f"the stored source does not fit its record ({len(text)} != {data['n']} characters)")
    return text


def annotation_runs(transcript: Transcript) -> list[tuple[str, str]]:
    """(annotator, installed version) for each annotator in the record's pipeline."""
    names = transcript.annotations.get("pipeline") or []
    if not names:
        return []
    from ..annotate import version_of

    return [(n, version_of(n)) for n in names]


def prepare(transcript: Transcript, source_text: str | None = None) -> Prepared:
    """The rows for one transcript (with its annotations, when present). With ``source_text``
    (the text the parser read) the rows carry what `rebuild_source` needs to annotate it later."""
    prepared = _version_rows(transcript, source_text)
    by_id = {s.id: s for s in transcript.speakers}
    for s in transcript.speakers:
        prepared.speakers.append((s.id, s.name, s.role, s.title, s.affiliation, s.place, to_json(s.labels)))
    words = _turn_rows(transcript, by_id, prepared)
    labels: set[tuple[str, str, str]] = set()
    n_questions = _exchange_rows(transcript, prepared, labels)
    turn_ids = {t.id for t in transcript.turns}
    for row in entity_rows(transcript):
        prepared.entities.append(row)
        if row[0] in turn_ids:
            labels.add((row[0], "entity", row[1]))
    prepared.labels = _distinct_labels(labels)
    prepared.counts = {
        "speakers": len(transcript.speakers),
        "turns": len(transcript.turns),
        "exchanges": len(transcript.exchanges),
        "questions": n_questions,
        "words": words,
    }
    return prepared


def _version_rows(transcript: Transcript, source_text: str | None) -> Prepared:
    """The event's and the version's columns, the compressed record and the source's gaps."""
    ev = transcript.event
    identity = source_identity(transcript)
    sha = content_hash(transcript)
    return Prepared(
        identity=identity,
        event_id=event_id_for(identity, ev.date, ev.title),
        sha256=sha,
        event={
            "kind": ev.kind,
            "title": ev.title,
            "date": ev.date,
            "last_updated": ev.last_updated,
            "place": ev.place,
            "organisation": ev.organisation,
            "source_url": (ev.source or {}).get("url"),
        },
        record=zlib.compress(record_json(transcript), 1),
        source_path=(ev.source or {}).get("path"),
        format=(ev.source or {}).get("format"),
        annotators=",".join(transcript.annotations.get("pipeline", []) or []),
        source=source_gaps(transcript, source_text) if source_text is not None else None,
        runs=annotation_runs(transcript),
    )


def _turn_rows(transcript: Transcript, by_id: dict, prepared: Prepared) -> int:
    """Append the turns' rows to ``prepared``; return how many words the turns hold."""
    exchange_of: dict[str, str] = {}
    for x in transcript.exchanges:
        for tid in list(x.question_turns) + list(x.answer_turns):
            exchange_of.setdefault(tid, x.id)

    words = 0
    for seq, t in enumerate(transcript.turns):
        sp = by_id.get(t.speaker)
        outlet = sp.affiliation if sp is not None and sp.role == "journalist" else None
        words += len(t.text.split())
        prepared.turns.append(
            (
                t.id,
                seq,
                t.speaker,
                display_name(sp),
                sp.role if sp is not None else None,
                outlet,
                t.kind,
                exchange_of.get(t.id),
                t.start_char,
                t.end_char,
                t.start_line,
                t.end_line,
                t.start_time,
                t.end_time,
                t.text,
            )
        )
    return words


def _exchange_rows(transcript: Transcript, prepared: Prepared, labels: set[tuple[str, str, str]]) -> int:
    """Append the exchanges' and the questions' rows to ``prepared`` and their turns' topic and
    verdict labels to ``labels``; return how many questions there are."""
    n_questions = 0
    for seq, x in enumerate(transcript.exchanges):
        topics = exchange_topics(x)
        verdicts = question_verdicts(x)
        overall = exchange_clarity(verdicts)
        prepared.exchanges.append(
            (
                x.id,
                seq,
                x.questioner,
                to_json(x.question_turns),
                to_json(x.answer_turns),
                to_json(x.answerers),
                x.follow_up_of,
                to_json(topics) if topics else None,
                overall,
            )
        )
        for q in x.questions:
            v = verdicts.get(q.id, {})
            n_questions += 1
            prepared.questions.append(
                (
                    q.id,
                    x.id,
                    q.turn,
                    q.start_char,
                    q.end_char,
                    q.text,
                    v.get("clarity"),
                    v.get("evasion"),
                    v.get("confidence"),
                )
            )
        turns = list(x.question_turns) + list(x.answer_turns)
        for tid in turns:
            for topic in topics:
                labels.add((tid, "topic", topic))
            for v in verdicts.values():
                if v.get("clarity"):
                    labels.add((tid, "clarity", v["clarity"]))
                if v.get("evasion"):
                    labels.add((tid, "evasion", v["evasion"]))
    return n_questions


def _distinct_labels(labels: set[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The labels sorted, those that differ only in case ("Al-Shifa" / "al-Shifa") as one row
    (the first in order): SQLite compares them without case."""
    seen: dict[tuple, tuple] = {}
    for lab in sorted(labels):
        seen.setdefault((lab[0], lab[1], str(lab[2]).lower()), lab)
    return sorted(seen.values())
