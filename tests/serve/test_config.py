"""Server settings: arguments, environment, config file."""

from __future__ import annotations

import pytest

from pressroom.errors import UsageError
from pressroom.serve.config import DEFAULT_MAX_UPLOAD_BYTES, resolve_settings

TOKEN = "a-token-long-enough-1234"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in ("PRESSROOM_TOKEN", "PRESSROOM_PUBLIC_READS", "PRESSROOM_MAX_UPLOAD_BYTES", "PRESSROOM_CORS_ORIGINS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("PRESSROOM_CONFIG", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.config/pressroom/serve.toml


def test_defaults():
    s = resolve_settings()
    assert (s.token, s.public_reads, s.max_upload_bytes, s.cors_origins) == (None, True, DEFAULT_MAX_UPLOAD_BYTES, ())
    assert s.writes_enabled is False and s.token_ok("anything") is False


def test_environment(monkeypatch):
    monkeypatch.setenv("PRESSROOM_TOKEN", TOKEN)
    monkeypatch.setenv("PRESSROOM_PUBLIC_READS", "false")
    monkeypatch.setenv("PRESSROOM_MAX_UPLOAD_BYTES", "1000")
    monkeypatch.setenv("PRESSROOM_CORS_ORIGINS", "https://a.example, https://b.example/")
    s = resolve_settings()
    assert (s.token, s.public_reads, s.max_upload_bytes, s.cors_origins) == (
        TOKEN,
        False,
        1000,
        ("https://a.example", "https://b.example"),
    )
    assert s.token_ok(TOKEN) and not s.token_ok(TOKEN + "x")
    assert s.cookie_ok(s.read_cookie_value()) and TOKEN not in s.read_cookie_value()


def test_config_file_and_precedence(tmp_path, monkeypatch):
    cfg = tmp_path / "serve.toml"
    cfg.write_text(
        f'[serve]\ntoken = "{TOKEN}"\npublic_reads = false\nmax_upload_bytes = 2048\n'
        'cors_origins = ["https://desk.example.org"]\n'
    )
    s = resolve_settings(config_path=cfg)
    assert (s.token, s.public_reads, s.max_upload_bytes, s.cors_origins) == (
        TOKEN,
        False,
        2048,
        ("https://desk.example.org",),
    )
    monkeypatch.setenv("PRESSROOM_MAX_UPLOAD_BYTES", "4096")
    assert resolve_settings(config_path=cfg).max_upload_bytes == 4096  # environment over file
    assert resolve_settings(max_upload_bytes=10, config_path=cfg).max_upload_bytes == 10  # argument over both
    monkeypatch.setenv("PRESSROOM_CONFIG", str(cfg))
    assert resolve_settings().token == TOKEN
    (tmp_path / ".config" / "pressroom").mkdir(parents=True)
    (tmp_path / ".config" / "pressroom" / "serve.toml").write_text(f'token = "{TOKEN}"\n')
    monkeypatch.delenv("PRESSROOM_CONFIG")
    assert resolve_settings().token == TOKEN  # the default location, top-level keys


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"token": "short"}, "the token is too short: 5 characters, at least 16"),
        ({"public_reads": False}, "closed reads need a token"),
        ({"max_upload_bytes": 0}, "max_upload_bytes must be 1 or more, not 0"),
        ({"max_upload_bytes": "lots"}, "max_upload_bytes must be a whole number of bytes, not 'lots'"),
        ({"cors_origins": ["desk.example.org"]}, "a CORS origin looks like https://example.org"),
        (
            {"config_path": "/nonexistent/serve.toml"},
            "cannot read the config file /nonexistent/serve.toml: no such file",
        ),
    ],
)
def test_bad_settings_are_one_line_errors(kwargs, message):
    with pytest.raises(UsageError) as e:
        resolve_settings(**kwargs)
    assert message in str(e.value)
    assert "\n" not in str(e.value)


def test_bad_toml(tmp_path):
    cfg = tmp_path / "serve.toml"
    cfg.write_text("token = \n")
    with pytest.raises(UsageError, match="not valid TOML"):
        resolve_settings(config_path=cfg)
