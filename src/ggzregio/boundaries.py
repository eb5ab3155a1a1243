"""Real boundaries for the web: read GeoJSON or GeoPackage (e.g. the CBS Wijk- en buurtkaart
or PDOK downloads) in RD New (EPSG:28992) or WGS84, reproject to WGS84, simplify for fast maps
and join to areas by code.

The coordinate system is taken from the file (GeoJSON ``crs`` member, GeoPackage
``gpkg_spatial_ref_sys``) or given by the user. A GeoJSON without ``crs`` is WGS84 by the
standard (RFC 7946); if its coordinates cannot be longitude/latitude the file is refused rather
than guessed. RD New to WGS84 uses PROJ (pyproj) with its standard transformation, accurate to
about a metre: ample for maps. Neighbouring polygons are simplified together
(``shapely.coverage_simplify``, so shared edges stay shared and no gaps open between
neighbours) with a tolerance in metres (default 25 m; in RD New before reprojecting), and
coordinates are rounded to 6 decimals (~0.1 m).
Shapely and pyproj come with the extra ``geo``; they are imported when boundaries are read.
"""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pandas as pd

from ggzregio.errors import InputError, Problem
from ggzregio.extras import require
from ggzregio.geo import NAME_PROPERTIES, FeatureCollection, load_json, parse_geojson
from ggzregio.io.tables import limit

if TYPE_CHECKING:
    import shapely

WGS84: Final = 4326
RD_NEW: Final = 28992
DEFAULT_TOLERANCE_M: Final = 25.0
DIGITS: Final = 6
#: Metres per degree of latitude, to turn the tolerance into degrees after reprojection.
METRES_PER_DEGREE: Final = 111_320.0
#: Property names CBS/PDOK files use for codes and names, tried in order when none is given.
CODE_PROPERTIES: Final = ("code", "statcode", "buurtcode", "wijkcode", "gemeentecode",
                          "BU_CODE", "WK_CODE", "GM_CODE", "postcode", "PC4")  # fmt: skip
_EPSG = re.compile(r"EPSG:{1,2}(\d+)", re.IGNORECASE)
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


@dataclass(frozen=True)
class Boundaries:
    """Features (code in ``properties.code``) in WGS84, with what was done to them."""

    collection: FeatureCollection
    source_crs: int
    tolerance_m: float
    attributes: pd.DataFrame | None = None

    def metadata(self, file: str) -> dict[str, str]:
        return {
            "boundaries_source": file,
            "boundaries_crs": f"EPSG:{self.source_crs} -> EPSG:{WGS84}",
            "boundaries_simplified_m": f"{self.tolerance_m:g}",
        }


def _require_geo() -> None:
    """Shapely and pyproj (the extra ``geo``), or a clear refusal to install it."""
    require("shapely", "geo")
    require("pyproj", "geo")


def _bad(file: str, rule: str, **values: object) -> InputError:
    return InputError([Problem(file, rule, values=dict(values))])


def _declared_crs(doc: dict[str, Any]) -> int | None:
    crs = doc.get("crs")
    if isinstance(crs, dict):
        name = str((crs.get("properties") or {}).get("name", ""))
        found = _EPSG.search(name.replace("::", ":"))
        if found:
            return int(found.group(1))
        if "CRS84" in name.upper():
            return WGS84
    return None


def _pick(properties: Iterable[str], wanted: str | None, options: tuple[str, ...]) -> str | None:
    names = list(properties)
    if wanted:
        return wanted
    lower = {n.lower(): n for n in names}
    return next((lower[o.lower()] for o in options if o.lower() in lower), None)


def read_geojson(data: bytes, file: str, code_property: str | None, crs: int | None) -> Boundaries:
    """GeoJSON text to validated features in their own coordinates (not yet reprojected)."""
    doc = load_json(data, file)  # not JSON, or nested too deep: refused here
    source = crs or (_declared_crs(doc) if isinstance(doc, dict) else None)
    first: dict[str, Any] = {}
    if isinstance(doc, dict) and isinstance(doc.get("features"), list) and doc["features"]:
        feature = doc["features"][0]
        first = (feature.get("properties") if isinstance(feature, dict) else None) or {}
    prop = _pick(first, code_property, CODE_PROPERTIES) or "code"
    collection = parse_geojson(data, file, prop)
    if source is None:
        _require_geo()
        import shapely
        from shapely.geometry import shape

        bounds = shapely.total_bounds([shape(f["geometry"]) for f in collection["features"]])
        if bounds[0] < -180 or bounds[2] > 180 or bounds[1] < -90 or bounds[3] > 90:
            raise _bad(file, "geo.unknown_crs")
        source = WGS84
    return Boundaries(collection, source, 0.0)


def _gpkg_geometry(blob: bytes | None) -> shapely.Geometry | None:
    """A GeoPackage geometry blob: 'GP', version, flags, srs id, envelope, then WKB."""
    if blob is None or len(blob) < 8 or blob[:2] != b"GP":
        return None
    flags = blob[3]
    if flags & 0b10000:  # empty geometry
        return None
    envelope = _ENVELOPE_BYTES.get((flags >> 1) & 0b111, 0)
    import shapely

    return shapely.from_wkb(bytes(blob[8 + envelope :]))


