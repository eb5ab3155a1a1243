"""The optional live download of the Kerncijfers wijken en buurten and their buurt boundaries
(issue 19, point 6), tested with recorded responses: of the CBS open data API (the rows
``cbsodata.get_data`` returns: one dict per region with the table's keys) and of PDOK's WFS
(GeoJSON in RD New, ``tests/fixtures/pdok/README.md``); no test touches the network."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from ggzregio import cbs_download
from ggzregio.cbs import read_cbs
from ggzregio.cbs_download import KWB_TABLES, download_buurt_boundaries, download_kwb
from ggzregio.errors import InputError
from tests.conftest import invoke

RECORDED = Path(__file__).parent / "fixtures" / "cbs" / "odata_85984NED_GM9901.json"
PDOK = Path(__file__).parent / "fixtures" / "pdok" / "wfs_buurten_2024_GM9901.json"


def pdok(url: str) -> bytes:
    assert url.startswith("https://service.pdok.nl/cbs/wijkenbuurten/2024/wfs/v1_0?")
    assert "typeNames=wijkenbuurten%3Abuurten" in url
    assert "GM9901" in url
    return PDOK.read_bytes()


def recorded(table: str, filters: str) -> list[dict[str, Any]]:
    assert table == "85984NED"
    assert "startswith(WijkenEnBuurten,'BU9901')" in filters
    rows: list[dict[str, Any]] = json.loads(RECORDED.read_text(encoding="utf-8"))
    return rows


def test_the_download_is_what_the_cbs_reader_reads(tmp_path: Path) -> None:
    path, rows, table = download_kwb(["GM9901"], tmp_path / "kwb.csv", year=2024, fetch=recorded)
    assert (rows, table) == (4, "85984NED")
    areas = read_cbs(path)
    assert list(areas.frame["area_code"]) == ["BU99010000", "BU99010001", "BU99010002"]
    assert areas.frame["adults"].iloc[0] > 0


def test_offline_says_so_and_names_the_manual_download(tmp_path: Path) -> None:
    def offline(table: str, filters: str) -> list[dict[str, Any]]:
        raise ConnectionError("no route to host")

    with pytest.raises(InputError) as refused:
        download_kwb(["GM0344"], tmp_path / "kwb.csv", year=2024, fetch=offline)
    assert refused.value.rules() == {"cbs.offline"}
    assert "https://www.cbs.nl/nl-nl/cijfers/detail/85984NED" in refused.value.report()
    assert not (tmp_path / "kwb.csv").exists()  # nothing half written


def test_unknown_years_and_codes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as year:
        download_kwb(["GM0344"], tmp_path / "k.csv", year=1999, fetch=recorded)
    assert year.value.rules() == {"cbs.unknown_year"}
    assert "85984NED" in year.value.report()  # the known tables are listed
    with pytest.raises(InputError) as code:
        download_kwb(["Utrecht"], tmp_path / "k.csv", year=2024, fetch=recorded)
    assert code.value.rules() == {"regions.bad_municipality"}
    assert set(KWB_TABLES) >= {2023, 2024}


def test_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cbs_download, "_cbsodata_fetch", recorded)
    target = tmp_path / "kwb.csv"
    code, output = invoke("cbs", "download", "--year", "2024", "--municipalities", "GM9901",
                          "--out", str(target))  # fmt: skip
    assert code == 0, output
    assert "4" in output
    assert target.exists()

    def offline(table: str, filters: str) -> list[dict[str, Any]]:
        raise OSError("network unreachable")

    monkeypatch.setattr(cbs_download, "_cbsodata_fetch", offline)
    code, output = invoke("cbs", "download", "--year", "2024", "--municipalities", "GM9901",
                          "--out", str(tmp_path / "again.csv"))  # fmt: skip
    assert code == 2
    assert "niet bereikbaar" in output


def test_the_button_in_the_web_application(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The region page's download: the region's municipalities are asked for, the same preview
    follows; offline, the page says so (nothing stored either way)."""
    from ggzregio.app.context import Actor, Context
    from ggzregio.app.setup import init_geography
    from ggzregio.storage import repository as repo
    from tests.web_support import add_user, client_for, csrf_of, login

    ctx = Context.open(f"sqlite:///{tmp_path / 'real.db'}")
    init_geography(ctx, Actor(client="test"), "nl-2024", "ggd")
    add_user(ctx.settings.database_url, "redacteur@ggd-groningen.nl", {"GG0111": "editor"})
    client = client_for(ctx.settings.database_url)
    login(client, "redacteur@ggd-groningen.nl", "geheim-wachtwoord")
    asked: list[str] = []

    def groningen(table: str, filters: str) -> list[dict[str, Any]]:
        asked.append(filters)
        text = RECORDED.read_text(encoding="utf-8").replace("9901", "0014")
        rows: list[dict[str, Any]] = json.loads(text)
        return rows

    monkeypatch.setattr(cbs_download, "_cbsodata_fetch", groningen)
    page = client.post(
        "/regio/GG0111/cbs/download",
        data={"year": "2024", "csrf_token": csrf_of(client, "/regio/GG0111")},
    )
    assert page.status_code == 200, page.text[:300]
    assert "preview-facts" in page.text
    assert "BU0014" in asked[0]
    assert "BU0037" in asked[0]  # every municipality of the region
    with ctx.factory() as db:
        assert repo.area_count(db, "GG0111") == 0  # a preview only

    def offline(table: str, filters: str) -> list[dict[str, Any]]:
        raise ConnectionError("offline")

    monkeypatch.setattr(cbs_download, "_cbsodata_fetch", offline)
    refused = client.post(
        "/regio/GG0111/cbs/download",
        data={"year": "2024", "csrf_token": csrf_of(client, "/regio/GG0111")},
    )
    assert refused.status_code == 422
    assert "niet bereikbaar" in refused.text


