"""The record's published JSON Schema (generated from `pressroom.record` with pydantic).

`pressroom schema` prints it; `record.schema.json` beside this file is the published copy and a
test keeps the two identical.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..record import ROLES, SCHEMA_VERSION, TURN_KINDS, Transcript

PATH = Path(__file__).with_name("record.schema.json")


def generate() -> dict:
    from pydantic import TypeAdapter

    schema = TypeAdapter(Transcript).json_schema(mode="serialization")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://pressroom.invalid/schema/record-{SCHEMA_VERSION}.json",
        "title": "pressroom record",
        "description": "One press conference or briefing: event, speakers, turns, exchanges and annotations "
        "(`pressroom parse FILE --json`).",
        **{k: v for k, v in schema.items() if k != "title"},
    }
    schema["properties"]["schema_version"]["const"] = SCHEMA_VERSION
    schema["$defs"]["Speaker"]["properties"]["role"]["enum"] = list(ROLES)
    schema["$defs"]["Turn"]["properties"]["kind"]["enum"] = list(TURN_KINDS)
    return schema


def load() -> dict:
    return json.loads(PATH.read_text(encoding="utf-8"))


def write() -> None:
    PATH.write_text(json.dumps(generate(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
