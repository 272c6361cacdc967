"""A live session: bytes in, a record that is valid at every moment, and events out.

Each time a cue (captions: a block ended by a blank line) or a line (text) closes, the bytes
received so far, up to the last closed one, are read and parsed again with the ordinary reader
and parser, and the new record is compared with the one before. So the record so far is always
a record `pressroom parse` could have made (schema-valid, nothing lost), and the final one,
read from every byte received, is `pressroom parse`'s record of the whole file, byte for byte.

The events (plain dicts, one JSON line each with ``--json``), each with ``seq`` (1, 2, …),
``type``, ``action`` and ``t`` (seconds of stream time):

* ``turn``: ``opened``, ``extended`` (more words; ``reopened`` when it had closed on a silence),
  ``closed`` (a later turn began, a silence, or the end), ``revised`` (the parser changed its
  speaker or kind once it knew more), ``withdrawn`` (merged into another turn);
* ``exchange``: ``asked`` (its question turns closed), ``answered``, ``verdict`` (when every
  answer turn has closed: the clarity of each question with its evidence and confidence),
  ``revised`` (the same answer went on, or another answerer joined), ``unanswered`` (at the end);
* ``event``: ``updated``, the briefing's metadata as it becomes known;
* ``stream``: a damaged cue (``malformed``), a time code that goes back (``backwards``), a
  source ``stalled``, ``resumed``, ``truncated``, ``rotated``, ``gone``, ``back``, ``refused``;
* ``session``: ``started``, ``ended`` (with the reason and the counts), ``error``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Callable

from ..errors import PressroomError, ReadError
from ..read import MAX_BYTES, read_bytes
from ..read.detect import detect_format
from .sources import CAPTIONS

EVENT_FIELDS = ("kind", "title", "date", "last_updated", "place", "organisation", "byline", "as_delivered")
#: turn fields whose change (alone) is an extension, not a revision
GROWING = {"text", "end_char", "end_line", "end_time"}


def turn_view(record, t) -> dict[str, Any]:
    s = record.speaker(t.speaker)
    return {
        "id": t.id,
        "speaker": t.speaker,
        "name": record.speaker_name(t.speaker),
        "role": s.role if s else None,
        "affiliation": s.affiliation if s else None,
        "kind": t.kind,
        "label": t.label,
        "text": t.text,
        "start_char": t.start_char,
        "end_char": t.end_char,
        "end_line": t.end_line,
        "start_time": t.start_time,
        "end_time": t.end_time,
    }


@dataclass
class TurnState:
    view: dict
    closed: bool = False


@dataclass
class ExchangeState:
    asked: bool = False
    answered: bool = False
    judged: tuple | None = None  # the answer (turn starts and ends) last sent to the judge
    given: bool = False  # a verdict was emitted
    verdict: list = field(default_factory=list)
    unanswered: bool = False


class LiveSession:
    """Feed it bytes (`feed`), let it look (`update`), close the open turn on a silence
    (`close_open`), end it (`finish`). ``emit(event)`` is called for each event; every event is
    also kept in ``events``. ``judge(record, exchange, source_text)`` returns the clarity items
    of one exchange (`pressroom.live.judge.ClarityJudge`), or is None for no verdicts. A judge
    with ``background = True`` judges in a worker thread (`pressroom.live.judge.JudgeWorker`):
    an answer that goes on before its judgement starts is judged once, as it stands then; the
    exchanges waiting together are judged together (``judge.many``); `finish` waits for them."""

    def __init__(
        self,
        name: str,
        session_id: str = "live",
        judge: Callable | None = None,
        emit: Callable[[dict], None] | None = None,
        stream_time: Callable[[], float] | None = None,
    ):
        self.name = name
        self.id = session_id
        self.judge = judge
        self.emit_to = emit
        self.stream_time = stream_time or (lambda: 0.0)
        self.data = bytearray()
        self.parsed_upto = 0
        self.fmt: str | None = None
        self.record = None
        self.doc = None
        self.error: PressroomError | None = None
        self.events: list[dict] = []
        self.turns: dict[int, TurnState] = {}
        self.exchanges: dict[int, ExchangeState] = {}
        self.event_fields: dict[str, Any] = {}
        self.warnings: set = set()
        self.ended = False
        self.lock = threading.RLock()  # the worker thread emits verdicts too
        self.worker = None
        if judge is not None and getattr(judge, "background", False):
            from .judge import JudgeWorker

            self.worker = JudgeWorker(self._judge_jobs)

    # -- events -------------------------------------------------------------------------------
    def emit(self, type_: str, action: str, **payload) -> dict:
        with self.lock:
            ev = {"seq": len(self.events) + 1, "type": type_, "action": action, "t": round(self.stream_time(), 3)}
            ev.update(payload)
            self.events.append(ev)
            if self.emit_to is not None:
                self.emit_to(ev)
            return ev

    def start(self, **info) -> None:
        self.emit("session", "started", id=self.id, source=self.name, **info)

    def notice(self, n: dict) -> None:
        n = dict(n)
        self.emit("stream", n.pop("action"), **n)

    # -- input --------------------------------------------------------------------------------
    def feed(self, data: bytes) -> None:
        if len(self.data) + len(data) > MAX_BYTES:
            raise ReadError(f"cannot read {self.name}: it is over the {MAX_BYTES / 1e6:.0f} MB limit")
        self.data += data

    def _captions(self) -> bool:
        if self.fmt not in CAPTIONS and (self.fmt is None or len(self.data) < 4096):
            self.fmt = detect_format(bytes(self.data[:4096]), self.name)
        return self.fmt in CAPTIONS

    def closed_upto(self) -> int:
        """How many bytes hold only closed cues (captions) or lines (text)."""
        d = self.data
        if self._captions():
            ends = [d.rfind(b"\n\n") + 2, d.rfind(b"\n\r\n") + 3, d.rfind(b"\n \n") + 3]
            return max([0, *(e for e in ends if e > 2)])
        return d.rfind(b"\n") + 1

    def update(self, final: bool = False) -> bool:
        """Parse again when a cue or line has closed since the last parse (``final``: everything
        received, closed or not). True when the record changed."""
        upto = len(self.data) if final else self.closed_upto()
        if upto <= self.parsed_upto and not (final and self.record is None):
            if final and self.record is not None:
                self._apply(self.record, final=True)
            return False
        try:
            from ..parse import parse_document

            doc = read_bytes(bytes(self.data[:upto]), name=self.name)
            record = parse_document(doc)
        except Exception as exc:
            if final:
                raise
            self.error = exc  # not a record yet (a header with no turns): wait for more
            return False
        self.error = None
        self.parsed_upto, self.doc = upto, doc
        self._apply(record, final=final)
        return True

    # -- what changed ---------------------------------------------------------------------------
    def _apply(self, record, final: bool) -> None:
        self.record = record
        self._event(record)
        self._warnings(record)
        last = record.turns[-1].start_char if record.turns else None
        for t in record.turns:
            self._turn(record, t, is_open=not final and t.start_char == last)
        keys = {t.start_char for t in record.turns}
        for k in [k for k in self.turns if k not in keys]:
            self.emit("turn", "withdrawn", **self.turns.pop(k).view)
        self._exchanges(record, final)

    def _event(self, record) -> None:
        now = {k: getattr(record.event, k) for k in EVENT_FIELDS}
        changed = {
            k: v for k, v in now.items() if v != self.event_fields.get(k, None if k != "as_delivered" else False)
        }
        self.event_fields = now
        if changed:
            self.emit("event", "updated", changed=changed, event=now)

    def _warnings(self, record) -> None:
        for w in record.warnings:
            key = (w.code, w.start_char, w.message)
            if key in self.warnings:
                continue
            self.warnings.add(key)
            if w.code == "W001":
                action = "backwards" if "starts before the cue before" in w.message else "malformed"
                self.emit("stream", action, code=w.code, message=w.message, start_char=w.start_char)

    def _turn(self, record, t, is_open: bool) -> None:
        view = turn_view(record, t)
        st = self.turns.get(t.start_char)
        if st is None:
            st = self.turns[t.start_char] = TurnState(view)
            self.emit("turn", "opened", **view)
        else:
            changed = {k for k in view if view[k] != st.view.get(k)}
            if changed:
                action = "extended" if changed <= GROWING else "revised"
                reopened = st.closed and is_open
                st.view = view
                if reopened:
                    st.closed = False
                self.emit("turn", action, **view, **({"reopened": True} if reopened else {}))
        if not is_open and not st.closed:
            st.closed = True
            self.emit("turn", "closed", **view)
        elif is_open and t.kind == "answer" and self.worker is not None and hasattr(self.judge, "warm"):
            judge, text = self.judge, self.doc.text
            self.worker.warm(t.start_char, lambda: judge.warm(t, text))

    def close_open(self) -> None:
        """A silence: the last turn closes (and its exchange gets its verdict); more words from
        the same speaker reopen it, and the verdict is revised when it closes again."""
        if self.record is None or not self.record.turns:
            return
        st = self.turns.get(self.record.turns[-1].start_char)
        if st is not None and not st.closed:
            st.closed = True
            self.emit("turn", "closed", **st.view, silence=True)
            self._exchanges(self.record, final=False)

    def _closed(self, record, turn_ids) -> bool:
        starts = {t.id: t.start_char for t in record.turns}
        return all(tid in starts and self.turns[starts[tid]].closed for tid in turn_ids)

    def _exchanges(self, record, final: bool) -> None:
        starts = {t.id: t.start_char for t in record.turns}
        for x in record.exchanges:
            first = (x.question_turns or x.answer_turns or [None])[0]
            if first not in starts:
                continue
            xs = self.exchanges.setdefault(starts[first], ExchangeState())
            if not xs.asked and x.question_turns and self._closed(record, x.question_turns):
                xs.asked = True
                self.emit("exchange", "asked", **_asked(record, x))
            if x.answer_turns and not xs.answered:
                xs.answered = True
                names = [record.speaker_name(a) for a in x.answerers]
                self.emit("exchange", "answered", id=x.id, answerers=names, answer_turns=list(x.answer_turns))
            if x.answer_turns and self._closed(record, x.answer_turns):
                self._verdict(record, x, xs, starts)
            elif final and not x.answer_turns and not xs.unanswered:
                xs.unanswered = True
                self.emit("exchange", "unanswered", id=x.id, questions=[q.text for q in x.questions])

    def _verdict(self, record, x, xs: ExchangeState, starts: dict) -> None:
        if self.judge is None:
            return
        signature = tuple((starts[t], self.turns[starts[t]].view["end_char"]) for t in x.answer_turns)
        if signature == xs.judged:
            return
        xs.judged = signature
        job = (record, x, xs, self.doc.text)
        if self.worker is not None:
            self.worker.submit(id(xs), job)
        else:
            self._judge_jobs([job])

    def _judge_jobs(self, jobs: list) -> None:
        """Judge ``jobs`` ((record, exchange, state, source text), …), those of one record
        together, and emit each verdict (``revised`` after the first of an exchange)."""
        groups: dict[int, list] = {}
        for job in jobs:
            groups.setdefault(id(job[0]), []).append(job)
        for group in groups.values():
            judge = self.judge
            if judge is None:
                return
            record, text = group[0][0], group[0][3]
            try:
                if len(group) > 1 and hasattr(judge, "many"):
                    verdicts = judge.many(record, [x for _, x, _, _ in group], text)
                else:
                    verdicts = [judge(record, x, text) for _, x, _, _ in group]
            except Exception as exc:  # a model that fails must not end the session: no more verdicts
                self.judge = None
                message = f"no more verdicts: the judge failed ({type(exc).__name__}: {exc})"
                self.emit("session", "error", message=message)
                return
            for (_, x, xs, _), items in zip(group, verdicts):
                xs.verdict = items
                action = "revised" if xs.given else "verdict"
                xs.given = True
                self.emit("exchange", action, id=x.id, answer_turns=list(x.answer_turns), verdicts=items)

    # -- the end ------------------------------------------------------------------------------
    def finish(self, reason: str) -> Any:
        """Parse everything received, close every turn, give the last verdicts; the final record
        (None when nothing was received that makes one, with the reason in ``error``)."""
        if self.ended:
            return self.record
        self.ended = True
        if self.data.strip():
            try:
                self.update(final=True)
            except Exception as exc:  # the last good record is kept
                self.error = exc if isinstance(exc, PressroomError) else PressroomError(f"internal error ({exc})")
                self.emit("session", "error", message=str(self.error))
        elif self.record is None:
            self.error = ReadError(f"cannot read {self.name}: nothing was received")
        if self.worker is not None:
            self.worker.close()  # the last verdicts first
        self.emit("session", "ended", reason=reason, **self.summary())
        return self.record

    def summary(self) -> dict[str, Any]:
        r = self.record
        counts: dict[str, int] = {}
        for xs in self.exchanges.values():
            for item in xs.verdict:
                if item.get("clarity"):
                    counts[item["clarity"]] = counts.get(item["clarity"], 0) + 1
        return {
            "turns": len(r.turns) if r else 0,
            "exchanges": len(r.exchanges) if r else 0,
            "unanswered": sum(1 for x in r.exchanges if not x.answer_turns) if r else 0,
            "verdicts": counts,
            "bytes": len(self.data),
        }


def _asked(record, x) -> dict[str, Any]:
    q = record.speaker(x.questioner)
    return {
        "id": x.id,
        "questioner": record.speaker_name(x.questioner),
        "affiliation": q.affiliation if q else None,
        "question_turns": list(x.question_turns),
        "questions": [{"id": qq.id, "text": qq.text} for qq in x.questions],
        "follow_up_of": x.follow_up_of,
    }
