"""Document → Transcript: header, speaker labels, speakers and roles, turns, exchanges.

Nothing is lost: every non-blank character of the body lies in exactly one turn or in one
apparatus span (header, separators, END lines, footers), in order (see `check_coverage`).
"""

from __future__ import annotations

import re

from dataclasses import dataclass

from ..document import Document
from ..errors import WARNINGS, ParseError
from ..read.limits import limit
from ..record import Event, RecordWarning, Transcript, Turn
from .content import HEADING, caption_segments, content_segments, emphasis_segments
from .roster import bare_labels, column_labels
from .runtogether import split_run_together
from .coverage import check_coverage
from .exchanges import build_exchanges
from .header import _SEPARATOR, Header, read_header
from .labels import LEAD_TIME, RECORDING_TIME, TooManyLabels, detect_labels, uncased_label
from .lines import body_lines
from .people import capitals_name, person_from_field
from .segment import segment
from .speakers import resolve_speakers
from .rolemodel import revise_roles, shipped as role_model
from .kinds import assign_kinds

__all__ = ["parse_document", "draft", "Draft", "check_coverage"]


@dataclass
class Draft:
    """A document cut into turns, before anyone is known to speak them: what the speaker passes
    read (`resolve_speakers(draft.turns, draft.segs, draft.header, draft.text)`)."""

    text: str
    lines: list
    header: Header
    segs: list
    app: list
    turns: list[Turn]
    warnings: list[RecordWarning]
    unlabelled_q: bool


def parse_document(doc: Document, learned_roles: bool = True) -> Transcript:
    """The record of a document; ``learned_roles=False`` keeps the rule passes' roles (the role
    model, `parse/rolemodel.py`, is trained on them)."""
    d = draft(doc)
    speakers, turn_speakers, stated = resolve_speakers(d.turns, d.segs, d.header, d.text)
    turns, segs = d.turns, d.segs
    for t, sid in zip(turns, turn_speakers):
        t.speaker = sid
    # where questions go unlabelled, a repeated answer label means a question between; a record that
    # gives each speech a block of its own (`read/xmlspeech.py`) parts its turns itself
    if not d.unlabelled_q and not doc.source.get("speech_blocks"):
        turns, segs = _merge_repeated_labels(turns, segs, d.text, [d.lines[a.first].start for a in d.app])
    if learned_roles:
        revise_roles(turns, speakers, role_model(), keep=stated)
    assign_kinds(turns, speakers, segs)
    _times(turns, doc)
    exchanges = build_exchanges(turns, speakers, d.text)
    return Transcript(
        event=_event(doc, d.header),
        speakers=speakers,
        turns=turns,
        exchanges=exchanges,
        apparatus=_apparatus(d.lines, d.header, d.app),
        warnings=d.warnings,
    )


def draft(doc: Document) -> Draft:
    """Labels, header, segments and turns of a document (see `Draft`)."""
    text = doc.text
    lines, glued = split_run_together(body_lines(text, doc.body_start, doc.end, doc.format == "markdown"))
    labels, bare, listed = _labels(doc, lines, glued)
    first_label = min(labels) if labels else None
    source_path = doc.source.get("path")
    header = read_header(lines, first_label, doc.metadata, source_path, whole=bool(bare or listed))
    no_labels = not labels and bool(header.people) and any(_SEPARATOR.match(ln.norm) for ln in lines)
    warnings = list(doc.warnings)
    content = None if labels or no_labels else content_segments(lines, header.end_line + 1)
    if content is None and len(labels) <= 1 and not no_labels and doc.format in ("markdown", "text"):
        # questions in bold, no labels: one word in capitals with a colon ("SINCÈREMENT :") is none
        content = emphasis_segments(lines, header.end_line + 1)
    if content is None and not labels and not no_labels and doc.format in ("vtt", "srt"):
        content = caption_segments(lines, header.end_line + 1)  # captions always hold speech
    if content is not None:
        warnings.append(RecordWarning("W002", WARNINGS["W002"]))
    elif not labels and not no_labels:
        raise ParseError(
            f"no speaker turns found in {source_path or 'the input'}: no line starts with a speaker label "
            "such as 'Name:', 'MS. PSAKI:' or 'Q:'"
        )
    warnings += _guessed_labels(text, lines, labels, bare)
    has_q = any(lb.kind == "q" for lb in labels.values())
    unlabelled_q = no_labels or (not has_q and _answers_only(labels, header))
    # with no labels at all (the ECB's Lagarde-era pages): statement, '* * *', then questions and answers
    segs, app = (
        (content, [])
        if content is not None
        else segment(lines, header.end_line + 1, labels, unlabelled_q, unlabelled_answers=no_labels)
    )
    if not segs:
        raise ParseError(f"no speaker turns found in {source_path or 'the input'}")
    return Draft(text, lines, header, segs, app, _cut_turns(text, lines, segs), warnings, unlabelled_q)


