"""Every command and option is documented; the README's first screen holds the two set-up commands."""

from pathlib import Path

import click

from pressroom.cli import main

ROOT = Path(__file__).resolve().parents[1]


def commands(cmd, path):
    yield path, cmd
    if isinstance(cmd, click.Group):
        for name, sub in cmd.commands.items():
            yield from commands(sub, path + [name])


def test_every_command_and_option_is_documented():
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = []
    for path, cmd in commands(main, ["pressroom"]):
        if len(path) == 1:
            continue
        section = f"## {' '.join(path)}\n"
        if section not in doc:
            missing.append(" ".join(path))
            continue
        body = doc.split(section, 1)[1].split("\n## ", 1)[0]
        for p in cmd.params:
            if isinstance(p, click.Option):
                for opt in p.opts:
                    if f"`{opt}`" not in body:
                        missing.append(f"{' '.join(path)} {opt}")
    assert missing == []


def test_readme_first_screen_has_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = "\n".join(readme.splitlines()[:30])
    assert "bash scripts/setup.sh && .venv/bin/pressroom" in first
    assert "bash scripts/test.sh" in first
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci


def test_cli_reference_is_its_generators_output():
    """docs/cli.md is exactly what scripts/cli_reference.py writes from today's command tree
    (regenerate: .venv/bin/python scripts/cli_reference.py > docs/cli.md)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == module.render()
