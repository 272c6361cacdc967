"""`pressroom analyze FILE`: parse, run the annotators, print a readable report or the JSON record."""

from __future__ import annotations

from typing import Any

import click
from rich.console import Console
from rich.table import Table

from ..annotate.stats import clarity_items
from ..errors import ModelError, UsageError


def pipeline_names(spec: str | None) -> list[str]:
    """The annotators to run: DEFAULT_PIPELINE, or the comma-separated names, in pipeline order."""
    from ..annotate import DEFAULT_PIPELINE, AnnotatorError, names

    if spec is None:
        return list(DEFAULT_PIPELINE)
    wanted = [n.strip() for n in spec.split(",") if n.strip()]
    if not wanted:
        raise UsageError("--annotators needs at least one name, e.g. --annotators entities,topics")
    unknown = [n for n in wanted if n not in names()]
    if unknown:
        raise AnnotatorError(f"unknown annotator {unknown[0]!r}; known annotators: {', '.join(names())}")
    order = {n: i for i, n in enumerate(DEFAULT_PIPELINE)}
    return sorted(dict.fromkeys(wanted), key=lambda n: order.get(n, len(order)))


def check_available(requested: list[str]) -> list[str]:
    """The run order (requirements included); a missing annotator module is a one-line ModelError."""
    from importlib import import_module

    registry = import_module("pressroom.annotate")  # the package, not pressroom.annotate()
    for n in requested:
        try:
            registry.get(n)
        except (ImportError, registry.AnnotatorUnavailable) as exc:
            exc = getattr(exc, "cause", exc)
            others = [m for m in requested if m != n]
            hint = f"; run with --annotators {','.join(others)} to leave it out" if others else ""
            raise ModelError(f"the {n} annotator cannot be loaded ({exc}){hint}")
    return registry.resolve_order(requested)


def analyze_document(doc, requested: list[str], status=None):
    """Parse a Document and run the annotators over it; returns the annotated Transcript.
    ``status(line)`` hears which model is loading (the models load before the work's budget)."""
    from .. import parse_document
    from ..annotate import annotate, load_models
    from ..read.limits import work_limit

    name = doc.source.get("path")
    with work_limit("parse", name):
        record = parse_document(doc)
    annotators = check_available(requested)
    load_models(annotators, status)
    with work_limit("annotate", name):
        annotate(record, doc.text, annotators)
    return record


# -- the report ------------------------------------------------------------------------------


def _short(text: str | None, n: int = 110) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _verdict(item: dict[str, Any]) -> str:
    if isinstance(item.get("not_judged"), str):
        return f"not judged: {item['not_judged']}"
    if item.get("unanswered"):
        return "no answer"
    c = item.get("clarity") or "—"
    ev = item.get("evasion")
    out = f"{c} ({ev})" if ev and ev != c else c
    conf = item.get("confidence")
    return f"{out} {conf:.2f}" if isinstance(conf, (int, float)) else out


def print_report(record, console: Console) -> None:
    """Event, speakers, exchanges (with clarity verdicts and evidence), then each annotation."""
    e = record.event
    ann = record.annotations
    console.print(f"[bold]{e.title or '(untitled)'}[/bold]")
    console.print(" · ".join(b for b in (e.kind, e.date, e.place, e.organisation) if b))
    console.print(
        f"{len(record.turns)} turns, {len(record.speakers)} speakers, {len(record.exchanges)} exchanges; "
        f"annotators: {', '.join(ann.get('pipeline', [])) or 'none'}\n"
    )
    stats = ann.get("stats") or {}
    _speakers(record, stats, console)
    _exchanges(record, console)
    if ann.get("entities"):
        _entities(ann["entities"], console)
    if ann.get("topics"):
        _topics(ann["topics"], console)
    if ann.get("talking_points"):
        _talking_points(ann["talking_points"], console)
    if ann.get("quotes"):
        _quotes(record, ann["quotes"], console)
    if stats:
        _stats(record, stats, console)


