"""The HTTP API, versioned under ``/api/v1`` (mounted by `app.create_app`).

Reads: events (with the search filters), one event's record (the JSON ``pressroom parse
--json`` prints), versions, turns, exchanges, search with facets, statistics, timelines,
speakers, outlets, exports as downloads. Writes: ``POST /ingest`` (multipart upload; needs
``Authorization: Bearer <token>``). Every handler calls the store's public API (see
docs/store.md) and turns its errors into JSON ``{"error": {"code", "message"}}``.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask

from ..errors import StoreError
from ..record import Transcript
from ..search import MAX_QUERY_CHARS, Filters
from ..store import Store
from ..store.annotations import exchange_clarity, exchange_topics, question_verdicts
from . import queries, schemas
from .context import HTTPError, cache_of, settings_of, store_of

router = APIRouter()
bearer = HTTPBearer(auto_error=False, description="The server's write token (PRESSROOM_TOKEN).")

#: the most files one upload request may carry
MAX_FILES = 50
EXPORT_FORMATS = {
    "jsonl": ("application/x-ndjson", ".jsonl"),
    "csv": ("text/csv; charset=utf-8", ".csv"),
    "markdown": ("text/markdown; charset=utf-8", ".md"),
    "tei": ("application/tei+xml", ".xml"),
    "convokit": ("application/zip", ".zip"),
}


# -- dependencies -------------------------------------------------------------------------
def filters(
    request: Request,
    speaker: Optional[str] = Query(None, max_length=200, description="Speaker name (a part of it, any case)."),
    role: Optional[str] = Query(None, max_length=40, description="principal, moderator, journalist, official, other"),
    outlet: Optional[str] = Query(None, max_length=200, description="Journalist's outlet (a part of it)."),
    entity: Optional[str] = Query(None, max_length=200, description="An entity named in the turn."),
    topic: Optional[str] = Query(None, max_length=200, description="A topic of the exchange."),
    clarity: Optional[str] = Query(None, max_length=40, description="clear, ambivalent, non-reply (or the labels)"),
    kind: Optional[str] = Query(None, max_length=40, description="statement, question, answer, moderator, remark"),
    event: Optional[str] = Query(None, max_length=200, description="Only this event id."),
    since: Optional[str] = Query(None, max_length=10, description="From this date: 2021, 2021-03 or 2021-03-22."),
    until: Optional[str] = Query(None, max_length=10, description="Up to this date, included."),
    all_versions: bool = Query(False, description="Also superseded versions."),
) -> Filters:
    """The search filters, shared by events, search, timelines and exports. An unknown role,
    clarity, topic or kind, or a label filter the store has no annotations for, is a 400 naming
    the valid values (`queries.check_filters`, the CLI's rules)."""
    values = queries.check_filters(
        {
            "speaker": speaker or None,
            "role": role or None,
            "outlet": outlet or None,
            "entity": entity or None,
            "topic": topic or None,
            "clarity": clarity or None,
            "kind": kind or None,
            "event": event or None,
            "since": since or None,
            "until": until or None,
        },
        annotated_facets(request),
        store_of(request),
    )
    return Filters(**values, all_versions=all_versions)


def annotated_facets(request: Request) -> dict[str, int]:
    """Labelled events per facet (entity, topic, clarity, evasion), from the cached statistics."""
    store = store_of(request)
    return cache_of(request).get(("stats",), store.stats).annotated


#: what ``format`` a list endpoint answers in: JSON (the default, shown inline), or a download
DOWNLOAD_FORMATS = ("json", "csv")
FORMAT_HELP = (
    "json or csv: the same rows as a download (CSV: one row per item, the item's fields as columns, "
    "lists as JSON); without it, JSON shown inline"
)


def download(body: dict[str, Any], model, rows_key: str, row_model, fmt: str | None, stem: str):
    """The response of a list endpoint: ``body`` (checked against ``model``) as JSON, or as a
    JSON or CSV download of its ``rows_key`` items when ``fmt`` asks (CSV columns: the fields
    of ``row_model``, in order; the total matching is in the X-Total-Count header)."""
    if fmt is None or fmt == "":
        return body
    if fmt not in DOWNLOAD_FORMATS:  # checked after the request's own errors (a bad query says so first)
        raise HTTPError(400, "E006", f"unknown format {fmt!r}; choose one of: {', '.join(DOWNLOAD_FORMATS)}")
    data = model.model_validate(body).model_dump(mode="json")
    headers = {"Content-Disposition": f'attachment; filename="{stem}.{fmt}"'}
    if "total" in data:
        headers["X-Total-Count"] = str(data["total"])
    if fmt == "json":
        return JSONResponse(data, headers=headers)
    text = queries.csv_text(data[rows_key], list(row_model.model_fields))
    return Response(text, media_type="text/csv; charset=utf-8", headers=headers)


DOWNLOADS = {
    200: {
        "description": "JSON, or a JSON or CSV download (format=json|csv)",
        "content": {"application/json": {}, "text/csv": {"schema": {"type": "string"}}},
    }
}


def people(request: Request) -> queries.PeopleIndex:
    """Who spoke where (one pass over the turns, cached; see `queries.PeopleIndex`)."""
    store = store_of(request)
    return cache_of(request).get(("people",), lambda: queries.people_index(store))


def require_token(request: Request, creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
    """Writes need the bearer token; with no token configured they are refused."""
    settings = settings_of(request)
    if not settings.writes_enabled:
        raise HTTPError(
            403,
            "H403",
            "writes are disabled on this server: start it with a token (PRESSROOM_TOKEN or --token) to accept uploads",
        )
    if creds is None or not settings.token_ok(creds.credentials):
        raise HTTPError(
            401,
            "H401",
            "this needs the server's token: send 'Authorization: Bearer <token>'",
            {"WWW-Authenticate": "Bearer"},
        )


def page_url(event_id: str, turn_id: str | None = None) -> str:
    return f"/events/{quote(event_id, safe='')}" + (f"#{quote(turn_id, safe='')}" if turn_id else "")


ERRORS = {
    400: {"model": schemas.ErrorOut, "description": "Bad request (a query or option that cannot work)"},
    401: {"model": schemas.ErrorOut, "description": "The token is missing or wrong (closed reads)"},
    404: {"model": schemas.ErrorOut, "description": "No such event, version or turn"},
    422: {"model": schemas.ErrorOut, "description": "A parameter is missing, of the wrong type or out of range"},
}


# -- events -------------------------------------------------------------------------------
@router.get("", summary="API index", tags=["meta"], responses=ERRORS)
def index(request: Request) -> dict[str, Any]:
    from .. import __version__

    return {
        "name": "pressroom",
        "version": __version__,
        "api": "v1",
        "openapi": "/api/v1/openapi.json",
        "writes_enabled": settings_of(request).writes_enabled,
        "endpoints": sorted({r.path for r in router.routes}),
    }


@router.get(
    "/events",
    response_model=schemas.EventPageOut,
    responses={**ERRORS, **DOWNLOADS},
    tags=["events"],
    summary="List events (newest first), with filters and an optional search",
)
def list_events(
    request: Request,
    q: Optional[str] = Query(
        None, max_length=MAX_QUERY_CHARS, description="Only events with a turn matching this search."
    ),
    order: str = Query("date", pattern="^(date|date_asc|title)$"),
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=10_000_000),
    format: Optional[str] = Query(None, max_length=20, description=FORMAT_HELP),
    f: Filters = Depends(filters),
):
    page = store_of(request).events(f, query=q or None, limit=limit, offset=offset, order=order)
    return download(page.to_dict(), schemas.EventPageOut, "events", schemas.EventSummaryOut, format, "pressroom-events")


def _event_id(event_id: str = PathParam(..., max_length=300)) -> str:
    return event_id


@router.get(
    "/events/{event_id}",
    response_model=schemas.EventDetailOut,
    responses=ERRORS,
    tags=["events"],
    summary="One event: its summary, versions and links",
)
def get_event(request: Request, event_id: str = Depends(_event_id)):
    store = store_of(request)
    ev = store.event(event_id)
    base = f"/api/v1/events/{quote(event_id, safe='')}"
    return {
        "event": ev.to_dict(),
        "versions": [v.to_dict() for v in store.versions(event_id)],
        "links": {
            "record": base + "/record",
            "turns": base + "/turns",
            "exchanges": base + "/exchanges",
            "export": base + "/export?format=tei",
            "page": page_url(event_id),
        },
    }


@router.get(
    "/events/{event_id}/record",
    responses=ERRORS,
    tags=["events"],
    summary="The event's record: the same JSON as pressroom parse --json (with annotations)",
)
def get_record(
    request: Request, event_id: str = Depends(_event_id), version: Optional[int] = Query(None, ge=1, le=1_000_000)
) -> dict[str, Any]:
    return store_of(request).get_record(event_id, version)


@router.get(
    "/events/{event_id}/versions",
    response_model=list[schemas.VersionOut],
    responses=ERRORS,
    tags=["events"],
    summary="The stored versions of an event",
)
def get_versions(request: Request, event_id: str = Depends(_event_id)):
    return [v.to_dict() for v in store_of(request).versions(event_id)]


@router.get(
    "/events/{event_id}/turns",
    response_model=list[schemas.TurnOut],
    responses=ERRORS,
    tags=["events"],
    summary="The event's turns in order (optionally one speaker's or one kind)",
)
def get_turns(
    request: Request,
    event_id: str = Depends(_event_id),
    version: Optional[int] = Query(None, ge=1, le=1_000_000),
    speaker: Optional[str] = Query(None, max_length=200, description="speaker id or a part of the name"),
    kind: Optional[str] = Query(None, max_length=40),
):
    t = store_of(request).get_transcript(event_id, version)
    exchange_of = {tid: x.id for x in t.exchanges for tid in [*x.question_turns, *x.answer_turns]}
    out = []
    for turn in t.turns:
        s = t.speaker(turn.speaker)
        name = t.speaker_name(turn.speaker)
        if kind and turn.kind != kind.lower():
            continue
        if speaker and speaker != turn.speaker and speaker.lower() not in (name or "").lower():
            continue
        out.append(
            {
                "id": f"{event_id}#{turn.id}",
                "turn_id": turn.id,
                "speaker_id": turn.speaker,
                "speaker": name,
                "role": s.role if s else None,
                "affiliation": s.affiliation if s else None,
                "kind": turn.kind,
                "exchange_id": exchange_of.get(turn.id),
                "start_char": turn.start_char,
                "end_char": turn.end_char,
                "start_line": turn.start_line,
                "end_line": turn.end_line,
                "start_time": turn.start_time,
                "end_time": turn.end_time,
                "text": turn.text,
            }
        )
    return out


@router.get(
    "/events/{event_id}/turns/{turn_id}",
    response_model=schemas.StoredTurnOut,
    responses=ERRORS,
    tags=["events"],
    summary="One turn by its permalink (current version)",
)
def get_turn(request: Request, event_id: str = Depends(_event_id), turn_id: str = PathParam(..., max_length=100)):
    return store_of(request).turn(f"{event_id}#{turn_id}")


def _not_judged(x) -> dict[str, str]:
    """{question id: why it got no verdict} from the clarity annotator's items."""
    items = x.annotations.get("clarity")
    items = items.get("questions") if isinstance(items, dict) else items
    return {
        str(i["question"]): i["not_judged"]
        for i in items or []
        if isinstance(i, dict) and i.get("question") and isinstance(i.get("not_judged"), str)
    }


def exchange_dicts(t: Transcript) -> list[dict[str, Any]]:
    """The exchanges of a record with names, outlets, verdicts and topics resolved."""
    from ..clarity.calibration import question_certainty

    out = []
    for x in t.exchanges:
        verdicts = question_verdicts(x)
        unjudged = _not_judged(x)
        certainty = question_certainty(x.annotations.get("clarity"), t.annotations.get("clarity"))
        q = t.speaker(x.questioner)
        out.append(
            {
                "id": x.id,
                "questioner": x.questioner,
                "questioner_name": t.speaker_name(x.questioner),
                "outlet": q.affiliation if q else None,
                "answerers": list(x.answerers),
                "answerer_names": [t.speaker_name(a) for a in x.answerers],
                "question_turns": list(x.question_turns),
                "answer_turns": list(x.answer_turns),
                "follow_up_of": x.follow_up_of,
                "clarity": exchange_clarity(verdicts),
                "topics": exchange_topics(x),
                "questions": [
                    {
                        "id": qu.id,
                        "turn": qu.turn,
                        "start_char": qu.start_char,
                        "end_char": qu.end_char,
                        "text": qu.text,
                        **verdicts.get(qu.id, {}),
                        **certainty.get(qu.id, {}),
                        "not_judged": unjudged.get(qu.id),
                    }
                    for qu in x.questions
                ],
                "annotations": x.annotations,
            }
        )
    return out


@router.get(
    "/events/{event_id}/exchanges",
    response_model=list[schemas.ExchangeOut],
    responses=ERRORS,
    tags=["events"],
    summary="The event's question/answer exchanges with their clarity verdicts",
)
def get_exchanges(
    request: Request, event_id: str = Depends(_event_id), version: Optional[int] = Query(None, ge=1, le=1_000_000)
):
    return exchange_dicts(store_of(request).get_transcript(event_id, version))


# -- search, statistics, timelines -----------------------------------------------------------
def search_dict(result) -> dict[str, Any]:
    d = result.to_dict()
    for h in d["hits"]:
        h["url"] = page_url(h["event_id"], h["turn_id"])
    return d


@router.get(
    "/search",
    response_model=schemas.SearchResultOut,
    responses={
        **ERRORS,
        **DOWNLOADS,
        409: {"model": schemas.ErrorOut, "description": "Semantic search without embeddings"},
    },
    tags=["search"],
    summary="Search the turns (the query language of pressroom search), with facets",
)
def search(
    request: Request,
    q: str = Query(
        ..., min_length=1, max_length=MAX_QUERY_CHARS, description='words, "phrases", prefix*, AND / OR / NOT, ( )'
    ),
    mode: str = Query("fulltext", pattern="^(fulltext|semantic|hybrid)$"),
    limit: int = Query(20, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=10_000_000),
    facets: bool = Query(True, description="Count facets (speaker, role, outlet, year, entity, topic, clarity)."),
    with_text: bool = Query(False, description="Include each hit's whole turn text."),
    sort: str = Query(
        "relevance",
        pattern="^(relevance|date|date_asc)$",
        description="relevance (best first), date (newest first) or date_asc (oldest first)",
    ),
    format: Optional[str] = Query(None, max_length=20, description=FORMAT_HELP),
    f: Filters = Depends(filters),
):
    store = store_of(request)
    if mode != "fulltext":
        from ..embed import default_embedder

        if not queries.has_embeddings(store, default_embedder().name):
            raise HTTPError(
                409,
                StoreError.code,
                f"{mode} search needs embeddings of the turns, and this store has "
                f"none: run pressroom annotate --annotators embed (or pressroom embed)",
            )
    try:
        result = queries.search(
            store, q, f, mode=mode, sort=sort, limit=limit, offset=offset, facets=facets, with_text=with_text
        )
    except StoreError as exc:
        if mode != "fulltext" and type(exc) is StoreError:  # no embeddings stored: not the server's fault
            raise HTTPError(409, exc.code, " ".join(exc.message.split()))
        raise
    return download(
        search_dict(result), schemas.SearchResultOut, "hits", schemas.SearchHitOut, format, "pressroom-search"
    )


@router.get(
    "/stats", response_model=schemas.StatsOut, responses=ERRORS, tags=["statistics"], summary="Corpus statistics"
)
def stats(request: Request):
    store = store_of(request)
    d = cache_of(request).get(("stats",), store.stats).to_dict()
    d.pop("location", None)  # where the database lives is the server's business
    d.pop("bytes", None)
    return d


@router.get(
    "/timeline",
    response_model=schemas.TimelineOut,
    responses=ERRORS,
    tags=["statistics"],
    summary="Counts per period, optionally split by a facet (e.g. topics, or questions by clarity)",
)
def timeline(
    request: Request,
    facet: Optional[str] = Query(None, pattern="^(speaker|role|outlet|entity|topic|clarity|evasion)$"),
    interval: str = Query("month", pattern="^(year|month|day)$"),
    unit: str = Query("turns", pattern="^(turns|events|questions)$"),
    q: Optional[str] = Query(None, max_length=MAX_QUERY_CHARS),
    top: int = Query(8, ge=1, le=50),
    f: Filters = Depends(filters),
):
    points = store_of(request).timeline(facet=facet, interval=interval, query=q or None, filters=f, unit=unit, top=top)
    return {"facet": facet, "interval": interval, "unit": unit, "points": [p.to_dict() for p in points]}


# -- speakers and outlets ------------------------------------------------------------------------
class PersonRowOut(schemas.SpeakerRowOut):
    id: Optional[str] = Field(None, description="the person's id (pressroom people); null: a name as printed")
    kind: Optional[str] = Field(None, description="how the person is known: full name, surname label, …")
    aliases: list[str] = Field([], description="every form the person was printed under, most frequent first")
    roles: list[str] = []


class UnnamedOut(BaseModel):
    group: str = Field(description="reporters (Q, a first name with no outlet) or others (MODERATOR, …)")
    label: str
    speakers: int
    turns: int
    questions: int
    events: int


class PersonPageOut(schemas.SpeakerPageOut):
    speakers: list[PersonRowOut]
    unnamed: list[UnnamedOut] = Field([], description="speakers linked to no person, one line per group")


class OutletIdRowOut(schemas.OutletRowOut):
    id: Optional[str] = None
    aliases: list[str] = Field([], description="every form the outlet was printed under")
    country: Optional[str] = None
    outlet_kind: Optional[str] = None
    listed: bool = True


class OutletMergedPageOut(schemas.OutletPageOut):
    outlets: list[OutletIdRowOut]


class LinkOut(BaseModel):
    event_id: str
    version: int
    speaker_id: str
    form: Optional[str]
    rule: str
    confidence: float
    evidence: Optional[str]


class IdentityProfileOut(schemas.ProfileOut):
    id: Optional[str] = Field(None, description="the person's or outlet's id; null: a name as printed")
    aliases: list[str] = []
    links: list[LinkOut] = Field([], description="a person's links: the form, rule, confidence and evidence")


@router.get(
    "/speakers",
    response_model=PersonPageOut,
    responses={**ERRORS, **DOWNLOADS},
    tags=["people"],
    summary="Speakers, most turns first",
)
def list_speakers(
    request: Request,
    role: Optional[str] = Query(None, max_length=40),
    name: Optional[str] = Query(None, max_length=200, description="a part of the name"),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=10_000_000),
    format: Optional[str] = Query(None, max_length=20, description=FORMAT_HELP),
):
    if role:
        queries.check_filters({"role": role})
    index = people(request)
    total, rows = queries.speakers(index, role=role or None, name=name or None, limit=limit, offset=offset)
    body = {"total": total, "limit": limit, "offset": offset, "speakers": [r.to_dict() for r in rows]}
    if index.identity is None:
        return download(body, schemas.SpeakerPageOut, "speakers", schemas.SpeakerRowOut, format, "pressroom-speakers")
    body["unnamed"] = [u.to_dict() for u in index.identity.unnamed] if not (role or name) else []
    return download(body, PersonPageOut, "speakers", PersonRowOut, format, "pressroom-speakers")


