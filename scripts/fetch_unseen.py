"""Fetch the parser-evaluation transcripts that are not copied into this repository.

The unseen set (tests/data/unseen) and the files of it that were tuned on and moved to the
development set (tests/data/development) keep only their gold turns here; no source's licence
clearly allows copying it. tests/data/unseen/MANIFEST.json names each source: the file, the public
repository, the path in it, the commit and the sha256 of the bytes the gold was written against
(SOURCES-*.md say more: publisher, licence). This downloads each missing file from the repository
at that commit, checks its sha256, and puts it beside its gold file. Needs network access; nothing
else in pressroom does.

    python scripts/fetch_unseen.py            # fetch what is missing
    python scripts/fetch_unseen.py --check    # list what is missing or differs, fetch nothing
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import tempfile
import urllib.request
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
MANIFEST = DATA / "unseen" / "MANIFEST.json"
SETS = (DATA / "unseen", DATA / "development")


def target(file: str) -> Path:
    """Where a source goes: beside its gold file (the unseen set unless it moved)."""
    for base in SETS:
        if (base / "gold" / (file + ".gold.json")).exists():
            return base / "src" / file
    return SETS[0] / "src" / file


def rows() -> list[dict]:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def download(row: dict) -> bytes:
    url = f"https://raw.githubusercontent.com/{row['repo']}/{row['commit']}/{row['path']}"
    with urllib.request.urlopen(url, timeout=120) as response:
        data = response.read()
    if "sqlite" in row:  # one record of a crawler's database, written out as text
        q = row["sqlite"]
        with tempfile.NamedTemporaryFile(suffix=".db") as fh:
            fh.write(data)
            fh.flush()
            con = sqlite3.connect(fh.name)
            (text,) = con.execute(f"SELECT {q['column']} FROM {q['table']} WHERE id = ?", (q["id"],)).fetchone()
            data = text.encode("utf-8")
    return data


def main(argv: list[str]) -> int:
    bad = 0
    for row in rows():
        path = target(row["file"])
        have = path.read_bytes() if path.exists() else None
        if have is not None and hashlib.sha256(have).hexdigest() == row["sha256"]:
            continue
        if "--check" in argv:
            print(("differs: " if have is not None else "missing: ") + row["file"])
            bad += 1
            continue
        data = download(row)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        same = hashlib.sha256(data).hexdigest() == row["sha256"]
        bad += not same
        print(f"fetched {row['file']}" + ("" if same else " (its sha256 differs from the one the gold was written on)"))
    return 1 if bad and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
