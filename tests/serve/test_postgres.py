"""The server over PostgreSQL (runs when PRESSROOM_TEST_PG_URL is set, as scripts/test.sh does):
the same answers as over SQLite for the queries the server writes itself."""

from __future__ import annotations

import os

import pytest
from fastapi.testclient import TestClient

from pressroom.record import Transcript
from tests.fixtures import PG_ENV, store_url

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"{PG_ENV} is not set (no PostgreSQL server)"),
]


@pytest.fixture(scope="module")
def pg_client(tmp_path_factory, seed_transcript):
    from pressroom.serve import create_app
    from pressroom.store import open_store

    with store_url("postgresql", tmp_path_factory.mktemp("pg")) as url:
        with open_store(url) as store:
            store.add(Transcript.from_dict(seed_transcript.to_dict()))
        with TestClient(create_app(url)) as c:
            yield c


def test_api_over_postgresql(pg_client, client, seed_id):
    for path, params in [
        ("/api/v1/events", {}),
        (f"/api/v1/events/{seed_id}/exchanges", {}),
        ("/api/v1/search", {"q": "arms control"}),
        ("/api/v1/search", {"q": "nato", "clarity": "clear"}),
        ("/api/v1/timeline", {"unit": "questions", "facet": "clarity", "interval": "year"}),
        ("/api/v1/speakers/Jens Stoltenberg", {}),
        ("/api/v1/outlets/Interfax Ukraine", {}),
        ("/api/v1/speakers", {"role": "journalist", "limit": 50}),
    ]:
        pg = pg_client.get(path, params=params)
        assert pg.status_code == 200, (path, pg.text)
        lite = client.get(path, params=params).json()
        body = pg.json()
        if path == "/api/v1/events":
            assert [e["id"] for e in body["events"]] == [seed_id]
        elif path == "/api/v1/search":
            # the engines rank differently (bm25 vs ts_rank_cd); the same turns match
            assert sorted(h["id"] for h in body["hits"]) == sorted(h["id"] for h in lite["hits"])
            assert body["total"] == lite["total"]
        elif path == "/api/v1/timeline":
            assert body["points"] == [p for p in lite["points"] if p["period"] == "2021"]
        elif path == "/api/v1/speakers":
            assert body["speakers"] == [s for s in lite["speakers"] if s["first_date"] == "2021-03-22"]
        else:
            assert body == lite, path


def test_pages_over_postgresql(pg_client, seed_id):
    assert pg_client.get(f"/events/{seed_id}").text.count('class="exchange-card') == 13
    assert pg_client.get("/search", params={"q": "arms control"}).status_code == 200
    assert pg_client.get("/speakers/Jens Stoltenberg").status_code == 200
    assert pg_client.get("/").status_code == 200
    r = pg_client.get(f"/api/v1/events/{seed_id}/export", params={"format": "tei"})
    assert r.status_code == 200 and "<TEI" in r.text
