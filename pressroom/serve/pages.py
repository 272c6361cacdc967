"""Server-rendered pages (Jinja2, autoescaped): the corpus home, a transcript, search,
speakers, outlets, the API reference, login (closed reads) and upload.

Pages read query parameters leniently (a bad page number is page 1) and show store errors
(a malformed search) on the page itself rather than as an error page.
"""

from __future__ import annotations

import math
from typing import Any, Optional
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from markupsafe import Markup

from ..errors import ModelError, PressroomError, UsageError
from ..search import Filters, QueryError, parse_query
from ..store import Store
from . import charts, queries, views
from .api import people
from .context import HTTPError, cache_of, render, settings_of, store_of
from .middleware import READ_COOKIE

router = APIRouter(include_in_schema=False)

PAGE_SIZE = {"events": 25, "search": 20, "people": 50}
#: the filters a page accepts in its query string (as the search API names them)
FILTER_KEYS = ("speaker", "role", "outlet", "entity", "topic", "clarity", "kind", "since", "until")
CLARITY_CHOICES = [
    ("", "any verdict"),
    ("clear", "Answered (Clear Reply)"),
    ("ambivalent", "Ambivalent"),
    ("non-reply", "Not answered (Clear Non-Reply)"),
]
ROLE_CHOICES = ["", "principal", "official", "moderator", "journalist", "other"]
KIND_CHOICES = ["", "statement", "question", "answer", "moderator", "remark"]
MODE_CHOICES = [
    ("fulltext", "Words (full text)"),
    ("semantic", "Meaning (semantic)"),
    ("hybrid", "Words and meaning (hybrid)"),
]
SORT_CHOICES = [("relevance", "Best match first"), ("date", "Newest first"), ("date_asc", "Oldest first")]
#: the command that gives a store the vectors semantic and hybrid search need
EMBED_COMMAND = "pressroom annotate --annotators embed"


# -- template helpers ------------------------------------------------------------------------------
def _snippet(hit) -> Markup:
    return Markup(hit.snippet_html())


def install_filters(env: jinja2.Environment) -> None:
    """Filters and globals the templates use."""
    env.filters["snippet"] = _snippet
    env.filters["q"] = lambda value: quote(str(value), safe="")
    env.filters["thousands"] = lambda n: f"{int(n or 0):,}"
    env.filters["pct"] = lambda x: "—" if x is None else f"{100 * float(x):.0f}%"
    env.globals["clarity_css"] = views.CLARITY_CSS
    env.globals["clarity_short"] = views.CLARITY_SHORT


def _int(value: Optional[str], default: int, lo: int = 1, hi: int = 100_000) -> int:
    try:
        n = int(value) if value not in (None, "") else default
    except ValueError:
        return default
    return max(lo, min(hi, n))


def _clean(value: Optional[str], limit: int = 200) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())[:limit]
    return value or None


def _filters(request: Request) -> Filters:
    qp = request.query_params
    return Filters(**{k: _clean(qp.get(k)) for k in FILTER_KEYS})


def _checked(request: Request, f: Filters) -> Filters:
    """The filters with their values checked (`queries.check_filters`: an unknown role,
    clarity, topic or kind raises `UsageError` naming the valid values)."""
    from .api import annotated_facets

    values = queries.check_filters(
        {k: v for k, v in f.to_dict().items() if k in FILTER_KEYS}, annotated_facets(request), store_of(request)
    )
    return Filters(**values)


def _choice(value: Optional[str], choices: list[tuple[str, str]]) -> str:
    """A select's value, or its first choice when the URL holds anything else."""
    return value if value in {c for c, _ in choices} else choices[0][0]


def api_link(path: str, params: dict[str, Any], fmt: str) -> str:
    """The API URL that answers with the rows a page shows, as a ``fmt`` (csv, json) download."""
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return f"/api/v1/{path}?" + urlencode({**params, "format": fmt})


def downloads(path: str, params: dict[str, Any], shown: int, total: int, csv_extra: dict | None = None) -> dict:
    """Links to this page's rows (CSV, JSON) and, when there are more, to all rows up to the
    API's limit of 1,000."""
    out = {
        "csv": api_link(path, {**params, **(csv_extra or {})}, "csv"),
        "json": api_link(path, params, "json"),
        "shown": shown,
        "total": total,
        "all_csv": None,
        "all_json": None,
        "all_n": 0,
    }
    if total > shown:
        every = {**params, "limit": 1000, "offset": 0}
        out.update(
            all_csv=api_link(path, {**every, **(csv_extra or {})}, "csv"),
            all_json=api_link(path, every, "json"),
            all_n=min(total, 1000),
        )
    return out


