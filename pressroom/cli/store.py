"""`pressroom ingest`, `search`, `embed`, `export` and `db …` (store inspection)."""

from __future__ import annotations

import json
import shutil
import sys

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

DB_HELP = "Database: a SQLite file (default ./pressroom.db or $PRESSROOM_DB) or postgresql://… URL."


def _store(db, create: bool = False):
    """Open the store (`pressroom.store.open_existing`: a SQLite file that does not exist is an error,
    nothing created) unless ``create`` (ingest)."""
    from ..store import open_existing, open_store

    return open_store(db) if create else open_existing(db)


def _filters(kw):
    from ..search import filters_from

    return filters_from(kw)


# the rules for filter values live with the query language (`pressroom.search`); kept here by name
from ..search import check_filter_values, topic_names  # noqa: E402,F401


def check_store_values(store, filters):
    """Refuse a --speaker or --outlet that no stored name contains and no person's or outlet's
    form matches (nearest names suggested), and a label filter the store has no annotations for
    (`pressroom.identity.check_filters`); return the filters with every form of the person or
    outlet named (`Filters.speaker_names`, `outlet_names`)."""
    from ..identity import check_filters

    return check_filters(store, filters)


def filter_options(f):
    """The filter options shared by search and export."""
    for name, help_ in reversed(
        (
            ("speaker", "Speaker name (part of it, any case; none stored: exit 2 with the nearest names)."),
            ("role", "Speaker role: principal, moderator, journalist, official, other."),
            ("outlet", "Journalist's outlet (part of it)."),
            ("entity", "An entity named in the turn (needs the entities annotator)."),
            ("topic", "A topic of the exchange (needs the topics annotator; `pressroom topics` lists them)."),
            ("clarity", "Clarity of the exchange's answers: clear, ambivalent, non-reply (needs clarity)."),
            ("kind", "Turn kind: statement, question, answer, moderator, remark."),
            ("event", "Only this event id."),
            ("since", "From this date (2021, 2021-03 or 2021-03-22)."),
            ("until", "Up to this date, included."),
        )
    ):
        f = click.option(f"--{name}", help=help_)(f)
    return click.option("--all-versions", is_flag=True, help="Also search superseded versions.")(f)


def _mark(hit) -> str:
    from ..search import snippet_marked

    return snippet_marked(
        hit.snippet.replace("\n", " "), hit.highlights, "[bold yellow]", "[/bold yellow]", escape=escape
    )


#: how much of an answer a question hit shows
ANSWER_LINES = 3
from ..export.flat import ANSWER_CHARS, question_answers  # noqa: E402,F401  (the answers a question hit shows)


def print_result(result, console: Console, answers: dict[str, dict] | None = None) -> None:
    what = {"fulltext": "full text", "semantic": "semantic", "hybrid": "hybrid"}[result.mode]
    shown = f"{result.offset + 1}–{result.offset + len(result.hits)}" if result.hits else "0"
    console.print(
        f"[bold]{result.total}[/bold] turns ({what}) for [bold]{escape(result.query)}[/bold]; showing {shown}"
    )
    for i, h in enumerate(result.hits, result.offset + 1):
        who = h.speaker or "?"
        extra = ", ".join(x for x in (h.role, h.outlet) if x)
        console.print(
            f"\n[bold]{i}.[/bold] {h.date or '????-??-??'}  [cyan]{escape(who)}[/cyan]"
            + (f" ({escape(extra)})" if extra else "")
            + f" — {escape(h.event_title or h.event_id)}"
        )
        console.print("   " + _mark(h), highlight=False)
        a = (answers or {}).get(h.id)
        if a is not None:
            if a["text"]:
                console.print(
                    f"   [green]↳ {escape(a['speaker'] or 'answer')}:[/green] {escape(a['text'])}", highlight=False
                )
            else:
                console.print("   [green]↳[/green] [dim]no answer in the transcript[/dim]", highlight=False)
            if a["clarity"]:
                p = f" ({a['probability']:.2f})" if a["probability"] is not None else ""
                ev = f"; evasion: {escape(a['evasion'])}" if a["evasion"] else ""
                console.print(f"   [magenta]verdict: {escape(a['clarity'])}{p}{ev}[/magenta]", highlight=False)
            elif a["not_judged"]:
                console.print(f"   [magenta]verdict: not judged ({escape(a['not_judged'])})[/magenta]", highlight=False)
        console.print(f"   [dim]{escape(h.id)}[/dim]", highlight=False)
    facets = {k: v for k, v in result.facets.items() if v}
    if facets:
        table = Table(title="Facets", show_header=True)
        table.add_column("facet")
        table.add_column("values (turns)")
        for name, values in facets.items():
            table.add_row(name, ", ".join(f"{escape(v.value)} ({v.count})" for v in values))
        console.print()
        console.print(table)


