"""scripts/record_digest.py prints one SHA-1 per record and a digest of them all."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pressroom

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "seed" / "nato-2021-03-22-press-conference.txt"


def test_the_digest_of_the_seed_is_the_sha1_of_its_record(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("nothing to see here\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "record_digest.py"), str(SEED), str(bad)],
        capture_output=True,
        text=True,
        check=True,
    )
    record = pressroom.parse_path(SEED).to_dict()
    sha = hashlib.sha1(json.dumps(record, sort_keys=True).encode()).hexdigest()
    lines = done.stdout.splitlines()
    assert lines[:2] == [f"{sha}  {SEED}", f"[E002]  {bad}"]
    assert lines[2] == "digest " + hashlib.sha1("\n".join(lines[:2]).encode()).hexdigest()
