"""What people meet at the edges of the pages and the API: friendly error pages without
internal details, unknown download formats refused, a save without edits changes nothing, and
an unknown norm key named as such."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.web_support import EDITOR, Database, client_for, csrf_of, login, token_for

SQLITE = pytest.mark.parametrize("web_db", ["sqlite"], indirect=True)


@pytest.fixture
def editor(web_db: Database) -> TestClient:
    client = client_for(web_db.url)
    login(client, EDITOR)
    return client


@SQLITE
@pytest.mark.parametrize(
    ("path", "internal"),
    [
        ("/regio/XX99", "region XX99"),
        ("/regio/RG01/planning?scenario=999", "scenario 999"),
        ("/regio/RG01/download/onbekend.csv", "<li>onbekend"),
    ],
)
def test_error_pages_explain_without_internal_details(
    editor: TestClient, path: str, internal: str
) -> None:
    page = editor.get(path)
    assert page.status_code == 404
    assert "Niet gevonden" in page.text
    assert internal not in page.text
    assert "<li>region" not in page.text
    assert "De invoer is niet verwerkt" not in page.text  # it is not an input problem


@SQLITE
@pytest.mark.parametrize("fmt", ["docx", "json", "parquet"])
def test_unknown_download_formats_are_not_served_as_csv(editor: TestClient, fmt: str) -> None:
    for path in (f"/regio/RG01/download/gebieden.{fmt}", f"/download/regios.{fmt}"):
        response = editor.get(path)
        assert response.status_code == 404, path
        assert "text/csv" not in response.headers["content-type"]


@SQLITE
def test_saving_the_inventory_unchanged_records_no_change(editor: TestClient) -> None:
    page = editor.get("/regio/RG01/inventaris?jaar=2026").text
    fields = dict(re.findall(r'name="([a-z_]+\.(?:fte|places|eur))"[^>]*value="([^"]*)"', page))
    assert fields  # the stored values, as the form shows them (Dutch: 3.610.305)
    inhabitants = re.search(r'name="inhabitants"[^>]*value="([^"]*)"', page)
    data = {**fields, "csrf_token": csrf_of(editor, "/regio/RG01/inventaris?jaar=2026")}
    if inhabitants:
        data["inhabitants"] = inhabitants.group(1)
    saved = editor.post("/regio/RG01/inventaris?jaar=2026", data=data)
    assert saved.status_code == 303
    assert saved.headers["location"].endswith("opgeslagen=0")
    assert "Opgeslagen: 0 waarden gewijzigd" in editor.get(saved.headers["location"]).text


@SQLITE
def test_an_unknown_norm_item_is_named(web_db: Database) -> None:
    client = client_for(web_db.url)
    body = {"scenario_id": 3, "changes": {"capacity.facts.per_100k": 6.5}}
    refused = client.post("/api/v1/regions/RG01/plan", json=body)
    assert refused.status_code == 422
    problem = refused.json()["errors"][0]
    assert problem["rule"] == "unknown_key"
    assert problem["key"] == "capacity.facts.per_100k"
    assert "fact" in problem["message"]  # the items that exist
    token = token_for(web_db.url, EDITOR)
    created = client.post(
        "/api/v1/regions/RG01/scenarios",
        json={"name": "meer-fact", "based_on": 3, "changes": {"capacity.fact.per_100k": 6}},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert created.status_code == 201
    assert created.json()["norms"]["capacity"]["fact"]["per_100k"] == 6