# the commands, one plain function each; `register` adds them to the CLI


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", help=DB_HELP)
@click.option("--workers", type=int, default=None, help="Parsing processes (default: the CPU count).")
@click.option("--annotators", help="Annotators to run before storing, comma-separated (e.g. entities,topics).")
@click.option("--embed", "do_embed", is_flag=True, help="Compute embeddings for semantic search afterwards.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when a file failed.")
@click.option(
    "--no-identity",
    is_flag=True,
    help="Do not link speakers to persons and outlets afterwards (`pressroom people --rebuild` does).",
)
def ingest(paths, db, workers, annotators, do_embed, as_json, quiet, strict, no_identity):
    """Parse files, folders and globs and store them (idempotent; updates become versions)."""
    from ..ingest import ingest_paths
    from .progress import Progress

    names = [a.strip() for a in (annotators or "").split(",") if a.strip()]
    store = _store(db, create=True)
    with Progress("ingest", quiet or as_json) as bar:
        report = ingest_paths(
            store,
            paths,
            workers=workers,
            annotators=names,
            progress=bar.file_done,
            on_start=bar.start,
            identity=not no_identity,
        )
    embed_report = None
    if do_embed:
        embed_report = _run_embed(store, 64, None, quiet or as_json)
    if as_json:
        out = report.to_dict()
        out["db"] = str(store.url)
        if embed_report:
            out["embed"] = embed_report.to_dict()
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        con = Console()
        con.print(
            f"[bold]{report.files}[/bold] files in {report.seconds:.1f} s: [green]{report.added} added[/green], "
            f"{report.updated} updated (new versions), {report.unchanged} unchanged, "
            + (f"[red]{report.failed} failed[/red]" if report.failed else "0 failed")
            + f"; {report.turns} turns stored in {escape(str(store.url))}"
        )
        for f in report.failures[:50]:
            con.print(f"  [red]failed[/red] {escape(f.path)}: {escape(f.reason or '')}", highlight=False)
        if len(report.failures) > 50:
            con.print(f"  … and {len(report.failures) - 50} more (use --json for all)")
        if report.not_annotated:
            click.echo(
                f"{report.not_annotated} of the unchanged files were stored without "
                f"{','.join(names)}: ingest does not annotate stored files; run "
                f"`pressroom annotate --db {store.url} --annotators {','.join(names)}`"
            )
        if report.identity:
            i = report.identity
            con.print(
                f"identity: {i['linked']} of {i['speakers']} speakers linked to {i['persons']} persons, "
                f"{i['outlets']} outlets ({i['seconds']:.1f} s)"
            )
        if embed_report:
            con.print(
                f"embedded {embed_report.chunks} chunks of {embed_report.turns} turns "
                f"({embed_report.chunks_per_second:.0f}/s)"
            )
    store.close()
    if strict and report.failed:
        sys.exit(1)


def _run_embed(store, batch_size, limit, quiet):
    from ..embed import default_embedder
    from .progress import Progress

    with Progress("embed", quiet) as bar:
        bar.status("loading the search encoder…")
        embedder = default_embedder()
        return store.embed(embedder, batch_size=batch_size, limit=limit, progress=bar.update)


