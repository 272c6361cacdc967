"""Guards: the time budget (SIGALRM and cooperative), ZIP and PDF-stream checks."""

from __future__ import annotations

import io
import os
import threading
import time
import zipfile
import zlib

import pytest

from pressroom.errors import ReadError
from pressroom.read.limits import (
    Budget,
    ReadTimeout,
    check_pdf_streams,
    check_zip,
    limit,
    time_limit,
)


def _outer_timer() -> bool:
    import signal

    return signal.getitimer(signal.ITIMER_REAL)[0] > 0


def test_time_limit_interrupts_a_busy_loop():
    if _outer_timer():
        pytest.skip("another SIGALRM timer (pytest-timeout) is running; time_limit falls back to checks")
    start = time.monotonic()
    with pytest.raises(ReadTimeout) as err:
        with time_limit(Budget(0.2), "slow.pdf"):
            while True:
                pass
    assert 0.15 < time.monotonic() - start < 2.0
    assert str(err.value) == (
        "[E001] cannot read slow.pdf: reading took longer than 0.2 s, the time budget per file (PRESSROOM_READ_SECONDS)"
    )


def test_a_swallowed_timeout_fires_again():
    if _outer_timer():
        pytest.skip("another SIGALRM timer (pytest-timeout) is running; time_limit falls back to checks")
    with pytest.raises(ReadTimeout):
        with time_limit(Budget(0.1), "x"):
            for _ in range(20):
                try:
                    time.sleep(0.05)
                except Exception:  # a library that swallows everything
                    pass


def test_a_timeout_in_a_finaliser_is_dropped_quietly(monkeypatch):
    """The read budget's interruption can land in a __del__ or a garbage-collector callback,
    where Python cannot raise it and passes it to sys.unraisablehook instead: it is dropped
    (no "Exception ignored" report), and the repeating timer ends the block outside it."""
    if _outer_timer():
        pytest.skip("another SIGALRM timer (pytest-timeout) is running; time_limit falls back to checks")
    reported = []
    monkeypatch.setattr("sys.unraisablehook", reported.append)

    class Slow:
        def __del__(self):
            end = time.monotonic() + 1.0
            while time.monotonic() < end:  # interrupted here by the budget
                pass

    with pytest.raises(ReadTimeout):
        with time_limit(Budget(0.05), "x"):
            slow = Slow()
            del slow
            time.sleep(1.0)
    assert reported == []


def test_timer_is_removed_afterwards():
    import signal

    if _outer_timer():
        pytest.skip("another SIGALRM timer (pytest-timeout) is running; time_limit falls back to checks")
    with time_limit(Budget(5), "x"):
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_cooperative_checks_outside_the_main_thread():
    seen = []

    def work():
        budget = Budget(0.05, "t.vtt")
        with time_limit(budget):
            time.sleep(0.1)
            try:
                budget.check()
            except ReadTimeout as exc:
                seen.append(str(exc))

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert seen == [
        "[E001] cannot read t.vtt: reading took longer than 0.05 s, the time budget per file (PRESSROOM_READ_SECONDS)"
    ]


def test_limits_from_environment(monkeypatch):
    assert limit("PRESSROOM_MAX_PDF_PAGES") == 1000
    monkeypatch.setenv("PRESSROOM_MAX_PDF_PAGES", "20")
    assert limit("PRESSROOM_MAX_PDF_PAGES") == 20
    monkeypatch.setenv("PRESSROOM_MAX_PDF_PAGES", "lots")
    assert limit("PRESSROOM_MAX_PDF_PAGES") == 1000
    monkeypatch.setenv("PRESSROOM_READ_SECONDS", "2.5")
    assert Budget.from_env().seconds == 2.5


