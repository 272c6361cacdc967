"""YAML front matter, read safely: bounded, and always JSON-safe.

Before anything is built, one pass over libyaml's event stream (linear, no recursion) measures
the front matter: nesting deeper than `MAX_DEPTH` levels (libyaml's composer recurses in C and
crashes the process on deep nesting) or aliases expanding to more than `MAX_NODES` values (an
alias bomb: 335 bytes can stand for millions of strings) are refused with a `ReadError`.

Then the values are built by a safe loader whose typed scalars cannot fail or leak: a
timestamp, number or binary value that its type cannot hold (`date: 2021-13-45`, `!!float abc`,
an integer of 5,000 digits, `.nan`, `.inf`, `!!binary …`) is kept as the text written, and the
repair is reported as a W003 warning with the span of the value. What comes out holds only
str, int, finite float, bool, None, lists and str-keyed dicts.
"""

from __future__ import annotations

import datetime as _dt
import math
import re

import yaml

from ..errors import ReadError

MAX_DEPTH = 32
MAX_NODES = 10_000

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class _Loader(_Base):
    """The safe loader, with typed scalars that fall back to their text (see `_kept`)."""

    repairs: list[tuple[int, int, str, str]]


def _kept(loader: _Loader, node, what: str) -> str:
    loader.repairs.append((node.start_mark.index, node.end_mark.index, node.value, what))
    return node.value


def _timestamp(loader, node):
    try:
        return loader.construct_yaml_timestamp(node).isoformat()
    except (ValueError, OverflowError, TypeError):
        return _kept(loader, node, "is not a possible date or time")


def _float(loader, node):
    try:
        value = loader.construct_yaml_float(node)
    except (ValueError, OverflowError):
        return _kept(loader, node, "is not a number")
    return value if math.isfinite(value) else _kept(loader, node, "is not a finite number")


def _int(loader, node):
    try:
        return loader.construct_yaml_int(node)
    except (ValueError, OverflowError):
        return _kept(loader, node, "is not an integer Python can hold")


def _binary(loader, node):
    return _kept(loader, node, "is binary data, kept as its base64 text")


for _tag, _fn in (("timestamp", _timestamp), ("float", _float), ("int", _int), ("binary", _binary)):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _fn)


def _measure(text: str, name: str, limit: int = MAX_NODES, what: str = "front matter") -> None:
    """Refuse YAML nested deeper than MAX_DEPTH or expanding to over ``limit`` values."""
    sizes: dict[str, int] = {}
    stack: list[list] = [[0, None]]  # [values inside, anchor] per open collection
    for ev in yaml.parse(text, Loader=_Base):
        if isinstance(ev, yaml.AliasEvent):
            stack[-1][0] += sizes.get(ev.anchor, 1)
        elif isinstance(ev, yaml.ScalarEvent):
            stack[-1][0] += 1
            if ev.anchor:
                sizes[ev.anchor] = 1
        elif isinstance(ev, _OPEN):
            stack.append([1, ev.anchor])
            if len(stack) > MAX_DEPTH + 1:
                raise ReadError(f"cannot read {name}: its YAML {what} nests deeper than {MAX_DEPTH} levels")
        elif isinstance(ev, _CLOSE):
            count, anchor = stack.pop()
            if anchor:
                sizes[anchor] = count
            stack[-1][0] += count
        if stack[-1][0] > limit or stack[0][0] > limit:
            raise ReadError(
                f"cannot read {name}: its YAML {what} expands to over {limit:,} values "
                "(an alias bomb); refusing to read it"
            )


#: a whole YAML document (a transcript kept as YAML) may hold this many values
MAX_DOCUMENT_NODES = 1_000_000


def load_yaml(text: str, name: str):
    """A whole YAML document, read safely (the limits of front matter, more values allowed), as
    plain JSON-like values."""
    loader = None
    try:
        _measure(text, name, MAX_DOCUMENT_NODES, "document")
        loader = _Loader(text)
        loader.repairs = []
        return _plain(loader.get_single_data())
    except yaml.YAMLError as e:
        raise ReadError(f"cannot read {name} as YAML: {str(e).splitlines()[0]}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _plain(value):
    """A JSON-safe copy: str keys, lists for every sequence or set, ISO text for dates."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    return str(value)


_TOML_FRONT = re.compile(r"\A\ufeff?\+\+\+[ \t]*\n(.*?\n)\+\+\+[ \t]*(?:\n|\Z)", re.S)
#: TOML front matter larger than this is no front matter (tomllib builds it whole)
MAX_TOML = 64 * 1024


def _toml_front_matter(text: str) -> tuple[dict, int, list]:
    """TOML front matter between '+++' lines (Hugo's), read with the standard library's tomllib."""
    import tomllib

    m = _TOML_FRONT.match(text)
    if not m or len(m.group(1)) > MAX_TOML:
        return {}, 0, []
    try:
        meta = tomllib.loads(m.group(1))
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return {}, 0, []
    return _plain(meta), m.end(), []


def split_front_matter(text: str, name: str | None = None) -> tuple[dict, int, list[tuple[int, int, str]]]:
    """YAML (or TOML, between '+++' lines) front matter → (metadata, offset where the body starts, repairs).

    Each repair is (start, end, message): a value kept as text, with its offsets in `text`.
    Front matter that is not YAML, or not a mapping, is no front matter: ({}, 0, [])."""
    m = _FRONT.match(text)
    if not m:
        return _toml_front_matter(text)
    source = m.group(1)
    loader = None
    try:
        _measure(source, name or "input")
        loader = _Loader(source)
        loader.repairs = []
        meta = loader.get_single_data()
    except yaml.YAMLError:
        return {}, 0, []
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(meta, dict):
        return {}, 0, []
    base = m.start(1)
    repairs = [
        (base + s, base + e, f"front matter value {value[:60]!r} {what}") for s, e, value, what in loader.repairs
    ]
    return _plain(meta), m.end(), repairs