@click.command()
@click.option("--db", help=DB_HELP)
@click.option("--batch-size", type=int, default=64, show_default=True)
@click.option("--limit", type=int, help="Embed at most this many turns (to try it out).")
@click.option("--json", "as_json", is_flag=True)
@click.option("--quiet", is_flag=True, help="No progress bar, progress lines or status lines.")
def embed(db, batch_size, limit, as_json, quiet):
    """Compute embeddings (all-MiniLM-L6-v2, offline) of the turns that have none yet."""
    store = _store(db)
    report = _run_embed(store, batch_size, limit, as_json or quiet)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        done, total = store.embedding_coverage(report.model)
        click.echo(
            f"embedded {report.chunks} chunks of {report.turns} turns in {report.seconds:.1f} s "
            f"({report.chunks_per_second:.0f} chunks/s); {report.skipped_short} turns too short to embed; "
            f"semantic search covers {done:,} of {total:,} current turns"
        )
    store.close()


@click.command()
@click.argument("query")
@click.option("--db", help=DB_HELP)
@filter_options
@click.option("--semantic", "mode", flag_value="semantic", help="Search by meaning (needs 'pressroom embed').")
@click.option("--hybrid", "mode", flag_value="hybrid", help="Full text and meaning, fused by rank.")
@click.option("--limit", type=int, default=10, show_default=True)
@click.option("--offset", type=int, default=0, show_default=True)
@click.option("--no-facets", is_flag=True, help="Skip the facet counts.")
@click.option("--json", "as_json", is_flag=True, help="Print hits and facets as JSON.")
def search(query, db, mode, limit, offset, no_facets, as_json, **kw):
    """Search the turns: words, "phrases", prefix* and "phrase"*, NEAR(a b, N), AND / OR / NOT,
    ( ), speaker: and outlet: (docs/search.md). A question hit shows the first lines of its
    answer and the verdict on it (clarity label and probability) when the store has clarity.

    Example: pressroom search '"arms control" NOT russia' --role principal --since 2021
    """
    from ..search import parse_query

    if (mode or "fulltext") != "semantic":
        parse_query(query)  # a malformed query is said before the store is opened
    filters = _filters(kw)
    store = _store(db)
    try:
        filters = check_store_values(store, filters)
        result = store.search(query, filters, mode=mode or "fulltext", limit=limit, offset=offset, facets=not no_facets)
        answers = question_answers(store, result.hits)
        note = semantic_coverage_note(store) if mode in ("semantic", "hybrid") else None
    finally:
        store.close()
    if note:
        click.echo(note, err=True)
    if as_json:
        out = result.to_dict()
        for hit in out["hits"]:
            if hit["id"] in answers:
                hit["answer"] = answers[hit["id"]]
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print_result(result, Console(), answers)


def semantic_coverage_note(store) -> str | None:
    """When some turns long enough to embed have no vectors: how much of the corpus semantic
    search saw, and the command that embeds the rest (else None: it saw everything it can)."""
    from ..embed import chunk_spans, default_embedder

    model = default_embedder().name  # what `Store.search` ranks with (not loaded here)
    done, total = store.embedding_coverage(model)
    if done >= total:
        return None
    rows = store.engine.query(
        "SELECT t.text FROM turns t WHERE t.is_current = 1 AND NOT EXISTS "
        "(SELECT 1 FROM embeddings x WHERE x.turn = t.id AND x.model = ?)",
        (model,),
    )
    missing = sum(1 for (text,) in rows if chunk_spans(text))  # turns too short to embed never are
    if not missing:
        return None
    return (
        f"semantic search covers {done:,} of {done + missing:,} turns — run "
        f"`pressroom annotate --db {store.url} --annotators embed` for the other {missing:,}"
    )


