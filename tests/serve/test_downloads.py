"""Downloads of what the list pages show: the search page, speakers and outlets link to the
API's CSV and JSON of exactly their rows (same filters, same order, same page)."""

from __future__ import annotations

import csv
import io
import json
from html import unescape
from html.parser import HTMLParser

import pytest

HIT_FIELDS = [
    "id",
    "event_id",
    "turn_id",
    "event_title",
    "date",
    "speaker",
    "role",
    "outlet",
    "kind",
    "exchange_id",
    "snippet",
    "highlights",
    "score",
    "text",
    "url",
]


class PageRows(HTMLParser):
    """What a list page shows: its search hits (id, speaker, date as displayed), its table rows
    (the cells' text) and its download links (by label, in order)."""

    def __init__(self):
        super().__init__()
        self.hits: list[dict] = []
        self.rows: list[list[str]] = []
        self.links: list[tuple[str, str]] = []  # (label, href) of the download paragraph
        self._stack: list[str] = []
        self._in = None  # "who" | "date" | "cell" | "download-link"
        self._download = False
        self._href = ""
        self._in_tbody = False
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class") or ""
        if tag == "article" and "hit" in cls.split():
            self.hits.append({"id": a.get("data-id"), "speaker": None, "date": ""})
        elif tag == "div" and cls == "hit-who" and self.hits:
            self._in, self._text = "who", ""
        elif tag == "span" and "muted" in cls.split() and self.hits and self.hits[-1]["speaker"] is None:
            self._in, self._text = "date", ""
        elif tag == "p" and a.get("id") == "downloads":
            self._download = True
        elif tag == "a" and self._download:
            self._in, self._href, self._text = "download-link", a.get("href") or "", ""
        elif tag == "tbody":
            self._in_tbody = True
        elif tag == "tr" and self._in_tbody:
            self.rows.append([])
        elif tag == "td" and self._in_tbody:
            self._in, self._text = "cell", ""

    def handle_endtag(self, tag):
        if tag == "a" and self._in == "download-link":
            self.links.append((self._text.strip(), unescape(self._href)))
            self._in = None
        elif tag == "a" and self._in == "who" and self.hits[-1]["speaker"] is None:
            self.hits[-1]["speaker"] = self._text.strip()
            self._in = None
        elif tag == "span" and self._in == "date":
            self.hits[-1]["date"] = self._text.strip()
            self._in = None
        elif tag == "p" and self._download:
            self._download = False
        elif tag == "td" and self._in == "cell":
            self.rows[-1].append(" ".join(self._text.split()))
            self._in = None
        elif tag == "tbody":
            self._in_tbody = False

    def handle_data(self, data):
        if self._in:
            self._text += data


def page_rows(html: str) -> PageRows:
    p = PageRows()
    p.feed(html)
    return p


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def download(client, href: str):
    assert href.startswith("/api/v1/")
    return client.get(href)


def test_search_csv_is_what_the_page_lists(client):
    html = client.get("/search", params={"q": "nato"}).text
    page = page_rows(html)
    assert len(page.hits) == 20
    assert [label for label, _ in page.links] == ["CSV", "JSON", "CSV", "JSON"]
    href = page.links[0][1]
    assert href == "/api/v1/search?q=nato&limit=20&offset=0&facets=false&format=csv"
    r = download(client, href)
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"] == 'attachment; filename="pressroom-search.csv"'
    assert r.headers["x-total-count"] == "22"
    assert r.text.splitlines()[0] == ",".join(HIT_FIELDS)
    rows = csv_rows(r.text)
    assert [(x["id"], x["speaker"], x["date"]) for x in rows] == [(h["id"], h["speaker"], h["date"]) for h in page.hits]
    # the API without format gives the same hits, in the same order, with the same values
    api = client.get("/api/v1/search", params={"q": "nato", "limit": 20}).json()
    assert [x["id"] for x in rows] == [h["id"] for h in api["hits"]]
    first = api["hits"][0]
    assert rows[0] == {
        k: ("" if first[k] is None else json.dumps(first[k]) if isinstance(first[k], list) else str(first[k]))
        for k in HIT_FIELDS
    }


