"""Guards that keep a hostile file from hanging or exhausting the machine.

Every reader runs under a time budget (`Budget`, default 60 s per file, env
`PRESSROOM_READ_SECONDS`): in the main thread a `SIGALRM` timer interrupts even a stuck
pure-Python parser (pdfminer is pure Python); elsewhere (server worker threads) the readers
check the budget between pages, cues and DOM nodes. Container formats are checked
*before* anything is inflated: a ZIP (DOCX) by the sizes its central directory declares
(`check_zip`), a PDF by its page count and by inflating each compressed stream into a
counter, never into memory (`check_pdf_streams`). Each failure is a `ReadError` with one
line a user can act on.

Limits (all overridable through the environment):

=====================================  ==========  ==============================
what                                   default     variable
=====================================  ==========  ==============================
time per file                          60 s        PRESSROOM_READ_SECONDS
PDF pages                              1000        PRESSROOM_MAX_PDF_PAGES
one inflated PDF stream                64 MB       PRESSROOM_MAX_STREAM_BYTES
all inflated PDF streams               256 MB      PRESSROOM_MAX_INFLATED_BYTES
characters on one PDF page             200,000     PRESSROOM_MAX_PAGE_CHARS
ZIP members                            2000        PRESSROOM_MAX_ZIP_MEMBERS
one unzipped member                    64 MB       PRESSROOM_MAX_STREAM_BYTES
all unzipped members                   256 MB      PRESSROOM_MAX_INFLATED_BYTES
compression ratio (members > 1 MB)     100 : 1     PRESSROOM_MAX_ZIP_RATIO
caption cues                           200,000     PRESSROOM_MAX_CUES
an HTML page or caption file           32 MB       PRESSROOM_MAX_MARKUP_BYTES
HTML elements nested in each other     512         PRESSROOM_MAX_HTML_DEPTH
speaker labels (turns) in one record   20,000      PRESSROOM_MAX_TURNS
parsing one file (after reading)       60 s        PRESSROOM_PARSE_SECONDS
annotating one file                    600 s       PRESSROOM_ANNOTATE_SECONDS
=====================================  ==========  ==============================

The HTML depth is measured by `check_html_depth` before the page is parsed: lexbor's tree
building takes time quadratic in the nesting depth (200,000 nested ``<div>``s: over five
minutes, in C, where no timer can interrupt it).
"""

from __future__ import annotations

import io
import os
import re
import signal
import sys
import threading
import time
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import ReadError, ReadTimeout, TimeLimitError


def _env_number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


def limit(name: str) -> int:
    """The current value of one limit (read from the environment each time, so tests can set it)."""
    defaults = {
        "PRESSROOM_READ_SECONDS": 60,
        "PRESSROOM_MAX_PDF_PAGES": 1000,
        "PRESSROOM_MAX_STREAM_BYTES": 64 * 2**20,
        "PRESSROOM_MAX_INFLATED_BYTES": 256 * 2**20,
        "PRESSROOM_MAX_PAGE_CHARS": 200_000,
        "PRESSROOM_MAX_ZIP_MEMBERS": 2000,
        "PRESSROOM_MAX_ZIP_RATIO": 100,
        "PRESSROOM_MAX_CUES": 200_000,
        "PRESSROOM_MAX_MARKUP_BYTES": 32 * 2**20,
        "PRESSROOM_MAX_HTML_DEPTH": 512,
        "PRESSROOM_MAX_TURNS": 20_000,
    }
    return int(_env_number(name, defaults[name]))


def _mb(n: int) -> str:
    mb = n / 2**20
    return f"{mb:.1f} MB" if mb < 10 else f"{mb:.0f} MB"


class Budget:
    """A deadline for reading one file; `check()` raises `ReadTimeout` once it has passed."""

    def __init__(self, seconds: float, name: str | None = None):
        self.seconds = seconds
        self.name = name
        self.deadline = time.monotonic() + seconds
        self.expired = False

    @classmethod
    def from_env(cls, name: str | None = None) -> Budget:
        return cls(_env_number("PRESSROOM_READ_SECONDS", 60.0), name)

    def error(self) -> ReadTimeout:
        return ReadTimeout(
            f"cannot read {self.name or 'input'}: reading took longer than {self.seconds:g} s, "
            "the time budget per file (PRESSROOM_READ_SECONDS)"
        )

    def check(self) -> None:
        """Raise `ReadTimeout` once the deadline has passed. Readers also call it in their
        `except` clauses, so a timeout that a library caught and re-raised as something
        else still comes out as a timeout."""
        if self.expired or time.monotonic() > self.deadline:
            self.expired = True
            raise self.error()

    def left(self) -> float:
        return self.deadline - time.monotonic()


