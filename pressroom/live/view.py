"""The plain terminal view (stdout not a terminal, or --plain): one line per event worth reading
(turn extensions are left out); the live panel on a terminal is panel.py."""

from __future__ import annotations

from typing import Any


def clock(t: float | None) -> str:
    t = max(0.0, float(t or 0.0))
    h, rest = divmod(int(t), 3600)
    m, s = divmod(rest, 60)
    return f"{h:02d}:{m:02d}:{s:02d}"


def short(text: str | None, n: int = 100) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _who(ev: dict[str, Any]) -> str:
    name = ev.get("name") or ev.get("label") or "unnamed speaker"
    bits = [b for b in (ev.get("role"), ev.get("affiliation")) if b]
    return f"{name} ({', '.join(bits)})" if bits else name


def verdict_line(item: dict[str, Any]) -> str:
    if item.get("not_judged"):
        return f"not judged: {item['not_judged']}"
    out = f"{item.get('clarity')} {item.get('confidence', 0):.2f}"
    if item.get("evasion"):
        out += f", {item['evasion']}"
    quotes = (item.get("evidence") or {}).get("addressing") or []
    if quotes:
        out += f' — "{short(quotes[0].get("text"), 70)}"'
    return out


def _turn(ev: dict[str, Any]) -> str | None:
    action = ev["action"]
    if action == "extended" and not ev.get("reopened"):
        return None
    if action == "opened":
        return f"{ev['id']:>5} ▶ {_who(ev)} [{ev.get('kind')}]"
    if action == "closed":
        return f"{ev['id']:>5} ■ {short(ev.get('text'))}"
    if action == "extended":
        return f"{ev['id']:>5} ▶ {_who(ev)} goes on"
    return f"{ev['id']:>5} {action}: {_who(ev)} [{ev.get('kind')}]"


def _exchange(ev: dict[str, Any]) -> str:
    action = ev["action"]
    if action == "asked":
        qs = "; ".join(short(q["text"], 80) for q in ev.get("questions") or []) or "(no question)"
        who = ev.get("questioner") or "a journalist"
        outlet = f" ({ev['affiliation']})" if ev.get("affiliation") else ""
        return f"{ev['id']:>5} ? {who}{outlet} asks: {qs}"
    if action == "answered":
        return f"{ev['id']:>5} … answered by {', '.join(n or '?' for n in ev.get('answerers') or [])}"
    if action in ("verdict", "revised"):
        word = "verdict" if action == "verdict" else "verdict revised"
        return "\n".join(f"{ev['id']:>5} ✔ {word}: {verdict_line(item)}" for item in ev.get("verdicts") or [])
    return f"{ev['id']:>5} ✘ unanswered"


def line(ev: dict[str, Any]) -> str | None:
    """The terminal line for an event, or None for one not shown."""
    kind = ev["type"]
    at = clock(ev.get("t"))
    if kind == "turn":
        text = _turn(ev)
    elif kind == "exchange":
        text = _exchange(ev)
    elif kind == "event":
        text = "event: " + ", ".join(f"{k} {v}" for k, v in ev["changed"].items() if v not in (None, False))
    elif kind == "stream":
        text = f"stream {ev['action']}: {ev.get('message', '')}"
    elif ev["action"] == "started":
        text = f"live session {ev['id']} on {ev['source']}"
    elif ev["action"] == "ended":
        verdicts = ", ".join(f"{n} {c}" for c, n in ev.get("verdicts", {}).items()) or "no verdicts"
        text = (
            f"ended ({ev['reason']}): {ev['turns']} turns, {ev['exchanges']} exchanges, "
            f"{ev['unanswered']} unanswered; {verdicts}"
        )
    else:
        text = f"{ev['action']}: {ev.get('message', '')}"
    if not text:
        return None
    return "\n".join(f"{at} {part}" for part in text.split("\n"))
