"""Server settings: the write token, whether reads are public, upload limits, CORS origins.

Each setting comes from, in this order: the argument given to `create_app` (or the
``pressroom serve`` option), the environment, the config file, the default.

- token: ``PRESSROOM_TOKEN``; config ``token``. No token: writes (uploads) are refused.
- public reads: ``PRESSROOM_PUBLIC_READS`` (``0``/``false`` closes them); config
  ``public_reads``. Default: open.
- upload limit: ``PRESSROOM_MAX_UPLOAD_BYTES``; config ``max_upload_bytes``. Default 20 MiB.
- CORS origins: ``PRESSROOM_CORS_ORIGINS`` (comma-separated); config ``cors_origins`` (a
  list). Default: none (no CORS headers at all).

The config file is TOML: ``$PRESSROOM_CONFIG`` if set, else
``~/.config/pressroom/serve.toml`` when it exists; settings under a ``[serve]`` table
(or at the top level)::

    [serve]
    token = "a long random string"
    public_reads = false
    max_upload_bytes = 10_000_000
    cors_origins = ["https://desk.example.org"]
"""

from __future__ import annotations

import hashlib
import hmac
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from ..errors import UsageError

#: the default upload limit (bytes per request)
DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: the shortest token accepted (a short token is guessable)
MIN_TOKEN_CHARS = 16
DEFAULT_CONFIG = Path("~/.config/pressroom/serve.toml")
_FALSE = {"0", "false", "no", "off"}
_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class ServeSettings:
    token: str | None = None
    public_reads: bool = True
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    cors_origins: tuple[str, ...] = field(default_factory=tuple)

    @property
    def writes_enabled(self) -> bool:
        return bool(self.token)

    def token_ok(self, presented: str | None) -> bool:
        """Whether ``presented`` is the token (compared in constant time)."""
        if not self.token or not presented:
            return False
        return hmac.compare_digest(presented.encode(), self.token.encode())

    def read_cookie_value(self) -> str:
        """What the read cookie holds after a login: an HMAC of the token, never the token."""
        assert self.token
        return hmac.new(self.token.encode(), b"pressroom-read", hashlib.sha256).hexdigest()

    def cookie_ok(self, value: str | None) -> bool:
        if not self.token or not value:
            return False
        return hmac.compare_digest(value.encode(), self.read_cookie_value().encode())


def load_config_file(path: str | os.PathLike | None = None) -> dict[str, Any]:
    """The ``[serve]`` settings of the config file (empty when there is none)."""
    explicit = path or os.environ.get("PRESSROOM_CONFIG")
    p = Path(explicit).expanduser() if explicit else DEFAULT_CONFIG.expanduser()
    if not p.is_file():
        if explicit:
            raise UsageError(f"cannot read the config file {p}: no such file")
        return {}
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the config file {p}: {exc}")
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"cannot read the config file {p}: not valid TOML ({exc})")
    section = data.get("serve", data)
    if not isinstance(section, dict):
        raise UsageError(f"the config file {p}: [serve] must be a table")
    return section


def _bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise UsageError(f"{name} must be true or false, not {value!r}")


def _int(name: str, value: Any) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise UsageError(f"{name} must be a whole number of bytes, not {value!r}")
    if n < 1:
        raise UsageError(f"{name} must be 1 or more, not {n}")
    return n


def resolve_settings(
    token: str | None = None,
    public_reads: bool | None = None,
    max_upload_bytes: int | None = None,
    cors_origins: Sequence[str] | None = None,
    config_path: str | os.PathLike | None = None,
) -> ServeSettings:
    """Settings from the arguments, then the environment, then the config file."""
    env = os.environ
    cfg = load_config_file(config_path)
    tok = token if token is not None else env.get("PRESSROOM_TOKEN") or cfg.get("token")
    tok = str(tok).strip() if tok else None
    if tok and len(tok) < MIN_TOKEN_CHARS:
        raise UsageError(f"the token is too short: {len(tok)} characters, at least {MIN_TOKEN_CHARS}")
    if public_reads is None:
        raw = env.get("PRESSROOM_PUBLIC_READS", cfg.get("public_reads", True))
        public_reads = _bool("public_reads", raw)
    if max_upload_bytes is None:
        max_upload_bytes = (
            env.get("PRESSROOM_MAX_UPLOAD_BYTES") or cfg.get("max_upload_bytes") or DEFAULT_MAX_UPLOAD_BYTES
        )
    limit = _int("max_upload_bytes", max_upload_bytes)
    if cors_origins is None:
        raw = env.get("PRESSROOM_CORS_ORIGINS")
        if raw is not None:
            cors_origins = [o.strip() for o in raw.split(",") if o.strip()]
        else:
            cors_origins = cfg.get("cors_origins") or []
    if isinstance(cors_origins, str):
        cors_origins = [cors_origins]
    origins = tuple(str(o).strip().rstrip("/") for o in cors_origins if str(o).strip())
    for o in origins:
        if o != "*" and not o.startswith(("http://", "https://")):
            raise UsageError(f"a CORS origin looks like https://example.org, not {o!r}")
    if not public_reads and not tok:
        raise UsageError("closed reads need a token: set PRESSROOM_TOKEN (or token in the config file)")
    return ServeSettings(token=tok, public_reads=bool(public_reads), max_upload_bytes=limit, cors_origins=origins)
