"""Coverage of the monitor's national figures: which regions report a value.

Not every region reports every indicator every year. A national figure is then the sum (or the
weighted mean) over the *reporting* regions, and a national rate per 100,000 divides by the
population of those regions only, never by the population of all regions. Every national
figure states its coverage: the regions reporting out of all regions of the monitor, and the
share of the population they hold. Below a minimum coverage (``min_coverage``, a share of the
population; of the regions when no population is known) no national value is shown at all.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Final

import numpy as np
import pandas as pd

from ggzregio.formatting import format_number
from ggzregio.i18n import t
from ggzregio.monitor.catalogue import POPULATION, Catalogue

#: The share of the population the reporting regions must hold before a national value is
#: shown. A choice, not a figure of the seeds: at least half of the inhabitants, so that a
#: national value never stands for a minority of the country. Settable (``min_coverage``).
DEFAULT_MIN_COVERAGE: Final = 0.5
#: Coverage columns, per year: regions reporting, regions in the monitor, inhabitants of the
#: reporting regions, their share of all inhabitants (NaN without population figures), and
#: the share that is compared with ``min_coverage``.
COVERAGE_COLUMNS: Final = (
    "regions_reporting",
    "regions_total",
    "population_reporting",
    "population_share",
    "coverage",
)


def check_min_coverage(value: float) -> float:
    """Refuse a minimum coverage outside [0, 1] (a share, not a percentage)."""
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"min_coverage {value} must be a share between 0 and 1")
    return float(value)


def reporting(catalogue: Catalogue, wide: pd.DataFrame, codes: Sequence[str]) -> pd.Series:
    """Per (region_code, year) of a regional wide frame: whether the region reports all of
    ``codes`` (a rate together with its weight, which the national mean needs)."""
    mask = pd.Series(True, index=wide.index)
    for code in codes:
        if code not in wide:
            return pd.Series(False, index=wide.index)
        present = wide[code].notna()
        indicator = catalogue.get(code)
        if indicator is not None and indicator.kind == "rate":
            weight = indicator.weight or POPULATION
            if weight in wide:
                present &= wide[weight].notna()
        mask &= present
    return mask


def coverage_of(mask: pd.Series, wide: pd.DataFrame, regions_total: int) -> pd.DataFrame:
    """Coverage per year (:data:`COVERAGE_COLUMNS`) of the regions flagged in ``mask``."""
    years = wide.index.get_level_values("year")
    if POPULATION in wide:
        population = wide[POPULATION].where(wide[POPULATION] > 0)
    else:
        population = pd.Series(np.nan, index=wide.index)
    by_year = mask.groupby(years)
    out = pd.DataFrame({"regions_reporting": by_year.sum().astype(int)})
    out.index.name = "year"
    most = int(out["regions_reporting"].max()) if len(out) else 0
    out["regions_total"] = max(regions_total, most)
    out["population_reporting"] = population.where(mask).groupby(years).sum(min_count=1)
    total = population.groupby(years).sum(min_count=1)
    out["population_share"] = out["population_reporting"] / total
    region_share = out["regions_reporting"] / out["regions_total"].where(out["regions_total"] > 0)
    out["coverage"] = out["population_share"].fillna(region_share)
    return out


def coverage_shares(catalogue: Catalogue, wide: pd.DataFrame, regions_total: int) -> pd.DataFrame:
    """Per year (rows) and indicator (columns) of a regional wide frame: the ``coverage`` of
    :func:`coverage_of` for each indicator alone, all at once."""
    present = wide.notna()
    for code in wide.columns:
        indicator = catalogue.get(code)
        if indicator is not None and indicator.kind == "rate":
            weight = indicator.weight or POPULATION
            if weight in wide:
                present[code] &= wide[weight].notna()
    years = wide.index.get_level_values("year")
    if POPULATION in wide:
        population = wide[POPULATION].where(wide[POPULATION] > 0)
    else:
        population = pd.Series(np.nan, index=wide.index)
    held = present.astype(float).mul(population, axis=0).groupby(years).sum(min_count=1)
    share = held.div(population.groupby(years).sum(min_count=1), axis=0)
    counted = present.groupby(years).sum()
    total = max(regions_total, int(counted.to_numpy().max()) if counted.size else 0)
    shares: pd.DataFrame = share.fillna(counted / total if total else np.nan)
    return shares


def region_universe(codes: Iterable[str], known: Iterable[str], national: str) -> int:
    """The number of regions of the monitor: those known plus those with data, not ``national``."""
    return len({str(c) for c in [*known, *codes]} - {national})


def below(coverage: pd.DataFrame, min_coverage: float) -> pd.Series:
    """Per year: whether the coverage is too low for a national value (unknown counts as too
    low, except with ``min_coverage`` 0)."""
    return too_low(coverage[["coverage"]], min_coverage)["coverage"]


def too_low(shares: pd.DataFrame, min_coverage: float) -> pd.DataFrame:
    """Where a coverage share is too low for a national value (unknown: too low, except with
    ``min_coverage`` 0)."""
    if min_coverage <= 0:
        return pd.DataFrame(False, index=shares.index, columns=shares.columns)
    return shares.isna() | (shares < min_coverage - 1e-12)


def _number(value: object) -> float | None:
    """A finite number (Python or numpy), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _share(value: object) -> str:
    number = _number(value)
    return "–" if number is None else f"{format_number(number * 100, 0)} %"


def coverage_note(
    year: object,
    regions: object,
    total: object,
    share: object,
    min_coverage: float,
    too_low: bool,
) -> str:
    """The sentence beside a national figure: its coverage ("23 van 43 regio's, 58 % van de
    inwoners"), or why there is no national value (below ``min_coverage``)."""
    counted, all_regions = _number(regions), _number(total)
    values = {
        "year": year,
        "regions": "–" if counted is None else int(counted),
        "total": "–" if all_regions is None else int(all_regions),
        "share": _share(share),
    }
    if too_low:
        return t("mon.coverage_too_low", minimum=_share(min_coverage), **values)
    return t("mon.coverage", **values)


def progress_note(table: pd.DataFrame, min_coverage: float, national: str = "NL") -> str:
    """The sentence under a progress table: the coverage of its national row, or why that row
    has no verdict (below ``min_coverage``, or other regions reporting than in the baseline)."""
    if "region_code" not in table or not (table["region_code"] == national).any():
        return ""
    row = table[table["region_code"] == national].iloc[0]
    status = row.get("status")
    if status == "coverage_changed":
        latest, baseline = row.get("latest_year"), row.get("baseline_year")
        return t("mon.coverage_changed", latest=_year(latest), baseline=_year(baseline))
    low = status == "low_coverage"
    prefix = "baseline_" if low else ""
    regions = row.get(f"{prefix}regions_reporting")
    if regions is None or pd.isna(regions):
        return ""
    return coverage_note(
        _year(row.get("baseline_year" if low else "latest_year")),
        regions,
        row.get("regions_total"),
        row.get(f"{prefix}population_share"),
        min_coverage,
        low,
    )


def benchmark_note(table: pd.DataFrame, year: int, min_coverage: float) -> str:
    """The sentence under a benchmark: the coverage of its national value, or why there is
    none."""
    if table.empty or "coverage_regions" not in table:
        return ""
    row = table.iloc[0]
    return coverage_note(
        year,
        row["coverage_regions"],
        row["coverage_regions_total"],
        row["coverage_population_share"],
        min_coverage,
        bool(row["coverage_too_low"]),
    )


def _year(value: object) -> object:
    number = _number(value)
    return "–" if number is None else int(number)
