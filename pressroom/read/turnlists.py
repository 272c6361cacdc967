"""Lists of turns inside structured data (JSON, YAML, a page's front matter): the list whose rows
have a field for who speaks and one for what they say, found wherever it sits, and its rows as
(speaker, text) pairs. `structured.py` reads JSON and YAML files with it; `text.py` a page whose
front matter lists its turns (`listed_transcript`).
"""

from __future__ import annotations

import json
import re

from ..document import Document
from ..errors import ReadError
from .frontmatter import MAX_DEPTH
from .table import (
    FAMILY_NAME_COLUMNS,
    GIVEN_NAME_COLUMNS,
    SPEAKER_COLUMNS,
    TEXT_COLUMNS,
    column_key,
    document_from_rows,
)

#: values (list items, object fields, JSON inside strings) looked at, at most
MAX_VALUES = 2_000_000
#: a string is read as JSON when it opens like JSON and is at least this long
MIN_JSON_STRING = 200


def turn_rows(best: list[dict], who: str, said: str, names: dict[str, str]) -> list[tuple[str, str]]:
    """(speaker, text) of each turn of the list; a row with neither, only a short heading
    (`{"header": "Introduction"}`), becomes a Markdown heading, which parts the turns around it."""
    rows = []
    for row in best:
        said_text = text_of(row.get(said))
        if said_text:
            speaker = speaker_of(row.get(who))
            rows.append((names.get(speaker, speaker), said_text))
        elif who not in row and len(row) == 1:
            (value,) = row.values()
            if isinstance(value, str) and 0 < len(value.strip()) <= MAX_HEADING and "\n" not in value.strip():
                rows.append(("", "## " + value.strip()))
    return rows


#: a list's row that is only a heading holds this many characters at most
MAX_HEADING = 200


def collect_lists(value, name: str) -> tuple[dict[str, list[dict]], list[dict]]:
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


def best_list(lists: dict[str, list[dict]]) -> tuple[list[dict] | None, str | None, str | None]:
    """The list of turns with the most turns that have text, and its speaker and text fields. A
    row's fields may sit one level down (`{"speech_data": {"speaker_last_name": …}, "speech": […]}`),
    and the speaker may be given as a given and a family name (`_joined_names`)."""
    best, best_n, fields = None, 0, (None, None)
    for rows in lists.values():
        if len(rows) < 2:
            continue
        rows = _flat(rows)
        keys = _common_keys(rows)
        who = next((keys[n] for n in SPEAKER_COLUMNS if n in keys), None)
        if who is None:
            rows, who = _joined_names(rows, keys)
        said = next((keys[n] for n in TEXT_COLUMNS if n in keys), None)
        if who is None or said is None or who == said:
            continue
        n = sum(1 for r in rows if text_of(r.get(said)))
        if n > best_n:
            best, best_n, fields = rows, n, (who, said)
    return best, *fields


def _flat(rows: list[dict]) -> list[dict]:
    """Rows whose fields include objects, with those objects' fields beside their own (one level;
    the row's own win); the rows themselves where none does."""
    if not any(isinstance(v, dict) for r in rows[:KEY_ROWS] for v in r.values()):
        return rows
    out = []
    for r in rows:
        flat = {}
        for v in r.values():
            if isinstance(v, dict):
                flat.update(v)
        flat.update(r)
        out.append(flat)
    return out


#: the field `_joined_names` writes a row's joined name to
JOINED = "\x00speaker"


def _joined_names(rows: list[dict], keys: dict[str, str]) -> tuple[list[dict], str | None]:
    """Where no field names the speaker but a given-name and a family-name field of one stem do
    ("speaker_first_name", "speaker_last_name"): copies of the rows with the two joined in a field
    of their own (`JOINED`), and that field; else the rows and None (the data is never changed)."""
    for gkey, given in keys.items():
        stem = next((gkey[: -len(n)] for n in GIVEN_NAME_COLUMNS if gkey.endswith(n)), None)
        family = next((keys[stem + n] for n in FAMILY_NAME_COLUMNS if stem is not None and stem + n in keys), None)
        if family is not None:
            return [{**r, JOINED: _joined(r.get(given), r.get(family))} for r in rows], JOINED
    return rows, None


def _joined(*parts) -> str:
    return " ".join(str(p).strip() for p in parts if isinstance(p, (str, int)) and str(p).strip())


#: a typed block list's types, at most ("speaker", "p", "ts", "h2", …)
MAX_BLOCK_TYPES = 12
#: a block that holds only a time ("00:00:04", "1:02:03.5"): no text of the turn
_TIME_ONLY = re.compile(r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?")


def typed_blocks(lists: dict[str, list[dict]]) -> list[tuple[str, str]] | None:
    """A document kept as typed blocks, a site's or a rich-text editor's export (`{"type": "speaker",
    "text": "Ron"}, {"type": "p", "text": "Welcome …"}`): a block whose type is a speaker field's name
    (`speaker`, `name`, …) opens a turn, the blocks of text after it are its paragraphs, a block
    holding only a time is left out. (speaker, text) rows of the list with the most turns (two at
    least), else None."""
    best: list[tuple[str, str]] | None = None
    for rows in lists.values():
        keys = _common_keys(rows)
        said = next((keys[n] for n in TEXT_COLUMNS if n in keys), None)
        typed = _speaker_type(rows, keys, said) if said is not None else None
        if typed is None:
            continue
        out = _block_rows(rows, typed, said)
        if sum(1 for who, _ in out if who) >= 2 and (best is None or len(out) > len(best)):
            best = out
    return best


def _speaker_type(rows: list[dict], keys: dict[str, str], said: str) -> tuple[str, str] | None:
    """(the field that types the blocks, the type of a speaker's block), else None: a field of few
    string values (`MAX_BLOCK_TYPES`), one of them a speaker field's name."""
    for key in keys.values():
        if key == said:
            continue
        values = {r.get(key) for r in rows}
        if len(values) > MAX_BLOCK_TYPES or not all(isinstance(v, str) for v in values):
            continue
        speaker = next((v for v in sorted(values) if column_key(v) in SPEAKER_COLUMNS), None)
        if speaker is not None:
            return key, speaker
    return None


def _block_rows(rows: list[dict], typed: tuple[str, str], said: str) -> list[tuple[str, str]]:
    key, speaker = typed
    out: list[tuple[str, str]] = []
    who = ""
    for r in rows:
        text = text_of(r.get(said))
        if r.get(key) == speaker:
            who = text
        elif text and not _TIME_ONLY.fullmatch(text):
            out.append((who, text))
            who = ""  # the turn's later paragraphs carry on without a label
    return out


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
        lists, _ = collect_lists(meta, name)
    except ReadError:
        return None
    best, who, said = best_list(lists)
    if best is None:
        return None
    rows = turn_rows(best, who, said, {})
    if sum(len(t) for _, t in rows) < 2 * len(body.strip()):
        return None
    doc = document_from_rows(rows, encoding)
    doc.metadata = {k: v for k, v in meta.items() if not (isinstance(v, list) and v and v[0] in best)}
    return doc


def text_of(value) -> str:
    """A turn's text: a string, or the texts of a list of blocks ({"text": …} or strings) joined."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        parts = [x if isinstance(x, str) else x.get("text") if isinstance(x, dict) else None for x in value]
        return " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
    return ""


def speaker_of(value) -> str:
    """Who speaks: a name or id as given, or the name of a speaker object ({"name": …})."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("label")
    return str(value).strip() if isinstance(value, (str, int)) else ""
