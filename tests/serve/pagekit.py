"""What the layout and accessibility tests share: every page type of the site (with the `<h1>`
each must show, so that a test cannot pass on an error page by mistake), a second live server
with closed reads (the sign-in page exists only there), and a Chromium page factory.

Imported by test_layout.py and test_a11y.py; the fixtures are re-exported there."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.serve.conftest import TOKEN, LiveServer
from tests.serve.test_browser import CHROMIUM, FLAGS

#: axe-core, vendored (tests/serve/vendor/README.md): the accessibility tests run offline
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
SEED_TITLE = (
    "Press conference by NATO Secretary General Jens Stoltenberg ahead of the meetings of NATO "
    "Foreign Ministers on 23 and 24 March 2021 at NATO Headquarters"
)


@dataclass(frozen=True)
class PageType:
    name: str
    path: str  # "{seed}" stands for the seed's event id
    h1: str
    closed: bool = False  # served by the closed-reads app (the sign-in page)
    charts: int = 0  # Vega charts the page draws (waited for before measuring)


PAGE_TYPES = [
    PageType("home", "/", "Press conferences & briefings", charts=2),
    PageType("search", "/search?q=nato", "Search"),
    PageType("search-help", "/search", "Search"),
    PageType("transcript", "/events/{seed}", SEED_TITLE),
    PageType("transcript-search", "/events/{seed}?q=arms%20control#t16", SEED_TITLE),
    PageType("speakers", "/speakers", "Speakers"),
    PageType("outlets", "/outlets", "Outlets"),
    PageType("speaker", "/speakers/Jens Stoltenberg", "Jens Stoltenberg", charts=1),
    PageType("outlet", "/outlets/Interfax Ukraine", "Interfax Ukraine", charts=1),
    PageType("upload", "/upload", "Upload transcripts"),
    PageType("login", "/login", "Sign in", closed=True),
    PageType("api", "/api", "HTTP API"),
    PageType("error", "/no-such-page", "Not found"),
]


def page_ids() -> list[str]:
    return [p.name for p in PAGE_TYPES]


@pytest.fixture(scope="session")
def closed_live(corpus_db):
    """A live server whose reads need the token: /login shows the sign-in form."""
    from pressroom.serve import create_app

    app = create_app(corpus_db, token=TOKEN, public_reads=False)
    with LiveServer(app) as server:
        yield server


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield b
        b.close()


def url_of(pt: PageType, live, closed_live, seed_id: str) -> str:
    return (closed_live if pt.closed else live).url + pt.path.replace("{seed}", seed_id)


def open_page(pg, pt: PageType, url: str) -> None:
    """Load ``url`` and wait until it is drawn (charts included); check its `<h1>`."""
    status = 404 if pt.name == "error" else 200
    response = pg.goto(url)
    assert response.status == status, f"{pt.name}: {url} answered {response.status}"
    pg.wait_for_load_state("networkidle")
    if pt.charts:
        pg.wait_for_function(f"document.querySelectorAll('.chart.drawn svg').length === {pt.charts}", timeout=15_000)
    assert pg.locator("h1").all_inner_texts() == [pt.h1]
