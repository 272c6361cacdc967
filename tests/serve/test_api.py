"""The HTTP API on a real SQLite file, through FastAPI's TestClient."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pressroom
from tests.serve.conftest import SEED, TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_index_lists_the_endpoints(client):
    r = client.get("/api/v1")
    assert r.status_code == 200
    body = r.json()
    assert body["api"] == "v1"
    assert body["writes_enabled"] is True
    assert "/search" in body["endpoints"] and "/ingest" in body["endpoints"]


def test_events_newest_first_with_counts(client, seed_id, xss_id):
    r = client.get("/api/v1/events")
    assert r.status_code == 200
    page = r.json()
    assert page["total"] == 2
    assert [e["id"] for e in page["events"]] == [xss_id, seed_id]
    seed = page["events"][1]
    assert (seed["date"], seed["organisation"], seed["n_turns"], seed["n_exchanges"], seed["n_questions"]) == (
        "2021-03-22",
        "NATO",
        42,
        13,
        25,
    )


def test_events_filters_and_query(client, seed_id):
    assert [e["id"] for e in client.get("/api/v1/events", params={"q": '"arms control"'}).json()["events"]] == [seed_id]
    assert client.get("/api/v1/events", params={"since": "2022"}).json()["total"] == 1
    assert client.get("/api/v1/events", params={"until": "2021-03"}).json()["total"] == 1
    assert client.get("/api/v1/events", params={"outlet": "interfax"}).json()["total"] == 1
    assert client.get("/api/v1/events", params={"entity": "Afghanistan"}).json()["total"] == 1
    assert client.get("/api/v1/events", params={"limit": 1, "offset": 1}).json()["events"][0]["id"] == seed_id
    assert client.get("/api/v1/events", params={"order": "date_asc"}).json()["events"][0]["id"] == seed_id


def test_record_is_the_parse_json(client, seed_id, seed_transcript):
    r = client.get(f"/api/v1/events/{seed_id}/record")
    assert r.status_code == 200
    record = r.json()
    expected = json.loads(json.dumps(seed_transcript.to_dict()))
    assert record == expected
    # without the test annotations it is exactly what `pressroom parse --json` prints
    plain = pressroom.parse_path(SEED).to_dict()
    assert {k: record[k] for k in ("event", "speakers", "turns", "schema_version")} == json.loads(
        json.dumps({k: plain[k] for k in ("event", "speakers", "turns", "schema_version")})
    )


def test_event_detail_and_versions(client, seed_id):
    d = client.get(f"/api/v1/events/{seed_id}").json()
    assert d["event"]["id"] == seed_id
    assert [v["version"] for v in d["versions"]] == [1]
    assert d["versions"][0]["current"] is True
    assert d["versions"][0]["annotators"] == ["entities", "topics", "clarity"]
    assert d["links"]["page"] == f"/events/{seed_id}"
    assert client.get(f"/api/v1/events/{seed_id}/versions").json()[0]["sha256"] == (
        "0808124d76fe4e5393614ff9cc23015ec0c05c8f378f55b38a77a6442080f920"
    )


def test_turns_and_one_turn(client, seed_id):
    turns = client.get(f"/api/v1/events/{seed_id}/turns").json()
    assert len(turns) == 42
    assert turns[0]["id"] == f"{seed_id}#t1"
    assert (turns[0]["speaker"], turns[0]["role"], turns[0]["kind"]) == ("Jens Stoltenberg", "principal", "statement")
    questions = client.get(f"/api/v1/events/{seed_id}/turns", params={"kind": "question"}).json()
    assert len(questions) == 13
    somer = client.get(f"/api/v1/events/{seed_id}/turns", params={"speaker": "somer"}).json()
    assert [(t["turn_id"], t["affiliation"], t["exchange_id"]) for t in somer] == [("t18", "Interfax Ukraine", "x6")]
    one = client.get(f"/api/v1/events/{seed_id}/turns/t16").json()
    assert (one["id"], one["speaker"], one["kind"], one["exchange_id"]) == (
        f"{seed_id}#t16",
        "Jens Stoltenberg",
        "answer",
        "x5",
    )
    assert "arms control" in one["text"]


def test_exchanges_with_verdicts(client, seed_id):
    xs = client.get(f"/api/v1/events/{seed_id}/exchanges").json()
    assert len(xs) == 13
    x3 = xs[2]
    assert (x3["id"], x3["questioner_name"], x3["outlet"], x3["answerer_names"]) == (
        "x3",
        "Lailuma Sadid",
        "Kavian Press",
        ["Jens Stoltenberg"],
    )
    assert [q["clarity"] for q in x3["questions"]] == ["Clear Non-Reply", "Clear Reply"]
    assert [q["evasion"] for q in x3["questions"]] == ["Declining to answer", "Explicit"]
    assert x3["clarity"] == "Clear Non-Reply"  # a tie goes to the less clear verdict
    assert x3["topics"] == ["Defense"]


def test_search_with_facets_and_highlights(client, seed_id):
    r = client.get("/api/v1/search", params={"q": "arms control"})
    assert r.status_code == 200
    res = r.json()
    assert res["query"] == "(arms AND control)"
    assert res["total"] == 2
    assert [h["turn_id"] for h in res["hits"]] == ["t16", "t1"]
    h = res["hits"][0]
    assert [h["snippet"][a:b] for a, b in h["highlights"]] == ["arms", "control"]
    assert h["url"] == f"/events/{seed_id}#t16"
    assert {f["value"]: f["count"] for f in res["facets"]["speaker"]} == {"Jens Stoltenberg": 2}
    assert {f["value"]: f["count"] for f in res["facets"]["topic"]} == {"Defense": 1}
    assert {f["value"]: f["count"] for f in res["facets"]["entity"]} == {
        "Afghanistan": 2,
        "NATO": 2,
        "Russia": 2,
        "China": 1,
    }


def test_search_options_match_the_cli(client):
    phrase = client.get("/api/v1/search", params={"q": '"arms control"', "kind": "statement"}).json()
    assert [h["turn_id"] for h in phrase["hits"]] == ["t1"]
    notq = client.get(
        "/api/v1/search",
        params={"q": "afghanistan NOT taliban", "role": "journalist", "limit": 1, "with_text": True, "facets": False},
    ).json()
    assert notq["total"] == 2 and len(notq["hits"]) == 1 and notq["facets"] == {}
    assert "Afghanistan" in notq["hits"][0]["text"]
    cleared = client.get("/api/v1/search", params={"q": "nato", "clarity": "clear"}).json()
    assert cleared["total"] == 12
    paged = client.get("/api/v1/search", params={"q": "nato", "limit": 5, "offset": 5}).json()
    assert (paged["offset"], len(paged["hits"])) == (5, 5)


def test_search_errors_are_400_with_one_line(client):
    r = client.get("/api/v1/search", params={"q": "NOT russia"})
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "E020"
    assert "only excludes words" in r.json()["error"]["message"]
    r = client.get("/api/v1/search", params={"q": "nato", "since": "March 2021"})
    assert r.status_code == 400 and "--since must be a date" in r.json()["error"]["message"]
    r = client.get("/api/v1/search", params={"q": "nato", "limit": 0})
    assert r.status_code == 422 and r.json()["error"]["code"] == "H422"


def test_semantic_search_without_embeddings_is_409(client):
    r = client.get("/api/v1/search", params={"q": "arms control", "mode": "semantic"})
    assert r.status_code == 409
    assert "pressroom embed" in r.json()["error"]["message"]


def test_stats_hide_the_location(client):
    st = client.get("/api/v1/stats").json()
    assert (st["events"], st["turns"], st["exchanges"], st["questions"]) == (
        2,
        47,
        15,
        27,
    )  # the seed has 25 questions (tests/parse/test_seed.py reads them by hand)
    assert "location" not in st and "bytes" not in st


def test_timeline_of_answered_and_dodged(client):
    r = client.get("/api/v1/timeline", params={"unit": "questions", "facet": "clarity", "interval": "year"})
    assert r.json()["points"] == [
        {"period": "2021", "value": "Ambivalent", "count": 8},
        {"period": "2021", "value": "Clear Non-Reply", "count": 8},
        {"period": "2021", "value": "Clear Reply", "count": 9},
        {"period": "2023", "value": None, "count": 2},
    ]
    topics = client.get("/api/v1/timeline", params={"facet": "topic", "unit": "events"}).json()["points"]
    assert topics == [
        {"period": "2021-03", "value": "Defense", "count": 1},
        {"period": "2021-03", "value": "International Affairs", "count": 1},
    ]


def test_speakers_and_outlets(client):
    sp = client.get("/api/v1/speakers", params={"role": "principal"}).json()
    assert [(s["name"], s["turns"], s["events"]) for s in sp["speakers"]] == [("Jens Stoltenberg", 15, 1)]
    prof = client.get("/api/v1/speakers/Jens Stoltenberg").json()
    # the fixture's model gives the three classes in turn over the seed's 25 questions: 9, 8, 8
    assert prof["answered_rate"] == {
        "judged": 25,
        "unjudged": 0,
        "clear_share": 0.36,
        "by_class": {"Clear Reply": 9, "Ambivalent": 8, "Clear Non-Reply": 8},
    }
    assert prof["topics"] == [{"value": "Defense", "count": 7}, {"value": "International Affairs", "count": 6}]
    outlet = client.get("/api/v1/outlets/Interfax Ukraine").json()
    assert outlet["journalists"] == [{"value": "Iryna Somer", "count": 1}]
    assert outlet["asked_rate"]["judged"] == 3
    assert client.get("/api/v1/outlets/Nobody Daily").status_code == 404
    assert client.get("/api/v1/outlets", params={"name": "ukraine"}).json()["outlets"][0]["name"] == "Interfax Ukraine"


def test_not_found_is_404_json(client):
    r = client.get("/api/v1/events/no-such-event/record")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "E021"
    assert client.get("/api/v1/events/no-such-event/turns/t1").status_code == 404
    assert client.get("/api/v1/nothing-here").status_code == 404


def test_exports_as_downloads(client, seed_id):
    r = client.get(f"/api/v1/events/{seed_id}/export", params={"format": "csv", "level": "exchanges"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 13
    r = client.get("/api/v1/export", params={"format": "jsonl", "level": "records"})
    assert [json.loads(line)["event"]["date"] for line in r.text.splitlines()] == ["2021-03-22", "2023-05-04"]
    r = client.get("/api/v1/export", params={"format": "tei", "q": '"arms control"'})
    assert r.status_code == 200 and r.headers["content-type"] == "application/tei+xml"
    assert r.text.count("<TEI") == 1
    r = client.get("/api/v1/export", params={"format": "convokit"})
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        names = sorted(n.split("/", 1)[1] for n in z.namelist())
    assert "utterances.jsonl" in names and "speakers.json" in names
    assert client.get("/api/v1/export", params={"format": "tei", "q": "zzyzx"}).status_code == 404
    assert client.get("/api/v1/export", params={"format": "docx"}).status_code == 422


def test_upload_needs_the_token(fresh_db):
    from fastapi.testclient import TestClient

    from pressroom.serve import create_app

    with TestClient(create_app(fresh_db, token=TOKEN)) as c:
        files = {"files": ("seed.txt", SEED.read_bytes(), "text/plain")}
        assert c.post("/api/v1/ingest", files=files).status_code == 401
        r = c.post("/api/v1/ingest", files=files, headers={"Authorization": "Bearer wrong-token-wrong-token"})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    with TestClient(create_app(fresh_db, token=None)) as c:
        r = c.post("/api/v1/ingest", files={"files": ("seed.txt", b"x", "text/plain")}, headers=AUTH)
        assert r.status_code == 403
        assert "writes are disabled" in r.json()["error"]["message"]


def test_upload_stores_and_is_idempotent(fresh_db, seed_id):
    from fastapi.testclient import TestClient

    from pressroom.serve import create_app

    brief = (SEED.parent.parent / "store").glob("2023-07-28-*.md")
    path = next(brief)
    with TestClient(create_app(fresh_db, token=TOKEN)) as c:
        r = c.post(
            "/api/v1/ingest",
            headers=AUTH,
            files=[
                ("files", (path.name, path.read_bytes(), "text/markdown")),
                ("files", ("seed.txt", SEED.read_bytes(), "text/plain")),
            ],
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert (body["files"], body["added"], body["unchanged"], body["failed"]) == (2, 1, 1, 0)
        added = body["results"][0]
        assert added["status"] == "added" and added["url"] == f"/events/{added['event_id']}"
        assert body["results"][1]["event_id"] == seed_id
        assert c.get("/api/v1/events").json()["total"] == 3
        assert c.get(f"/api/v1/events/{added['event_id']}/versions").json()[0]["source_path"] == path.name
        # not a transcript at all
        r = c.post(
            "/api/v1/ingest", headers=AUTH, files={"files": ("blob.bin", bytes(range(256)) * 4, "application/x")}
        )
        assert r.status_code == 422
        assert r.json()["error"]["message"].startswith("no file could be stored: blob.bin:")
        r = c.post(
            "/api/v1/ingest",
            headers=AUTH,
            data={"annotators": "nonsense"},
            files={"files": ("seed.txt", SEED.read_bytes(), "text/plain")},
        )
        assert r.status_code == 400 and "unknown annotator" in r.json()["error"]["message"]


def test_home_page_filters(client, seed_id):
    html = client.get("/", params={"since": "2021", "until": "2021", "q": "nato"}).text
    assert f"/events/{seed_id}?q=nato" in html
    assert "1 event<" in html
    html = client.get("/", params={"topic": "Defense"}).text
    assert "topic: Defense" in html and "1 event<" in html
    html = client.get("/", params={"since": "last year"}).text
    assert "--since must be a date like 2021" in html


def test_exchanges_say_why_a_question_was_not_judged():
    """A question the clarity annotator did not judge carries its reason; a judged one none."""
    from pressroom.serve.api import exchange_dicts

    record = pressroom.parse_path(SEED)
    x = next(x for x in record.exchanges if len(x.questions) >= 2)
    q1, q2 = x.questions[0].id, x.questions[1].id
    x.annotations["clarity"] = {
        "questions": [
            {"question": q1, "clarity": "Clear Reply", "confidence": 0.8},
            {"question": q2, "clarity": None, "not_judged": "the answer is cut off"},
        ]
    }
    out = next(d for d in exchange_dicts(record) if d["id"] == x.id)
    assert [(q["clarity"], q["not_judged"]) for q in out["questions"][:2]] == [
        ("Clear Reply", None),
        (None, "the answer is cut off"),
    ]