def _labels(doc: Document, lines, glued) -> tuple[dict, dict, list]:
    """The speaker labels by line index, those of them printed as bare name lines, and the marked
    names of a participants list at the top (taken out of the labels: see `_marked_roster`)."""
    max_turns = limit("PRESSROOM_MAX_TURNS")
    try:
        labels = detect_labels(
            lines, list(doc.labels) + glued, captions=doc.format in ("vtt", "srt"), max_candidates=4 * max_turns
        )
    except TooManyLabels:
        raise ParseError(
            f"cannot parse {doc.source.get('path') or 'the input'}: it holds more than {4 * max_turns} "
            f"speaker labels, over the limit of {max_turns} (PRESSROOM_MAX_TURNS)"
        ) from None
    bare = bare_labels(lines, labels)
    if not labels and not bare:  # a table's speaker column run into the speech: its labels are bare too
        bare = column_labels(lines, getattr(lines, "norm_text", None) or doc.text)
    if bare:
        # names alone on lines: what comes before the first is the title and the participants list
        labels = {i: lb for i, lb in labels.items() if i > min(bare)}
        labels.update(bare)
    listed = _marked_roster(lines, labels)
    for idx in listed:
        del labels[idx]
    if len(labels) > max_turns:  # a label flood: the longest real briefings have a few hundred turns
        raise ParseError(
            f"cannot parse {doc.source.get('path') or 'the input'}: it holds {len(labels)} speaker "
            f"labels, over the limit of {max_turns} (PRESSROOM_MAX_TURNS)"
        )
    # header fields that look like labels ("President: Lyndon B. Johnson") at the top
    for idx in sorted(labels):
        line = lines[idx]
        prior = [k for k in range(idx) if not lines[k].blank]
        if person_from_field(line.norm.strip()) and not any(k in labels for k in prior):
            nxt = [k for k in labels if k > idx]
            if nxt:
                del labels[idx]
                continue
        break
    return labels, bare, listed


#: a line of a participants list: short, and no sentence ends at its end
_LIST_LINE = 150


def _marked_roster(lines, labels: dict) -> list[int]:
    """The labels that open the document without a word of speech: a list of participants, not
    turns. Marked (bold) names, one per line with their company or office after them ("**Jane
    Roe** Acme, Inc. - CFO"), two or more; or a role alone on its line followed by names and
    offices on lines of their own ("Moderator:" / "JANE ROE" / "Communications Department").
    Only before the first label followed by speech."""
    run: list[int] = []
    order = sorted(labels)
    for n, idx in enumerate(order):
        lb = labels[idx]
        if lb.kind != "name":
            break
        stop = order[n + 1] if n + 1 < len(order) else len(lines)
        own = lines[idx].norm[lb.end - lines[idx].start :]
        after = [lines[k].norm for k in range(idx + 1, stop) if not lines[k].blank]
        # a field of names in a script with no capitals ("ייעוץ משפטי:" / a name and an office)
        names = bool(after) and not own.strip() and sum(map(_caseless_name, after)) >= 0.8 * len(after)
        if not all(_listed(t) for t in [own, *after]) and not (names and all(_no_sentence(t) for t in after)):
            break
        if (
            lb.strength < 3
            and not names
            and (own.strip() or len(after) < 2 or not any(capitals_name(t) for t in after))
        ):
            break
        run.append(idx)
    marked = [idx for idx in run if labels[idx].strength >= 3]
    return run if len(marked) >= 2 or len(marked) < len(run) else []