@router.get(
    "/outlets",
    response_model=OutletMergedPageOut,
    responses={**ERRORS, **DOWNLOADS},
    tags=["people"],
    summary="Outlets, most questions first (with identity: the forms of one outlet merged)",
)
def list_outlets(
    request: Request,
    name: Optional[str] = Query(None, max_length=200),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=10_000_000),
    format: Optional[str] = Query(None, max_length=20, description=FORMAT_HELP),
):
    index = people(request)
    total, rows = queries.outlets(index, name=name or None, limit=limit, offset=offset)
    body = {"total": total, "limit": limit, "offset": offset, "outlets": [r.to_dict() for r in rows]}
    if index.identity is None:
        return download(body, schemas.OutletPageOut, "outlets", schemas.OutletRowOut, format, "pressroom-outlets")
    return download(body, OutletMergedPageOut, "outlets", OutletIdRowOut, format, "pressroom-outlets")


def topic_rows(request: Request) -> list[dict[str, Any]]:
    """The store's topics with their counts (`Store.topics`, what ``pressroom topics`` lists;
    cached until the store changes)."""
    store = store_of(request)
    return cache_of(request).get(("topics",), store.topics)


@router.get(
    "/topics",
    response_model=schemas.TopicListOut,
    responses={**ERRORS, **DOWNLOADS},
    tags=["search"],
    summary="The topics the store holds (from the topics annotator), most exchanges first, with counts "
    "(as pressroom topics lists them)",
)
def list_topics(request: Request, format: Optional[str] = Query(None, max_length=20, description=FORMAT_HELP)):
    rows = topic_rows(request)
    return download(
        {"total": len(rows), "topics": rows},
        schemas.TopicListOut,
        "topics",
        schemas.TopicOut,
        format,
        "pressroom-topics",
    )