def test_buurt_boundaries_from_pdok_are_what_the_boundary_reader_reads(tmp_path: Path) -> None:
    from ggzregio.boundaries import read_boundaries

    path, n = download_buurt_boundaries(["GM9901"], tmp_path / "b.geojson", year=2024, fetch=pdok)
    assert n == 3  # the water part is left out
    read = read_boundaries(path)
    assert read.source_crs == 28992  # declared RD New, reprojected to WGS84
    codes = [f["properties"]["code"] for f in read.collection["features"]]
    assert codes == ["BU99010000", "BU99010001", "BU99010002"]
    lon, lat = read.collection["features"][0]["geometry"]["coordinates"][0][0][0]
    assert 6.0 < lon < 7.5  # near Groningen, longitude first
    assert 53.0 < lat < 53.5


def test_pdok_is_paged_and_offline_says_so(tmp_path: Path) -> None:
    pages: list[str] = []

    def paged(url: str) -> bytes:
        pages.append(url)
        doc = json.loads(PDOK.read_text(encoding="utf-8"))
        if "startIndex=0" in url:  # a full first page asks for the next one
            doc["features"] = doc["features"][:1] * cbs_download.PAGE_SIZE
        return json.dumps(doc).encode()

    _, n = download_buurt_boundaries(["GM9901", "GM9902"], tmp_path / "p.geojson", year=2024,
                                     fetch=paged)  # fmt: skip
    assert n == cbs_download.PAGE_SIZE + 3
    assert len(pages) == 2
    assert "fes%3AOr" in pages[0]  # both municipalities in one filter

    def offline(url: str) -> bytes:
        raise OSError("network unreachable")

    with pytest.raises(InputError) as refused:
        download_buurt_boundaries(["GM9901"], tmp_path / "o.geojson", year=2024, fetch=offline)
    assert refused.value.rules() == {"cbs.pdok_offline"}
    assert "https://service.pdok.nl/cbs/wijkenbuurten/2024/atom/index.xml" in refused.value.report()
    assert not (tmp_path / "o.geojson").exists()

    def error_page(url: str) -> bytes:
        return b"<ows:ExceptionReport>bad filter</ows:ExceptionReport>"

    with pytest.raises(InputError) as garbled:
        download_buurt_boundaries(["GM9901"], tmp_path / "o.geojson", year=2024, fetch=error_page)
    assert garbled.value.rules() == {"cbs.pdok_offline"}


def test_the_region_page_fetches_boundaries_after_the_area_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ggzregio.app.accounts import audit_log
    from ggzregio.app.context import Actor, Context
    from ggzregio.app.setup import init_geography
    from ggzregio.storage import repository as repo
    from tests.web_support import add_user, client_for, csrf_of, login

    ctx = Context.open(f"sqlite:///{tmp_path / 'real.db'}")
    init_geography(ctx, Actor(client="test"), "nl-2024", "ggd")
    add_user(ctx.settings.database_url, "redacteur@ggd-groningen.nl", {"GG0111": "editor"})
    client = client_for(ctx.settings.database_url)
    login(client, "redacteur@ggd-groningen.nl", "geheim-wachtwoord")
    groningen = RECORDED.read_text(encoding="utf-8").replace("9901", "0014")
    monkeypatch.setattr(
        cbs_download, "_cbsodata_fetch", lambda table, filters: json.loads(groningen)
    )
    monkeypatch.setattr(
        cbs_download, "_urlopen", lambda url: PDOK.read_bytes().replace(b"9901", b"0014")
    )
    token = csrf_of(client, "/regio/GG0111")
    assert 'action="/regio/GG0111/grenzen/download"' in client.get("/regio/GG0111").text
    preview = client.post("/regio/GG0111/cbs/download", data={"year": "2024", "csrf_token": token})
    confirm = re.search(r'name="token" value="([^"]+)"', preview.text)
    assert confirm, preview.text[:300]
    done = client.post(
        "/regio/GG0111/cbs/bevestigen", data={"token": confirm.group(1), "csrf_token": token}
    )
    assert done.status_code == 303
    fetched = client.post(
        "/regio/GG0111/grenzen/download", data={"year": "2024", "csrf_token": token}
    )
    assert fetched.status_code == 303, fetched.text[:300]
    with ctx.factory() as db:
        layer = repo.boundary(db, "area", "GG0111")
        assert layer is not None
        stored = set(repo.area_frame(db, "GG0111")["area_code"])
        assert stored == {"BU00140000", "BU00140001"}  # the preview left one out
        assert {f["properties"]["code"] for f in layer["features"]} == stored
        assert any(e.action == "boundaries.upload" for e in audit_log(db))

    monkeypatch.setattr(cbs_download, "_urlopen", lambda url: (_ for _ in ()).throw(OSError()))
    refused = client.post(
        "/regio/GG0111/grenzen/download", data={"year": "2024", "csrf_token": token}
    )
    assert refused.status_code == 422
    assert "PDOK is niet bereikbaar" in refused.text
