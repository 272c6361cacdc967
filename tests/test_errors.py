"""The error catalogue: every error class and code lives in pressroom/errors.py, every code the
code base writes is in it, and docs/errors.md is its generator's output, whole."""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
from pathlib import Path

from pressroom import errors
from pressroom.errors import HTTP_CODES, WARNINGS, PressroomError, catalogue, codes

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "pressroom").rglob("*.py"))


def _strings(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def test_the_catalogue_in_code_order():
    assert [(c.code, c.__name__) for c in catalogue()] == [
        ("E000", "PressroomError"),
        ("E001", "ReadError"),
        ("E001", "ReadTimeout"),
        ("E002", "ParseError"),
        ("E003", "FormatError"),
        ("E004", "StoreError"),
        ("E005", "ModelError"),
        ("E005", "AnnotatorUnavailable"),
        ("E006", "UsageError"),
        ("E007", "TimeLimitError"),
        ("E010", "AnnotatorError"),
        ("E011", "AnnotatorContractError"),
        ("E020", "QueryError"),
        ("E021", "NotFound"),
        ("E030", "ExportError"),
        ("E040", "ClarityDataError"),
        ("E041", "TestSplitError"),
        ("E050", "ClusterError"),
        ("E060", "IdentityError"),
    ]
    # one class defines each code; every class says what it means
    defined = [c for c in catalogue() if "code" in vars(c)]
    assert len({c.code for c in defined}) == len(defined) == len(codes()) == 17
    assert all(errors.meaning(c) for c in catalogue())


def test_every_error_class_is_defined_in_the_catalogue():
    """Read the source (not the imports): a class deriving from a catalogue class anywhere in
    pressroom/ must be defined in pressroom/errors.py."""
    known = {c.__name__ for c in catalogue()}
    elsewhere = []
    for path in SOURCES:
        if path == ROOT / "pressroom" / "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", None) for b in node.bases}
                if bases & known:
                    elsewhere.append(f"{path.relative_to(ROOT)}:{node.name}")
    assert elsewhere == []


def test_every_code_written_in_the_package_is_in_the_catalogue():
    found: dict[str, set[str]] = {"E": set(), "W": set(), "H": set()}
    for path in SOURCES:
        for text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            for kind, code in re.findall(r"\b(([EWH])\d{3})\b", text):
                found[code].add(kind)
    assert found["E"] and found["E"] <= set(codes())
    assert found["W"] == set(WARNINGS)
    assert found["H"] and found["H"] <= set(HTTP_CODES)
    # what the serve layer writes as literals, among them
    assert {"E000", "E002", "E006", "E021", "E030"} <= found["E"]


def test_no_error_code_is_compared_as_a_string():
    """Errors are caught by class (a record warning's code is data, and may be compared)."""
    pattern = re.compile(r"""\.code\s*(==|!=|not in|in)\s*[(\[{]?\s*["']E\d{3}""")
    hits = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in SOURCES
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert hits == []


def test_the_old_import_paths_name_the_catalogue_classes():
    where = {
        "pressroom.annotate": ["AnnotatorError", "AnnotatorUnavailable"],
        "pressroom.search": ["QueryError"],
        "pressroom.store.models": ["NotFound"],
        "pressroom.store": ["NotFound"],
        "pressroom.export": ["ExportError"],
        "pressroom.clarity.labels": ["ClarityDataError"],
        "pressroom.clarity.protocol": ["TestSplitError"],
        "pressroom.batch": ["ClusterError"],
        "pressroom.identity": ["IdentityError"],
        "pressroom.read.limits": ["ReadTimeout"],
    }
    for module, names in where.items():
        for name in names:
            assert getattr(importlib.import_module(module), name) is getattr(errors, name), f"{module}.{name}"


def test_caught_by_class():
    assert issubclass(errors.QueryError, errors.UsageError) and issubclass(errors.IdentityError, errors.UsageError)
    assert issubclass(errors.NotFound, errors.StoreError) and issubclass(errors.ReadTimeout, errors.ReadError)
    assert issubclass(errors.AnnotatorContractError, errors.AnnotatorError)
    err = errors.AnnotatorUnavailable("ghost", ImportError("No module named 'ghost'"))
    assert isinstance(err, errors.ModelError) and isinstance(err, PressroomError)
    assert str(err) == "[E005] the ghost annotator cannot be loaded (No module named 'ghost')"
    assert str(errors.ExportError("nothing\n  to export")) == "[E030] nothing to export"


def test_docs_errors_md_is_the_generators_output():
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "errors_reference.py")], capture_output=True, text=True, check=True
    ).stdout
    assert (ROOT / "docs" / "errors.md").read_text(encoding="utf-8") == out
    # and it holds every code
    for code in [*codes(), *WARNINGS, *HTTP_CODES]:
        assert f"| `{code}` |" in out
