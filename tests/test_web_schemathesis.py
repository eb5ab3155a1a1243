"""Schemathesis generates requests from the OpenAPI description (valid and invalid ones) and
sends them to the application, signed in as a national admin so private operations are
reached too: no request may cause a server error (5xx), errors must be problem details, and
every response must match the schema the description gives for it (status and body)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from ggzregio.web import create_app
from tests.web_support import ADMIN, demo_database, token_for


def _schema() -> tuple[object, str]:
    """The application on a fresh demo database (made when this module is collected)."""
    folder = Path(tempfile.mkdtemp(prefix="ggzregio-fuzz-"))
    url = f"sqlite:///{folder / 'fuzz.db'}"
    demo_database(url)
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(url)), url


schema, URL = _schema()
TOKEN = token_for(URL, ADMIN)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_errors(case: schemathesis.Case) -> None:
    response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code < 500, f"{case.method} {case.path}: {response.text[:300]}"
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
    if response.status_code >= 400:
        content_type = response.headers["content-type"]
        if isinstance(content_type, list):
            content_type = content_type[0]
        assert content_type.startswith("application/problem+json")
