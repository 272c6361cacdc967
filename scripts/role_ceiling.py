"""The best role accuracy a record with one role per speaker could reach against gold.

    python scripts/role_ceiling.py GOLD_DIR [GOLD_DIR ...]

The record gives each speaker one role; some gold gives one person different roles in different
turns (a member who presents one agenda item and asks about the next). Giving each gold speaker
(by name, else by label) the role most of their turns have is the best any such record can do:
this prints that share of the gold turns for each folder given, and how many files fall below 0.9.
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path


def ceiling(gold: dict) -> tuple[int, int]:
    """(turns one role per speaker can get right, turns) for one gold file."""
    roles: dict = collections.defaultdict(collections.Counter)
    for t in gold["turns"]:
        roles[t.get("speaker") or ("label", t.get("label"))][t["role"]] += 1
    return sum(max(c.values()) for c in roles.values()), len(gold["turns"])


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[2].strip())
        return 2
    for folder in argv:
        files = sorted(Path(folder).rglob("*.gold.json"))
        if not files:
            print(f"{folder}: no *.gold.json files")
            return 1
        per = [ceiling(json.loads(f.read_text(encoding="utf-8"))) for f in files]
        right, total = sum(r for r, _ in per), sum(n for _, n in per)
        low = sum(1 for r, n in per if n and r / n < 0.9)
        share = f"{right / total:.3f}" if total else "no turns"
        print(f"{folder}: {right}/{total} = {share} ({len(files)} files, {low} below 0.9)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
