"""Shared helpers for the reader tests: test-data paths, the generators, the gold self-check."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

READ_DATA = Path(__file__).resolve().parents[1] / "data" / "read"
CORPUS = READ_DATA / "corpus"
SHARED_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SHARED_GOLD = Path(__file__).resolve().parents[3] / "shared" / "corpus-gold"


def load_generator(name: str):
    """Import tests/data/read/make_<name>.py as a module."""
    path = READ_DATA / f"make_{name}.py"
    spec = importlib.util.spec_from_file_location(f"make_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def make_pdfs():
    return load_generator("pdfs")


@pytest.fixture(scope="session")
def make_docx():
    return load_generator("docx")


_WS = re.compile(r"[\s\u00a0]+")


def gold_starts_problems(text: str, gold: dict) -> list[str]:
    """Every gold `starts_with` must occur, in order, at the start of a paragraph or right
    after a label opening that paragraph. Returns the problems found (empty: all good)."""
    paragraphs = [_WS.sub(" ", p).strip() for p in text.split("\n\n")]
    flat, starts = "", []
    for p in paragraphs:
        if flat:
            flat += " "
        starts.append(len(flat))
        flat += p
    problems, pos = [], 0
    for i, turn in enumerate(gold["turns"]):
        sw = turn["starts_with"]
        k = flat.find(sw, pos)
        if k < 0:
            problems.append(f"turn {i}: {sw!r} not found")
            continue
        prefix = flat[max(s for s in starts if s <= k) : k]
        label = turn.get("label")
        at_label = label is not None and prefix.strip().rstrip(":.-").strip() == label
        if prefix and not at_label:
            problems.append(f"turn {i}: {sw!r} is not at a paragraph start (after {prefix[-60:]!r})")
        pos = k + len(sw)
    return problems


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
