"""List the functions in pressroom/ longer than a limit (default 80 lines), longest first.

.venv/bin/python scripts/long_functions.py [--limit N]
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def long_functions(limit: int) -> list[tuple[int, str, str]]:
    out = []
    for path in sorted((ROOT / "pressroom").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > limit:
                    out.append((n, str(path.relative_to(ROOT)), node.name))
    return sorted(out, reverse=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=80)
    args = ap.parse_args()
    found = long_functions(args.limit)
    for n, path, name in found:
        print(f"{n:5d}  {path}  {name}")
    print(f"{len(found)} functions over {args.limit} lines")


if __name__ == "__main__":
    main()
