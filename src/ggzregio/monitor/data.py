"""Indicator time series per region and year, and the two operations everything else uses:
per-100,000 normalisation and national aggregation.

The tidy frame has one row per region, year and indicator with ``value``, ``unit``, ``source``
and ``status`` (``provisional`` / ``final``). Counts are normalised per 100,000 inhabitants of
the same region and year; nationally, counts and denominators are summed over the regions that
report them and rates are averaged weighted by their weight indicator (respondents, people
waiting) or else population. A national rate per 100,000 divides by the population of the
reporting regions only, so it equals the population-weighted mean of the regional rates (tested)
also when only some regions report; below a minimum coverage no national value is given
(:mod:`ggzregio.monitor.coverage`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd

from ggzregio.monitor.catalogue import POPULATION, Catalogue, Target
from ggzregio.monitor.coverage import (
    COVERAGE_COLUMNS,
    DEFAULT_MIN_COVERAGE,
    below,
    coverage_of,
    coverage_shares,
    region_universe,
    reporting,
    too_low,
)

NATIONAL: Final = "NL"
TIDY_COLUMNS: Final = ("region_code", "year", "indicator", "value", "unit", "source", "status")
STATUSES: Final = ("provisional", "final")
PER: Final = 100_000


@dataclass
class MonitorData:
    """Validated indicator series with the catalogue and regions they refer to."""

    frame: pd.DataFrame
    catalogue: Catalogue
    regions: dict[str, str] = field(default_factory=dict)
    data_version: str = ""
    synthetic: bool = False
    #: The targets published with these data (empty: the shipped ones); all of them are
    #: protected together with the series (:mod:`ggzregio.monitor.protection`).
    targets: dict[str, Target] = field(default_factory=dict)

    def wide(self) -> pd.DataFrame:
        """Values with index (region_code, year) and one column per indicator present."""
        table = self.frame.pivot_table(
            index=["region_code", "year"], columns="indicator", values="value", aggfunc="first"
        )
        table.columns.name = None
        return table.sort_index()

    @property
    def years(self) -> list[int]:
        """Years present, ascending."""
        return sorted(int(y) for y in self.frame["year"].unique())

    def indicator_codes(self) -> list[str]:
        """Indicators present, in catalogue order."""
        present = set(self.frame["indicator"])
        return [c for c in self.catalogue if c in present]

    def regions_total(self) -> int:
        """The number of regions of the monitor (known regions and regions with data)."""
        return region_universe(self.frame["region_code"].unique(), self.regions, NATIONAL)


def per_100k(data: MonitorData, wide: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every count indicator divided by the population of its region and year × 100,000;
    rates and denominators unchanged. Works on regional and national wide frames alike: a
    national row (``NL``) is divided by the population of the regions reporting that count
    (:func:`national_per_100k`), not by that of all regions."""
    table = (data.wide() if wide is None else wide).copy()
    if POPULATION not in table:
        return table.iloc[:, 0:0]
    population = table[POPULATION].where(table[POPULATION] > 0)
    names = table.index.names
    is_national = (
        np.asarray(table.index.get_level_values("region_code") == NATIONAL, dtype=bool)
        if "region_code" in names
        else np.zeros(len(table), dtype=bool)
    )
    rates: pd.DataFrame | None = None
    for code in table.columns:
        indicator = data.catalogue.get(code)
        if indicator is not None and indicator.normalised:
            values = table[code] / population * PER
            if is_national.any():
                rates = national_per_100k(data) if rates is None else rates
                years = table.index.get_level_values("year")[is_national]
                national_rate = rates[code].reindex(years).to_numpy(float)
                shown = table[code].to_numpy(float)[is_national]
                values[is_national] = np.where(np.isnan(shown), np.nan, national_rate)
            table[code] = values
    return table


def national_per_100k(data: MonitorData) -> pd.DataFrame:
    """Per year and count indicator: the national rate per 100,000, the sum over the regions
    that report the count and their population divided by that population."""
    table = data.wide().drop(index=NATIONAL, level="region_code", errors="ignore")
    years = table.index.get_level_values("year")
    out = pd.DataFrame(index=sorted(set(years)))
    out.index.name = "year"
    if POPULATION not in table:
        return out
    population = table[POPULATION].where(table[POPULATION] > 0)
    for code in table.columns:
        indicator = data.catalogue.get(code)
        if indicator is None or not indicator.normalised:
            continue
        both = table[code].notna() & population.notna()
        counts = table[code].where(both).groupby(years).sum(min_count=1)
        out[code] = counts / population.where(both).groupby(years).sum(min_count=1) * PER
    return out


