"""The layers contract in pyproject.toml holds: no module imports from a layer above its own."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_layers_contract_is_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "Contracts: 2 kept, 0 broken." in done.stdout
    assert "read -> parse -> annotate -> store -> ingest -> query/serve/export -> cli KEPT" in done.stdout
    assert "no import cycle between the modules of one package KEPT" in done.stdout


def test_the_cycle_contract_finds_a_cycle(tmp_path):
    """The same contract type on a package whose two modules import each other is broken: the
    check can fail."""
    pkg = tmp_path / "cyc"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from . import b\n")
    (pkg / "b.py").write_text("def f():\n    from . import a\n")
    (tmp_path / ".importlinter").write_text(
        "[importlinter]\nroot_package = cyc\n\n[importlinter:contract:1]\nname = no cycle\n"
        "type = acyclic_siblings\nancestors =\n    cyc\n"
    )
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint), "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 1, done.stdout[-2000:] + done.stderr[-1000:]
    assert "no cycle BROKEN" in done.stdout
    assert "No cycles are allowed in cyc." in done.stdout


def test_nothing_below_the_cli_imports_it():
    """The CLI is the top layer: no module outside pressroom/cli imports it (the contract's own
    check, said plainly for whoever reads the failure)."""
    imports_cli = re.compile(r"^\s*(?:from\s+(?:\.+cli|pressroom\.cli)\b|import\s+pressroom\.cli\b)", re.M)
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "pressroom").rglob("*.py")
        if p.relative_to(ROOT / "pressroom").parts[0] != "cli"
        and p.name != "__main__.py"
        and imports_cli.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_ruff_lint_and_format_are_clean():
    ruff = Path(sys.executable).with_name("ruff")
    for args in (["check", "."], ["format", "--check", "."]):
        done = subprocess.run([str(ruff), *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"ruff {' '.join(args)}:\n" + done.stdout[-3000:] + done.stderr[-1000:]