@click.command(name="topics")
@click.option("--db", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the topics as JSON.")
def topics_cmd(db, as_json):
    """List the topics of the stored exchanges with their counts (the values --topic takes)."""
    store = _store(db)
    try:
        rows = store.topics()
        url = str(store.url)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo(f"no topics in {url}: run `pressroom annotate --db {url} --annotators topics` first")
        return
    table = Table(title=f"{len(rows)} topics", show_header=True)
    table.add_column("topic")
    table.add_column("exchanges", justify="right")
    table.add_column("events", justify="right")
    for r in rows:
        table.add_row(escape(r["topic"]), f"{r['exchanges']:,}", f"{r['events']:,}")
    Console().print(table)


@click.command(name="export")
@click.argument("files", nargs=-1)
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["jsonl", "csv", "markdown", "convokit", "tei"]),
    help="Output format.",
)
@click.option("--out", required=True, type=click.Path(), help="Output file (a folder for convokit).")
@click.option("--db", help=DB_HELP + " Used when no FILES are given.")
@click.option("--query", help="Only what this search finds: its turns, or the exchanges holding one.")
@filter_options
@click.option(
    "--level",
    default="turns",
    show_default=True,
    type=click.Choice(["turns", "exchanges", "events", "records"]),
    help="JSONL/CSV: one row per turn, exchange or event (JSONL: or whole records).",
)
@click.option(
    "--whole-events",
    is_flag=True,
    help="With --query or filters: every turn or exchange of the transcripts holding a match.",
)
def export_cmd(files, fmt, out, db, query, level, whole_events, **kw):
    """Export transcripts from the store, or from FILES (transcripts or JSON records).

    With --query or filters, the turn and exchange levels hold only what the search finds
    (the matching turns, or the exchanges holding one); other levels and formats hold the
    whole transcripts that have a match.
    """
    from ..export import export, records_from_files, store_matches, store_records
    from ..search import parse_query
    from ..store import open_store

    if query:
        parse_query(query)  # a malformed query is said before anything is opened
    filters = _filters(kw)
    selective = bool(query) or not filters.is_empty()

    def from_store(store):
        checked = check_store_values(store, filters)
        if selective and not whole_events:
            items, turns = store_matches(store, checked, query)
            return export(items, fmt, out, level, turns=turns)
        return export(store_records(store, checked, query), fmt, out, level)

    if files:
        if selective:
            # search needs an index: load the files into a throwaway in-memory store
            mem = open_store(":memory:")
            for event_id, record in records_from_files(files):
                from ..record import Transcript

                mem.add(Transcript.from_dict(record))
            report = from_store(mem)
        else:
            report = export(records_from_files(files), fmt, out, level)
    else:
        store = _store(db)
        try:
            report = from_store(store)
        finally:
            store.close()
    unit = _unit(fmt, level)
    items = "" if unit == "transcripts" else f" ({_count(report.items, unit)})"
    click.echo(f"wrote {_count(report.events, 'transcripts')}{items} to {report.out}", err=True)


@click.group(name="db")
def db_group():
    """Inspect the store: info, events, record, versions, check."""


@db_group.command(name="info")
@click.option("--db", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True)
def db_info(db, as_json):
    """Counts: events, versions, turns, embeddings, dates, size."""
    store = _store(db)
    st = store.stats()
    store.close()
    if as_json:
        click.echo(json.dumps(st.to_dict(), indent=2))
        return
    click.echo(info_text(st))