def coverage(
    data: MonitorData, codes: Sequence[str], wide: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per year: the coverage (:data:`~ggzregio.monitor.coverage.COVERAGE_COLUMNS`) of the
    regions reporting all of ``codes``."""
    table = data.wide() if wide is None else wide
    table = table.drop(index=NATIONAL, level="region_code", errors="ignore")
    mask = reporting(data.catalogue, table, codes)
    return coverage_of(mask, table, data.regions_total())


def coverage_table(data: MonitorData, min_coverage: float = DEFAULT_MIN_COVERAGE) -> pd.DataFrame:
    """Coverage of every national series: one row per year and indicator, with whether the
    national value is shown (``national_shown``: coverage at least ``min_coverage``)."""
    table = data.wide()
    parts = []
    for code in [c for c in data.catalogue if c in table]:
        block = coverage(data, [code], table)
        block["national_shown"] = ~below(block, min_coverage)
        parts.append(block.reset_index().assign(indicator=code))
    columns = ["year", "indicator", *COVERAGE_COLUMNS, "national_shown"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


def national(
    data: MonitorData,
    wide: pd.DataFrame | None = None,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
) -> pd.DataFrame:
    """National series per year: counts and denominators summed over the reporting regions,
    rates as a mean weighted by their weight indicator (else population) over regions reporting
    both; empty (NaN) in a year whose coverage is below ``min_coverage``."""
    table = data.wide() if wide is None else wide
    table = table.drop(index=NATIONAL, level="region_code", errors="ignore")
    grouped = table.groupby(level="year")
    out = pd.DataFrame(index=sorted(table.index.get_level_values("year").unique()))
    out.index.name = "year"
    for code in table.columns:
        indicator = data.catalogue.get(code)
        if indicator is None:
            continue
        if indicator.kind != "rate":
            out[code] = grouped[code].sum(min_count=1)
            continue
        weight_code = indicator.weight or POPULATION
        if weight_code not in table:
            out[code] = grouped[code].mean()
            continue
        weight = table[weight_code].where(table[code].notna())
        weighted = (table[code] * weight).groupby(level="year").sum(min_count=1)
        out[code] = weighted / weight.groupby(level="year").sum(min_count=1)
    if min_coverage > 0 and len(out.columns):
        shares = coverage_shares(data.catalogue, table, data.regions_total())
        low = too_low(shares.reindex(index=out.index, columns=out.columns), min_coverage)
        out = out.mask(low.astype(bool))
    return out


def with_national(
    data: MonitorData,
    wide: pd.DataFrame | None = None,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
) -> pd.DataFrame:
    """The regional wide frame with the national rows (region ``NL``) appended."""
    table = data.wide() if wide is None else wide
    nat = national(data, table, min_coverage)
    nat.index = pd.MultiIndex.from_product([[NATIONAL], nat.index], names=["region_code", "year"])
    return pd.concat([table, nat]).sort_index()


def summed(wide: pd.DataFrame, codes: Sequence[str]) -> pd.Series:
    """The sum of ``codes`` per row (NaN when any of them is missing)."""
    missing = [c for c in codes if c not in wide]
    if missing:
        return pd.Series(np.nan, index=wide.index)
    return wide[list(codes)].sum(axis=1, min_count=len(codes))


def region_label(data: MonitorData, code: str) -> str:
    """'RG01 Regio 1' or the code alone."""
    name = data.regions.get(code, "")
    return f"{code} {name}".strip()


def tidy_with_per_100k(data: MonitorData) -> pd.DataFrame:
    """The tidy frame with ``value_per_100k`` for every count (population of that region and
    year), empty for rates and denominators."""
    frame = data.frame.copy()
    population = frame[frame["indicator"] == POPULATION].set_index(["region_code", "year"])["value"]
    key = pd.MultiIndex.from_frame(frame[["region_code", "year"]])
    pop = population.reindex(key).to_numpy(dtype=float)
    counts = (
        frame["indicator"]
        .map(lambda c: bool(data.catalogue[c].normalised) if c in data.catalogue else False)
        .to_numpy(dtype=bool)
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["value_per_100k"] = np.where(counts & (pop > 0), frame["value"] / pop * PER, np.nan)
    return frame


def protect_tidy(frame: pd.DataFrame, data: MonitorData, threshold: int) -> pd.DataFrame:
    """A tidy frame fit for export: values hidden (NaN) where the monitor's protection hides
    them (:mod:`ggzregio.monitor.protection`, the same hidden set for every output), flagged
    ``suppressed``."""
    from ggzregio.monitor.protection import protection_for

    out = frame.reset_index(drop=True)
    hidden = protection_for(data, threshold).mask(out)
    value_columns = [c for c in ("value", "value_per_100k") if c in out]
    out.loc[hidden, value_columns] = np.nan
    out["suppressed"] = hidden
    return out
