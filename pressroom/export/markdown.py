"""Markdown: a readable transcript per event — title, metadata, speakers, then each turn
with its speaker in bold and an anchor (``<a id="t12">``) for permalinks; clarity verdicts
and topics follow the exchange's last answer when the record has them."""

from __future__ import annotations

import re
from typing import Any, Iterable, TextIO

from .flat import RecordIndex, speaker_name


#: the only links the export writes: http(s) URLs without spaces, brackets or quotes
_WEB_LINK = re.compile(r"https?://[^\s<>\"'`\\]+", re.I)
#: backslashes first (so an escape added below is not undone by one in the text), then the
#: brackets of inline links ([text](javascript:…)); < and > become entities (no HTML, no autolinks)
_INLINE = {ord("\\"): "\\\\", ord("["): "\\[", ord("]"): "\\]", ord("<"): "&lt;", ord(">"): "&gt;"}

_ORDERED = re.compile(r"^(\s*\d{1,9})([.)])(?=\s|$)")


def _escape(text: str) -> str:
    """Keep transcript text from turning into Markdown structure, links or HTML."""
    out = []
    for line in text.translate(_INLINE).splitlines():
        stripped = line.lstrip()
        if stripped[:1] in ("#", "-", "+", "*", "|"):
            line = line[: len(line) - len(stripped)] + "\\" + stripped
        else:  # "1. " or "1) " would start an ordered list: escape its dot or bracket
            line = _ORDERED.sub(r"\1\\\2", line, count=1)
        out.append(line)
    return "\n".join(out)


def _source(url) -> str:
    """The source as a link when it is a web address; any other scheme (javascript:, data:,
    file:) as escaped text, which no Markdown renderer turns into a link."""
    if not url:
        return ""
    url = str(url)
    if _WEB_LINK.fullmatch(url):
        return f" · Source: <{url}>"
    return f" · Source (not a web address): {_escape(url)}"


def render(event_id: str, record: dict[str, Any]) -> str:
    ev = record.get("event", {})
    idx = RecordIndex(record)
    lines = [f"# {_escape(ev.get('title') or event_id)}", ""]
    meta = [x for x in (ev.get("kind"), ev.get("date"), ev.get("place"), ev.get("organisation")) if x]
    if ev.get("last_updated"):
        meta.append(f"last updated {ev['last_updated']}")
    if meta:
        lines += [" · ".join(_escape(str(m)) for m in meta), ""]
    url = (ev.get("source") or {}).get("url")
    lines += [f"Event id: `{event_id}`" + _source(url), ""]
    lines.append("## Speakers")
    lines.append("")
    for s in record.get("speakers", []):
        bits = [b for b in (s.get("role"), s.get("title"), s.get("affiliation")) if b]
        about = f" — {_escape(', '.join(bits))}" if bits else ""
        lines.append(f"- **{_escape(speaker_name(s) or s['id'])}**{about}")
    lines += ["", "## Transcript", ""]
    last_answer = {}
    for x in record.get("exchanges", []):
        turns = list(x.get("answer_turns") or x.get("question_turns") or [])
        if turns:
            last_answer[turns[-1]] = x
    for t in record.get("turns", []):
        sp = idx.speakers.get(t.get("speaker"))
        who = t.get("label") or speaker_name(sp) or "?"
        name = speaker_name(sp)
        if name and name != who:
            who = f"{who} ({name})"
        lines.append(f'<a id="{t["id"]}"></a>**{_escape(who)}:** {_escape(t.get("text") or "")}')
        lines.append("")
        x = last_answer.get(t["id"])
        if x is not None:
            notes = []
            if idx.clarity.get(x["id"]):
                notes.append(f"clarity: {idx.clarity[x['id']]}")
            if idx.topics.get(x["id"]):
                notes.append("topics: " + ", ".join(idx.topics[x["id"]]))
            if notes:
                lines += [f"> *{x['id']} — {_escape('; '.join(notes))}*", ""]
    return "\n".join(lines).rstrip() + "\n"


def write(items: Iterable[tuple[str, dict[str, Any]]], out: TextIO) -> int:
    """All transcripts in one document, separated by horizontal rules; return how many."""
    n = 0
    for event_id, record in items:
        if n:
            out.write("\n---\n\n")
        out.write(render(event_id, record))
        n += 1
    return n
