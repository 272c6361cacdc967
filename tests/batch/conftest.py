"""Fixtures for the batch tests: the small White House corpus and a store-content dump."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import engines, store_url

DATA = Path(__file__).resolve().parents[1] / "data" / "batch"


@pytest.fixture(scope="session")
def batch_files() -> list[Path]:
    """Five short White House briefings (see tests/data/batch/SOURCES.md)."""
    return sorted(DATA.glob("*.md"))


@pytest.fixture(scope="session")
def n_turns(batch_files) -> dict[str, int]:
    """Turns per file, as the parser makes them (what every store must hold)."""
    import pressroom

    return {p.name: len(pressroom.parse_path(p).turns) for p in batch_files}


@pytest.fixture(params=engines())
def engine(request):
    return request.param


@pytest.fixture
def new_url(engine, tmp_path):
    """A factory of empty store URLs on this test's engine (each is dropped afterwards)."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        counter = iter(range(100))

        def make() -> str:
            sub = tmp_path / f"db{next(counter)}"
            sub.mkdir()
            return stack.enter_context(store_url(engine, sub))

        yield make
