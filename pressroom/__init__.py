"""pressroom: press-conference and press-briefing transcripts as faithful structured records.

The flow runs one way: read → parse → annotate → store → search/serve/export.

    >>> import pressroom
    >>> doc = pressroom.read_path("briefing.md")          # bytes → Document
    >>> record = pressroom.parse_document(doc)            # Document → Transcript
    >>> pressroom.annotate(record, doc.text, ["entities"]) # adds annotations in place
    >>> record.to_dict()                                  # the JSON record
"""

from __future__ import annotations

__version__ = "0.1.0"

from .annotate import annotate  # noqa: E402
from .corpus import Corpus  # noqa: E402
from .document import Document  # noqa: E402
from .errors import PressroomError  # noqa: E402
from .read import read_bytes, read_path  # noqa: E402
from .record import Transcript  # noqa: E402


def parse_document(doc: Document) -> Transcript:
    from .parse import parse_document as _parse

    return _parse(doc)


def parse_path(path, format: str | None = None) -> Transcript:
    """Read and parse one file."""
    return parse_document(read_path(path, format=format))


__all__ = [
    "Document",
    "Transcript",
    "PressroomError",
    "read_path",
    "read_bytes",
    "parse_document",
    "parse_path",
    "annotate",
    "Corpus",
    "__version__",
]