def _zip(**members: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_check_zip_accepts_ordinary_archives():
    zf = check_zip(_zip(a=b"hello " * 1000, b=bytes(range(256)) * 100))
    assert sorted(zf.namelist()) == ["a", "b"]


def test_check_zip_size_limits(monkeypatch):
    monkeypatch.setenv("PRESSROOM_MAX_STREAM_BYTES", str(2**20))
    import random

    data = _zip(big=random.Random(0).randbytes(2 * 2**20))  # 2 MB that does not compress: no bomb, but too big
    with pytest.raises(ReadError) as err:
        check_zip(data, "big.docx")
    assert str(err.value) == "[E001] cannot read big.docx: big would inflate to 2.0 MB, over the 1.0 MB limit"


def test_check_pdf_streams_counts_without_inflating_into_memory():
    payload = b"BT (hello) Tj ET " * 1000
    pdf = b"%PDF-1.4\n1 0 obj << /Length 9 >>\nstream\n" + zlib.compress(payload) + b"\nendstream\nendobj\n"
    assert check_pdf_streams(pdf) == len(payload)


def test_a_stream_that_inflates_past_a_megabyte_and_ends_inside_the_first_chunk_is_counted_once():
    """A font or an image that inflates to megabytes from a few kilobytes, with more of the file
    after it: where the stream ends, the bytes after it stay in zlib's `unconsumed_tail`, and a loop
    that went on while it held any would never end (a real earnings call's PDF hung there until the
    read's time budget refused the file)."""
    payload = b"\0" * (3 << 20)
    pdf = b"%PDF-1.4\n1 0 obj\nstream\n" + zlib.compress(payload) + b"\nendstream\nendobj\n" + b"% filler\n" * 9000
    budget = Budget(5, "call.pdf")
    with time_limit(budget):  # the old loop ran on until the budget stopped it
        assert check_pdf_streams(pdf, "call.pdf", budget) == len(payload)


def test_check_pdf_streams_total_limit(monkeypatch):
    monkeypatch.setenv("PRESSROOM_MAX_INFLATED_BYTES", str(2**20))
    one = zlib.compress(b" " * 700_000)
    pdf = b"%PDF-1.4\n" + b"".join(b"stream\n" + one + b"\nendstream\n" for _ in range(2))
    with pytest.raises(ReadError) as err:
        check_pdf_streams(pdf, "two.pdf")
    assert str(err.value) == (
        "[E001] cannot read two.pdf: its compressed streams inflate to over 1.0 MB, "
        "more than a transcript needs; refusing to read it"
    )


def test_markup_size_limit(monkeypatch):
    import pressroom

    monkeypatch.setenv("PRESSROOM_MAX_MARKUP_BYTES", str(2**20))
    page = b"<html><body>" + b"<p>Q: Why?</p>" * 80_000 + b"</body></html>"
    with pytest.raises(ReadError) as err:
        pressroom.read_bytes(page, name="huge.html")
    assert str(err.value) == (
        "[E001] cannot read huge.html: 1.1 MB is too big for a web page "
        "(the limit is 1.0 MB, PRESSROOM_MAX_MARKUP_BYTES)"
    )


def test_fifos_and_devices_refused_before_opening(tmp_path):
    import pressroom
    from pressroom.errors import ReadError

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # no writer: opening it for reading would block for ever
    cases = [(fifo, "it is a named pipe (FIFO), not a file"), ("/dev/zero", "it is a character device, not a file")]
    for path, message in cases:
        with pytest.raises(ReadError) as e:
            pressroom.read_path(path)
        assert str(e.value) == f"[E001] cannot read {path}: {message}"


def test_the_size_cap_holds_while_reading(monkeypatch):
    import io

    from pressroom import read
    from pressroom.errors import ReadError

    monkeypatch.setattr(read, "MAX_BYTES", 3 * 2**20)

    class Endless(io.RawIOBase):  # /dev/zero through a pipe: no size to stat
        def readable(self):
            return True

        def readinto(self, b):
            b[:] = bytes(len(b))
            return len(b)

    with pytest.raises(ReadError) as e:
        read.read_stream(io.BufferedReader(Endless()), "<stdin>")
    assert str(e.value) == "[E001] cannot read <stdin>: it is over the 3 MB limit"
    assert read.read_stream(io.BytesIO(b"abc" * 10), "x") == b"abc" * 10


def test_zip_of_an_unknown_version_is_damaged():
    import pressroom

    from .conftest import READ_DATA

    data = bytearray((READ_DATA / "briefing.docx").read_bytes())
    k = data.rfind(b"PK\x01\x02")  # the last central-directory entry: "version needed" = 14.4
    data[k + 6 : k + 8] = (144).to_bytes(2, "little")
    with pytest.raises(ReadError) as e:
        pressroom.read_bytes(bytes(data), name="v.docx")
    assert str(e.value) == (
        "[E001] cannot read v.docx: the file is damaged (not a readable ZIP container: zip file version 14.4)"
    )
