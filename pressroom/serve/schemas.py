"""Response models of the HTTP API (they document the OpenAPI schema and check responses)."""

from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    code: str = Field(description="pressroom error code, e.g. E020 (bad query), E021 (not found), H401 (no token)")
    message: str


class ErrorOut(BaseModel):
    error: ErrorBody


class EventSummaryOut(BaseModel):
    id: str
    title: Optional[str]
    kind: Optional[str]
    date: Optional[str]
    last_updated: Optional[str]
    place: Optional[str]
    organisation: Optional[str]
    source_url: Optional[str]
    version: int
    n_versions: int
    n_speakers: int
    n_turns: int
    n_exchanges: int
    n_questions: int
    n_words: int


class EventPageOut(BaseModel):
    total: int
    limit: int
    offset: int
    events: list[EventSummaryOut]


class VersionOut(BaseModel):
    version: int
    sha256: str
    last_updated: Optional[str]
    source_path: Optional[str]
    format: Optional[str]
    annotators: list[str]
    ingested_at: str
    current: bool


class EventDetailOut(BaseModel):
    event: EventSummaryOut
    versions: list[VersionOut]
    links: dict[str, str]


class TurnOut(BaseModel):
    id: str = Field(description="permalink: <event id>#<turn id>")
    turn_id: str
    speaker_id: str
    speaker: Optional[str]
    role: Optional[str]
    affiliation: Optional[str]
    kind: str
    exchange_id: Optional[str]
    start_char: int
    end_char: int
    start_line: int
    end_line: int
    start_time: Optional[float] = None
    end_time: Optional[float] = None
    text: str


class StoredTurnOut(BaseModel):
    id: str
    event_id: str
    turn_id: str
    seq: int
    speaker_id: Optional[str]
    speaker: Optional[str]
    role: Optional[str]
    outlet: Optional[str]
    kind: Optional[str]
    exchange_id: Optional[str]
    date: Optional[str]
    start_char: Optional[int]
    end_char: Optional[int]
    start_line: Optional[int]
    end_line: Optional[int]
    text: str
    event_title: Optional[str]


class QuestionOut(BaseModel):
    id: str
    turn: str
    start_char: int
    end_char: int
    text: str
    clarity: Optional[str] = None
    evasion: Optional[str] = None
    confidence: Optional[float] = Field(
        None, description="the verdict's probability (calibrated when the model ships a calibration)"
    )
    uncertain: Optional[bool] = Field(
        None, description="true when the calibrated probability is under the model's threshold"
    )
    uncertain_below: Optional[float] = Field(None, description="the model's threshold for 'uncertain'")
    not_judged: Optional[str] = Field(
        None,
        description="why the question got no verdict (no question asked, "
        "no answer in the record, the answer is cut off)",
    )


class ExchangeOut(BaseModel):
    id: str
    questioner: Optional[str] = Field(description="speaker id")
    questioner_name: Optional[str]
    outlet: Optional[str]
    answerers: list[str]
    answerer_names: list[Optional[str]]
    question_turns: list[str]
    answer_turns: list[str]
    follow_up_of: Optional[str]
    clarity: Optional[str] = Field(description="the exchange's verdict (most frequent among its questions)")
    topics: list[str]
    questions: list[QuestionOut]
    annotations: dict[str, Any]


class SearchHitOut(BaseModel):
    id: str
    event_id: str
    turn_id: str
    event_title: Optional[str]
    date: Optional[str]
    speaker: Optional[str]
    role: Optional[str]
    outlet: Optional[str]
    kind: Optional[str]
    exchange_id: Optional[str]
    snippet: str
    highlights: list[list[int]]
    score: float
    text: Optional[str] = None
    url: str = Field(description="the turn on the transcript page")


class FacetValueOut(BaseModel):
    value: str
    count: int


class SearchResultOut(BaseModel):
    query: str
    mode: str
    total: int
    limit: int
    offset: int
    hits: list[SearchHitOut]
    facets: dict[str, list[FacetValueOut]]


class StatsOut(BaseModel):
    engine: str
    schema_version: int
    events: int
    versions: int
    turns: int
    exchanges: int
    questions: int
    speakers: int
    words: int
    embeddings: dict[str, int]
    first_date: Optional[str]
    last_date: Optional[str]
    roles: dict[str, int]
    annotated: dict[str, int]


class TimelinePointOut(BaseModel):
    period: str
    value: Optional[str]
    count: int


class TimelineOut(BaseModel):
    facet: Optional[str]
    interval: str
    unit: str
    points: list[TimelinePointOut]


class SpeakerRowOut(BaseModel):
    name: str
    role: Optional[str]
    outlet: Optional[str]
    turns: int
    questions: int
    events: int
    first_date: Optional[str]
    last_date: Optional[str]


class SpeakerPageOut(BaseModel):
    total: int
    limit: int
    offset: int
    speakers: list[SpeakerRowOut]


class OutletRowOut(BaseModel):
    name: str
    journalists: int
    questions: int
    events: int
    first_date: Optional[str]
    last_date: Optional[str]


class OutletPageOut(BaseModel):
    total: int
    limit: int
    offset: int
    outlets: list[OutletRowOut]


class TopicOut(BaseModel):
    topic: str = Field(description="the topic's name (what the topic filter takes)")
    exchanges: int = Field(description="question/answer exchanges labelled with it (current versions)")
    events: int = Field(description="events with such an exchange")


class TopicListOut(BaseModel):
    total: int
    topics: list[TopicOut]


class CountOut(BaseModel):
    value: str
    count: int


class EventRefOut(BaseModel):
    id: str
    title: Optional[str]
    date: Optional[str]
    turns: int


class TurnRefOut(BaseModel):
    id: str
    event_id: str
    turn_id: str
    event_title: Optional[str]
    date: Optional[str]
    speaker: Optional[str]
    outlet: Optional[str]
    kind: Optional[str]
    text: str


class RatePointOut(BaseModel):
    period: str
    clarity: Optional[str]
    count: int


class ProfileOut(BaseModel):
    name: str
    kind: str
    roles: list[CountOut]
    outlets: list[CountOut]
    journalists: list[CountOut]
    turns: int
    questions: int
    asker: bool
    interval: str
    events: list[EventRefOut]
    n_events: int
    topics: list[CountOut]
    entities: list[CountOut]
    asked: list[RatePointOut]
    answered: list[RatePointOut]
    recent: list[TurnRefOut]
    asked_rate: dict[str, Any]
    answered_rate: dict[str, Any]


class FileResultOut(BaseModel):
    filename: str
    status: str = Field(description="added | updated | unchanged | failed")
    event_id: Optional[str] = None
    version: Optional[int] = None
    title: Optional[str] = None
    turns: int = 0
    exchanges: int = 0
    reason: Optional[str] = None
    url: Optional[str] = None


class IngestOut(BaseModel):
    files: int
    added: int
    updated: int
    unchanged: int
    failed: int
    results: list[FileResultOut]
