"""Plain result types the store returns (each with ``to_dict`` for JSON)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import NotFound  # noqa: F401  (defined in the error catalogue; imported from here too)


@dataclass
class AddResult:
    """What `Store.add` did with one transcript.

    ``status``: ``"added"`` (a new event), ``"updated"`` (a new version of a known event),
    ``"unchanged"`` (these exact bytes were stored before: nothing written)."""

    status: str
    event_id: str
    version: int
    sha256: str
    title: str | None = None
    current: bool = True
    turns: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class EventSummary:
    id: str
    title: str | None
    kind: str | None
    date: str | None
    last_updated: str | None
    place: str | None
    organisation: str | None
    source_url: str | None
    version: int
    n_versions: int
    n_speakers: int
    n_turns: int
    n_exchanges: int
    n_questions: int
    n_words: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class EventPage:
    events: list[EventSummary]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "events": [e.to_dict() for e in self.events],
        }


@dataclass
class VersionInfo:
    version: int
    sha256: str
    last_updated: str | None
    source_path: str | None
    format: str | None
    annotators: list[str]
    ingested_at: str
    current: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class EmbedReport:
    model: str
    turns: int = 0
    chunks: int = 0
    seconds: float = 0.0
    skipped_short: int = 0

    @property
    def chunks_per_second(self) -> float:
        return self.chunks / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["chunks_per_second"] = round(self.chunks_per_second, 1)
        return d


@dataclass
class TimelinePoint:
    period: str
    value: str | None
    count: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class StoreStats:
    engine: str
    location: str
    schema_version: int
    events: int
    versions: int
    turns: int
    exchanges: int
    questions: int
    speakers: int
    words: int
    embeddings: dict[str, int] = field(default_factory=dict)
    first_date: str | None = None
    last_date: str | None = None
    bytes: int | None = None
    roles: dict[str, int] = field(default_factory=dict)
    annotated: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