class WorkBudget(Budget):
    """The deadline for parsing or annotating one file: `time_limit(WorkBudget…)` ends the work
    with a `TimeLimitError` instead of holding a worker (see `work_limit`)."""

    def __init__(self, seconds: float, name: str | None, doing: str, variable: str):
        super().__init__(seconds, name)
        self.doing, self.variable = doing, variable

    def error(self) -> TimeLimitError:
        return TimeLimitError(
            f"cannot {self.doing} {self.name or 'input'}: it took longer than {self.seconds:g} s, "
            f"the time budget per file ({self.variable})"
        )


#: work → (its environment variable, default seconds)
WORK_SECONDS = {"parse": ("PRESSROOM_PARSE_SECONDS", 60.0), "annotate": ("PRESSROOM_ANNOTATE_SECONDS", 600.0)}


def work_limit(doing: str, name: str | None = None):
    """`with work_limit("parse", name): parse_document(doc)`: the work ends with a one-line
    `TimeLimitError` once its budget has passed (a SIGALRM timer in the main thread of the CLI or
    of a worker process; elsewhere a no-op, as for the readers)."""
    variable, default = WORK_SECONDS[doing]
    return time_limit(WorkBudget(_env_number(variable, default), name, doing, variable))


@contextmanager
def time_limit(budget: Budget, name: str | None = None) -> Iterator[Budget]:
    """Run a block under `budget`; in the main thread a SIGALRM timer enforces it.

    When another timer is already running (an outer `time_limit`, pytest-timeout) or we
    are not in the main thread, only the readers' own `budget.check()` calls enforce it.
    """
    if name and not budget.name:
        budget.name = name
    use_signal = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    if not use_signal:
        yield budget
        return

    def on_alarm(signum, frame):
        budget.expired = True
        raise budget.error()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    # an interruption raised where Python cannot pass it on (a garbage-collector callback, a
    # __del__) would print "Exception ignored …" with a traceback: it is dropped instead, and the
    # repeating timer interrupts again outside it
    previous_hook = sys.unraisablehook

    def quiet_hook(unraisable):
        # the budget's own error, whichever kind: ReadTimeout for reading, TimeLimitError for work
        if not isinstance(unraisable.exc_value, (ReadTimeout, TimeLimitError)):
            previous_hook(unraisable)

    sys.unraisablehook = quiet_hook
    # the timer repeats: a library that swallows the first interruption gets another
    signal.setitimer(signal.ITIMER_REAL, max(budget.left(), 0.001), 0.1)
    try:
        yield budget
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = previous_hook
    if budget.expired:  # interrupted, but something swallowed it and carried on
        raise budget.error()


def check_markup_size(data: bytes, name: str | None, what: str) -> None:
    """Refuse a markup file (HTML, captions) too big to parse in bounded memory: a parsed
    DOM or cue list takes several times the file's size."""
    max_bytes = limit("PRESSROOM_MAX_MARKUP_BYTES")
    if len(data) > max_bytes:
        raise ReadError(
            f"cannot read {name or 'input'}: {_mb(len(data))} is too big for {what} "
            f"(the limit is {_mb(max_bytes)}, PRESSROOM_MAX_MARKUP_BYTES)"
        )


# --------------------------------------------------------------------------- HTML depth

_TAG = re.compile(r"<(/?)([a-z][a-z0-9:-]{0,40})|<!--")
#: elements that never hold others (void) or that the HTML parser closes by itself when a
#: sibling starts (optional end tags; <a> and <form> cannot nest): they add no depth
_FLAT = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd tr td th thead tbody tfoot colgroup caption option optgroup rb rt rp a form "
    "html head body".split()
)
_RAW = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext")


def html_depth(html: str, stop: int | None = None) -> int:
    """How deeply the page nests its elements, as a browser would build it (closely enough: a
    closing tag closes what it names and everything opened inside it; comments and the insides
    of <script>, <style> … are skipped). One pass, linear in the page's size; stops counting
    once `stop` is passed."""
    if stop is not None and html.count("<") <= stop:
        return 0  # cannot nest deeper than it has tags
    low = html.lower()
    stack: list[str] = []
    open_count: dict[str, int] = {}
    deepest, pos = 0, 0
    while (m := _TAG.search(low, pos)) is not None:
        pos = m.end()
        if m.group(2) is None:  # a comment runs to its "-->" (or the end of the page)
            end = low.find("-->", pos)
            pos = len(low) if end < 0 else end + 3
            continue
        closing, name = m.group(1), m.group(2)
        if name in _FLAT:
            continue
        if closing:
            if open_count.get(name):
                while True:
                    top = stack.pop()
                    open_count[top] -= 1
                    if top == name:
                        break
            continue
        if name in _RAW:
            end = low.find("</" + name, pos)
            pos = len(low) if end < 0 else end
            continue
        stack.append(name)
        open_count[name] = open_count.get(name, 0) + 1
        deepest = max(deepest, len(stack))
        if stop is not None and deepest > stop:
            break
    return deepest


