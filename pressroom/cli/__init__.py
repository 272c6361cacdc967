"""The `pressroom` command line. Thin: every command calls the library API.

Each command group lives in its own module (`cli/parse.py`, `cli/store.py`, …) and
attaches its commands to `main` (or to the `train` / `eval` / `predict` groups) through a
`register(main)` function listed in `COMMAND_MODULES`.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from ..errors import PressroomError

COMMAND_MODULES = [
    "pressroom.cli.parse",
    "pressroom.cli.clarity",
    "pressroom.cli.analyze",
    "pressroom.cli.store",
    "pressroom.cli.serve",
    "pressroom.cli.batch",
    "pressroom.cli.people",
    "pressroom.cli.annotate",
    "pressroom.cli.live",
    "pressroom.cli.annotators",
]


class Group(click.Group):
    """A click group that turns every `PressroomError` into one line and exit code 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except PressroomError as exc:
            click.echo(f"pressroom: {exc}", err=True)
            sys.exit(2)
        except MemoryError:
            click.echo(
                "pressroom: [E000] out of memory: the input needs more memory than this process may use", err=True
            )
            sys.exit(2)
        except RecursionError:
            click.echo("pressroom: [E000] the input nests too deeply to process", err=True)
            sys.exit(2)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # a bug: one line, the traceback only when asked for
            if os.environ.get("PRESSROOM_DEBUG"):
                raise
            message = " ".join(str(exc).split())[:200]
            click.echo(
                f"pressroom: [E000] internal error ({type(exc).__name__}: {message}); "
                "set PRESSROOM_DEBUG=1 to see where",
                err=True,
            )
            sys.exit(1)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pressroom")
def main():
    """pressroom: press-conference transcripts as faithful structured records."""


@main.group(name="eval", cls=Group)
def eval_group():
    """Score pressroom against gold data (parse, clarity)."""


@main.group(name="train", cls=Group)
def train_group():
    """Train the models pressroom ships (reproducibly, from the project's own code)."""


@main.group(name="predict", cls=Group)
def predict_group():
    """Run a model over a file of inputs and write one JSON line per input."""


GROUPS = {"eval": eval_group, "train": train_group, "predict": predict_group}

for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(_name)
    except ModuleNotFoundError as exc:  # a command module not written yet
        if exc.name != _name:
            raise
        continue
    _module.register(main, GROUPS)