def _speakers(record, stats, console) -> None:
    rows = stats.get("speakers", {})
    t = Table(title="Speakers")
    for col in ("id", "name", "role", "title / affiliation", "turns", "words", "share"):
        t.add_column(col, justify="right" if col in ("turns", "words", "share") else "left")
    counts: dict[str, int] = {}
    for turn in record.turns:
        counts[turn.speaker] = counts.get(turn.speaker, 0) + 1
    for s in record.speakers:
        r = rows.get(s.id, {})
        t.add_row(
            s.id,
            record.speaker_name(s.id) or "—",
            s.role,
            " / ".join(x for x in (s.title, s.affiliation, s.place) if x) or "—",
            str(counts.get(s.id, 0)),
            str(r.get("words", "")),
            f"{r['share']:.1%}" if "share" in r else "",
        )
    console.print(t)


def _exchanges(record, console) -> None:
    t = Table(title="Exchanges")
    for col in ("id", "questioner", "outlet", "answered by", "topic", "verdict"):
        t.add_column(col)
    any_clarity = False
    for x in record.exchanges:
        q = record.speaker(x.questioner)
        topics = x.annotations.get("topics") or {}
        items = clarity_items(x)
        any_clarity = any_clarity or bool(items)
        t.add_row(
            x.id,
            record.speaker_name(x.questioner) or "anonymous",
            (q.affiliation if q else None) or "—",
            ", ".join(record.speaker_name(a) or "?" for a in x.answerers) or "(no answer)",
            topics.get("primary") or "—",
            "; ".join(_verdict(i) for i in items) or "—",
        )
    console.print(t)
    if not any_clarity:
        return
    console.print("[bold]Answers: verdicts and evidence[/bold]")
    clarity = record.annotations.get("clarity")
    if isinstance(clarity, dict) and "agreement" in clarity:
        from ..clarity.agreement import agreement_sentence

        console.print(agreement_sentence(clarity["agreement"]))
    for x in record.exchanges:
        items = clarity_items(x)
        if not items:
            continue
        console.print(f"[bold]{x.id}[/bold] {record.speaker_name(x.questioner) or 'anonymous'}")
        for i, item in enumerate(items):
            qtext = item.get("text") or item.get("question_text")
            if not qtext and i < len(x.questions):
                qtext = x.questions[i].text
            console.print(f"  Q{i + 1}: {_short(qtext)}")
            console.print(f"      verdict: [bold]{_verdict(item)}[/bold]")
            if item.get("unanswered") or item.get("not_judged"):
                continue
            ev = item.get("evidence") if isinstance(item.get("evidence"), dict) else item
            for cue in ev.get("cues") or []:
                text = cue.get("text") if isinstance(cue, dict) else str(cue)
                kind = cue.get("type") if isinstance(cue, dict) else None
                console.print(f"      cue{f' ({kind})' if kind else ''}: “{_short(text, 90)}”")
            addressing = ev.get("addressing") or []
            for a in addressing:
                text = a.get("text") if isinstance(a, dict) else str(a)
                console.print(f"      addresses it: “{_short(text, 100)}”")
            if not addressing and "addressing" in ev:
                console.print("      addresses it: (no answer sentence comes close to the question)")
    console.print()


def _entities(ent, console) -> None:
    by_type: dict[str, list] = {}
    for row in ent.get("entities", []):
        by_type.setdefault(row["type"], []).append(row)
    t = Table(title=f"Entities ({ent.get('model', '')})")
    t.add_column("type")
    t.add_column("most named (count)")
    for typ in ("person", "country", "place", "organisation", "outlet", "law", "event", "group", "other"):
        rows = by_type.get(typ)
        if rows:
            t.add_row(typ, ", ".join(f"{r['canonical']} ({r['count']})" for r in rows[:12]))
    console.print(t)


def _topics(top, console) -> None:
    t = Table(title=f"Topics ({top.get('method', '')})")
    t.add_column("exchanges whose main topic is")
    t.add_column("count", justify="right")
    for name, n in (top.get("primary_counts") or {}).items():
        t.add_row(name, str(n))
    console.print(t)
    st = top.get("statement")
    if st and st.get("labels"):
        console.print("Opening statement: " + ", ".join(f"{lbl['topic']} ({lbl['score']})" for lbl in st["labels"]))
    if top.get("keyphrases"):
        console.print("Keyphrases: " + ", ".join(f"{k['phrase']} ({k['count']})" for k in top["keyphrases"]))
    console.print()


