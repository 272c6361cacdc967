"""Fixtures shared by the store, search and export tests (defined in tests/fixtures.py)."""

from tests.fixtures import corpus_files, parsed, store, url  # noqa: F401
