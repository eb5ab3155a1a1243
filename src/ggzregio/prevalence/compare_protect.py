"""The protected comparison: observed versus expected for every area and level, with small
numbers suppressed over all tables at once (:mod:`ggzregio.privacy`).

The base counts are the observed counts of the areas whose count is known and, where the
source gives its own total, one *source rest* per region (and one for the whole): the source
total minus its known areas, i.e. the people in the areas the source suppressed (plus any it
could not place). An area whose count is unknown is no base count: its observed columns stay
missing. Each rest is published as its own cell (``observed_source_rest``) and is part of its
region's and the total's sum, so a reader who subtracts the shown areas from a regional total
meets the same audit as for any other sum. The source totals repeated on the area rows never
leave this module.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ggzregio.prevalence.aggregate import (
    AREA_LEVEL,
    OBSERVED,
    REGION_LEVEL,
    SOURCE_REGION_TOTAL,
    SOURCE_REST,
    SOURCE_TOTAL,
    TOTAL_LEVEL,
)
from ggzregio.prevalence.compare import (
    FLAG_SMALL,
    FLAGS,
    OBSERVED_DERIVED,
    CompareSettings,
    compare_areas,
    compare_groups,
)
from ggzregio.prevalence.model import ModelSpec
from ggzregio.privacy import plan_suppression, protect
from ggzregio.privacy.output import Decision
from ggzregio.privacy.tables import UNIT_TABLE, Fact, hide, sums_output, visible_facts

#: Columns hidden with a hidden observed count (what reveals it or a range of it).
HIDDEN_WITH_OBSERVED: tuple[str, ...] = (*OBSERVED_DERIVED, FLAG_SMALL)
#: The published cell of the total's source rest (the sum of every rest).
TOTAL_REST_TABLE = "total_source_rest"
#: Base-count key of a source rest: ``source_rest:<region>``, ``source_rest:*`` for the rest of
#: the total of every area.
REST_KEY = "source_rest:"
WHOLE = "*"


@dataclass(frozen=True)
class ProtectedComparison:
    """The protected tables of a comparison, their hidden cells, why, and what they publish."""

    tables: dict[str, pd.DataFrame]
    masks: dict[str, pd.DataFrame]
    reasons: dict[str, pd.Series]
    facts: list[Fact]
    suppressed_areas: int
    not_compared: int
    source_totals: bool


def source_rests(areas: pd.DataFrame) -> pd.Series:
    """The source rests of a compared area table, keyed ``source_rest:<region>`` (and
    ``source_rest:*``: what the total of every area adds beyond the known areas and the
    regions' own totals)."""
    observed = pd.to_numeric(areas[OBSERVED], errors="coerce").astype(np.float64)
    rests: dict[str, float] = {}
    own = pd.Series(False, index=areas.index)
    regional = 0.0
    if SOURCE_REGION_TOTAL in areas:
        own = areas[SOURCE_REGION_TOTAL].notna()
        regions = areas[REGION_LEVEL].astype(str)
        totals = areas.loc[own, SOURCE_REGION_TOTAL].groupby(regions[own], sort=False).first()
        known = observed[own].groupby(regions[own], sort=False).sum()
        for region, total in totals.items():
            rests[rest_key(str(region))] = float(total) - float(known.loc[str(region)])
        regional = float(totals.sum())
    if SOURCE_TOTAL in areas and areas[SOURCE_TOTAL].notna().any():
        total = float(areas[SOURCE_TOTAL].dropna().iloc[0])
        rests[rest_key(None)] = total - float(observed[~own].sum()) - regional
    clash = set(rests) & set(areas["area_code"].astype(str))
    if clash:
        raise ValueError(f"area code(s) {sorted(clash)} clash with the source rests")
    out = pd.Series(rests, dtype=np.float64)
    if (out < 0).any():
        raise ValueError("a source total is smaller than the sum of its known areas")
    return out


def rest_key(region: str | None) -> str:
    """The base-count key of a region's source rest (``None``: the whole's)."""
    return REST_KEY + (WHOLE if region is None else region)


def protect_comparison(
    tables: Mapping[str, pd.DataFrame],
    model: ModelSpec,
    *,
    threshold: int,
    settings: CompareSettings | None = None,
    unpublished: pd.Series | None = None,
    history: Iterable[Fact] = (),
    readers: Mapping[str, Iterable[Hashable]] | None = None,
) -> ProtectedComparison:
    """Compare and protect the estimate ``tables`` (area table with ``observed_cases``, a
    table per level and the total), see :func:`ggzregio.prevalence.run.run_compare`."""
    chosen = [lv for lv in tables if lv not in (AREA_LEVEL, TOTAL_LEVEL)]
    area_table = compare_areas(tables[AREA_LEVEL], model, settings)
    known = area_table[OBSERVED].notna().to_numpy(dtype=bool)
    codes = area_table["area_code"].astype(str)
    rests = source_rests(area_table)
    counts = pd.to_numeric(area_table[OBSERVED], errors="coerce").to_numpy(np.float64)
    units = pd.concat([pd.Series(counts[known], index=list(codes[known])), rests])
    groupings = {lv: _labels(area_table, known, rests, lv) for lv in chosen}
    groupings[TOTAL_LEVEL] = pd.Series([TOTAL_LEVEL] * len(units))
    output = sums_output(
        units, groupings, threshold, unpublished=unpublished, history=history, readers=readers
    )
    if len(rests):  # the total's rest: the sum of every rest
        members = [[(k, 1.0) for k in rests.index]]
        output.cells(TOTAL_REST_TABLE, "n", [TOTAL_LEVEL], members)
    # A fast start: the nested-hierarchy planner; the audit then adds what it still needs.
    start = plan_suppression(area_table.loc[known], OBSERVED, chosen, threshold)
    initial = [start.areas, np.zeros(len(rests), dtype=bool)]
    for level in [*chosen, TOTAL_LEVEL]:
        keys = pd.unique(groupings[level].dropna())
        initial.append(start.groups[level].reindex(keys, fill_value=False).to_numpy(dtype=bool))
    decision = protect(output, np.concatenate(initial))

    out: dict[str, pd.DataFrame] = {}
    masks: dict[str, pd.DataFrame] = {}
    unit_mask = decision.mask(UNIT_TABLE, "n")
    reasons = {AREA_LEVEL: decision.reasons(UNIT_TABLE, "n").reindex(pd.Index(codes[known]))}
    reasons |= {level: decision.reasons(level, "n") for level in [*chosen, TOTAL_LEVEL]}
    area_hidden = unit_mask.reindex(codes, fill_value=False).to_numpy(dtype=bool)
    area_table = _counts(area_table.drop(columns=[SOURCE_REGION_TOTAL, SOURCE_TOTAL],
                                         errors="ignore"))  # fmt: skip
    out[AREA_LEVEL], masks[AREA_LEVEL] = _hidden(area_table, area_hidden, threshold)
    for level in [*chosen, TOTAL_LEVEL]:
        table = compare_groups(tables[level], settings)
        labels = table[level] if level in table.columns else pd.Series([TOTAL_LEVEL] * len(table))
        rows = decision.mask(level, "n").reindex(labels, fill_value=False).to_numpy(dtype=bool)
        out[level], masks[level] = _hidden(_counts(table), rows, threshold)
        if SOURCE_REST in table:
            rest_rows = _rest_hidden(decision, unit_mask, level, labels, len(rests) > 0)
            out[level], masks[level] = _hide_rest(out[level], masks[level], rest_rows)
    return ProtectedComparison(
        out,
        masks,
        reasons,
        visible_facts(decision),
        int(area_hidden.sum()),
        int((~known).sum()),
        bool(len(rests)),
    )


def _labels(
    area_table: pd.DataFrame, known: NDArray[np.bool_], rests: pd.Series, level: str
) -> pd.Series:
    """Group labels of the base counts at ``level``: the known areas' own, a region's rest in
    its region (and in no finer level), the rest of the whole in none."""
    values = list(area_table.loc[known, level])
    for key in rests.index:
        region = str(key)[len(REST_KEY) :]
        values.append(region if level == REGION_LEVEL and region != WHOLE else None)
    return pd.Series(values, dtype=object)


def _rest_hidden(
    decision: Decision, unit_mask: pd.Series, level: str, labels: pd.Series, any_rest: bool
) -> NDArray[np.bool_]:
    """Which rows' source rest is hidden: a region's own rest cell, the total's rest cell."""
    if level == TOTAL_LEVEL:
        if not any_rest:
            return np.zeros(len(labels), dtype=bool)
        mask = decision.mask(TOTAL_REST_TABLE, "n")
        return np.full(len(labels), bool(mask.iloc[0]))
    keys = [rest_key(str(label)) for label in labels]
    return unit_mask.reindex(keys, fill_value=False).to_numpy(dtype=bool)


def _hide_rest(
    table: pd.DataFrame, mask: pd.DataFrame, rows: NDArray[np.bool_]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    out = table.copy()
    column = out[SOURCE_REST].astype("Int64")
    out[SOURCE_REST] = column.mask(rows)
    mask = mask.copy()
    mask[SOURCE_REST] = rows
    return out, mask


def _counts(table: pd.DataFrame) -> pd.DataFrame:
    """Observed counts as whole numbers, missing where unknown (never 0)."""
    out = table.copy()
    for column in (OBSERVED, SOURCE_REST):
        if column in out and not pd.api.types.is_integer_dtype(out[column].dtype):
            out[column] = pd.to_numeric(out[column], errors="coerce").round().astype("Int64")
    return out


def _hidden(
    table: pd.DataFrame, rows: NDArray[np.bool_], threshold: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Hide the observed columns of ``rows``; their flags say only 'not shown'."""
    out, mask = hide(table, rows, HIDDEN_WITH_OBSERVED)
    if FLAGS in out and rows.any():
        flags = out[FLAGS].astype(object)
        flags[rows] = f"suppressed:{threshold}"
        out[FLAGS] = flags
    return out, mask