def _caseless_name(text: str) -> bool:
    """A name in a script with no capitals, an office after a dash or a comma allowed ("איתן כבל –
    היו"ר"), or a field of such a list ("חברי הוועדה:")."""
    head = re.split(r"\s[-\u2013\u2014]\s|,", text.strip().rstrip(":"), maxsplit=1)[0]
    return bool(head) and uncased_label(head.strip())


def _listed(text: str) -> bool:
    """A line that says no sentence: blank, or short with no sentence end at its end."""
    return len(text.strip()) <= _LIST_LINE and _no_sentence(text)


def _no_sentence(text: str) -> bool:
    """No sentence ends at the end of this line (a full stop, a question or exclamation mark, the
    ideographic full stop "。" and the full-width marks "？！" of Chinese and Japanese too)."""
    last = text.strip().rstrip("\"')\u201d\u2019]\u300d\u300f\uff09")[-1:]
    return not last or last not in ".?!\u3002\uff1f\uff01"


def _guessed_labels(text: str, lines, labels: dict, bare: dict) -> list[RecordWarning]:
    """Warnings for labels the parser took where the document does not print them as labels
    usually stand: inside a line (run together with the turn before or glued to its last
    sentence; W004), or as a name alone on a line (W005)."""
    out = []
    for idx in sorted(labels):
        lb, ln = labels[idx], lines[idx]
        if ln.start > 0 and text[ln.start - 1] != "\n":
            out.append(
                RecordWarning(
                    "W004",
                    f"the label {lb.text!r} stands inside a line, run together with the "
                    "turn before: a turn was started there",
                    lb.start,
                    lb.end,
                )
            )
        elif idx in bare:
            out.append(
                RecordWarning(
                    "W005",
                    f"the line {lb.text!r} was taken for a speaker's label (a name alone "
                    "on a line, printed again elsewhere)",
                    lb.start,
                    lb.end,
                )
            )
    return out


def _cut_turns(text: str, lines, segs) -> list[Turn]:
    """One turn per segment: its span (label included), its speech, its lines."""
    turns: list[Turn] = []
    for i, sg in enumerate(segs, 1):
        first_line = lines[sg.first]
        last_line = lines[sg.last]
        stamp = None
        if sg.label is not None:
            start_char = sg.label.start
            text_start, stamp = _label_time(text, sg.label.start, sg.label.end)
        else:
            start_char = first_line.start + first_line.indent
            text_start = start_char
        end_char = last_line.end
        while end_char > text_start and text[end_char - 1].isspace():
            end_char -= 1
        while text_start < end_char and text[text_start].isspace():
            text_start += 1  # a label alone on its line: the speech starts on the next
        if sg.label is not None and text.startswith("> ", text_start) and text[text_start - 1] == "\n":
            text_start += 2  # the speech a Markdown quote below its label ("Jane:" / "> Thank you!")
        if sg.forced == "question":
            text_start, end_char = _question_words(text, text_start, end_char)
        turns.append(
            Turn(
                id=f"t{i}",
                speaker="",
                kind="",
                text=text[text_start:end_char],
                start_char=start_char,
                end_char=end_char,
                start_line=first_line.no,
                end_line=last_line.no,
                label=sg.label.text if sg.label is not None else None,
                text_start=text_start,
                start_time=stamp,
            )
        )
    return turns


