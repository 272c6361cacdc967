"""Caption readers: WebVTT and SRT subtitle files → `Document` with time codes.

Cues are cut out and repaired here, then parsed with webvtt-py (which skips malformed cues
silently; a transcript that silently loses cues is worse than one kept with a warning): a cue
that ends before it starts, an unreadable time code, a missing SRT number or time code, text
split from its cue by a blank line are kept, each with a W001 warning in the record. Then cues
are merged into speaker turns:

* a turn starts at a voice tag naming a new speaker (`<v Jen Psaki>`), at a speaker-change
  marker opening a cue line (`>>`, `- `), at a speaker's label printed at the start of a cue
  line (`Speaker 2: …`, `Jane Roe: …`), and after a pause of `PAUSE` seconds or more;
* a turn is written as one paragraph: `Name: text` when a voice tag names the speaker
  (with a `LabelHint` on `Name:`), otherwise the text with its marker kept as printed
  (`>> text`, `- text`); cue line breaks are display wrapping and become spaces;
* rolling and repeated captions are de-duplicated: a cue that repeats the previous cue,
  starts with it (a line "painted" word by word), or repeats its last lines or last words
  (roll-up captions) only adds what is new;
* cue markup is removed (`<i>`, `<b>`, `<c.x>`, inline `<00:00:01.000>` times, SRT
  `<font>` and `{\\an8}`), entities decoded;
* every stretch of text a cue contributed gets a `TimeSpan` (start/end in seconds), so each
  turn, and each quote, can be found in the video.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field

from ..document import Document, LabelHint, TimeSpan
from ..errors import ReadError
from ..record import RecordWarning
from .limits import Budget, check_markup_size, limit, time_limit

#: a pause this long (seconds) between cues starts a new paragraph even without a marker
PAUSE = 4.0
#: cues further apart than this (seconds) are never de-duplicated against each other
DEDUP_WINDOW = 2.0
#: a cue identical to the one before is a duplicate only when it follows within this (seconds)
REPEAT_GAP = 0.5
#: re-wrapped roll-up lines are dropped only when they repeat at least this many words
MIN_REWRAP = 5

_TS = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})[.,](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TS}\s*-->\s*{_TS}(?:\s+.*)?\s*$")
_TIMING_LIKE = re.compile(r"-->|^\s*\d+:\d+\S*\s*(?:->|–>|—>|→|=>|-\s+-)")
_INDEX = re.compile(r"^\s*\d+\s*$")


def _seconds(h: str | None, m: str, s: str, ms: str) -> float | None:
    mi, se = int(m), int(s)
    if mi >= 60 or se >= 60:
        return None
    return (int(h) if h else 0) * 3600 + mi * 60 + se + int(ms.ljust(3, "0")) / 1000


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data[: len(data) // 2 * 2]  # a dangling last byte is no character
        return data.decode("utf-16", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class Cue:
    start: float
    end: float
    text: str  # raw cue payload, lines joined with "\n"


_ANY_TS = re.compile(r"(?<![\d:])(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,;:](\d{1,3}))?(?![\d:])")
_BLOCK_HEADS = ("NOTE", "STYLE", "REGION")


@dataclass
class Repair:
    """A damaged cue kept as it stands: which cue (index into the cues), the file's line, what."""

    cue: int
    line: int
    message: str


def _lenient_times(line: str) -> tuple[float, float] | None:
    """The two times of a damaged time-code line where they can be read at all."""
    found = [_seconds(m.group(1), m.group(2), m.group(3), m.group(4) or "0") for m in _ANY_TS.finditer(line)]
    found = [t for t in found if t is not None]
    if len(found) >= 2:
        return found[0], found[1]
    if len(found) == 1:
        return found[0], found[0]
    return None


