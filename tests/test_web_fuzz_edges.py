"""Bad requests as a fuzzer sends them get a 4xx that names the field, never a 500, and change
nothing; the inventory form and the API apply the same rules (a partial change keeps what it
does not name); cached lists follow every write (issue 20, points 8-10)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ggzregio.errors import InputError
from ggzregio.geo import json_depth, parse_geojson
from ggzregio.inventory.model import Entry, Inventory
from ggzregio.inventory.rules import inventory_problems
from ggzregio.planning.changes import change_problems
from tests.web_support import (
    ADMIN,
    EDITOR,
    Database,
    client_for,
    csrf_of,
    demo_database,
    login,
    new_database,
    token_for,
)

PROBLEM = "application/problem+json"
DEEP = 50_000


@pytest.fixture(scope="module")
def own_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A demo database of this module only (its tests write)."""
    for database in new_database("sqlite", tmp_path_factory.mktemp("fuzz-edges")):
        demo_database(database.url)
        yield database


@pytest.fixture
def anonymous(own_db: Database) -> TestClient:
    return client_for(own_db.url)


@pytest.fixture
def editor(own_db: Database) -> TestClient:
    client = client_for(own_db.url)
    login(client, EDITOR)
    return client


def bearer(db: Database, email: str = EDITOR) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(db.url, email)}"}


def stored_inventory(client: TestClient, db: Database, year: int = 2026) -> dict[str, Any]:
    found = client.get(f"/api/v1/regions/RG01/inventories/{year}", headers=bearer(db))
    assert found.status_code == 200, found.text[:300]
    body: dict[str, Any] = found.json()
    return body


def refused(response: Any, field: str) -> None:
    """A problem document (4xx) whose errors name ``field``."""
    assert 400 <= response.status_code < 500, response.text[:300]
    assert response.headers["content-type"].startswith(PROBLEM)
    errors = response.json().get("errors", [])
    named = [e.get("key") or e.get("location", "") or e.get("file", "") for e in errors]
    assert any(field in str(n) for n in named) or field in response.json()["detail"], errors


# --- 8. one validation for the inventory ---------------------------------------------------

BAD_FORM = [
    pytest.param({"inhabitants": "-5"}, "inhabitants", id="inhabitants-negative"),
    pytest.param({"inhabitants": "0"}, "inhabitants", id="inhabitants-zero"),
    pytest.param({"fact.fte": "1.000.000.000.000.000"}, "fact.fte", id="fte-1e18"),
    pytest.param({"fact.eur": "-1"}, "fact.eur", id="eur-negative"),
    pytest.param({"fact.fte": "twaalf"}, "fact.fte", id="fte-text"),
]


@pytest.mark.parametrize(("data", "field"), BAD_FORM)
def test_a_refused_form_names_the_field_keeps_the_typed_value_and_stores_nothing(
    editor: TestClient, own_db: Database, data: dict[str, str], field: str
) -> None:
    before = stored_inventory(editor, own_db)
    token = csrf_of(editor, "/regio/RG01/inventaris?jaar=2026")
    page = editor.post("/regio/RG01/inventaris?jaar=2026", data={**data, "csrf_token": token})
    assert page.status_code == 422
    assert f"&#39;{field}&#39;" in page.text  # the message names the field
    typed = re.search(rf'name="{re.escape(field)}"[^>]*value="([^"]*)"', page.text)
    assert typed is not None
    assert typed.group(1) == data[field]  # shown again as typed
    assert stored_inventory(editor, own_db) == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({"inhabitants": -5}, "inhabitants", id="inhabitants-negative"),
        pytest.param({"inhabitants": 0}, "inhabitants", id="inhabitants-zero"),
        pytest.param({"entries": [{"key": "fact", "fte": 1e18}]}, "fte", id="fte-1e18"),
        pytest.param({"entries": [{"key": "fact", "eur": -1}]}, "eur", id="eur-negative"),
    ],
)
def test_the_api_refuses_what_the_form_refuses(
    anonymous: TestClient, own_db: Database, body: dict[str, Any], field: str
) -> None:
    before = stored_inventory(anonymous, own_db)
    answer = anonymous.put(
        "/api/v1/regions/RG01/inventories/2026", json=body, headers=bearer(own_db)
    )
    refused(answer, field)
    assert stored_inventory(anonymous, own_db) == before


