"""Store URLs: which engine and where.

- nothing: ``$PRESSROOM_DB`` if set, else the SQLite file ``./pressroom.db``;
- a path (``corpus.db``), ``sqlite:///abs/path.db``, ``sqlite:relative.db`` or ``:memory:``: SQLite;
- ``postgresql://user@host:port/db`` (or ``postgres://``): PostgreSQL. An extra query
  parameter ``schema=NAME`` keeps pressroom's tables in that schema (created if missing).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..errors import StoreError

DEFAULT_DB = "pressroom.db"
_SCHEMA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


@dataclass(frozen=True)
class StoreURL:
    engine: str  # "sqlite" | "postgresql"
    target: str  # SQLite: a file path or ":memory:"; PostgreSQL: a libpq URL (schema removed)
    schema: str | None = None

    def __str__(self) -> str:
        if self.engine == "sqlite":
            return self.target
        return _redact(self.target) + (f" (schema {self.schema})" if self.schema else "")


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(":" + parts.password + "@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def parse_url(url: str | os.PathLike | None = None) -> StoreURL:
    """Resolve a store URL or path (see the module docstring)."""
    if url is None or str(url) == "":
        url = os.environ.get("PRESSROOM_DB") or DEFAULT_DB
    text = str(url)
    lower = text.lower()
    if lower.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        parts = urlsplit(text.replace("postgresql+psycopg://", "postgresql://", 1))
        query = parse_qsl(parts.query, keep_blank_values=True)
        schema = None
        kept = []
        for key, value in query:
            if key == "schema":
                schema = value
            else:
                kept.append((key, value))
        if schema is not None and not _SCHEMA_NAME.match(schema):
            raise StoreError(f"invalid schema name {schema!r} in the database URL (letters, digits, _)")
        target = urlunsplit(parts._replace(query=urlencode(kept)))
        return StoreURL("postgresql", target, schema)
    if lower.startswith("sqlite:"):
        path = text[len("sqlite:") :]
        if path.startswith("///"):
            path = path[2:]  # sqlite:///abs/path → /abs/path
        elif path.startswith("//"):
            path = path[2:]
        return StoreURL("sqlite", path or DEFAULT_DB)
    if "://" in text:
        scheme = text.split("://", 1)[0]
        raise StoreError(f"unsupported database URL scheme {scheme!r}; use a file path, sqlite:/// or postgresql://")
    return StoreURL("sqlite", text)