def test_search_download_follows_the_page_filters_order_and_page(client):
    params = {"q": "thank OR question", "sort": "date", "since": "2021", "page": "2"}
    page = page_rows(client.get("/search", params=params).text)
    assert page.links[0][1] == (
        "/api/v1/search?q=thank+OR+question&since=2021&sort=date&limit=20&offset=20&facets=false&format=csv"
    )
    rows = csv_rows(download(client, page.links[0][1]).text)
    assert (
        [x["id"].split("#")[1] for x in rows]
        == [h["id"].split("#")[1] for h in page.hits]
        == ["t30", "t32", "t33", "t35", "t36", "t38", "t39", "t41", "t42"]
    )
    # all the matches (the page shows 9 of 29): page 2's rows end the list, newest first
    assert [label for label, _ in page.links] == ["CSV", "JSON", "CSV", "JSON"]
    every = csv_rows(download(client, page.links[2][1]).text)
    assert len(every) == 29
    assert [x["id"] for x in every[20:]] == [h["id"] for h in page.hits]
    assert [x["date"] for x in every[:4]] == ["2023-05-04", "2023-05-04", "2023-05-04", "2021-03-22"]
    # a filter that narrows: the journalists' turns only, on the page and in the file
    page = page_rows(client.get("/search", params={"q": "thank OR question", "role": "journalist"}).text)
    rows = csv_rows(download(client, page.links[0][1]).text)
    assert len(rows) == len(page.hits) == 15
    assert [x["id"] for x in rows] == [h["id"] for h in page.hits]
    assert {x["role"] for x in rows} == {"journalist"}


def test_search_json_download_is_the_api_answer(client):
    page = page_rows(client.get("/search", params={"q": '"arms control"'}).text)
    assert [label for label, _ in page.links] == ["CSV", "JSON"]  # every match is on the page: no "all" links
    r = download(client, page.links[1][1])
    assert r.headers["content-disposition"] == 'attachment; filename="pressroom-search.json"'
    assert r.json() == client.get("/api/v1/search", params={"q": '"arms control"', "limit": 20}).json()
    assert [h["turn_id"] for h in r.json()["hits"]] == ["t16", "t1"]


def test_speakers_csv_is_the_table(client):
    page = page_rows(client.get("/speakers").text)
    assert len(page.rows) == 17
    assert page.links[0][1] == "/api/v1/speakers?limit=50&offset=0&format=csv"
    rows = csv_rows(download(client, page.links[0][1]).text)
    assert list(rows[0]) == ["name", "role", "outlet", "turns", "questions", "events", "first_date", "last_date"]
    assert [x["name"] for x in rows] == [cells[0] for cells in page.rows]
    assert [(x["turns"], x["questions"]) for x in rows] == [(cells[3], cells[4]) for cells in page.rows]
    assert rows[0] == {
        "name": "Jens Stoltenberg",
        "role": "principal",
        "outlet": "",
        "turns": "15",
        "questions": "0",
        "events": "1",
        "first_date": "2021-03-22",
        "last_date": "2021-03-22",
    }
    journalists = page_rows(client.get("/speakers", params={"role": "journalist", "name": "an"}).text)
    assert journalists.links[0][1] == "/api/v1/speakers?role=journalist&name=an&limit=50&offset=0&format=csv"
    rows = csv_rows(download(client, journalists.links[0][1]).text)
    assert [x["name"] for x in rows] == [cells[0] for cells in journalists.rows]
    assert {x["role"] for x in rows} == {"journalist"} and len(rows) == len(journalists.rows) > 0


def test_outlets_csv_and_json_are_the_table(client):
    page = page_rows(client.get("/outlets").text)
    assert len(page.rows) == 13
    rows = csv_rows(download(client, page.links[0][1]).text)
    assert list(rows[0]) == ["name", "journalists", "questions", "events", "first_date", "last_date"]
    assert [x["name"] for x in rows] == [cells[0] for cells in page.rows]
    body = download(client, page.links[1][1]).json()
    assert body["total"] == 13 and [o["name"] for o in body["outlets"]] == [x["name"] for x in rows]


def test_pages_without_rows_offer_no_download(client):
    assert page_rows(client.get("/speakers", params={"name": "zzyzx"}).text).links == []
    assert page_rows(client.get("/search", params={"q": "zzyzx"}).text).links == []
    assert 'id="downloads"' not in client.get("/search").text


def test_events_and_topics_download(client):
    r = client.get("/api/v1/events", params={"format": "csv", "order": "date_asc"})
    rows = csv_rows(r.text)
    assert [x["date"] for x in rows] == ["2021-03-22", "2023-05-04"]
    assert rows[0]["n_questions"] == "25"
    r = client.get("/api/v1/topics", params={"format": "csv"})
    assert r.text.splitlines() == ["topic,exchanges,events", "Defense,7,1", "International Affairs,6,1"]


@pytest.mark.parametrize(
    "path", ["/api/v1/search", "/api/v1/speakers", "/api/v1/outlets", "/api/v1/events", "/api/v1/topics"]
)
def test_an_unknown_download_format_is_400(client, path):
    r = client.get(path, params={"format": "xlsx", **({"q": "nato"} if path.endswith("search") else {})})
    assert r.status_code == 400
    assert r.json() == {"error": {"code": "E006", "message": "unknown format 'xlsx'; choose one of: json, csv"}}
