"""Boundaries from RD New or WGS84 GeoJSON and from GeoPackage: reprojected, simplified and
joined to areas by code."""

from __future__ import annotations

import json
import sqlite3
import struct
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Polygon

from ggzregio.boundaries import join_areas, read_boundaries
from ggzregio.errors import InputError
from tests.conftest import invoke

#: The RD New origin (Amersfoort, x 155000, y 463000) lies at 5.3872 E, 52.1552 N in WGS84.
ORIGIN_RD = (155_000.0, 463_000.0)
ORIGIN_WGS84 = (5.3872, 52.1552)


def _square(x: float, y: float, size: float, points: int = 4) -> list[list[float]]:
    """A square ring with extra points on each side (which simplification may drop)."""
    ring: list[list[float]] = []
    corners = [(x, y), (x + size, y), (x + size, y + size), (x, y + size)]
    for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1], strict=True):
        for k in range(points):
            ring.append([x0 + (x1 - x0) * k / points, y0 + (y1 - y0) * k / points])
    ring.append(ring[0])
    return ring


def _rd_geojson(path: Path, crs: bool = True) -> Path:
    features = [
        {"type": "Feature", "properties": {"buurtcode": "BU99010000", "buurtnaam": "Centrum"},
         "geometry": {"type": "Polygon", "coordinates": [_square(*ORIGIN_RD, 1000)]}},
        {"type": "Feature", "properties": {"buurtcode": "BU99010001", "buurtnaam": "Noord"},
         "geometry": {"type": "Polygon", "coordinates": [_square(155_000, 464_000, 1000)]}},
    ]  # fmt: skip
    doc: dict[str, object] = {"type": "FeatureCollection", "features": features}
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    path.write_text(json.dumps(doc))
    return path


def test_rd_new_is_reprojected_to_wgs84(tmp_path: Path) -> None:
    found = read_boundaries(_rd_geojson(tmp_path / "buurten.geojson"), tolerance_m=0)
    assert found.source_crs == 28992
    first = found.collection["features"][0]
    assert first["properties"] == {"code": "BU99010000", "name": "Centrum"}
    x, y = shapely.geometry.shape(first["geometry"]).bounds[:2]  # south-west corner
    assert x == pytest.approx(ORIGIN_WGS84[0], abs=1e-4)
    assert y == pytest.approx(ORIGIN_WGS84[1], abs=1e-4)


def test_simplification_drops_points_but_keeps_the_shape(tmp_path: Path) -> None:
    path = _rd_geojson(tmp_path / "buurten.geojson")
    full = read_boundaries(path, tolerance_m=0).collection["features"][0]["geometry"]
    simple = read_boundaries(path, tolerance_m=25).collection["features"][0]["geometry"]
    assert len(simple["coordinates"][0]) < len(full["coordinates"][0])
    a, b = shapely.geometry.shape(full), shapely.geometry.shape(simple)
    assert b.area == pytest.approx(a.area, rel=1e-3)


def test_projected_coordinates_without_crs_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="28992"):
        read_boundaries(_rd_geojson(tmp_path / "zonder.geojson", crs=False))
    found = read_boundaries(_rd_geojson(tmp_path / "zonder.geojson", crs=False), crs=28992)
    assert found.source_crs == 28992


