"""Markdown: a readable transcript per event — title, metadata, speakers, then each turn
with its speaker in bold and an anchor (``<a id="t12">``) for permalinks; clarity verdicts
and topics follow the exchange's last answer when the record has them."""
from __future__ import annotations

from typing import Any, Iterable, TextIO

from .flat import RecordIndex, speaker_name


def _escape(text: str) -> str:
    """Keep transcript text from turning into Markdown structure or HTML."""
    out = []
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped[:1] in ("#", ">", "-", "+", "*", "|") or stripped[:2].rstrip(".").isdigit():
            line = line[: len(line) - len(stripped)] + "\\" + stripped
        out.append(line.replace("<", "&lt;").replace(">", "&gt;"))
    return "\n".join(out)


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
    lines += [f"Event id: `{event_id}`" + (f" · Source: <{url}>" if url else ""), ""]
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
