"""Does a text ask? The question mark, as most scripts print it ("?", the full-width "？"), and the
forms that ask without one in languages written without spaces (`unspaced_question_cues`:
Japanese "…でしょうか。", "…を伺います", as assembly minutes print a member's questions).
The parser's role and kind rules ask this where they once looked for "?" alone."""

from __future__ import annotations

import re

from .words import WORDS

_CUES = re.compile("|".join(sorted(map(re.escape, WORDS["unspaced_question_cues"]), key=len, reverse=True)))


def question_marked(text: str) -> bool:
    """A "?" or "？" in `text`, or an unspaced language's cue that asks (`unspaced_question_cues`)."""
    if "?" in text:
        return True
    if text.isascii():
        return False
    return "\uff1f" in text or _CUES.search(text) is not None
