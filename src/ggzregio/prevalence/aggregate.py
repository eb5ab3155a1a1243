"""Aggregation of area estimates to higher levels (municipality, region, any grouping column).

Counts (adults, inhabitants, expected cases) are summed; rates are recomputed from the sums,
never averaged. The residual intervals are *not* aggregated: they describe the spread of
single areas, and summing per-area bounds would overstate the uncertainty of a total.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from numpy.typing import NDArray

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

#: Observed cases (comparison input); summed over the areas whose count is known.
OBSERVED = "observed_cases"
#: A group's comparison basis (with observed cases): how many areas, adults and expected cases
#: its observed total covers (areas whose observed count is unknown, e.g. suppressed at the
#: source, are left out of the comparison, unless a source total covers them).
AREAS_COMPARED = "areas_compared"
ADULTS_COMPARED = "adults_compared"
EXPECTED_COMPARED = "expected_compared"
#: The source's own total of observed cases for the area's region, or for all areas of the
#: file, repeated on each area row (:func:`ggzregio.io.observed.attach_observed`).
SOURCE_REGION_TOTAL = "observed_source_region_total"
SOURCE_TOTAL = "observed_source_total"
#: A group's observed cases outside its known areas: the source total minus the known areas.
SOURCE_REST = "observed_source_rest"
#: Where a group's observed total comes from: ``areas`` (the sum of its known areas) or
#: ``source_total`` (the source's own total).
OBSERVED_BASIS = "observed_basis"
BASIS_AREAS = "areas"
BASIS_SOURCE = "source_total"
#: The level a source region total applies to.
REGION_LEVEL = "region_code"
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

    With ``observed_cases`` the observed total of each group and what it covers, see
    :func:`observed_sums`.
    """
    frame = estimates
    key = TOTAL_LEVEL if by is None else by
    sum_columns = ["adults", EXPECTED]
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
    if OBSERVED in frame.columns:
        observed = observed_sums(frame, keys, key)
        for column in observed.columns:
            result[column] = observed[column].reindex(result.index)
    for column in (MODEL_COLUMN, DATA_COLUMN):
        if column in frame.columns:
            result[column] = grouped[column].first().astype(str)
    result.index.name = key
    result = result.reset_index()
    if by is None:
        result[TOTAL_LEVEL] = TOTAL_LEVEL
    return result


def covered(frame: pd.DataFrame, level: str) -> NDArray[np.bool_]:
    """Which areas the observed total of ``level`` covers: areas whose count is known, and
    at the region level (and in the total) the areas of a region with a source total; in the
    total every area when the source gives a total of all areas."""
    mask: NDArray[np.bool_] = frame[OBSERVED].notna().to_numpy(dtype=bool)
    if level in (REGION_LEVEL, TOTAL_LEVEL) and SOURCE_REGION_TOTAL in frame.columns:
        mask = mask | frame[SOURCE_REGION_TOTAL].notna().to_numpy(dtype=bool)
    if level == TOTAL_LEVEL and SOURCE_TOTAL in frame.columns:
        mask = mask | frame[SOURCE_TOTAL].notna().to_numpy(dtype=bool)
    return mask


def observed_sums(frame: pd.DataFrame, keys: object, level: str) -> pd.DataFrame:
    """Per group of ``keys``: observed cases over the areas whose count is known, plus what a
    source total adds beyond them (``observed_source_rest``), with the areas, adults and
    expected cases the observed total covers (``areas_compared`` ...) and its basis.

    A group without any known count (and no source total) has a missing observed total,
    never 0. A region with a source total (and the total, with a total of all areas) takes
    that total; its rest is the source total minus the sum of its known areas."""
    cover = covered(frame, level)
    parts = pd.DataFrame(
        {
            OBSERVED: pd.to_numeric(frame[OBSERVED], errors="coerce").astype(np.float64),
            AREAS_COMPARED: cover.astype(np.int64),
            ADULTS_COMPARED: frame["adults"].where(cover, 0),
            EXPECTED_COMPARED: np.where(cover, frame[EXPECTED].to_numpy(np.float64), 0.0),
        },
        index=frame.index,
    )
    grouped = parts.groupby(keys, sort=True, dropna=False, observed=True)  # type: ignore[call-overload]
    out = grouped[[AREAS_COMPARED, ADULTS_COMPARED, EXPECTED_COMPARED]].sum()
    known_sum = grouped[OBSERVED].sum(min_count=1)
    rest = pd.Series(np.nan, index=out.index)
    if level == REGION_LEVEL:
        regional = _source_totals(frame, keys, SOURCE_REGION_TOTAL)
        if regional is not None:
            rest = regional - known_sum.fillna(0.0)
    elif level == TOTAL_LEVEL:
        whole = _source_totals(frame, keys, SOURCE_TOTAL)
        if whole is not None:
            rest = whole - known_sum.fillna(0.0)
        elif REGION_LEVEL in frame.columns:
            regions = frame[REGION_LEVEL]
            by_region = _source_totals(frame, regions, SOURCE_REGION_TOTAL)
            if by_region is not None:
                known_region = parts[OBSERVED].groupby(regions).sum()
                rests = by_region - known_region.reindex(by_region.index).fillna(0.0)
                rest = pd.Series(rests.sum(min_count=1), index=out.index)
    with_rest = rest.notna()
    out[OBSERVED] = known_sum.where(~with_rest, known_sum.fillna(0.0) + rest)
    out[SOURCE_REST] = rest
    basis = pd.Series(np.where(with_rest, BASIS_SOURCE, BASIS_AREAS), index=out.index)
    out[OBSERVED_BASIS] = basis.where(out[OBSERVED].notna(), None)
    out[OBSERVED] = out[OBSERVED].round().astype("Int64")  # counts, missing where unknown
    columns = [OBSERVED, SOURCE_REST, OBSERVED_BASIS, AREAS_COMPARED, ADULTS_COMPARED]
    with_totals = SOURCE_REGION_TOTAL in frame.columns or SOURCE_TOTAL in frame.columns
    if not with_totals or level not in (REGION_LEVEL, TOTAL_LEVEL):
        columns.remove(SOURCE_REST)  # no source total here: nothing beyond the areas
    else:
        out[SOURCE_REST] = out[SOURCE_REST].round().astype("Int64")
    result: pd.DataFrame = out[[*columns, EXPECTED_COMPARED]]
    return result


def _source_totals(frame: pd.DataFrame, keys: object, column: str) -> pd.Series | None:
    """The source total of each group (the first given on its rows), None when the column is
    absent; groups without one are NaN."""
    if column not in frame.columns:
        return None
    values = frame[column].astype(np.float64)
    totals: pd.Series = values.groupby(keys, sort=True, dropna=False, observed=True).first()  # type: ignore[call-overload]
    return totals


def aggregate_levels(
    estimates: pd.DataFrame, levels: Iterable[str], reference: NationalReference
) -> dict[str, pd.DataFrame]:
    """The area table plus one aggregated table per level and a total, keyed by level name."""
    tables: dict[str, pd.DataFrame] = {AREA_LEVEL: estimates}
    for level in levels:
        tables[level] = aggregate(estimates, level, reference)
    tables[TOTAL_LEVEL] = aggregate(estimates, None, reference)
    return tables
