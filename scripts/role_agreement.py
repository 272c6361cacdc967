"""How far two annotators agree on speakers' roles, and how the parser does against each.

    python scripts/role_agreement.py [--gold tests/data/unseen/gold] \
        [--second tests/data/unseen/second-roles] [--source tests/data/unseen/src]

`--second` holds a second annotation of roles, written blind (by someone who had not seen the gold
roles, from the sources and tests/data/unseen/GOLD.md's convention alone): one
`<file>.roles.json` per gold file, each speaker of the gold (`speaker`, as the gold names them)
with a `role`, and `role_by_turn_index` where a turn's role differs from the speaker's (indexes
count the gold's turns from 0). Printed per publisher folder and over all turns: the two
annotations' agreement, turn by turn; and over the turns the parser aligns with gold, its role
accuracy against the gold, against the second annotation, and on the turns where both agree.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pressroom import parse_document, read_path  # noqa: E402
from pressroom.evaluate import align  # noqa: E402

UNSEEN = ROOT / "tests/data/unseen"


def second_roles(gold: dict, second: dict) -> list[str]:
    """The second annotation's role of each gold turn."""
    by_speaker = {str(s["speaker"]): s for s in second["speakers"]}
    out = []
    for i, t in enumerate(gold["turns"]):
        s = by_speaker[str(t.get("speaker"))]
        out.append((s.get("role_by_turn_index") or {}).get(str(i), s["role"]))
    return out


def count_file(gold: dict, second: list[str], src: Path) -> dict[str, int]:
    """Turn counts of one file: annotators agreeing; aligned turns, the parser right by each, on agreed turns."""
    c = defaultdict(int)
    for t, r in zip(gold["turns"], second):
        c["turns"] += 1
        c["agree"] += t.get("role") == r
    record = parse_document(read_path(src)).to_dict()
    role_of = {s["id"]: s.get("role") for s in record["speakers"]}
    for gi, pi in align(gold["turns"], record["turns"]):
        role = role_of[record["turns"][pi]["speaker"]]
        agreed = gold["turns"][gi].get("role") == second[gi]
        c["aligned"] += 1
        c["parser_gold"] += role == gold["turns"][gi].get("role")
        c["parser_second"] += role == second[gi]
        c["agreed_aligned"] += agreed
        c["parser_agreed"] += agreed and role == second[gi]
    return c


def _share(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=UNSEEN / "gold")
    ap.add_argument("--second", type=Path, default=UNSEEN / "second-roles")
    ap.add_argument("--source", type=Path, default=UNSEEN / "src")
    a = ap.parse_args(argv)
    folders: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for path in sorted(a.second.rglob("*.roles.json")):
        rel = path.relative_to(a.second).as_posix()[: -len(".roles.json")]
        gold = json.loads((a.gold / f"{rel}.gold.json").read_text(encoding="utf-8"))
        second = second_roles(gold, json.loads(path.read_text(encoding="utf-8")))
        for k, v in count_file(gold, second, a.source / rel).items():
            folders[rel.split("/")[0]][k] += v
    total: dict[str, int] = defaultdict(int)
    print(f"{'folder':28} {'turns':>6} {'agree':>6} {'aligned':>7} {'parser~gold':>11} {'~second':>8} {'on agreed':>9}")
    for name, c in sorted(folders.items()):
        for k, v in c.items():
            total[k] += v
        _row(name, c)
    _row("all", total)
    return 0


def _row(name: str, c: dict[str, int]) -> None:
    print(
        f"{name:28} {c['turns']:6} {_share(c['agree'], c['turns']):>6} {c['aligned']:7} "
        f"{_share(c['parser_gold'], c['aligned']):>11} {_share(c['parser_second'], c['aligned']):>8} "
        f"{_share(c['parser_agreed'], c['agreed_aligned']):>9}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
