"""`pressroom parse` and `pressroom eval parse`."""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.table import Table

from ..errors import ReadError, UsageError


def load(path: str, fmt: str | None = None):
    """Read FILE (or '-' for stdin) → Document."""
    from .. import read_bytes, read_path
    from ..read import read_stream

    if path == "-":
        data = read_stream(sys.stdin.buffer, "<stdin>")
        return read_bytes(data, name="<stdin>", format=fmt)
    return read_path(path, format=fmt)


def write_json(obj, out: str | None) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    if out:
        try:
            with open(out, "w", encoding="utf-8") as f:
                f.write(text + "\n")
        except OSError as exc:
            raise ReadError(f"cannot write {out}: {exc.strerror or exc}")
    else:
        click.echo(text)


def print_summary(record, console: Console) -> None:
    e = record.event
    console.print(f"[bold]{e.title or '(untitled)'}[/bold]")
    bits = [b for b in (e.kind, e.date, e.place, e.organisation) if b]
    if e.last_updated:
        bits.append(f"last updated {e.last_updated}")
    if e.as_delivered:
        bits.append("as delivered")
    console.print(" · ".join(bits))
    console.print(f"{len(record.turns)} turns, {len(record.speakers)} speakers, {len(record.exchanges)} exchanges\n")
    st = Table(title="Speakers", show_lines=False)
    for col in ("id", "name", "label(s)", "role", "title / affiliation", "turns"):
        st.add_column(col)
    counts = {}
    for t in record.turns:
        counts[t.speaker] = counts.get(t.speaker, 0) + 1
    for s in record.speakers:
        st.add_row(
            s.id,
            s.name or "—",
            ", ".join(s.labels) or "—",
            s.role,
            " / ".join(x for x in (s.title, s.affiliation, s.place) if x) or "—",
            str(counts.get(s.id, 0)),
        )
    console.print(st)
    xt = Table(title="Exchanges")
    for col in ("id", "questioner", "outlet", "questions", "answered by", "turns"):
        xt.add_column(col)
    for x in record.exchanges:
        q = record.speaker(x.questioner)
        xt.add_row(
            x.id + (f" (follows {x.follow_up_of})" if x.follow_up_of else ""),
            record.speaker_name(x.questioner) or "anonymous",
            (q.affiliation if q else None) or "—",
            str(len(x.questions)),
            ", ".join(record.speaker_name(a) or "?" for a in x.answerers) or "(no answer)",
            ", ".join(x.question_turns + x.answer_turns),
        )
    console.print(xt)


@click.command()
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@click.option("--out", type=click.Path(dir_okay=False), help="Write the JSON record to this file.")
@click.option("--format", "fmt", help="Input format (default: detected from the content).")
def parse(file, as_json, out, fmt):
    """Parse FILE ('-' for stdin) into a structured record."""
    from .. import parse_document

    from ..read.limits import work_limit

    doc = load(file, fmt)
    with work_limit("parse", file):
        record = parse_document(doc)
    if as_json or out:
        write_json(record.to_dict(), out)
        if out and not as_json:
            click.echo(f"wrote {out}", err=True)
    else:
        print_summary(record, Console())


@click.command()
def schema():
    """Print the record's JSON Schema."""
    from ..schema import load

    click.echo(json.dumps(load(), indent=2, ensure_ascii=False))