def check_html_depth(html: str, name: str | None) -> None:
    """Refuse a page that nests elements deeper than PRESSROOM_MAX_HTML_DEPTH, before parsing it."""
    max_depth = limit("PRESSROOM_MAX_HTML_DEPTH")
    if html_depth(html, stop=max_depth) > max_depth:
        raise ReadError(
            f"cannot read {name or 'input'}: its HTML nests elements more than {max_depth} deep "
            "(the limit is PRESSROOM_MAX_HTML_DEPTH)"
        )


# --------------------------------------------------------------------------- ZIP (DOCX)


def check_zip(data: bytes, name: str | None = None) -> zipfile.ZipFile:
    """Open a ZIP container after checking what it would inflate to.

    Rejects, before inflating anything: too many members, a member or a total over the
    size limits, and any member over 1 MB that claims a compression ratio over the limit
    (a zip bomb). `zipfile` never inflates a member past its declared size (it stops and
    raises on a CRC mismatch), so the declared sizes bound the memory used later.
    """
    who = name or "input"
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        ValueError,
        OSError,
        NotImplementedError,
    ) as exc:  # NotImplementedError: a ZIP version zipfile does not read
        raise ReadError(f"cannot read {who}: the file is damaged (not a readable ZIP container: {exc})")
    max_members = limit("PRESSROOM_MAX_ZIP_MEMBERS")
    if len(infos) > max_members:
        raise ReadError(f"cannot read {who}: it holds {len(infos)} files, over the limit of {max_members}")
    max_member = limit("PRESSROOM_MAX_STREAM_BYTES")
    max_total = limit("PRESSROOM_MAX_INFLATED_BYTES")
    max_ratio = limit("PRESSROOM_MAX_ZIP_RATIO")
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        ratio = size / max(info.compress_size, 1)
        if size > 2**20 and ratio > max_ratio:
            raise ReadError(
                f"cannot read {who}: {info.filename} would inflate {ratio:.0f}-fold to {_mb(size)} "
                "(a zip bomb); refusing to unpack it"
            )
        if size > max_member:
            raise ReadError(
                f"cannot read {who}: {info.filename} would inflate to {_mb(size)}, over the {_mb(max_member)} limit"
            )
    if total > max_total:
        raise ReadError(
            f"cannot read {who}: its contents would inflate to {_mb(total)}, over the {_mb(max_total)} limit"
        )
    return zf


# --------------------------------------------------------------------------- PDF

_STREAM = re.compile(rb"stream\r?\n")


def check_pdf_streams(data: bytes, name: str | None = None, budget: Budget | None = None) -> int:
    """Inflate every zlib-compressed stream of a PDF into a counter; reject decompression bombs.

    Each `stream` keyword is followed by its data; data that is not zlib (images, encrypted
    or uncompressed streams) is skipped at its first bytes. Returns the total inflated size.
    """
    who = name or "input"
    max_one = limit("PRESSROOM_MAX_STREAM_BYTES")
    max_total = limit("PRESSROOM_MAX_INFLATED_BYTES")
    total = 0
    view = memoryview(data)
    for i, m in enumerate(_STREAM.finditer(data)):
        if budget is not None and i % 256 == 0:
            budget.check()
        start = m.end()
        if start >= len(data) or data[start] not in (0x78, 0x08, 0x18, 0x28, 0x38, 0x48, 0x58, 0x68):
            continue  # a zlib stream starts with a CMF byte whose low nibble is 8 (deflate)
        d = zlib.decompressobj()
        out = 0
        pos = start
        chunk = 64 * 1024
        try:
            while pos < len(data) and not d.eof:
                piece = d.decompress(view[pos : pos + chunk], 1 << 20)
                out += len(piece)
                pos += chunk
                while d.unconsumed_tail and not d.eof and out <= max_one:
                    tail = len(d.unconsumed_tail)
                    piece = d.decompress(d.unconsumed_tail, 1 << 20)
                    out += len(piece)
                    if not piece and len(d.unconsumed_tail) >= tail:
                        break  # zlib takes no more of it and gives nothing: no loop without end
                # (at the stream's end the rest stays in `unconsumed_tail`, and each call would give
                # nothing and copy it into `unused_data` again: the loop would never end)
                if out > max_one:
                    break
        except zlib.error:
            pass  # not (or no longer) zlib data: the stream ended or was never compressed
        if out > max_one:
            raise ReadError(
                f"cannot read {who}: a compressed stream inflates to over {_mb(max_one)} "
                "(a decompression bomb); refusing to read it"
            )
        total += out
        if total > max_total:
            raise ReadError(
                f"cannot read {who}: its compressed streams inflate to over {_mb(max_total)}, "
                "more than a transcript needs; refusing to read it"
            )
    return total
