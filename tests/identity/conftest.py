"""Store fixtures (SQLite, and PostgreSQL when PRESSROOM_TEST_PG_URL is set) for the identity tests."""

from tests.fixtures import store, url  # noqa: F401