def test_a_year_outside_the_inventory_years_is_refused_on_the_form(
    editor: TestClient, own_db: Database
) -> None:
    token = csrf_of(editor, "/regio/RG01/inventaris?jaar=2026")
    page = editor.post(
        "/regio/RG01/inventaris?jaar=3000", data={"fact.fte": "5", "csrf_token": token}
    )
    assert page.status_code == 422
    assert "&#39;jaar&#39;" in page.text
    years = editor.get("/api/v1/regions/RG01/inventories", headers=bearer(own_db)).json()
    assert 3000 not in years["years"]


def test_one_set_of_rules_for_every_way_in() -> None:
    """The rules the form, the API and the template share refuse each value the issue found
    stored through the form (inhabitants -5 and 0, fte 1e308, year 3000)."""
    base = Inventory(region_code="RG01", year=2026, inhabitants=250_000.0)
    cases = [
        (Inventory(region_code="RG01", year=2026, inhabitants=-5.0), "inhabitants"),
        (Inventory(region_code="RG01", year=2026, inhabitants=0.0), "inhabitants"),
        (base.with_entry(Entry("fact", fte=1e308)), "fact.fte"),
        (base.with_entry(Entry("fact", fte=float("inf"))), "fact.fte"),
        (Inventory(region_code="RG01", year=3000), "year"),
    ]
    for inventory, key in cases:
        assert [p.key for p in inventory_problems(inventory, "formulier")] == [key]
    assert inventory_problems(base.with_entry(Entry("fact", fte=12.5, eur=250_000.0)), "f") == []


def test_dutch_numbers_are_still_accepted_on_the_form(editor: TestClient, own_db: Database) -> None:
    token = csrf_of(editor, "/regio/RG01/inventaris?jaar=2026")
    data = {"fact.fte": "12,5", "fact.eur": "250.000", "inhabitants": "250.000"}
    saved = editor.post("/regio/RG01/inventaris?jaar=2026", data={**data, "csrf_token": token})
    assert saved.status_code == 303
    stored = stored_inventory(editor, own_db)
    assert stored["inhabitants"] == 250_000
    assert (stored["entries"]["fact"]["fte"], stored["entries"]["fact"]["eur"]) == (12.5, 250_000)


def test_a_partial_put_changes_only_the_fields_it_sends(
    anonymous: TestClient, own_db: Database
) -> None:
    headers = bearer(own_db)
    url = "/api/v1/regions/RG01/inventories/2026"
    first = {"entries": [{"key": "fact", "fte": 40.0, "eur": 4_000_000.0, "source": "jaarverslag"}]}
    assert anonymous.put(url, json=first, headers=headers).status_code == 200
    note = {"entries": [{"key": "fact", "note": "alleen een toelichting"}]}
    assert anonymous.put(url, json=note, headers=headers).status_code == 200
    fact = stored_inventory(anonymous, own_db)["entries"]["fact"]
    assert (fact["fte"], fact["eur"], fact["source"]) == (40.0, 4_000_000.0, "jaarverslag")
    assert fact["note"] == "alleen een toelichting"
    emptied = {"entries": [{"key": "fact", "fte": None}]}  # null empties that field only
    assert anonymous.put(url, json=emptied, headers=headers).status_code == 200
    fact = stored_inventory(anonymous, own_db)["entries"]["fact"]
    assert (fact["fte"], fact["eur"]) == (None, 4_000_000.0)


# --- 9. bad requests get 4xx -----------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/regio/RG01/planning?scenario=²",
        "/regio/RG01/planning?scenario=99999999999999999999",
        "/regio/RG01/download/plan.csv?scenario=²",
        "/regio/RG01/simulatie?plan=²",
        "/regio/RG01/simulatie?plan=99999999999999999999",
        "/regio/RG01/inventaris?jaar=²",
        "/regio/RG01/inventaris?jaar=99999999999999999999",
        "/regio/RG01/inventaris/sjabloon.xlsx?jaar=²",
        "/regio/RG01/download/inventaris.csv?jaar=-1",
    ],
)
def test_malformed_page_parameters_get_an_error_page_naming_them(
    editor: TestClient, path: str
) -> None:
    page = editor.get(path)
    assert page.status_code == 422, path
    name = path.rsplit("?", 1)[1].split("=")[0]
    assert f"&#39;{name}&#39;" in page.text


