"""Benchmark `pressroom embed` on briefings spread over the large White House corpus, against bare
sentence-transformers `encode` of the same chunks with the same batches, in the same run (on
demand, never from tests).

    .venv/bin/python bench/embed.py --sample 100            # the measure (a fresh process, about 5 min)
    .venv/bin/python bench/embed.py --sample 5              # a check that it works (a minute)
    .venv/bin/python bench/embed.py --sample 0              # every briefing of the corpus
    .venv/bin/python bench/embed.py --sample 100 --threads 1 --json out.json

The sample's files (every k-th in sorted order) are ingested, parse only, into a new SQLite store
in a temporary folder (not timed); then, in this process:

1. **pressroom**: `Store.embed` with the packaged encoder (what `pressroom embed` runs): the
   chunks of each turn (`pressroom.embed.chunk_spans`), encoded in groups of 512 sorted longest
   first, `--batch-size` texts a batch, and written to the store. The encoder's load is timed
   apart.
2. **bare**: `SentenceTransformer(path).encode` of the same chunk texts, in the same groups and
   order, with the same batch size, nothing written.

Printed: chunks, chunks/s over wall and over CPU seconds for both, the ratio of pressroom's CPU to
bare CPU, each load time, torch's threads and the load average; the whole corpus's time is
projected from the sample's chunks per briefing. The issue's target: >= 150 chunks/s on the 2
cores, the whole corpus-large in <= 15 min.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from timing import Clock  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus-large"
#: Store.embed's commit group (chunks sorted longest first within each)
GROUP = 512


def corpus_files(corpus: str) -> list[Path]:
    return sorted(f for f in Path(corpus).rglob("*.md") if f.name != "MANIFEST.md")


def spread(files: list[Path], n: int) -> list[Path]:
    """``n`` files spread evenly over ``files`` (every k-th); all of them for 0 or n >= len."""
    if not n or n >= len(files):
        return files
    return [files[i * len(files) // n] for i in range(n)]


def stored_chunks(store, model: str) -> list[str]:
    """The texts `Store.embed` encoded, in its order: its groups of `GROUP`, longest first."""
    from pressroom.embed import chunk_spans

    rows = store.engine.query(
        "SELECT t.id, t.text FROM turns t WHERE t.is_current = 1 ORDER BY t.id",
    )
    work = [text[s:e] for _, text in rows for s, e in chunk_spans(text)]
    out = []
    for g in range(0, len(work), GROUP):
        out.extend(sorted(work[g : g + GROUP], key=lambda w: -len(w)))
    return out


def run(args) -> dict:
    import torch

    from pressroom.embed import Embedder, _load
    from pressroom.ingest import ingest_paths
    from pressroom.store import open_store

    if args.threads:
        torch.set_num_threads(args.threads)
    everything = corpus_files(args.corpus)
    files = spread(everything, args.sample)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        t = time.perf_counter()
        report = ingest_paths(store, [str(f) for f in files], workers=1, identity=False)
        ingest_s = time.perf_counter() - t
        embedder = Embedder(batch_size=args.batch_size)
        t = time.perf_counter()
        embedder.model  # noqa: B018 - load now, timed apart
        load_s = time.perf_counter() - t
        with Clock() as ours:
            done = store.embed(embedder, batch_size=args.batch_size)
        texts = stored_chunks(store, embedder.name)
        store.close()
    assert len(texts) == done.chunks, (len(texts), done.chunks)
    t = time.perf_counter()
    bare_model = _load("cpu")
    bare_load_s = time.perf_counter() - t
    with Clock() as bare:
        for g in range(0, len(texts), GROUP):
            group = texts[g : g + GROUP]
            for i in range(0, len(group), args.batch_size):
                bare_model.encode(
                    group[i : i + args.batch_size],
                    batch_size=args.batch_size,
                    convert_to_numpy=True,
                    normalize_embeddings=True,
                    show_progress_bar=False,
                )
    n = report.added + report.updated + report.unchanged
    per_briefing = done.chunks / n if n else 0.0
    projected = len(everything) * per_briefing / (done.chunks / ours.wall) if done.chunks else 0.0
    return {
        "briefings": n,
        "files": len(files),
        "corpus_files": len(everything),
        "turns": done.turns,
        "chunks": done.chunks,
        "batch_size": args.batch_size,
        "ingest_s": ingest_s,
        "load_s": load_s,
        "bare_load_s": bare_load_s,
        "pressroom_wall_s": ours.wall,
        "pressroom_cpu_s": ours.cpu,
        "bare_wall_s": bare.wall,
        "bare_cpu_s": bare.cpu,
        "chunks_per_wall_s": done.chunks / ours.wall if ours.wall else 0.0,
        "chunks_per_cpu_s": done.chunks / ours.cpu if ours.cpu else 0.0,
        "bare_chunks_per_wall_s": done.chunks / bare.wall if bare.wall else 0.0,
        "bare_chunks_per_cpu_s": done.chunks / bare.cpu if bare.cpu else 0.0,
        "ratio_cpu": ours.cpu / bare.cpu if bare.cpu else 0.0,
        "ratio_wall": ours.wall / bare.wall if bare.wall else 0.0,
        "projected_corpus_min": projected / 60,
        "torch_threads": torch.get_num_threads(),
        "load_average": os.getloadavg()[0],
    }


def report(r: dict) -> None:
    print(
        f"{r['briefings']} briefings of {r['corpus_files']} (every {r['corpus_files'] / max(r['files'], 1):.1f}th), "
        f"{r['turns']} turns embedded in {r['chunks']} chunks, batch size {r['batch_size']}; "
        f"torch threads {r['torch_threads']}; load average {r['load_average']:.1f}"
    )
    print(f"model load: pressroom {r['load_s']:.2f} s, bare {r['bare_load_s']:.2f} s")
    print(
        f"  pressroom embed   {r['pressroom_wall_s']:7.1f} s wall {r['pressroom_cpu_s']:7.1f} s CPU   "
        f"{r['chunks_per_wall_s']:6.1f} chunks/s wall {r['chunks_per_cpu_s']:6.1f} chunks/CPU s"
    )
    print(
        f"  bare encode       {r['bare_wall_s']:7.1f} s wall {r['bare_cpu_s']:7.1f} s CPU   "
        f"{r['bare_chunks_per_wall_s']:6.1f} chunks/s wall {r['bare_chunks_per_cpu_s']:6.1f} chunks/CPU s"
    )
    print(
        f"ratio pressroom / bare: {r['ratio_cpu']:.2f} CPU, {r['ratio_wall']:.2f} wall; "
        f"target 150 chunks/s wall: {'met' if r['chunks_per_wall_s'] >= 150 else 'NOT met'}; "
        f"the {r['corpus_files']} briefings projected at {r['projected_corpus_min']:.0f} min "
        f"(target 15: {'met' if r['projected_corpus_min'] <= 15 else 'NOT met'})"
    )


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--sample", type=int, default=100, help="briefings spread over the corpus (0: all)")
    ap.add_argument("--batch-size", type=int, default=64, help="texts per encode batch (pressroom's default 64)")
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    ap.add_argument("--json", dest="json_out", help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    if args.sample < 0 or args.batch_size < 1:
        ap.error("--sample must be 0 or more and --batch-size 1 or more")
    if not Path(args.corpus).is_dir():
        ap.error(f"no corpus folder {args.corpus}")
    r = run(args)
    report(r)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(r, indent=2))


if __name__ == "__main__":
    main()
