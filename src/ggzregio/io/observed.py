"""Observed EPA care counts per area: in the area table itself or in a separate file.

A separate file has ``area_code`` and ``observed_cases`` (adults with EPA in care, counted
from claims or provider registrations; whole, non-negative). Every code must be an area of the
area table, and every area needs an observation (with ``--skip-invalid`` areas without one are
left out and reported).

A count *suppressed at source* (the marker ``x`` that ``ggzregio claims delineate`` and every
other protected output write, or ``<10`` as older outputs and other sources do) is not an
error: its count is unknown by design. By default the area is left out and reported; with
``keep_unknown`` (the comparison) it stays, with a missing count, so that its region keeps its
adults and expected cases and states how many areas its observed total covers.

The source's own total may be given as a row whose ``area_code`` is ``totaal`` (or ``total``):
with a ``region_code`` column the total of that region, otherwise (or with ``region_code``
empty) the total of every area in the file (the region's, when the area table has one region
and the file no other total). A region (or the whole) with a source total takes
that total as its observed count, including its areas suppressed at the source; the difference
with the sum of its known areas is stated (``observed_source_rest``) and protected like any
other count. A total suppressed at the source is no total.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ggzregio.errors import InputError, Problem, sample_values
from ggzregio.i18n import t
from ggzregio.io.areas import AreaTable, RowChecks, SkippedRow, check_unique_codes
from ggzregio.io.tables import Decimal, choose_decimal, parse_numbers, parse_text, read_table
from ggzregio.prevalence.aggregate import (
    OBSERVED,
    REGION_LEVEL,
    SOURCE_REGION_TOTAL,
    SOURCE_TOTAL,
)
from ggzregio.privacy import marked

#: ``area_code`` values of a row that holds the source's total (case-insensitive).
TOTAL_CODES = frozenset({"totaal", "total"})


def attach_observed(
    areas: AreaTable,
    path: str | Path,
    *,
    skip_invalid: bool = False,
    sheet: str | None = None,
    decimal: Decimal | None = None,
    encoding: str = "utf-8-sig",
    keep_unknown: bool = False,
) -> AreaTable:
    """Read observed counts from ``path`` and join them to ``areas`` by ``area_code``;
    ``keep_unknown`` keeps the areas suppressed at the source (count missing)."""
    raw = read_table(path, sheet=sheet, encoding=encoding)
    frame, file = raw.frame, raw.source.name
    found = ", ".join(frame.columns)
    missing = [c for c in ("area_code", OBSERVED) if c not in frame.columns]
    if missing:
        raise InputError(
            [Problem(file, "missing_column", c, values={"found": found}) for c in missing]
        )
    if decimal is None:
        decimal = choose_decimal(raw, [OBSERVED])
    checks = RowChecks(frame, file)
    codes, code_missing = parse_text(frame["area_code"])
    checks.add("missing_value", "area_code", code_missing, values="")
    p = parse_numbers(frame[OBSERVED], decimal, integer=True)
    at_source = marked(frame[OBSERVED])
    checks.add("missing_value", OBSERVED, p.missing, values="")
    checks.add("non_numeric", OBSERVED, p.bad & ~at_source, decimal=decimal)
    ok = ~(p.missing | p.bad)
    checks.add("negative", OBSERVED, ok & (p.values < 0))
    checks.add("non_integer", OBSERVED, ok & (p.values >= 0) & (p.values != np.floor(p.values)))
    is_total = ~code_missing & codes.str.strip().str.casefold().isin(TOTAL_CODES).to_numpy()
    known = set(areas.frame["area_code"])
    unknown = ~code_missing & ~is_total & ~codes.isin(known).to_numpy()
    checks.add("unknown_area", "area_code", unknown)
    scopes = _total_scopes(frame, is_total, areas, checks)

    invalid = checks.invalid_rows()
    skipped: list[SkippedRow] = list(areas.skipped)
    if invalid.any():
        if not skip_invalid:
            raise InputError(checks.problems())
        skipped += checks.skipped()
    keep = ~invalid
    totals = _totals(scopes[keep & is_total & ~at_source], p.values[keep & is_total & ~at_source])
    keep &= ~is_total
    check_unique_codes(codes[keep], file)
    hidden = set(codes[keep & at_source])
    keep &= ~at_source
    observed = dict(zip(codes[keep], p.values[keep].astype(np.int64), strict=True))
    has = areas.frame["area_code"].isin(observed.keys()).to_numpy()
    unknown_count = areas.frame["area_code"].isin(hidden).to_numpy()
    if unknown_count.any() and not keep_unknown:
        reason = f"{OBSERVED}: {t('observed.suppressed_at_source')}"
        skipped += [SkippedRow(int(r), (reason,)) for r in areas.frame.index[unknown_count]]
    if not (has | unknown_count).all():
        lacking = list(areas.frame["area_code"][~(has | unknown_count)])
        if not skip_invalid:
            raise InputError(
                [
                    Problem(
                        file,
                        "no_observed",
                        OBSERVED,
                        values={"n": len(lacking), "values": sample_values(lacking, 5)},
                    )
                ]
            )
        reason = f"{OBSERVED}: {t('rule.missing_value')}"
        skipped += [
            SkippedRow(int(r), (reason,)) for r in areas.frame.index[~(has | unknown_count)]
        ]
    rows = has | (unknown_count & keep_unknown)
    merged = join_observed(replace(areas, frame=areas.frame.loc[rows]), pd.Series(observed))
    merged = with_source_totals(merged, totals, file)
    return replace(merged, skipped=tuple(skipped))


def join_observed(areas: AreaTable, counts: pd.Series) -> AreaTable:
    """``areas`` with ``observed_cases`` from ``counts`` (index: area code); an area without a
    count keeps a missing count (float NaN), never 0. Whole counts stay integers."""
    frame = areas.frame.copy()
    values = frame["area_code"].astype(str).map(counts.set_axis(counts.index.astype(str)))
    numbers = pd.to_numeric(values, errors="coerce").astype(np.float64)
    frame[OBSERVED] = numbers.astype(np.int64) if numbers.notna().all() else numbers
    return replace(areas, frame=frame)


def with_source_totals(
    areas: AreaTable, totals: dict[str | None, float], file: str = ""
) -> AreaTable:
    """``areas`` (with ``observed_cases``) with the source totals on their area rows:
    ``totals`` maps a region code to its total and ``None`` to the total of every area.
    Refuses a total below the sum of the known areas it covers."""
    if not totals:
        return areas
    frame = areas.frame.copy()
    observed = pd.to_numeric(frame[OBSERVED], errors="coerce").astype(np.float64)
    problems: list[Problem] = []
    present = list(pd.unique(frame[REGION_LEVEL])) if REGION_LEVEL in frame else []
    if None in totals and len(present) == 1 and len(totals) == 1:
        totals = {str(present[0]): totals[None]}  # the file's total is its region's
    regional = {k: v for k, v in totals.items() if k is not None}
    if regional:
        regions = frame[REGION_LEVEL].astype(str)
        frame[SOURCE_REGION_TOTAL] = regions.map(regional).astype(np.float64)
        for region, total in regional.items():
            known = float(observed[regions == region].sum())
            if total < known:
                problems.append(_below(file, region, total, known))
    if None in totals:
        total = totals[None]
        frame[SOURCE_TOTAL] = float(total)
        known = float(observed.sum())
        if regional:  # regions with their own total count with it, the others by their areas
            has_own = frame[SOURCE_REGION_TOTAL].notna()
            known = float(observed[~has_own].sum()) + float(sum(regional.values()))
        if total < known:
            problems.append(_below(file, t("table.total"), total, known))
    if problems:
        raise InputError(problems)
    return replace(areas, frame=frame)


def _below(file: str, scope: str, total: float, known: float) -> Problem:
    values: dict[str, object] = {"value": scope, "total": f"{total:.0f}", "known": f"{known:.0f}"}
    return Problem(file, "total_below_areas", OBSERVED, values=values)


def _total_scopes(
    frame: pd.DataFrame, is_total: NDArray[np.bool_], areas: AreaTable, checks: RowChecks
) -> pd.Series:
    """Per row the region a total row applies to (None: every area); refuses a total of a
    region that is not in the area table, and a second total of the same scope."""
    scopes = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    if REGION_LEVEL in frame.columns:
        region, empty = parse_text(frame[REGION_LEVEL])
        given = is_total & ~empty
        scopes[given] = region[given]
        regions = areas.frame[REGION_LEVEL] if REGION_LEVEL in areas.frame else pd.Series()
        unknown = given & ~region.isin(set(regions.astype(str))).to_numpy()
        checks.add("total_region_unknown", REGION_LEVEL, unknown)
    twice = np.zeros(len(frame), dtype=bool)
    twice[is_total] = scopes[is_total].fillna("\0").duplicated(keep=False).to_numpy()
    checks.add("duplicate_total", "area_code", twice, values="")
    return scopes


def _totals(scopes: pd.Series, values: NDArray[np.float64]) -> dict[str | None, float]:
    return {(None if s is None else str(s)): float(v) for s, v in zip(scopes, values, strict=True)}