def _qs(request: Request, **changes: Any) -> str:
    """The current query string with some parameters changed (None removes one)."""
    params = {k: v for k, v in request.query_params.items()}
    for k, v in changes.items():
        if v is None or v == "":
            params.pop(k, None)
        else:
            params[k] = str(v)
    return ("?" + urlencode(params)) if params else "?"


def _pages(total: int, page: int, size: int) -> dict[str, Any]:
    last = max(1, math.ceil(total / size))
    window = sorted({1, last, *range(max(1, page - 2), min(last, page + 2) + 1)})
    return {
        "page": page,
        "last": last,
        "window": window,
        "first_item": (page - 1) * size + 1 if total else 0,
        "last_item": min(total, page * size),
        "total": total,
    }


# -- pages ---------------------------------------------------------------------------------------
@router.get("/healthz")
def healthz(request: Request):
    store_of(request).engine.one("SELECT 1")
    return JSONResponse({"status": "ok"})


def overview(store: Store, f: Filters, q: str | None, stats=None) -> dict[str, Any]:
    """The home page's statistics and chart specifications for these filters."""
    st = stats or store.stats()
    interval = charts.interval_for(f.since or st.first_date, f.until or st.last_date)
    clarity = store.timeline(facet="clarity", interval=interval, query=q, filters=f, unit="questions")
    topics = store.timeline(facet="topic", interval=interval, query=q, filters=f, unit="turns", top=8)
    return {
        "stats": st,
        "interval": interval,
        "clarity_chart": charts.clarity_chart(clarity),
        "topics_chart": charts.topics_chart(topics),
        "clarity_totals": queries.answer_rate([queries.RatePoint(p.period, p.value, p.count) for p in clarity]),
    }


def _numbers(request: Request, f: Filters, q: str | None) -> dict[str, Any]:
    store = store_of(request)
    cache = cache_of(request)
    stats = cache.get(("stats",), store.stats)
    return cache.get(("overview", tuple(sorted(f.to_dict().items())), q), lambda: overview(store, f, q, stats))


