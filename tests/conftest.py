from pathlib import Path

import pytest

# under CI=true as root a skipped PostgreSQL test fails the run (see tests/fixtures.py)
from tests.fixtures import pytest_runtest_makereport  # noqa: F401

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed" / "nato-2021-03-22-press-conference.txt"
SEED_GOLD = DATA / "seed" / "nato-2021-03-22-press-conference.gold.json"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def seed_doc():
    import pressroom

    return pressroom.read_path(SEED)


@pytest.fixture(scope="session")
def seed_record(seed_doc):
    import pressroom

    return pressroom.parse_document(seed_doc)
