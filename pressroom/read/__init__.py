"""Readers: bytes → `Document`, one module per format.

`read_path(path)` / `read_bytes(data, name=...)` detect the format from the content
(magic bytes, markup; the file name only breaks ties) unless `format=` is given, check
the size limit, and call the reader registered for that format.
"""
from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path

from ..document import Document
from ..errors import FormatError, ReadError
from .detect import detect_format

#: format name → "module:function"; each function takes (data: bytes, source: dict) → Document
READERS = {
    "text": "pressroom.read.text:read_text",
    "markdown": "pressroom.read.text:read_markdown",
    "html": "pressroom.read.html:read_html",
    "pdf": "pressroom.read.pdf:read_pdf",
    "docx": "pressroom.read.docx:read_docx",
    "vtt": "pressroom.read.captions:read_vtt",
    "srt": "pressroom.read.captions:read_srt",
}

#: the largest input accepted, in bytes (override with PRESSROOM_MAX_BYTES)
MAX_BYTES = int(os.environ.get("PRESSROOM_MAX_BYTES", 200_000_000))


def formats() -> list[str]:
    return list(READERS)


def _reader(fmt: str):
    target = READERS.get(fmt)
    if target is None:
        raise FormatError(f"unknown format {fmt!r}; choose one of: {', '.join(READERS)}")
    module, func = target.split(":")
    try:
        return getattr(importlib.import_module(module), func)
    except ModuleNotFoundError as exc:
        raise FormatError(f"the {fmt} reader is not available in this installation ({exc.name} is missing)")


def read_bytes(data: bytes, name: str | None = None, format: str | None = None) -> Document:
    if len(data) > MAX_BYTES:
        raise ReadError(
            f"cannot read {name or 'input'}: it is {len(data) / 1e6:.0f} MB, over the {MAX_BYTES / 1e6:.0f} MB limit"
        )
    if not data.strip():
        raise ReadError(f"cannot read {name or 'input'}: the file is empty")
    fmt = format or detect_format(data, name)
    source = {
        "path": name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "format": fmt,
    }
    doc = _reader(fmt)(data, source)
    doc.source = {**source, **doc.source}
    doc.format = fmt
    return doc


def read_path(path: str | os.PathLike, format: str | None = None) -> Document:
    p = Path(path)
    if not p.exists():
        raise ReadError(f"cannot read {p}: no such file")
    if p.is_dir():
        raise ReadError(f"cannot read {p}: it is a directory")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(f"cannot read {p}: it is {size / 1e6:.0f} MB, over the {MAX_BYTES / 1e6:.0f} MB limit")
        data = p.read_bytes()
    except PermissionError:
        raise ReadError(f"cannot read {p}: permission denied")
    except OSError as exc:
        raise ReadError(f"cannot read {p}: {exc.strerror or exc}")
    return read_bytes(data, name=str(p), format=format)
