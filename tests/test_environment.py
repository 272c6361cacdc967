"""docs/environment.md lists every PRESSROOM_* variable the package reads, and its defaults are
the code's."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "environment.md"
NAME = re.compile(r"PRESSROOM_[A-Z0-9_]+")
ROW = re.compile(r"^\| `(PRESSROOM_[A-Z0-9_]+)` \| (.*) \| (.*) \|$", re.M)


def documented() -> dict[str, str]:
    """Variable → its default cell, from the doc's tables."""
    rows = ROW.findall(DOC.read_text(encoding="utf-8"))
    names = [name for name, _, _ in rows]
    assert len(names) == len(set(names)), "a variable has two rows"
    return {name: default for name, _, default in rows}


def names_in(folder: Path) -> set[str]:
    """Every string constant under `folder` that is a whole PRESSROOM_* name: the names the code
    passes to os.environ / getenv, directly or through a constant or a table of limits."""
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and NAME.fullmatch(node.value):
                found.add(node.value)
    return found


def test_every_variable_the_package_reads_is_documented():
    read = names_in(ROOT / "pressroom")
    assert len(read) >= 25  # the scan finds them (29 when the table was written)
    missing = sorted(read - documented().keys())
    assert missing == [], f"add these to docs/environment.md: {missing}"


def test_every_documented_variable_is_still_used():
    used = set()
    for folder in ("pressroom", "tests", "scripts", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            if path != Path(__file__):
                used |= set(NAME.findall(path.read_text(encoding="utf-8")))
    stale = sorted(documented().keys() - used)
    assert stale == [], f"nothing uses these any more; drop their rows from docs/environment.md: {stale}"


@pytest.fixture
def bare_env(monkeypatch, tmp_path):
    """No PRESSROOM_* variable set, and a home folder without a config file."""
    import os

    for name in list(os.environ):
        if name.startswith("PRESSROOM_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path))


def code_defaults() -> dict[str, str]:
    """The code's default for each variable whose doc row gives one value, as the doc writes it."""
    from pressroom.cli.progress import INTERVAL
    from pressroom.clarity.model import clarity_dtype
    from pressroom.embed import Embedder
    from pressroom.read import limits
    from pressroom.serve.config import DEFAULT_CONFIG, resolve_settings
    from pressroom.serve.demo import requested_annotators
    from pressroom.store.url import DEFAULT_DB

    settings = resolve_settings()
    out = {
        "PRESSROOM_DB": DEFAULT_DB,
        "PRESSROOM_PROGRESS_SECONDS": f"{INTERVAL:g}",
        "PRESSROOM_EMBED_DEVICE": Embedder().device,
        "PRESSROOM_CLARITY_DTYPE": clarity_dtype(),
        "PRESSROOM_PUBLIC_READS": str(settings.public_reads).lower(),
        "PRESSROOM_MAX_UPLOAD_BYTES": str(settings.max_upload_bytes),
        "PRESSROOM_CONFIG": str(DEFAULT_CONFIG),
        "PRESSROOM_DEMO_ANNOTATORS": ",".join(requested_annotators()),
        "PRESSROOM_PARSE_SECONDS": f"{limits.WORK_SECONDS['parse'][1]:g}",
        "PRESSROOM_ANNOTATE_SECONDS": f"{limits.WORK_SECONDS['annotate'][1]:g}",
    }
    for name in (
        "PRESSROOM_READ_SECONDS",
        "PRESSROOM_MAX_PDF_PAGES",
        "PRESSROOM_MAX_STREAM_BYTES",
        "PRESSROOM_MAX_INFLATED_BYTES",
        "PRESSROOM_MAX_PAGE_CHARS",
        "PRESSROOM_MAX_ZIP_MEMBERS",
        "PRESSROOM_MAX_ZIP_RATIO",
        "PRESSROOM_MAX_CUES",
        "PRESSROOM_MAX_MARKUP_BYTES",
        "PRESSROOM_MAX_HTML_DEPTH",
        "PRESSROOM_MAX_TURNS",
    ):
        out[name] = str(limits.limit(name))
    # read once at import: the value now is the default unless the variable was set then
    import pressroom.read

    source = (ROOT / "pressroom" / "read" / "__init__.py").read_text(encoding="utf-8")
    default = re.search(r'os\.environ\.get\("PRESSROOM_MAX_BYTES", ([\d_]+)\)', source)
    assert default is not None and pressroom.read.MAX_BYTES == int(default.group(1))
    out["PRESSROOM_MAX_BYTES"] = str(pressroom.read.MAX_BYTES)
    return out


def test_the_documented_defaults_are_the_codes(bare_env):
    single = {name: cell[1:-1] for name, cell in documented().items() if re.fullmatch(r"`[^`]+`", cell)}
    assert len(single) == 22
    code = code_defaults()
    assert sorted(single.keys() - code.keys()) == [], "a default in the doc that this test does not check"
    assert {name: code[name] for name in single} == single
