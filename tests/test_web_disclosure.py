"""Privacy against an editor, end to end through the API: changing inputs one controls, or
entering one's own values, must not uncover a hidden count of someone else.

Both attacks recovered the hidden count exactly before the disclosure layer: re-uploading the
area table without one hidden area gave its count as the difference of the region's observed
totals (6), and entering a value just above the threshold made one's own region the partner
of another region's small count, which the national total then gave away (4).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from ggzregio.storage import repository as repo
from ggzregio.storage.database import make_engine, session_factory, transaction
from tests.attacker import narrowest, ranges
from tests.web_support import ADMIN, BACKENDS, EDITOR, client_for, demo_database, new_database
from tests.web_support import token_for as _token

THRESHOLD = 10


@pytest.fixture(params=BACKENDS)
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, TestClient]]:
    """A database of its own with the demo loaded (the attacks change data)."""
    for database in new_database(request.param, tmp_path):
        demo_database(database.url)
        yield database.url, client_for(database.url)


def _headers(url: str, email: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {_token(url, email)}"}


def _comparison(client: TestClient, headers: dict[str, str], level: str) -> list[dict[str, object]]:
    response = client.get(
        "/api/v1/regions/RG01/comparison", params={"level": level, "size": 500}, headers=headers
    )
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def _plant_small_area(url: str) -> str:
    """Give one RG01 area 6 observed people (as a claims upload would); return its code."""
    factory = session_factory(make_engine(url))
    with transaction(factory) as db:
        observed = repo.observed_frame(db, "RG01")
        observed.loc[0, "observed_cases"] = 6
        repo.replace_observed(db, "RG01", observed, "test")
        region = db.get(repo.Region, "RG01")
        assert region is not None
        region.revision += 1
        return str(observed.loc[0, "area_code"])


def test_reuploading_the_area_table_does_not_uncover_a_hidden_area(
    fresh: tuple[str, TestClient],
) -> None:
    url, client = fresh
    small = _plant_small_area(url)
    editor = _headers(url, EDITOR)
    before = {
        "total": _comparison(client, editor, "total"),
        "municipality": _comparison(client, editor, "municipality_code"),
        "area": _comparison(client, editor, "area"),
    }
    hidden_before = [r["area_code"] for r in before["area"] if "observed_cases" in r["hidden"]]
    assert small in hidden_before
    # The editor downloads the area table and uploads it again without the hidden area.
    areas = client.get("/api/v1/regions/RG01/areas", params={"size": 500}).json()["items"]
    table = pd.DataFrame(areas).drop(columns=["hidden", "region_code", "region_name"])
    table = table[table["area_code"] != small]
    response = client.post(
        "/api/v1/regions/RG01/areas",
        files={"file": ("gebieden.csv", io.BytesIO(table.to_csv(index=False).encode()))},
        headers=editor,
    )
    assert response.status_code == 201, response.text
    after = {
        "total": _comparison(client, editor, "total"),
        "municipality": _comparison(client, editor, "municipality_code"),
        "area": _comparison(client, editor, "area"),
    }
    # The attacker: every area's count is an unknown; each published sum, before and after,
    # is a relation; visible areas are known.
    codes = [str(r["area_code"]) for r in before["area"]]
    cells: dict[object, float | None] = {}
    for r in before["area"] + after["area"]:
        value = r["observed_cases"]
        if value is not None:
            cells[("area", str(r["area_code"]))] = float(value)  # type: ignore[arg-type]
    for code in codes:
        cells.setdefault(("area", code), None)
    relations = []
    for _when, published in (("before", before), ("after", after)):
        members_of = {str(r["area_code"]) for r in published["area"]}
        municipality = {str(r["area_code"]): r["municipality_code"] for r in before["area"]}
        for row in published["total"]:
            if row["observed_cases"] is not None:
                members = {("area", c): 1.0 for c in members_of}
                relations.append((members, float(row["observed_cases"])))  # type: ignore[arg-type]
        for row in published["municipality"]:
            if row["observed_cases"] is not None:
                inside = [c for c in members_of if municipality[c] == row["municipality_code"]]
                members = {("area", c): 1.0 for c in inside}
                relations.append((members, float(row["observed_cases"])))  # type: ignore[arg-type]
    found = ranges(cells, relations)
    assert ("area", small) in found
    assert found[("area", small)][1] - found[("area", small)][0] >= THRESHOLD
    assert narrowest(found) >= THRESHOLD


def _benchmark(client: TestClient, indicator: str, year: int | None) -> list[dict[str, object]]:
    params: dict[str, object] = {"indicator": indicator, "size": 100}
    if year is not None:
        params["year"] = year
    response = client.get("/api/v1/monitor/benchmark", params=params)
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def test_entering_ones_own_value_does_not_uncover_another_region(
    fresh: tuple[str, TestClient],
) -> None:
    url, client = fresh
    year, indicator = 2024, "waiting_persons"
    admin, editor = _headers(url, ADMIN), _headers(url, EDITOR)
    rows = _benchmark(client, indicator, year)
    # Another region (RG02) has 4 people waiting; the editor of RG01 enters 12 for RG01.
    body = {"values": [{"indicator": indicator, "year": year, "value": 4}]}
    assert client.put("/api/v1/regions/RG02/monitor", json=body, headers=admin).status_code == 200
    body = {"values": [{"indicator": indicator, "year": year, "value": 12}]}
    assert client.put("/api/v1/regions/RG01/monitor", json=body, headers=editor).status_code == 200
    rows = _benchmark(client, indicator, year)
    by_region = {str(r["region_code"]): r for r in rows}
    assert by_region["RG02"]["value"] is None  # the small count is hidden
    # National value × national population = national total (the per-100,000 figures).
    population = sum(float(r["population"]) for r in rows)  # type: ignore[arg-type]
    national = next(r["national_per_100k"] for r in rows if r["national_per_100k"] is not None)
    total = float(national) * population / 100_000  # type: ignore[arg-type]
    cells: dict[object, float | None] = {}
    for code, row in by_region.items():
        value = row["value"]
        cells[code] = None if value is None else float(value)  # type: ignore[arg-type]
    cells["RG01"] = 12.0  # the editor knows their own value
    found = ranges(cells, [(dict.fromkeys(cells, 1.0), total)])
    assert found["RG02"][1] - found["RG02"][0] >= THRESHOLD
    assert narrowest(found) >= THRESHOLD


def test_every_output_of_one_revision_hides_the_same_cells(web_db: object) -> None:
    """The region page, the CSV and Excel downloads and the API hide the same areas and
    municipalities; so do the monitor page, its download and the API benchmark."""
    import re

    from openpyxl import load_workbook

    from tests.web_support import login

    url = web_db.url  # type: ignore[attr-defined]
    client = client_for(url)
    headers = _headers(url, EDITOR)
    api_areas = {
        str(r["area_code"]): "observed_cases" in r["hidden"]
        for r in _comparison(client, headers, "area")
    }
    api_municipalities = {
        str(r["municipality_code"]): "observed_cases" in r["hidden"]
        for r in _comparison(client, headers, "municipality_code")
    }
    assert any(api_areas.values())
    assert not all(api_areas.values())
    login(client, EDITOR)
    csv = client.get("/regio/RG01/download/vergelijking.csv")
    assert csv.status_code == 200
    table = pd.read_csv(io.StringIO(csv.text), dtype={"area_code": str})
    assert dict(zip(table["area_code"], table["observed_cases"] == "x", strict=True)) == api_areas
    book = load_workbook(io.BytesIO(client.get("/regio/RG01/download/vergelijking.xlsx").content))
    sheets = {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}
    for expected, key, other in (
        (api_areas, "area_code", None),
        (api_municipalities, "municipality_code", "area_code"),
    ):
        rows = next(
            r for r in sheets.values() if key in r[0] and (other is None or other not in r[0])
        )
        header = list(rows[0])
        found = {
            str(r[header.index(key)]): r[header.index("observed_cases")] == "x" for r in rows[1:]
        }
        assert found == expected, key
    page = client.get("/regio/RG01").text
    section = page[page.index('data-name="vergelijking"') :]
    section = section[: section.index("</table>")]
    cells = re.findall(r"<tr>(.*?)</tr>", section, flags=re.S)
    shown_hidden = sum('data-sort="x"' in c or ">x</td>" in c for c in cells)
    assert shown_hidden == sum(api_municipalities.values())
    # The monitor: the series of every region, as download and as API answer, hide the same.
    hidden_somewhere = 0
    for region in ("RG02", "RG08", "RG21"):
        items = client.get(f"/api/v1/regions/{region}/monitor", params={"size": 500}).json()
        api_series = {
            (int(r["year"]), str(r["indicator"])): "value" in r["hidden"] for r in items["items"]
        }
        text = client.get(f"/regio/{region}/download/monitor.csv").text
        table = pd.read_csv(io.StringIO(text))
        downloaded = {
            (int(y), str(i)): str(v) == "x"
            for y, i, v in zip(table["year"], table["indicator"], table["value"], strict=True)
        }
        assert downloaded == api_series, region
        hidden_somewhere += sum(api_series.values())
    assert hidden_somewhere > 0, "the demo has hidden percentages (paid work)"
