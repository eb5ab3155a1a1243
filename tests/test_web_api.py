"""The HTTP API on the demo data, on SQLite and (when reachable) PostgreSQL: pagination,
problem details, known answers, suppression, versioned edits and all-or-nothing imports."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient

from ggzregio.inventory.demo import demo_inventory
from ggzregio.inventory.excel import write_inventory_excel
from ggzregio.privacy import DEFAULT_THRESHOLD
from tests.web_support import EDITOR, VIEWER, Database, client_for, token_for


@pytest.fixture(scope="module")
def api(web_db: Database) -> TestClient:
    return client_for(web_db.url)


def bearer(url: str, email: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(url, email)}"}


def test_regions_are_paginated_with_provenance(api: TestClient) -> None:
    first = api.get("/api/v1/regions", params={"size": 10}).json()
    assert first["total"] == 43
    assert len(first["items"]) == 10
    assert first["page"] == 1
    last = api.get("/api/v1/regions", params={"size": 10, "page": 5}).json()
    assert len(last["items"]) == 3
    assert "trimbos-2017" in first["metadata"]["model"]
    assert "SYNTHETISCH" in first["metadata"]["data_version"]


def test_errors_are_problem_details(api: TestClient) -> None:
    missing = api.get("/api/v1/regions/XX99")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    body = missing.json()
    assert {"type", "title", "status", "detail", "instance"} <= body.keys()
    assert body["status"] == 404
    assert body["instance"] == "/api/v1/regions/XX99"
    bad = api.get("/api/v1/regions", params={"size": 0})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["location"] == "query.size"


def test_english_problem_titles(api: TestClient) -> None:
    body = api.get("/api/v1/regions/XX99", params={"lang": "en"}).json()
    assert body["title"] == "Not found"


def test_plan_known_answer_fact_teams(api: TestClient) -> None:
    """Voorbeeldregio 1: 4 FACT teams per 100,000 (004:1277-1283); RG01 has 722,061
    inhabitants in the demo, so 28.88 teams, 29 whole teams rounded up."""
    scenarios = api.get("/api/v1/scenarios").json()["items"]
    vr1 = next(s for s in scenarios if s["name"] == "voorbeeldregio-1")
    plan = api.post("/api/v1/regions/RG01/plan", json={"scenario_id": vr1["id"]}).json()
    fact = next(r for r in plan["tables"]["capacity"] if r["item"] == "fact")
    assert fact["units_mid"] == pytest.approx(4 * 722_061 / 100_000)
    assert fact["whole_units"] == 29
    changed = api.post(
        "/api/v1/regions/RG01/plan",
        json={"scenario_id": vr1["id"], "changes": {"capacity.fact.per_100k": 5}},
    ).json()
    fact5 = next(r for r in changed["tables"]["capacity"] if r["item"] == "fact")
    assert fact5["units_mid"] == pytest.approx(5 * 722_061 / 100_000)


def test_plan_with_bad_change_is_refused_with_key(api: TestClient) -> None:
    body = {"scenario_id": 3, "changes": {"capacity.fact.per_100k": "veel"}}
    response = api.post("/api/v1/regions/RG01/plan", json=body)
    assert response.status_code == 422
    assert any("capacity.fact" in (e.get("key") or "") for e in response.json()["errors"])


def test_comparison_suppresses_small_counts(api: TestClient, web_db: Database) -> None:
    headers = bearer(web_db.url, EDITOR)
    rows = api.get("/api/v1/regions/RG01/comparison", params={"size": 500}, headers=headers).json()[
        "items"
    ]
    assert rows
    for row in rows:
        value = row["observed_cases"]
        if "observed_cases" in row["hidden"]:
            assert value is None
            assert row["ratio"] is None
            assert row["flag_small_numbers"] is None
        else:
            assert value >= DEFAULT_THRESHOLD
    assert any("observed_cases" in r["hidden"] for r in rows), "demo has small areas"


def test_monitor_series_are_protected(api: TestClient) -> None:
    items = api.get("/api/v1/regions/RG05/monitor", params={"size": 500}).json()["items"]
    for row in items:
        if row["suppressed"]:
            assert row["value"] is None
            assert "value" in row["hidden"]
        else:
            assert row["hidden"] == []


def test_inventory_edits_are_versioned(api: TestClient, web_db: Database) -> None:
    headers = bearer(web_db.url, EDITOR)
    before = api.get("/api/v1/regions/RG01/inventories/2026", headers=headers).json()
    fact = before["entries"].get("fact", {})
    old = fact.get("fte")
    new = (old or 0.0) + 7.5
    put = api.put(
        "/api/v1/regions/RG01/inventories/2026",
        json={"entries": [{"key": "fact", "fte": new, "eur": fact.get("eur")}]},
        headers=headers,
    )
    assert put.status_code == 200
    assert put.json()["changed"] >= 1
    after = api.get("/api/v1/regions/RG01/inventories/2026", headers=headers).json()
    assert after["entries"]["fact"]["fte"] == new
    history = api.get("/api/v1/regions/RG01/history", headers=headers).json()["items"]
    edit = next(h for h in history if h["field"] == "fact.fte")
    assert edit["old"] == (None if old is None else str(old))
    assert edit["new"] == str(new)
    assert edit["user_id"]


def test_bad_inventory_upload_changes_nothing(api: TestClient, web_db: Database, tmp_path) -> None:
    headers = bearer(web_db.url, EDITOR)
    before = api.get("/api/v1/regions/RG01/inventories/2026", headers=headers).json()
    inventory = demo_inventory("RG01", 722_061)
    path = write_inventory_excel(inventory, tmp_path / "inventaris.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["checklist"]
    sheet.cell(row=3, column=4).value = "heel veel"  # not a number
    book.save(path)
    response = api.post(
        "/api/v1/regions/RG01/inventories",
        files={"file": ("inventaris.xlsx", path.read_bytes())},
        headers=headers,
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["file"] == "inventaris.xlsx"
    after = api.get("/api/v1/regions/RG01/inventories/2026", headers=headers).json()
    assert after == before


def test_bad_area_import_changes_nothing(api: TestClient, web_db: Database) -> None:
    headers = bearer(web_db.url, EDITOR)
    before = api.get("/api/v1/regions/RG01/areas", params={"size": 1}).json()["total"]
    text = "area_code,adults,oad,pct_single_households,pct_wwb,pct_ao\n9001,100,1500,30,3,-5\n"
    response = api.post(
        "/api/v1/regions/RG01/areas",
        files={"file": ("gebieden.csv", io.BytesIO(text.encode()))},
        headers=headers,
    )
    assert response.status_code == 422
    problem = response.json()["errors"][0]
    assert problem["file"] == "gebieden.csv"
    assert problem["column"] == "pct_ao"
    after = api.get("/api/v1/regions/RG01/areas", params={"size": 1}).json()["total"]
    assert after == before


def test_viewer_reads_but_cannot_write(api: TestClient, web_db: Database) -> None:
    headers = bearer(web_db.url, VIEWER)
    assert api.get("/api/v1/regions/RG02/inventories", headers=headers).status_code == 200
    put = api.put("/api/v1/regions/RG02/inventories/2026", json={"entries": []}, headers=headers)
    assert put.status_code == 403


def test_scenario_lifecycle_and_privacy(api: TestClient, web_db: Database) -> None:
    editor = bearer(web_db.url, EDITOR)
    created = api.post(
        "/api/v1/regions/RG01/scenarios",
        json={"name": "rg01-meer-fact", "based_on": 3, "changes": {"capacity.fact.per_100k": 6}},
        headers=editor,
    )
    assert created.status_code == 201, created.text
    sid = created.json()["id"]
    assert created.json()["private"] is True
    # invisible to anonymous users and to members of another region
    assert api.get(f"/api/v1/scenarios/{sid}").status_code == 404
    viewer = bearer(web_db.url, VIEWER)
    assert api.get(f"/api/v1/scenarios/{sid}", headers=viewer).status_code == 404
    listed = api.get("/api/v1/scenarios", params={"region": "RG01"}, headers=viewer).json()
    assert sid not in [s["id"] for s in listed["items"]]
    plan = api.post("/api/v1/regions/RG02/plan", json={"scenario_id": sid}, headers=viewer)
    assert plan.status_code == 404
    # the owner sees and updates it; the old text stays in the history
    assert api.get(f"/api/v1/scenarios/{sid}", headers=editor).status_code == 200
    put = api.put(
        f"/api/v1/regions/RG01/scenarios/{sid}",
        json={"changes": {"capacity.fact.per_100k": 7}},
        headers=editor,
    )
    assert put.status_code == 200
    assert put.json()["version"] == 2
    history = api.get("/api/v1/regions/RG01/history", headers=editor).json()["items"]
    assert any(
        h["entity"] == "scenario" and h["old"] and '"per_100k": 6' in h["old"] for h in history
    )
    assert api.delete(f"/api/v1/regions/RG01/scenarios/{sid}", headers=editor).status_code == 204


def test_monitor_entry_is_recorded(api: TestClient, web_db: Database) -> None:
    editor = bearer(web_db.url, EDITOR)
    body = {"values": [{"indicator": "fact_teams", "year": 2030, "value": 12}]}
    assert api.put("/api/v1/regions/RG01/monitor", json=body, headers=editor).status_code == 200
    items = api.get(
        "/api/v1/regions/RG01/monitor", params={"indicator": "fact_teams", "size": 500}
    ).json()["items"]
    assert any(r["year"] == 2030 and r["value"] == 12 for r in items)
    bad = {"values": [{"indicator": "onbekend", "year": 2030, "value": 1}]}
    assert api.put("/api/v1/regions/RG01/monitor", json=bad, headers=editor).status_code == 422


def test_openapi_describes_every_api_route(api: TestClient) -> None:
    spec = api.get("/api/v1/openapi.json").json()
    paths = spec["paths"]
    assert "/api/v1/regions/{code}/plan" in paths
    assert "/api/v1/monitor/progress" in paths
    for path, methods in paths.items():
        for method, operation in methods.items():
            assert operation.get("x-access"), f"{method} {path} declares no access level"
