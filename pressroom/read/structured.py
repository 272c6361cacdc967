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
"""

from __future__ import annotations

import json

from ..document import Document
from ..errors import ParseError, ReadError
from .frontmatter import MAX_DEPTH, load_yaml
from .table import SPEAKER_COLUMNS, TEXT_COLUMNS, column_key, document_from_rows
from .text import decode, held_transcript

#: values (list items, object fields, JSON inside strings) looked at, at most
MAX_VALUES = 2_000_000
#: a string is read as JSON when it opens like JSON and is at least this long
MIN_JSON_STRING = 200


def read_json(data: bytes, source: dict) -> Document:
    name = source.get("path") or "input"
    text, encoding = decode(data, name)
    return _document(_json(text, name), name, encoding)


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
    lists, maps = _collect(value, name)
    best, who, said = _best_list(lists)
    held = held_transcript(value, {"path": name}, encoding) if best is None and isinstance(value, dict) else None
    if held is not None:
        return held  # no list of turns, but a field that holds the whole transcript ("transcript": "…")
    if best is None:
        raise ParseError(
            f"cannot read {name} as a transcript: it holds no list of turns with a speaker field "
            f"({', '.join(SPEAKER_COLUMNS[:4])}, …) and a text field ({', '.join(TEXT_COLUMNS[:4])}, …)"
        )
    ids = {_speaker(row.get(who)) for row in best} - {""}
    return document_from_rows(_rows(best, who, said, _name_map(maps, ids)), encoding)


def _rows(best: list[dict], who: str, said: str, names: dict[str, str]) -> list[tuple[str, str]]:
    """(speaker, text) of each turn of the list; a row with neither, only a short heading
    (`{"header": "Introduction"}`), becomes a Markdown heading, which parts the turns around it."""
    rows = []
    for row in best:
        said_text = _text(row.get(said))
        if said_text:
            speaker = _speaker(row.get(who))
            rows.append((names.get(speaker, speaker), said_text))
        elif who not in row and len(row) == 1:
            (value,) = row.values()
            if isinstance(value, str) and 0 < len(value.strip()) <= MAX_HEADING and "\n" not in value.strip():
                rows.append(("", "## " + value.strip()))
    return rows


#: a list's row that is only a heading holds this many characters at most
MAX_HEADING = 200


def _collect(value, name: str) -> tuple[dict[str, list[dict]], list[dict]]:
    """Every list of objects in the data, in document order, those at the same place in the data's
    shape joined (a transcript cut into sections: `transcript.sections[].turns[]`), and every
    object; strings holding JSON are read too. Walked without recursion; refused past `MAX_DEPTH`
    levels or `MAX_VALUES` values."""
    lists: dict[str, list[dict]] = {}
    maps: list[dict] = []
    stack = [(value, 0, "")]
    seen = 0
    while stack:
        v, depth, where = stack.pop()
        seen += 1
        if depth > MAX_DEPTH or seen > MAX_VALUES:
            raise ReadError(
                f"cannot read {name}: its data nests deeper than {MAX_DEPTH} levels or holds too many values"
            )
        if isinstance(v, dict):
            maps.append(v)
            stack.extend((x, depth + 1, f"{where}.{k}") for k, x in reversed(list(v.items())))
        elif isinstance(v, list):
            if len(v) >= 1 and all(isinstance(x, dict) for x in v):
                lists.setdefault(where, []).extend(v)
            elif _pairs(v):
                lists.setdefault(where, []).extend({"speaker": x[0], "text": x[1]} for x in v)
                continue
            stack.extend((x, depth + 1, where + "[]") for x in reversed(v))
        elif isinstance(v, str) and len(v) >= MIN_JSON_STRING and v.lstrip()[:1] in "{[":
            try:
                stack.append((json.loads(v), depth + 1, where + "#"))
            except (ValueError, RecursionError):
                pass  # text that opens like JSON, not JSON
    return lists, maps


def _pairs(v: list) -> bool:
    """Turns as pairs, a speaker and their words: `[["CAMERON", "Thank you …"], …]`."""
    return len(v) >= 2 and all(
        isinstance(x, list) and len(x) == 2 and all(isinstance(y, str) for y in x) and len(x[0]) <= 80 for x in v
    )


def _best_list(lists: dict[str, list[dict]]) -> tuple[list[dict] | None, str | None, str | None]:
    """The list of turns with the most turns that have text, and its speaker and text fields."""
    best, best_n, fields = None, 0, (None, None)
    for rows in lists.values():
        if len(rows) < 2:
            continue
        keys = _common_keys(rows)
        who = next((keys[n] for n in SPEAKER_COLUMNS if n in keys), None)
        said = next((keys[n] for n in TEXT_COLUMNS if n in keys), None)
        if who is None or said is None or who == said:
            continue
        n = sum(1 for r in rows if _text(r.get(said)))
        if n > best_n:
            best, best_n, fields = rows, n, (who, said)
    return best, *fields


#: the rows of a list whose fields name its turns' fields, at most
KEY_ROWS = 50


def _common_keys(rows: list[dict]) -> dict[str, str]:
    """The fields of a list's rows, by column key: those of a quarter of its first rows at least (a
    list may open with a section's heading, `{"header": "Introduction"}`, before its turns)."""
    head = rows[:KEY_ROWS]
    counts: dict[str, int] = {}
    for r in head:
        for k in r:
            counts[k] = counts.get(k, 0) + 1
    return {column_key(str(k)): k for k, n in counts.items() if n * 4 >= len(head)}


def listed_transcript(meta: dict, body: str, source: dict, encoding: str) -> Document | None:
    """The transcript a page's front matter holds as a list of turns (`- line: …` / `who: Jane`,
    a site generator's data), where the body is not it (its text is under half the list's): as
    a document of its turns, the other front-matter fields its metadata; else None."""
    name = source.get("path") or "input"
    try:
        lists, _ = _collect(meta, name)
    except ReadError:
        return None
    best, who, said = _best_list(lists)
    if best is None:
        return None
    rows = _rows(best, who, said, {})
    if sum(len(t) for _, t in rows) < 2 * len(body.strip()):
        return None
    doc = document_from_rows(rows, encoding)
    doc.metadata = {k: v for k, v in meta.items() if not (isinstance(v, list) and v and v[0] in best)}
    return doc


def _text(value) -> str:
    """A turn's text: a string, or the texts of a list of blocks ({"text": …} or strings) joined."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        parts = [x if isinstance(x, str) else x.get("text") if isinstance(x, dict) else None for x in value]
        return " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
    return ""


def _speaker(value) -> str:
    """Who speaks: a name or id as given, or the name of a speaker object ({"name": …})."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("label")
    return str(value).strip() if isinstance(value, (str, int)) else ""


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
