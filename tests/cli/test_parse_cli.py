"""`pressroom parse` and `pressroom eval parse` as a user runs them: a real process, real files."""

import json
import subprocess
import sys
from pathlib import Path

import pressroom

from tests.conftest import DATA, SEED


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "pressroom", *args], input=stdin, capture_output=True, timeout=120)


def test_parse_json_to_stdout_and_file(tmp_path):
    p = run("parse", str(SEED), "--json")
    assert p.returncode == 0, p.stderr
    rec = json.loads(p.stdout)
    assert rec["schema_version"] == "1.1"
    assert (len(rec["turns"]), len(rec["exchanges"])) == (42, 13)
    out = tmp_path / "rec.json"
    p = run("parse", str(SEED), "--out", str(out))
    assert p.returncode == 0
    assert json.loads(out.read_text()) == rec


def test_parse_summary_and_stdin():
    p = run("parse", "-", stdin=SEED.read_bytes())
    assert p.returncode == 0, p.stderr
    out = p.stdout.decode()
    assert "42 turns, 15 speakers, 13 exchanges" in out
    assert "Andrej Matisak" in out and "Pravda" in out


def test_bad_input_one_line_exit_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "x.bin"
    binary.write_bytes(bytes(range(256)) * 40)
    prose = tmp_path / "prose.txt"
    prose.write_text("Just an article.\n\nWith two paragraphs of prose and nothing else.\n")
    undecodable = tmp_path / "u16.txt"
    undecodable.write_bytes(b"\xff\xfe" + b"\x00\xd8" * 10)
    cases = {
        str(tmp_path / "missing.txt"): "no such file",
        str(tmp_path): "is a directory",
        str(empty): "the file is empty",
        str(binary): "binary data",
        str(prose): "no speaker turns found",
        str(undecodable): "not valid",
    }
    for path, message in cases.items():
        p = run("parse", path)
        err = p.stderr.decode()
        assert p.returncode == 2, (path, err)
        assert err.count("\n") == 1 and err.startswith("pressroom: "), err
        assert message in err, err
        assert "Traceback" not in err


def test_eval_parse_on_gold(tmp_path):
    p = run("eval", "parse", str(DATA / "corpus"), "--source", str(DATA / "corpus"), "--json")
    assert p.returncode == 0, p.stderr
    rows = {r["file"].split("/")[-1]: r for r in json.loads(p.stdout)}
    assert all(r["error"] is None for r in rows.values())
    assert rows["1964-02-01-press-conference.txt"]["f1"] == 1.0
    assert rows["1964-02-01-press-conference.txt"]["speaker_accuracy"] == 1.0
    overall = rows["overall"]
    assert overall["gold"] == 32 + 41 + 42
    assert overall["f1"] >= 0.98 and overall["speaker_accuracy"] >= 0.97


def test_eval_parse_side_by_side_says_roles_are_learned_from_development():
    corpus = str(DATA / "corpus")
    p = run("eval", "parse", corpus, "--source", corpus, "--unseen", corpus, "--unseen-source", corpus)
    assert p.returncode == 0, p.stderr
    out = p.stdout.decode()
    assert "development" in out and "unseen" in out
    cv = json.loads((Path(pressroom.__file__).parent / "data" / "role_model.json").read_text())["cross_validation"]
    note = (
        f"with each of its {cv['folds']} publishers held out in turn it scores "
        f"{cv['model_role_accuracy']:.3f} (the rules alone {cv['rules_role_accuracy']:.3f})"
    )
    assert note in " ".join(out.split())
