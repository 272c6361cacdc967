"""Uploads parsed in the worker process."""

from __future__ import annotations

from pressroom.serve.uploads import parse_upload, prepare_upload
from tests.serve.conftest import SEED


def test_parsed_in_the_worker_process():
    parsed = parse_upload(SEED.read_bytes(), "seed.txt")
    assert parsed.ok and (parsed.turns, parsed.exchanges) == (42, 13)
    assert parsed.prepared.source_path == "seed.txt"
    assert parsed.prepared.sha256 == "0808124d76fe4e5393614ff9cc23015ec0c05c8f378f55b38a77a6442080f920"


def test_bad_bytes_are_a_reason_not_an_exception():
    parsed = prepare_upload(b"\x00\x01\x02" * 100, "blob.bin")
    assert not parsed.ok
    assert parsed.reason.startswith("[E001] cannot read blob.bin")


def test_parse_and_annotate_run_under_their_time_budgets(monkeypatch):
    monkeypatch.setenv("PRESSROOM_PARSE_SECONDS", "0.000001")
    parsed = prepare_upload(SEED.read_bytes(), "seed.txt")
    assert (parsed.ok, parsed.reason) == (
        False,
        "[E007] cannot parse seed.txt: it took longer than 1e-06 s, the time budget per file (PRESSROOM_PARSE_SECONDS)",
    )
    monkeypatch.setenv("PRESSROOM_PARSE_SECONDS", "60")
    monkeypatch.setenv("PRESSROOM_ANNOTATE_SECONDS", "0.000001")
    parsed = prepare_upload(SEED.read_bytes(), "seed.txt", ["talking_points"])
    assert (parsed.ok, parsed.reason) == (
        False,
        "[E007] cannot annotate seed.txt: it took longer than 1e-06 s, "
        "the time budget per file (PRESSROOM_ANNOTATE_SECONDS)",
    )
