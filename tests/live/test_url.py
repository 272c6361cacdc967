"""`pressroom live http(s)://…`: a WebVTT file that grows, and an HLS playlist of WebVTT segments,
served by a local HTTP server (nothing leaves the machine)."""

from __future__ import annotations

import functools
import http.server
import json
import threading

import pytest

import pressroom
from pressroom.live import LiveSession, Timing, UrlSource, run
from tests.live.helpers import ScriptedClock
from tests.live.test_bad_streams import CUES


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def server(tmp_path):
    handler = functools.partial(Quiet, directory=str(tmp_path))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", tmp_path
    httpd.shutdown()
    httpd.server_close()


def test_a_growing_webvtt_file_over_http(server):
    url, root = server
    (root / "live.vtt").write_bytes(b"WEBVTT\n\n" + CUES[0] + CUES[1])

    def more():
        with open(root / "live.vtt", "ab") as f:
            f.write(CUES[2] + CUES[3])

    session = LiveSession(f"{url}/live.vtt")
    clock = ScriptedClock([(2.5, more)])
    record = run(UrlSource(f"{url}/live.vtt", clock=clock), session, Timing(until_idle=3.0))
    whole = b"WEBVTT\n\n" + b"".join(CUES[:4])
    assert bytes(session.data) == whole
    expected = pressroom.parse_document(pressroom.read_bytes(whole, name=f"{url}/live.vtt"))
    assert json.dumps(record.to_dict()) == json.dumps(expected.to_dict())
    assert [e["action"] for e in session.events if e["type"] == "stream"] == []


def test_an_hls_playlist_of_webvtt_segments(server):
    url, root = server
    for i in range(3):
        (root / f"seg{i}.vtt").write_bytes(b"WEBVTT\nX-TIMESTAMP-MAP=LOCAL:00:00:00.000,MPEGTS:0\n\n" + CUES[i])
    (root / "subs.m3u8").write_text("#EXTM3U\n#EXT-X-TARGETDURATION:10\nseg0.vtt\nseg1.vtt\n")

    def more():
        (root / "subs.m3u8").write_text(
            "#EXTM3U\n#EXT-X-TARGETDURATION:10\nseg0.vtt\nseg1.vtt\nseg2.vtt\n#EXT-X-ENDLIST\n"
        )

    session = LiveSession(f"{url}/subs.m3u8")
    record = run(UrlSource(f"{url}/subs.m3u8", clock=ScriptedClock([(2.5, more)])), session, Timing(until_idle=30.0))
    assert session.events[-1]["reason"] == "end of stream"  # #EXT-X-ENDLIST
    assert bytes(session.data) == (
        b"WEBVTT\nX-TIMESTAMP-MAP=LOCAL:00:00:00.000,MPEGTS:0\n\n" + CUES[0] + CUES[1] + CUES[2]
    )
    assert [t.text for t in record.turns] == [
        "Good afternoon. Next question, please.",
        "Will you raise interest rates this year?",
        "We have nothing to announce today.",
    ]


def test_a_server_that_stops_answering_is_gone(server):
    url, _ = server
    session = LiveSession(f"{url}/missing.vtt")
    assert run(UrlSource(f"{url}/missing.vtt", clock=ScriptedClock()), session, Timing(until_idle=2.0)) is None
    stream = [(e["action"], e["message"]) for e in session.events if e["type"] == "stream"]
    assert [a for a, _ in stream] == ["gone"]
    assert "HTTP Error 404" in stream[0][1]


def test_the_command_follows_a_url(server):
    import subprocess
    import sys

    url, root = server
    (root / "live.vtt").write_bytes(b"WEBVTT\n\n" + b"".join(CUES))
    p = subprocess.run(
        [sys.executable, "-m", "pressroom", "live", f"{url}/live.vtt", "--until-idle", "1.5", "--annotators", "none"],
        capture_output=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    assert "ended (idle for 1.5 s): 5 turns, 2 exchanges, 0 unanswered" in p.stdout.decode()
    p = subprocess.run(
        [sys.executable, "-m", "pressroom", "live", f"{url}/none.vtt", "--until-idle", "1", "--annotators", "none"],
        capture_output=True,
        timeout=120,
    )
    assert p.returncode == 2
    assert p.stderr.decode() == f"pressroom: [E001] cannot read {url}/none.vtt: nothing was received\n"