def _question_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of an unlabelled question's words, without its markup: a paragraph in bold
    (`**Why now?**`) or a heading (`### Why now? {#why-now}`)."""
    if text.startswith("**", start) and text.endswith("**", 0, end):
        return start + 2, end - 2
    m = HEADING.fullmatch(text, start, end)  # `content.emphasis_segments` took it for a question so
    return (m.start("text"), m.end("text")) if m else (start, end)


#: a recording time printed on the label's line, after the separator: `Jane Roe: (01:02)`,
#: `Q: [1:02:03]` (transcription services); the speech starts on the next line
_LABEL_TIME = re.compile(r"[ \t]*" + RECORDING_TIME + r"[ \t]*(?:\r?\n[ \t]*)+")


def _label_time(text: str, start: int, pos: int) -> tuple[int, float | None]:
    """Where a labelled turn's speech starts and the time printed with its label, if any: the
    time is part of the label's line, not speech (after the separator, `Jane Roe: (01:02)`, or
    inside the label before it, `Jane Roe (01:02):`)."""
    m = _LABEL_TIME.match(text, pos) or _LABEL_TIME_INLINE.match(text, pos)
    if m is not None:
        return m.end(), _seconds(m)  # "Jane Roe: (01:02)" / "**Jane Roe:** [00:26] Yes, …"
    span = text[start:pos]
    inside = _TIME_IN_LABEL.search(text, start, pos) if ")" in span or "]" in span else None
    if inside is not None:
        below = _TO_NEXT_LINE.match(text, pos)  # "Jane Roe (01:02):" alone on its line
        return (below.end() if below else pos), _seconds(inside)
    lead = _LEAD_TIME.match(text, start) if span[:1].isdigit() else None  # "0:00:14.1 **Jane Roe**"
    return pos, (_seconds(lead) if lead else None)


_TIME_IN_LABEL = re.compile(RECORDING_TIME)
#: a time after the label, the label's emphasis closing after it ("**Jane Roe:[00:00:02]** Hello")
_LABEL_TIME_INLINE = re.compile(r"[ \t]*" + RECORDING_TIME + r"(?:\*\*|__)?[ \t]+(?=\S)")
_LEAD_TIME = re.compile(LEAD_TIME + r"[ \t]+")
_TO_NEXT_LINE = re.compile(r"[ \t]*(?:\r?\n[ \t]*)+")


def _seconds(m: re.Match) -> float:
    a, b, c = (int(g) if g else None for g in m.groups())
    return float(a * 3600 + b * 60 + c if c is not None else a * 60 + b)


def _apparatus(lines, header: Header, app) -> list[dict]:
    """The spans of the body that are not speech: the header, then separators, END lines, footers."""
    apparatus = []
    if header.end_line >= 0:
        hl = [ln for ln in lines[: header.end_line + 1] if not ln.blank]
        if hl:
            apparatus.append(
                {
                    "kind": "header",
                    "start_char": hl[0].start + hl[0].indent,
                    "end_char": hl[-1].end,
                    "start_line": hl[0].no,
                    "end_line": hl[-1].no,
                }
            )
    for a in app:
        la, lb = lines[a.first], lines[a.last]
        while lb.blank and a.last > a.first:
            a.last -= 1
            lb = lines[a.last]
        apparatus.append(
            {
                "kind": a.kind,
                "start_char": la.start + la.indent,
                "end_char": lb.end,
                "start_line": la.no,
                "end_line": lb.no,
            }
        )
    apparatus.sort(key=lambda a: a["start_char"])
    return apparatus


def _event(doc: Document, header: Header) -> Event:
    event = Event(
        kind=header.kind,
        title=header.title,
        date=header.date,
        last_updated=header.last_updated,
        place=header.place,
        organisation=header.organisation,
        as_delivered=header.as_delivered,
        byline=header.byline,
        source={
            k: doc.source.get(k)
            for k in ("path", "sha256", "format", "encoding", "bytes")
            if doc.source.get(k) is not None
        },
    )
    if doc.metadata.get("source_url") or doc.metadata.get("url"):
        event.source["url"] = doc.metadata.get("source_url") or doc.metadata.get("url")
    return event


def _merge_repeated_labels(turns: list[Turn], segs, text: str, apparatus_starts: list[int]):
    """A named label printed again by the same speaker with nothing between (not even a
    separator) is one turn. Linear: apparatus starts are walked once, in order, and a merged
    turn's text is cut once, after its last piece."""
    out_t: list[Turn] = []
    out_s = []
    starts = sorted(apparatus_starts)
    k = 0
    grown: set[int] = set()
    for t, sg in zip(turns, segs):
        prev = out_t[-1] if out_t else None
        while k < len(starts) and prev is not None and starts[k] < prev.end_char:
            k += 1
        between = prev is not None and k < len(starts) and starts[k] < t.start_char
        if (
            prev is not None
            and sg.label is not None
            and sg.label.kind == "name"
            and prev.speaker == t.speaker
            and out_s[-1].label is not None
            and out_s[-1].label.kind == "name"
            and not between
            and not _closes_with_a_break(text, prev)
        ):
            prev.end_char = t.end_char
            prev.end_line = t.end_line
            out_s[-1].last = sg.last
            grown.add(len(out_t) - 1)
            continue
        out_t.append(t)
        out_s.append(sg)
    for j in grown:
        out_t[j].text = text[out_t[j].text_start : out_t[j].end_char]
    for i, t in enumerate(out_t, 1):
        t.id = f"t{i}"
    return out_t, out_s


