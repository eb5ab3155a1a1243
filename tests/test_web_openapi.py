"""The OpenAPI description documents every response body (issue 18, point 3): each 2xx answer
of every ``/api/v1`` operation has a schema, tables show how hidden cells are represented, and
errors are documented as problem details."""

from __future__ import annotations

from typing import Any

import pytest

from ggzregio.web import create_app


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    app = create_app("sqlite:///:memory:")
    doc: dict[str, Any] = app.openapi()
    return doc


def _resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = doc["components"]["schemas"][name]
    return schema


def test_every_success_response_has_a_schema(document: dict[str, Any]) -> None:
    operations = 0
    missing = []
    for path, methods in document["paths"].items():
        assert path.startswith("/api/v1/"), path
        for method, operation in methods.items():
            operations += 1
            successes = {s: r for s, r in operation["responses"].items() if str(s).startswith("2")}
            assert successes, f"{method} {path}: no success response"
            for status, response in successes.items():
                if status == "204":  # no content: nothing to describe
                    assert not response.get("content")
                    continue
                schemas = [m.get("schema") for m in response.get("content", {}).values()]
                resolved = [_resolve(document, s) for s in schemas if s]
                # A schema that says something: properties, items or a type, not just {}.
                if not any(
                    r.get("properties") or r.get("items") or r.get("type") for r in resolved
                ):
                    missing.append(f"{method.upper()} {path} {status}")
    assert operations >= 25
    assert missing == []


def test_tables_document_their_hidden_cells(document: dict[str, Any]) -> None:
    comparison = document["paths"]["/api/v1/regions/{code}/comparison"]["get"]
    page = _resolve(
        document, comparison["responses"]["200"]["content"]["application/json"]["schema"]
    )
    row = _resolve(document, page["properties"]["items"]["items"])
    hidden = row["properties"]["hidden"]
    assert hidden["type"] == "array"
    assert "withheld" in hidden["description"]
    assert "threshold" in hidden["description"]
    assert row.get("additionalProperties") is True  # the table's own columns


def test_errors_are_documented_as_problem_details(document: dict[str, Any]) -> None:
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            refused = operation["responses"].get("4XX")
            assert refused is not None, f"{method} {path}"
            assert "application/problem+json" in refused["content"]
            assert "422" not in operation["responses"], f"{method} {path}: FastAPI's own 422"
    problem = document["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail"} <= set(problem["required"])
