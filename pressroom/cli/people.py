"""`pressroom people` (persons across the corpus; --rebuild, split, merge) and `pressroom outlets`."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .store import DB_HELP, _store


class PeopleGroup(click.Group):
    """`pressroom people [QUERY]` lists; `people split|merge …` edit. A first argument that is
    not a subcommand is the query."""

    #: the group's options that take a value
    VALUED = ("--db", "--role", "--limit")

    def parse_args(self, ctx, args):
        args = list(args)
        i = 0
        while i < len(args):
            token = args[i]
            if token in self.VALUED:
                i += 2
                continue
            if token.startswith("-"):
                i += 1
                continue
            if token not in self.commands:
                ctx.meta["people_query"] = args.pop(i)
            break
        return super().parse_args(ctx, args)


def _echo_report(report, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo(
            f"{report.linked} of {report.speakers} speakers linked to {report.persons} persons, "
            f"{report.outlets} outlets, {report.overrides} overrides replayed; "
            f"{report.first_name_unlinked} first-name-only speakers left unlinked ({report.seconds:.1f} s)"
        )


def _print_people(people, show) -> None:
    table = Table(show_header=True)
    for col in ("id", "name", "aliases", "roles", "organisations / outlets", "events", "turns", "first", "last"):
        table.add_column(col)
    for p in people:
        table.add_row(
            escape(p.id),
            escape(p.name),
            escape(", ".join(p.aliases[:4]) + (" …" if len(p.aliases) > 4 else "")),
            ", ".join(p.roles),
            escape(", ".join((p.organisations + p.outlets)[:3])),
            str(p.events),
            str(p.turns),
            p.first_seen or "",
            p.last_seen or "",
        )
    show.print(table)


def _print_person(p, show) -> None:
    show.print(
        f"[bold]{escape(p.name)}[/bold] ({escape(p.id)}): {p.events} events, {p.turns} turns, "
        f"{p.first_seen or '?'} – {p.last_seen or '?'}"
    )
    show.print(f"printed as: {escape(', '.join(p.aliases))}", highlight=False)
    for lk in p.links:
        show.print(
            f"  {escape(lk['event_id'])} v{lk['version']} {lk['speaker_id']}: {escape(lk['form'] or '')} "
            f"[dim]({escape(lk['rule'])}, {lk['confidence']:.2f})[/dim]",
            highlight=False,
        )


@click.group(cls=PeopleGroup, invoke_without_command=True)
@click.option("--db", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--role", help="Only persons seen in this role (principal, moderator, journalist, official, other).")
@click.option("--rebuild", is_flag=True, help="Link every stored speaker anew (overrides are replayed).")
@click.option("--limit", type=int, default=None, help="At most this many persons.")
@click.pass_context
def people(ctx, db, as_json, role, rebuild, limit):
    """Persons across the corpus: pressroom people [QUERY] (a part of any name or label, or a person id)."""
    from .. import identity

    ctx.obj = {"db": db, "as_json": as_json}
    if ctx.invoked_subcommand is not None:
        return
    store = _store(db)
    try:
        if rebuild:
            _echo_report(identity.rebuild(store), as_json)
            return
        query = ctx.meta.get("people_query")
        exact = store.engine.one("SELECT id FROM persons WHERE id = ?", (query,)) if query else None
        if exact:
            p = identity.person(store, query)
            click.echo(json.dumps(p.to_dict(), indent=2, ensure_ascii=False)) if as_json else _print_person(
                p, Console()
            )
            return
        found = identity.people(store, query, role, limit)
        if not found and not as_json and store.engine.one("SELECT count(*) FROM persons")[0] == 0:
            click.echo("no persons linked in this store yet: run `pressroom people --rebuild`", err=True)
        if as_json:
            click.echo(json.dumps([p.to_dict() for p in found], indent=2, ensure_ascii=False))
        else:
            _print_people(found, Console())
    finally:
        store.close()


@people.command()
@click.argument("person_id")
@click.argument("form")
@click.option("--event", help="Only the speakers linked so in this event.")
@click.pass_context
def split(ctx, person_id, form, event):
    """Take the speakers linked by FORM out of PERSON_ID into a person of their own (kept across rebuilds)."""
    from .. import identity

    store = _store(ctx.obj["db"])
    try:
        _echo_report(identity.split(store, person_id, form, event), ctx.obj["as_json"])
    finally:
        store.close()


@people.command()
@click.argument("person_id")
@click.argument("other")
@click.pass_context
def merge(ctx, person_id, other):
    """Fold person OTHER into PERSON_ID (kept across rebuilds)."""
    from .. import identity

    store = _store(ctx.obj["db"])
    try:
        _echo_report(identity.merge(store, person_id, other), ctx.obj["as_json"])
    finally:
        store.close()


@click.command()
@click.option("--db", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def outlets(db, as_json):
    """Outlets across the corpus, each with the forms printed for it and its reporters."""
    from .. import identity

    store = _store(db)
    try:
        found = identity.outlets(store)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps([o.to_dict() for o in found], indent=2, ensure_ascii=False))
        return
    table = Table(show_header=True)
    for col in ("id", "name", "country", "kind", "printed as", "reporters", "turns"):
        table.add_column(col)
    for o in found:
        table.add_row(
            escape(o.id),
            escape(o.name),
            o.country or "",
            o.kind or ("" if o.listed else "(unlisted)"),
            escape(", ".join(o.aliases)),
            str(len(o.reporters)),
            str(o.turns),
        )
    Console().print(table)


def register(main, groups):
    """Add this module's commands to the CLI."""
    main.add_command(people)
    main.add_command(outlets)
