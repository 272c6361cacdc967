"""Write docs/cli.md: the reference of every `pressroom` command and option, from the click tree.

    .venv/bin/python scripts/cli_reference.py > docs/cli.md

tests/test_docs.py fails when a command or option is missing from docs/cli.md.
"""

from __future__ import annotations

import click

from pressroom.cli import main


def walk(cmd: click.Command, path: list[str]):
    yield path, cmd
    if isinstance(cmd, click.Group):
        for name in sorted(cmd.commands):
            yield from walk(cmd.commands[name], path + [name])


def render() -> str:
    out = [
        "# Command reference",
        "",
        "Generated from the command tree by `scripts/cli_reference.py`; every command and option is here.",
        "",
    ]
    for path, cmd in walk(main, ["pressroom"]):
        if len(path) == 1:
            continue
        out.append(f"## {' '.join(path)}")
        out.append("")
        ctx = click.Context(
            cmd, info_name=" ".join(path), terminal_width=80, max_content_width=80
        )  # the same on every terminal
        out.append("```")
        out.append(cmd.get_usage(ctx).strip())
        out.append("```")
        out.append("")
        if cmd.help:
            out.append(cmd.help.strip())
            out.append("")
        params = [p for p in cmd.params if isinstance(p, click.Option)]
        if params:
            out.append("| option | meaning |")
            out.append("|---|---|")
            for p in params:
                names = ", ".join(f"`{o}`" for o in p.opts + p.secondary_opts)
                out.append(f"| {names} | {(p.help or '').replace('|', '/')} |")
            out.append("")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(render(), end="")
