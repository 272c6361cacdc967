"""A live session's final record stored on both engines, like an ingest: the same record as
`pressroom ingest` stores for the same bytes."""

from __future__ import annotations

import pytest

from pressroom.ingest import ingest_paths
from pressroom.live import store_record
from pressroom.store import open_store
from tests.conftest import SEED
from tests.fixtures import engines, store_url
from tests.live.helpers import replay


@pytest.mark.parametrize("engine", engines())
def test_the_stored_record_is_the_ingested_one(engine, tmp_path):
    session, _ = replay(SEED)
    with store_url(engine, tmp_path) as url:
        stored = store_record(session, url)
        assert (stored["status"], stored["version"]) == ("added", 1)
        (tmp_path / "ingest").mkdir()
        with store_url(engine, tmp_path / "ingest") as other:
            with open_store(other) as s:
                report = ingest_paths(s, [SEED], workers=1, identity=True)
                assert report.added == 1
                ingested = s.get_record(s.version_of(session.doc.source["sha256"])[0])
        with open_store(url) as s:
            live = s.get_record(stored["event_id"])
            assert store_record(session, url)["status"] == "unchanged"  # idempotent, like an ingest
    assert live == ingested
