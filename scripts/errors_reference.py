"""Write docs/errors.md: every error code, record warning and HTTP code, from pressroom/errors.py.

    .venv/bin/python scripts/errors_reference.py > docs/errors.md

tests/test_errors.py fails when docs/errors.md differs from this script's output.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pressroom.errors import HTTP_CODES, WARNINGS, owner, catalogue, meaning  # noqa: E402


def _cell(text: str) -> str:
    return text.replace("|", "/")


def render() -> str:
    out = [
        "# Errors and warnings",
        "",
        "Generated from `pressroom/errors.py` by `scripts/errors_reference.py`; every code pressroom reports is here.",
        "",
        "## Errors",
        "",
        "The CLI prints one line, `pressroom: [CODE] message`, and exits with code 2 (an internal error:",
        'code 1); the JSON API answers `{"error": {"code": CODE, "message": …}}`. In Python each',
        "code is a class of `pressroom.errors`, all subclasses of `PressroomError`: catch them by class.",
        "A class listed under another one's code (`ReadTimeout`, `AnnotatorUnavailable`) is a finer kind",
        "of that error.",
        "",
        "| code | class | meaning | what to do |",
        "|---|---|---|---|",
    ]
    for cls in catalogue():
        own = owner(cls) is cls
        code = f"`{cls.code}`" if own else ""
        name = f"`{cls.__name__}`" + ("" if own else f" (a `{cls.__mro__[1].__name__}`)")
        hint = cls.hint if own else ""
        template = getattr(cls, "template", None)
        text = meaning(cls) + (f" Message: `{template}`." if template and "template" in vars(cls) else "")
        out.append(f"| {code} | {name} | {_cell(text)} | {_cell(hint or '')} |")
    out += [
        "",
        "## Record warnings",
        "",
        "A record keeps what the reader or the parser repaired or guessed instead of refusing the file,",
        "in `record.warnings` (`code`, `message`, and the span it concerns: `start_char`, `end_char`).",
        "",
        "| code | meaning |",
        "|---|---|",
    ]
    out += [f"| `{code}` | {_cell(text)} |" for code, text in WARNINGS.items()]
    out += [
        "",
        "## HTTP codes",
        "",
        "`pressroom serve` answers `H` and the HTTP status for what it refuses before any pressroom code",
        "runs; everything else carries one of the error codes above.",
        "",
        "| code | meaning |",
        "|---|---|",
    ]
    out += [f"| `{code}` | {_cell(text)} |" for code, text in HTTP_CODES.items()]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(render(), end="")
