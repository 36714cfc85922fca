"""Property-based tests of the whole API from its own OpenAPI schema, with every check schemathesis has:
never a 5xx, every answer as documented (status, content type, headers, body schema), invalid input refused
and valid input accepted."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from haven.web import create_app
from tests.web.conftest import world_settings


def _world_app():
    """The app over the fixture world, built at import (schemathesis loads the schema at collection)."""
    directory = Path(tempfile.mkdtemp(prefix="haven-web-schema-"))
    previous = os.environ.get("HAVEN_CACHE_DIR")
    os.environ["HAVEN_CACHE_DIR"] = str(directory / "cache")
    try:
        return create_app(world_settings(directory / "kb"))
    finally:
        if previous is None:
            os.environ.pop("HAVEN_CACHE_DIR", None)
        else:
            os.environ["HAVEN_CACHE_DIR"] = previous


schema = schemathesis.openapi.from_asgi("/openapi.json", _world_app())


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_one_error_shape(case):
    response = case.call()
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"} and {"code", "message"} <= set(body["error"])
    case.validate_response(response)  # all checks