#: a last line that closes a turn, so that the same speaker's next label opens a turn of its own: a
#: note in full-width brackets ("〔「異議なし」と呼ぶ者あり〕", "【休憩】"), a rule ("────", "* * *"),
#: or a short heading opened by a circle or a square ("○日程", as Japanese minutes mark an item or
#: the hour). Not a note in plain brackets: "(Laughter.)" or a recording time goes on with the speech
_CLOSING_BREAK = re.compile(
    r"[\uff08\u3014\u3010][^\n]{1,80}[\uff09\u3015\u3011]"
    r"|(?:[*\u2022\u00b7\-\u2013\u2014_=~#\u2500\u2501]\s*){3,}"
    r"|[\u25cb\u25ef\u25cf\u25a0\u25c6][^\n]{1,40}"
)


def _closes_with_a_break(text: str, turn: Turn) -> bool:
    """Does the turn's last line close it (`_CLOSING_BREAK`)?"""
    body = text[turn.text_start : turn.end_char].rstrip()
    return _CLOSING_BREAK.fullmatch(body[body.rfind("\n") + 1 :].strip()) is not None


def _answers_only(labels, header) -> bool:
    """True when every label names one of the header's people (the document labels answers only).
    Not a legend's people: a map of labels to names lists whoever speaks, asking or answering."""
    people = [p for p in header.people if p.source != "legend"]
    if not people:
        return False
    keys = {lb.key for lb in labels.values()}
    surnames = {p.name.split()[-1].upper() for p in people if p.name}
    for k in keys:
        words = k.split()
        if not words or words[-1] not in surnames:
            return False
    return True


def _times(turns: list[Turn], doc: Document) -> None:
    if not doc.times:
        return
    spans = sorted(doc.times, key=lambda s: s.start_char)
    j = 0
    for t in turns:
        while j < len(spans) and spans[j].end_char <= t.start_char:
            j += 1
        k = j
        starts, ends = [], []
        while k < len(spans) and spans[k].start_char < t.end_char:
            starts.append(spans[k].start)
            ends.append(spans[k].end)
            k += 1
        if starts:
            t.start_time = min(starts)
            t.end_time = max(ends)