TOO_MANY_DIGITS = "1" + ".000" * 13  # 40 digits: more than the number parser's decimals hold


@pytest.mark.parametrize(
    "path",
    [
        f"/regio/RG01/planning?budget.per_100k_eur={TOO_MANY_DIGITS}",
        f"/regio/RG01/simulatie?overgang={TOO_MANY_DIGITS}",
    ],
)
def test_a_number_of_40_digits_is_refused_on_the_pages(editor: TestClient, path: str) -> None:
    page = editor.get(path)
    assert page.status_code == 200  # the page again, with the problem
    assert 'role="alert"' in page.text


def test_a_number_of_40_digits_is_refused_on_the_inventory_form(editor: TestClient) -> None:
    token = csrf_of(editor, "/regio/RG01/inventaris?jaar=2026")
    data = {"fact.fte": TOO_MANY_DIGITS, "csrf_token": token}
    page = editor.post("/regio/RG01/inventaris?jaar=2026", data=data)
    assert page.status_code == 422
    assert "&#39;fact.fte&#39;" in page.text


RAW_CHANGES = [
    pytest.param('{"capacity.fact.per_100k": 1e309}', "capacity.fact.per_100k", id="1e309"),
    pytest.param('{"capacity.fact.per_100k": 1e308}', "capacity.fact.per_100k", id="1e308"),
    pytest.param('{"capacity.iht.catchment": 1e-320}', "capacity.iht.catchment", id="tiny"),
    pytest.param('{"capacity.fact.part_of": [1.0]}', "capacity.fact.part_of", id="list-as-text"),
    pytest.param('{"spending.bw.alternatives": 1}', "spending.bw.alternatives", id="not-editable"),
    pytest.param('{"capacity.fact.cite.x": 1}', "capacity.fact.cite.x", id="unknown-depth"),
]


@pytest.mark.parametrize(("changes", "key"), RAW_CHANGES)
def test_bad_changes_are_named_for_plans_and_scenarios(
    anonymous: TestClient, own_db: Database, changes: str, key: str
) -> None:
    json_type = {"content-type": "application/json"}
    plan = anonymous.post(
        "/api/v1/regions/RG01/plan",
        content=f'{{"scenario_id": 3, "changes": {changes}}}',
        headers=json_type,
    )
    refused(plan, key)
    listed = anonymous.get("/api/v1/scenarios?region=RG01&size=500").json()["total"]
    created = anonymous.post(
        "/api/v1/regions/RG01/scenarios",
        content=f'{{"name": "fuzz", "based_on": 3, "private": false, "changes": {changes}}}',
        headers={**json_type, **bearer(own_db)},
    )
    refused(created, key)
    assert anonymous.get("/api/v1/scenarios?region=RG01&size=500").json()["total"] == listed


def test_changes_of_every_kind_are_checked_before_they_are_applied() -> None:
    ok = {"capacity.fact.per_100k": [5.0, 6.5], "budget.per_100k_eur": 1e7, "name.nl": "Plan"}
    assert change_problems(ok, "api") == []
    bad = {"capacity.fact.per_100k": float("nan"), "capacity.fact.assumption": "ja",
           "name.nl": 5, "identity": 1}  # fmt: skip
    assert {p.key: p.rule for p in change_problems(bad, "api")} == {
        "capacity.fact.per_100k": "change_range",
        "capacity.fact.assumption": "change_flag",
        "name.nl": "not_text",
        "identity": "unknown_key",
    }


def test_members_of_an_unknown_region_are_not_found(
    anonymous: TestClient, own_db: Database
) -> None:
    body = {"email": "lezer@demo.ggzregio.nl", "role": "viewer"}
    answer = anonymous.put("/api/v1/regions/XX99/members", json=body, headers=bearer(own_db, ADMIN))
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith(PROBLEM)


def _workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["a", "b"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"PK\x03\x04 not a workbook", id="not-a-zip"),
        pytest.param(_workbook()[:-40], id="truncated"),
    ],
)
@pytest.mark.parametrize("target", ["inventories", "monitor"])
def test_a_malformed_workbook_is_refused_and_changes_nothing(
    anonymous: TestClient, own_db: Database, content: bytes, target: str
) -> None:
    before = stored_inventory(anonymous, own_db)
    answer = anonymous.post(
        f"/api/v1/regions/RG01/{target}",
        files={"file": ("gegevens.xlsx", content)},
        headers=bearer(own_db),
    )
    refused(answer, "gegevens.xlsx")
    assert answer.json()["errors"][0]["rule"] == "unreadable"
    assert stored_inventory(anonymous, own_db) == before


