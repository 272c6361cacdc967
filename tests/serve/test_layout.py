"""The pages on a phone and on a wide screen: no horizontal scrolling at 360 and 375 px on any
page type, the nav wrapping under the brand, the transcript's columns stacked, charts and their
legends inside their card; a skip link and one `<h1>` on every page; the app's version in the
footer; line breaks of the source inside a paragraph shown as spaces."""

from __future__ import annotations

import re

import pytest

import pressroom
from tests.serve.conftest import TOKEN
from tests.serve.pagekit import PAGE_TYPES, chromium, closed_live, open_page, page_ids, url_of  # noqa: F401
from tests.serve.test_browser import CHROMIUM


def needs_browser(test):
    """Marked `browser`; skipped where Debian's chromium is not installed."""
    test = pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed (/usr/bin/chromium): apt-get install chromium"
    )(test)
    return pytest.mark.browser(test)


#: the right edge of every element that sticks out of the viewport, except inside a box that
#: scrolls or clips on its own (a wide table scrolls inside its card: that is the design)
OVERFLOWING = """() => {
  const W = document.documentElement.clientWidth, out = [];
  const clipped = el => { for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; }
    return false; };
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > W && !clipped(el) && !(el.closest('svg') && el.tagName !== 'svg'))
      out.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' ' + Math.round(r.right));
  }
  return out.slice(0, 10);
}"""

#: each chart's drawing (its legend included) within its svg: nothing cut off at the right
CHART_CLIPPED = """() => [...document.querySelectorAll('.chart svg')].map(svg => {
  const root = svg.querySelector('g.root') || svg.firstElementChild;
  return Math.round(root.getBoundingClientRect().right - svg.getBoundingClientRect().right);
})"""


@needs_browser
@pytest.mark.parametrize("pt", PAGE_TYPES, ids=page_ids())
@pytest.mark.parametrize("width", [375, 360])
def test_no_horizontal_scroll_on_a_phone(chromium, live, closed_live, seed_id, pt, width):
    context = chromium.new_context(viewport={"width": width, "height": 740})
    try:
        pg = context.new_page()
        open_page(pg, pt, url_of(pt, live, closed_live, seed_id))
        assert pg.evaluate("document.documentElement.clientWidth") == width
        # the page is exactly as wide as the screen: nothing to scroll sideways
        assert pg.evaluate("document.documentElement.scrollWidth") <= width
        assert pg.evaluate("document.body.scrollWidth") <= width
        assert pg.evaluate(OVERFLOWING) == []
        # every nav link is on the screen (the nav wraps under the brand, nothing hidden)
        boxes = [pg.locator(".nav a").nth(i).bounding_box() for i in range(pg.locator(".nav a").count())]
        assert len(boxes) >= 5 and all(b["x"] >= 0 and b["x"] + b["width"] <= width for b in boxes)
        assert [d for d in pg.evaluate(CHART_CLIPPED) if d > 0] == []
    finally:
        context.close()


@needs_browser
def test_transcript_columns_stack_on_a_phone_and_sit_side_by_side_on_a_wide_screen(chromium, live, seed_id):
    for width, side_by_side in ((375, False), (1280, True)):
        context = chromium.new_context(viewport={"width": width, "height": 800})
        pg = context.new_page()
        pg.goto(f"{live.url}/events/{seed_id}")
        main = pg.locator(".transcript-main").bounding_box()
        side = pg.locator(".transcript-side").bounding_box()
        if side_by_side:
            assert side["x"] >= main["x"] + main["width"] and abs(side["y"] - main["y"]) < 2
            assert pg.locator(".nav a").first.bounding_box()["y"] < 30  # nav beside the brand, one row
        else:
            assert side["y"] >= main["y"] + main["height"] and main["width"] <= width
            brand = pg.locator(".brand").bounding_box()
            assert pg.locator(".nav a").first.bounding_box()["y"] >= brand["y"] + brand["height"]  # under it
        context.close()


@needs_browser
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(chromium, live, seed_id):
    context = chromium.new_context(viewport={"width": 375, "height": 740})
    pg = context.new_page()
    pg.goto(f"{live.url}/events/{seed_id}")
    link = pg.locator("a.skip-link")
    assert link.bounding_box()["y"] + link.bounding_box()["height"] <= 0  # off screen until focused
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.textContent") == "Skip to content"
    box = link.bounding_box()
    assert box["y"] >= 0 and box["x"] >= 0 and box["x"] + box["width"] <= 375  # now visible
    pg.keyboard.press("Enter")
    assert pg.evaluate("location.hash") == "#content"
    assert pg.evaluate("document.activeElement.id") == "content"
    context.close()


# -- without a browser ----------------------------------------------------------------------------
def _get(client, closed_client, pt, seed_id):
    c = closed_client if pt.closed else client
    return c.get(pt.path.replace("{seed}", seed_id))