@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    store = store_of(request)
    f = _filters(request)
    q = _clean(request.query_params.get("q"), 4000)
    page = _int(request.query_params.get("page"), 1)
    size = PAGE_SIZE["events"]
    error = None
    try:
        f = _checked(request, f)
        events = store.events(f, query=q, limit=size, offset=(page - 1) * size)
        numbers = _numbers(request, f, q)
    except PressroomError as exc:
        if isinstance(exc, UsageError):  # a bad filter or query (QueryError is one)
            error = exc.message
            events = store.events(limit=size)
            numbers = _numbers(request, Filters(), None)
        else:
            raise
    # the API's rows of this list (home.html may link them as the other list pages do)
    links = (
        downloads(
            "events",
            {
                "q": q,
                **{k: v for k, v in f.to_dict().items() if k in FILTER_KEYS},
                "limit": size,
                "offset": (page - 1) * size,
            },
            len(events.events),
            events.total,
        )
        if events.events and error is None
        else None
    )
    return render(
        request,
        "home.html",
        {
            "downloads": links,
            "events": events,
            "pages": _pages(events.total, page, size),
            "f": f,
            "q": q or "",
            "error": error,
            "qs": lambda **kw: _qs(request, **kw),
            "clarity_choices": CLARITY_CHOICES,
            **numbers,
            "active": {k: v for k, v in f.to_dict().items() if v},
        },
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def transcript_page(request: Request, event_id: str):
    store = store_of(request)
    version = request.query_params.get("version")
    version_n = _int(version, 0, 0) or None
    q = _clean(request.query_params.get("q"), 4000)
    query = None
    if q:
        try:
            query = parse_query(q)
        except QueryError:
            query = None
    summary = store.event(event_id)
    record = store.get_transcript(event_id, version_n)
    versions = store.versions(event_id)
    view = views.build(record, query, _persons(store, event_id, version_n, summary.version))
    return render(
        request,
        "transcript.html",
        {
            "event": record.event,
            "summary": summary,
            "view": view,
            "versions": versions,
            "version": version_n or summary.version,
            "q": q or "",
            "query": str(query) if query else "",
            "event_id": event_id,
            "annotations": record.annotations,
            "source_url": _http_url((record.event.source or {}).get("url") or summary.source_url),
        },
    )


def _persons(store: Store, event_id: str, version: int | None, current: int) -> dict[str, str]:
    """{speaker id: person id} of the event's current version (none for an older one)."""
    from .. import identity

    if version not in (None, current):
        return {}
    linked = identity.record_identity(store, event_id, {}, {})  # person ids only: no names or outlets needed
    return {sid: x["person_id"] for sid, x in linked.items() if x["person_id"]}


def _http_url(url: Any) -> str | None:
    """Only http(s) URLs become links (a transcript may carry ``javascript:`` ones)."""
    if (
        isinstance(url, str)
        and url.lower().startswith(("http://", "https://"))
        and not any(ch in url for ch in "\"'<> \n\t")
    ):
        return url
    return None


FACET_TITLES = {
    "speaker": "Speaker",
    "role": "Role",
    "outlet": "Outlet",
    "year": "Year",
    "entity": "Named",
    "topic": "Topic",
    "clarity": "Answer",
    "evasion": "Evasion",
}
FACET_PARAM = {
    "speaker": "speaker",
    "role": "role",
    "outlet": "outlet",
    "entity": "entity",
    "topic": "topic",
    "clarity": "clarity",
}


def _facet_links(request: Request, result, f: Filters) -> list[dict[str, Any]]:
    """The search page's facets: each value with its count and the link that sets (or, when
    it is the active filter, clears) it."""
    facets = []
    for name, values in result.facets.items():
        if not values:
            continue
        items = []
        for v in values:
            if name == "year":
                active = f.since == v.value and f.until == v.value
                link = _qs(request, since=None if active else v.value, until=None if active else v.value, page=None)
            else:
                param = FACET_PARAM[name] if name in FACET_PARAM else None
                if param is None:
                    continue
                active = (getattr(f, param) or "").lower() == v.value.lower()
                link = _qs(request, **{param: None if active else v.value, "page": None})
            items.append({"value": v.value, "count": v.count, "active": active, "link": link})
        if items:
            facets.append({"name": FACET_TITLES.get(name, name), "items": items})
    return facets


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request):
    from .api import topic_rows

    store = store_of(request)
    qp = request.query_params
    f = _filters(request)
    q = _clean(qp.get("q"), 4000)
    mode = _choice(qp.get("mode"), MODE_CHOICES)
    sort = _choice(qp.get("sort"), SORT_CHOICES)
    page = _int(qp.get("page"), 1, 1, 500)
    size = PAGE_SIZE["search"]
    result, error, no_embeddings = None, None, False
    try:
        f = _checked(request, f)
    except PressroomError as exc:
        error = exc.message
    if q and error is None:
        if mode != "fulltext":
            from ..embed import default_embedder

            no_embeddings = not queries.has_embeddings(store, default_embedder().name)
        if not no_embeddings:
            try:
                result = queries.search(store, q, f, mode=mode, sort=sort, limit=size, offset=(page - 1) * size)
            except PressroomError as exc:
                if isinstance(exc, UsageError) or (mode != "fulltext" and isinstance(exc, ModelError)):
                    error = exc.message
                else:
                    raise
    facets = _facet_links(request, result, f) if result is not None else []
    links = None
    if result is not None and result.hits:
        params = {
            "q": q,
            **{k: v for k, v in f.to_dict().items() if k in FILTER_KEYS},
            "mode": None if mode == "fulltext" else mode,
            "sort": None if sort == "relevance" else sort,
            "limit": size,
            "offset": (page - 1) * size,
        }
        links = downloads("search", params, len(result.hits), result.total, {"facets": "false"})
    return render(
        request,
        "search.html",
        {
            "q": q or "",
            "result": result,
            "error": error,
            "facets": facets,
            "f": f,
            "mode": mode,
            "sort": sort,
            "no_embeddings": no_embeddings,
            "embed_command": EMBED_COMMAND,
            "downloads": links,
            "topics": topic_rows(request) if result is None else [],
            "pages": _pages(result.total if result else 0, page, size),
            "qs": lambda **kw: _qs(request, **kw),
            "active": {k: v for k, v in f.to_dict().items() if v},
            "clarity_choices": CLARITY_CHOICES,
            "role_choices": ROLE_CHOICES,
            "kind_choices": KIND_CHOICES,
            "mode_choices": MODE_CHOICES,
            "sort_choices": SORT_CHOICES,
        },
    )


