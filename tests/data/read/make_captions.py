"""Make the caption test files for tests/read/ (run: `python tests/data/read/make_captions.py`).

Source: the White House press briefing of 4 August 2022 (Karine Jean-Pierre and John
Kirby), a US federal government work in the public domain, as stored in
brian14708/wh-briefings (CC0-1.0) and in `shared/corpus/whitehouse_md/`. The speech is
turned into captions the way caption files for such a video look:

* `briefing-hour.vtt`: the whole briefing (about 80 minutes at 165 words a minute) as
  WebVTT with `<v Name>` voice tags on every cue, two lines of at most 42 characters per
  cue — the "hour-long briefing";
* `briefing-hour.turns.json`: the turns the reader must rebuild from it (consecutive turns
  of one voice merged, as captions cannot tell two reporters apart);
* `briefing-rollup.vtt`: its first 30 turns as broadcast roll-up captions (upper case,
  `>>` at each change of speaker, each cue repeating the lines scrolled up from the last);
* `briefing-rollup.turns.json`: what the reader must rebuild from that.
"""
from __future__ import annotations

import json
import re
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).parent
SOURCE = (Path(__file__).resolve().parents[4] / "shared" / "corpus" / "whitehouse_md" /
          "2022-08-04-press-briefing-by-press-secretary-karine-jean-pierre-and-nsc-coordinator-"
          "for-strategic-communications-john-kirby-5.md")
NAMES = {"MS. JEAN-PIERRE": "Karine Jean-Pierre", "MR. KIRBY": "John Kirby", "Q": "Reporter"}
LABEL = re.compile(r"^(MS\. JEAN-PIERRE|MR\. KIRBY)[:.]\s+|^(Q)\s+")
WPM = 165


def briefing_turns(md: str) -> list[tuple[str, str]]:
    """(voice, text) turns of the briefing, from its first label to the closing time."""
    body = md.split("\n---\n", 1)[1]
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body)]
    turns: list[tuple[str, str]] = []
    for p in paragraphs:
        p = p.replace("\\", "")
        if not p or re.fullmatch(r"\d{1,2}:\d{2} [AP]\.M\. [A-Z]{3}", p):
            continue
        m = LABEL.match(p)
        if m:
            turns.append((NAMES[m.group(1) or m.group(2)], p[m.end():].strip()))
        elif turns:
            turns[-1] = (turns[-1][0], turns[-1][1] + " " + p)
    return turns


def _ts(t: float) -> str:
    h, rest = divmod(round(t * 1000), 3600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _cues(text: str) -> list[str]:
    """Cue payloads of two lines of at most 42 characters."""
    lines = textwrap.wrap(text, 42, break_long_words=False, break_on_hyphens=False)
    return ["\n".join(lines[i:i + 2]) for i in range(0, len(lines), 2)]


def voices_vtt(turns: list[tuple[str, str]]) -> str:
    out = ["WEBVTT - Press Briefing by Press Secretary Karine Jean-Pierre and NSC Coordinator John Kirby",
           "Kind: captions", "Language: en", "",
           "NOTE Made by tests/data/read/make_captions.py from the White House transcript (public domain).", ""]
    t = 2.0
    for voice, text in turns:
        for payload in _cues(text):
            dur = max(len(payload.split()) / (WPM / 60), 1.0)
            esc = payload.replace("&", "&amp;").replace("<", "&lt;")
            out += [f"{_ts(t)} --> {_ts(t + dur)}", f"<v {voice}>{esc}", ""]
            t += dur + 0.12
        t += 0.9  # a breath between speakers
    return "\n".join(out)


def merged(turns: list[tuple[str, str]]) -> list[dict]:
    out: list[dict] = []
    for voice, text in turns:
        if out and out[-1]["voice"] == voice:
            out[-1]["text"] += " " + text
        else:
            out.append({"voice": voice, "text": text})
    return out


def rollup_vtt(turns: list[tuple[str, str]]) -> str:
    """Broadcast roll-up: 32-character lines, up to 3 on screen, '>>' at a change of speaker."""
    lines: list[str] = []
    for _, text in turns:
        wrapped = textwrap.wrap(">> " + text.upper(), 32, break_long_words=False, break_on_hyphens=False)
        lines += wrapped
    out = ["WEBVTT", ""]
    t = 0.0
    screen: list[str] = []
    for line in lines:
        screen = (screen + [line])[-3:]
        dur = max(len(line.split()) / (WPM / 60), 0.8)
        payload = "\n".join(screen).replace("&", "&amp;").replace("<", "&lt;")
        out += [f"{_ts(t)} --> {_ts(t + dur)}", payload, ""]
        t += dur
    return "\n".join(out)


def main() -> None:
    if not SOURCE.exists():
        sys.exit(f"the source transcript is not here: {SOURCE}")
    turns = briefing_turns(SOURCE.read_text(encoding="utf-8"))
    (HERE / "briefing-hour.vtt").write_text(voices_vtt(turns), encoding="utf-8")
    (HERE / "briefing-hour.turns.json").write_text(json.dumps(merged(turns), indent=1, ensure_ascii=False) + "\n",
                                                  encoding="utf-8")
    first = turns[:30]
    (HERE / "briefing-rollup.vtt").write_text(rollup_vtt(first), encoding="utf-8")
    rolled = [{"marker": ">>", "text": text.upper()} for _, text in first]
    (HERE / "briefing-rollup.turns.json").write_text(json.dumps(rolled, indent=1, ensure_ascii=False) + "\n",
                                                    encoding="utf-8")
    print(f"wrote briefing-hour.vtt ({len(turns)} turns) and briefing-rollup.vtt ({len(first)} turns)")


if __name__ == "__main__":
    main()
