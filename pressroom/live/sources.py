"""Where a live session's bytes come from: a growing file, a stream (stdin), or a replay.

Every source offers ``poll(wait)``: the chunks of bytes that arrived within ``wait`` seconds
(``[]`` when none did), or ``None`` once the source has ended; ``notices``: what happened to
the stream (a file truncated, rotated, gone, back), drained by the runner into `stream` events;
``name``: the name the reader is given (the path, or ``<stdin>``, as `pressroom parse` does);
and ``stream_time()``: the position in the briefing, in seconds.
"""

from __future__ import annotations

import os
import queue
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReadError, UsageError
from ..read import MAX_BYTES, read_file
from ..read.detect import detect_format
from .clock import RealClock

#: a replayed text transcript releases one line every this many seconds of stream time
LINE_SECONDS = 2.0
#: how often a followed file is looked at (wall seconds)
FOLLOW_INTERVAL = 0.1
#: the last bytes read of a followed file, read again with what is appended to tell a file
#: truncated and written past its old size from one that grew
CHECK_BYTES = 64

_CUE_TIME = re.compile(rb"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})[.,](\d{1,3})[ \t]*-->")
CAPTIONS = ("vtt", "srt")


class Source:
    name: str = "<stream>"

    def __init__(self, clock=None):
        self.clock = clock or RealClock()
        self.notices: list[dict] = []
        self.started: float | None = None

    def start(self) -> None:
        self.started = self.clock.now()

    def stream_time(self) -> float:
        return 0.0 if self.started is None else self.clock.now() - self.started

    def drain_notices(self) -> list[dict]:
        out, self.notices = self.notices, []
        return out

    def close(self) -> None:
        pass


# -- replay ---------------------------------------------------------------------------------
@dataclass
class Unit:
    """One cue block (captions) or one line (text), due at ``time`` seconds of stream time."""

    time: float
    data: bytes


def _cue_start(block: bytes) -> float | None:
    m = _CUE_TIME.search(block)
    if not m:
        return None
    h, mi, s, ms = m.groups()
    return (int(h) if h else 0) * 3600 + int(mi) * 60 + int(s) + int(ms.ljust(3, b"0")) / 1000


def split_units(data: bytes, fmt: str) -> list[Unit]:
    """Cut a file into what a live source would publish: cue blocks for captions (each at its
    cue's start time; a block that goes back in time waits for the one before, as a stream
    would), lines for text (one every `LINE_SECONDS`; blank lines go with the line before).
    The units' bytes joined are exactly ``data``."""
    lines = data.splitlines(keepends=True)
    captions = fmt in CAPTIONS
    units: list[Unit] = []
    cur: list[bytes] = []
    t = 0.0
    for line in lines:
        blank = not line.strip()
        if blank and units and not cur:  # blank lines go with the unit before
            units[-1].data += line
            continue
        cur.append(line)
        if captions and not blank:
            continue
        if not captions and blank:
            continue
        block = b"".join(cur)
        cur = []
        if captions:
            start = _cue_start(block)
            t = max(t, start) if start is not None else t
        elif units:
            t += LINE_SECONDS
        units.append(Unit(t, block))
    if cur:
        block = b"".join(cur)
        start = _cue_start(block) if captions else None
        t = max(t, start) if start is not None else (t + LINE_SECONDS if units and not captions else t)
        units.append(Unit(t, block))
    return units


class ReplaySource(Source):
    """A caption or text file replayed at real time × ``speed``: captions by their cue times,
    text line by line at a steady rate. With a `FakeClock` it never sleeps."""

    def __init__(self, path, speed: float = 1.0, clock=None, data: bytes | None = None):
        super().__init__(clock)
        if not speed > 0:
            raise UsageError(f"--speed must be above 0, not {speed}")
        self.name = str(path)
        self.data = read_file(path) if data is None else data
        if not self.data.strip():
            raise ReadError(f"cannot read {path}: the file is empty")
        self.fmt = detect_format(self.data, self.name)
        self.units = split_units(self.data, self.fmt)
        self.speed = float(speed)
        self.i = 0

    def stream_time(self) -> float:
        """The clock × speed, but never past the next cue or line not yet released (a replay
        slower than its speed, busy parsing, stays where the stream is)."""
        t = super().stream_time() * self.speed
        if self.units:
            t = min(t, self.units[min(self.i, len(self.units) - 1)].time)
        return t

    def due(self, i: int) -> float:
        return self.started + self.units[i].time / self.speed

    def poll(self, wait: float) -> list[bytes] | None:
        if self.started is None:
            self.start()
        if self.i >= len(self.units):
            return None
        now = self.clock.now()
        due = self.due(self.i)
        if due > now + wait:
            self.clock.sleep(wait)
            return []
        self.clock.sleep(due - now)
        now = self.clock.now()
        out = []
        while self.i < len(self.units) and self.due(self.i) <= now:
            out.append(self.units[self.i].data)
            self.i += 1
        return out


