"""Print the SHA-1 of the record of every transcript under some folders, and one digest of them all.

    .venv/bin/python scripts/record_digest.py [DIR|FILE ...] [--out FILE]

Run it before and after a change that must not change behaviour (a refactor, a reformat) and
compare: the same lines, the same final digest. With no arguments it reads the folders such a
change is checked on: ../shared/corpus, ../shared/corpus-large, ../shared/seed and tests/data
(the evaluation sources under tests/data/unseen and tests/data/development are skipped: they are
fetched, not in the repository). A file pressroom refuses prints its error code instead of a
digest. Each line: ``<sha1 or error>  <path>``; the last line: ``digest <sha1 of all lines>``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pressroom.errors import PressroomError  # noqa: E402
from pressroom.parse import parse_document  # noqa: E402
from pressroom.read import read_path  # noqa: E402

DEFAULTS = [
    ROOT.parent / "shared" / "corpus",
    ROOT.parent / "shared" / "corpus-large",
    ROOT.parent / "shared" / "seed",
    ROOT / "tests" / "data",
]
SKIP_DIRS = {"unseen", "development"}
SKIP_NAMES = {"MANIFEST.md", "README.md"}


def files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_file():
            out.append(p)
        elif p.is_dir():
            out += sorted(
                f
                for f in p.rglob("*")
                if f.is_file() and f.name not in SKIP_NAMES and f.suffix != ".json" and not (SKIP_DIRS & set(f.parts))
            )
    return out


def record_sha1(path: Path) -> str:
    try:
        record = parse_document(read_path(path)).to_dict()
    except PressroomError as exc:
        return f"[{exc.code}]"
    return hashlib.sha1(json.dumps(record, sort_keys=True).encode()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", type=Path, help="folders or files (default: the corpora and tests/data)")
    ap.add_argument("--out", type=Path, help="also write the lines to this file")
    args = ap.parse_args(argv)
    lines = [f"{record_sha1(f)}  {f}" for f in files(args.paths or [p for p in DEFAULTS if p.exists()])]
    lines.append("digest " + hashlib.sha1("\n".join(lines).encode()).hexdigest())
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
