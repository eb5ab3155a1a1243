"""The CBS Kerncijfers table uploaded in the browser (issue 19, point 4): converted on the
server, previewed (areas found, derived, missing, outside the region), stored only when the
editor confirms; a refused or cancelled import changes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ggzregio.app.context import Actor, Context
from ggzregio.app.setup import init_geography
from ggzregio.storage import repository as repo
from tests.web_support import add_user, client_for, csrf_of, login

FIXTURE = Path(__file__).parent / "fixtures" / "cbs" / "kerncijfers_2024_opendata.csv"
TOKEN = re.compile(r'name="token" value="([^"]+)"')


def groningen_table(folder: Path, with_amsterdam: bool = True) -> Path:
    """The 2024 open-data fixture moved to Groningen (GM0014), plus one Amsterdam buurt."""
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    moved = [line.replace("9901", "0014").replace("Voorbeeldstad", "Groningen") for line in lines]
    if with_amsterdam:
        moved.append(moved[2].replace("BU00140000", "BU03630000").replace("Groningen", "Amsterdam"))
    path = folder / "kwb-2024-groningen.csv"
    path.write_text("\n".join(moved) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def editor(tmp_path: Path) -> tuple[TestClient, Context]:
    ctx = Context.open(f"sqlite:///{tmp_path / 'real.db'}")
    init_geography(ctx, Actor(client="test"), "nl-2024", "ggd")
    add_user(ctx.settings.database_url, "redacteur@ggd-groningen.nl", {"GG0111": "editor"})
    client = client_for(ctx.settings.database_url)
    login(client, "redacteur@ggd-groningen.nl", "geheim-wachtwoord")
    return client, ctx


def _preview(client: TestClient, path: Path) -> str:
    with path.open("rb") as handle:
        page = client.post(
            "/regio/GG0111/cbs",
            files={"file": (path.name, handle, "text/csv")},
            data={"csrf_token": csrf_of(client, "/regio/GG0111")},
        )
    assert page.status_code == 200, page.text[:400]
    return page.text


def test_preview_then_confirm(editor: tuple[TestClient, Context], tmp_path: Path) -> None:
    client, ctx = editor
    page = _preview(client, groningen_table(tmp_path))
    assert "BU03630000" in page  # outside the region: named, not stored
    assert "GM0014" in page
    assert "adults" in page  # what was derived
    with ctx.factory() as db:
        assert repo.area_count(db, "GG0111") == 0  # nothing stored before confirming
    token = TOKEN.search(page)
    assert token
    promised = re.search(r'id="preview-stored">(\d+)<', page)
    assert promised
    done = client.post(
        "/regio/GG0111/cbs/bevestigen",
        data={"token": token.group(1), "csrf_token": csrf_of(client, "/regio/GG0111")},
    )
    assert done.status_code == 303
    with ctx.factory() as db:
        stored = repo.area_count(db, "GG0111")
    assert stored == int(promised.group(1)) >= 1  # what the preview said, no more
    region = client.get("/regio/GG0111").text
    assert "Nog geen gebiedsstatistieken" not in region
    assert "Per 1.000 volwassenen" in region  # the estimate
    export = client.get("/download/regios.xlsx")  # the real regions' source goes with them
    assert export.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    info = load_workbook(BytesIO(export.content))["toelichting"]
    texts = {str(row[0].value): str(row[1].value) for row in info.iter_rows(min_row=2)}
    assert texts["geography"] == "Bron: CBS, PDOK (CBS gebiedsindelingen 2024)"
    assert "derived" in texts["division_note"]
    again = client.post(
        "/regio/GG0111/cbs/bevestigen",
        data={"token": token.group(1), "csrf_token": csrf_of(client, "/regio/GG0111")},
    )
    assert again.status_code == 404  # a preview is confirmed once


def test_cancel_and_refusals_change_nothing(
    editor: tuple[TestClient, Context], tmp_path: Path
) -> None:
    client, ctx = editor
    token = TOKEN.search(_preview(client, groningen_table(tmp_path)))
    assert token
    cancelled = client.post(
        "/regio/GG0111/cbs/annuleren",
        data={"token": token.group(1), "csrf_token": csrf_of(client, "/regio/GG0111")},
    )
    assert cancelled.status_code == 303
    bad = tmp_path / "kapot.csv"
    bad.write_text("Codering_3,AantalInwoners_5\nBU00140000,10\n", encoding="utf-8")
    with bad.open("rb") as handle:
        refused = client.post(
            "/regio/GG0111/cbs",
            files={"file": (bad.name, handle, "text/csv")},
            data={"csrf_token": csrf_of(client, "/regio/GG0111")},
        )
    assert refused.status_code == 422
    assert "kapot.csv" in refused.text
    with ctx.factory() as db:
        assert repo.area_count(db, "GG0111") == 0
    other = client_for(ctx.settings.database_url)  # another region's page: not theirs
    login(other, "redacteur@ggd-groningen.nl", "geheim-wachtwoord")
    with groningen_table(tmp_path).open("rb") as handle:
        forbidden = other.post(
            "/regio/GG0706/cbs",
            files={"file": ("x.csv", handle, "text/csv")},
            data={"csrf_token": csrf_of(other, "/regio/GG0706")},
        )
    assert forbidden.status_code == 403


def test_rd_new_boundaries_of_a_national_map_keep_the_regions_areas(
    editor: tuple[TestClient, Context], tmp_path: Path
) -> None:
    """Buurt boundaries in RD New (as PDOK gives them) are reprojected and only the region's
    areas kept; a file with none of them is refused and changes nothing."""
    import json

    client, ctx = editor
    page = _preview(client, groningen_table(tmp_path))
    token = TOKEN.search(page)
    assert token
    client.post(
        "/regio/GG0111/cbs/bevestigen",
        data={"token": token.group(1), "csrf_token": csrf_of(client, "/regio/GG0111")},
    )
    with ctx.factory() as db:
        codes = list(repo.area_frame(db, "GG0111")["area_code"])

    def square(x: float) -> list[list[float]]:
        return [[x, 580_000.0], [x + 900, 580_000.0], [x + 900, 580_900.0], [x, 580_900.0],
                [x, 580_000.0]]  # fmt: skip

    features = [
        {"type": "Feature", "properties": {"buurtcode": code},
         "geometry": {"type": "Polygon", "coordinates": [square(233_000.0 + 1000 * i)]}}
        for i, code in enumerate([*codes, "BU03630000"])
    ]  # fmt: skip
    rd_new = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    doc = {"type": "FeatureCollection", "features": features, "crs": rd_new}
    path = tmp_path / "buurten_rd.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with path.open("rb") as handle:
        stored = client.post(
            "/api/v1/regions/GG0111/boundaries",
            files={"file": (path.name, handle, "application/geo+json")},
            data={"code_property": "buurtcode"},
            headers={"X-CSRF-Token": csrf_of(client, "/regio/GG0111")},
        )
    assert stored.status_code == 201, stored.text
    assert stored.json() == {"features": len(codes)}  # Amsterdam's buurt left out
    shapes = client.get("/api/v1/regions/GG0111/boundaries").json()
    lon, lat = shapes["features"][0]["geometry"]["coordinates"][0][0]
    assert 6.0 < lon < 7.5
    assert 53.0 < lat < 53.6  # Groningen, in WGS84


def test_area_codes_and_geometries_of_other_regions_are_refused(
    editor: tuple[TestClient, Context], tmp_path: Path
) -> None:
    """Areas belong to one region: an upload with another region's municipalities or area
    codes is refused (nothing stored); boundaries without usable geometry too."""
    import json

    client, ctx = editor
    add_user(ctx.settings.database_url, "redacteur@ggd-drenthe.nl", {"GG0706": "editor"})
    other = client_for(ctx.settings.database_url)
    login(other, "redacteur@ggd-drenthe.nl", "geheim-wachtwoord")
    with groningen_table(tmp_path).open("rb") as handle:  # Groningen data for Drenthe
        page = other.post(
            "/regio/GG0706/cbs",
            files={"file": ("kwb.csv", handle, "text/csv")},
            data={"csrf_token": csrf_of(other, "/regio/GG0706")},
        )
    assert page.status_code == 200
    assert 'id="preview-stored">0<' in page.text  # none of them is Drenthe's
    empty = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "BU00140000"},
         "geometry": {"type": "MultiPolygon", "coordinates": []}}]}  # fmt: skip
    token = TOKEN.search(_preview(client, groningen_table(tmp_path)))
    assert token
    client.post(
        "/regio/GG0111/cbs/bevestigen",
        data={"token": token.group(1), "csrf_token": csrf_of(client, "/regio/GG0111")},
    )
    stored = client.post(
        "/api/v1/regions/GG0111/boundaries",
        files={"file": ("leeg.geojson", json.dumps(empty), "application/geo+json")},
        headers={"X-CSRF-Token": csrf_of(client, "/regio/GG0111")},
    )
    assert stored.status_code == 422
    assert client_for(ctx.settings.database_url).get("/regio/GG0111").status_code == 200
    for broken in ("[" * 100_000, '{"type": "FeatureCollection", "features": [{"type": '
                   '"Feature", "properties": {"code": "BU00140000"}, "geometry": '
                   '{"type": "Polygon", "coordinates": {}}}]}'):  # fmt: skip
        refused = client.post(
            "/api/v1/regions/GG0111/boundaries",
            files={"file": ("kapot.geojson", broken, "application/geo+json")},
            headers={"X-CSRF-Token": csrf_of(client, "/regio/GG0111")},
        )
        assert refused.status_code == 422, refused.text[:200]


def test_the_corporation_rental_share_arrives_with_the_areas(
    editor: tuple[TestClient, Context], tmp_path: Path
) -> None:
    """A KWB table with ``InBezitWoningcorporatie`` gives every stored area its
    ``pct_corporation_rental``, which the neighbourhood load shows (a secret value empty)."""
    client, ctx = editor
    path = groningen_table(tmp_path, with_amsterdam=False)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] += ",InBezitWoningcorporatie_43"
    lines[1:] = [f"{line},{v}" for line, v in zip(lines[1:], ["30", "45", ".", "12"], strict=True)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    token = TOKEN.search(_preview(client, path))
    assert token
    done = client.post(
        "/regio/GG0111/cbs/bevestigen",
        data={"token": token.group(1), "csrf_token": csrf_of(client, "/regio/GG0111")},
    )
    assert done.status_code == 303
    from ggzregio.storage.neighbourhood import area_values

    with ctx.factory() as db:
        stored = area_values(db, "GG0111", ("pct_corporation_rental",))
    assert stored["BU00140000"]["pct_corporation_rental"] == 45
    assert stored["BU00140001"]["pct_corporation_rental"] is None  # secret: missing, not 0
    answer = client.get("/api/v1/regions/GG0111/neighbourhood", params={"year": 2026}).json()
    shares = {r["area_code"]: r["pct_corporation_rental"] for r in answer["areas"]}
    assert shares["BU00140000"] == 45
    assert shares["BU00140001"] is None
