"""What a request handler reads from the running app: the store, the cache, the settings, the
page renderer, and the error a handler raises. Kept apart from app.py so that the routers
(api.py, pages.py, live.py) import it and app.py imports them, never the other way round."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from ..store import Store
from .cache import StoreCache
from .config import ServeSettings


class HTTPError(Exception):
    """An error with an HTTP status, a code and one line of text (auth, limits, conflicts)."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def settings_of(request: Request) -> ServeSettings:
    return request.app.state.settings


def store_of(request: Request) -> Store:
    return request.app.state.store


def cache_of(request: Request) -> StoreCache:
    return request.app.state.cache


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """A page: ``template`` with ``context`` and the site-wide values."""
    return request.app.state.templates.TemplateResponse(
        request,
        template,
        {**request.app.state.page_globals, **context},
        status_code=status,
    )
