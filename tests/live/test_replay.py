"""Every caption file and text transcript of tests/data (read, seed, corpus, batch), replayed
cue by cue or line by line on a fake clock: the record is valid after every parse (schema-valid,
nothing lost, holding every closed cue or line) and the final one is `pressroom parse`'s record
of the file, byte for byte.

Files of up to `STEPS` cues or lines are replayed one at a time; longer ones (the hour of
captions is 970 cues, and each step parses everything again) in `STEPS` equal groups, so the
suite stays short. ``PRESSROOM_LIVE_STEPS=0`` replays every file cue by cue (minutes)."""

from __future__ import annotations

import json
import os

import jsonschema
import pytest

import pressroom
from pressroom.parse.coverage import check_coverage
from pressroom.schema import load as load_schema
from tests.conftest import DATA
from tests.live.helpers import replay

STEPS = int(os.environ.get("PRESSROOM_LIVE_STEPS", "150"))
FOLDERS = ("read", "seed", "corpus", "batch")
FILES = sorted(
    p
    for folder in FOLDERS
    for p in (DATA / folder).rglob("*")
    if p.suffix in (".vtt", ".srt", ".txt", ".md") and not p.name.startswith("SOURCES")
)
VALIDATOR = jsonschema.Draft202012Validator(load_schema())


def test_the_files_are_found():
    names = {p.name for p in FILES}
    assert len(FILES) == 15
    assert {"briefing-hour.vtt", "briefing-rollup.vtt", "nato-2021-03-22-press-conference.txt"} <= names


def dump(record) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=2)


def check(session) -> None:
    """After each parse: the record is valid and holds every byte up to the last closed cue."""
    doc, record = session.doc, session.record
    assert session.parsed_upto == session.closed_upto() or session.ended
    assert doc.source["bytes"] == session.parsed_upto
    VALIDATOR.validate(record.to_dict())
    assert check_coverage(record, doc.text, doc.body_start, doc.body_end) == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_final_live_record_is_the_offline_parse(path):
    session, record = replay(path, steps=STEPS, check=check)
    assert dump(record) == dump(pressroom.parse_path(path))
    assert session.parses >= 1
    ended = session.events[-1]
    assert (ended["type"], ended["action"], ended["turns"]) == ("session", "ended", len(record.turns))
    # every turn of the final record was opened and closed, once each
    closed = [e["start_char"] for e in session.events if e["type"] == "turn" and e["action"] == "closed"]
    assert set(closed) >= {t.start_char for t in record.turns}
