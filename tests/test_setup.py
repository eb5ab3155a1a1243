"""A real region on the real map (issue 19): the shipped 2024 geography sets up every GGD
region, zorgkantoor region or province with its municipalities and boundaries, or a custom
division; set-up is idempotent and never mixes with the demo; and every page and API read on
an empty database, on a set-up region without statistics and on a region without observed
data, inventory or monitor series answers with an explanation or a 404 for an unknown code,
never another error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from ggzregio.app.context import Actor, Context
from ggzregio.app.errors import ConflictError
from ggzregio.app.setup import init_geography, load_demo, upgrade_schema
from ggzregio.geography import ATTRIBUTION, geography
from ggzregio.storage import repository as repo
from ggzregio.storage.models import Municipality, Region
from tests.conftest import invoke
from tests.web_support import client_for, csrf_of, login

OPERATOR = Actor(client="test")


def _context(tmp_path: Path, name: str = "real.db") -> Context:
    return Context.open(f"sqlite:///{tmp_path / name}")


@pytest.mark.parametrize(("kind", "count"), [("ggd", 25), ("zorgkantoor", 31), ("province", 12)])
def test_every_municipality_in_exactly_one_region(tmp_path: Path, kind: str, count: int) -> None:
    ctx = _context(tmp_path)
    report = init_geography(ctx, OPERATOR, "nl-2024", kind)
    assert len(report.regions_created) == count
    assert report.municipalities == 342
    with ctx.factory() as db:
        regions = repo.regions(db)
        rows = db.scalars(sa.select(Municipality)).all()
        assert len(regions) == count
        assert {r.division for r in regions} == {f"nl-2024:{kind}"}
        assert len(rows) == 342
        assert len({m.code for m in rows}) == 342
        assert all(m.region_code in {r.code for r in regions} for m in rows)
        # every region has municipalities and its own municipality map with the attribution
        for region in regions:
            layer = repo.boundary(db, "municipality", region.code)
            assert layer is not None
            assert layer["features"]
            assert layer["attribution"] == ATTRIBUTION
        national = repo.boundary(db, "region", None)
        assert national is not None
        assert len(national["features"]) == count
        assert repo.scenarios(db, None)  # the shipped norm sets come with the set-up


def test_real_codes_and_names(tmp_path: Path) -> None:
    ctx = _context(tmp_path)
    init_geography(ctx, OPERATOR, "nl-2024", "ggd")
    with ctx.factory() as db:
        amsterdam = db.get(Municipality, "GM0363")
        assert amsterdam is not None
        region = db.get(Region, amsterdam.region_code)
        assert region is not None
        assert region.name == "GGD Amsterdam"
        almere = db.get(Municipality, "GM0034")
        assert almere is not None
        assert almere.region_code == "GG2209"  # GGD Flevoland


def test_setup_is_idempotent_and_never_mixes(tmp_path: Path) -> None:
    ctx = _context(tmp_path)
    first = init_geography(ctx, OPERATOR, "nl-2024", "zorgkantoor", admin_email="a@regio.nl",
                           admin_password="een-lang-wachtwoord")  # fmt: skip
    again = init_geography(ctx, OPERATOR, "nl-2024", "zorgkantoor", admin_email="a@regio.nl",
                           admin_password="een-lang-wachtwoord")  # fmt: skip
    assert first.admin_created
    assert not again.admin_created
    assert again.regions_created == []
    assert len(again.regions_present) == 31
    with pytest.raises(ConflictError):
        init_geography(ctx, OPERATOR, "nl-2024", "province")
    with pytest.raises(ConflictError):
        load_demo(ctx)
    demo = _context(tmp_path, "demo.db")
    assert load_demo(demo)
    with pytest.raises(ConflictError):
        init_geography(demo, OPERATOR, "nl-2024", "ggd")


def test_a_custom_division_from_a_lookup_file(tmp_path: Path) -> None:
    """Any grouping of municipalities, e.g. centrumgemeente regions for sheltered housing."""
    lookup = tmp_path / "bw.csv"
    lookup.write_text(
        "municipality_code,municipality_name,region_type,region_code,region_name,valid_from\n"
        "GM0363,Amsterdam,centrumgemeente,BW01,Centrumgemeente Amsterdam,2015\n"
        "GM0384,Diemen,centrumgemeente,BW01,Centrumgemeente Amsterdam,2015\n"
        "GM0014,Groningen,centrumgemeente,BW02,Centrumgemeente Groningen,2015\n",
        encoding="utf-8",
    )
    ctx = _context(tmp_path)
    report = init_geography(ctx, OPERATOR, "nl-2024", "centrumgemeente", regions_file=lookup)
    assert report.regions_created == ["BW01", "BW02"]
    assert report.municipalities == 3
    with ctx.factory() as db:
        layer = repo.boundary(db, "region", None)
        assert layer is not None
        assert [f["properties"]["code"] for f in layer["features"]] == ["BW01", "BW02"]
        assert layer["features"][0]["geometry"]["type"] == "MultiPolygon"
    lookup.write_text(
        "municipality_code,municipality_name,region_type,region_code,region_name,valid_from\n"
        "GM9999,Nergens,centrumgemeente,BW03,Nergens,2015\n",
        encoding="utf-8",
    )
    url = f"sqlite:///{tmp_path / 'x.db'}"
    code, output = invoke(
        "db", "init", "--region-type", "centrumgemeente", "--regions", str(lookup),
        "--database-url", url,
    )  # fmt: skip
    assert code == 2
    assert "GM9999" in output


def test_command_line_sets_up_and_says_what_it_made(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    code, output = invoke("db", "init", "--region-type", "province", "--database-url", url)
    assert code == 0, output
    assert "12" in output
    assert "Bron: CBS, PDOK" in output
    assert "afgeleid uit de grenzen" in output


# --- empty and partial states ----------------------------------------------------------------

PAGES = ("/regio/{code}", "/regio/{code}/planning", "/regio/{code}/monitor",
         "/regio/{code}/simulatie", "/regio/{code}/inventaris")  # fmt: skip
_NAMES = ("gebieden", "gemeenten", "vergelijking", "plan", "gap", "inventaris", "voortgang")
_FILES = tuple(
    f"/regio/{{code}}/download/{name}.{fmt}" for fmt in ("csv", "xlsx") for name in _NAMES
)
DOWNLOADS = ("/download/regios.csv", "/download/regios.xlsx", "/regio/{code}/rapport.html", *_FILES)
READS = ("/api/v1/regions", "/api/v1/estimates", "/api/v1/boundaries/regions",
         "/api/v1/monitor/progress", "/api/v1/monitor/benchmark", "/api/v1/monitor/substitution",
         "/api/v1/monitor/indicators", "/api/v1/monitor/targets", "/api/v1/scenarios",
         "/api/v1/regions/{code}", "/api/v1/regions/{code}/areas",
         "/api/v1/regions/{code}/estimates", "/api/v1/regions/{code}/boundaries",
         "/api/v1/regions/{code}/monitor")  # fmt: skip


def _walk(client: TestClient, code: str, allowed_404: tuple[str, ...] = ()) -> list[str]:
    """GET every page, download and API read; return the paths that explained what is
    missing instead of answering with data."""
    explained = []
    for template in ("/", *PAGES, *DOWNLOADS, *READS):
        path = template.format(code=code)
        response = client.get(path)
        if path in allowed_404:  # unknown code (a private page asks anonymous visitors to sign in)
            private = any(p in path for p in ("/inventaris", "/vergelijking", "/gap."))
            assert response.status_code == (303 if private else 404), path
            continue
        assert response.status_code == 200, f"{path}: {response.status_code} {response.text[:200]}"
        if "data-not-yet" in response.text:
            explained.append(path)
        elif "/download/" in path:  # otherwise a download is the file itself
            assert not response.headers["content-type"].startswith("text/html"), path
    return explained


def test_an_empty_database_explains_how_to_set_up(tmp_path: Path) -> None:
    ctx = _context(tmp_path)
    upgrade_schema(ctx)
    client = client_for(ctx.settings.database_url)
    home = client.get("/")
    assert home.status_code == 200
    assert "ggzregio db init" in home.text
    assert "ggzregio db load-demo" in home.text
    unknown = tuple(t.format(code="GG0111") for t in (*PAGES, *DOWNLOADS, *READS) if "{code}" in t)
    explained = _walk(client, "GG0111", allowed_404=unknown)  # no regions: every region is unknown
    assert explained == ["/download/regios.csv", "/download/regios.xlsx"]
    assert "gebiedsstatistieken" in client.get("/download/regios.csv").text
    assert client.get("/api/v1/regions").json()["items"] == []
    assert client.get("/api/v1/estimates").json()["metadata"]["explanation"]


def test_a_set_up_region_without_statistics(tmp_path: Path) -> None:
    ctx = _context(tmp_path)
    init_geography(ctx, OPERATOR, "nl-2024", "ggd", admin_email="beheer@regio.nl",
                   admin_password="een-lang-wachtwoord")  # fmt: skip
    client = client_for(ctx.settings.database_url)
    login(client, "beheer@regio.nl", "een-lang-wachtwoord")
    explained = _walk(client, "GG0111")
    # nothing to download or report yet: each says what to import, with the region's link
    assert len(explained) == 2 + 1 + 12  # voortgang is the (empty) monitor table
    answer = client.get("/regio/GG0111/download/gebieden.csv").text
    assert "upload eerst de gebiedentabel" in answer
    assert 'href="/regio/GG0111"' in answer
    assert "inwonertal" in client.get("/regio/GG0111/download/plan.csv").text
    page = client.get("/regio/GG0111").text
    assert "Nog geen gebiedsstatistieken" in page
    assert "Groningen" in page  # its municipalities, listed and on the map
    assert "Bron: CBS, PDOK" in page
    assert 'href="#upload"' in page  # what to import, with the link
    home = client.get("/").text
    assert "afgeleid uit de grenzen" in home
    estimates = client.get("/api/v1/regions/GG0111/estimates").json()
    assert estimates["items"] == []
    assert "gebiedentabel" in estimates["metadata"]["explanation"]
    shapes = client.get("/api/v1/regions/GG0111/boundaries").json()
    assert {f["properties"]["code"] for f in shapes["features"]} >= {"GM0014"}
    listed = client.get("/api/v1/regions", params={"size": 100}).json()["items"]
    assert len(listed) == 25
    assert json.dumps(listed)  # codes and names, no estimate yet


def test_a_region_without_observed_inventory_or_monitor(tmp_path: Path) -> None:
    ctx = _context(tmp_path)
    assert load_demo(ctx)
    with ctx.engine.begin() as connection:
        for table in ("observed_counts", "inventories", "monitor_values"):
            connection.execute(sa.text(f"DELETE FROM {table}"))
    client = client_for(ctx.settings.database_url)
    login(client, "redacteur@demo.ggzregio.nl")
    explained = _walk(client, "RG01")
    assert sorted(p.rsplit("/", 1)[-1] for p in explained) == [
        "gap.csv", "gap.xlsx", "inventaris.csv", "inventaris.xlsx",
        "vergelijking.csv", "vergelijking.xlsx",
    ]  # fmt: skip
    assert "waargenomen" in client.get("/regio/RG01/download/vergelijking.csv").text
    assert "inventarisatie" in client.get("/regio/RG01/download/gap.csv").text
    assert "Nog geen monitorgegevens" in client.get("/regio/RG01/monitor").text
    assert client.get("/api/v1/regions/RG01/monitor").json()["items"] == []
    compared = client.get("/api/v1/regions/RG01/comparison")
    assert compared.status_code == 200
    assert compared.json()["items"] == []
    assert "waargenomen" in compared.json()["metadata"]["explanation"]


def test_the_geography_is_shipped_with_its_source() -> None:
    geo = geography("nl-2024")
    assert geo.attribution == "Bron: CBS, PDOK (CBS gebiedsindelingen 2024)"
    assert len(geo.municipalities()) == 342
    readme = Path(__file__).resolve().parents[1] / "src/ggzregio/data/geography/nl-2024/README.md"
    text = readme.read_text(encoding="utf-8")
    assert "CC BY 4.0" in text
    assert "Derived from the polygons" in text


def test_a_national_admin_creates_and_renames_regions_in_the_browser(tmp_path: Path) -> None:
    ctx = _context(tmp_path)
    init_geography(ctx, OPERATOR, "nl-2024", "ggd", admin_email="beheer@regio.nl",
                   admin_password="een-lang-wachtwoord")  # fmt: skip
    client = client_for(ctx.settings.database_url)
    assert client.get("/beheer/regios").status_code == 303  # sign in first
    login(client, "beheer@regio.nl", "een-lang-wachtwoord")
    token = csrf_of(client, "/beheer/regios")
    made = client.post("/beheer/regios", data={
        "code": "stad-ommeland", "name": "Stad en Ommeland", "municipalities": "GM0014, GM0037",
        "csrf_token": token,
    })  # fmt: skip
    assert made.status_code == 200
    assert "GG0111" in made.text  # the region they came from changed too
    with ctx.factory() as db:
        moved = db.get(Municipality, "GM0014")
        assert moved is not None
        assert moved.region_code == "STAD-OMMELAND"
        own = repo.boundary(db, "municipality", "STAD-OMMELAND")
        assert own is not None
        assert {f["properties"]["code"] for f in own["features"]} == {"GM0014", "GM0037"}
        left = repo.boundary(db, "municipality", "GG0111")
        assert left is not None
        assert "GM0014" not in {f["properties"]["code"] for f in left["features"]}
        national = repo.boundary(db, "region", None)
        assert national is not None
        assert "STAD-OMMELAND" in {f["properties"]["code"] for f in national["features"]}
    renamed = client.post("/beheer/regios", data={
        "code": "GG0111", "name": "GGD Groningen (rest)", "csrf_token": token,
    })  # fmt: skip
    assert renamed.status_code == 200
    assert client.get("/regio/GG0111").text.count("GGD Groningen (rest)") >= 1
    answer = client_for(ctx.settings.database_url).get("/api/v1/regions/GG0111")  # anonymous
    assert answer.json()["name"] == "GGD Groningen (rest)"  # no stale cached answer
    refused = client.post("/beheer/regios", data={
        "code": "X", "name": "", "municipalities": "GM9999", "csrf_token": token,
    })  # fmt: skip
    assert refused.status_code == 422
    assert "GM9999" in refused.text
    with ctx.factory() as db:
        assert db.get(Region, "X") is None  # nothing stored
