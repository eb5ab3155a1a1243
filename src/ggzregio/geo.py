"""Boundaries as GeoJSON: validation of uploaded files, synthetic boundaries for the demo
areas, and choropleth maps drawn as filled shapes (no map tiles, so maps work offline).

Uploaded boundaries are FeatureCollections of Polygon/MultiPolygon features whose property
``code_property`` (default ``code``; CBS files use e.g. ``buurtcode``/``statcode``) holds the
area or region code. Coordinates may be WGS84 (longitude, latitude) or a projected grid such
as RD New; the map keeps the aspect right for both.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ggzregio.errors import InputError, Problem
from ggzregio.formatting import format_number
from ggzregio.i18n import t

#: Bounding box of the synthetic demo map (roughly the Netherlands, WGS84).
DEMO_BOX: Final = (3.6, 50.9, 7.0, 53.4)
DEMO_SOURCE: Final = "ggzregio synthetische grenzen (geen echte geografie)"
#: Colour-blind safe sequential classes (ColorBrewer YlGnBu, 5 classes), light to dark.
CLASS_COLOURS: Final = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
MISSING_COLOUR: Final = "#d9d9d9"
#: Properties that may hold an area's name (our own, CBS/PDOK files), tried in order.
NAME_PROPERTIES: Final = ("name", "statnaam", "buurtnaam", "wijknaam", "gemeentenaam",
                          "BU_NAAM", "WK_NAAM", "GM_NAAM")  # fmt: skip
GEOMETRIES: Final = ("Polygon", "MultiPolygon")
FeatureCollection = dict[str, Any]


def _rectangle(x0: float, y0: float, x1: float, y1: float) -> list[list[list[float]]]:
    ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    return [[[round(x, 5), round(y, 5)] for x, y in ring]]


def _feature(code: str, name: str, rings: list[list[list[float]]]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"code": code, "name": name},
        "geometry": {"type": "Polygon", "coordinates": rings},
    }


def synthetic_boundaries(
    areas: pd.DataFrame,
) -> tuple[FeatureCollection, dict[str, FeatureCollection]]:
    """Boundaries for synthetic areas: regions as cells of a grid over the demo box, each
    region's areas as a grid inside its cell. Returns the region collection and one area
    collection per region. Deterministic (ordered by code)."""
    regions = sorted(areas["region_code"].astype(str).unique())
    names = dict(
        zip(areas["region_code"].astype(str), areas["region_name"].astype(str), strict=True)
    )
    x0, y0, x1, y1 = DEMO_BOX
    cols = math.ceil(math.sqrt(len(regions)))
    rows = math.ceil(len(regions) / cols)
    width, height = (x1 - x0) / cols, (y1 - y0) / rows
    region_features = []
    area_collections: dict[str, FeatureCollection] = {}
    for i, code in enumerate(regions):
        rx0 = x0 + (i % cols) * width
        ry1 = y1 - (i // cols) * height
        region_features.append(
            _feature(code, names[code], _rectangle(rx0, ry1 - height, rx0 + width, ry1))
        )
        own = areas[areas["region_code"].astype(str) == code].sort_values("area_code")
        n = len(own)
        acols = max(1, math.ceil(math.sqrt(n * width / height * 0.62)))
        arows = math.ceil(n / acols)
        aw, ah = width / acols, height / arows
        features = []
        for j, (acode, aname) in enumerate(
            zip(own["area_code"].astype(str), own["area_name"].astype(str), strict=True)
        ):
            ax0 = rx0 + (j % acols) * aw
            ay1 = ry1 - (j // acols) * ah
            features.append(_feature(acode, aname, _rectangle(ax0, ay1 - ah, ax0 + aw, ay1)))
        area_collections[code] = {"type": "FeatureCollection", "features": features}
    return {"type": "FeatureCollection", "features": region_features}, area_collections


#: Deepest nesting of arrays and objects a GeoJSON file may have (a MultiPolygon in a
#: FeatureCollection is 7 deep); deeper is refused before it is parsed.
MAX_JSON_DEPTH: Final = 32
_STRINGS: Final = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)


def json_depth(data: bytes) -> int:
    """How deep arrays and objects are nested in JSON ``data`` (brackets inside strings do not
    count); vectorised, so a file of many megabytes is measured in milliseconds."""
    codes = np.frombuffer(_STRINGS.sub(b'""', data), dtype=np.uint8)
    steps = np.zeros(codes.size, dtype=np.int64)
    steps[(codes == ord("[")) | (codes == ord("{"))] = 1
    steps[(codes == ord("]")) | (codes == ord("}"))] = -1
    return int(np.cumsum(steps).max(initial=0))


def load_json(text: str | bytes, file: str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse JSON from an upload: refused with an :class:`InputError` when it is not JSON or
    is nested deeper than ``max_depth`` (which would exhaust the parser's recursion)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if json_depth(data) > max_depth:
        raise InputError([Problem(file, "geo.too_deep", values={"max": max_depth})])
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise InputError([Problem(file, "geo.not_json", values={"detail": str(exc)})]) from exc


def parse_geojson(text: str | bytes, file: str, code_property: str = "code") -> FeatureCollection:
    """Validate GeoJSON text: a FeatureCollection of (Multi)Polygons each with a unique code
    in ``code_property``. Features are returned with that code under ``code``."""

    def bad(rule: str, rows: Sequence[int] = (), **values: object) -> InputError:
        return InputError([Problem(file, rule, None, tuple(rows), dict(values))])

    doc = load_json(text, file)
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise bad("geo.not_collection")
    features = doc.get("features")
    if not isinstance(features, list) or not features:
        raise bad("geo.no_features")
    problems: dict[str, list[int]] = {}
    seen: set[str] = set()
    out = []
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        code = props.get(code_property) if isinstance(props, dict) else None
        if code is None or str(code).strip() == "":
            problems.setdefault("geo.no_code", []).append(number)
            continue
        code = str(code).strip()
        if code in seen:
            problems.setdefault("geo.duplicate_code", []).append(number)
            continue
        if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRIES:
            problems.setdefault("geo.bad_geometry", []).append(number)
            continue
        if not _valid_coordinates(geometry):
            problems.setdefault("geo.bad_coordinates", []).append(number)
            continue
        seen.add(code)
        names = props if isinstance(props, dict) else {}
        found = next((names[k] for k in NAME_PROPERTIES if names.get(k)), None)
        name = str(found or code)
        out.append(
            {"type": "Feature", "properties": {"code": code, "name": name}, "geometry": geometry}
        )
    if problems:
        raise InputError(
            [
                Problem(file, rule, code_property, tuple(rows), {"property": code_property})
                for rule, rows in problems.items()
            ]
        )
    return {"type": "FeatureCollection", "features": out}


def _valid_coordinates(geometry: Mapping[str, Any]) -> bool:
    """Every ring (outer and holes) of every polygon: a list of at least 4 points, each a
    list of at least 2 finite numbers."""
    try:
        for ring in _rings(geometry):
            if not isinstance(ring, list) or len(ring) < 4:
                return False
            for point in ring:
                if not isinstance(point, list) or len(point) < 2:
                    return False
                if not all(_finite(v) for v in point[:2]):
                    return False
    except (TypeError, ValueError, KeyError):
        return False
    return True


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _rings(geometry: Mapping[str, Any]) -> Iterator[Sequence[Sequence[float]]]:
    """Every ring of a Polygon or MultiPolygon (a polygon without rings is refused)."""
    coordinates = geometry["coordinates"]
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        raise ValueError("no polygons")
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise ValueError("no rings")
        yield from polygon


def feature_codes(collection: FeatureCollection) -> list[str]:
    return [str(f["properties"]["code"]) for f in collection["features"]]


def _value(value: float | None) -> float:
    return math.nan if value is None else float(value)


def class_breaks(values: np.ndarray, n: int = len(CLASS_COLOURS)) -> np.ndarray:
    """Quantile class limits (n+1 values) of the finite ``values``; ties merged."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return np.array([0.0, 1.0])
    edges = np.unique(np.quantile(finite, np.linspace(0, 1, n + 1)))
    return edges if edges.size > 1 else np.array([edges[0], edges[0] + 1])


