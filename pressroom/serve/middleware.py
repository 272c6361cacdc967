"""ASGI middleware: security headers, the request-body limit, closed reads, bad characters.

Pure ASGI (no `BaseHTTPMiddleware`), so streaming responses and the request body pass
through untouched and the overhead per request stays in microseconds.
"""

from __future__ import annotations

import json
from typing import Any, Awaitable, Callable
from urllib.parse import quote, unquote_plus

from .config import ServeSettings

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: the Content-Security-Policy of every response: scripts and styles only from this server
#: (vega-embed sets inline styles on the charts it draws), no plugins, no framing
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
READ_COOKIE = "pressroom_read"
#: the scope key set when a streamed body passed the limit
TOO_LARGE = "pressroom.body_too_large"


def _json_error(status: int, code: str, message: str, headers: list[tuple[bytes, bytes]] | None = None):
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    start = {
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        + (headers or []),
    }
    return start, {"type": "http.response.body", "body": body}


async def _send_error(send: Send, status: int, code: str, message: str, headers=None) -> None:
    start, body = _json_error(status, code, message, headers)
    await send(start)
    await send(body)


class SecurityHeaders:
    """Adds CSP, nosniff, no framing and a referrer policy to every response; caching for
    the static files."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        static = scope.get("path", "").startswith("/static/")

        async def wrapped(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"),
                    (b"content-security-policy", CSP.encode()),
                ]
                if static and b"cache-control" not in names:
                    extra.append((b"cache-control", b"public, max-age=3600"))
                headers += [h for h in extra if h[0] not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, wrapped)


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes with 413: at once when Content-Length
    says so, else as soon as the streamed body passes the limit."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        message = f"the upload is too large: at most {self.limit} bytes per request ({self.limit / 1048576:.1f} MiB)"
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    return await _send_error(send, 400, "H400", "invalid Content-Length header")
                if declared > self.limit:
                    return await _send_error(send, 413, "H413", message)
        seen = 0
        started = False

        async def counted() -> dict[str, Any]:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    scope[TOO_LARGE] = message  # FastAPI wraps the exception; its handler looks here
                    raise BodyTooLarge()
            return msg

        async def tracked(msg: dict[str, Any]) -> None:
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, counted, tracked)
        except BodyTooLarge:
            if not started:
                await _send_error(send, 413, "H413", message)


class CleanInput:
    """Refuses NUL and other C0 control characters in the path or the query string (400):
    no database takes them in text, and no real request holds them."""

    def __init__(self, app: ASGIApp):
        self.app = app

    @staticmethod
    def _bad(text: str) -> bool:
        return any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text) or "\x00" in text

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path = scope.get("path", "")
            query = unquote_plus(scope.get("query_string", b"").decode("latin-1"), errors="replace")
            if self._bad(path) or self._bad(query):
                return await _send_error(send, 400, "H400", "the request holds control characters")
        await self.app(scope, receive, send)


class ReadGate:
    """With reads closed: every request but the static files, the login page and the health
    check needs the token (``Authorization: Bearer …``) or the cookie a login sets. API
    calls get 401; page requests are sent to the login page."""

    OPEN = ("/static/", "/login", "/healthz")

    def __init__(self, app: ASGIApp, settings: ServeSettings):
        self.app = app
        self.settings = settings

    def _allowed(self, scope: Scope) -> bool:
        for key, value in scope.get("headers", []):
            if key == b"authorization":
                text = value.decode("latin-1")
                if text[:7].lower() == "bearer " and self.settings.token_ok(text[7:].strip()):
                    return True
            elif key == b"cookie":
                for part in value.decode("latin-1").split(";"):
                    name, _, val = part.strip().partition("=")
                    if name == READ_COOKIE and self.settings.cookie_ok(val):
                        return True
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        if path.startswith(self.OPEN) or self._allowed(scope):
            return await self.app(scope, receive, send)
        if path.startswith("/api/"):
            return await _send_error(
                send,
                401,
                "H401",
                "reads are closed on this server: send 'Authorization: Bearer <token>'",
                [(b"www-authenticate", b"Bearer")],
            )
        target = path + ("?" + scope["query_string"].decode("latin-1") if scope.get("query_string") else "")
        location = "/login?next=" + quote(target, safe="")
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [(b"location", location.encode()), (b"content-length", b"0")],
            }
        )
        await send({"type": "http.response.body", "body": b""})
