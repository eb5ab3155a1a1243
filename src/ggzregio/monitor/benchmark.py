"""Benchmarking regions on one indicator in one year — as context, not a league table.

The seed warns that regions cannot simply be called good or bad because their starting points
differ too much (002:669-673). So by default regions are listed in code order with their value
(per 100,000 for counts), the national value, their quartile and whether they lie inside the
funnel around the national value; a rank (by the indicator's direction) is there but the table
is only ordered by it on request. The national value and the funnel are those of the regions that
report the indicator that year (their population, not that of all regions); every row states
that coverage (``coverage_*`` columns) and below ``min_coverage`` there is no national value and
no funnel (``coverage_too_low``). *Similar regions* are the nearest neighbours on population
(log), urbanity and expected EPA prevalence (standardised), so a region can compare itself with
comparable regions rather than with all.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd
from scipy.stats import norm

from ggzregio.monitor.catalogue import POPULATION
from ggzregio.monitor.coverage import DEFAULT_MIN_COVERAGE, below
from ggzregio.monitor.data import (
    NATIONAL,
    PER,
    MonitorData,
    coverage,
    national,
    national_per_100k,
)
from ggzregio.monitor.protection import protection_for
from ggzregio.poisson import poisson_count_limits
from ggzregio.privacy import DEFAULT_THRESHOLD, SUPPRESSED

FUNNEL_LEVELS: Final = (0.95, 0.998)
SIMILAR_FEATURES: Final = ("log_population", "urbanity", "prevalence_index")


def benchmark(
    data: MonitorData,
    indicator: str,
    year: int,
    threshold: int = DEFAULT_THRESHOLD,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
) -> pd.DataFrame:
    """Per region: value, value per 100,000 (counts), national value, rank, quartile, funnel,
    and the coverage of the national value (regions reporting, their share of the population).

    For a sensitive indicator, regions whose count (for a rate: its weight, e.g. respondents)
    is below ``threshold`` are hidden with secondary suppression; rank and quartile are then
    computed among the visible regions only."""
    meta = data.catalogue[indicator]
    wide = data.wide()
    if indicator not in wide:
        return pd.DataFrame()
    block = wide.xs(year, level="year") if year in wide.index.get_level_values("year") else None
    if block is None:
        return pd.DataFrame()
    nat = national(data, wide, min_coverage).loc[year]
    covered = coverage(data, [indicator], wide).loc[[year]]
    too_low = bool(below(covered, min_coverage).to_numpy(bool)[0])
    frame = pd.DataFrame({"region_code": block.index, "value": block[indicator].to_numpy()})
    frame["region_name"] = frame["region_code"].map(lambda c: data.regions.get(c, ""))
    if meta.normalised and POPULATION in block:
        population = block[POPULATION].to_numpy(dtype=float)
        frame["population"] = population
        frame["per_100k"] = frame["value"] / population * PER
        rates = national_per_100k(data)
        rate = rates[indicator].reindex([year]).to_numpy(float)[0] if indicator in rates else np.nan
        national_rate = np.nan if too_low else float(rate) / PER
        frame["national_per_100k"] = national_rate * PER
        score = frame["per_100k"]
        for level in FUNNEL_LEVELS:
            low, high = poisson_count_limits(national_rate * population, level)
            frame[f"funnel_{_pct(level)}_low_per_100k"] = low / population * PER
            frame[f"funnel_{_pct(level)}_high_per_100k"] = high / population * PER
        expected = national_rate * population
        frame["position"] = _position(
            frame["value"].to_numpy(float), *poisson_count_limits(expected, FUNNEL_LEVELS[0])
        )
    else:
        frame["national"] = nat[indicator]
        score = frame["value"]
        weight = meta.weight
        if meta.kind == "rate" and meta.unit == "%" and weight and weight in block:
            n = block[weight].to_numpy(dtype=float)
            p = float(np.asarray(nat[indicator], dtype=float)) / 100
            se = np.sqrt(p * (1 - p) / np.where(n > 0, n, np.nan)) * 100
            for level in FUNNEL_LEVELS:
                z = norm.ppf(1 - (1 - level) / 2)
                frame[f"funnel_{_pct(level)}_low"] = np.clip(p * 100 - z * se, 0, 100)
                frame[f"funnel_{_pct(level)}_high"] = np.clip(p * 100 + z * se, 0, 100)
            frame["position"] = _position(
                frame["value"].to_numpy(float),
                frame[f"funnel_{_pct(FUNNEL_LEVELS[0])}_low"].to_numpy(float),
                frame[f"funnel_{_pct(FUNNEL_LEVELS[0])}_high"].to_numpy(float),
            )
    if meta.sensitive:
        protection = protection_for(data, threshold)
        hidden = np.array(
            [protection.value_hidden(str(r), int(year), indicator) for r in frame["region_code"]],
            dtype=bool,
        )
        numbers = [
            c for c in frame.columns if c not in ("region_code", "region_name", "population")
        ]
        frame.loc[hidden, numbers] = np.nan
        frame.loc[hidden, "position"] = None
        if protection.value_hidden(NATIONAL, int(year), indicator):
            national_columns = [c for c in frame.columns if c.startswith(("national", "funnel"))]
            frame[national_columns] = np.nan
            frame["position"] = None
        frame[SUPPRESSED] = hidden
        score = score.where(~hidden)
    ascending = meta.direction == "lower_better"
    valid = score.notna()
    order = score[valid].sort_values(ascending=ascending, kind="stable")
    frame["rank"] = pd.Series(np.arange(1, len(order) + 1), index=order.index).reindex(frame.index)
    # Quartiles need at least four regions with a score (e.g. not in a year where only one
    # region has entered a value, or without population figures); else they stay empty.
    frame["quartile"] = (
        pd.qcut(score[valid].rank(method="first"), 4, labels=[1, 2, 3, 4])
        .astype("Int64")
        .reindex(frame.index)
        if int(valid.sum()) >= 4
        else pd.Series(pd.NA, index=frame.index, dtype="Int64")
    )
    frame["direction"] = meta.direction
    frame["coverage_regions"] = int(covered["regions_reporting"].to_numpy()[0])
    frame["coverage_regions_total"] = int(covered["regions_total"].to_numpy()[0])
    frame["coverage_population_share"] = float(covered["population_share"].to_numpy(float)[0])
    frame["coverage_too_low"] = too_low
    return frame


def _pct(level: float) -> str:
    return f"{level * 100:g}".replace(".", "_")


def _position(value: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """below / within / above the limits; None without a value or without limits (a region
    that does not report, or no national value to put a funnel around)."""
    value, low, high = (np.asarray(a, dtype=float) for a in (value, low, high))
    position = np.where(value < low, "below", np.where(value > high, "above", "within"))
    known = np.isfinite(value) & np.isfinite(low) & np.isfinite(high)
    out = position.astype(object)
    out[~known] = None
    return out


def region_features(areas: pd.DataFrame) -> pd.DataFrame:
    """Features per region from an *estimated* areas table: population, population-weighted
    urbanity class and expected EPA prevalence index (``ggzregio.prevalence``)."""
    frame = areas.copy()
    frame["_w"] = frame["inhabitants"] if "inhabitants" in frame else frame["adults"]
    grouped = frame.groupby("region_code")
    population = grouped["_w"].sum()
    urbanity = (frame["urbanity_class"] * frame["_w"]).groupby(
        frame["region_code"]
    ).sum() / population
    expected = grouped["expected_cases"].sum()
    per_100k = expected / population * PER
    index = per_100k / (frame["expected_cases"].sum() / frame["_w"].sum() * PER) * 100
    out = pd.DataFrame(
        {
            "population": population,
            "log_population": np.log(population),
            "urbanity": urbanity,
            "prevalence_index": index,
        }
    )
    out.index.name = "region_code"
    return out


def similar_regions(features: pd.DataFrame, region: str, k: int = 5) -> pd.DataFrame:
    """The ``k`` regions nearest to ``region`` on the standardised features (Euclidean)."""
    x = features[list(SIMILAR_FEATURES)].astype(float)
    z = (x - x.mean()) / x.std(ddof=0).replace(0, 1)
    distance = np.sqrt(((z - z.loc[region]) ** 2).sum(axis=1))
    ranked = distance.drop(index=region).sort_values(kind="stable").head(k)
    return pd.DataFrame({"region_code": ranked.index, "distance": ranked.to_numpy()})


def with_similar(
    table: pd.DataFrame, features: pd.DataFrame, region: str, k: int = 5
) -> pd.DataFrame:
    """The benchmark rows of ``region`` and its ``k`` most similar regions, region first."""
    similar = similar_regions(features, region, k)
    keep = [region, *similar["region_code"]]
    distance = dict(zip(similar["region_code"], similar["distance"], strict=True)) | {region: 0.0}
    out = table[table["region_code"].isin(keep)].copy()
    out["distance"] = out["region_code"].map(distance)
    return out.sort_values("distance", kind="stable").reset_index(drop=True)


__all__ = ["NATIONAL", "benchmark", "region_features", "similar_regions", "with_similar"]