# -- stdin (or any binary stream) -------------------------------------------------------------
class StreamSource(Source):
    """Bytes from a binary stream, read in a thread so the session can notice silences."""

    def __init__(self, stream, name: str = "<stdin>", clock=None):
        super().__init__(clock or RealClock())
        self.name = name
        self.queue: queue.Queue = queue.Queue()
        self.ended = False
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream) -> None:
        try:
            fd = stream.fileno()
        except (AttributeError, OSError, ValueError):
            fd = None
        try:
            while True:
                chunk = os.read(fd, 1 << 16) if fd is not None else stream.read1(1 << 16)
                if not chunk:
                    break
                self.queue.put(chunk)
        except OSError as exc:
            self.notices.append({"action": "gone", "message": f"the stream failed: {exc.strerror or exc}"})
        self.queue.put(None)

    def poll(self, wait: float) -> list[bytes] | None:
        if self.started is None:
            self.start()
        if self.ended:
            return None
        out = []
        try:
            item = self.queue.get(timeout=max(wait, 0.001))
            while True:
                if item is None:
                    self.ended = True
                    break
                out.append(item)
                item = self.queue.get_nowait()
        except queue.Empty:
            pass
        return out if out or not self.ended else None


# -- a growing file -----------------------------------------------------------------------------
def _drop_header(data: bytes) -> bytes:
    """A rotated caption file starts again with its WEBVTT header: the stream has one already."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"WEBVTT"):
        cut = re.search(rb"\r?\n[ \t]*\r?\n", data)
        return data[cut.end() :] if cut else b""
    return data


class FileFollower(Source):
    """A file followed like ``tail -F``: read from its start, then whatever is appended. A file
    rewritten with the same beginning (saved again, or replaced by a longer copy) goes on where
    it was; truncated, or replaced by a new file (rotation), its new content continues the
    stream; deleted, the follower waits for it to come back. Each is reported in ``notices``."""

    def __init__(self, path, clock=None, interval: float = FOLLOW_INTERVAL):
        super().__init__(clock)
        self.path = Path(path)
        self.name = str(path)
        if self.path.is_dir():
            raise ReadError(f"cannot read {path}: it is a directory")
        if not self.path.exists():
            raise ReadError(f"cannot read {path}: no such file")
        self.interval = interval
        self.ident: tuple[int, int] | None = None
        self.segment = b""  # what was read of the current file
        self.sent = 0  # how much of it went out (or was skipped)
        self.strip = False  # drop the caption header of the current file
        self.delivered = 0  # bytes delivered in all
        self.gone = False

    def _read_from(self, offset: int) -> bytes:
        with open(self.path, "rb") as f:
            f.seek(offset)
            return f.read(max(0, MAX_BYTES + 1 - self.delivered))

    def _reopen(self, st, rewritten: bool = False) -> None:
        new = self._read_from(0)
        if self.ident is not None and (rewritten or not new.startswith(self.segment)):
            what = "rotated" if (st.st_dev, st.st_ino) != self.ident else "truncated"
            self.notices.append({"action": what, "message": f"{self.name} was {what}; its new content follows on"})
            self.sent = 0
            self.strip = self.delivered > 0
        self.ident, self.segment = (st.st_dev, st.st_ino), new

    def _grown(self, st) -> None:
        """Read what was appended, unless the bytes before it changed: a file truncated and
        written again past its old size (which its size alone does not tell)."""
        back = min(len(self.segment), CHECK_BYTES)
        new = self._read_from(len(self.segment) - back)
        if new[:back] != self.segment[len(self.segment) - back :]:
            self._reopen(st, rewritten=True)
        else:
            self.segment += new[back:]

    def _look(self) -> None:
        """Bring ``segment`` up to date with the file."""
        try:
            st = os.stat(self.path)
        except OSError:
            if not self.gone:
                self.gone = True
                self.notices.append({"action": "gone", "message": f"{self.name} has disappeared; waiting for it"})
            return
        if self.gone:
            self.gone = False
            self.notices.append({"action": "back", "message": f"{self.name} is back"})
        try:
            if (st.st_dev, st.st_ino) != self.ident or st.st_size < len(self.segment):
                self._reopen(st)
            elif st.st_size > len(self.segment):
                self._grown(st)
        except OSError:
            pass  # replaced or removed between the stat and the read: the next look sees it

    def _check(self) -> bytes:
        self._look()
        data = self.segment[self.sent :]
        if not data:
            return b""
        if self.strip:  # a new file after a rotation: its caption header is not part of the stream
            head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:6]
            if b"WEBVTT".startswith(head) and not re.search(rb"\n[ \t]*\r?\n", data) and len(data) < 4096:
                return b""  # perhaps a header, not complete yet
            data, self.strip = _drop_header(data), False
        self.sent = len(self.segment)
        self.delivered += len(data)
        return data

    def poll(self, wait: float) -> list[bytes] | None:
        if self.started is None:
            self.start()
        deadline = self.clock.now() + wait
        while True:
            data = self._check()
            if data:
                return [data]
            left = deadline - self.clock.now()
            if left <= 0:
                return []
            self.clock.sleep(min(self.interval, left))


# -- a URL: a WebVTT file, or an HLS playlist of WebVTT segments ----------------------------------
#: how often a URL is fetched again (wall seconds)
URL_INTERVAL = 1.0
#: the longest wait for one HTTP answer (seconds)
URL_TIMEOUT = 10.0


def _fetch(url: str) -> bytes:
    import urllib.request

    req = urllib.request.Request(url, headers={"User-Agent": "pressroom-live", "Cache-Control": "no-cache"})
    with urllib.request.urlopen(req, timeout=URL_TIMEOUT) as r:
        return r.read(MAX_BYTES + 1)


class UrlSource(Source):
    """An ``http(s)://`` URL fetched every `URL_INTERVAL` seconds: a WebVTT (or text) file that
    grows, followed like a file; or an HLS playlist (``#EXTM3U``) whose WebVTT segments are
    appended in order as they appear (each segment's header dropped after the first), ending at
    ``#EXT-X-ENDLIST``. A server that stops answering is ``gone`` until it answers again."""

    def __init__(self, url: str, clock=None, interval: float = URL_INTERVAL, fetch=_fetch):
        super().__init__(clock)
        if not url.startswith(("http://", "https://")):
            raise UsageError(f"not an http(s) URL: {url}")
        self.name = self.url = url
        self.interval = interval
        self.fetch = fetch
        self.seen: list[str] = []  # segment URLs taken, in order
        self.body = b""  # the file so far (not a playlist)
        self.delivered = 0
        self.finished = False
        self.gone = False
        self.next_look = None

    def _get(self, url: str) -> bytes | None:
        try:
            data = self.fetch(url)
        except OSError as exc:  # URLError, HTTPError and timeouts are OSErrors
            if not self.gone:
                self.gone = True
                self.notices.append({"action": "gone", "message": f"{url} does not answer ({exc})"})
            return None
        if self.gone:
            self.gone = False
            self.notices.append({"action": "back", "message": f"{self.url} answers again"})
        return data

    def _playlist(self, text: str) -> bytes:
        from urllib.parse import urljoin

        out = []
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("#EXT-X-ENDLIST"):
                self.finished = True
            if not line or line.startswith("#"):
                continue
            seg = urljoin(self.url, line)
            if seg in self.seen:
                continue
            data = self._get(seg)
            if data is None:
                self.finished = False
                break
            out.append(data if not self.seen else _drop_header(data))
            self.seen.append(seg)
        return b"".join(out)

    def _look(self) -> bytes:
        data = self._get(self.url)
        if data is None:
            return b""
        if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"#EXTM3U"):
            return self._playlist(data.decode("utf-8", errors="replace"))
        if data.startswith(self.body):
            new = data[len(self.body) :]
        else:
            self.notices.append({"action": "truncated", "message": f"{self.url} changed; its new content follows on"})
            new = _drop_header(data) if self.body else data
        self.body = data
        return new

    def poll(self, wait: float) -> list[bytes] | None:
        if self.started is None:
            self.start()
        deadline = self.clock.now() + wait
        while True:
            if self.finished:
                return None
            if self.next_look is None or self.clock.now() >= self.next_look:
                self.next_look = self.clock.now() + self.interval
                data = self._look()
                if data:
                    self.delivered += len(data)
                    return [data]
            left = min(deadline, self.next_look) - self.clock.now()
            if self.clock.now() >= deadline:
                return []
            self.clock.sleep(max(left, 0.0))
