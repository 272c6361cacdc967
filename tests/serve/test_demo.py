"""The bundled demo corpus and `pressroom serve` itself."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from pressroom.cli import main
from pressroom.serve import demo
from tests.serve.conftest import free_socket

ROOT = Path(__file__).resolve().parents[2]


def test_demo_files_and_their_sources():
    names = [p.name for p in demo.demo_files()]
    assert len(names) == 7
    assert names[-1] == "nato-2021-03-22-press-conference.txt"
    readme = (demo.DEMO_DIR / "README.md").read_text()
    assert all(f"`{n[:20]}" in readme for n in names)  # each file is listed with its source
    assert "CC0-1.0" in readme and "737ca03a271adc205c67766074ec8d0070f7ad95" in readme
    seed = ROOT / "examples" / "nato-2021-03-22-press-conference.txt"
    assert (demo.DEMO_DIR / "nato-2021-03-22-press-conference.txt").read_bytes() == seed.read_bytes()


def test_demo_store_is_built_then_reused(tmp_path, monkeypatch):
    from pressroom.store import open_store

    monkeypatch.setenv("PRESSROOM_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PRESSROOM_DEMO_ANNOTATORS", "no-such-annotator")
    first = demo.demo_store()
    assert (first.cached, first.stored, first.files, first.failures) == (False, 7, 7, {})
    assert first.annotators == [] and "unknown annotator 'no-such-annotator'" in first.skipped["no-such-annotator"]
    assert Path(first.path).parent == tmp_path / "cache"
    again = demo.demo_store()
    assert (again.cached, again.path) == (True, first.path)
    with open_store(first.path) as s:
        page = s.events(limit=10)
        assert page.total == 7
        assert [e.date for e in page.events] == [
            "2024-11-17",
            "2024-01-18",
            "2022-10-27",
            "2022-01-21",
            "2021-12-06",
            "2021-06-15",
            "2021-03-22",
        ]
        assert s.search('"arms control"').total >= 4
    # another annotator list is another store
    monkeypatch.setenv("PRESSROOM_DEMO_ANNOTATORS", "")
    other = demo.demo_store()
    assert other.path != first.path and not other.cached
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [Path(other.path).name]


def test_serve_reports_a_bad_database_in_one_line(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "missing" / "x.db")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"pressroom: [E004] cannot open the database {tmp_path / 'missing' / 'x.db'}: the folder "
        f"{tmp_path / 'missing'} does not exist"
    ]


def test_serve_refuses_a_short_token(corpus_db):
    result = CliRunner().invoke(main, ["serve", "--db", corpus_db, "--token", "abc"])
    assert result.exit_code == 2
    assert "the token is too short" in result.output


def test_pressroom_serve_without_db_serves_the_demo(tmp_path):
    """The README's main command, as a user runs it (annotators off to keep it quick)."""
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    env = {
        **os.environ,
        "PRESSROOM_CACHE": str(tmp_path / "cache"),
        "PRESSROOM_DEMO_ANNOTATORS": "",
        "HOME": str(tmp_path),
    }
    env.pop("PRESSROOM_DB", None)
    env.pop("PRESSROOM_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "pressroom", "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"pressroom serve did not start: {proc.stdout.read() if proc.poll() is not None else ''}")
            time.sleep(0.2)
        assert httpx.get(url + "/api/v1/events").json()["total"] == 7
        home = httpx.get(url + "/")
        assert home.status_code == 200 and "Press conference by NATO Secretary General" in home.text
        r = httpx.post(url + "/api/v1/ingest", files={"files": ("a.txt", b"x")})
        assert r.status_code == 403  # no token: uploads disabled
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    assert "pressroom: serving the demo corpus (built in" in out
    assert "uploads disabled; reads public" in out


def test_the_shipped_demo_store_is_as_new_as_the_code_that_builds_it():
    """Fails when the readers, parser, annotators, models or store changed since
    ``python -m pressroom.serve.demo`` last built ``pressroom/serve/demo/demo.db``: run it."""
    assert demo.SHIPPED.is_file() and demo.SHIPPED.stat().st_size < 3_000_000
    assert demo.shipped_key() == demo.cache_key(list(demo.DEMO_ANNOTATORS)), (
        "the shipped demo store is older than its code: run `python -m pressroom.serve.demo`"
    )


def test_the_shipped_demo_store_is_copied_not_built(tmp_path, monkeypatch):
    from pressroom.store import open_store

    monkeypatch.setenv("PRESSROOM_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("PRESSROOM_DEMO_ANNOTATORS", raising=False)
    monkeypatch.setattr(demo, "build", lambda *a, **k: pytest.fail("built instead of copied"))
    report = demo.demo_store()
    assert (report.cached, report.shipped, report.stored, report.annotators) == (
        True,
        True,
        7,
        ["entities", "topics", "clarity"],
    )
    assert Path(report.path).parent == tmp_path / "cache"
    with open_store(report.path) as s:
        assert s.events(limit=1).total == 7
        assert s.engine.one("SELECT count(DISTINCT annotator) FROM annotation_runs")[0] == 3
        assert s.engine.one("SELECT count(*) FROM questions WHERE clarity IS NOT NULL")[0] > 0


def test_first_serve_with_an_empty_cache_answers_within_5_seconds(tmp_path):
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    env = {**os.environ, "PRESSROOM_CACHE": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    for key in ("PRESSROOM_DB", "PRESSROOM_TOKEN", "PRESSROOM_DEMO_ANNOTATORS"):
        env.pop(key, None)
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pressroom", "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        while True:
            try:
                home = httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() - started > 30:
                pytest.fail("pressroom serve did not answer")
            time.sleep(0.1)
        waited = time.monotonic() - started
    finally:
        proc.terminate()
        proc.communicate(timeout=20)
    assert home.status_code == 200 and "Press conference by NATO Secretary General" in home.text
    assert waited < 5.0, f"first answer after {waited:.1f} s"
