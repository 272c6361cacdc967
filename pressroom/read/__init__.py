"""Readers: bytes → `Document`, one module per format.

`read_path(path)` / `read_bytes(data, name=...)` detect the format from the content
(magic bytes, markup; the file name only breaks ties) unless `format=` is given, check
the size limit, and call the reader registered for that format in `READERS` (a
`pressroom.registry.Registry`: add a format with ``READERS.add(name, function)``).
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from ..document import Document
from ..errors import FormatError, ReadError
from ..registry import Registry
from .detect import detect_format


def _unknown(fmt: str, names: list[str]) -> FormatError:
    return FormatError(f"unknown format {fmt!r}; choose one of: {', '.join(names)}")


def _unavailable(fmt: str, exc: ImportError) -> Exception:
    if isinstance(exc, ModuleNotFoundError):
        return FormatError(f"the {fmt} reader is not available in this installation ({exc.name} is missing)")
    return exc


#: the readers: format name → "module:function"; each function takes (data: bytes, source: dict) → Document
READERS = Registry(
    "reader",
    {
        "text": "pressroom.read.text:read_text",
        "markdown": "pressroom.read.text:read_markdown",
        "html": "pressroom.read.html:read_html",
        "pdf": "pressroom.read.pdf:read_pdf",
        "docx": "pressroom.read.docx:read_docx",
        "vtt": "pressroom.read.captions:read_vtt",
        "srt": "pressroom.read.captions:read_srt",
        "csv": "pressroom.read.table:read_csv",
        "json": "pressroom.read.structured:read_json",
        "yaml": "pressroom.read.structured:read_yaml",
        "script": "pressroom.read.structured:read_script",
    },
    unknown=_unknown,
    unavailable=_unavailable,
)

#: the largest input accepted, in bytes (override with PRESSROOM_MAX_BYTES)
MAX_BYTES = int(os.environ.get("PRESSROOM_MAX_BYTES", 200_000_000))


def formats() -> list[str]:
    return READERS.names()


def _reader(fmt: str):
    return READERS.get(fmt)


def read_bytes(data: bytes, name: str | None = None, format: str | None = None) -> Document:
    if len(data) > MAX_BYTES:
        raise _too_big(name or "input", len(data))
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


def _too_big(name, size: int) -> ReadError:
    return ReadError(f"cannot read {name}: it is {size / 1e6:.0f} MB, over the {MAX_BYTES / 1e6:.0f} MB limit")


def read_stream(stream, name: str | None = None) -> bytes:
    """Every byte of a binary stream (stdin, a pipe, a device), refused as soon as it passes
    MAX_BYTES: the cap holds while reading, so an endless stream costs at most MAX_BYTES."""
    chunks, total = [], 0
    while True:
        chunk = stream.read(min(1 << 20, MAX_BYTES + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > MAX_BYTES:
            raise ReadError(f"cannot read {name or 'input'}: it is over the {MAX_BYTES / 1e6:.0f} MB limit")


#: what `stat` says a path is, for everything that is neither a file nor a folder
_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _check_kind(p: Path, mode: int) -> None:
    """Refuse, before opening, anything that is not a regular file: opening a FIFO with no
    writer blocks for ever, and a device such as /dev/zero never ends."""
    if stat.S_ISDIR(mode):
        raise ReadError(f"cannot read {p}: it is a directory")
    for test, what in _SPECIAL:
        if test(mode):
            raise ReadError(f"cannot read {p}: it is {what}, not a file")
    if not stat.S_ISREG(mode):
        raise ReadError(f"cannot read {p}: it is not a regular file")


def read_path(path: str | os.PathLike, format: str | None = None) -> Document:
    p = Path(path)
    return read_bytes(read_file(p), name=str(p), format=format)


def read_file(path: str | os.PathLike) -> bytes:
    """The bytes of a regular file, with the checks every reader needs (not a directory, FIFO or
    device; within the size limit); a `ReadError` with one line otherwise."""
    p = Path(path)
    try:
        st = p.stat()
        _check_kind(p, st.st_mode)
        if st.st_size > MAX_BYTES:
            raise _too_big(p, st.st_size)
        # O_NONBLOCK: a path swapped for a FIFO between stat and open still cannot block us
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            _check_kind(p, os.fstat(fd).st_mode)
            data = read_stream(fh, str(p))
    except FileNotFoundError:
        raise ReadError(f"cannot read {p}: no such file")
    except PermissionError:
        raise ReadError(f"cannot read {p}: permission denied")
    except OSError as exc:
        raise ReadError(f"cannot read {p}: {exc.strerror or exc}")
    return data
