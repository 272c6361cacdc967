"""schemathesis against the OpenAPI schema: generated requests to every operation, no server
error, every response as documented. Bounded (a few examples per operation) to stay well
under a minute.

The schema is loaded when the module is collected, from an app over its own small store
(the seed and the XSS transcript), so the generated uploads never touch other tests' data.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance, status_code_conformance

import pressroom
from pressroom.serve import create_app
from pressroom.store import open_store
from tests.serve.conftest import SEED, TOKEN, XSS, annotate_for_tests

_DIR = Path(tempfile.mkdtemp(prefix="pressroom-schema-test-"))
atexit.register(shutil.rmtree, _DIR, True)
with open_store(str(_DIR / "corpus.db")) as _store:
    _store.add(annotate_for_tests(pressroom.parse_path(SEED)))
    _store.add(pressroom.parse_path(XSS))
APP = create_app(str(_DIR / "corpus.db"), token=TOKEN, max_upload_bytes=256 * 1024)
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"},
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
    )