@click.command(name="parse")
@click.argument("gold_dirs", nargs=-1, required=True, type=click.Path())
@click.option(
    "--source",
    "source_dirs",
    required=True,
    multiple=True,
    type=click.Path(),
    help="Folder holding the original transcripts; once per GOLD_DIR, in the same order.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "--format", "formats", multiple=True, help="Only score files of these formats (text, markdown, html, pdf…)."
)
@click.option("--details", is_flag=True, help="List every mismatched turn.")
@click.option(
    "--companions",
    is_flag=True,
    help="Score the gold files' derived text companions (text taken out of a PDF) instead.",
)
@click.option(
    "--unseen",
    "unseen_dir",
    type=click.Path(),
    help="A second gold folder the parser was never tuned on, scored beside the first.",
)
@click.option("--unseen-source", "unseen_source", type=click.Path(), help="Folder holding the unseen transcripts.")
def eval_parse(gold_dirs, source_dirs, as_json, formats, details, companions, unseen_dir, unseen_source):
    """Score parsed records against gold turn files (turn-boundary F1, speaker/role/kind accuracy).
    Several GOLD_DIRs (each with its --source) are scored as one development set. With --unseen,
    also score a held-out set and print the two side by side, with the gap."""
    from ..evaluate import evaluate, side_by_side, totals

    if len(gold_dirs) != len(source_dirs):
        raise UsageError(
            f"{len(gold_dirs)} gold folders but {len(source_dirs)} --source folders: give one "
            "--source per gold folder, in the same order"
        )
    fmt = set(formats) if formats else None

    def score_all():
        return [s for g, src in zip(gold_dirs, source_dirs) for s in evaluate(g, src, fmt, companions=companions)]

    if unseen_dir:
        if not unseen_source:
            raise UsageError("--unseen needs --unseen-source, the folder holding the unseen transcripts")
        dev = score_all()
        unseen = evaluate(unseen_dir, unseen_source, fmt, companions=companions)
        if as_json:
            click.echo(json.dumps(side_by_side(dev, unseen), indent=2, ensure_ascii=False))
        else:
            _print_side_by_side(side_by_side(dev, unseen))
            _print_role_model_note()
        return
    scores = score_all()
    tot = totals(scores)
    if as_json:
        click.echo(json.dumps(_score_rows(scores + [tot]), indent=2, ensure_ascii=False))
        return
    _print_scores(scores, tot)
    if details:
        for s in scores:
            for m in s.mismatches:
                click.echo(
                    f"{s.file} gold#{m['gold_index']} {m['turn']} {m['starts_with']!r} "
                    f"speaker={m['speaker']} role={m['role']} kind={m['kind']}"
                )


def _print_side_by_side(rows: dict) -> None:
    """The development and unseen sets' scores, one row each, and the gap."""
    table = Table(title="Parse against gold: development and unseen")
    for col in ("set", "files", "refused", "gold turns", "P", "R", "F1", "speaker", "role", "kind"):
        table.add_column(col, justify="right" if col != "set" else "left")
    for name, row in rows.items():
        table.add_row(
            name,
            *(
                row[k] if isinstance(row[k], str) else f"{row[k]:.3f}" if isinstance(row[k], float) else str(row[k])
                for k in ("files", "refused", "gold", "precision", "recall", "f1", "speaker", "role", "kind")
            ),
        )
    Console(width=160).print(table)


def _print_role_model_note() -> None:
    """Roles are partly learned from development gold: say so, with the model's held-out figure."""
    from ..parse.rolemodel import held_out_figures

    cv = held_out_figures()
    if cv:
        click.echo(
            f"Roles: the role model was trained on development gold, so its development role figure is "
            f"not a test; with each of its {cv['folds']} publishers held out in turn it scores "
            f"{cv['model_role_accuracy']:.3f} (the rules alone {cv['rules_role_accuracy']:.3f})."
        )


def _score_rows(scores: list) -> list[dict]:
    """Each file's scores (and the total's) as JSON rows."""
    return [
        dict(
            file=s.file,
            gold=s.gold,
            predicted=s.predicted,
            matched=s.matched,
            precision=s.precision,
            recall=s.recall,
            f1=s.f1,
            speaker_accuracy=s.acc(s.speaker_ok),
            role_accuracy=s.acc(s.role_ok),
            kind_accuracy=s.acc(s.kind_ok),
            error=s.error,
            mismatches=s.mismatches,
        )
        for s in scores
    ]


def _print_scores(scores: list, tot) -> None:
    """One row per file, then the overall row."""
    table = Table(title="Parse against gold")
    for col in ("file", "gold", "pred", "P", "R", "F1", "speaker", "role", "kind"):
        table.add_column(col, justify="right" if col != "file" else "left")
    for s in scores + [tot]:
        if s.error:
            table.add_row(s.file, str(s.gold), "—", "", "", "", "", "", f"[red]{s.error[:40]}[/red]")
            continue
        table.add_row(
            s.file if s is not tot else "[bold]overall[/bold]",
            str(s.gold),
            str(s.predicted),
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            f"{s.acc(s.speaker_ok):.3f}",
            f"{s.acc(s.role_ok):.3f}",
            f"{s.acc(s.kind_ok):.3f}",
        )
    Console(width=160).print(table)


def register(main, groups):
    """Add this module's commands to the CLI."""
    main.add_command(parse)
    main.add_command(schema)
    groups["eval"].add_command(eval_parse)
