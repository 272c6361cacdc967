"""The store: a corpus of transcripts in SQLite (default) or PostgreSQL.

    >>> from pressroom.store import open_store
    >>> store = open_store("corpus.db")                      # or "postgresql://…"
    >>> store.add(pressroom.parse_path("briefing.md"))       # AddResult(status="added", …)
    >>> store.search('"arms control" NOT russia', Filters(role="principal"))
    >>> store.get_record(event_id)                           # the JSON record

See ``docs/store.md`` for the whole API.
"""

from __future__ import annotations

from ..search import FacetValue, Filters, QueryError, SearchHit, SearchResult
from .models import (
    AddResult,
    EmbedReport,
    EventPage,
    EventSummary,
    NotFound,
    StoreStats,
    TimelinePoint,
    VersionInfo,
)
from .rows import Prepared, prepare, source_identity
from .schema import SCHEMA_VERSION
from .store import MODES, Store, open_existing, open_store
from .url import StoreURL, parse_url

__all__ = [
    "open_store",
    "open_existing",
    "Store",
    "Filters",
    "SearchResult",
    "SearchHit",
    "FacetValue",
    "QueryError",
    "AddResult",
    "EventSummary",
    "EventPage",
    "VersionInfo",
    "EmbedReport",
    "StoreStats",
    "TimelinePoint",
    "NotFound",
    "Prepared",
    "prepare",
    "source_identity",
    "parse_url",
    "StoreURL",
    "SCHEMA_VERSION",
    "MODES",
]
