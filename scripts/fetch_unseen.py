"""Fetch the parser-evaluation transcripts that are not copied into this repository: the unseen set
(tests/data/unseen) and the files of it that were tuned on and moved to the development set
(tests/data/development; each gold file says where its source goes).

Their licences do not allow copying them here (see tests/data/unseen/SOURCES-*.md, one row a file:
the file under tests/data/unseen/src/, the public repository, the path in it and the commit).
This reads those tables and downloads each missing file from the repository at that commit.
Needs network access; nothing else in pressroom does.

    python scripts/fetch_unseen.py            # fetch what is missing
    python scripts/fetch_unseen.py --check    # list what is missing, fetch nothing
"""
from __future__ import annotations

import re
import sys
import urllib.request
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
ROOT = DATA / "unseen"
SETS = (DATA / "unseen", DATA / "development")


def target(file: str) -> Path:
    """Where a source goes: beside its gold file's set (the unseen set unless it moved)."""
    for base in SETS:
        if (base / "gold" / (file + ".gold.json")).exists():
            return base / "src" / file
    return ROOT / "src" / file
ROW = re.compile(r"^\|\s*`(?P<file>[^`]+)`\s*\|\s*(?P<repo>[\w.-]+/[\w.-]+)\s*\|\s*`(?P<path>[^`]+)`\s*\|\s*(?P<commit>[0-9a-f]{40})\s*\|")


def rows():
    for sources in sorted(ROOT.glob("SOURCES-*.md")):
        for line in sources.read_text(encoding="utf-8").splitlines():
            m = ROW.match(line)
            if m:
                yield m.group("file").removeprefix("src/"), m.group("repo"), m.group("path"), m.group("commit")


def main(argv: list[str]) -> int:
    missing = [r for r in rows() if not target(r[0]).exists()]
    for file, repo, path, commit in missing:
        if "--check" in argv:
            print(f"missing: {file}")
            continue
        url = f"https://raw.githubusercontent.com/{repo}/{commit}/{path}"
        path = target(file)
        path.parent.mkdir(parents=True, exist_ok=True)
        with urllib.request.urlopen(url, timeout=60) as response:
            path.write_bytes(response.read())
        print(f"fetched {file}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
