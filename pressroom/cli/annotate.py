"""`pressroom annotate`: run annotators on what is stored, without the files."""

from __future__ import annotations

import json

import click

from .progress import Progress

DB_HELP = "Database: a SQLite file (default ./pressroom.db or $PRESSROOM_DB) or postgresql://… URL."


def _names(text: str | None) -> list[str] | None:
    names = [a.strip() for a in (text or "").split(",") if a.strip()]
    return names or None


def summary(report, url) -> str:
    out = (
        f"{report.transcripts} transcripts in {report.seconds:.1f} s: {report.annotated} annotated, "
        f"{report.current} current (skipped), {report.failed} failed "
        f"({', '.join(f'{n} {v}' for n, v in report.annotators.items()) or 'no record annotator'}) in {url}"
    )
    if report.partial_source:
        out += (
            f"\n{report.partial_source} stored before schema v5 were annotated from their turns only "
            "(no header text): ingest their files again for header mentions"
        )
    if report.embed:
        out += f"\nembedded {report.embed['chunks']} chunks of {report.embed['turns']} turns"
    return out


def register(main, groups):
    @main.command()
    @click.option("--db", help=DB_HELP)
    @click.option("--annotators", help="Comma-separated (default: the default pipeline); `embed` adds search vectors.")
    @click.option("--where", help="Only events with a turn matching this search query.")
    @click.option("--since", help="Only events from this date on (2021, 2021-03 or 2021-03-22).")
    @click.option("--event", help="Only this event id.")
    @click.option("--force", is_flag=True, help="Run the annotators again even where they are current.")
    @click.option("--workers", type=int, default=1, show_default=True, help="Annotating processes.")
    @click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
    @click.option("--quiet", is_flag=True, help="No progress bar, progress lines or status lines.")
    def annotate(db, annotators, where, since, event, force, workers, as_json, quiet):
        """Run annotators on the stored transcripts (no file is read again); skip what is current (resumable)."""
        from ..errors import UsageError
        from ..store import open_store
        from ..annotating import annotate_stored

        if workers < 1:
            raise UsageError(f"--workers must be 1 or more, not {workers}")
        store = open_store(db)
        try:
            with Progress("annotate", quiet or as_json) as bar:
                report = annotate_stored(
                    store,
                    _names(annotators),
                    where=where,
                    since=since,
                    event=event,
                    force=force,
                    workers=workers,
                    progress=bar.update,
                    on_start=bar.start,
                    status=bar.status,
                )
            if as_json:
                click.echo(json.dumps(dict(report.to_dict(), db=str(store.url)), indent=2, ensure_ascii=False))
            else:
                click.echo(summary(report, store.url))
                for event_id, reason in report.failures[:50]:
                    click.echo(f"  failed {event_id}: {reason}")
        finally:
            store.close()