def profile_dict(request: Request, kind: str, name: str, interval: str) -> dict[str, Any]:
    store = store_of(request)
    index = people(request)
    p = cache_of(request).get(
        ("profile", kind, name, interval),
        lambda: (
            queries.identity_profile(store, index, kind, name, interval)
            or queries.profile(store, index, kind, name, interval)
        ),
    )
    if p is None:
        raise HTTPError(404, "E021", f"no {kind} called {name!r} in this corpus")
    d = p.to_dict()
    d["asked_rate"] = queries.answer_rate(p.asked)
    d["answered_rate"] = queries.answer_rate(p.answered)
    return d


@router.get(
    "/speakers/{name}",
    response_model=IdentityProfileOut,
    responses=ERRORS,
    tags=["people"],
    summary="A speaker (a person id, else a name as printed): roles, outlets, events, what they ask about, "
    "answer rates over time; a person's aliases and the evidence of each link",
)
def get_speaker(
    request: Request,
    name: str = PathParam(..., max_length=200),
    interval: str = Query("month", pattern="^(year|month|day)$"),
):
    return profile_dict(request, "speaker", name, interval)


@router.get(
    "/outlets/{name}",
    response_model=IdentityProfileOut,
    responses=ERRORS,
    tags=["people"],
    summary="An outlet (an outlet id or any printed form, else a name as printed): its journalists, "
    "what they ask about, answer rates over time",
)
def get_outlet(
    request: Request,
    name: str = PathParam(..., max_length=200),
    interval: str = Query("month", pattern="^(year|month|day)$"),
):
    return profile_dict(request, "outlet", name, interval)