def _geopackage(path: Path) -> Path:
    """A minimal GeoPackage (OGC 12-128r18): header 'GP', version 0, flags (little endian,
    no envelope), srs id 28992, then WKB."""
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY,
            organization TEXT, organization_coordsys_id INTEGER, definition TEXT);
        CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT);
        CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT,
            geometry_type_name TEXT, srs_id INTEGER);
        INSERT INTO gpkg_spatial_ref_sys VALUES ('Amersfoort / RD New', 28992, 'EPSG', 28992, '');
        INSERT INTO gpkg_contents VALUES ('buurten', 'features');
        INSERT INTO gpkg_geometry_columns VALUES ('buurten', 'geom', 'POLYGON', 28992);
        CREATE TABLE buurten (fid INTEGER PRIMARY KEY, geom BLOB, buurtcode TEXT,
            buurtnaam TEXT, aantal_inwoners INTEGER);
        """
    )
    for code, name, y in (("BU99010000", "Centrum", 463_000), ("BU99010001", "Noord", 464_000)):
        wkb = shapely.to_wkb(Polygon(_square(155_000, y, 1000)), byte_order=1)
        blob = b"GP" + bytes([0, 0b00000001]) + struct.pack("<i", 28992) + wkb
        db.execute(
            "INSERT INTO buurten (geom, buurtcode, buurtnaam, aantal_inwoners) VALUES (?,?,?,?)",
            (blob, code, name, 1000),
        )
    db.commit()
    db.close()
    return path


def test_geopackage_with_attributes(tmp_path: Path) -> None:
    found = read_boundaries(_geopackage(tmp_path / "wijkenbuurten.gpkg"), tolerance_m=0)
    assert found.source_crs == 28992
    assert [f["properties"]["code"] for f in found.collection["features"]] == [
        "BU99010000",
        "BU99010001",
    ]
    corner = shapely.geometry.shape(found.collection["features"][0]["geometry"]).bounds[:2]
    assert corner == pytest.approx(ORIGIN_WGS84, abs=1e-4)
    assert found.attributes is not None
    assert found.attributes["aantal_inwoners"].tolist() == [1000, 1000]


def test_join_by_code_reports_both_sides(tmp_path: Path) -> None:
    found = read_boundaries(_rd_geojson(tmp_path / "b.geojson"))
    join = join_areas(found.collection, ["BU99010000", "BU99010002"])
    assert join.matched == ("BU99010000",)
    assert join.without_boundary == ("BU99010002",)
    assert join.unknown == ("BU99010001",)


def test_cli_convert_writes_wgs84_geojson(tmp_path: Path) -> None:
    target = tmp_path / "web.geojson"
    areas = tmp_path / "areas.csv"
    areas.write_text("area_code\nBU99010000\nBU99010001\nBU99010009\n")
    code, output = invoke(
        "boundaries", "convert", str(_rd_geojson(tmp_path / "b.geojson")),
        "--out", str(target), "--areas", str(areas),
    )  # fmt: skip
    assert code == 0, output
    assert "2 gekoppeld" in output
    assert "1 gebieden zonder grens" in output
    doc = json.loads(target.read_text())
    assert doc["metadata"]["boundaries_crs"] == "EPSG:28992 -> EPSG:4326"
    assert len(doc["features"]) == 2


def test_neighbours_stay_without_gaps_when_simplified(tmp_path: Path) -> None:
    """Two buurten sharing a wiggly border: simplified together, the border stays shared (no
    gap, no overlap), as ``shapely.coverage_simplify`` guarantees."""
    border = [[155_000.0 + 500, 463_000.0 + k * 50 + (7 if k % 2 else 0)] for k in range(21)]
    west = [[155_000.0, 463_000.0], *border, [155_000.0, 464_000.0], [155_000.0, 463_000.0]]
    east = [[156_000.0, 463_000.0], [156_000.0, 464_000.0], *border[::-1], [156_000.0, 463_000.0]]
    features = [
        {"type": "Feature", "properties": {"code": code}, "geometry": {"type": "Polygon",
         "coordinates": [ring]}}
        for code, ring in (("BU99010000", west), ("BU99010001", east))
    ]  # fmt: skip
    rd_new = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    doc = {"type": "FeatureCollection", "features": features, "crs": rd_new}
    path = tmp_path / "buren.geojson"
    path.write_text(json.dumps(doc))
    found = read_boundaries(path, tolerance_m=25)
    a, b = (shapely.geometry.shape(f["geometry"]) for f in found.collection["features"])
    assert len(a.exterior.coords) < len(west)  # simplified
    together = shapely.union_all([a, b])
    assert together.geom_type == "Polygon"  # no gap between them
    assert not list(together.interiors)
    assert a.intersection(b).area == pytest.approx(0, abs=1e-12)  # no overlap