def read_geopackage(
    path: Path, file: str, code_property: str | None, layer: str | None, crs: int | None
) -> Boundaries:
    """Features and attributes of one feature layer of a GeoPackage (an SQLite file)."""
    _require_geo()
    from shapely.geometry import mapping

    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        layers = connection.execute(
            "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c "
            "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
            "WHERE c.data_type = 'features'"
        ).fetchall()
    except sqlite3.Error as exc:
        raise _bad(file, "geo.not_geopackage", detail=str(exc)) from exc
    try:
        names = [row[0] for row in layers]
        if layer is None and len(layers) != 1:
            raise _bad(file, "geo.choose_layer", layers=", ".join(names) or "-")
        chosen = next((row for row in layers if layer in (None, row[0])), None)
        if chosen is None:
            raise _bad(file, "geo.unknown_layer", layer=layer, layers=", ".join(names))
        table, geometry_column, srs_id = chosen
        kind = connection.execute(
            "SELECT type FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
        if kind is None or kind[0] != "table":  # a view could compute rows without end
            raise _bad(file, "geo.not_geopackage", detail=f"{table}: not a table")
        count = connection.execute(f'SELECT COUNT(*) FROM "{table.replace(chr(34), "")}"')
        if int(count.fetchone()[0]) > MAX_FEATURES:
            raise _bad(file, "geo.too_many_features", limit=MAX_FEATURES)
        srs = connection.execute(
            "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys "
            "WHERE srs_id = ?",
            (srs_id,),
        ).fetchone()
        frame = pd.read_sql_query(f'SELECT * FROM "{table.replace(chr(34), "")}"', connection)
    except (sqlite3.Error, pd.errors.DatabaseError, ValueError) as exc:
        raise _bad(file, "geo.not_geopackage", detail=type(exc).__name__) from exc
    finally:
        connection.close()
    source = crs or (int(srs[1]) if srs and str(srs[0]).upper() == "EPSG" else None)
    if source is None:
        raise _bad(file, "geo.unknown_crs")
    prop = _pick(frame.columns, code_property, CODE_PROPERTIES)
    if prop is None or prop not in frame.columns:
        raise _bad(file, "geo.no_code_property", property=code_property or "code")
    name_prop = _pick(frame.columns, None, NAME_PROPERTIES)
    features = []
    names_column = frame[name_prop].tolist() if name_prop else [None] * len(frame)
    rows = zip(frame[geometry_column].tolist(), frame[prop].tolist(), names_column, strict=True)
    for number, (blob, code, name) in enumerate(rows, start=1):
        geometry = _gpkg_geometry(blob)
        properties = {"code": code, "name": name}
        features.append(
            {
                "type": "Feature",
                "properties": properties,
                "geometry": mapping(geometry) if geometry is not None else None,
                "id": number,
            }
        )
    text = json.dumps({"type": "FeatureCollection", "features": features}, default=str)
    collection = parse_geojson(text, file, "code")
    attributes = frame.drop(columns=[geometry_column])
    attributes.index = pd.RangeIndex(2, len(attributes) + 2)  # rows as a person counts them
    return Boundaries(collection, source, 0.0, attributes)


#: Features a boundary file may hold (a national buurt map has about 14,000).
MAX_FEATURES: Final = 50_000


def check_web_geometries(collection: FeatureCollection, file: str) -> None:
    """Every geometry is a non-empty (Multi)Polygon with finite WGS84 coordinates (a map of
    the Netherlands drawn from it cannot fail); refuses the file otherwise."""
    _require_geo()
    import shapely
    from shapely.geometry import shape

    bad: list[int] = []
    for number, feature in enumerate(collection["features"], start=1):
        try:
            geometry = shape(feature["geometry"])
        except (KeyError, TypeError, ValueError, IndexError, shapely.errors.GEOSException):
            bad.append(number)
            continue
        bounds = geometry.bounds
        if (
            geometry.is_empty
            or geometry.geom_type not in ("Polygon", "MultiPolygon")
            or not all(np.isfinite(bounds))
            or not (-180 <= bounds[0] <= bounds[2] <= 180 and -90 <= bounds[1] <= bounds[3] <= 90)
        ):
            bad.append(number)
    if bad:
        raise InputError([Problem(file, "geo.unusable_geometry", rows=tuple(bad[:20]))])


def to_web(boundaries: Boundaries, tolerance_m: float = DEFAULT_TOLERANCE_M) -> Boundaries:
    """Reproject to WGS84 and simplify (tolerance in metres; 0 keeps every vertex)."""
    _require_geo()
    import shapely
    from pyproj import Transformer
    from shapely.geometry import mapping, shape

    geometries = [shape(f["geometry"]) for f in boundaries.collection["features"]]
    metric = boundaries.source_crs != WGS84  # RD New: simplify in metres, then reproject
    if tolerance_m > 0 and metric:
        geometries = _simplify(geometries, tolerance_m)
    if boundaries.source_crs != WGS84:
        transformer = Transformer.from_crs(boundaries.source_crs, WGS84, always_xy=True)
        geometries = [
            shapely.transform(g, lambda xy: _stack(transformer.transform(xy[:, 0], xy[:, 1])))
            for g in geometries
        ]
    if tolerance_m > 0 and not metric:
        geometries = _simplify(geometries, tolerance_m / METRES_PER_DEGREE)
    geometries = list(shapely.set_precision(geometries, 10**-DIGITS))
    features = []
    for feature, geometry in zip(boundaries.collection["features"], geometries, strict=True):
        features.append(
            {
                "type": "Feature",
                "properties": dict(feature["properties"]),
                "geometry": mapping(geometry),
            }
        )
    collection: FeatureCollection = {**boundaries.collection, "features": features}
    return Boundaries(collection, boundaries.source_crs, tolerance_m, boundaries.attributes)


def _simplify(geometries: list[Any], tolerance: float) -> list[Any]:
    """Simplify neighbouring polygons together (``shapely.coverage_simplify``: shared edges
    stay shared, so no gaps or overlaps open between neighbours); a set that is not a clean
    coverage (overlapping polygons) is simplified one by one, topology preserving."""
    import shapely

    try:
        simplified = list(shapely.coverage_simplify(geometries, tolerance))
    except shapely.errors.GEOSException:
        simplified = []
    if len(simplified) != len(geometries) or not all(g.is_valid for g in simplified):
        simplified = list(shapely.simplify(geometries, tolerance, preserve_topology=True))
    return simplified


def _stack(xy: tuple[Any, Any]) -> Any:
    return np.column_stack(xy)


def read_boundaries(
    path: str | Path,
    *,
    code_property: str | None = None,
    layer: str | None = None,
    crs: int | None = None,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    name: str | None = None,
) -> Boundaries:
    """Read GeoJSON (``.geojson``/``.json``) or GeoPackage (``.gpkg``) boundaries, reproject
    them to WGS84 and simplify them."""
    _require_geo()
    path = Path(path)
    file = name or path.name
    if not path.is_file():
        raise _bad(file, "file_not_found")
    if path.suffix.lower() == ".gpkg":
        found = read_geopackage(path, file, code_property, layer, crs)
    else:
        found = read_geojson(path.read_bytes(), file, code_property, crs)
    check_vertices(found.collection, file)
    return to_web(found, tolerance_m)


#: Vertices one feature and one file may have before simplification (settable with
#: ``GGZREGIO_MAX_FEATURE_VERTICES`` and ``GGZREGIO_MAX_VERTICES``); CBS/PDOK's detailed buurt
#: map stays far below either.
DEFAULT_MAX_FEATURE_VERTICES: Final = 100_000
DEFAULT_MAX_VERTICES: Final = 5_000_000


def check_vertices(collection: FeatureCollection, file: str) -> None:
    """Refuse a file whose geometries have more vertices than the limits (counted at once for
    every feature, before the slow simplification)."""
    import shapely
    from shapely.geometry import shape

    geometries = [shape(f["geometry"]) for f in collection["features"]]
    counts = shapely.get_num_coordinates(np.asarray(geometries, dtype=object))
    most_one = limit("MAX_FEATURE_VERTICES", DEFAULT_MAX_FEATURE_VERTICES)
    most_all = limit("MAX_VERTICES", DEFAULT_MAX_VERTICES)
    over = np.flatnonzero(counts > most_one)
    if len(over):
        rows = tuple(int(i) + 1 for i in over[:20])
        values: dict[str, object] = {"n": int(counts[over[0]]), "max": most_one}
        raise InputError([Problem(file, "geo.too_many_vertices", rows=rows, values=values)])
    if int(counts.sum()) > most_all:
        total: dict[str, object] = {"n": int(counts.sum()), "max": most_all}
        raise InputError([Problem(file, "geo.too_many_vertices_file", values=total)])


def read_boundaries_bytes(data: bytes, file: str, **options: Any) -> Boundaries:
    """:func:`read_boundaries` for uploaded bytes."""
    suffix = ".gpkg" if data[:16].startswith(b"SQLite format 3") else ".geojson"
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"upload{suffix}"
        target.write_bytes(data)
        return read_boundaries(target, name=file, **options)


@dataclass(frozen=True)
class Join:
    """How boundaries and areas meet: codes in both, only in the areas, only in the map."""

    matched: tuple[str, ...]
    without_boundary: tuple[str, ...]
    unknown: tuple[str, ...]


def join_areas(collection: FeatureCollection, area_codes: Iterable[str]) -> Join:
    """Join boundaries to areas by code (exact, after trimming spaces)."""
    codes = [str(f["properties"]["code"]) for f in collection["features"]]
    areas = {str(c).strip() for c in area_codes}
    mapped = set(codes)
    return Join(
        tuple(sorted(mapped & areas)),
        tuple(sorted(areas - mapped)),
        tuple(sorted(mapped - areas)),
    )
