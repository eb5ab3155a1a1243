"""Aggregation of area estimates to higher levels (municipality, region, any grouping column).

Counts (adults, inhabitants, expected cases) are summed; rates are recomputed from the sums,
never averaged. The residual intervals are *not* aggregated: they describe the spread of
single areas, and summing per-area bounds would overstate the uncertainty of a total.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ggzregio.prevalence.estimate import DATA_COLUMN, EXPECTED, MODEL_COLUMN, PREVALENCE
from ggzregio.reference import NationalReference

#: Name of the level holding one row per area.
AREA_LEVEL = "area"
#: Name of the level holding one row for all areas together.
TOTAL_LEVEL = "total"
#: Standard grouping columns, from small to large; each has a matching name column.
STANDARD_LEVELS: tuple[str, ...] = ("municipality_code", "region_code")
NAME_COLUMNS: dict[str, str] = {
    "area_code": "area_name",
    "municipality_code": "municipality_name",
    "region_code": "region_name",
}

#: Observed cases (comparison input); summed like expected cases when present.
OBSERVED = "observed_cases"
PER_100K = "expected_cases_per_100k_inhabitants"
INDEX = "index_vs_national"
EPA_LOW = "implied_epa_population_low"
EPA_HIGH = "implied_epa_population_high"
TARGET = "implied_target_population"


def default_levels(columns: Iterable[str]) -> list[str]:
    """The standard grouping columns present in ``columns``, small to large."""
    present = set(columns)
    return [level for level in STANDARD_LEVELS if level in present]


def aggregate(
    estimates: pd.DataFrame, by: str | None, reference: NationalReference
) -> pd.DataFrame:
    """Sum area estimates per value of column ``by`` (``None``: one row for all areas).

    Result columns: the key (and its name column when the input has one), ``n_areas``,
    ``adults``, ``inhabitants`` (when given), ``expected_cases``, ``prevalence_per_1000``
    (expected per 1,000 adults), and with inhabitants the comparison with the national
    reference figures of SPEC.md §2:

    - ``expected_cases_per_100k_inhabitants``;
    - ``index_vs_national``: that figure against the national figure for adults in care,
      ×100 (:attr:`NationalReference.adult_care_per_100k`);
    - ``implied_epa_population_low/high`` and ``implied_target_population``: the national
      1,500-1,800 people with EPA and ~2,500 target population per 100,000 (004:1236-1245)
      scaled by the index and the inhabitants — an assumption that the region's EPA
      population differs from the national average as its care prevalence does.
    """
    frame = estimates
    key = TOTAL_LEVEL if by is None else by
    sum_columns = ["adults", EXPECTED]
    if OBSERVED in frame.columns:
        sum_columns.append(OBSERVED)
    has_inhabitants = "inhabitants" in frame.columns
    if has_inhabitants:
        sum_columns.insert(1, "inhabitants")

    keys = np.zeros(len(frame), dtype=np.int8) if by is None else frame[key]
    grouped = frame.groupby(keys, sort=True, dropna=False, observed=True)
    result = grouped[sum_columns].sum()
    result.insert(0, "n_areas", grouped.size())
    name_column = NAME_COLUMNS.get(key)
    if name_column is not None and name_column in frame.columns:
        result.insert(0, name_column, grouped[name_column].first())

    adults = result["adults"].to_numpy(dtype=np.float64)
    expected = result[EXPECTED].to_numpy(dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        result[PREVALENCE] = np.where(adults > 0, expected / adults * 1000.0, np.nan)
        if has_inhabitants:
            inhabitants = result["inhabitants"].to_numpy(dtype=np.float64)
            per_100k = np.where(inhabitants > 0, expected / inhabitants * 100_000.0, np.nan)
            index = per_100k / reference.adult_care_per_100k * 100.0
            scale = index / 100.0 * inhabitants / 100_000.0
            result[PER_100K] = per_100k
            result[INDEX] = index
            result[EPA_LOW] = scale * reference.epa_population_low_per_100k
            result[EPA_HIGH] = scale * reference.epa_population_high_per_100k
            result[TARGET] = scale * reference.target_population_per_100k
    for column in (MODEL_COLUMN, DATA_COLUMN):
        if column in frame.columns:
            result[column] = grouped[column].first().astype(str)
    result.index.name = key
    result = result.reset_index()
    if by is None:
        result[TOTAL_LEVEL] = TOTAL_LEVEL
    return result


def aggregate_levels(
    estimates: pd.DataFrame, levels: Iterable[str], reference: NationalReference
) -> dict[str, pd.DataFrame]:
    """The area table plus one aggregated table per level and a total, keyed by level name."""
    tables: dict[str, pd.DataFrame] = {AREA_LEVEL: estimates}
    for level in levels:
        tables[level] = aggregate(estimates, level, reference)
    tables[TOTAL_LEVEL] = aggregate(estimates, None, reference)
    return tables