def _talking_points(tp, console) -> None:
    for sid, sp in (tp.get("speakers") or {}).items():
        t = Table(title=f"Talking points: {sp.get('name') or sid}")
        t.add_column("phrase or sentence")
        t.add_column("turns", justify="right")
        t.add_column("times", justify="right")
        t.add_column("where")
        for p in sp.get("phrases", [])[:10]:
            t.add_row(
                p["phrase"],
                str(p["turns"]),
                str(p["count"]),
                ", ".join(dict.fromkeys(loc["turn"] for loc in p["locations"])),
            )
        for s in sp.get("sentences", [])[:5]:
            t.add_row(
                f"“{_short(s['text'], 90)}”",
                str(s["turns"]),
                str(s["count"]),
                ", ".join(dict.fromkeys(loc["turn"] for loc in s["locations"])),
            )
        console.print(t)


def _quotes(record, q, console) -> None:
    for sid, quotes in (q.get("speakers") or {}).items():
        t = Table(title=f"Quotes: {record.speaker_name(sid) or sid}")
        t.add_column("quote")
        t.add_column("turn")
        t.add_column("score", justify="right")
        for item in quotes:
            t.add_row(
                f"“{item['text']}”",
                item["turn"] + (f" ({item['exchange']})" if item.get("exchange") else ""),
                f"{item['score']:.2f}",
            )
        console.print(t)


def _stats(record, stats, console) -> None:
    t = Table(title="Share of speaking by role")
    for col in ("role", "speakers", "turns", "words", "share"):
        t.add_column(col, justify="left" if col == "role" else "right")
    for role, r in stats.get("roles", {}).items():
        t.add_row(role, str(r["speakers"]), str(r["turns"]), str(r["words"]), f"{r['share']:.1%}")
    console.print(t)
    if stats.get("outlets"):
        t = Table(title="Who got to ask")
        for col in ("outlet", "journalists", "exchanges", "questions"):
            t.add_column(col, justify="left" if col in ("outlet", "journalists") else "right")
        for outlet, o in stats["outlets"].items():
            t.add_row(
                outlet,
                ", ".join(record.speaker_name(j) or j for j in o["journalists"]),
                str(o["exchanges"]),
                str(o["questions"]),
            )
        console.print(t)
    al = stats.get("answer_length") or {}
    if al.get("exchanges"):
        console.print(
            f"Answers against questions: {al['answer_words']} words of answer for {al['question_words']} "
            f"of question (×{al['ratio']}); median question {al['median_question_words']} words, "
            f"median answer {al['median_answer_words']}."
        )
    if stats.get("clarity"):
        console.print("Clarity: " + ", ".join(f"{k} {v}" for k, v in stats["clarity"].items()))
    un = stats.get("unanswered") or []
    if un:
        console.print(
            "Unanswered: "
            + "; ".join(
                f"{u['exchange']}{'/' + u['question'] if u.get('question') else ''} "
                f"({record.speaker_name(u['questioner']) or 'anonymous'}: {u['reason']})"
                for u in un
            )
        )
    elif stats.get("clarity") is not None:
        console.print("Unanswered: none")


def register(main, groups):
    @main.command()
    @click.argument("file")
    @click.option("--json", "as_json", is_flag=True, help="Print the full record with its annotations as JSON.")
    @click.option(
        "--annotators", "spec", metavar="A,B,…", help="Annotators to run (default: the whole default pipeline)."
    )
    @click.option("--format", "fmt", help="Input format (default: detected from the content).")
    @click.option("--quiet", is_flag=True, help="No status lines on stderr while the models load.")
    def analyze(file, as_json, spec, fmt, quiet):
        """Parse FILE ('-' for stdin), annotate it and report what happened in it."""
        from .parse import load, write_json

        requested = pipeline_names(spec)
        doc = load(file, fmt)
        record = analyze_document(doc, requested, None if quiet else lambda line: click.echo(line, err=True))
        if as_json:
            write_json(record.to_dict(), None)
        else:
            print_report(record, Console())
