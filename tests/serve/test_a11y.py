"""Accessibility: axe-core (vendored, tests/serve/vendor/axe.min.js) on every page type, on a
wide screen and on a phone, finds no violation of impact serious or critical (WCAG 2.x A and AA
rules and axe's best practices: contrast, names, landmarks, focusable scrolling regions…).

/docs (Swagger UI) and /redoc (ReDoc) are third-party viewers, vendored unchanged: the last test
records what axe finds in them (docs/serve.md quotes it)."""

from __future__ import annotations

import pytest

from tests.serve.pagekit import AXE, PAGE_TYPES, chromium, closed_live, open_page, page_ids, url_of  # noqa: F401
from tests.serve.test_browser import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed (/usr/bin/chromium): apt-get install chromium"
    ),
]

AXE_VERSION = "4.14.1"


def axe_violations(pg) -> list[dict]:
    # the page's CSP forbids injected scripts: the context bypasses it (bypass_csp) for axe alone
    pg.add_script_tag(path=str(AXE))
    assert pg.evaluate("axe.version") == AXE_VERSION
    result = pg.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


def summary(violations: list[dict]) -> list[str]:
    """One line per violation: impact, rule, how many elements, the first element and why."""
    return [
        f"{v['impact']} {v['id']} ×{len(v['nodes'])}: {v['nodes'][0]['target']} "
        f"{' '.join(v['nodes'][0]['failureSummary'].split())[:240]}"
        for v in violations
    ]


@pytest.mark.parametrize("pt", PAGE_TYPES, ids=page_ids())
@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_no_serious_or_critical_violation(chromium, live, closed_live, seed_id, pt, width):
    context = chromium.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    try:
        pg = context.new_page()
        open_page(pg, pt, url_of(pt, live, closed_live, seed_id))
        violations = axe_violations(pg)
        assert summary([v for v in violations if v["impact"] in ("serious", "critical")]) == []
    finally:
        context.close()


def test_axe_does_find_a_contrast_failure(chromium, live):
    """The check can fail: grey #a0aec0 text on white (the moderators' swatch colour, 2.3:1)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    pg = context.new_page()
    pg.goto(live.url + "/api")
    pg.evaluate("document.querySelector('h1').style.color = '#a0aec0'")
    found = [v for v in axe_violations(pg) if v["impact"] in ("serious", "critical")]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in found] == [("color-contrast", [["h1"]])]
    context.close()


def test_what_axe_finds_in_the_vendored_api_viewers(chromium, live):
    """Not the site's own markup: Swagger UI 5.35.0 nests buttons in its operation headers and
    draws white on light method badges; ReDoc 2.5.4 has nothing serious (with lang="en" added)."""
    found = {}
    for path, ready in (("/docs", ".opblock"), ("/redoc", "[data-section-id^='operation/']")):
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        pg = context.new_page()
        pg.goto(live.url + path)
        pg.wait_for_selector(ready, timeout=30_000)
        found[path] = sorted(v["id"] for v in axe_violations(pg) if v["impact"] in ("serious", "critical"))
        context.close()
    assert found == {"/docs": ["color-contrast", "nested-interactive"], "/redoc": []}
