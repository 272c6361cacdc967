"""Test helpers and fixtures for the store, search, export and batch tests (their conftest files
import what they use from here), and the rule that keeps PostgreSQL tests from passing unseen.

- `store_url`: one SQLite URL per test, plus a fresh PostgreSQL schema (dropped afterwards);
  without ``PRESSROOM_TEST_PG_URL`` the PostgreSQL variant is skipped, with the reason `PG_SKIP`;
- `pg_skips_fail` / `pytest_runtest_makereport` (a hook tests/conftest.py registers): under
  ``CI=true`` as root, where scripts/test.sh starts a PostgreSQL server, a PostgreSQL test that
  was skipped fails instead;
- `reference_match`: an independent, pure-Python evaluation of a parsed query over a
  text, the oracle that search tests compare the database engines with;
- `FakeEmbedder`: a deterministic bag-of-words embedder (no model), for testing the
  semantic and hybrid code paths quickly.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import numpy as np
import pytest

from pressroom.search import And, Near, Node, Not, Or, Query, Term, fold

PG_ENV = "PRESSROOM_TEST_PG_URL"
_WORD = re.compile(r"[^\W_]+")
PG_SKIP = f"{PG_ENV} is not set (no PostgreSQL server; scripts/test.sh starts one when run as root)"


def engines() -> list[str]:
    """The engines the store tests run on: both, always (`store_url` skips PostgreSQL when no
    server is configured, so those tests show as skipped rather than vanish)."""
    return ["sqlite", "postgresql"]


@contextmanager
def store_url(engine: str, tmp_path: Path) -> Iterator[str]:
    """A URL for an empty store on ``engine``; a PostgreSQL schema is dropped afterwards. Without
    ``PRESSROOM_TEST_PG_URL`` a PostgreSQL store skips the test (reason: `PG_SKIP`)."""
    if engine == "sqlite":
        yield str(tmp_path / "store.db")
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(PG_SKIP)
    schema = "t_" + uuid.uuid4().hex[:12]
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}schema={schema}"
    finally:
        import psycopg

        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def pg_skips_fail(environ=os.environ, euid: int | None = None) -> bool:
    """Whether a skipped PostgreSQL test fails the run: under ``CI=true`` as root, where
    scripts/test.sh installs and starts a PostgreSQL server (elsewhere nothing promises one)."""
    if euid is None:
        euid = os.geteuid() if hasattr(os, "geteuid") else -1
    return environ.get("CI", "").strip().lower() == "true" and euid == 0


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A PostgreSQL test skipped (its reason names ``PRESSROOM_TEST_PG_URL``) fails the run
    when `pg_skips_fail`, with one line saying why."""
    outcome = yield
    report = outcome.get_result()
    if not report.skipped or hasattr(report, "wasxfail") or not isinstance(report.longrepr, tuple):
        return
    reason = str(report.longrepr[2])
    if PG_ENV in reason and pg_skips_fail():
        report.outcome = "failed"
        report.longrepr = (
            f"a PostgreSQL test was skipped under CI=true as root, where scripts/test.sh starts a "
            f"server: {reason.removeprefix('Skipped: ')}"
        )


def tokens(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def reference_match(node: Node | Query, text_tokens: list[str]) -> bool:
    """Whether a token list matches the query tree (phrases: consecutive words; prefix:
    the last word of the term is a prefix)."""
    if isinstance(node, Query):
        node = node.tree
    if isinstance(node, Term):
        return bool(term_starts(node, text_tokens))
    if isinstance(node, Near):
        # FTS5: some instance of each term, with at most `distance` tokens between the end of
        # the first instance and the start of the last
        import itertools

        starts = [[(s, s + len(t.words) - 1) for s in term_starts(t, text_tokens)] for t in node.terms]
        if not all(starts):
            return False
        for combo in itertools.product(*starts):
            first = min(combo)
            if max(s for s, _ in combo) - first[1] - 1 <= node.distance:
                return True
        return False
    if isinstance(node, Not):
        return not reference_match(node.child, text_tokens)
    if isinstance(node, And):
        return all(reference_match(c, text_tokens) for c in node.children)
    if isinstance(node, Or):
        return any(reference_match(c, text_tokens) for c in node.children)
    raise TypeError(node)


def term_starts(term: Term, text_tokens: list[str]) -> list[int]:
    """The token positions where ``term`` (a word, phrase or prefix) starts."""
    n = len(term.words)
    out = []
    for i in range(len(text_tokens) - n + 1):
        window = text_tokens[i : i + n]
        if window[:-1] != list(term.words[:-1]):
            continue
        last = window[-1]
        if last == term.words[-1] or (term.prefix and last.startswith(term.words[-1])):
            out.append(i)
    return out


def column_match(term: Term, value: str | None) -> bool:
    """Whether a column filter's term is in a speaker's name or an outlet."""
    return bool(value) and bool(term_starts(term, tokens(value)))


class FakeEmbedder:
    """Hashes each word into one of ``dim`` buckets: texts sharing words are close."""

    name = "fake-bow"

    def __init__(self, dim: int = 384):
        self.dim = dim
        self.calls = 0

    def encode(self, texts, batch_size=None, progress=None) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for w in tokens(text):
                out[i, int(hashlib.md5(w.encode()).hexdigest()[:8], 16) % self.dim] += 1.0
            norm = np.linalg.norm(out[i])
            if norm:
                out[i] /= norm
        return out

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]


# -- pytest fixtures (imported by the conftest.py of tests/store, tests/search, tests/export and
# tests/identity) ------------------------------------------------------------------------------
#: the test transcripts (copies from ../shared; see tests/data/store/SOURCES)
DATA = Path(__file__).resolve().parent / "data" / "store"


@pytest.fixture(params=engines())
def url(request, tmp_path):
    """An empty store's URL, once per engine (PostgreSQL skipped when PRESSROOM_TEST_PG_URL is unset)."""
    with store_url(request.param, tmp_path) as u:
        yield u


@pytest.fixture
def store(url):
    from pressroom.store import open_store

    s = open_store(url)
    yield s
    s.close()


@pytest.fixture(scope="session")
def corpus_files():
    return sorted(p for p in DATA.iterdir() if p.suffix in (".md", ".txt"))


@pytest.fixture(scope="session")
def parsed(corpus_files):
    """{file name: Transcript} for the test corpus (parsed once)."""
    from pressroom.parse import parse_document
    from pressroom.read import read_path

    return {p.name: parse_document(read_path(p)) for p in corpus_files}
