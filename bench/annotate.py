"""Benchmark the annotators over the large White House corpus (run on demand, never from tests).

    .venv/bin/python bench/annotate.py                      # 40 transcripts sampled from corpus-large
    .venv/bin/python bench/annotate.py --limit 0            # all 1,152 of them (about 3 h, see below)
    .venv/bin/python bench/annotate.py --json out.json      # also write the figures as JSON
    .venv/bin/python bench/annotate.py --sample 100        # the corpus measure (issue 17), a fresh process
    .venv/bin/python bench/annotate.py --sample 5          # a check that it works
    # the whole corpus split over two processes, one core each (about 1 h on a quiet machine):
    .venv/bin/python bench/annotate.py --limit 0 --no-pipeline --annotators entities,topics,talking_points,quotes,stats
    .venv/bin/python bench/annotate.py --limit 0 --no-pipeline --threads 1 --annotators clarity

For each annotator it reports wall and CPU seconds, transcripts/s and words/s (per CPU second:
steadier than wall time when other work shares the two cores) over the same parsed
transcripts, and the ratio of its CPU time to a baseline measured in the same run: bare spaCy tokenisation
(`spacy.blank("en")`) of the same turns. Each annotator runs alone on fresh copies of the
records (models loaded and warmed up first), then the whole pipeline runs in order. It also
times `pressroom analyze` of the NATO seed, warm (read + parse + annotate, models loaded),
and the corpus talking-points helper. Progress goes to stderr (a line every 5 %, or one line
kept up to date on a terminal). ``--no-pipeline`` skips the whole-pipeline pass (it takes as
long as the annotators alone together); ``--threads N`` sets torch's CPU threads (clarity;
give 1 to each of two processes sharing two cores).

CPU time per transcript of corpus-large, roughly: entities 0.9 s, topics 0.45 s, clarity 2-3 s
(its model and the evidence embeddings), talking points, quotes and stats 0.1 s together: with
the pipeline pass, --limit 0 takes about 3 hours in one process.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from timing import Clock  # noqa: E402

import pressroom  # noqa: E402
from pressroom.annotate import DEFAULT_PIPELINE, get, instance, resolve_order  # noqa: E402
from pressroom.annotate.stats import count_words, turn_body  # noqa: E402
from pressroom.annotate.talking_points import corpus_talking_points  # noqa: E402
from pressroom.errors import PressroomError  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus-large"
SEED = ROOT / "tests" / "data" / "seed" / "nato-2021-03-22-press-conference.txt"


def available(names):
    out = []
    for n in names:
        try:
            get(n)
            out.append(n)
        except (ImportError, PressroomError) as exc:
            print(f"(skipping {n}: {exc})", file=sys.stderr)
    return out


def load(files):
    records, skipped = [], 0
    t0 = time.perf_counter()
    progress = Progress("read + parse", len(files))
    for i, f in enumerate(files, 1):
        try:
            doc = pressroom.read_path(f)
            records.append((pressroom.parse_document(doc), doc.text))
        except PressroomError:
            skipped += 1
        progress(i)
    return records, skipped, time.perf_counter() - t0


def baseline(records) -> Clock:
    import spacy

    nlp = spacy.blank("en")
    with Clock() as c:
        for record, text in records:
            for t in record.turns:
                s, e = turn_body(t, text)
                nlp.make_doc(text[s:e])
    return c


class Progress:
    """``label: i/n, elapsed, left`` on stderr: one line kept up to date on a terminal, else a
    line every 5 % (a log file stays short)."""

    def __init__(self, label: str, total: int):
        self.label, self.total, self.t0 = label, total, time.perf_counter()
        self.tty = sys.stderr.isatty()
        self.every = max(1, total // 20)

    def __call__(self, done: int) -> None:
        if not (self.tty or done % self.every == 0 or done == self.total):
            return
        spent = time.perf_counter() - self.t0
        left = spent / done * (self.total - done) if done else 0.0
        line = f"{self.label}: {done}/{self.total}, {spent:.0f} s, about {left:.0f} s left"
        print(
            ("\r" + line + " " * 8) if self.tty else line,
            end="" if self.tty and done < self.total else "\n",
            file=sys.stderr,
            flush=True,
        )


def timed(records, names, label: str | None = None, keep: bool = False) -> tuple[Clock, list]:
    """Run the annotators over fresh copies of the records; the clock counts the annotators only
    (copying a record is left out). The annotated copies are returned when ``keep``."""
    steps = [instance(n) for n in resolve_order(names)]
    total = Clock()
    total.wall = total.cpu = 0.0
    out = []
    progress = Progress(label, len(records)) if label else None
    for i, (record, text) in enumerate(records, 1):
        record = copy.deepcopy(record)
        with Clock() as c:
            for step in steps:
                step(record, text)
        total.wall += c.wall
        total.cpu += c.cpu
        if keep:
            out.append((record, text))
        if progress:
            progress(i)
    return total, out


def seed_warm(names, repeats=5, one_by_one=False) -> tuple[float, float]:
    """(wall, CPU) seconds for read + parse + annotate of the seed, models already loaded (medians).
    ``one_by_one``: each annotator called in turn, without `annotate`'s look-ahead thread."""
    from pressroom.annotate import instance, resolve_order

    walls, cpus = [], []
    for _ in range(repeats):
        with Clock() as c:
            doc = pressroom.read_path(SEED)
            record = pressroom.parse_document(doc)
            if one_by_one:
                for name in resolve_order(names):
                    instance(name)(record, doc.text)
            else:
                pressroom.annotate(record, doc.text, names)
        walls.append(c.wall)
        cpus.append(c.cpu)
    return statistics.median(walls), statistics.median(cpus)


