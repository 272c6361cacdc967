"""Escaping, path traversal, upload limits, auth, closed reads, CORS and headers."""

from __future__ import annotations

import os
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from pressroom.serve import create_app
from tests.serve.conftest import SEED, TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, as a browser's tokenizer sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def test_security_headers_on_pages_and_api(client, seed_id):
    for url in ("/", f"/events/{seed_id}", "/api/v1/events"):
        h = client.get(url).headers
        assert h["x-content-type-options"] == "nosniff"
        assert h["x-frame-options"] == "DENY"
        assert "script-src 'self';" in h["content-security-policy"]
        assert "object-src 'none'" in h["content-security-policy"]
    assert client.get("/static/css/pressroom.css").headers["cache-control"] == "public, max-age=3600"


def test_hostile_transcript_is_escaped(client, xss_id):
    html = client.get(f"/events/{xss_id}").text
    # the text is there, escaped …
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;alert(&#39;img&#39;)&#34;&gt;" in html
    assert "Press briefing &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    # … and no markup from it survives: every <script> is one of ours, no handler, no javascript: link
    tags = Tags()
    tags.feed(html)
    assert [a for t, a in tags.found if t == "script"] == [{"src": "/static/js/pressroom.js", "defer": None}]
    assert not {t for t, _ in tags.found} & {"img", "iframe", "svg", "style", "b", "object", "embed"}
    assert [n for _, a in tags.found for n in a if n.startswith("on")] == []
    hrefs = [a["href"] for _, a in tags.found if "href" in a]
    assert hrefs and all(h.startswith(("/", "#")) for h in hrefs)
    # the source URL (javascript:…) is not made a link
    assert ">source</a>" not in html


def test_hostile_text_in_search_snippets_and_home(client):
    html = client.get("/search", params={"q": "alert"}).text
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<mark>alert</mark>" in html
    home = client.get("/").text
    assert "<img src=x" not in home and "&lt;img src=x onerror=alert(&#39;t&#39;)&gt;" in home


def test_path_traversal_refused(client):
    for path in (
        "/static/%2e%2e/serve/app.py",
        "/static/..%2f..%2fpyproject.toml",
        "/static/../serve/app.py",
        "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/static//etc/passwd",
    ):
        r = client.get(path)
        assert r.status_code == 404, path
        assert "create_app" not in r.text and "root:" not in r.text
    r = client.get("/api/v1/events/..%2F..%2Fetc%2Fpasswd/record")
    assert r.status_code == 404
    r = client.get("/api/v1/events/%2e%2e/record")
    assert r.status_code == 404


def test_upload_file_name_cannot_escape(fresh_db, tmp_path, monkeypatch):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    with TestClient(create_app(fresh_db, token=TOKEN)) as c:
        r = c.post(
            "/api/v1/ingest",
            headers=AUTH,
            files={"files": ("../../../../tmp/evil\\..\\pressroom-evil.txt", SEED.read_bytes(), "text/plain")},
        )
        assert r.status_code == 200
        assert r.json()["results"][0]["filename"] == "pressroom-evil.txt"
    assert os.listdir(cwd) == []
    assert sorted(os.listdir(tmp_path)) == ["corpus.db", "cwd"]
    assert not os.path.exists("/tmp/evil")


def test_oversized_uploads_refused(fresh_db):
    with TestClient(create_app(fresh_db, token=TOKEN, max_upload_bytes=4096)) as c:
        big = b"A: x\n" * 2000
        r = c.post("/api/v1/ingest", headers=AUTH, files={"files": ("big.txt", big, "text/plain")})
        assert r.status_code == 413
        assert r.json()["error"]["message"].startswith("the upload is too large: at most 4096 bytes")

        def chunks():  # no Content-Length: the limit applies while the body streams in
            for _ in range(20):
                yield b"x" * 1024

        r = c.post(
            "/api/v1/ingest", headers={**AUTH, "Content-Type": "multipart/form-data; boundary=zz"}, content=chunks()
        )
        assert r.status_code == 413
        assert r.json()["error"]["code"] == "H413"
        # the refused uploads stored nothing
        assert c.get("/api/v1/events").json()["total"] == 2
        # too large before the token is even checked
        r = c.post("/api/v1/ingest", files={"files": ("big.txt", big, "text/plain")})
        assert r.status_code == 413


def test_control_characters_refused(client):
    r = client.get("/api/v1/search", params={"q": "nato\x00"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "H400"
    assert client.get("/api/v1/events/a%00b").status_code == 400


def test_closed_reads(corpus_db, seed_id):
    app = create_app(corpus_db, token=TOKEN, public_reads=False)
    with TestClient(app, follow_redirects=False) as c:
        r = c.get("/api/v1/events")
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert c.get("/api/v1/openapi.json").status_code == 401
        assert c.get("/api/v1/events", headers=AUTH).json()["total"] == 2
        r = c.get(f"/events/{seed_id}")
        assert r.status_code == 303
        assert r.headers["location"] == f"/login?next=%2Fevents%2F{seed_id}"
        assert c.get("/static/css/pressroom.css").status_code == 200
        assert c.get("/healthz").status_code == 200
        assert c.get("/login").status_code == 200
        r = c.post("/login", data={"token": "wrong-wrong-wrong-wrong", "next": "/"})
        assert r.status_code == 401 and "That token is not right" in r.text
        r = c.post("/login", data={"token": TOKEN, "next": "//evil.example.org/x"})
        assert r.status_code == 303 and r.headers["location"] == "/"
        cookie = r.cookies.get("pressroom_read")
        assert cookie and TOKEN not in cookie
        assert "httponly" in r.headers["set-cookie"].lower() and "samesite=strict" in r.headers["set-cookie"].lower()
        c.cookies.set("pressroom_read", cookie)
        assert c.get(f"/events/{seed_id}").status_code == 200
        assert c.get("/api/v1/events").status_code == 200
        # the read cookie never grants writes
        r = c.post("/api/v1/ingest", files={"files": ("seed.txt", SEED.read_bytes(), "text/plain")})
        assert r.status_code == 401


def test_cors_off_by_default_and_exact_when_on(corpus_db, client):
    r = client.get("/api/v1/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers
    r = client.options(
        "/api/v1/events", headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"}
    )
    assert "access-control-allow-origin" not in r.headers
    with TestClient(create_app(corpus_db, cors_origins=["https://desk.example.org"])) as c:
        r = c.get("/api/v1/events", headers={"Origin": "https://desk.example.org"})
        assert r.headers["access-control-allow-origin"] == "https://desk.example.org"
        r = c.get("/api/v1/events", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in r.headers


def test_pages_show_errors_as_pages(client):
    r = client.get("/events/no-such-event")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "no event &#39;no-such-event&#39;" in r.text
    r = client.get("/search", params={"q": "NOT nato"})
    assert r.status_code == 200
    assert "the query only excludes words" in r.text
    assert client.get("/no/such/page").status_code == 404


@pytest.mark.parametrize("token", ["short", ""])
def test_short_or_empty_tokens(corpus_db, token):
    from pressroom.errors import UsageError

    if token:
        with pytest.raises(UsageError, match="too short"):
            create_app(corpus_db, token=token)
    else:
        app = create_app(corpus_db, token=token)
        assert app.state.settings.writes_enabled is False


DEEP = "(" * 400 + "nato" + ")" * 400
NESTED = "[E020] the query nests too deeply: brackets and NOTs more than 16 levels deep"


@pytest.mark.parametrize("path", ["/api/v1/search", "/api/v1/events", "/api/v1/timeline", "/api/v1/export"])
def test_deep_queries_refused_as_json_on_every_endpoint(client, path):
    r = client.get(path, params={"q": DEEP, "format": "jsonl"})
    assert (r.status_code, r.headers["content-type"]) == (400, "application/json")
    assert r.json() == {"error": {"code": "E020", "message": NESTED[7:]}}


def test_deep_query_refused_on_the_search_page(client):
    r = client.get("/search", params={"q": DEEP})
    assert r.status_code == 200
    assert NESTED[7:] in r.text


def test_not_found_names_no_server_path(client, corpus_db):
    r = client.get("/api/v1/events/no-such-event")
    assert r.status_code == 404
    assert r.json() == {"error": {"code": "E021", "message": "no event 'no-such-event' in the store"}}
    r = client.get("/events/no-such-event")
    assert corpus_db not in r.text and "in the store" in r.text


def test_a_bug_is_answered_as_one_json_line(corpus_db, monkeypatch):
    from pressroom.serve import api

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(api, "search_dict", broken)
    with TestClient(create_app(corpus_db), raise_server_exceptions=False) as c:
        r = c.get("/api/v1/search", params={"q": "nato"})
    assert (r.status_code, r.headers["content-type"]) == (500, "application/json")
    assert r.json() == {
        "error": {"code": "E000", "message": "internal error: the server could not answer this request"}
    }


def test_public_message_hides_paths():
    from types import SimpleNamespace

    from pressroom.serve.app import public_message
    from pressroom.store.url import parse_url

    request = SimpleNamespace(
        app=SimpleNamespace(state=SimpleNamespace(store=SimpleNamespace(url=parse_url("/srv/news/corpus.db"))))
    )
    assert public_message(request, "no event 'x' in /srv/news/corpus.db") == "no event 'x' in the store"
    assert public_message(request, "cannot open /var/lib/x/y.db: denied") == "cannot open …: denied"
    assert public_message(request, "see /api/v1/search and N/A") == "see /api/v1/search and N/A"
