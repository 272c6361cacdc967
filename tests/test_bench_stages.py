"""bench/parse_stages.py: the stages it times are the functions the parser calls."""

import importlib.util
import inspect
import re
from pathlib import Path

import pressroom.parse as parse

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _stages_module():
    spec = importlib.util.spec_from_file_location("bench_parse_stages", BENCH / "parse_stages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_stage_is_a_function_the_parser_calls():
    """A renamed stage would drop out of the timing into "other" unseen: each stage names at least
    one function of `pressroom.parse` that `parse_document` or `draft` calls."""
    stages = _stages_module().STAGES
    called = inspect.getsource(parse.parse_document) + inspect.getsource(parse.draft)
    for stage, names in stages:
        present = [n for n in names if hasattr(parse, n)]
        assert present, stage
        assert all(re.search(rf"\b{n}\(", called) for n in present), stage


def test_one_pass_times_each_stage_of_each_file(tmp_path):
    """Every stage a short briefing goes through is timed (the role model waits for longer events),
    and the parser is left as it was."""
    for k in range(3):
        (tmp_path / f"b{k}.md").write_text(
            "# Briefing\n\nMS. ROE: Good afternoon.\n\nQ: What is the plan?\n\nMS. ROE: To wait.\n", encoding="utf-8"
        )
    (tmp_path / "README.md").write_text("not a transcript\n", encoding="utf-8")
    module = _stages_module()
    spent = module.one_pass(tmp_path, every=1)
    assert spent.pop("files") == 3
    assert set(spent) == {s for s, _ in module.STAGES} | {"other", "read"}
    untimed = {k for k, v in spent.items() if v <= 0}
    assert untimed <= {"role model", "other"}, untimed
    assert parse.resolve_speakers.__module__ == "pressroom.parse.speakers"  # unwrapped after the pass


def test_a_stage_calling_another_of_its_names_counts_once():
    """A version whose `_labels` calls `detect` through the module times the labels once."""
    import time
    import types

    module = _stages_module()
    fake = types.SimpleNamespace()

    def detect():
        c0 = time.process_time()
        while time.process_time() - c0 < 0.02:
            pass

    def _labels():
        fake.detect()

    fake.detect, fake._labels = detect, _labels
    spent, depth = {"labels": 0.0}, {"labels": 0}
    module._wrap(fake, "detect", "labels", spent, depth)
    module._wrap(fake, "_labels", "labels", spent, depth)
    fake._labels()
    assert 0.02 <= spent["labels"] < 0.035  # once, not twice
