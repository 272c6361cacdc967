"""`pressroom live` as a user runs it: real processes, a source killed midway, Ctrl-C/SIGTERM."""

from __future__ import annotations

import json
import signal
import subprocess
import sys

import pressroom
from pressroom.store import open_existing
from tests.conftest import SEED

CMD = [sys.executable, "-m", "pressroom", "live"]


def run(*args, stdin=None):
    return subprocess.run([*CMD, *args], input=stdin, capture_output=True, timeout=180)


def test_replay_writes_the_same_record_as_parse(tmp_path):
    live, parsed = tmp_path / "live.json", tmp_path / "parse.json"
    p = run("--replay", str(SEED), "--speed", "1e9", "--annotators", "none", "--json", "--out", str(live))
    assert p.returncode == 0, p.stderr
    q = subprocess.run([sys.executable, "-m", "pressroom", "parse", str(SEED), "--out", str(parsed)], timeout=120)
    assert q.returncode == 0
    assert live.read_bytes() == parsed.read_bytes()
    events = [json.loads(x) for x in p.stdout.decode().splitlines()]
    assert (events[0]["action"], events[0]["mode"], events[0]["source"]) == ("started", "replay", str(SEED))
    assert (events[-1]["action"], events[-1]["turns"], events[-1]["exchanges"]) == ("ended", 42, 13)


def test_stdin_to_its_end(tmp_path):
    p = run("-", "--annotators", "none", "--out", str(tmp_path / "r.json"), stdin=SEED.read_bytes())
    assert p.returncode == 0, p.stderr
    record = json.loads((tmp_path / "r.json").read_text())
    expected = pressroom.parse_document(pressroom.read_bytes(SEED.read_bytes(), name="<stdin>")).to_dict()
    assert record == expected
    out = p.stdout.decode()
    assert "live session stdin-" in out and "ended (end of stream): 42 turns, 13 exchanges, 0 unanswered" in out


def test_bad_input_one_line_exit_2(tmp_path):
    cases = {
        ("--replay", str(tmp_path / "missing.vtt")): "[E001] cannot read",
        (str(tmp_path / "missing.vtt"),): "no such file",
        (): "give a SOURCE to follow",
        (str(SEED), "--replay", str(SEED)): "not both",
        ("--replay", str(SEED), "--speed", "0"): "--speed must be above 0",
        ("--replay", str(SEED), "--annotators", "nosuch"): "unknown annotator 'nosuch'",
        ("--replay", str(SEED), "--until-idle", "-1"): "--until-idle must be above 0, not -1.0",
    }
    for args, message in cases.items():
        p = run(*args)
        err = p.stderr.decode()
        assert p.returncode == 2, (args, err)
        assert err.count("\n") == 1 and err.startswith("pressroom: [E0") and message in err, (args, err)


def closed_turns(lines):
    """The last view of each turn closed, by its start offset."""
    closed = {}
    for ev in lines:
        if ev["type"] == "turn" and ev["action"] == "closed":
            closed[ev["start_char"]] = ev["text"]
    return closed


def test_source_killed_midway_the_stored_record_holds_every_closed_turn(tmp_path):
    db = tmp_path / "live.db"
    lines = SEED.read_bytes().splitlines(keepends=True)
    sent = b"".join(lines[:150])
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys,time; sys.stdout.buffer.write(sys.stdin.buffer.read()); sys.stdout.flush(); time.sleep(600)",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    writer.stdin.write(sent)
    writer.stdin.close()
    live = subprocess.Popen(
        [*CMD, "-", "--json", "--annotators", "none", "--db", str(db)], stdin=writer.stdout, stdout=subprocess.PIPE
    )
    writer.stdout.close()
    events = []
    for raw in live.stdout:  # wait until the session has shown closed turns, then kill the source
        events.append(json.loads(raw))
        if len(closed_turns(events)) >= 10:
            break
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    rest = live.stdout.read()  # the rest, from the same buffered reader (communicate() would skip its buffer)
    live.wait(timeout=120)
    events += [json.loads(x) for x in rest.decode().splitlines()]
    assert live.returncode == 0
    ended, stored = events[-2], events[-1]
    assert (ended["action"], ended["reason"], ended["bytes"]) == ("ended", "end of stream", len(sent))
    assert stored["action"] == "stored" and stored["status"] == "added"
    with open_existing(str(db)) as store:
        record = store.get_record(stored["event_id"])
    turns = {t["start_char"]: t["text"] for t in record["turns"]}
    closed = closed_turns(events)
    assert len(closed) >= 10
    assert all(turns[k].startswith(text) for k, text in closed.items())
    expected = pressroom.parse_document(pressroom.read_bytes(sent, name="<stdin>"))
    assert [(t["start_char"], t["text"]) for t in record["turns"]] == [(t.start_char, t.text) for t in expected.turns]


def test_sigterm_ends_a_followed_file_cleanly_and_stores_it(tmp_path):
    db = tmp_path / "live.db"
    src = tmp_path / "briefing.txt"
    src.write_bytes(SEED.read_bytes())
    live = subprocess.Popen([*CMD, str(src), "--json", "--annotators", "none", "--db", str(db)], stdout=subprocess.PIPE)
    events = []
    for raw in live.stdout:
        events.append(json.loads(raw))
        if events[-1]["action"] == "closed":
            break
    live.send_signal(signal.SIGTERM)
    rest = live.stdout.read()  # the rest, from the same buffered reader (communicate() would skip its buffer)
    live.wait(timeout=120)
    events += [json.loads(x) for x in rest.decode().splitlines()]
    assert live.returncode == 0
    assert (events[-2]["action"], events[-2]["reason"], events[-2]["turns"]) == ("ended", "stopped", 42)
    with open_existing(str(db)) as store:
        record = store.get_record(events[-1]["event_id"])
    assert len(record["turns"]) == 42
