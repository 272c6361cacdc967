"""The hostile inputs of issue 22 through the command line: exit code, the line on stderr, wall
time and peak memory of each, in a child process limited to 500 MB of address space.

    .venv/bin/python bench/hostile.py          # prints the table of docs/reliability.md

tests/test_reliability.py runs every case and checks its exit code, its message and the bounds
(10 s, 500 MB).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from adversarial import deep_html, label_flood  # noqa: E402

MEMORY = 500 * 2**20
SECONDS = 10.0
BODY = "MR. SMITH: Welcome.\n\nQ: Why now?\n\nMR. SMITH: Because.\n"


@dataclass
class Case:
    what: str  # the hostile input, as the issue names it
    args: Callable[[Path], list[str]]  # writes what it needs into the folder; the command's arguments
    code: int
    message: str  # the line on stderr ("" when none), or for exit 0 what the JSON record says
    timeout: float = 60.0
    limited: bool = True  # run under the 500 MB address-space limit


def _file(name: str, data: bytes | str) -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        (d / name).write_bytes(data.encode() if isinstance(data, str) else data)
        return ["parse", "--json", name]

    return make


def _fifo(d: Path) -> list[str]:
    os.mkfifo(d / "pipe.txt")
    return ["parse", "pipe.txt"]


def _fifo_in_folder(d: Path) -> list[str]:
    (d / "in").mkdir()
    os.mkfifo(d / "in" / "pipe.txt")
    (d / "in" / "b.txt").write_text(BODY)
    return ["ingest", "in", "--db", "x.db", "--json"]


def _utf16_caption(d: Path) -> list[str]:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nMR. SMITH: Hello.\n\n00:00:03.000 --> 00:00:04.000\nQ: Why?\n"
    (d / "odd.vtt").write_bytes(b"\xff\xfe" + text.encode("utf-16-le") + b"x")
    return ["parse", "--json", "odd.vtt"]


def _query(d: Path) -> list[str]:
    return ["search", "(" * 400 + "nato" + ")" * 400, "--db", "x.db"]


_BOMB = (
    '---\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ntitle: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n"
)
_DOTS = "MR. SMITH: Welcome.\n\nQ: Is it " + "." * 16_000 + "x true?\n\nMR. SMITH: No.\n"
_DOTS60 = "MR. SMITH: Welcome.\n\nQ: Is it " + "." * 60_000 + "x true?\n\nMR. SMITH: No.\n"

CASES = [
    Case(
        "YAML `date: 2021-13-45`",
        _file("date.md", f"---\ntitle: T\ndate: 2021-13-45\n---\n{BODY}"),
        0,
        "W003: front matter value '2021-13-45' is not a possible date or time",
    ),
    Case(
        "YAML unparseable float (`!!float abc`)",
        _file("float.md", f"---\ntitle: !!float abc\n---\n{BODY}"),
        0,
        "W003: front matter value 'abc' is not a number",
    ),
    Case(
        "YAML `!!binary`",
        _file("binary.md", f"---\ntitle: !!binary aGVsbG8=\n---\n{BODY}"),
        0,
        "W003: front matter value 'aGVsbG8=' is binary data, kept as its base64 text",
    ),
    Case(
        "YAML `.nan`",
        _file("nan.md", f"---\ntitle: .nan\n---\n{BODY}"),
        0,
        "W003: front matter value '.nan' is not a finite number",
    ),
    Case(
        "335-byte YAML alias bomb",
        _file("bomb.md", _BOMB + BODY),
        2,
        "pressroom: [E001] cannot read bomb.md: its YAML front matter expands to over 10,000 values "
        "(an alias bomb); refusing to read it",
    ),
    Case(
        "UTF-16 caption with an odd byte count",
        _utf16_caption,
        2,
        "pressroom: [E001] cannot read odd.vtt: it starts with a utf-16 byte-order mark but is not valid utf-16",
    ),
    Case(
        "search query with 400 nested brackets",
        _query,
        2,
        "pressroom: [E020] the query nests too deeply: brackets and NOTs more than 16 levels deep",
    ),
    Case(
        "`pressroom parse /dev/zero`",
        lambda d: ["parse", "/dev/zero"],
        2,
        "pressroom: [E001] cannot read /dev/zero: it is a character device, not a file",
    ),
    Case(
        "a FIFO with no writer",
        _fifo,
        2,
        "pressroom: [E001] cannot read pipe.txt: it is a named pipe (FIFO), not a file",
    ),
    Case("16,000 dots inside a question", _file("dots.txt", _DOTS), 0, "3 turns"),
    Case("60 kB of dots inside a question", _file("dots60.txt", _DOTS60), 0, "3 turns"),
    Case(
        "200,000 nested `<div>`s",
        _file("deep.html", deep_html(200_000 * 11)[0]),
        2,
        "pressroom: [E001] cannot read deep.html: its HTML nests elements more than 512 deep "
        "(the limit is PRESSROOM_MAX_HTML_DEPTH)",
    ),
    Case(
        "U+FEFF, U+200B, U+2060 on the lines between turns",
        _file("invisible.txt", "MR. SMITH: Welcome.\n\ufeff\n\nQ: Why now?\n\u200b\n\u2060\n\nMR. SMITH: Because.\n"),
        0,
        "3 turns",
    ),
    Case(
        "256 kB of `Q:` lines",
        _file("flood.txt", label_flood(2**18)[0]),
        2,
        "pressroom: [E002] cannot parse flood.txt: it holds more than 80000 speaker labels, over the limit of 20000 "
        "(PRESSROOM_MAX_TURNS)",
    ),
    Case(
        "48 kB of `Q` lines in one paragraph", _file("q-para.txt", "MR. SMITH: Hi.\n" + "Q    \n" * 8000), 0, "1 turns"
    ),
    Case(
        "a FIFO inside a folder given to `ingest`",
        _fifo_in_folder,
        0,
        "1 added; [E001] cannot read in/pipe.txt: it is a named pipe (FIFO), not a file",
        timeout=10.0,
    ),
]


def run(case: Case, folder: Path) -> tuple[int, str, float, float]:
    """(exit code, the outcome line, wall seconds, peak MB) of one case in a limited child."""
    args = case.args(folder)
    hwm = folder / "vmhwm.txt"
    boot = (
        "import atexit, runpy, sys\n"
        "def _hwm():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('VmHWM:'):\n"
        f"            open({str(hwm)!r}, 'w').write(line.split()[1])\n"
        "atexit.register(_hwm)\n"
        "sys.argv = ['pressroom'] + sys.argv[1:]\n"
        "runpy.run_module('pressroom', run_name='__main__', alter_sys=True)\n"
    )

    def limits():
        if case.limited:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    start = time.monotonic()
    try:
        proc = subprocess.run(
            [sys.executable, "-c", boot, *args],
            capture_output=True,
            preexec_fn=limits,
            cwd=folder,
            env=env,
            timeout=case.timeout,
        )
        code, out, err = proc.returncode, proc.stdout.decode(errors="replace"), proc.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired:
        code, out, err = -9, "", ""
    wall = time.monotonic() - start
    peak = int(hwm.read_text()) / 1024 if hwm.exists() else float("nan")
    return code, _outcome(code, out, err), wall, peak


def _outcome(code: int, out: str, err: str) -> str:
    if code != 0:
        return err.strip() if err.count("\n") <= 1 else f"{err.count(chr(10))} lines: " + err.strip()[-120:]
    record = json.loads(out)
    if "failures" in record:  # ingest's summary
        return f"{record['added']} added; " + "; ".join(f["reason"] for f in record["failures"])
    if record["warnings"]:
        return "; ".join(f"{w['code']}: {w['message']}" for w in record["warnings"])
    return f"{len(record['turns'])} turns"


def main() -> None:
    print("| hostile input | exit code | message (stderr) or outcome | wall time | peak memory |")
    print("|---|---|---|---|---|")
    for case in CASES:
        with tempfile.TemporaryDirectory() as d:
            code, line, wall, peak = run(case, Path(d))
        shown = "killed after 10 s (blocked)" if code == -9 else line.replace("|", "\\|")
        print(f"| {case.what} | {code if code != -9 else '—'} | {shown} | {wall:.2f} s | {peak:.0f} MB |", flush=True)


if __name__ == "__main__":
    main()
