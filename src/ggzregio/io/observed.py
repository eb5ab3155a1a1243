"""Observed EPA care counts per area: in the area table itself or in a separate file.

A separate file has ``area_code`` and ``observed_cases`` (adults with EPA in care, counted
from claims or provider registrations; whole, non-negative). Every code must be an area of the
area table, and every area needs an observation (with ``--skip-invalid`` areas without one are
left out and reported).

A count *suppressed at source* (the marker ``x`` that ``ggzregio claims delineate`` and every
other protected output write, or ``<10`` as older outputs and other sources do) is not an
error: the area is left out of the comparison and reported as such, since its count is unknown
by design.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from ggzregio.errors import InputError, Problem, sample_values
from ggzregio.i18n import t
from ggzregio.io.areas import AreaTable, RowChecks, SkippedRow, check_unique_codes
from ggzregio.io.tables import Decimal, choose_decimal, parse_numbers, parse_text, read_table
from ggzregio.prevalence.aggregate import OBSERVED
from ggzregio.privacy import marked


def attach_observed(
    areas: AreaTable,
    path: str | Path,
    *,
    skip_invalid: bool = False,
    sheet: str | None = None,
    decimal: Decimal | None = None,
    encoding: str = "utf-8-sig",
) -> AreaTable:
    """Read observed counts from ``path`` and join them to ``areas`` by ``area_code``."""
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
    known = set(areas.frame["area_code"])
    unknown = ~code_missing & ~codes.isin(known).to_numpy()
    checks.add("unknown_area", "area_code", unknown)

    invalid = checks.invalid_rows()
    skipped: list[SkippedRow] = list(areas.skipped)
    if invalid.any():
        if not skip_invalid:
            raise InputError(checks.problems())
        skipped += checks.skipped()
    keep = ~invalid
    check_unique_codes(codes[keep], file)
    hidden = set(codes[keep & at_source])
    keep &= ~at_source
    observed = dict(zip(codes[keep], p.values[keep].astype(np.int64), strict=True))
    has = areas.frame["area_code"].isin(observed.keys()).to_numpy()
    unknown_count = areas.frame["area_code"].isin(hidden).to_numpy()
    if unknown_count.any():
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
    merged = areas.frame.loc[has].copy()
    merged[OBSERVED] = merged["area_code"].map(observed).astype(np.int64)
    return replace(areas, frame=merged, skipped=tuple(skipped))