def test_the_monitor_reader_refuses_a_malformed_workbook(tmp_path: Path) -> None:
    from ggzregio.monitor.catalogue import load_catalogue
    from ggzregio.monitor.importing import read_monitor

    path = tmp_path / "monitor.xlsx"
    path.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(InputError) as refusal:
        read_monitor(path, load_catalogue())
    assert refusal.value.rules() == {"unreadable"}


def test_a_file_name_of_300_characters_is_refused_by_name(
    anonymous: TestClient, own_db: Database
) -> None:
    answer = anonymous.post(
        "/api/v1/regions/RG01/inventories",
        files={"file": ("i" * 300 + ".xlsx", _workbook())},
        headers=bearer(own_db),
    )
    refused(answer, "file")
    assert answer.json()["errors"][0]["rule"] == "name_too_long"


def test_geojson_nested_50000_deep_is_refused_before_parsing(
    anonymous: TestClient, own_db: Database
) -> None:
    text = '{"type": "FeatureCollection", "features": ' + "[" * DEEP + "]" * DEEP + "}"
    assert json_depth(text.encode()) == DEEP + 1
    with pytest.raises(InputError) as refusal:
        parse_geojson(text, "grenzen.geojson")
    assert refusal.value.rules() == {"geo.too_deep"}
    answer = anonymous.post(
        "/api/v1/regions/RG01/boundaries",
        files={"file": ("grenzen.geojson", text.encode())},
        headers=bearer(own_db),
    )
    assert answer.status_code == 422


def test_brackets_inside_strings_do_not_count_as_depth() -> None:
    assert json_depth(b'{"a": [1, [2]], "s": "[[[[\\"[[{{"}') == 3


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Polygon"},
        {"type": "Polygon", "coordinates": []},
        {"type": "Polygon", "coordinates": [[]]},
        {"type": "MultiPolygon", "coordinates": [[]]},
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]], [[0, "x"]]]},
    ],
)
def test_broken_geometries_are_named_not_crashed_on(geometry: dict[str, Any]) -> None:
    import json

    feature = {"type": "Feature", "properties": {"code": "1002"}, "geometry": geometry}
    text = json.dumps({"type": "FeatureCollection", "features": [feature]})
    with pytest.raises(InputError) as refusal:
        parse_geojson(text, "grenzen.geojson")
    assert refusal.value.rules() == {"geo.bad_coordinates"}


def test_a_deeply_nested_hidden_change_is_refused(editor: TestClient) -> None:
    token = csrf_of(editor, "/regio/RG01/planning")
    form = {"csrf_token": token, "name": "diep", "based_on": "3",
            "change:capacity.fact.per_100k": "[" * DEEP}  # fmt: skip
    answer = editor.post("/regio/RG01/planning", data=form)
    assert answer.status_code == 422
    assert "capacity.fact.per_100k" in answer.text


# --- 10. caches follow the data --------------------------------------------------------------


def test_the_scenario_list_follows_a_delete_and_a_create_in_one_step(
    anonymous: TestClient, own_db: Database
) -> None:
    headers = bearer(own_db)
    url = "/api/v1/scenarios?region=RG01&size=500"
    made = anonymous.post(
        "/api/v1/regions/RG01/scenarios",
        json={"name": "eerste", "based_on": 3, "private": False},
        headers=headers,
    )
    assert made.status_code == 201
    names = {s["name"] for s in anonymous.get(url).json()["items"]}
    assert "eerste" in names
    assert anonymous.get(url).json()["items"] == anonymous.get(url).json()["items"]  # cached
    # One scenario goes, another comes: the count and the summed versions stay the same.
    gone = anonymous.delete(f"/api/v1/regions/RG01/scenarios/{made.json()['id']}", headers=headers)
    assert gone.status_code == 204
    again = anonymous.post(
        "/api/v1/regions/RG01/scenarios",
        json={"name": "tweede", "based_on": 3, "private": False},
        headers=headers,
    )
    assert again.status_code == 201
    names = {s["name"] for s in anonymous.get(url).json()["items"]}
    assert "tweede" in names
    assert "eerste" not in names
