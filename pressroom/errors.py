"""The error catalogue: every error users can act on, with its code (like spaCy's E050) and one line of text.

Each class below is one entry: its ``code``, its docstring (what the error means, one
sentence) and, where it helps, a ``hint`` (what to do about it). The modules that raise an
error import its class from here (``pressroom.search.QueryError`` is this module's
`QueryError`) and callers catch by class, never by comparing codes. A class that keeps its
parent's code (`ReadTimeout`, `AnnotatorUnavailable`) is a finer kind of the same error.
`catalogue()` lists them all; docs/errors.md is written from it by scripts/errors_reference.py
and a test compares the two.

The CLI prints `pressroom: <message>` and exits with code 2 for any `PressroomError`.
"""

from __future__ import annotations


class PressroomError(Exception):
    """An error pressroom reports in one line; also the code of an internal error (a bug) and of
    running out of memory or stack."""

    code = "E000"
    #: what to do about it (shown in docs/errors.md); None where the message says it all
    hint: str | None = "an internal error is a bug: run again with PRESSROOM_DEBUG=1 to see where, and report it"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # one line, always
        return f"[{self.code}] " + " ".join(self.message.split())


class ReadError(PressroomError):
    """The input could not be read (missing, a directory, empty, binary, undecodable, too large…)."""

    code = "E001"
    hint = "check the path; PRESSROOM_MAX_BYTES sets the size limit"


class ReadTimeout(ReadError):
    """Reading one file took longer than its time budget."""


class ParseError(PressroomError):
    """The text was read but holds no recognisable transcript."""

    code = "E002"
    hint = None


class FormatError(PressroomError):
    """The format is unknown or not supported."""

    code = "E003"
    hint = "give one of the formats the message lists with --format"


class StoreError(PressroomError):
    """The store (database) refused an operation."""

    code = "E004"
    hint = "check the --db path or URL and that the database is reachable (pressroom db check)"


class ModelError(PressroomError):
    """A model is missing or cannot be loaded."""

    code = "E005"
    hint = "install what the message names (pip install 'pressroom[ml]' for torch), or leave the annotator out with --annotators"


class AnnotatorUnavailable(ModelError):
    """An annotator whose module (or model) cannot be imported in this installation."""

    template = "the {name} annotator cannot be loaded ({cause})"

    def __init__(self, name: str, cause: Exception):
        super().__init__(self.template.format(name=name, cause=cause))
        self.name = name
        self.cause = cause


class UsageError(PressroomError):
    """A command was given options that cannot work together."""

    code = "E006"
    hint = "see the command's --help (docs/cli.md)"


class TimeLimitError(PressroomError):
    """Parsing or annotating one file took longer than its time budget (PRESSROOM_PARSE_SECONDS,
    PRESSROOM_ANNOTATE_SECONDS)."""

    code = "E007"
    hint = "raise the budget with the environment variable the message names"


class AnnotatorError(PressroomError):
    """An annotator name is unknown, or an annotator cannot run as asked."""

    code = "E010"
    hint = "pressroom annotators lists the valid names"


class AnnotatorContractError(AnnotatorError):
    """An annotator broke what it declares: a field it requires was assigned by no annotator before
    it nor by the parser, or a field it assigns is missing after it ran."""

    code = "E011"
    hint = "pressroom annotators lists what each annotator requires and assigns"


class QueryError(UsageError):
    """The search query cannot be searched (no words, only exclusions, too long)."""

    code = "E020"
    hint = "docs/search.md gives the query language"


class NotFound(StoreError):
    """An event, version or turn that the store does not hold."""

    code = "E021"
    hint = "pressroom db events lists the stored events"


class ExportError(PressroomError):
    """An export could not be written, or had nothing to write."""

    code = "E030"
    hint = None


class ClarityDataError(PressroomError):
    """Clarity data is unusable: an unknown label, a missing column, an empty file."""

    code = "E040"
    hint = None


class TestSplitError(PressroomError):
    """Training data that is a known test split, without --i-know-this-is-test."""

    code = "E041"
    hint = "train on the train split; pass --i-know-this-is-test only to measure leakage on purpose"


class ClusterError(PressroomError):
    """The Dask cluster cannot be reached or used."""

    code = "E050"
    hint = "check the --scheduler address (and that it has workers), or run without --scheduler / --local-cluster"


class IdentityError(UsageError):
    """A merge or split that cannot be made (a person with itself, a form the person never had)."""

    code = "E060"
    hint = "pressroom people QUERY shows each person's id and forms"


def catalogue() -> list[type[PressroomError]]:
    """Every error class, in code order (a class that keeps its parent's code after the parent)."""
    found: list[type[PressroomError]] = []

    def walk(cls: type[PressroomError]) -> None:
        found.append(cls)
        for sub in cls.__subclasses__():
            if sub.__module__ == __name__:
                walk(sub)

    walk(PressroomError)
    return sorted(found, key=lambda c: (c.code, c is not owner(c)))


def owner(cls: type[PressroomError]) -> type[PressroomError]:
    """The class that gave `cls` its code (itself, or the ancestor it keeps the code of)."""
    for base in cls.__mro__:
        if "code" in vars(base):
            return base
    return PressroomError


def codes() -> dict[str, type[PressroomError]]:
    """Each code and the class that defines it."""
    return {c.code: c for c in catalogue() if owner(c) is c}


def meaning(cls: type) -> str:
    """A class's meaning in one line (its docstring, white space joined)."""
    return " ".join((cls.__doc__ or "").split())


#: Warnings a record can carry (`record.warnings`): something the reader or the parser repaired or
#: guessed instead of refusing the file. Each names the span it concerns.
WARNINGS = {
    "W001": "a caption cue was damaged (end before start, overlapping the previous cue, a missing "
    "number or time line) and was kept as it stands",
    "W002": "the transcript prints no speaker labels: turns were taken from its content (call-outs or "
    "questions in bold, questions, answers)",
    "W003": "a YAML front-matter value could not be read as its type (an impossible date, an unreadable or "
    "non-finite number, binary data) and was kept as the text written",
    "W004": "a speaker label stood inside a line (run together with the turn before, or glued to its last "
    "sentence) and started a turn there",
    "W005": "a name alone on a line, printed again elsewhere, was taken for a speaker's label",
    "W006": "a court reporter's typescript: its line numbers and page numbers were taken out of the text "
    "(record offsets point into the text without them)",
}

#: Codes of the HTTP layer (`pressroom serve`): ``H`` and the HTTP status, for what is refused
#: before any pressroom code runs (authentication, limits, malformed requests, unknown pages).
HTTP_CODES = {
    "H400": "a malformed request: an invalid Content-Length, control characters in the path or query, too "
    "many files in one upload",
    "H401": "the request needs the server's token: send 'Authorization: Bearer <token>'",
    "H403": "writes are disabled on this server (it was started without a token)",
    "H404": "no such page",
    "H405": "method not allowed",
    "H413": "the request body or an uploaded file is over the server's size limit",
    "H422": "a parameter of the request is invalid (the message names it)",
}
