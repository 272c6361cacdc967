"""The parser's word lists, loaded from pressroom/data/parse_words.json (where each says what it is
for and where it comes from): rules are code, the words they read are data."""

from __future__ import annotations

import json
import re
from pathlib import Path

PATH = Path(__file__).resolve().parents[1] / "data" / "parse_words.json"


def _load() -> dict[str, frozenset[str]]:
    data = json.loads(PATH.read_text(encoding="utf-8"))
    return {key: frozenset(entry["words"]) for key, entry in data.items() if not key.startswith("_")}


#: every list by its name in the file ("title_words", "not_labels", …)
WORDS = _load()


def any_of(key: str) -> re.Pattern:
    """A case-blind pattern for any phrase of list ``key``, as whole words."""
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, WORDS[key]))) + r")\b", re.I)