def _stamp(seconds: float, fmt: str) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    sec, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{sec:02d}{',' if fmt == 'srt' else '.'}{ms:03d}"


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks: (0-based index of the first line, lines)."""
    out: list[tuple[int, list[str]]] = []
    cur: list[str] = []
    first = 0
    for i, line in enumerate(lines):
        if line.strip():
            if not cur:
                first = i
            cur.append(line)
        elif cur:
            out.append((first, cur))
            cur = []
    if cur:
        out.append((first, cur))
    return out


class _Cues:
    """Cues under repair: (start, end, payload lines, time-code line) and what was repaired."""

    def __init__(self, fmt: str):
        self.fmt = fmt
        self.items: list[list] = []
        self.repairs: list[Repair] = []
        self.example = "HH:MM:SS,mmm --> HH:MM:SS,mmm" if fmt == "srt" else "HH:MM:SS.mmm --> HH:MM:SS.mmm"

    def warn(self, line_no: int, message: str) -> None:
        self.repairs.append(Repair(max(0, len(self.items) - 1), line_no, message))

    def timing(self, line: str, line_no: int) -> tuple[float, float]:
        last_end = self.items[-1][1] if self.items else 0.0
        shown = repr(line.strip()[:60])
        m = _TIMING.match(line)
        times = (_seconds(*m.groups()[0:4]), _seconds(*m.groups()[4:8])) if m else (None, None)
        if None in times:
            lenient = _lenient_times(line)
            if lenient is None:
                self.items.append([last_end, last_end, [], line])
                self.warn(
                    line_no,
                    f"bad time code on line {line_no} ({shown}; expected {self.example}): "
                    "the cue is kept, timed at the end of the cue before",
                )
                return last_end, last_end
            start, end = lenient[0], max(lenient)
            self.items.append([start, end, [], line])
            self.warn(
                line_no,
                f"bad time code on line {line_no} ({shown}; expected {self.example}): "
                f"read as {_stamp(start, self.fmt)} --> {_stamp(end, self.fmt)}",
            )
            return start, end
        else:
            self.items.append([times[0], times[1], [], line])
        start, end = times
        if end < start:
            self.items[-1][1] = start
            self.warn(
                line_no, f"the cue on line {line_no} ends before it starts ({shown}): its end is taken as its start"
            )
        elif len(self.items) > 1 and start < self.items[-2][0]:
            self.warn(
                line_no, f"the cue on line {line_no} starts before the cue before it ({shown}): kept in file order"
            )
        return self.items[-1][0], self.items[-1][1]


def repair_cues(text: str, fmt: str, who: str) -> tuple[list[tuple[float, float, str]], list[Repair]]:
    """Every cue of the file, in file order, as (start, end, payload), keeping damaged ones.

    Real caption files are damaged: a cue that ends before it starts (an end of 00:00:00,000), a
    time code that cannot be read, a cue without its SRT number or its time code, text split from
    its cue by a blank line. Each is kept with its text and a `Repair` saying what was done;
    nothing is refused but a file with no time codes at all.
    """
    lines = text.split("\n")
    cues = _Cues(fmt)
    for first, block in _blocks(lines):
        at = [k for k, line in enumerate(block) if _TIMING_LIKE.search(line)]
        if fmt == "vtt" and (first == 0 or block[0].strip().split(" ")[0] in _BLOCK_HEADS):
            if not at:
                continue  # the WEBVTT header, NOTE, STYLE and REGION blocks
            first, block, at = first + at[0], block[at[0] :], [k - at[0] for k in at]
        if not at:
            words = [line for line in block if not (fmt == "srt" and _INDEX.match(line))]
            if not words:
                continue
            if not cues.items:
                cues.items.append([0.0, 0.0, [], ""])
            cues.items[-1][2].extend(words)
            cues.warn(
                first + 1,
                f"text on line {first + 1} has no time code ({words[0].strip()[:40]!r}): "
                "it is kept with the cue before",
            )
            continue
        for n, k in enumerate(at):
            cues.timing(block[k], first + k + 1)
            if fmt == "srt" and (k == 0 or not _INDEX.match(block[k - 1])):
                cues.warn(first + k + 1, f"the cue on line {first + k + 1} has no number")
            stop = (
                at[n + 1] - (1 if fmt == "srt" and at[n + 1] > k + 1 and _INDEX.match(block[at[n + 1] - 1]) else 0)
                if n + 1 < len(at)
                else len(block)
            )
            cues.items[-1][2].extend(block[k + 1 : stop])
    out = [(start, end, "\n".join(payload)) for start, end, payload, _ in cues.items]
    return out, cues.repairs


def parse_cues(text: str, fmt: str, who: str, budget: Budget) -> tuple[list[Cue], dict, list[Repair]]:
    """Cues (repaired time codes, raw payload), header metadata and what was repaired.

    webvtt-py skips malformed cues silently, so each cue is first cut out and repaired here
    (`repair_cues`) and written back well-formed; webvtt-py then reads every one of them."""
    import webvtt
    from webvtt.errors import MalformedCaptionError, MalformedFileError

    meta: dict = {}
    if fmt == "vtt":
        first, _, rest = text.partition("\n")
        first = first.lstrip("\ufeff")
        if not re.match(r"WEBVTT(?:[ \t]|$)", first):
            raise ReadError(f"cannot read {who}: a WebVTT file must start with 'WEBVTT'")
        title = first[6:].strip(" \t-")
        if title:
            meta["title"] = title
        for line in rest.split("\n"):
            if not line.strip() or "-->" in line:
                break
            key, sep, value = line.partition(":")
            if sep and key.strip().lower() in ("language", "kind", "title"):
                meta[key.strip().lower()] = value.strip()
    raw, repairs = repair_cues(text, fmt, who)
    max_cues = limit("PRESSROOM_MAX_CUES")
    if len(raw) > max_cues:
        raise ReadError(f"cannot read {who}: it holds {len(raw)} cues, over the limit of {max_cues}")
    if not any(payload.strip() for _, _, payload in raw):
        raise ReadError(f"cannot read {who}: no caption cues found")
    budget.check()
    kept = [(start, end, payload) for start, end, payload in raw if payload.strip()]
    clean = ("" if fmt == "srt" else "WEBVTT\n\n") + "".join(
        (f"{n}\n" if fmt == "srt" else "") + f"{_stamp(start, fmt)} --> {_stamp(end, fmt)}\n{payload}\n\n"
        for n, (start, end, payload) in enumerate(kept, 1)
    )
    try:
        parsed = webvtt.from_buffer(io.StringIO(clean), format=fmt)
    except (MalformedFileError, MalformedCaptionError) as exc:
        raise ReadError(f"cannot read {who}: not a valid {fmt.upper()} file ({exc})")
    captions = list(parsed.captions)
    if len(captions) != len(kept):
        raise ReadError(f"cannot read {who}: {len(kept)} cues but {len(captions)} readable ones")
    index = {i: k for k, i in enumerate(i for i, (_, _, payload) in enumerate(raw) if payload.strip())}
    cues = [Cue(start, end, c.raw_text) for (start, end, _), c in zip(kept, captions)]
    return cues, meta, [Repair(index.get(r.cue, -1), r.line, r.message) for r in repairs]


# --------------------------------------------------------------------------- cue text

_VOICE = re.compile(r"<v(?:\.[\w.-]+)*(?:\s+([^>]*))?>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>|\{\\[^}]*\}")
_MARKER = re.compile(r"^(>>+|-(?=\s))\s*")
#: a speaker's label printed at the start of a cue line ("Speaker 2: …", "SPEAKER_01: …",
#: "Participant 3: …", or a name in its own case, "Jane Roe: …", at a cue's start): a new turn
#: starts there, the label kept as printed for the parser. Not a name in capitals: broadcast
#: captions are all capitals, and a colon inside their wrapped sentences is no label
_DIARIZED = re.compile(r"(?:Speaker|SPEAKER|Participant|PARTICIPANT)(?:[ _]?\d{1,3}|[ _][A-Z]):[ \t]+\S")
_NAMED = re.compile(r"[A-Z][a-z'\-]+(?: (?:[A-Z][a-z'\-]+|de|van|von|al|bin)){1,3}:[ \t]+\S")
_ONE_NAME = re.compile(r"([A-Z][a-z']+(?:-[A-Z]?[a-z']+)*):[ \t]+\S")
_INNER_MARKER = re.compile(r"\s+(?=>>)")


def _one_name(text: str) -> str | None:
    m = _ONE_NAME.match(text)
    return m.group(1) if m else None


_WS = re.compile(r"\s+")
_WORD = re.compile(r"[\w'’]+")


@dataclass
class CueLine:
    """One displayed line of a cue: its voice (from a `<v>` tag) and its text, marker kept."""

    voice: str | None
    text: str

    @property
    def marker(self) -> str | None:
        m = _MARKER.match(self.text)
        return m.group(1) if m else None

    @property
    def body(self) -> str:
        m = _MARKER.match(self.text)
        return self.text[m.end() :] if m else self.text


def cue_lines(raw: str) -> list[CueLine]:
    """A cue payload → its lines without markup (voice tags resolved, entities decoded)."""
    out: list[CueLine] = []
    voice: str | None = None
    pieces: list[tuple[str | None, str]] = []
    pos = 0
    for m in _VOICE.finditer(raw):
        if m.start() > pos:
            pieces.append((voice, raw[pos : m.start()]))
        voice = _WS.sub(" ", m.group(1) or "").strip() or None
        pos = m.end()
    pieces.append((voice, raw[pos:]))
    for piece_voice, chunk in pieces:
        for k, line in enumerate(chunk.replace("</v>", "").split("\n")):
            line = html.unescape(_TAG.sub("", line)).replace("\u00a0", " ")
            line = _WS.sub(" ", line).strip()
            if not line:
                continue
            for n, part in enumerate(_INNER_MARKER.split(line)):  # "… today. >> Next speaker"
                if k == 0 and n == 0 and out and out[-1].voice == piece_voice and not _MARKER.match(part):
                    out[-1].text += " " + part  # a voice span continuing on the same line
                else:
                    out.append(CueLine(piece_voice, part))
    return out


def _words(s: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(s)]


def dedupe(prev: list[CueLine], lines: list[CueLine], tail: list[str], gap: float) -> list[CueLine]:
    """What a cue adds to the caption stream: drop what repeats the previous cue.

    `prev` are the previous cue's lines, `tail` the last words written so far, `gap` the
    seconds since the previous cue ended. Handles a repeated cue (only when the two touch:
    a speaker who says the same thing twice leaves a pause), roll-up captions (the previous
    cue's last lines scrolled up, or its last words re-wrapped) and a line painted word by
    word ("Good" → "Good afternoon").
    """
    if not prev or not lines:
        return lines
    key = [(ln.voice, ln.text) for ln in lines]
    before = [(ln.voice, ln.text) for ln in prev]
    if key == before:
        return [] if gap <= REPEAT_GAP else lines
    # roll-up: the cue opens with the previous cue's last k lines and adds more
    for k in range(min(len(lines) - 1, len(prev)), 0, -1):
        if key[:k] == before[-k:]:
            return lines[k:]
    # painted: the first line grows the previous cue's last line
    first, last = lines[0], prev[-1]
    if first.voice == last.voice and first.text.startswith(last.text):
        rest = first.text[len(last.text) :].strip()
        return ([CueLine(first.voice, rest)] if rest else []) + lines[1:]
    # re-wrapped roll-up: the cue opens with the last words already written (same voice)
    if first.voice != last.voice or first.marker is not None:
        return lines
    # (whole lines only, and at least MIN_REWRAP words: speakers repeat themselves too)
    words = _words(" ".join(ln.body for ln in lines))
    ends, n = set(), 0
    for line in lines:
        n += len(_words(line.body))
        ends.add(n)
    for k in range(min(len(words), len(tail)), MIN_REWRAP - 1, -1):
        if k in ends and tail[-k:] == words[:k]:
            out, left = [], k
            for line in lines:
                count = len(_words(line.body))
                if left >= count:
                    left -= count
                else:
                    out.append(line)
            return out
    return lines


# --------------------------------------------------------------------------- turns


@dataclass
class _Turn:
    voice: str | None
    marker: str | None
    spans: list[list] = field(default_factory=list)  # [text, start, end, cue index]


def _recurring_first_names(cues: list[Cue]) -> frozenset[str]:
    """One-word labels that open cues ("Bekah: Hello …", "Debra-Kaye: What up?"): a first name
    that opens two cues or more, where two or more speakers' labels do (a conversation, not one
    "Note:")."""
    counts: dict[str, int] = {}
    full: set[str] = set()
    for cue in cues:
        text = cue.text.lstrip()
        m = _ONE_NAME.match(text)
        if m:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
        elif _NAMED.match(text):
            full.add(text.split(":", 1)[0])
    names = frozenset(n for n, k in counts.items() if k >= 2)
    return names if len(names) + len(full) >= 2 else frozenset()


#: a label in capitals at a cue's start ("DAVID MALAN: All right.", "AUDIENCE: Yes.")
_CAPS_NAME = re.compile(r"([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){0,3}):[ \t]+\S")


def _recurring_caps_labels(cues: list[Cue]) -> frozenset[str]:
    """Labels in capitals that open two cues or more, where the captions are in mixed case (in
    all-capitals broadcast captions a colon in a sentence is no label)."""
    letters = upper = 0
    counts: dict[str, int] = {}
    for cue in cues[:2000]:
        letters += sum(c.isalpha() for c in cue.text)
        upper += sum(c.isupper() for c in cue.text)
        m = _CAPS_NAME.match(cue.text.lstrip())
        if m:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    if not letters or upper * 2 > letters:
        return frozenset()
    return frozenset(n for n, k in counts.items() if k >= 2)


def _caps_label(text: str) -> str | None:
    m = _CAPS_NAME.match(text)
    return m.group(1) if m else None


def build_turns(cues: list[Cue], budget: Budget) -> list[_Turn]:
    """Merge cues into speaker turns, de-duplicating rolling captions."""
    first_names = _recurring_first_names(cues) | _recurring_caps_labels(cues)
    turns: list[_Turn] = []
    prev: list[CueLine] = []
    prev_end = float("-inf")
    tail: list[str] = []
    for i, cue in enumerate(cues):
        if i % 512 == 0:
            budget.check()
        lines = cue_lines(cue.text)
        if not lines:
            continue
        close = cue.start - prev_end <= DEDUP_WINDOW
        new = dedupe(prev, lines, tail, cue.start - prev_end) if close else lines
        if not new and turns and turns[-1].spans:
            turns[-1].spans[-1][2] = max(turns[-1].spans[-1][2], cue.end)  # a repeat: extend its time
        for j, line in enumerate(new):
            cur = turns[-1] if turns else None
            marker = line.marker
            printed = (
                line.voice is None
                and marker is None
                and (
                    _DIARIZED.match(line.text) is not None
                    or (j == 0 and _NAMED.match(line.text) is not None)
                    or (j == 0 and first_names and (_one_name(line.text) or _caps_label(line.text)) in first_names)
                )
            )
            # a line without a voice tag continues the current speaker
            voice = (
                line.voice
                if line.voice is not None
                else (cur.voice if cur and marker is None and not printed else None)
            )
            start_turn = (
                cur is None
                or marker is not None
                or printed
                or voice != cur.voice
                or (j == 0 and cue.start - prev_end >= PAUSE)
            )
            if start_turn:
                cur = _Turn(voice, marker)
                turns.append(cur)
            body = line.body.strip()
            if not body:
                continue
            if cur.spans and cur.spans[-1][1] == cue.start and not start_turn:
                cur.spans[-1][0] += " " + body  # the same cue's next line
            else:
                cur.spans.append([body, cue.start, cue.end, i])
            tail = (tail + _words(body))[-60:]
        prev = lines
        prev_end = max(prev_end, cue.end) if close else cue.end
    return [t for t in turns if t.spans]


def turns_to_document(turns: list[_Turn], meta: dict, fmt: str, repairs: list[Repair] = ()) -> Document:
    parts: list[str] = []
    where: dict[int, tuple[int, int]] = {}  # cue index → the first stretch of text it wrote
    times: list[TimeSpan] = []
    labels: list[LabelHint] = []
    pos = 0
    for t in turns:
        if not t.spans:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        if t.voice:
            label = f"{t.voice}:"
            labels.append(LabelHint(pos, pos + len(label), t.voice))
            parts.append(label + " ")
            pos += len(label) + 1
        elif t.marker:
            parts.append(t.marker + " ")
            pos += len(t.marker) + 1
        for k, (text, start, end, cue) in enumerate(t.spans):
            if k:
                parts.append(" ")
                pos += 1
            where.setdefault(cue, (pos, pos + len(text)))
            times.append(TimeSpan(pos, pos + len(text), start, end))
            parts.append(text)
            pos += len(text)
    text = "".join(parts)
    if times:
        meta = {**meta, "duration": max(s.end for s in times)}
    warnings = [RecordWarning("W001", r.message, *where.get(r.cue, (None, None))) for r in repairs]
    return Document(text=text, format=fmt, metadata=meta, times=times, labels=labels, warnings=warnings)


def _read(data: bytes, source: dict, fmt: str) -> Document:
    who = source.get("path") or "input"
    check_markup_size(data, who, "a caption file")
    with time_limit(Budget.from_env(), who) as budget:
        text = _decode(data)
        cues, meta, repairs = parse_cues(text, fmt, who, budget)
        turns = build_turns(cues, budget)
        doc = turns_to_document(turns, meta, fmt, repairs)
    if not doc.text.strip():
        raise ReadError(f"cannot read {who}: the captions hold no text")
    doc.source["cues"] = len(cues)
    return doc


def read_vtt(data: bytes, source: dict) -> Document:
    """Read a WebVTT caption file into a `Document` with `TimeSpan`s."""
    return _read(data, source, "vtt")


def read_srt(data: bytes, source: dict) -> Document:
    """Read an SRT subtitle file into a `Document` with `TimeSpan`s."""
    return _read(data, source, "srt")
