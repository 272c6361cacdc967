"""Ingest throughput and memory over a corpus, against a bare SQLite FTS5 baseline measured
in the same run.

    .venv/bin/python bench/ingest.py [DIR] [--workers N] [--no-double] [--keep PATH]
                                      [--embed-sample N]

DIR defaults to ../shared/corpus-large. Each measurement runs in a fresh process; memory is
the peak resident set of that process and all its children (sampled every 100 ms; the
process tree is listed once a second, since listing it walks all of /proc and, every 20 ms,
took CPU from the ingest it measured).

1. baseline: read every file and insert it whole into an FTS5 table (same tokenizer, WAL,
   synchronous=NORMAL, one transaction per file, as the store does);
2. pressroom: `ingest_paths` of the same files (parse in worker processes, one transaction
   per transcript, no embeddings) into an empty store;
3. doubled: the corpus twice over (each file copied with another source URL and title, so
   every copy is a new event) — time and peak memory should scale ~2x and stay flat;
4. with --breakdown K: on every K-th file, in one process, the CPU time of read+parse, of
   turning records into rows, and of the store's writes, against the baseline's; and from
   them the floor no scheduling can beat on this machine: the single writer does all the
   writes, and all the work shares the CPUs, so ingest/baseline ≥ max(writes, all work /
   CPUs) / baseline;
5. with --embed-sample N: embeddings of N turns of the stored corpus as a separate step
   (chunks/s), and of N single sentences (sentences/s).

Targets (issue 6): ingest ≤ 2x the baseline; peak memory ≤ 500 MB and flat as the corpus doubles.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus-large"
SKIP = {"MANIFEST.md", "README.md"}

BASELINE = r"""
import json, sqlite3, sys, time
files = json.load(open(sys.argv[1]))
t0 = time.perf_counter()
conn = sqlite3.connect(sys.argv[2], isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("PRAGMA synchronous = NORMAL")
conn.execute("CREATE VIRTUAL TABLE raw USING fts5(path, text, tokenize='unicode61 remove_diacritics 2')")
for f in files:
    text = open(f, encoding="utf-8", errors="replace").read()
    conn.execute("BEGIN")
    conn.execute("INSERT INTO raw (path, text) VALUES (?, ?)", (f, text))
    conn.execute("COMMIT")
conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
conn.close()
print(json.dumps({"seconds": time.perf_counter() - t0}))
"""

INGEST = r"""
import json, sys, time
t0 = time.perf_counter()
from pressroom.store import open_store
from pressroom.ingest import ingest_paths
files = json.load(open(sys.argv[1]))
store = open_store(sys.argv[2])
report = ingest_paths(store, files, workers=int(sys.argv[3]))
store.close()
print(json.dumps({"seconds": time.perf_counter() - t0, "report": report.to_dict()}))
"""

BREAKDOWN = r"""
import json, sqlite3, sys, time
import pressroom
from pressroom.store import open_store, prepare
files = json.load(open(sys.argv[1]))
t_parse = t_prep = t_write = t_base = 0.0
prepared = []
for f in files:
    t0 = time.process_time()
    try:
        t = pressroom.parse_document(pressroom.read_path(f))
    except pressroom.PressroomError:
        continue
    t1 = time.process_time()
    prepared.append(prepare(t))
    t_parse += t1 - t0
    t_prep += time.process_time() - t1
store = open_store(sys.argv[2])
t0 = time.process_time()
for i, p in enumerate(prepared):
    store.add_prepared(p, index=False)
    if i % 64 == 63:
        store.sync_index()
store.sync_index()
t_write = time.process_time() - t0
conn = sqlite3.connect(sys.argv[3], isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL"); conn.execute("PRAGMA synchronous = NORMAL")
conn.execute("CREATE VIRTUAL TABLE raw USING fts5(path, text, tokenize='unicode61 remove_diacritics 2')")
t0 = time.process_time()
for f in files:
    text = open(f, encoding="utf-8", errors="replace").read()
    conn.execute("BEGIN"); conn.execute("INSERT INTO raw VALUES (?, ?)", (f, text)); conn.execute("COMMIT")
t_base = time.process_time() - t0
print(json.dumps({"files": len(files), "parse": t_parse, "prepare": t_prep, "write": t_write, "baseline": t_base}))
"""

EMBED = r"""
import json, re, sys, time
from pressroom.store import open_store
from pressroom.embed import Embedder
store = open_store(sys.argv[1])
n = int(sys.argv[2])
emb = Embedder()
t0 = time.perf_counter(); emb.encode(["warm up"]); load = time.perf_counter() - t0
rows = store.engine.query("SELECT id, text FROM turns WHERE is_current = 1 ORDER BY id LIMIT ?", (n,))
from pressroom.embed import chunk_spans
chunks = [t[s:e] for _, t in rows for s, e in chunk_spans(t)]
t0 = time.perf_counter(); emb.encode(chunks, batch_size=64); chunk_s = time.perf_counter() - t0
words = sum(len(c.split()) for c in chunks)
sents = [s for _, t in rows for s in re.split(r"(?<=[.!?])\s+", " ".join(t.split())) if len(s.split()) >= 3][:n]
t0 = time.perf_counter(); emb.encode(sents, batch_size=32); sent_s = time.perf_counter() - t0
print(json.dumps({"load": load, "chunks": len(chunks), "chunk_seconds": chunk_s, "words": words,
                  "sentences": len(sents), "sentence_seconds": sent_s}))
"""


def measure(code: str, args: list[str]) -> tuple[dict, float, float]:
    """Run ``code`` in a fresh interpreter; return (its JSON output, peak RSS of the process
    tree in MB, peak RSS of the main process in MB). The output gains ``cpu``: CPU seconds of
    the whole process tree (user + system, as last sampled)."""
    import psutil

    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("HF_HUB_OFFLINE", "1")
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    peak_tree = peak_main = 0.0
    cpu: dict[int, float] = {}
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_tree, peak_main
        try:
            p = psutil.Process(proc.pid)
        except psutil.NoSuchProcess:
            return
        children: list = []
        n = 0
        while not stop.is_set():
            try:
                main = p.memory_info().rss
                t = p.cpu_times()
                cpu[p.pid] = t.user + t.system
                kids = 0
                if n % 10 == 0:  # listing the process tree walks all of /proc: once a second is enough
                    children = p.children(recursive=True)
                n += 1
                for c in children:
                    try:
                        kids += c.memory_info().rss
                        t = c.cpu_times()
                        cpu[c.pid] = t.user + t.system
                    except psutil.NoSuchProcess:
                        pass
                peak_main = max(peak_main, main / 1e6)
                peak_tree = max(peak_tree, (main + kids) / 1e6)
            except psutil.NoSuchProcess:
                return
            time.sleep(0.1)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, err = proc.communicate()
    stop.set()
    t.join()
    if proc.returncode != 0:
        sys.exit(f"benchmark step failed:\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result["cpu"] = sum(cpu.values())
    return result, peak_tree, peak_main


def corpus_files(root: Path) -> list[str]:
    return sorted(str(p) for p in root.rglob("*") if p.is_file() and p.suffix in (".md", ".txt") and p.name not in SKIP)


def doubled(files: list[str], out: Path) -> list[str]:
    """The files plus a copy of each with another source URL and title (a new event each)."""
    out.mkdir(parents=True, exist_ok=True)
    made = list(files)
    for i, f in enumerate(files):
        text = Path(f).read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"^(source_url: \S+?)/?$", r"\1/copy/", text, count=1, flags=re.M)
        text = re.sub(r'^(title: ["\']?)', r"\1Copy: ", text, count=1, flags=re.M)
        p = out / f"{i:05d}-{Path(f).name}"
        p.write_text(text, encoding="utf-8")
        made.append(str(p))
    return made


def db_size(path: Path) -> float:
    return sum(os.path.getsize(str(path) + s) for s in ("", "-wal") if os.path.exists(str(path) + s)) / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--no-double", action="store_true", help="Skip the doubled-corpus run.")
    ap.add_argument("--keep", help="Keep the ingested store at this path (for bench/search.py).")
    ap.add_argument("--embed-sample", type=int, default=0, help="Also embed this many turns (and sentences).")
    ap.add_argument(
        "--breakdown",
        type=int,
        default=0,
        metavar="K",
        help="Also time read+parse, prepare and the store's writes apart, in one process, "
        "on every K-th file, against the baseline on the same files.",
    )
    args = ap.parse_args()
    files = corpus_files(Path(args.corpus))
    if not files:
        sys.exit(f"no .md/.txt files under {args.corpus}")
    mb = sum(os.path.getsize(f) for f in files) / 1e6
    tmp = Path(tempfile.mkdtemp(prefix="pressroom-bench-"))
    try:
        lst = tmp / "files.json"
        lst.write_text(json.dumps(files))
        print(
            f"corpus: {len(files)} files, {mb:.1f} MB ({args.corpus}); workers: {args.workers}; "
            f"CPUs: {os.cpu_count()}; load average at start {os.getloadavg()[0]:.1f}"
        )

        base, base_mem, _ = measure(BASELINE, [str(lst), str(tmp / "baseline.db")])
        print(
            f"baseline  raw files → FTS5:    {base['seconds']:7.2f} s   peak {base_mem:6.0f} MB   "
            f"db {db_size(tmp / 'baseline.db'):.0f} MB   CPU {base['cpu']:.1f} s"
        )

        db = tmp / "store.db"
        ing, ing_mem, ing_main = measure(INGEST, [str(lst), str(db), str(args.workers)])
        r = ing["report"]
        print(
            f"pressroom ingest (no embed):   {ing['seconds']:7.2f} s   peak {ing_mem:6.0f} MB "
            f"(main {ing_main:.0f} MB)   db {db_size(db):.0f} MB   CPU {ing['cpu']:.1f} s (all processes)"
        )
        print(f"   stored {r['added']} transcripts, {r['turns']} turns; {r['failed']} failed")
        print(
            f"   ratio ingest/baseline: {ing['seconds'] / base['seconds']:.2f}x wall (target ≤ 2x), "
            f"{ing['cpu'] / base['cpu']:.1f}x CPU"
        )
        if not args.no_double:
            files2 = doubled(files, tmp / "double")
            lst2 = tmp / "files2.json"
            lst2.write_text(json.dumps(files2))
            base2, _, _ = measure(BASELINE, [str(lst2), str(tmp / "baseline2.db")])
            ing2, mem2, main2 = measure(INGEST, [str(lst2), str(tmp / "store2.db"), str(args.workers)])
            print(
                f"doubled corpus ({len(files2)} files): baseline {base2['seconds']:.2f} s, ingest "
                f"{ing2['seconds']:.2f} s (ratio {ing2['seconds'] / base2['seconds']:.2f}x), "
                f"{ing2['report']['added']} stored"
            )
            print(
                f"   time x{ing2['seconds'] / ing['seconds']:.2f} for x2 data; peak memory {mem2:.0f} MB "
                f"(main {main2:.0f} MB) vs {ing_mem:.0f} MB: x{mem2 / ing_mem:.2f}  (target ≤ 500 MB, flat)"
            )
        if args.breakdown:
            sample = files[:: args.breakdown]
            (tmp / "sample.json").write_text(json.dumps(sample))
            b, _, _ = measure(BREAKDOWN, [str(tmp / "sample.json"), str(tmp / "b.db"), str(tmp / "braw.db")])
            n = b["files"]
            print(
                f"breakdown on {n} files (every {args.breakdown}th), one process, CPU time: read+parse "
                f"{1000 * b['parse'] / n:.1f} ms/file, prepare rows {1000 * b['prepare'] / n:.1f} ms/file, "
                f"store writes {1000 * b['write'] / n:.1f} ms/file; baseline {1000 * b['baseline'] / n:.1f} ms/file"
            )
            print(
                f"   store writes alone / baseline: {b['write'] / b['baseline']:.2f}x; "
                f"(prepare + writes) / baseline: {(b['prepare'] + b['write']) / b['baseline']:.2f}x; "
                f"parse / baseline: {b['parse'] / b['baseline']:.1f}x"
            )
            # The floor no scheduling can beat: one SQLite writer does every write in turn, and
            # all the work shares the cores (no process start, no pickling counted).
            work = b["parse"] + b["prepare"] + b["write"]
            cores = os.cpu_count() or 1
            floor = max(b["write"], work / cores) / b["baseline"]
            print(
                f"   floor on {cores} cores: max(writes, all work / {cores}) / baseline = {floor:.2f}x; "
                f"with unlimited cores (writes alone): {b['write'] / b['baseline']:.2f}x  (target ≤ 2x)"
            )
        if args.embed_sample:
            emb, emb_mem, _ = measure(EMBED, [str(db), str(args.embed_sample)])
            print(
                f"embeddings (all-MiniLM-L6-v2, CPU, separate step): model load {emb['load']:.1f} s; "
                f"{emb['chunks']} chunks ({emb['words'] / max(emb['chunks'], 1):.0f} words each) "
                f"{emb['chunks'] / emb['chunk_seconds']:.1f} chunks/s; "
                f"{emb['sentences']} sentences {emb['sentences'] / emb['sentence_seconds']:.1f} sentences/s; "
                f"peak {emb_mem:.0f} MB"
            )
        if args.keep:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(str(db) + suffix):
                    shutil.copy(str(db) + suffix, args.keep + suffix)
            print(f"kept the store at {args.keep}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
