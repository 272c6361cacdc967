"""The annotator registry's pipeline: work computed ahead in a thread, written in order."""

import threading
import time

import pytest

from pressroom import annotate as annotate_fn
from pressroom.record import Event, Transcript

registry = __import__("pressroom.annotate", fromlist=["_REGISTRY"])


class _Boom:
    name = "test_boom"
    requires: list[str] = []
    assigns = ["transcript.test_boom"]

    def __call__(self, transcript, source_text):
        raise ValueError("boom")


class _Slow:
    name = "test_slow"
    requires: list[str] = []
    assigns = ["transcript.test_slow"]
    release = threading.Event()

    def prepare(self, transcript, source_text):
        self.release.wait(5)
        return lambda: transcript.annotations.__setitem__("test_slow", "done")


class _Mark:
    name = "test_mark"
    requires: list[str] = []
    assigns = ["transcript.test_mark"]

    def __call__(self, transcript, source_text):
        transcript.annotations["test_mark"] = "done"


@pytest.fixture()
def fakes():
    for cls in (_Boom, _Slow, _Mark):
        registry._REGISTRY[cls.name] = cls
    _Slow.release.clear()
    yield
    _Slow.release.set()
    for cls in (_Boom, _Slow, _Mark):
        registry._REGISTRY.pop(cls.name, None)
        registry._INSTANCES.pop(cls.name, None)


def test_an_error_before_the_work_ahead_comes_out_at_once(fakes):
    t0 = time.perf_counter()
    with pytest.raises(ValueError, match="boom"):
        annotate_fn(Transcript(event=Event()), "", ["test_boom", "test_slow"])
    assert time.perf_counter() - t0 < 2  # not after the 5 s the prepare step would take


def test_work_ahead_is_written_at_its_place(fakes):
    _Slow.release.set()
    t = annotate_fn(Transcript(event=Event()), "", ["test_slow", "test_mark"])
    assert list(t.annotations) == ["test_slow", "test_mark", "pipeline"]
    assert t.annotations["test_slow"] == "done"
