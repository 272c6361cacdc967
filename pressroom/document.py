"""The `Document`: what every reader produces and the parser consumes.

A reader turns bytes into text and keeps provenance; it knows nothing of speakers.
All offsets in a `Document` are character offsets into `Document.text`, the text the
reader produced (for plain text and Markdown: the decoded file itself, front matter
included, so every turn can be cut back out of the source).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class TimeSpan:
    """Caption time codes for a stretch of text (seconds from the start of the video)."""

    start_char: int
    end_char: int
    start: float
    end: float


@dataclass
class LabelHint:
    """A speaker label the markup made explicit (bold text, a caption voice tag).

    `start_char`..`end_char` covers the label as printed (separator included where
    there is one); `name` is the label text without its separator.
    """

    start_char: int
    end_char: int
    name: str


@dataclass
class Document:
    text: str
    format: str = "text"
    #: metadata hints from the container: title, date, url, last_updated, author, …
    metadata: dict[str, Any] = field(default_factory=dict)
    #: provenance: path, sha256 of the raw bytes, encoding, size in bytes
    source: dict[str, Any] = field(default_factory=dict)
    #: offset where the body starts (after front matter); the header is parsed from here too
    body_start: int = 0
    #: offset where the body ends (before page footers, "END" blocks the reader knows of)
    body_end: int | None = None
    times: list[TimeSpan] = field(default_factory=list)
    labels: list[LabelHint] = field(default_factory=list)
    #: what the reader repaired (pressroom.record.RecordWarning), carried into the record
    warnings: list[Any] = field(default_factory=list)

    @property
    def end(self) -> int:
        return len(self.text) if self.body_end is None else self.body_end
