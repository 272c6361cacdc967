"""The record: pressroom's public contract.

`Transcript.to_dict()` is what `pressroom parse FILE --json` prints; its JSON Schema is
published in `pressroom/schema/record.schema.json` (see `pressroom.schema`). Bump
`SCHEMA_VERSION` on any incompatible change.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = "1.1"

ROLES = ("principal", "moderator", "journalist", "official", "other")
TURN_KINDS = ("statement", "moderator", "question", "answer", "remark")


@dataclass
class Event:
    kind: str | None = None
    title: str | None = None
    date: str | None = None  # ISO date
    last_updated: str | None = None  # ISO date-time (minutes) or null
    place: str | None = None
    organisation: str | None = None
    as_delivered: bool = False
    byline: str | None = None
    source: dict[str, Any] = field(default_factory=dict)  # path, sha256, format, encoding


@dataclass
class Speaker:
    id: str
    name: str | None = None
    labels: list[str] = field(default_factory=list)
    role: str = "other"
    title: str | None = None
    affiliation: str | None = None
    place: str | None = None


@dataclass
class Turn:
    id: str
    speaker: str  # speaker id
    kind: str
    text: str
    start_char: int
    end_char: int
    start_line: int
    end_line: int
    label: str | None = None  # the label as printed, without separator
    text_start: int | None = None  # offset where the speech starts (after the label)
    start_time: float | None = None
    end_time: float | None = None


@dataclass
class Question:
    """One individual question inside a question turn (character span into the source)."""

    id: str
    turn: str
    start_char: int
    end_char: int
    text: str


@dataclass
class Exchange:
    id: str
    questioner: str | None
    question_turns: list[str] = field(default_factory=list)
    answer_turns: list[str] = field(default_factory=list)
    answerers: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    follow_up_of: str | None = None  # id of the exchange this one follows up
    annotations: dict[str, Any] = field(default_factory=dict)


@dataclass
class RecordWarning:
    """Something the reader or parser repaired or guessed, with the span of the source it concerns
    (character offsets into the text the reader produced; both null when it concerns the whole file)."""

    code: str  # W001, W002 … (pressroom.errors.WARNINGS says what each means)
    message: str
    start_char: int | None = None
    end_char: int | None = None


@dataclass
class Transcript:
    event: Event
    speakers: list[Speaker] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    exchanges: list[Exchange] = field(default_factory=list)
    #: spans of the body that are not speech: header, separators, page furniture, footers
    apparatus: list[dict[str, Any]] = field(default_factory=list)
    annotations: dict[str, Any] = field(default_factory=dict)
    #: what the reader or the parser repaired or guessed (a damaged caption cue, turns taken from content)
    warnings: list[RecordWarning] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    # -- lookups -------------------------------------------------------------------
    def speaker(self, speaker_id: str | None) -> Speaker | None:
        for s in self.speakers:
            if s.id == speaker_id:
                return s
        return None

    def turn(self, turn_id: str) -> Turn | None:
        for t in self.turns:
            if t.id == turn_id:
                return t
        return None

    def speaker_name(self, speaker_id: str | None) -> str | None:
        s = self.speaker(speaker_id)
        if s is None:
            return None
        return s.name or (s.labels[0] if s.labels else None)

    # -- (de)serialisation -----------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "event": asdict(self.event),
            "speakers": [asdict(s) for s in self.speakers],
            "turns": [asdict(t) for t in self.turns],
            "exchanges": [asdict(x) for x in self.exchanges],
            "apparatus": [dict(a) for a in self.apparatus],
            "annotations": dict(self.annotations),
            "warnings": [asdict(w) for w in self.warnings],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Transcript":
        def build(kls, d):
            names = {f.name for f in fields(kls)}
            return kls(**{k: v for k, v in d.items() if k in names})

        exchanges = []
        for x in data.get("exchanges", []):
            x = dict(x)
            x["questions"] = [build(Question, q) for q in x.get("questions", [])]
            exchanges.append(build(Exchange, x))
        return cls(
            event=build(Event, data.get("event", {})),
            speakers=[build(Speaker, s) for s in data.get("speakers", [])],
            turns=[build(Turn, t) for t in data.get("turns", [])],
            exchanges=exchanges,
            apparatus=[dict(a) for a in data.get("apparatus", [])],
            annotations=dict(data.get("annotations", {})),
            warnings=[build(RecordWarning, w) for w in data.get("warnings", [])],
            schema_version=data.get("schema_version", SCHEMA_VERSION),
        )
