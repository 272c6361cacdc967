"""Fixtures for the annotator tests: parsed and annotated records, built once per session."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

import pressroom
from pressroom.annotate import annotate

DATA = Path(__file__).resolve().parents[1] / "data"
ANNOTATE_DATA = DATA / "annotate"
SEED = DATA / "seed" / "nato-2021-03-22-press-conference.txt"
BIDEN_ZELENSKYY = (
    ANNOTATE_DATA
    / "2022-12-21-remarks-by-president-biden-and-president-zelenskyy-of-ukraine-in-joint-press-conference.md"
)
ECB_2015 = ANNOTATE_DATA / "is150122.en.txt"
PSAKI_0120 = ANNOTATE_DATA / "2021-01-20-press-briefing-by-press-secretary-jen-psaki-january-20-2021.md"
PSAKI_0219 = (
    ANNOTATE_DATA / "2021-02-19-press-gaggle-by-press-secretary-jen-psaki-aboard-air-force-one-en-route-kalamazoo-mi.md"
)

PIPELINE = ["entities", "topics", "talking_points", "quotes", "stats"]

_CACHE: dict = {}


def analysed(path: Path):
    """(record, source text) for `path`, parsed and run through PIPELINE (cached; callers get a copy)."""
    if path not in _CACHE:
        doc = pressroom.read_path(path)
        record = pressroom.parse_document(doc)
        annotate(record, doc.text, PIPELINE)
        _CACHE[path] = (record, doc.text)
    record, text = _CACHE[path]
    return copy.deepcopy(record), text


@pytest.fixture(scope="session")
def seed():
    return analysed(SEED)


@pytest.fixture(scope="session")
def biden_zelenskyy():
    return analysed(BIDEN_ZELENSKYY)


@pytest.fixture(scope="session")
def ecb_2015():
    return analysed(ECB_2015)