# -- exports --------------------------------------------------------------------------------------
def export_response(store: Store, f: Filters, q: str | None, fmt: str, level: str, stem: str) -> FileResponse:
    """Write the export to a temporary file and send it as a download (deleted afterwards)."""
    from ..export import export

    if fmt not in EXPORT_FORMATS:
        raise HTTPError(400, "E030", f"unknown export format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}")
    ids = store.event_ids(f, q)
    if not ids:
        raise HTTPError(404, "E030", "nothing to export: no transcript matched")
    media, ext = EXPORT_FORMATS[fmt]
    tmp = Path(tempfile.mkdtemp(prefix="pressroom-export-"))
    try:
        from ..identity import with_identity

        items = with_identity(store, ((i, store.get_record(i)) for i in ids))  # persons and outlets of the turns
        if fmt == "convokit":
            export(items, fmt, tmp / "corpus", level)
            out = tmp / (stem + ext)
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
                for p in sorted((tmp / "corpus").rglob("*")):
                    if p.is_file():
                        z.write(p, f"{stem}/{p.relative_to(tmp / 'corpus')}")
        else:
            out = tmp / (stem + ext)
            export(items, fmt, out, level)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return FileResponse(out, media_type=media, filename=stem + ext, background=BackgroundTask(shutil.rmtree, tmp, True))


