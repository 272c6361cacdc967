"""The event page's verdict badges in a real browser (Playwright driving Debian's chromium):
every badge shows its probability as text, and with a calibrated model the verdicts under its
threshold read "Uncertain" (in text, and dashed). The seed is stored twice: as the server tests
annotate it (p 0.80 everywhere, no calibration) and with probabilities spread over 0.35-0.95 and
a calibration summary whose threshold is 0.55."""

from __future__ import annotations

import json
import re
from urllib.request import urlopen

import pytest

import pressroom
from pressroom.record import Transcript
from tests.serve.conftest import SEED, TOKEN, LiveServer, annotate_for_tests
from tests.serve.test_browser import CHROMIUM, browser, page  # noqa: F401  (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (/usr/bin/chromium)"),
]

THRESHOLD = 0.55
#: the probabilities given to the seed's judged questions, in order (cycled)
SPREAD = (0.35, 0.5, 0.62, 0.95, 0.549, 0.55)
P_TEXT = re.compile(r" p (?:0\.\d\d|1\.00)$")


def calibrated_seed() -> tuple[Transcript, dict[str, float]]:
    """The seed with spread probabilities and a calibration summary; {question id: p}."""
    t = annotate_for_tests(pressroom.parse_path(SEED))
    given: dict[str, float] = {}
    n = 0
    for x in t.exchanges:
        for item in x.annotations["clarity"]:
            if item.get("clarity"):
                p = SPREAD[n % len(SPREAD)]
                n += 1
                item["confidence"] = p
                item["uncertain"] = p < THRESHOLD
                given[item["question"]] = p
    t.annotations["clarity"] = {
        "model": "test@1",
        "counts": {},
        "questions": n,
        "agreement": None,
        "calibration": {"calibrated": True, "method": "temperature scaling", "threshold": THRESHOLD},
    }
    return t, given


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from pressroom.serve import create_app
    from pressroom.store import open_store

    t, given = calibrated_seed()
    path = tmp_path_factory.mktemp("verdicts") / "store.db"
    with open_store(str(path)) as store:
        store.add(t)
        event_id = next(e.id for e in store.events().events)
    app = create_app(str(path), token=TOKEN, public_reads=True)
    with LiveServer(app) as server:
        yield server, event_id, given


def test_every_badge_shows_its_probability_and_the_uncertain_ones_say_so(page, served):  # noqa: F811
    server, event_id, given = served
    page.goto(f"{server.url}/events/{event_id}")
    items = page.locator("section.exchange-card .question-item")
    assert items.count() == len(given) == 25  # the seed's questions, all judged, in page order
    for i, p in enumerate(given.values()):
        badge = items.nth(i).locator(".verdict")
        text = badge.inner_text()
        assert text.endswith(f" p {p:.2f}"), text  # the probability is on the badge, as text
        # 0.549 prints as "p 0.55" yet is under the threshold: the badge still says Uncertain
        assert text.startswith("Uncertain: ") == (p < THRESHOLD), text
        assert ("verdict-uncertain" in (badge.get_attribute("class") or "")) == (p < THRESHOLD)
    # the first three judged questions get 0.35, 0.5 and 0.62; the classes cycle from Clear Reply
    assert page.locator("#x3 .question-item .verdict").all_inner_texts() == [
        "Not answered · Declining to answer p 0.62",
        "Answered · Explicit p 0.95",
    ]
    assert items.nth(0).locator(".verdict").inner_text() == "Uncertain: Answered · Explicit p 0.35"
    assert items.nth(4).locator(".verdict").inner_text() == "Uncertain: Ambivalent · General p 0.55"  # 0.549
    assert items.nth(5).locator(".verdict").inner_text() == "Not answered · Declining to answer p 0.55"  # 0.55
    # every exchange badge too
    assert [
        t for t in page.locator("section.exchange-card .verdict-lg").all_inner_texts() if not P_TEXT.search(t)
    ] == []
    note = page.locator("header .agreement .calibration-note").inner_text()
    assert note == (
        "p is the verdict's calibrated probability (fitted on out-of-fold predictions, QEvasion's train split); "
        "under p 0.55 a verdict reads “Uncertain”."
    )
    assert page.problems == []


def test_uncalibrated_verdicts_show_p_and_are_never_uncertain(page, live, seed_id):  # noqa: F811
    page.goto(f"{live.url}/events/{seed_id}")
    texts = page.locator("section.exchange-card .verdict").all_inner_texts()
    assert len(texts) == 13 + 25
    assert [t for t in texts if not P_TEXT.search(t)] == []
    assert [t for t in texts if t.startswith("Uncertain")] == []
    assert page.locator("header .agreement .calibration-note").inner_text() == (
        "p is the model's own probability, not calibrated."
    )


def test_the_api_gives_each_question_its_probability_and_the_threshold(served):
    server, event_id, given = served
    with urlopen(f"{server.url}/api/v1/events/{event_id}/exchanges") as r:
        body = json.load(r)
    rows = [q for x in body for q in x["questions"] if q["id"] in given]
    assert len(rows) == 25
    for q in rows:
        assert q["confidence"] == given[q["id"]]
        assert q["uncertain_below"] == THRESHOLD
        assert q["uncertain"] is (given[q["id"]] < THRESHOLD)
