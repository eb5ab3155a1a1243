"""Simulation in the web application: the region page, the API within the request and as a
background job with progress, and who may see which job (SQLite and PostgreSQL)."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from tests.web_support import ADMIN, EDITOR, Database, client_for, token_for


@pytest.fixture(scope="module")
def api(web_db: Database) -> TestClient:
    return client_for(web_db.url)


def _scenario_ids(api: TestClient) -> dict[str, int]:
    items = api.get("/api/v1/scenarios", params={"size": 100}).json()["items"]
    return {s["name"]: s["id"] for s in items if s["region_code"] is None}


def test_small_simulation_is_answered_at_once(api: TestClient) -> None:
    ids = _scenario_ids(api)
    body = {
        "scenario_ids": [ids["baseline-2014"], ids["voorbeeldregio-1"]],
        "regions": ["RG01"],
        "years": 3,
        "draws": 50,
    }
    response = api.post("/api/v1/simulations", json=body)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["regions"] == ["RG01"]
    assert {row["year"] for row in result["yearly"]} == {1, 2, 3}
    assert max(row["month"] for row in result["monthly"]) == 36
    blocked = [
        r for r in result["comparison"]
        if r["outcome"] == "blocked_bed_days" and r["region_code"] == "totaal"
    ]  # fmt: skip
    assert blocked[0]["probability_a_better"] >= 0.5  # the baseline blocks no beds
    assert result["metadata"]["prevalence_model"] == "trimbos-2017@1.0"
    assert "assumptions" in result["metadata"]


def test_bad_requests_are_problems(api: TestClient) -> None:
    ids = _scenario_ids(api)
    response = api.post(
        "/api/v1/simulations", json={"scenario_ids": [ids["baseline-2014"]], "regions": ["RG99"]}
    )
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    response = api.post("/api/v1/simulations", json={"scenario_ids": [], "draws": 0})
    assert response.status_code == 422
    response = api.post("/api/v1/simulations", json={"scenario_ids": [999999]})
    assert response.status_code == 404


def test_large_simulation_runs_as_a_job_with_progress(api: TestClient, web_db: Database) -> None:
    ids = _scenario_ids(api)
    body = {
        "scenario_ids": [ids["baseline-2014"], ids["voorbeeldregio-2"]],
        "years": 2,
        "draws": 400,
    }
    # Anonymous: no background jobs.
    assert api.post("/api/v1/simulations", json=body).status_code == 401
    token = {"Authorization": f"Bearer {token_for(web_db.url, EDITOR)}"}
    response = api.post("/api/v1/simulations", json=body, headers=token)
    assert response.status_code == 202, response.text
    url = response.headers["location"]
    assert url == response.json()["url"]
    seen = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job = api.get(url, headers=token).json()
        seen.add(job["status"])
        assert 0.0 <= job["progress"] <= 1.0
        if job["status"] in ("done", "failed"):
            break
        time.sleep(0.2)
    assert job["status"] == "done", job
    assert job["progress"] == 1.0
    assert len(job["result"]["regions"]) == 43
    assert job["request"]["draws"] == 400
    # Someone else's job does not exist for you; without an account you are asked to sign in.
    other = {"Authorization": f"Bearer {token_for(web_db.url, ADMIN)}"}
    assert api.get(url, headers=other).status_code == 404
    assert api.get(url).status_code == 401


def test_region_page_shows_fan_charts_and_the_comparison(api: TestClient) -> None:
    page = api.get("/regio/RG02/simulatie", params={"jaren": "3", "trekkingen": "40"})
    assert page.status_code == 200
    assert 'id="fig-waaier"' in page.text
    assert 'id="fig-bezetting-2"' in page.text
    assert 'data-name="vergelijking"' in page.text
    assert "Geblokkeerde beddagen" in page.text
    bad = api.get("/regio/RG02/simulatie", params={"trekkingen": "100000"})
    assert bad.status_code == 200
    assert "Trekkingen: geef een getal van 1 tot en met 500" in bad.text
    assert api.get("/regio/RG99/simulatie").status_code == 404