@router.get(
    "/export",
    response_class=FileResponse,
    responses={
        200: {
            "description": "The export file (a ZIP for convokit)",
            "content": {m: {} for m, _ in EXPORT_FORMATS.values()},
        },
        **ERRORS,
    },
    tags=["export"],
    summary="Export matching transcripts: JSONL, CSV, Markdown, TEI or ConvoKit (ZIP)",
)
def export_all(
    request: Request,
    format: str = Query(..., pattern="^(jsonl|csv|markdown|tei|convokit)$"),
    level: str = Query(
        "turns",
        pattern="^(turns|exchanges|events|records)$",
        description="JSONL/CSV: one row per turn, exchange or event (JSONL: or whole records)",
    ),
    q: Optional[str] = Query(None, max_length=MAX_QUERY_CHARS),
    f: Filters = Depends(filters),
):
    return export_response(store_of(request), f, q or None, format, level, "pressroom-export")


@router.get(
    "/events/{event_id}/export",
    response_class=FileResponse,
    responses={
        200: {"description": "The export file", "content": {m: {} for m, _ in EXPORT_FORMATS.values()}},
        **ERRORS,
    },
    tags=["export"],
    summary="Export one event",
)
def export_event(
    request: Request,
    event_id: str = Depends(_event_id),
    format: str = Query(..., pattern="^(jsonl|csv|markdown|tei|convokit)$"),
    level: str = Query("turns", pattern="^(turns|exchanges|events|records)$"),
):
    store = store_of(request)
    store.event(event_id)  # 404 when unknown
    return export_response(store, Filters(event=event_id), None, format, level, _safe_stem(event_id))