@db_group.command(name="events")
@click.option("--db", help=DB_HELP)
@click.option("--query", help="Only events with a turn matching this search.")
@click.option("--since")
@click.option("--until")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--offset", type=int, default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def db_events(db, query, since, until, limit, offset, as_json):
    """List events, newest first."""
    from ..search import Filters

    store = _store(db)
    page = store.events(Filters(since=since, until=until), query=query, limit=limit, offset=offset)
    store.close()
    if as_json:
        click.echo(json.dumps(page.to_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(events_text(page, shutil.get_terminal_size((100, 24)).columns))


@db_group.command(name="record")
@click.argument("event_id")
@click.option("--db", help=DB_HELP)
@click.option("--version", type=int, help="A stored version (default: the current one).")
def db_record(event_id, db, version):
    """Print an event's JSON record (as `pressroom parse --json` does)."""
    store = _store(db)
    rec = store.get_record(event_id, version)
    store.close()
    click.echo(json.dumps(rec, indent=2, ensure_ascii=False))


@db_group.command(name="versions")
@click.argument("event_id")
@click.option("--db", help=DB_HELP)
def db_versions(event_id, db):
    """List the stored versions of an event."""
    store = _store(db)
    for v in store.versions(event_id):
        click.echo(
            f"{v.version}\t{'current' if v.current else '       '}\t{v.last_updated or '-'}\t"
            f"{v.sha256[:12]}\t{v.source_path or ''}"
        )
    store.close()


@db_group.command(name="check")
@click.option("--db", help=DB_HELP)
def db_check(db):
    """Check the database (SQLite integrity and full-text index)."""
    store = _store(db)
    result = store.integrity_check()
    store.close()
    click.echo(result)
    if result != "ok":
        sys.exit(1)


def register(main, groups):
    """Add the corpus commands to the CLI: ingest, embed, search, topics, export and db."""
    for command in (ingest, embed, search, topics_cmd, export_cmd, db_group):
        main.add_command(command)


def _size(n: int | None) -> str:
    if n is None:
        return "-"
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} bytes" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024
    return str(n)


def info_text(st) -> str:
    """`db info` for people: one labelled line per fact, numbers with thousands separators."""
    engine = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(st.engine, st.engine)
    where = f"{engine}, schema {st.schema_version}" + (f", {_size(st.bytes)}" if st.bytes is not None else "")
    dates = f"{st.first_date} to {st.last_date}" if st.first_date else "no dates"
    roles = " · ".join(f"{k} {v:,}" for k, v in sorted(st.roles.items(), key=lambda kv: -kv[1])) or "none"
    emb = " · ".join(f"{k}: {v:,} chunks" for k, v in st.embeddings.items()) or "none (pressroom embed makes them)"
    ann = (
        " · ".join(f"{k}: {v:,} events" for k, v in st.annotated.items())
        or "none (pressroom annotate adds entity, topic and clarity labels)"
    )
    rows = [
        ("store", f"{st.location} ({where})"),
        ("events", f"{st.events:,} ({st.versions:,} versions), {dates}"),
        ("turns", f"{st.turns:,} current"),
        ("exchanges", f"{st.exchanges:,} ({st.questions:,} questions)"),
        ("speakers", f"{st.speakers:,} names"),
        ("words", f"{st.words:,}"),
        ("roles", f"{roles} (turns)"),
        ("embeddings", emb),
        ("labels", ann),
    ]
    return "\n".join(f"{k:<11} {v}" for k, v in rows)


def events_text(page, width: int = 100) -> str:
    """`db events` for people: a plain table whose event ids are never cut (``db record``
    takes them); titles are cut to the terminal's width instead."""
    head = ("date", "id", "turns", "exchanges", "versions", "title")
    rows = [
        (e.date or "", e.id, f"{e.n_turns:,}", f"{e.n_exchanges:,}", str(e.n_versions), e.title or "")
        for e in page.events
    ]
    widths = [max([len(head[i])] + [len(r[i]) for r in rows]) for i in range(5)]
    right = (False, False, True, True, True)

    def line(cells) -> str:
        out = "  ".join(c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells[:5], widths, right))
        room = max(20, width - len(out) - 2)
        title = cells[5] if len(cells[5]) <= room else cells[5][: room - 1] + "…"
        return (out + "  " + title).rstrip()

    shown = f"{page.offset + 1}–{page.offset + len(page.events)}" if page.events else "none"
    lines = [f"{page.total:,} events; showing {shown}", line(head)] + [line(r) for r in rows]
    if page.offset + len(page.events) < page.total:
        lines.append(f"(more: --offset {page.offset + len(page.events)})")
    return "\n".join(lines)


def _unit(fmt: str, level: str) -> str:
    if fmt in ("jsonl", "csv"):
        return {"turns": "turns", "exchanges": "exchanges", "events": "events", "records": "records"}[level]
    return {"convokit": "utterances", "tei": "texts", "markdown": "transcripts"}[fmt]


def _count(n: int, unit: str) -> str:
    """``1 transcript``, ``2 transcripts``, ``0 turns`` (``unit`` is the plural)."""
    return f"{n:,} {unit[:-1] if n == 1 else unit}"