@router.get("/speakers", response_class=HTMLResponse)
def speakers_page(request: Request):
    role = _clean(request.query_params.get("role"), 40)
    name = _clean(request.query_params.get("name"))
    page = _int(request.query_params.get("page"), 1)
    size = PAGE_SIZE["people"]
    error = None
    try:
        if role:
            queries.check_filters({"role": role})
    except PressroomError as exc:
        error, role = exc.message, None
    index = people(request)
    total, rows = (
        (0, []) if error else queries.speakers(index, role=role, name=name, limit=size, offset=(page - 1) * size)
    )
    links = (
        downloads(
            "speakers", {"role": role, "name": name, "limit": size, "offset": (page - 1) * size}, len(rows), total
        )
        if rows
        else None
    )
    return render(
        request,
        "speakers.html",
        {
            "rows": rows,
            "persons": index.identity is not None,
            "unnamed": index.identity.unnamed if index.identity is not None and not (role or name) else [],
            "pages": _pages(total, page, size),
            "role": role or "",
            "name": name or "",
            "error": error,
            "qs": lambda **kw: _qs(request, **kw),
            "role_choices": ROLE_CHOICES,
            "downloads": links,
        },
    )


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request):
    name = _clean(request.query_params.get("name"))
    page = _int(request.query_params.get("page"), 1)
    size = PAGE_SIZE["people"]
    index = people(request)
    total, rows = queries.outlets(index, name=name, limit=size, offset=(page - 1) * size)
    links = (
        downloads("outlets", {"name": name, "limit": size, "offset": (page - 1) * size}, len(rows), total)
        if rows
        else None
    )
    return render(
        request,
        "outlets.html",
        {
            "rows": rows,
            "merged": index.identity is not None,
            "pages": _pages(total, page, size),
            "name": name or "",
            "qs": lambda **kw: _qs(request, **kw),
            "downloads": links,
        },
    )


def _profile_page(request: Request, kind: str, name: str):
    store = store_of(request)
    name = name[:200]
    index = people(request)
    p = cache_of(request).get(
        ("profile", kind, name, None),
        lambda: (
            queries.identity_profile(store, index, kind, name, None) or queries.profile(store, index, kind, name, None)
        ),
    )
    if p is None:
        raise HTTPError(404, "E021", f"no {kind} called {name!r} in this corpus")

    def points(rates):
        return [queries.RatePoint(r.period, r.clarity, r.count) for r in rates]

    from ..store.models import TimelinePoint

    def chart(rates, title):
        return charts.clarity_chart(
            [TimelinePoint(r.period, r.clarity, r.count) for r in rates], title=title, normalize=True
        )

    return render(
        request,
        "profile.html",
        {
            "p": p,
            "kind": kind,
            "interval": p.interval,
            "asked_rate": queries.answer_rate(points(p.asked)),
            "answered_rate": queries.answer_rate(points(p.answered)),
            "asked_chart": chart(p.asked, "How their questions were answered"),
            "answered_chart": chart(p.answered, "How they answered"),
        },
    )


@router.get("/speakers/{name:path}", response_class=HTMLResponse)
def speaker_page(request: Request, name: str):
    return _profile_page(request, "speaker", name)


@router.get("/outlets/{name:path}", response_class=HTMLResponse)
def outlet_page(request: Request, name: str):
    return _profile_page(request, "outlet", name)


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request):
    schema = request.app.openapi()
    routes = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "in": p["in"],
                    "required": p.get("required", False),
                    "description": p.get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            routes.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "tag": (op.get("tags") or ["other"])[0],
                    "params": params,
                    "auth": bool(op.get("security")),
                }
            )
    return render(request, "api.html", {"routes": routes, "settings": settings_of(request)})


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request):
    return render(request, "upload.html", {"limit": settings_of(request).max_upload_bytes})


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/"):
    if settings_of(request).public_reads:
        return RedirectResponse("/", status_code=303)
    return render(request, "login.html", {"next": _local(next), "failed": False})


def _local(target: str) -> str:
    """Only same-site paths as redirect targets (no open redirect)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, token: str = Form("", max_length=500), next: str = Form("/", max_length=2000)):
    settings = settings_of(request)
    if settings.public_reads:
        return RedirectResponse("/", status_code=303)
    if not settings.token_ok(token.strip()):
        return render(request, "login.html", {"next": _local(next), "failed": True}, status=401)
    response = RedirectResponse(_local(next), status_code=303)
    response.set_cookie(
        READ_COOKIE,
        settings.read_cookie_value(),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        max_age=30 * 24 * 3600,
    )
    return response
