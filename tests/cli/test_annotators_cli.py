"""`pressroom annotators [--json]`: every annotator with its version and declarations."""

from __future__ import annotations

import hashlib
import importlib
import json
from pathlib import Path

from click.testing import CliRunner

from pressroom.cli import main

DATA = Path(__file__).resolve().parents[2] / "pressroom" / "data"


def _data_hash(name: str) -> str:
    """The version suffix of an annotator with rule data, computed here from the file itself."""
    return hashlib.sha256((DATA / name).read_bytes()).hexdigest()[:8]


def run(*args):
    return CliRunner().invoke(main, list(args))


def row(name, version, requires, uses, assigns):
    keys = ("name", "available", "version", "default", "requires", "uses", "assigns")
    return dict(zip(keys, (name, True, version, True, requires, uses, assigns)))


def expected_rows():
    turns, speakers, exchanges = "transcript.turns", "transcript.speakers", "transcript.exchanges"
    return [
        row(
            "entities",
            "1+" + _data_hash("entity_aliases.json"),
            ["transcript.event", "transcript.apparatus", speakers, turns, exchanges],
            [],
            ["transcript.entities", "exchange.entities"],
        ),
        row(
            "topics",
            "1+" + _data_hash("cap_topics.json"),
            [turns, exchanges],
            ["transcript.entities"],
            ["exchange.topics", "transcript.topics"],
        ),
        row("clarity", "1", [turns, exchanges], [], ["exchange.clarity", "transcript.clarity"]),
        row("talking_points", "1", [turns, speakers], [], ["transcript.talking_points"]),
        row(
            "quotes",
            "1",
            [turns, speakers, exchanges],
            ["transcript.entities", "transcript.talking_points"],
            ["transcript.quotes"],
        ),
        row("stats", "1", [turns, speakers, exchanges], ["exchange.clarity"], ["transcript.stats"]),
    ]


def test_json_lists_every_annotator_in_pipeline_order():
    r = run("annotators", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output) == expected_rows()


def test_text_listing():
    r = run("annotators")
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert len(lines) == 6 * 4
    assert lines[:4] == [
        f"entities (version 1+{_data_hash('entity_aliases.json')}, default)",
        "  requires: transcript.event, transcript.apparatus, transcript.speakers, transcript.turns, transcript.exchanges",
        "  uses:     -",
        "  assigns:  transcript.entities, exchange.entities",
    ]
    assert lines[-4:] == [
        "stats (version 1, default)",
        "  requires: transcript.turns, transcript.speakers, transcript.exchanges",
        "  uses:     exchange.clarity",
        "  assigns:  transcript.stats",
    ]
    assert [line.split(" (")[0] for line in lines[::4]] == [
        "entities",
        "topics",
        "clarity",
        "talking_points",
        "quotes",
        "stats",
    ]


def test_an_annotator_that_cannot_load_is_listed_with_the_reason(monkeypatch):
    registry = importlib.import_module("pressroom.annotate")  # the package, not pressroom.annotate()
    monkeypatch.setitem(registry.ANNOTATOR_MODULES, "ghost", "pressroom.annotate.ghost_not_installed")
    r = run("annotators")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[-1] == (
        "ghost (cannot be loaded): [E005] the ghost annotator cannot be loaded "
        "(No module named 'pressroom.annotate.ghost_not_installed')"
    )
    rows = json.loads(run("annotators", "--json").output)
    assert rows[-1] == {
        "name": "ghost",
        "available": False,
        "error": "[E005] the ghost annotator cannot be loaded (No module named 'pressroom.annotate.ghost_not_installed')",
        "default": False,
    }
    assert rows[:-1] == expected_rows()


def test_the_listing_in_docs_annotators_md_is_the_commands_output():
    page = (Path(__file__).resolve().parents[2] / "docs" / "annotators.md").read_text(encoding="utf-8")
    shown = page.split("$ pressroom annotators\n", 1)[1].split("```", 1)[0].splitlines()
    assert shown[4] == "…"
    out = run("annotators").output.splitlines()
    assert shown[:4] == out[:4] and shown[5:] == out[-4:]
