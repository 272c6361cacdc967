"""Live sessions in the server: the list, the page, the Server-Sent Events stream (resumed with
Last-Event-ID), and, in a real browser, turns and a verdict arriving during a replay without a
reload."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from pressroom.live import LiveSession, ReplaySource, run
from pressroom.live.spool import SpoolWriter
from tests.live.helpers import FakeJudge, replay
from tests.live.test_session import SMALL_VTT

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture
def spool_dir(tmp_path, monkeypatch):
    d = tmp_path / "live"
    monkeypatch.setenv("PRESSROOM_LIVE_DIR", str(d))
    return d


@pytest.fixture
def finished(spool_dir, tmp_path):
    """A finished session's events, written as `pressroom live --publish` writes them."""
    src = tmp_path / "small.vtt"
    src.write_bytes(SMALL_VTT)
    session, _ = replay(src, speed=1.0, judge=FakeJudge())
    writer = SpoolWriter(spool_dir, "small-20260101T000000")
    for ev in session.events:
        writer(ev)
    writer.close()
    return session.events


def parse_sse(text: str) -> list[dict]:
    out = []
    for block in text.split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line and not line.startswith(":"))
        if "data" in fields:
            ev = json.loads(fields["data"])
            assert (fields["id"], fields["event"]) == (str(ev["seq"]), ev["type"])
            out.append(ev)
    return out


def test_the_list_and_the_api_list(client, finished):
    r = client.get("/api/v1/live")
    assert r.status_code == 200
    [s] = r.json()["sessions"]
    assert (s["id"], s["live"], s["reason"], s["turns"], s["questions"], s["unanswered"]) == (
        "small-20260101T000000",
        False,
        "end of stream",
        5,
        2,
        0,
    )
    page = client.get("/live")
    assert page.status_code == 200 and 'href="/live/small-20260101T000000"' in page.text


def test_the_event_stream_and_its_resumption(client, finished):
    r = client.get("/api/v1/live/small-20260101T000000/events")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    assert parse_sse(r.text) == finished
    r = client.get("/api/v1/live/small-20260101T000000/events", headers={"Last-Event-ID": "20"})
    assert [e["seq"] for e in parse_sse(r.text)] == [e["seq"] for e in finished if e["seq"] > 20]
    assert len(finished) == 22
    assert [e["seq"] for e in parse_sse(client.get("/api/v1/live/small-20260101T000000/events?after=21").text)] == [22]
    assert parse_sse(client.get("/api/v1/live/small-20260101T000000/events?after=22").text) == []  # ended: closed


def test_unknown_sessions_are_404(client, spool_dir):
    assert client.get("/live/nosuch").status_code == 404
    assert client.get("/api/v1/live/nosuch/events").status_code == 404
    assert client.get("/api/v1/live/..%2Fetc/events").status_code == 404
    assert client.get("/api/v1/live").json() == {"sessions": []}


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (/usr/bin/chromium)")
def test_turns_and_a_verdict_arrive_without_a_reload(live, spool_dir, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    src_path = tmp_path / "small.vtt"
    src_path.write_bytes(SMALL_VTT)
    sid = "small-live"
    spool_dir.mkdir(parents=True, exist_ok=True)
    writer = SpoolWriter(spool_dir, sid)
    source = ReplaySource(src_path, speed=4.0)  # 38 s of captions in about 10 s
    session = LiveSession(source.name, sid, judge=FakeJudge(), emit=writer)
    session.start(mode="replay")
    go = threading.Event()
    thread = threading.Thread(target=lambda: (go.wait(30), run(source, session), writer.close()), daemon=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--headless=new"]
        )
        page = browser.new_page()
        problems = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(f"{live.url}/live/{sid}")
        page.evaluate(
            "window.notReloaded = true; window.sawOpen = false;"
            "new MutationObserver(() => { if (document.querySelector('#live-turns .open-question')) window.sawOpen = true; })"
            ".observe(document.getElementById('live-turns'), {subtree: true, childList: true, attributes: true})"
        )
        thread.start()
        go.set()
        page.wait_for_selector("#live-turns article.turn", timeout=20_000)
        page.wait_for_selector("#live-turns .verdict", timeout=30_000)
        expect(page.locator("#live-state")).to_have_text("ended (end of stream)", timeout=30_000)
        assert page.evaluate("window.notReloaded") is True
        assert page.evaluate("window.sawOpen") is True  # a question on the floor was highlighted
        assert page.locator("#live-turns .open-question").count() == 0  # until its verdict came
        assert page.locator("#live-turns article.turn").count() == 5
        assert page.locator("#n-questions").inner_text() == "2"
        assert page.locator("#n-unanswered").inner_text() == "0"
        assert page.locator(".verdict").all_inner_texts() == ["Clear Reply p 1.00", "Clear Reply p 1.00"]
        assert page.locator("#live-t3 .turn-text").inner_text().startswith("We have nothing to announce today.")
        assert problems == []
        browser.close()
    thread.join(10)
