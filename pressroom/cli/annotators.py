"""`pressroom annotators`: every annotator, its version, and what it requires, uses and assigns."""

from __future__ import annotations

import json
from importlib import import_module
from typing import Any

import click


def render(rows: list[dict[str, Any]]) -> list[str]:
    """The text listing of `pressroom.annotate.describe()`: a head line per annotator, then what
    it requires, uses and assigns, one list a line."""
    lines: list[str] = []
    for row in rows:
        default = ", default" if row["default"] else ""
        if not row["available"]:
            lines.append(f"{row['name']} (cannot be loaded{default}): {row['error']}")
            continue
        lines.append(f"{row['name']} (version {row['version']}{default})")
        for key in ("requires", "uses", "assigns"):
            lines.append(f"  {key + ':':<10}{', '.join(row[key]) or '-'}")
    return lines


@click.command(name="annotators")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def annotators(as_json: bool) -> None:
    """List the annotators: version, default or not, and the fields each requires, uses and assigns."""
    rows = import_module("pressroom.annotate").describe()  # the package, not pressroom.annotate()
    if as_json:
        click.echo(json.dumps(rows, indent=2))
    else:
        for line in render(rows):
            click.echo(line)


def register(main: click.Group, groups: dict[str, click.Group]) -> None:
    main.add_command(annotators)
