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
    python scripts/fetch_unseen.py --mirror DIR   # read from local git mirrors, DIR/<owner>+<name>/repo

Where raw.githubusercontent.com cannot be reached, `--mirror DIR` reads each file from a bare
git mirror of its repository (DIR/<owner>+<name>/repo, or DIR/<owner>+<name> when that is the
git directory) with `git show COMMIT:PATH`; the sha256 is checked the same way.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
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


def _git(git_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "--git-dir", str(git_dir), *args], capture_output=True, check=False)


def from_mirror(row: dict, mirror: Path) -> bytes:
    """The file's bytes at the commit, from a local bare git mirror of its repository.

    A mirror whose history was rewritten may lack the commit: then the file's other versions in
    the mirror are tried, and the one with the manifest's sha256 is taken."""
    base = mirror / row["repo"].replace("/", "+")
    git_dir = next((d for d in (base / "repo" / ".git", base / "repo") if d.is_dir()), base)
    done = _git(git_dir, "show", f"{row['commit']}:{row['path']}")
    if done.returncode == 0:
        return done.stdout
    commits = _git(git_dir, "log", "--all", "--format=%H", "--", row["path"]).stdout.decode().split()
    for commit in commits:
        data = _git(git_dir, "show", f"{commit}:{row['path']}").stdout
        if hashlib.sha256(data).hexdigest() == row["sha256"]:
            return data
    raise LookupError(f"no version of {row['path']} with the manifest's sha256 in {git_dir}")


def download(row: dict, mirror: Path | None = None) -> bytes:
    if mirror is not None:
        data = from_mirror(row, mirror)
    else:
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
    if "-h" in argv or "--help" in argv:
        print(__doc__)
        return 0
    bad = 0
    mirror = Path(argv[argv.index("--mirror") + 1]) if "--mirror" in argv else None
    for row in rows():
        path = target(row["file"])
        have = path.read_bytes() if path.exists() else None
        if have is not None and hashlib.sha256(have).hexdigest() == row["sha256"]:
            continue
        if "--check" in argv:
            print(("differs: " if have is not None else "missing: ") + row["file"])
            bad += 1
            continue
        try:
            data = download(row, mirror)
        except (OSError, LookupError) as err:  # one unreachable source does not stop the others
            print(f"failed: {row['file']}: {err}")
            bad += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        same = hashlib.sha256(data).hexdigest() == row["sha256"]
        bad += not same
        print(f"fetched {row['file']}" + ("" if same else " (its sha256 differs from the one the gold was written on)"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
