"""Full-text ranking before and after the length prior, on 10 queries over a sample of
../shared/corpus-large.

    .venv/bin/python bench/ranking.py [--db PATH] [--every N]

``--db``: a store of the sample (default /tmp/pressroom-ranking-sample.db); when the file
does not exist it is built here from every N-th file (default 4) of
../shared/corpus-large/whitehouse-press-briefings in sorted path order.

For each query, the top hit with plain bm25 ("before": ``Engine.length_prior = 0``) and with
bm25 times the length prior ("after": the default, `pressroom.store.engines.LENGTH_PRIOR`),
each with its length in characters and its first words; then, over the ten queries, how
many of the top-10 hits are shorter than 60 characters and the median length of the top-10
hits, before and after; last, what the prior costs: the best of 5 runs (wall time, the
turn table warm) of three queries, plain bm25 and with the prior.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pressroom.store import open_store  # noqa: E402
from pressroom.store.engines import LENGTH_PRIOR  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus-large" / "whitehouse-press-briefings"
QUERIES = [
    "inflation",
    '"student loan"*',
    "ukraine",
    "vaccin*",
    "border",
    '"gas prices"',
    "china",
    "afghanistan",
    '"supply chain"*',
    "infrastructure",
]
SHORT = 60


def build(db: Path, every: int) -> None:
    from pressroom.ingest import ingest_paths

    files = sorted(str(p) for p in CORPUS.rglob("*.md"))[::every]
    store = open_store(str(db))
    report = ingest_paths(store, files, workers=1, identity=False)
    print(
        f"built {db}: {report.added} of {len(files)} files (1 in {every} of {CORPUS}, in sorted path order), "
        f"{report.turns} turns",
        file=sys.stderr,
    )
    store.close()


def top(store, query: str, prior: float, k: int = 10):
    store.engine.length_prior = prior
    result = store.search(query, limit=k, facets=False, with_text=True)
    return result.total, [h.text for h in result.hits]


def line(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= 56 else words[:55] + "…"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/pressroom-ranking-sample.db")
    ap.add_argument("--every", type=int, default=4)
    args = ap.parse_args()
    db = Path(args.db)
    if not db.exists():
        build(db, args.every)
    store = open_store(str(db))
    n_turns = store.stats().turns
    print(
        f"store: {db} ({n_turns:,} current turns); length prior: score × L / (L + {LENGTH_PRIOR:g}), "
        "L = the turn's length in characters"
    )
    print()
    print("| query | matches | top hit before (bm25) | chars | top hit after (bm25 × prior) | chars |")
    print("|---|---:|---|---:|---|---:|")
    lengths = {"before": [], "after": []}
    for q in QUERIES:
        total, before = top(store, q, 0)
        _, after = top(store, q, LENGTH_PRIOR)
        lengths["before"] += [len(t) for t in before]
        lengths["after"] += [len(t) for t in after]
        b, a = before[0], after[0]
        print(f"| `{q}` | {total:,} | {line(b)} | {len(b):,} | {line(a)} | {len(a):,} |")
    print()
    for name in ("before", "after"):
        ls = lengths[name]
        print(
            f"{name}: top-10 hits of the 10 queries: {sum(1 for x in ls if x < SHORT)} of {len(ls)} shorter than "
            f"{SHORT} characters; median length {statistics.median(ls):,.0f} characters"
        )
    print()
    store.search("warm-up", facets=False)
    for q in ("inflation", '"the president"', "econom*"):
        times = {}
        for prior in (0, LENGTH_PRIOR):
            store.engine.length_prior = prior
            best = float("inf")
            for _ in range(5):
                t0 = time.perf_counter()
                r = store.search(q, limit=10)
                best = min(best, time.perf_counter() - t0)
            times[prior] = best * 1000
        print(
            f"time of `{q}` ({r.total:,} matches, hits and facets): {times[0]:.1f} ms plain bm25, "
            f"{times[LENGTH_PRIOR]:.1f} ms with the prior"
        )
    store.close()


if __name__ == "__main__":
    main()
