"""FastAPI's interactive API docs, served offline: /docs (Swagger UI) and /redoc (ReDoc) load
their scripts and styles from /static/vendor/ (pressroom/static/vendor/README.md), read the API's
OpenAPI description at /api/v1/openapi.json, and are linked from every page's footer."""

from __future__ import annotations

import hashlib
import re

import pytest

from pressroom.serve.app import PACKAGE
from tests.serve.test_browser import CHROMIUM, browser, page  # noqa: F401 (fixtures)

SWAGGER = "/static/vendor/swagger-ui-5.35.0"
REDOC = "/static/vendor/redoc-2.5.4/redoc.standalone.js"


def assets(html: str) -> list[str]:
    """Every URL the page loads (scripts, styles, icons) or points at."""
    return re.findall(r'(?:src|href|spec-url|data-openapi-url)="([^"]*)"', html)


def test_docs_is_swagger_ui_over_local_assets(client):
    r = client.get("/docs")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert '<div id="swagger-ui" data-openapi-url="/api/v1/openapi.json"></div>' in r.text
    assert assets(r.text) == [
        f"{SWAGGER}/swagger-ui.css",
        "/static/favicon.svg",
        "/",
        "/api",
        "/redoc",
        "/api/v1/openapi.json",
        "/api/v1/openapi.json",
        f"{SWAGGER}/swagger-ui-bundle.js",
        "/static/js/swagger-init.js",
    ]
    assert "<script>" not in r.text  # no inline script: the CSP (script-src 'self') would block it
    assert r.headers["content-security-policy"].startswith("default-src 'self'; script-src 'self';")


def test_redoc_is_redoc_over_local_assets(client):
    r = client.get("/redoc")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert '<html lang="en">' in r.text
    assert assets(r.text) == ["/static/favicon.svg", "/api/v1/openapi.json", REDOC]
    assert "fonts.googleapis.com" not in r.text
    csp = r.headers["content-security-policy"]
    assert csp.startswith("default-src 'self'; script-src 'self';") and csp.endswith("; worker-src 'self' blob:")


@pytest.mark.parametrize(
    "path, kind",
    [
        (f"{SWAGGER}/swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
        (f"{SWAGGER}/swagger-ui.css", "text/css; charset=utf-8"),
        (REDOC, "text/javascript; charset=utf-8"),
        ("/static/js/swagger-init.js", "text/javascript; charset=utf-8"),
    ],
)
def test_the_viewers_files_are_served(client, path, kind):
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"] == kind
    on_disk = (PACKAGE / path.removeprefix("/")).read_bytes()
    assert hashlib.sha256(r.content).hexdigest() == hashlib.sha256(on_disk).hexdigest()
    assert b"https://cdn." not in r.content


def test_swagger_ui_bundle_is_the_npm_release():
    """Unmodified swagger-ui-dist@5.35.0 (its sha256 as in the npm tarball)."""
    data = (PACKAGE / "static/vendor/swagger-ui-5.35.0/swagger-ui-bundle.js").read_bytes()
    assert hashlib.sha256(data).hexdigest() == "e6a898692f2d768e807c3ba4626068a69a2c5dd960dd6c76f3e4d3a3de180af2"


def test_the_docs_pages_are_not_in_the_openapi_description(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/docs" not in paths and "/redoc" not in paths


@pytest.mark.browser
@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (/usr/bin/chromium): apt-get install chromium"
)
def test_swagger_ui_and_redoc_draw_every_operation_offline(page, live, client):
    """In Chromium, under the real CSP: every operation of the OpenAPI description is drawn, no
    console error, and no request leaves the server."""
    operations = sum(len(methods) for methods in client.get("/api/v1/openapi.json").json()["paths"].values())
    elsewhere = []
    page.on(
        "request", lambda r: elsewhere.append(r.url) if not r.url.startswith((live.url, "data:", "blob:")) else None
    )
    page.goto(live.url + "/")
    page.locator("footer a", has_text="Swagger UI").click()
    page.wait_for_url(live.url + "/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    assert page.locator(".opblock").count() == operations
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("pressroom")
    page.goto(live.url + "/redoc")
    page.wait_for_selector("[data-section-id^='operation/']", timeout=30_000)
    assert page.locator("[data-section-id^='operation/']").count() == operations
    # ReDoc's search runs in a blob: Web Worker, which the /redoc page's CSP allows
    page.click("input[placeholder='Search...']")
    page.keyboard.type("export", delay=20)
    page.wait_for_selector("[data-role='search:results'] li", timeout=10_000)
    found = page.locator("[data-role='search:results'] li").evaluate_all("els => els.map(e => e.dataset.itemId)")
    assert [i for i in found if i.endswith("/operation/export_all_api_v1_export_get")] != [], found
    assert page.problems == []
    assert elsewhere == []