# -- ingest ---------------------------------------------------------------------------------------
_UNSAFE = re.compile(r"[^\w.\- ]+")


def safe_filename(name: str | None) -> str:
    """A file name reduced to its last path component, printable, at most 120 characters:
    what the record keeps as its source path. Nothing is ever written under this name."""
    text = unicodedata.normalize("NFKC", name or "")
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(ch for ch in text if ch.isprintable())
    text = _UNSAFE.sub("_", text).strip(" .")
    return text[:120] or "upload"


def _safe_stem(event_id: str) -> str:
    return (re.sub(r"[^A-Za-z0-9._-]+", "-", event_id).strip("-.") or "event")[:100]


@router.post(
    "/ingest",
    response_model=schemas.IngestOut,
    status_code=200,
    responses={
        **ERRORS,
        403: {"model": schemas.ErrorOut, "description": "Writes are disabled (no token configured)"},
        413: {"model": schemas.ErrorOut, "description": "The upload is over the size limit"},
        422: {"model": schemas.ErrorOut, "description": "No uploaded file could be read and parsed, or a bad form"},
    },
    tags=["ingest"],
    summary="Upload transcripts (any readable format) to parse and store",
    dependencies=[Depends(require_token)],
)
def ingest(
    request: Request,
    files: list[UploadFile] = File(
        ..., description="One or more transcript files (text, Markdown, HTML, PDF, DOCX, captions)."
    ),
    annotators: Optional[str] = Form(None, max_length=200, description="Annotators to run first, comma-separated."),
):
    from .uploads import parse_upload

    settings = settings_of(request)
    store = store_of(request)
    if len(files) > MAX_FILES:
        raise HTTPError(400, "H400", f"too many files in one upload: {len(files)}, at most {MAX_FILES}")
    names = [a.strip() for a in (annotators or "").split(",") if a.strip()]
    if names:
        from ..annotate import resolve_order

        resolve_order(names)  # unknown names: 400 before any work
    results = []
    counts = {"added": 0, "updated": 0, "unchanged": 0, "failed": 0}
    for up in files:
        fname = safe_filename(up.filename)
        data = up.file.read(settings.max_upload_bytes + 1)
        if len(data) > settings.max_upload_bytes:
            raise HTTPError(413, "H413", f"{fname} is too large: at most {settings.max_upload_bytes} bytes")
        sha = hashlib.sha256(data).hexdigest()
        known = store.engine.one("SELECT event_id, version FROM versions WHERE sha256 = ?", (sha,))
        if known is not None:  # these exact bytes are stored already: nothing to parse or write
            counts["unchanged"] += 1
            results.append(
                {
                    "filename": fname,
                    "status": "unchanged",
                    "event_id": known[0],
                    "version": int(known[1]),
                    "url": page_url(known[0]),
                }
            )
            continue
        parsed = parse_upload(data, fname, names)  # in a worker process (see uploads.py)
        if not parsed.ok:
            counts["failed"] += 1
            results.append({"filename": fname, "status": "failed", "reason": parsed.reason})
            continue
        res = store.add_prepared(parsed.prepared)  # a database failure is the server's (503)
        counts[res.status] += 1
        results.append(
            {
                "filename": fname,
                "status": res.status,
                "event_id": res.event_id,
                "version": res.version,
                "title": res.title,
                "turns": parsed.turns,
                "exchanges": parsed.exchanges,
                "url": page_url(res.event_id),
            }
        )
    body = {"files": len(results), **counts, "results": results}
    if results and counts["failed"] == len(results):
        first = results[0]
        raise HTTPError(422, "E002", f"no file could be stored: {first['filename']}: {first['reason']}")
    return body