def seed_only(names, rounds: int) -> None:
    """analyze of the seed, warm: `annotate` (clarity computed in a thread beside the others)
    against the same annotators one by one, alternating so both see the same machine."""
    seed_warm(names, repeats=1)  # load the models
    ahead, single = [], []
    for _ in range(rounds):
        ahead.append(seed_warm(names, repeats=1))
        single.append(seed_warm(names, repeats=1, one_by_one=True))
    for label, runs in (("annotate()", ahead), ("one by one", single)):
        walls = [w for w, _ in runs]
        print(
            f"pressroom analyze of the seed, warm ({label}, read+parse+{','.join(names)}): "
            f"wall median {statistics.median(walls):.2f} s (min {min(walls):.2f}, max {max(walls):.2f}), "
            f"CPU median {statistics.median(c for _, c in runs):.2f} s"
        )
    ratio = statistics.median(w for w, _ in ahead) / statistics.median(w for w, _ in single)
    print(f"ratio annotate()/one by one: {ratio:.2f}; load average {os.getloadavg()[0]:.2f}")


def spread(corpus: str, n: int) -> list[Path]:
    """``n`` briefings spread evenly over the corpus in date order (every k-th file)."""
    files = sorted(f for f in Path(corpus).rglob("*.md") if f.name != "MANIFEST.md")
    return [files[i * len(files) // n] for i in range(n)] if n < len(files) else files


def bare_baselines(records, clarity_inputs):
    """CPU of the same work done bare, in this process: spaCy's en_core_web_sm without its parser
    (what entities and topics use: tagger, lemmatizer, ner) `nlp.pipe` over the turns' speech once,
    in batches of 32 as the annotators run it, and
    sentence-transformers `encode` of the clarity model's inputs (question + answers, 512
    tokens at most) with all-MiniLM-L6-v2, the clarity encoder's base. Returns {label: (load s, cpu s)}."""
    import spacy
    from sentence_transformers import SentenceTransformer

    from pressroom.annotate.entities import MODEL
    from pressroom.clarity.inputs import base_model_dir

    out = {}
    t = time.perf_counter()
    nlp = spacy.load(MODEL, exclude=["parser", "senter"])
    load_s = time.perf_counter() - t
    texts = [text[slice(*turn_body(u, text))] for r, text in records for u in r.turns]
    with Clock() as c:
        for _ in nlp.pipe(texts, batch_size=32):
            pass
    out["bare spaCy nlp.pipe (tagger, lemmatizer, ner)"] = (load_s, c.cpu)
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # no "Loading weights" bar in the benchmark's output
    t = time.perf_counter()
    st = SentenceTransformer(str(base_model_dir()), device="cpu")
    st.max_seq_length = 512
    load_s = time.perf_counter() - t
    with Clock() as c:
        if clarity_inputs:
            st.encode(clarity_inputs, batch_size=16, show_progress_bar=False)
    out["bare sentence-transformers encode (clarity inputs)"] = (load_s, c.cpu)
    return out


def clarity_texts(records) -> list[str]:
    """One input per question with an answer: the question, then the answer turns' speech."""
    out = []
    for r, text in records:
        for x in r.exchanges:
            answer = " ".join(text[slice(*turn_body(r.turn(t), text))] for t in x.answer_turns if r.turn(t))
            if not answer.strip():
                continue
            for q in x.questions or [None]:
                question = q.text if q else " ".join(r.turn(t).text for t in x.question_turns if r.turn(t))
                out.append(question + " " + answer)
    return out


def corpus_run(corpus: str, n: int, names: list[str], json_out: str | None) -> None:
    """This process (fresh): load each annotator (timed), annotate ``n`` briefings spread over the
    corpus with each stage's CPU, then the bare baselines over the same text; ratios printed."""
    from pressroom.annotate import load_models

    records, skipped, parse_s = load(spread(corpus, n))
    try:
        from pressroom.store.rows import rebuild_source, source_gaps
    except ImportError:  # the store's modules moved: the side check is skipped
        pass
    else:
        gaps = [source_gaps(r, text) for r, text in records]
        exact = sum(rebuild_source(r, g) == text for (r, text), g in zip(records, gaps))
        print(
            f"stored source text (`sources`): {sum(map(len, gaps)) / sum(len(t.encode()) for _, t in records):.1%} "
            f"of the text's bytes; rebuilt exactly for {exact} of {len(records)}"
        )
    loads = {}
    for name in names:
        t = time.perf_counter()
        load_models([name])
        loads[name] = time.perf_counter() - t
    stages = dict.fromkeys(names, 0.0)
    progress = Progress("annotate", len(records))
    with Clock() as total:
        for i, (record, text) in enumerate(records, 1):
            for name in names:
                c = time.process_time()
                instance(name)(record, text)
                stages[name] += time.process_time() - c
            progress(i)
    k = len(records)
    bases = bare_baselines(records, clarity_texts(records) if "clarity" in names else [])
    base_cpu = sum(cpu for _, cpu in bases.values())
    print(
        f"{k} briefings spread over {corpus} ({skipped} not parsed); torch threads "
        f"{__import__('torch').get_num_threads()}; load average {os.getloadavg()[0]:.1f}"
    )
    print(
        "model load (s): "
        + ", ".join(f"{n} {s:.2f}" for n, s in loads.items())
        + "; "
        + ", ".join(f"{label} {load_s:.2f}" for label, (load_s, _) in bases.items())
    )
    for name in names:
        print(f"  {name:<16} {stages[name] / k * 1000:8.0f} ms CPU per briefing")
    print(
        f"annotators, all stages: {total.cpu / k:.3f} s CPU per briefing ({total.wall / k:.3f} s wall); "
        f"target 0.6 s: {'met' if total.cpu / k <= 0.6 else 'NOT met'}"
    )
    for label, (_, cpu) in bases.items():
        print(f"  baseline {label}: {cpu / k:.3f} s CPU per briefing")
    print(
        f"ratio to the bare baselines together: {total.cpu / base_cpu:.2f} (target 1.5: "
        f"{'met' if total.cpu / base_cpu <= 1.5 else 'NOT met'})"
    )
    if json_out:
        Path(json_out).write_text(
            json.dumps(
                {
                    "briefings": k,
                    "loads_s": loads,
                    "stage_cpu_s_per_briefing": {n: v / k for n, v in stages.items()},
                    "cpu_s_per_briefing": total.cpu / k,
                    "wall_s_per_briefing": total.wall / k,
                    "baselines_cpu_s_per_briefing": {label: cpu / k for label, (_, cpu) in bases.items()},
                    "ratio": total.cpu / base_cpu,
                    "load_average": os.getloadavg(),
                },
                indent=2,
            )
        )


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--limit", type=int, default=40, help="transcripts sampled (seeded); 0 = all")
    ap.add_argument("--annotators", default=",".join(DEFAULT_PIPELINE))
    ap.add_argument("--json", dest="json_out", help="also write the figures to this JSON file")
    ap.add_argument("--no-pipeline", action="store_true", help="skip the whole-pipeline pass")
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    ap.add_argument(
        "--seed-only",
        action="store_true",
        help="only time analyze of the seed: annotate() against the annotators one by one, "
        "interleaved, --repeat rounds",
    )
    ap.add_argument("--repeat", type=int, default=5, help="rounds for --seed-only")
    ap.add_argument(
        "--sample",
        "--spread",
        dest="spread",
        type=int,
        default=0,
        metavar="N",
        help="the corpus measure: this fresh process annotates N briefings spread over the corpus, "
        "each stage's CPU, model loads, and the bare spaCy nlp.pipe and sentence-transformers "
        "baselines over the same text, with the ratio",
    )
    args = ap.parse_args(argv)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)

    names = available([n.strip() for n in args.annotators.split(",") if n.strip()])
    if args.seed_only:
        seed_only(names, args.repeat)
        return
    if args.spread:
        corpus_run(args.corpus, args.spread, names, args.json_out)
        return
    files = sorted(Path(args.corpus).rglob("*.md"))
    files = [f for f in files if f.name != "MANIFEST.md"]
    if args.limit:
        files = sorted(random.Random(0).sample(files, min(args.limit, len(files))))
    records, skipped, parse_s = load(files)
    n = len(records)
    words = sum(count_words(text[slice(*turn_body(t, text))]) for r, text in records for t in r.turns)
    print(f"{n} transcripts ({skipped} not parsed), {words} words of speech; parse {n / parse_s:.1f} transcripts/s")

    # load models and warm up on the first record (not timed)
    for name in names:
        timed(records[:1], [name])

    base = baseline(records)
    rows = [("baseline: spaCy tokenisation", base)]
    annotated = None
    for name in names:
        clock, out = timed(records, [name], label=name, keep=name == "talking_points")
        rows.append((name, clock))
        if name == "talking_points":
            annotated = out
    if not args.no_pipeline:
        clock, annotated = timed(records, names, label="pipeline", keep="talking_points" in names)
        rows.append(("pipeline: " + ",".join(names), clock))
    tp = None
    if annotated:
        with Clock() as clock:
            tp = corpus_talking_points(annotated)
        rows.append(("corpus_talking_points", clock))

    print(
        f"{'step':<44} {'wall s':>7} {'cpu s':>7} {'ms/transcr':>10} {'transcr/s':>10} {'words/s':>9} "
        f"{'x baseline':>10}  (per transcript and rates: CPU)"
    )
    for label, c in rows:
        print(
            f"{label:<44} {c.wall:7.2f} {c.cpu:7.2f} {c.cpu / n * 1000:10.0f} {n / c.cpu:10.2f} "
            f"{words / c.cpu:9.0f} {c.cpu / base.cpu:10.1f}"
        )

    seed_wall, seed_cpu = seed_warm(names)
    doc = pressroom.read_path(SEED)
    rec = pressroom.parse_document(doc)
    seed_base = baseline([(rec, doc.text)])
    print(
        f"pressroom analyze of the seed, warm (read+parse+{','.join(names)}): {seed_wall:.2f} s wall, "
        f"{seed_cpu:.2f} s CPU ({seed_cpu / seed_base.cpu:.0f} x its tokenisation, "
        f"{seed_base.cpu * 1000:.1f} ms CPU)"
    )
    top = sorted(tp["speakers"].items(), key=lambda kv: -kv[1]["transcripts"])[:3] if tp else []
    for key, sp in top:
        phrases = ", ".join(f"{p['phrase']} ({p['transcripts']})" for p in sp["phrases"][:5])
        print(f"  corpus talking points of {key!r} ({sp['transcripts']} transcripts): {phrases}")
    if args.json_out:
        Path(args.json_out).write_text(
            json.dumps(
                {
                    "transcripts": n,
                    "words": words,
                    "parse_transcripts_per_s": n / parse_s,
                    "steps": [
                        {
                            "step": label,
                            "wall_s": c.wall,
                            "cpu_s": c.cpu,
                            "cpu_ms_per_transcript": c.cpu / n * 1000,
                            "transcripts_per_cpu_s": n / c.cpu,
                            "transcripts_per_wall_s": n / c.wall,
                            "words_per_cpu_s": words / c.cpu,
                            "x_baseline": c.cpu / base.cpu,
                        }
                        for label, c in rows
                    ],
                    "seed_warm_wall_s": seed_wall,
                    "seed_warm_cpu_s": seed_cpu,
                    "annotators": names,
                    "torch_threads": args.threads or None,
                    "load_average": os.getloadavg(),
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