def map_figure(
    collection: FeatureCollection,
    values: Mapping[str, float | None],
    *,
    title: str,
    value_label: str,
    decimals: int = 1,
    links: Mapping[str, str] | None = None,
) -> go.Figure:
    """A choropleth of ``values`` (by feature code) in quantile classes: one filled trace per
    class (so the legend states each class's range), a grey class for missing or suppressed
    values, and hover points at the centre of every shape. ``links`` (code to URL) are put in
    the points' customdata for click-through."""
    codes = feature_codes(collection)
    series = np.array([_value(values.get(c)) for c in codes], dtype=float)
    edges = class_breaks(series)
    classes = np.clip(np.searchsorted(edges, series, side="right") - 1, 0, edges.size - 2)
    classes = np.where(np.isfinite(series), classes, -1)
    fig = go.Figure()
    centres: list[tuple[float, float]] = []
    shapes: dict[int, tuple[list[float | None], list[float | None]]] = {}
    for k, feature in enumerate(collection["features"]):
        xs, ys = shapes.setdefault(int(classes[k]), ([], []))
        bx: list[float] = []
        by: list[float] = []
        for ring in _rings(feature["geometry"]):
            px = [float(p[0]) for p in ring]
            py = [float(p[1]) for p in ring]
            xs.extend([*px, None])
            ys.extend([*py, None])
            bx.extend(px)
            by.extend(py)
        centres.append(((min(bx) + max(bx)) / 2, (min(by) + max(by)) / 2))
    for cls in sorted(shapes):
        xs, ys = shapes[cls]
        if cls < 0:
            colour, name = MISSING_COLOUR, t("map.missing")
        else:
            colour = CLASS_COLOURS[min(cls, len(CLASS_COLOURS) - 1)]
            low, high = edges[cls], edges[cls + 1]
            name = f"{format_number(low, decimals)} – {format_number(high, decimals)}"
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=colour,
                line={"color": "#ffffff", "width": 0.6},
                name=name,
                hoverinfo="skip",
            )
        )
    names = [
        str(f["properties"].get("name", f["properties"]["code"])) for f in collection["features"]
    ]
    text = [
        f"{n} ({c})<br>{value_label}: "
        + ("–" if not np.isfinite(v) else format_number(v, decimals))
        for n, c, v in zip(names, codes, series, strict=True)
    ]
    fig.add_trace(
        go.Scatter(
            x=[c[0] for c in centres],
            y=[c[1] for c in centres],
            mode="markers",
            marker={"size": 6, "opacity": 0},
            text=text,
            hovertemplate="%{text}<extra></extra>",
            customdata=[(links or {}).get(c, "") for c in codes],
            showlegend=False,
        )
    )
    geographic = bool(centres) and all(abs(x) <= 180 and abs(y) <= 90 for x, y in centres)
    mid_lat = float(np.mean([c[1] for c in centres])) if centres and geographic else 0.0
    fig.update_layout(
        title={"text": title},
        legend={"title": {"text": value_label}},
        xaxis={"visible": False},
        yaxis={
            "visible": False,
            "scaleanchor": "x",
            "scaleratio": 1 / math.cos(math.radians(mid_lat)) if geographic else 1.0,
        },
        plot_bgcolor="#ffffff",
        margin={"l": 10, "r": 10, "t": 50, "b": 30},
        hovermode="closest",
    )
    source = collection.get("attribution") if isinstance(collection, dict) else None
    if source:  # the boundaries' source, on every map drawn from them ("Bron: CBS, PDOK")
        fig.add_annotation(
            text=str(source), xref="paper", yref="paper", x=0, y=-0.02, xanchor="left",
            yanchor="top", showarrow=False, font={"size": 10, "color": "#555555"},
        )  # fmt: skip
    return fig
