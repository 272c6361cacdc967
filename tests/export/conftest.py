"""Fixtures shared by the store, search and export tests (defined in pressroom.store.testing)."""

from tests.fixtures import corpus_files, parsed, store, url  # noqa: F401
