"""Shipped reference geography: the 2024 municipal division of the Netherlands (CBS/PDOK,
CC BY 4.0) with its provinces, GGD regions and zorgkantoor regions and simplified boundaries
(WGS84), for setting up a real instance. See ``data/geography/nl-2024/README.md``.

The municipality-to-region table is derived from the polygons (largest overlap), not copied
from CBS's *Gebieden in Nederland*; :data:`Geography.derived_note` says so wherever it is shown,
and a custom or authoritative division can be loaded in the region lookup format
(:mod:`ggzregio.regions`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Final

import pandas as pd

from ggzregio.errors import InputError, Problem
from ggzregio.regions import RegionLookup

GEOGRAPHIES: Final = ("nl-2024",)
#: Region types a shipped geography divides the country into, and its layer and columns.
LAYERS: Final = {
    "ggd": ("ggdregio", "ggdregiocode", "ggdregionaam"),
    "zorgkantoor": ("zorgkantoorregio", "zorgkantoorregiocode", "zorgkantoorregionaam"),
    "province": ("provincie", "provinciecode", "provincienaam"),
}
ATTRIBUTION: Final = "Bron: CBS, PDOK (CBS gebiedsindelingen 2024)"


@dataclass(frozen=True)
class Geography:
    """A shipped division: its municipalities, region assignments and boundaries."""

    name: str
    year: int
    attribution: str
    #: message key of the note that the region assignment is derived from polygons
    derived_note: str = "geo.derived_assignment"

    def _text(self, file: str) -> str:
        return (resources.files("ggzregio") / "data" / "geography" / self.name / file).read_text(
            encoding="utf-8"
        )

    def municipalities(self) -> pd.DataFrame:
        """One row per municipality with the codes and names of its regions."""
        return _municipalities(self.name)

    def division(self, region_type: str) -> pd.DataFrame:
        """``municipality_code``, ``municipality_name``, ``region_code``, ``region_name`` of
        ``region_type`` (``ggd``, ``zorgkantoor``, ``province``)."""
        if region_type not in LAYERS:
            values: dict[str, object] = {"value": region_type, "allowed": ", ".join(LAYERS)}
            raise InputError([Problem(self.name, "bad_choice", "region_type", values=values)])
        _, code, name = LAYERS[region_type]
        table = self.municipalities()
        return pd.DataFrame(
            {
                "municipality_code": table["gemeentecode"],
                "municipality_name": table["gemeentenaam"],
                "region_code": table[code],
                "region_name": table[name],
            }
        )

    def lookup(self) -> RegionLookup:
        """Every region type as a region lookup (valid from the geography's year)."""
        parts = [self.division(kind).assign(region_type=kind) for kind in LAYERS]
        frame = pd.concat(parts, ignore_index=True)
        frame["valid_from"] = self.year
        frame["valid_to"] = 9999
        return RegionLookup(frame, f"{self.name} (afgeleid uit de grenzen)")

    def boundaries(self, layer: str) -> dict[str, Any]:
        """The layer's boundaries (``gemeente`` or a region layer) as a FeatureCollection with
        ``code`` and ``name`` properties."""
        return _boundaries(self.name, layer)


@lru_cache(maxsize=4)
def _municipalities(name: str) -> pd.DataFrame:
    text = geography(name)._text(f"gemeenten_{geography(name).year}.csv")
    from io import StringIO

    return pd.read_csv(StringIO(text), dtype=str)


@lru_cache(maxsize=16)
def _boundaries(name: str, layer: str) -> dict[str, Any]:
    data = json.loads(geography(name)._text(f"{layer}_{geography(name).year}.geojson"))
    features = [
        {
            "type": "Feature",
            "properties": {
                "code": f["properties"]["statcode"],
                "name": f["properties"]["statnaam"],
            },
            "geometry": f["geometry"],
        }
        for f in data["features"]
    ]
    return feature_collection(features)


def feature_collection(features: list[Any], attribution: str = ATTRIBUTION) -> dict[str, Any]:
    """A FeatureCollection carrying its source (shown on every map drawn from it)."""
    return {"type": "FeatureCollection", "features": features, "attribution": attribution}


def geography(name: str) -> Geography:
    """The shipped geography ``name`` (``nl-2024``)."""
    if name not in GEOGRAPHIES:
        values: dict[str, object] = {"value": name, "allowed": ", ".join(GEOGRAPHIES)}
        raise InputError([Problem("--geography", "bad_choice", values=values)])
    return Geography(name, int(name.rsplit("-", 1)[1]), ATTRIBUTION)


def municipality_layer(geo: Geography, codes: set[str]) -> dict[str, Any]:
    """The boundaries of the municipalities ``codes``."""
    layer = geo.boundaries("gemeente")
    chosen = [f for f in layer["features"] if f["properties"]["code"] in codes]
    return {**layer, "features": chosen}


def merged_regions(municipalities: dict[str, Any], division: pd.DataFrame) -> dict[str, Any]:
    """Region features made of their municipalities' polygons (one MultiPolygon per region,
    inner borders kept): for a custom division, without computing a union."""
    by_code = {f["properties"]["code"]: f["geometry"] for f in municipalities["features"]}
    features = []
    for (code, name), rows in division.groupby(["region_code", "region_name"], sort=True):
        polygons: list[Any] = []
        for municipality in rows["municipality_code"]:
            geometry = by_code.get(municipality)
            if geometry is None:
                continue
            if geometry["type"] == "Polygon":
                polygons.append(geometry["coordinates"])
            else:
                polygons.extend(geometry["coordinates"])
        if polygons:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"code": str(code), "name": str(name)},
                    "geometry": {"type": "MultiPolygon", "coordinates": polygons},
                }
            )
    return feature_collection(features, municipalities.get("attribution", ""))
