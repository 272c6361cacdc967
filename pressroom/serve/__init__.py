"""Serving a corpus over HTTP: the JSON API under ``/api/v1`` and server-rendered pages.

    >>> from pressroom.serve import create_app
    >>> app = create_app("corpus.db")                 # a FastAPI app; run it with uvicorn

``pressroom serve`` (see `pressroom.cli.serve`) runs it; with no ``--db`` it serves the
bundled demo corpus (`pressroom.serve.demo`). See docs/serve.md.
"""

from __future__ import annotations

from .app import create_app
from .config import ServeSettings, resolve_settings

__all__ = ["create_app", "ServeSettings", "resolve_settings"]
