"""Transcripts kept as structured data: JSON or YAML holding a list of turns, each an object with a
field for who speaks and one for what they say (transcription services' and APIs' output, meeting
datasets, recorded API responses kept as test data).

The list is found wherever it sits: every list of objects in the data is looked at (lists at the
same place in the data's shape joined, a transcript cut into sections), and a string that holds
JSON itself (a recorded HTTP response's body) is read too. A turn's text may be a list of blocks,
its speaker an object with a name. The turns' fields are named
as a table's columns are (`pressroom/data/table_columns.json`); the list with the most turns
wins. A speaker given by id ("spk03", 2) takes the name a map in the same data gives that id
(`{"spk03": {"name": "Jane Roe", …}}`, or the name alone). Each turn becomes a paragraph
`Speaker: text`, its label given to the parser as a `LabelHint`, as the table reader does.

YAML is read with the front-matter reader's safe loader and limits (no objects built, no alias
bombs, no deep nesting); JSON with the standard library, its nesting limited the same way.

A script that holds its data as a literal (`.js`, `.jsonp`: a JSONP callback's
`register({...});`, `var minutes = [...]`, `export default {...}`) is read for that literal: the
first object or array after an opening bracket, `=` or `export default` that is JSON. A script
holding no such literal is read as text.
"""

from __future__ import annotations

import json
import re

from ..document import Document
from ..errors import ParseError, ReadError
from .encoding import decode
from .frontmatter import load_yaml
from .table import SPEAKER_COLUMNS, TEXT_COLUMNS, document_from_rows
from .text import held_transcript, read_text
from .turnlists import best_list, collect_lists, speaker_of, turn_rows, typed_blocks


def read_json(data: bytes, source: dict) -> Document:
    name = source.get("path") or "input"
    text, encoding = decode(data, name)
    return _document(_json(text, name), name, encoding)


def read_script(data: bytes, source: dict) -> Document:
    """A script's data literal (see the module's docstring) as JSON, or the script as text."""
    name = source.get("path") or "input"
    text, encoding = decode(data, name)
    value = script_data(text)
    if value is None:
        return read_text(data, source)
    doc = _document(value, name, encoding)
    doc.source["script_data"] = True
    return doc


#: where a script's data literal may open: after an opening bracket or `=`, or `export default`
_LITERAL_OPENS = re.compile(r"(?:[(=]|\bexport\s+default)\s*(?=[\[{])")
#: how many openings are tried: the data is handed over at once, not after pages of code
MAX_LITERAL_TRIES = 8


def script_data(text: str):
    """The first JSON object or array in `text` that opens after `(`, `=` or `export default`;
    None where there is none (code, or a literal in JavaScript's own syntax: unquoted keys)."""
    decoder = json.JSONDecoder()
    for k, m in enumerate(_LITERAL_OPENS.finditer(text)):
        if k == MAX_LITERAL_TRIES:
            break
        try:
            value, _ = decoder.raw_decode(text, m.end())
        except RecursionError:
            raise ReadError("cannot read the script's data: it nests deeper than Python can read") from None
        except ValueError:
            continue
        if isinstance(value, (dict, list)) and value:
            return value
    return None


def read_yaml(data: bytes, source: dict) -> Document:
    name = source.get("path") or "input"
    text, encoding = decode(data, name)
    return _document(load_yaml(text, name), name, encoding)


def _json(text: str, name: str):
    try:
        return json.loads(text)
    except RecursionError:
        raise ReadError(f"cannot read {name}: its JSON nests deeper than Python can read") from None
    except ValueError as e:
        raise ReadError(f"cannot read {name} as JSON: {e}") from None


def _document(value, name: str, encoding: str) -> Document:
    lists, maps = collect_lists(value, name)
    best, who, said = best_list(lists)
    blocks = typed_blocks(lists) if best is None else None
    if blocks is not None:  # typed blocks: a speaker's block, then their paragraphs
        doc = document_from_rows(blocks, encoding)
        doc.metadata = _fields(value)
        return doc
    held = held_transcript(value, {"path": name}, encoding) if best is None and isinstance(value, dict) else None
    if held is not None:
        return held  # no list of turns, but a field that holds the whole transcript ("transcript": "…")
    pieces = _text_in_pieces(value) if best is None else None
    if pieces is not None:  # {"4": ["RICHARD DOUD: This is …"], "43": [...]}: the text, cut up
        return Document(text=pieces, format="json", source={"encoding": encoding, "text_in_pieces": True})
    if best is None:
        raise ParseError(
            f"cannot read {name} as a transcript: it holds no list of turns with a speaker field "
            f"({', '.join(SPEAKER_COLUMNS[:4])}, …) and a text field ({', '.join(TEXT_COLUMNS[:4])}, …)"
        )
    ids = {speaker_of(row.get(who)) for row in best} - {""}
    doc = document_from_rows(turn_rows(best, who, said, _name_map(maps, ids)), encoding)
    doc.metadata = _fields(value)
    return doc


#: a top-level field longer than this is no field of the record's (a summary, the text)
MAX_FIELD_CHARS = 300


def _fields(value) -> dict[str, str]:
    """The short text fields at the data's top level ("title": …, "date": …), as a front matter's."""
    if not isinstance(value, dict):
        return {}
    return {str(k): v.strip() for k, v in value.items() if isinstance(v, str) and 0 < len(v.strip()) <= MAX_FIELD_CHARS}


#: text cut into pieces must hold this much to be a transcript (not a record's short fields)
MIN_PIECES_CHARS = 500


def _text_in_pieces(value) -> str | None:
    """The text of data that holds nothing but strings, a mapping's values or a list's items, each a
    string or a list of strings (a web player's transcript keyed by the second each passage starts
    at: `{"4": ["RICHARD DOUD: This is …"], "43": ["…", "…"]}`): the entries in order, each a
    paragraph, a list's strings its lines. None for any other shape, or for less than
    `MIN_PIECES_CHARS` of text."""
    entries = list(value.values()) if isinstance(value, dict) else value if isinstance(value, list) else None
    if not entries:
        return None
    paragraphs = []
    for e in entries:
        lines = [e] if isinstance(e, str) else e if isinstance(e, list) else None
        if lines is None or not all(isinstance(x, str) for x in lines):
            return None
        text = "\n".join(x.strip() for x in lines if x.strip())
        if text:
            paragraphs.append(text)
    joined = "\n\n".join(paragraphs)
    return joined if len(joined) >= MIN_PIECES_CHARS else None


def _name_map(maps: list[dict], ids: set[str]) -> dict[str, str]:
    """The names an object in the data gives the speakers' ids ({"spk03": {"name": "Jane Roe"}}
    or {"spk03": "Jane Roe"}), where its keys are half the ids at least."""
    for m in maps:
        keys = {str(k) for k in m}
        if len(ids) < 2 or len(keys & ids) * 2 < len(ids):
            continue
        out = {}
        for k, v in m.items():
            name = v.get("name") if isinstance(v, dict) else v
            if isinstance(name, str) and name.strip():
                out[str(k)] = name.strip()
        if out:
            return out
    return {}
