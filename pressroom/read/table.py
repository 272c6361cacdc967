"""Transcripts kept as tables: CSV or TSV with a header row, one row per turn or paragraph, a
column for who speaks and one for what they say (oral-history and debate datasets, transcription
tools' exports).

The columns are found by their header's name (`pressroom/data/table_columns.json`); the
delimiter by `csv.Sniffer`. Each row becomes a paragraph `Speaker: text` of `Document.text`, its
label given to the parser as a `LabelHint` (the table says for certain who speaks); a row with no
speaker (an empty cell, or one that says there is no value: "NA", "null") continues the turn
before it. Where several headers name text ("line", "line_type", "text_clean_combined"), the
column holding the most text is the text. Cells are kept as written (no entity decoding): the record
quotes the source. Rows with no text are left out.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from ..document import Document, LabelHint
from ..errors import ParseError
from .encoding import decode

_COLUMNS = json.loads((Path(__file__).resolve().parents[1] / "data" / "table_columns.json").read_text("utf-8"))
SPEAKER_COLUMNS: list[str] = _COLUMNS["speaker"]["names"]
TEXT_COLUMNS: list[str] = _COLUMNS["text"]["names"]
TOKEN_COLUMNS: list[str] = _COLUMNS["token"]["names"]
PUNCTUATION_COLUMNS: list[str] = _COLUMNS["punctuation"]["names"]
MISSING = frozenset(_COLUMNS["missing"]["names"])
GIVEN_NAME_COLUMNS: list[str] = _COLUMNS["given name"]["names"]
FAMILY_NAME_COLUMNS: list[str] = _COLUMNS["family name"]["names"]


def read_csv(data: bytes, source: dict) -> Document:
    name = source.get("path") or "input"
    text, encoding = decode(data, name)
    rows = list(csv.reader(text.splitlines(), _dialect(text)))
    header = [column_key(c) for c in rows[0]] if rows else []
    who = _find(header, SPEAKER_COLUMNS)
    said = _text_column(header, rows[1:], who)
    token = _find(header, TOKEN_COLUMNS) if said is None else None
    if who is not None and token is not None:
        return document_from_rows(_token_rows(rows[1:], who, token, _find(header, PUNCTUATION_COLUMNS)), encoding)
    if who is None or said is None:
        found = ", ".join(repr(c) for c in rows[0][:8]) if rows else "none"
        raise ParseError(
            f"cannot read {name} as a transcript table: it needs a header row naming a speaker column "
            f"({', '.join(SPEAKER_COLUMNS[:4])}, …) and a text column ({', '.join(TEXT_COLUMNS[:4])}, …); found {found}"
        )
    cells = ((_speaker_cell(row, who), row[said] if said < len(row) else "") for row in rows[1:])
    return document_from_rows(cells, encoding)


def _speaker_cell(row: list[str], who: int) -> str:
    """The row's speaker, without a closing colon; none where the cell is empty or says there is no
    value ("NA", "null": `missing`)."""
    cell = row[who].strip().rstrip(":").strip() if who < len(row) else ""
    return "" if cell.lower() in MISSING else cell


def _text_column(header: list[str], rows: list[list[str]], who: int | None) -> int | None:
    """The text column: the one header a text list's name is or holds as a word ("text",
    "text_clean_combined"); of several ("line", "line_type", "transcript_line_number"), the one
    whose cells hold the most text."""
    named = [
        i for i, h in enumerate(header) if i != who and (h in TEXT_COLUMNS or any(w in TEXT_COLUMNS for w in h.split()))
    ]
    if len(named) <= 1:
        return named[0] if named else None  # the speaker's column is never the text's: the lists share no name
    return max(named, key=lambda i: sum(len(r[i]) for r in rows if i < len(r)))


def _token_rows(rows: list[list[str]], who: int, token: int, punct: int | None) -> list[tuple[str, str]]:
    """(speaker, text) turns of a token table: a speaker's consecutive words joined, each followed
    by its punctuation mark."""
    out: list[tuple[str, list[str]]] = []
    for row in rows:
        if token >= len(row) or not row[token].strip():
            continue
        speaker = row[who].strip() if who < len(row) else ""
        word = row[token].strip() + (row[punct].strip() if punct is not None and punct < len(row) else "")
        if out and out[-1][0] == speaker:
            out[-1][1].append(word)
        else:
            out.append((speaker, [word]))
    return [(speaker, " ".join(words)) for speaker, words in out]


def document_from_rows(rows, encoding: str) -> Document:
    """(speaker, text) rows → a `Document`: each a paragraph `Speaker: text` with a `LabelHint` for
    its label; a row with no speaker continues the turn before it; rows with no text are left out."""
    out: list[str] = []
    labels: list[LabelHint] = []
    pos = 0
    for label, said in rows:
        cell = said.strip()
        if not cell:
            continue
        label = label.strip().rstrip(":").strip()
        if label:
            labels.append(LabelHint(pos, pos + len(label) + 1, label))
            para = f"{label}: {cell}"
        else:
            para = cell
        out.append(para)
        pos += len(para) + 2
    return Document(text="\n\n".join(out) + "\n", source={"encoding": encoding}, labels=labels)


def _dialect(text: str) -> type[csv.Dialect]:
    """The delimiter the header row uses (comma, tab, semicolon), by `csv.Sniffer`; comma if it cannot tell."""
    try:
        return csv.Sniffer().sniff(text[:4096].split("\n", 1)[0], delimiters=",\t;|")
    except csv.Error:
        return csv.excel


def column_key(cell: str) -> str:
    return " ".join(cell.strip().lstrip("\ufeff").lower().replace("_", " ").split())


def _find(header: list[str], names: list[str]) -> int | None:
    """The first column whose header is one of ``names`` (in the order of ``names``)."""
    for n in names:
        if n in header:
            return header.index(n)
    return None
