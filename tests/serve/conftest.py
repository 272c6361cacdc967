"""Fixtures for the server tests: a SQLite store holding the NATO seed (with deterministic
test annotations) and the XSS transcript, apps over it, and a live uvicorn for the browser.

The annotations are made here, not by the annotators: the tests check how the server shows
verdicts, evidence, topics and entities, so they must not move when a model is retrained.
Clarity verdicts cycle through the three classes by question; evidence cues come from the
real cue lexicon (`pressroom.clarity.evidence.find_cues`) over the answer turns.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest

import pressroom
from pressroom.record import Transcript

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SEED = HERE.parent / "data" / "seed" / "nato-2021-03-22-press-conference.txt"
XSS = DATA / "xss-briefing.md"
ARTIFACTS = HERE.parents[1] / "test-artifacts" / "serve"
TOKEN = "test-token-0123456789abcdef"
CLASSES = ("Clear Reply", "Ambivalent", "Clear Non-Reply")
EVASION = {"Clear Reply": "Explicit", "Ambivalent": "General", "Clear Non-Reply": "Declining to answer"}
ENTITIES = {"NATO": "organisation", "Russia": "country", "Afghanistan": "country", "China": "country"}


def annotate_for_tests(t: Transcript) -> Transcript:
    """Deterministic clarity, topics and entities annotations in the annotators' shapes."""
    from pressroom.clarity.evidence import find_cues

    n = 0
    for i, x in enumerate(t.exchanges):
        items = []
        for q in x.questions:
            if not x.answer_turns:
                items.append({"question": q.id, "clarity": None, "unanswered": True})
                continue
            label = CLASSES[n % 3]
            n += 1
            cues = []
            for tid in x.answer_turns:
                turn = t.turn(tid)
                for c in find_cues(turn.text):
                    cues.append(
                        {
                            "cue": c.cue,
                            "type": c.type,
                            "turn": tid,
                            "start_char": turn.text_start + c.start,
                            "end_char": turn.text_start + c.end,
                            "text": c.text,
                        }
                    )
            first = t.turn(x.answer_turns[0])
            sentence = re.match(r"[^.?!]*[.?!]", first.text)
            addressing = (
                [
                    {
                        "turn": first.id,
                        "start_char": first.text_start + sentence.start(),
                        "end_char": first.text_start + sentence.end(),
                        "text": sentence.group(),
                        "score": 0.61,
                    }
                ]
                if sentence and label != "Clear Non-Reply"
                else []
            )
            items.append(
                {
                    "question": q.id,
                    "clarity": label,
                    "clarity_probs": {c: (0.8 if c == label else 0.1) for c in CLASSES},
                    "evasion": EVASION[label],
                    "evidence": {"addressing": addressing, "cues": cues, "topic_shift": 0.25},
                }
            )
        x.annotations["clarity"] = items
        topic = "Defense" if i % 2 == 0 else "International Affairs"
        x.annotations["topics"] = {"primary": topic, "labels": [{"topic": topic, "score": 3.0}], "keyphrases": []}
    mentions = []
    for turn in t.turns:
        for name, kind in ENTITIES.items():
            for m in re.finditer(rf"\b{name}\b", turn.text):
                mentions.append(
                    {
                        "turn": turn.id,
                        "start_char": turn.text_start + m.start(),
                        "end_char": turn.text_start + m.end(),
                        "text": name,
                        "canonical": name,
                        "type": kind,
                        "id": f"{kind}:{name}",
                    }
                )
    by_turn: dict[str, list] = {}
    for m in mentions:
        by_turn.setdefault(m["turn"], []).append(m)
    for x in t.exchanges:
        counts: dict[str, int] = {}
        for tid in [*x.question_turns, *x.answer_turns]:
            for m in by_turn.get(tid, []):
                counts[m["canonical"]] = counts.get(m["canonical"], 0) + 1
        x.annotations["entities"] = [
            {"id": f"{ENTITIES[k]}:{k}", "canonical": k, "type": ENTITIES[k], "count": c}
            for k, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
    totals: dict[str, int] = {}
    for m in mentions:
        totals[m["canonical"]] = totals.get(m["canonical"], 0) + 1
    t.annotations["entities"] = {
        "model": "test",
        "mentions": mentions,
        "entities": [
            {"id": f"{ENTITIES[k]}:{k}", "canonical": k, "type": ENTITIES[k], "count": c} for k, c in totals.items()
        ],
    }
    t.annotations["pipeline"] = ["entities", "topics", "clarity"]
    return t


@pytest.fixture(scope="session")
def seed_transcript() -> Transcript:
    return annotate_for_tests(pressroom.parse_path(SEED))


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory, seed_transcript) -> str:
    """A SQLite store file with the annotated seed and the XSS transcript (built once; the
    tests that write use `fresh_db`)."""
    from pressroom.store import open_store

    path = tmp_path_factory.mktemp("serve") / "corpus.db"
    with open_store(str(path)) as store:
        store.add(Transcript.from_dict(seed_transcript.to_dict()))
        store.add(pressroom.parse_path(XSS))
    return str(path)


@pytest.fixture
def fresh_db(tmp_path, corpus_db) -> str:
    """A copy of the corpus store that a test may write to."""
    import shutil

    from pressroom.store import open_store

    with open_store(corpus_db) as s:  # fold the WAL in before copying
        s.engine.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    target = tmp_path / "corpus.db"
    shutil.copy(corpus_db, target)
    return str(target)


@pytest.fixture(scope="session")
def seed_id(corpus_db) -> str:
    from pressroom.store import open_store

    with open_store(corpus_db) as s:
        return next(e.id for e in s.events().events if e.organisation == "NATO")


@pytest.fixture(scope="session")
def xss_id(corpus_db) -> str:
    from pressroom.store import open_store

    with open_store(corpus_db) as s:
        return next(e.id for e in s.events().events if e.date == "2023-05-04")


@pytest.fixture(scope="session")
def app(corpus_db):
    from pressroom.serve import create_app

    return create_app(corpus_db, token=TOKEN, public_reads=True, max_upload_bytes=64 * 1024)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


class LiveServer:
    """uvicorn serving an app on 127.0.0.1 (a free port) in a background thread."""

    def __init__(self, app):
        import uvicorn

        self.sock = free_socket()
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


@pytest.fixture(scope="session")
def live(app):
    with LiveServer(app) as server:
        yield server
