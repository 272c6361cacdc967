"""The pages in a real browser: Playwright driving Debian's chromium (headless) against a live
uvicorn on 127.0.0.1. Screenshots go to test-artifacts/serve/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.serve.conftest import ARTIFACTS

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed (/usr/bin/chromium): apt-get install chromium"
    ),
]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = context.new_page()
    pg.problems = []
    pg.dialogs = []
    pg.on("console", lambda m: pg.problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))

    def on_dialog(d):
        pg.dialogs.append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    context.close()


def shot(pg, name: str, full: bool = False) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=full)
    return path


def test_seed_page_shows_its_13_exchange_cards(page, live, seed_id):
    page.goto(f"{live.url}/events/{seed_id}")
    cards = page.locator("section.exchange-card")
    assert cards.count() == 13
    assert page.locator("article.turn").count() == 42
    assert page.locator("#x3 .verdict-lg").inner_text() == "Not answered p 0.80"
    assert page.locator("#x3 .chip-entity").all_inner_texts() == ["NATO", "Afghanistan"]
    assert page.locator("#x3 .turn-text .cue").first.inner_text() == "all options are on the table"
    assert page.problems == []
    assert shot(page, "transcript-seed", full=True).stat().st_size > 10_000


def test_every_verdict_badge_shows_its_confidence_in_text(page, live, seed_id):
    import re

    page.goto(f"{live.url}/events/{seed_id}")
    badges = page.locator("section.exchange-card .verdict")
    texts = badges.all_inner_texts()
    assert len(texts) == 13 + 25  # one per exchange, one per question (the seed's 25)
    # the text itself, not a tooltip: the probability is on the badge
    assert [t for t in texts if not re.search(r" p (?:0\.\d\d|1\.00)$", t)] == []
    assert page.locator("#x3 .question-item .verdict").all_inner_texts() == [
        "Not answered · Declining to answer p 0.80",
        "Answered · Explicit p 0.80",
    ]
    agreement = page.locator("header .agreement")
    assert agreement.is_visible()
    assert agreement.inner_text().startswith(
        "Model's verdicts, not facts: against human annotators on 308 test "
        "questions the model scores macro-F1 0.58 on clarity"
    )
    assert "docs/clarity.md" in agreement.inner_text()
    assert page.locator(".fig-verdicts").inner_text().startswith("model's verdicts:")
    shot(page, "verdicts-with-confidence")


def test_search_arms_control_and_click_through(page, live, seed_id):
    page.goto(live.url + "/")
    page.fill(".topsearch input[name=q]", "arms control")
    page.press(".topsearch input[name=q]", "Enter")
    page.wait_for_url("**/search?q=arms+control")
    assert page.locator("article.hit").count() == 2
    assert page.locator("article.hit").first.locator("mark").all_inner_texts() == ["arms", "control"]
    assert page.locator(".facet h3").all_inner_texts()[:2] == ["SPEAKER", "ROLE"]
    shot(page, "search-arms-control")
    page.locator("article.hit").first.locator("a.open-turn").click()
    page.wait_for_url(f"**/events/{seed_id}?q=arms%20control#t16")
    target = page.locator("#t16")
    assert "is-target" in target.get_attribute("class")
    assert target.locator("mark").all_inner_texts() == ["arms", "control", "Arms", "Control"]
    assert target.is_visible()
    box = target.bounding_box()
    assert 0 <= box["y"] < 900  # scrolled into view
    shot(page, "turn-t16-highlighted")


def test_copy_quote_carries_the_citation(page, live, seed_id):
    page.goto(f"{live.url}/events/{seed_id}#t16")
    page.locator("#t16 .copy-quote").click()
    quote = page.evaluate("document.body.dataset.lastQuote")
    assert quote.startswith("\u201cThe relationship between NATO and Russia has been difficult")
    assert "\u2014 Jens Stoltenberg, NATO Secretary General, NATO, Press conference by NATO Secretary General" in quote
    assert quote.endswith(f"/events/{seed_id}#t16")
    # the toast shows once the clipboard's promise settles: wait for it (an instant check raced it
    # on a loaded machine, the whole suite on two cores)
    expect(page.locator("#toast")).to_be_visible()


def test_hostile_transcript_renders_as_text(page, live, xss_id):
    page.goto(f"{live.url}/events/{xss_id}")
    page.wait_for_load_state("networkidle")
    assert page.dialogs == []
    assert page.title().startswith("Press briefing <script>alert('title')</script>")
    assert page.evaluate("document.title") != "pwned"
    text = page.locator("#t1 .turn-text").inner_text()
    assert "<script>alert('xss')</script>" in text
    assert "<img src=x onerror=\"alert('img')\">" in text
    assert "[link](javascript:alert('md'))" in text
    assert (
        page.locator(
            ".turn-text img, .turn-text script, .turn-text iframe, .turn-text svg, .turn-text a, .turn-text b"
        ).count()
        == 0
    )
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("h1").inner_text().startswith("Press briefing <script>")
    # the hidden style block did not hide the page
    assert page.locator("body").is_visible()
    shot(page, "xss-as-text")
    page.goto(f"{live.url}/search?q=alert")
    assert page.dialogs == []
    assert page.locator("article.hit").count() == 3  # t1, t3 and t4 say alert
    shot(page, "xss-search")


def test_home_charts_draw_offline_under_the_csp(page, live):
    page.goto(live.url + "/")
    page.wait_for_selector(".chart.drawn svg", timeout=15_000)
    page.wait_for_function("document.querySelectorAll('.chart.drawn svg').length === 2", timeout=15_000)
    assert page.locator(".events-table tbody tr").count() == 2
    assert page.locator(".chart-card h2").first.inner_text() == "Answered vs dodged: the model's verdicts"
    assert (
        page.locator(".chart-card .agreement")
        .inner_text()
        .startswith("Model's verdicts, not facts: against human annotators on 308 test questions")
    )
    assert page.problems == []
    shot(page, "home")


def test_speaker_outlet_and_list_pages(page, live):
    page.goto(live.url + "/speakers/Jens Stoltenberg")
    page.wait_for_function("document.querySelectorAll('.chart.drawn svg').length === 1", timeout=15_000)
    assert page.locator("h1").inner_text() == "Jens Stoltenberg"
    shot(page, "speaker")
    page.goto(live.url + "/outlets/Interfax Ukraine")
    page.wait_for_function("document.querySelectorAll('.chart.drawn svg').length === 1", timeout=15_000)
    assert page.locator(".plain-list a").first.inner_text() == "Iryna Somer"
    shot(page, "outlet")
    page.goto(live.url + "/speakers")
    assert page.locator("table tbody tr").count() == 17
    page.goto(live.url + "/outlets")
    assert page.locator("table tbody tr").count() == 13
    shot(page, "outlets")
    page.goto(live.url + "/api")
    assert page.locator(".api-table tbody tr").count() >= 15
    assert page.problems == []
