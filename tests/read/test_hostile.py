"""Broken and hostile inputs through the command line, in a subprocess with resource limits:
each must end with one clear line on stderr and exit code 2, within 5 s and 500 MB."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pressroom.read import MAX_BYTES

from .conftest import CORPUS, READ_DATA

MEMORY = 500 * 2**20  # address-space limit for the child, and the ceiling its peak RSS must stay under
SECONDS = 5.0


def run_limited(args: list[str], cwd: Path) -> tuple[int, str, str, float, float]:
    """Run `python -m pressroom ARGS` under RLIMIT_AS; returns (exit code, stdout, stderr,
    wall seconds, peak RSS in MB). The peak is the child's own VmHWM, written by the child at exit:
    wait4's ru_maxrss would also count the memory of this (large) test process at fork time."""

    def limits():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
        resource.setrlimit(resource.RLIMIT_CPU, (30, 30))

    out_path, err_path = cwd / "stdout.txt", cwd / "stderr.txt"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PRESSROOM_READ_SECONDS", None)
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.monotonic()
        hwm_path = cwd / "vmhwm.txt"
        boot = (
            "import atexit, runpy, sys\n"
            "def _hwm():\n"
            "    for line in open('/proc/self/status'):\n"
            "        if line.startswith('VmHWM:'):\n"
            f"            open({str(hwm_path)!r}, 'w').write(line.split()[1])\n"
            "atexit.register(_hwm)\n"
            "sys.argv = ['pressroom'] + sys.argv[1:]\n"
            "runpy.run_module('pressroom', run_name='__main__', alter_sys=True)\n"
        )
        proc = subprocess.Popen(
            [sys.executable, "-c", boot, *args], stdout=out, stderr=err, preexec_fn=limits, cwd=cwd, env=env
        )
        killer = threading.Timer(60, proc.kill)  # a hang must not hang the suite
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        wall = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak_kb = int(hwm_path.read_text()) if hwm_path.exists() else usage.ru_maxrss
    return (
        proc.returncode,
        out_path.read_text(errors="replace"),
        err_path.read_text(errors="replace"),
        wall,
        peak_kb / 1024,
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, make_pdfs):
    d = tmp_path_factory.mktemp("hostile")
    fomc = (CORPUS / "FOMCpresconf20220615.pdf").read_bytes()
    (d / "truncated.pdf").write_bytes(make_pdfs.truncated_pdf(fomc, keep=0.5))
    (d / "encrypted.pdf").write_bytes(make_pdfs.encrypted_pdf(fomc, user_password="s3cret"))
    (d / "blank-5000.pdf").write_bytes(make_pdfs.blank_pages_pdf(5000))
    (d / "zip-bomb.docx").write_bytes((READ_DATA / "zip-bomb.docx").read_bytes())
    (d / "stream-bomb.pdf").write_bytes(make_pdfs.stream_bomb_pdf(300 * 2**20))
    with open(d / "upload-500mb.pdf", "wb") as fh:  # sparse: takes no disk space
        fh.truncate(500 * 2**20)
    (d / "no-text.html").write_text(
        "<!DOCTYPE html><html><head><title>Briefing</title><script>var q = 'Q: where is the text?';</script>"
        "<style>p { color: red }</style></head><body><nav><ul><li><a href='/'>Home</a></li></ul></nav>"
        "<div class='content'><p>&nbsp;</p><p><img src='photo.jpg' alt='the spokesperson'></p></div>"
        "<div style='display:none'>hidden related news</div></body></html>",
        encoding="utf-8",
    )
    # an hour of good captions with one broken time code deep inside
    lines = (READ_DATA / "briefing-hour.vtt").read_text(encoding="utf-8").split("\n")
    k = [i for i, ln in enumerate(lines) if "-->" in ln][700]
    lines[k] = lines[k].replace(".", ";", 1)
    (d / "bad-timecodes.vtt").write_text("\n".join(lines), encoding="utf-8")
    return d, k + 1, lines[k]


CASES = [
    ("truncated.pdf", "the PDF is truncated (no end-of-file marker); it may have been cut off while downloading"),
    ("encrypted.pdf", "the PDF is encrypted (password-protected)"),
    ("zip-bomb.docx", "word/document.xml would inflate 1028-fold to 200 MB (a zip bomb); refusing to unpack it"),
    ("no-text.html", "the page holds no text"),
    ("blank-5000.pdf", "the PDF has 5000 pages, over the limit of 1000 (PRESSROOM_MAX_PDF_PAGES)"),
    ("stream-bomb.pdf", "a compressed stream inflates to over 64 MB (a decompression bomb); refusing to read it"),
    ("upload-500mb.pdf", f"it is 524 MB, over the {MAX_BYTES / 1e6:.0f} MB limit"),
]


@pytest.mark.parametrize("name,message", CASES)
def test_hostile_input_is_a_clear_error(hostile, name, message):
    folder, line_no, line = hostile
    if message is None:
        message = f"bad time code on line {line_no} ({line.strip()!r}); expected HH:MM:SS.mmm --> HH:MM:SS.mmm"
    code, out, err, wall, rss = run_limited(["parse", name], folder)
    assert (code, out) == (2, "")
    assert err == f"pressroom: [E001] cannot read {name}: {message}\n"
    assert wall < SECONDS, f"{name} took {wall:.1f} s"
    assert rss < MEMORY / 2**20, f"{name} peaked at {rss:.0f} MB"
