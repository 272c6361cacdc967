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
    assert "Contracts: 1 kept, 0 broken." in done.stdout


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
