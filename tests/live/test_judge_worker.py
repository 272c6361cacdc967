"""Verdicts in a worker thread: a judgement never holds up the stream, an answer extended before
its judgement starts is judged once (as it stands then), exchanges waiting together are judged
together, and sentences already embedded are not embedded again."""

from __future__ import annotations

import threading

import numpy as np

from pressroom.live.judge import CachedEmbedder, JudgeWorker
from tests.live.helpers import FakeJudge, replay
from tests.live.test_session import SMALL_VTT


class CountingEmbedder:
    """A vector per text from its length; remembers each call's texts."""

    def __init__(self):
        self.calls = []

    def embed(self, texts):
        self.calls.append(list(texts))
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32).reshape(len(texts), 2)


def test_cached_embedder_embeds_each_text_once():
    inner = CountingEmbedder()
    cached = CachedEmbedder(lambda: inner)
    first = cached.embed(["ab", "abc", "ab"])
    second = cached.embed(["abc", "abcd"])
    assert inner.calls == [["ab", "abc"], ["abcd"]]
    assert first.tolist() == [[2.0, 1.0], [3.0, 1.0], [2.0, 1.0]]
    assert second.tolist() == [[3.0, 1.0], [4.0, 1.0]]
    assert cached.embedded == 3
    assert cached.embed([]).shape == (0, 2)


def test_worker_coalesces_jobs_of_the_same_key_and_hands_the_waiting_ones_together():
    started, release, batches = threading.Event(), threading.Event(), []

    def run_jobs(jobs):
        batches.append(jobs)
        started.set()
        release.wait(5)

    worker = JudgeWorker(run_jobs)
    worker.submit("x1", "x1 as it stood at 12 s")
    assert started.wait(5)  # x1 is being judged: what comes now waits
    worker.submit("x2", "x2 at 37 s")
    worker.submit("x1", "x1 again at 33 s")
    worker.submit("x2", "x2 at 41 s")  # replaces x2 at 37 s, before its judgement began
    release.set()
    worker.close()
    assert batches == [["x1 as it stood at 12 s"], ["x2 at 41 s", "x1 again at 33 s"]]


class BackgroundJudge(FakeJudge):
    background = True

    def many(self, record, exchanges, text):
        return [self(record, x, text) for x in exchanges]


def test_background_verdicts_are_those_given_in_line(tmp_path):
    """The same final verdict per exchange, and nothing given after the session ended."""
    small = tmp_path / "small.vtt"
    small.write_bytes(SMALL_VTT)

    def verdicts(judge):
        session, record = replay(small, speed=1.0, judge=judge)
        assert session.events[-1]["action"] == "ended"
        last = {}
        for e in session.events:
            if e["type"] == "exchange" and e["action"] in ("verdict", "revised"):
                last[e["id"]] = (e["answer_turns"], e["verdicts"])
        firsts = [e["id"] for e in session.events if e["action"] == "verdict"]
        return last, sorted(firsts), session.events[-1]["verdicts"]

    inline = verdicts(FakeJudge())
    background = verdicts(BackgroundJudge())
    assert inline == background
    assert inline[0] == {
        "x1": (["t3"], [{"question": "x1.q1", "clarity": "Clear Reply", "confidence": 1.0}]),
        "x2": (["t5"], [{"question": "x2.q1", "clarity": "Clear Reply", "confidence": 1.0}]),
    }
    assert inline[1] == ["x1", "x2"]
