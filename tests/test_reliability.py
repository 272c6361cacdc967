"""Issue 22: hostile inputs through the command line (the table of docs/reliability.md, from
bench/hostile.py), the parse budget, one definition of blank, and a fixed-seed slice of the
fuzzer (bench/fuzz.py)."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pressroom
from pressroom.parse.coverage import check_coverage

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _bench(name: str):
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


hostile = _bench("hostile")
fuzz = _bench("fuzz")


@pytest.mark.parametrize("case", hostile.CASES, ids=[c.what for c in hostile.CASES])
def test_hostile_input(case, tmp_path):
    code, line, wall, peak = hostile.run(case, tmp_path)
    assert (code, line) == (case.code, case.message)
    assert wall < hostile.SECONDS, f"{case.what} took {wall:.1f} s"
    assert peak < hostile.MEMORY / 2**20, f"{case.what} peaked at {peak:.0f} MB"


def test_parse_budget_ends_with_one_line(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from pressroom.cli import main

    (tmp_path / "flood.txt").write_bytes(fuzz_flood())
    monkeypatch.setenv("PRESSROOM_PARSE_SECONDS", "0.5")
    monkeypatch.setenv("PRESSROOM_MAX_TURNS", "10000000")  # past the label limit: the budget ends it
    result = CliRunner().invoke(main, ["parse", str(tmp_path / "flood.txt")])
    assert result.exit_code == 2
    assert result.output == (
        f"pressroom: [E007] cannot parse {tmp_path / 'flood.txt'}: it took longer than 0.5 s, "
        "the time budget per file (PRESSROOM_PARSE_SECONDS)\n"
    )


def fuzz_flood() -> bytes:
    return _bench("adversarial").label_flood(2**20)[0]


@pytest.mark.parametrize("char", ["\ufeff", "\u200b", "\u2060", "\u00a0\u3000"])
def test_invisible_characters_between_turns_lose_nothing(char):
    text = f"\ufeffMR. SMITH: Welcome.\n{char}\n\nQ: Why now?{char}\n\n{char}\n\nMR. SMITH: Because.\n{char}"
    doc = pressroom.read_bytes(("\ufeff" + text).encode("utf-8"), name="x.txt")
    record = pressroom.parse_document(doc)
    assert [t.label for t in record.turns] == ["MR. SMITH", "Q", "MR. SMITH"]
    assert check_coverage(record, doc.text, doc.body_start, doc.body_end) == []


def test_a_backslash_before_a_speaker_change_marker_is_in_the_turn():
    """Found by the 2-hour fuzz run: a caption line "\\>> GOOD AFTERNOON." (a Markdown escape the
    parser blanks) left its backslash in no span."""
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n\\>> GOOD AFTERNOON.\n\n00:00:04.000 --> 00:00:06.000\n>> HELLO.\n"
    doc = pressroom.read_bytes(vtt.encode(), name="x.vtt")
    record = pressroom.parse_document(doc)
    assert [(t.start_char, t.label, t.text) for t in record.turns] == [
        (0, ">>", "GOOD AFTERNOON."),
        (21, ">>", "HELLO."),
    ]
    assert check_coverage(record, doc.text, doc.body_start, doc.body_end) == []


def test_coverage_still_sees_lost_text():
    doc = pressroom.read_bytes(b"MR. SMITH: Welcome.\n\nQ: Why now?\n", name="x.txt")
    record = pressroom.parse_document(doc)
    record.turns = record.turns[:1]
    assert check_coverage(record, doc.text) == ["characters 19..33 after the last span lie in no span: 'Q: Why now?'"]


SEEDS = fuzz.load_seeds()


@settings(
    max_examples=800, derandomize=True, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.randoms(use_true_random=False))
def test_fuzz_slice(rng: random.Random):
    """A fixed-seed slice of bench/fuzz.py: only PressroomErrors, strict JSON, nothing lost,
    text at its offsets, time within the bound."""
    data, name = fuzz.make_input(rng, SEEDS)
    problems, _ = fuzz.check(data, name)
    assert [p for p in problems if p not in ("parsed", "refused")] == []


def test_fuzz_seeds_cover_every_format():
    formats = {pressroom.read_bytes(data, name=name).format for name, data in SEEDS}
    assert formats == {"text", "markdown", "html", "pdf", "docx", "vtt", "srt"}
