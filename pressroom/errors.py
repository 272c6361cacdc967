"""Errors users can act on. Each has a code (like spaCy's E050) and one line of text.

The CLI prints `pressroom: <message>` and exits with code 2 for any `PressroomError`.
"""

from __future__ import annotations


class PressroomError(Exception):
    code = "E000"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # one line, always
        return f"[{self.code}] " + " ".join(self.message.split())


class ReadError(PressroomError):
    """The input could not be read (missing, a directory, empty, binary, undecodable, too large…)."""

    code = "E001"


class ParseError(PressroomError):
    """The text was read but holds no recognisable transcript."""

    code = "E002"


class FormatError(PressroomError):
    """The format is unknown or not supported."""

    code = "E003"


class StoreError(PressroomError):
    """The store (database) refused an operation."""

    code = "E004"


class ModelError(PressroomError):
    """A model is missing or cannot be loaded."""

    code = "E005"


class UsageError(PressroomError):
    """A command was given options that cannot work together."""

    code = "E006"


class TimeLimitError(PressroomError):
    """Parsing or annotating one file took longer than its time budget (PRESSROOM_PARSE_SECONDS,
    PRESSROOM_ANNOTATE_SECONDS)."""

    code = "E007"


#: Warnings a record can carry (`record.warnings`): something the reader or the parser repaired or
#: guessed instead of refusing the file. Each names the span it concerns.
WARNINGS = {
    "W001": "a caption cue was damaged (end before start, overlapping the previous cue, a missing "
    "number or time line) and was kept as it stands",
    "W002": "the transcript prints no speaker labels: turns were taken from its content (call-outs, "
    "questions, answers)",
    "W003": "a YAML front-matter value could not be read as its type (an impossible date, an unreadable or "
    "non-finite number, binary data) and was kept as the text written",
    "W004": "a speaker label stood inside a line (run together with the turn before, or glued to its last "
    "sentence) and started a turn there",
    "W005": "a name alone on a line, printed again elsewhere, was taken for a speaker's label",
}
