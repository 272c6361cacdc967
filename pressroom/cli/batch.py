"""`pressroom batch`: read, parse and annotate on workers (local processes or a Dask cluster)
and write to the store in batches. See `pressroom.batch` and docs/scaling.md."""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.markup import escape

DB_HELP = "Database: a SQLite file (default ./pressroom.db or $PRESSROOM_DB) or postgresql://… URL."


def print_report(report, db: str, console: Console) -> None:
    """The human summary: counts, throughput, per-transcript stage costs, failures."""
    rate = report.prepared / report.seconds if report.seconds else 0.0
    steady = report.steady_rate()
    console.print(
        f"[bold]{report.files}[/bold] files in {report.seconds:.1f} s on {report.workers} "
        f"{'worker' if report.workers == 1 else 'workers'} ({report.mode}): [green]{report.added} added[/green], "
        f"{report.updated} updated (new versions), {report.unchanged} unchanged, "
        + (f"[red]{report.failed} failed[/red]" if report.failed else "0 failed")
        + f"; {report.turns} turns in {report.batches} batches stored in {escape(db)}",
        highlight=False,
    )
    if report.prepared:
        costs = ", ".join(f"{k} {1000 * v:.1f}" for k, v in report.per_transcript().items())
        speed = f"{rate:.2f} transcripts/s overall"
        if steady is not None:
            speed += f", {steady:.2f}/s once started (set-up {report.setup_seconds:.1f} s)"
        console.print(f"{speed}; ms per transcript: {costs}", highlight=False)
    for f in report.failures[:50]:
        console.print(f"  [red]failed[/red] {escape(f.path)}: {escape(f.reason or '')}", highlight=False)
    if len(report.failures) > 50:
        console.print(f"  … and {len(report.failures) - 50} more (use --json for all)")


def register(main, groups):
    @main.command()
    @click.argument("paths", nargs=-1, required=True)
    @click.option("--db", help=DB_HELP)
    @click.option(
        "--scheduler",
        metavar="ADDRESS",
        help="An existing Dask scheduler, e.g. tcp://host:8786 (needs a PostgreSQL --db).",
    )
    @click.option("--local-cluster", type=int, metavar="N", help="Start a local Dask cluster of N worker processes.")
    @click.option(
        "--workers",
        type=int,
        metavar="N",
        help="Local processes (default: the CPU count); with --scheduler, wait for N workers.",
    )
    @click.option(
        "--annotators",
        metavar="NAMES",
        help="Comma-separated annotators (default: the default pipeline; 'none' for none).",
    )
    @click.option("--batch-size", type=int, default=50, show_default=True, help="Transcripts written per transaction.")
    @click.option(
        "--send-paths",
        is_flag=True,
        help="With --scheduler: workers read the files by path (a shared file system), not sent bytes.",
    )
    @click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
    @click.option("--quiet", is_flag=True, help="No progress bar.")
    @click.option("--strict", is_flag=True, help="Exit with status 1 when a file failed.")
    def batch(paths, db, scheduler, local_cluster, workers, annotators, batch_size, send_paths, as_json, quiet, strict):
        """Analyse files, folders and globs on many workers and store them (resumable: stored files are skipped)."""
        from ..batch import run_batch
        from ..store.url import parse_url
        from .progress import Progress

        with Progress("batch", quiet or as_json) as bar:
            report = run_batch(
                paths,
                db,
                scheduler=scheduler,
                local_cluster=local_cluster,
                workers=workers,
                annotators=annotators,
                batch_size=batch_size,
                send_paths=True if send_paths else None,
                progress=bar.file_done,
                on_start=bar.start,
            )
        where = str(parse_url(db))
        if as_json:
            out = report.to_dict()
            out["db"] = where
            click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        else:
            print_report(report, where, Console())
        if strict and report.failed:
            sys.exit(1)
