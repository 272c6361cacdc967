"""PostgreSQL tests show as skipped without a server, and under CI=true as root (where
scripts/test.sh starts one) a skipped PostgreSQL test fails the run (tests/fixtures.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.fixtures import PG_ENV, PG_SKIP, engines, pg_skips_fail

ROOT = Path(__file__).resolve().parents[2]

PROBE = f'''
import os
import pytest
from tests.fixtures import store_url

def test_store_url(tmp_path):
    with store_url("postgresql", tmp_path):
        pass

@pytest.mark.skipif(not os.environ.get("{PG_ENV}"), reason="{PG_ENV} is not set")
def test_marked():
    pass

def test_skipped_for_another_reason():
    pytest.skip("not about PostgreSQL")
'''


def run_probe(tmp_path: Path, ci: str | None, euid: int) -> subprocess.CompletedProcess:
    """A pytest run of `PROBE` without a PostgreSQL server, the rule loaded as a plugin, with
    ``CI`` as given and ``os.geteuid()`` answering ``euid``."""
    (tmp_path / "test_probe.py").write_text(PROBE)
    (tmp_path / "conftest.py").write_text(f"import os\nos.geteuid = lambda: {euid}\n")
    env = {k: v for k, v in os.environ.items() if k not in (PG_ENV, "CI")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    if ci is not None:
        env["CI"] = ci
    cmd = [sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", "-p", "tests.fixtures"]
    cmd += ["--rootdir", str(tmp_path), "-c", os.devnull, str(tmp_path / "test_probe.py")]
    return subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def test_both_engines_are_always_collected():
    assert engines() == ["sqlite", "postgresql"]


def test_when_a_skipped_postgresql_test_fails_the_run():
    assert pg_skips_fail({"CI": "true"}, euid=0)
    assert pg_skips_fail({"CI": "TRUE"}, euid=0)
    assert not pg_skips_fail({"CI": "true"}, euid=1000)  # not root: scripts/test.sh starts no server
    assert not pg_skips_fail({}, euid=0)
    assert not pg_skips_fail({"CI": "false"}, euid=0)


def test_without_a_server_postgresql_tests_show_as_skipped(tmp_path):
    out = run_probe(tmp_path, ci=None, euid=0)
    assert out.returncode == 0, out.stdout + out.stderr
    summary = out.stdout.splitlines()[-4:]
    fixtures = (ROOT / "tests" / "fixtures.py").read_text().splitlines()
    line = next(i for i, text in enumerate(fixtures, 1) if "pytest.skip(PG_SKIP)" in text)  # where it skips
    assert summary[0].startswith("SKIPPED [1] ") and summary[0].endswith(f"tests/fixtures.py:{line}: {PG_SKIP}")
    assert summary[1:3] == [
        f"SKIPPED [1] test_probe.py:10: {PG_ENV} is not set",
        "SKIPPED [1] test_probe.py:15: not about PostgreSQL",
    ]
    assert summary[3].startswith("3 skipped in ")


def test_under_ci_as_root_a_skipped_postgresql_test_fails_the_run(tmp_path):
    out = run_probe(tmp_path, ci="true", euid=0)
    assert out.returncode == 1, out.stdout + out.stderr
    why = "a PostgreSQL test was skipped under CI=true as root, where scripts/test.sh starts a server: "
    summary = out.stdout.splitlines()[-4:]
    assert summary[:3] == [
        "SKIPPED [1] test_probe.py:15: not about PostgreSQL",  # other skips stay skips
        f"ERROR test_probe.py::test_marked - {why}{PG_ENV} is not set",  # a skipif mark: at set-up
        f"FAILED test_probe.py::test_store_url - {why}{PG_SKIP}",  # `store_url` in the test's body
    ]
    assert summary[3].startswith("1 failed, 1 skipped, 1 error in ")


def test_under_ci_not_as_root_they_stay_skipped(tmp_path):
    out = run_probe(tmp_path, ci="true", euid=1000)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.splitlines()[-1].startswith("3 skipped in ")