@pytest.fixture(scope="module")
def closed_client(corpus_db):
    from fastapi.testclient import TestClient

    from pressroom.serve import create_app

    with TestClient(create_app(corpus_db, token=TOKEN, public_reads=False)) as c:
        yield c


@pytest.mark.parametrize("pt", PAGE_TYPES, ids=page_ids())
def test_every_page_has_a_skip_link_one_h1_and_the_app_version(client, closed_client, seed_id, pt):
    r = _get(client, closed_client, pt, seed_id)
    assert r.status_code == (404 if pt.name == "error" else 200)
    html = r.text
    body = html[html.index("<body") :]
    first_link = re.search(r"<a [^>]*>[^<]*</a>", body).group()
    assert first_link == '<a class="skip-link" href="#content">Skip to content</a>'
    assert re.findall(r"<main [^>]*>", html) == [
        f'<main class="main {"wide" if pt.name.startswith("transcript") else ""}" id="content" tabindex="-1">'
    ]
    assert len(re.findall(r"<h1[ >]", html)) == 1
    footer = html[html.index('<footer class="footer">') : html.index("</footer>")]
    assert f'<span class="app-version">pressroom {pressroom.__version__}</span>' in footer
    assert [m for m in re.findall(r'href="([^"]+)"', footer)] == ["/api", "/docs", "/redoc", "/api/v1/openapi.json"]


def test_footer_shows_the_app_version_not_the_records(client, seed_id):
    """The transcript page has a `version` of its own (the record's, 1): the footer is the app's."""
    html = client.get(f"/events/{seed_id}").text
    assert pressroom.__version__ == "0.1.0"
    assert '<span class="app-version">pressroom 0.1.0</span>' in html
    assert "pressroom 1<" not in html


# -- line breaks --------------------------------------------------------------------------------------
WRAPPED = """Press briefing by the Minister of Finance
12 May 2024

MODERATOR: Good morning. The minister
will take questions.

Q: Will the minister
resign over the report
today?

MINISTER: No. The report
was clear, and I read it
twice.

We will publish:
- the audit,
- the minutes.
"""


@pytest.fixture(scope="module")
def wrapped(tmp_path_factory):
    """A store holding one briefing whose turns are hard-wrapped (as PDF and e-mail text is)."""
    from fastapi.testclient import TestClient

    from pressroom.serve import create_app
    from pressroom.store import open_store

    folder = tmp_path_factory.mktemp("wrapped")
    source = folder / "wrapped-briefing.txt"
    source.write_text(WRAPPED, encoding="utf-8")
    record = pressroom.parse_path(source)
    db = str(folder / "wrapped.db")
    with open_store(db) as store:
        store.add(record)
        event_id = store.events().events[0].id
    with TestClient(create_app(db, token=TOKEN)) as c:
        yield c, event_id, record


def test_the_record_keeps_the_line_breaks(wrapped):
    _, _, record = wrapped
    assert [t.text for t in record.turns] == [
        "Good morning. The minister\nwill take questions.",
        "Will the minister\nresign over the report\ntoday?",
        "No. The report\nwas clear, and I read it\ntwice.\n\nWe will publish:\n- the audit,\n- the minutes.",
    ]


def test_the_page_shows_line_breaks_inside_a_paragraph_as_spaces(wrapped):
    client, event_id, _ = wrapped
    html = client.get(f"/events/{event_id}").text
    texts = re.findall(r'<div class="turn-text">(.*?)</div>', html)
    assert texts == [
        "<p>Good morning. The minister will take questions.</p>",
        '<p><span class="question" title="Question 1">Will the minister resign over the report today?</span></p>',
        "<p>No. The report was clear, and I read it twice.</p>"
        "<p>We will publish:<br>- the audit,<br>- the minutes.</p>",
    ]


def test_render_joins_lines_keeps_paragraphs_and_list_items():
    from pressroom.serve import marks

    assert str(marks.render("one\ntwo  \n  three\r\nfour")) == "<p>one two three four</p>"
    assert str(marks.render("A <b>\nB\n\nC")) == "<p>A &lt;b&gt; B</p><p>C</p>"
    assert str(marks.render("Items:\n• a\n2. b\n(c) c\n– d\n2021\nwas")) == (
        "<p>Items:<br>• a<br>2. b<br>(c) c<br>– d 2021 was</p>"
    )
    # a mark that starts at a list item does not change how the break before it is shown
    text = "Lists:\n- the audit"
    out = marks.render(text, [marks.Mark(text.index("- the"), len(text), "hl")])
    assert str(out) == "<p>Lists:<br><mark>- the audit</mark></p>"
    # a mark across a line break: the break is a space inside the mark
    assert str(marks.render("ab\ncd", [marks.Mark(1, 4, "cue")])) == '<p>a<span class="cue">b c</span>d</p>'
