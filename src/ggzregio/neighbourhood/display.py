"""The tables of the neighbourhood load for display, with small placement counts protected
(:mod:`ggzregio.privacy`; docs/neighbourhood.md, "Small numbers").

Placements are counts of people (issue 23: "Placement counts of people follow the small-number
rules"), so they are sensitive even where the region entered them as planning numbers. The
base counts are per area the entered placements and, after a spread, the placements the spread
added (key ``(code, "spread")``), and the placements the spread could not place; the published
cells are each area's placements (entered + spread), the sum per grouping (wijk, municipality),
the region's total and the unplaced count. A reader is taken to know the number that was
spread (the simulation's outflow): spread + unplaced = that number is given to the audit as a
known fact, and so is every area's spread share (recomputable from public inputs: see
:func:`_declare_spread`), which makes the *entered* counts the sensitive ones: an area whose
entered part is below the threshold is hidden whatever the spread added. The disclosure layer
hides every count below the threshold and, where a total minus the visible parts would give
one away, a further cell, and audits the result.

Hidden with a count is everything that reveals it: placements per 1,000, the load per 1,000,
the headroom under the ceiling, the excess above it and the flags (shown as one neutral flag).
The regional mean load is the region's total in other words, so it is hidden with the total;
the standard deviation (and a threshold built on it) depends on every area's count in a
non-linear way and is shown only when no area's count is hidden. Public and always shown: the
adults, the expected EPA (a model estimate, not a count of clients), the indicators, the
ceilings and the notes.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from ggzregio.neighbourhood.areas import PlacementCeiling
from ggzregio.neighbourhood.assess import FAR_ABOVE_MEAN, AreaAssessment, Assessment, Flag
from ggzregio.neighbourhood.spread import SpreadResult
from ggzregio.privacy import DEFAULT_THRESHOLD, protect
from ggzregio.privacy.output import Output
from ggzregio.privacy.suppression import SUPPRESSED
from ggzregio.privacy.tables import (
    COUNT,
    UNIT_TABLE,
    Fact,
    hide,
    sums_output,
    visible_facts,
)

AREA_TABLE: Final = "area"
TOTAL_TABLE: Final = "total"
UNPLACED_TABLE: Final = "unplaced"
#: The entered part of each area's count after a spread (audited, never published).
ENTERED_TABLE: Final = "entered"
#: Base-count key of the placements a spread could not place (no area code is a tuple).
UNPLACED_KEY: Final = ("unplaced",)
SPREAD: Final = "spread"
PLACEMENTS: Final = "placements"
FLAGS: Final = "flags"
#: Columns hidden with a hidden placement count.
HIDDEN_WITH_PLACEMENTS: Final = (
    PLACEMENTS, "placements_per_1000", "load_per_1000", "headroom", "excess",
)  # fmt: skip
#: Columns of the area table an indicator may not be named after.
RESERVED_COLUMNS: Final = frozenset(
    {
        *("area_code", "area_name", "adults", "expected_epa", "expected_epa_per_1000"),
        *(*HIDDEN_WITH_PLACEMENTS, "ceiling_kind", "ceiling", "limit", FLAGS, "notes"),
        *(SUPPRESSED, "flag_reason", "note_text", "municipality_code", "municipality_name"),
    }
)
#: The flag column of a row whose count is hidden: ``suppressed:<threshold>``, as in the
#: prevalence comparison (:func:`ggzregio.labels.flag_text` renders it).
SUPPRESSED_FLAG: Final = "suppressed"


@dataclass(frozen=True)
class LoadDisplay:
    """The protected tables, their masks of hidden cells, the reasons safe to show per area
    code, and the facts they publish (to remember for the next output of the same data)."""

    tables: dict[str, pd.DataFrame]
    masks: dict[str, pd.DataFrame]
    reasons: dict[str, tuple[Flag, ...]]
    facts: list[Fact]
    threshold: int


def display_tables(
    assessment: Assessment,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    groupings: Mapping[str, Mapping[str, str]] | None = None,
    spread: SpreadResult | None = None,
    unpublished: Mapping[Hashable, int] | None = None,
    history: Iterable[Fact] = (),
    readers: Mapping[str, Iterable[Hashable]] | None = None,
) -> LoadDisplay:
    """Protect an assessment for display. ``groupings`` maps a level (``"wijk"``,
    ``"municipality"``) to each area's label at that level (areas without one are in no
    group). ``spread``: the spread whose placements the assessed areas include
    (:func:`~ggzregio.neighbourhood.spread.apply_spread`); its unplaced count is published too.

    ``history`` are the facts earlier outputs of the same data published (:attr:`LoadDisplay.
    facts`); ``unpublished`` the base counts of earlier outputs that are not in this one (an
    area left out: its code; without them, an earlier sum minus the areas shown now could give
    it away); ``readers`` map a reader to the base counts they entered themselves (see
    docs/privacy.md)."""
    groupings = dict(groupings or {})
    clash = set(groupings) & {AREA_TABLE, TOTAL_TABLE, UNPLACED_TABLE, ENTERED_TABLE, UNIT_TABLE}
    if clash:
        raise ValueError(f"grouping name(s) {sorted(clash)} are reserved")
    rows = assessment.areas
    codes = [a.code for a in rows]
    units, labels = _base_counts(rows, groupings, spread)
    extra = None
    if unpublished:
        extra = pd.Series([float(v) for v in unpublished.values()], dtype=np.float64,
                          index=pd.Index(list(unpublished), dtype=object))  # fmt: skip
    output = sums_output(
        units,
        labels,
        threshold,
        publish_units=False,
        unpublished=extra,
        history=history,
        readers=readers,
    )
    if spread is not None:
        _declare_spread(output, codes, spread)
    decision = protect(output)

    area_hidden = decision.mask(AREA_TABLE, "n").reindex(codes).to_numpy(dtype=bool)
    total_hidden = bool(decision.mask(TOTAL_TABLE, "n").iloc[0]) if codes else True
    any_area_hidden = bool(area_hidden.any())
    tables: dict[str, pd.DataFrame] = {}
    masks: dict[str, pd.DataFrame] = {}
    frame = _area_frame(rows)
    flags = frame[FLAGS].astype(object)
    flags[area_hidden] = f"{SUPPRESSED_FLAG}:{threshold}"
    frame[FLAGS] = flags
    tables[AREA_TABLE], masks[AREA_TABLE] = hide(frame, area_hidden, HIDDEN_WITH_PLACEMENTS)
    for level, mapping in groupings.items():
        table = _group_frame(rows, mapping, level)
        hidden = decision.mask(level, "n").reindex(table[level]).to_numpy(dtype=bool)
        tables[level], masks[level] = hide(table, hidden, HIDDEN_WITH_PLACEMENTS)
    total = _total_frame(assessment)
    tables[TOTAL_TABLE], masks[TOTAL_TABLE] = _hide_total(total, total_hidden, any_area_hidden)
    if spread is not None:
        table = pd.DataFrame({PLACEMENTS: pd.array([spread.unplaced], dtype="Int64")})
        hidden_cell = decision.mask(UNPLACED_TABLE, "n").to_numpy(dtype=bool)
        tables[UNPLACED_TABLE], masks[UNPLACED_TABLE] = hide(table, hidden_cell, [PLACEMENTS])
    reasons = {
        a.code: _safe_reasons(a, bool(hidden), total_hidden, any_area_hidden, assessment, threshold)
        for a, hidden in zip(rows, area_hidden, strict=True)
    }
    return LoadDisplay(tables, masks, reasons, visible_facts(decision), threshold)


def _declare_spread(output: Output, codes: list[str], spread: SpreadResult) -> None:
    """What a reader knows of a spread, and what stays sensitive. The number spread is known
    (the simulation's outflow), and so is every area's share: under ``adults`` anyone can
    recompute it from the number, the adults and the ceilings; under ``headroom`` it depends on
    the entered counts, and taking it as known over-approximates what a reader has (the cell is
    then the entered count plus a constant; docs/neighbourhood.md, "Limits", says where that is
    only an approximation). So the *entered* counts are the sensitive ones: each is
    declared as a count the output implies but never shows, hidden (and audited) when below
    the threshold, which hides the area's cell, and where needed further cells, with it."""
    for code in codes:
        output.prior({(code, SPREAD): 1.0}, float(spread.placed.get(code, 0)))
    known: dict[Hashable, float] = {(c, SPREAD): 1.0 for c in codes}
    output.prior(known | {UNPLACED_KEY: 1.0}, float(spread.total))
    output.cells(ENTERED_TABLE, COUNT, codes, [[(c, 1.0)] for c in codes], published=False)


def _base_counts(
    rows: tuple[AreaAssessment, ...],
    groupings: Mapping[str, Mapping[str, str]],
    spread: SpreadResult | None,
) -> tuple[pd.Series, dict[str, pd.Series]]:
    """The base counts (entered per area; spread per area and unplaced when a spread is given)
    and, per published table, each base count's label (None: in no cell of that table)."""
    codes = [a.code for a in rows]
    keys: list[Hashable] = list(codes)
    values = [float(a.placements) for a in rows]
    owner: list[str | None] = list(codes)
    if spread is not None:
        added = [spread.placed.get(c, 0) for c in codes]
        if any(a.placements < n for a, n in zip(rows, added, strict=True)):
            raise ValueError("the assessed areas do not include the spread's placements")
        values = [v - n for v, n in zip(values, added, strict=True)]
        keys += [(c, SPREAD) for c in codes] + [UNPLACED_KEY]
        values += [float(n) for n in added] + [float(spread.unplaced)]
        owner += [*codes, None]
    units = pd.Series(values, index=pd.Index(keys, dtype=object, tupleize_cols=False))
    labels = {AREA_TABLE: pd.Series(owner, dtype=object)}
    for level, mapping in groupings.items():
        labels[level] = pd.Series([None if c is None else mapping.get(c) for c in owner])
    labels[TOTAL_TABLE] = pd.Series([None if c is None else TOTAL_TABLE for c in owner])
    if spread is not None:
        labels[UNPLACED_TABLE] = pd.Series([None] * (len(owner) - 1) + [UNPLACED_TABLE])
    return units, labels


def _area_frame(rows: tuple[AreaAssessment, ...]) -> pd.DataFrame:
    indicator_names = list(dict.fromkeys(n for a in rows for n in a.area.indicators))
    clash = RESERVED_COLUMNS.intersection(indicator_names)
    if clash:
        raise ValueError(f"indicator name(s) {sorted(clash)} clash with the table's columns")
    data: dict[str, list[object]] = {
        "area_code": [a.code for a in rows],
        "area_name": [a.area.name for a in rows],
        "adults": [a.area.adults for a in rows],
        "expected_epa": [_nan(a.area.expected_epa) for a in rows],
        "expected_epa_per_1000": [_nan(a.area.expected_epa_per_1000) for a in rows],
    }
    for name in indicator_names:  # a missing indicator stays missing (NaN), never 0
        data[name] = [_nan(a.area.indicators.get(name)) for a in rows]
    data |= {
        PLACEMENTS: [a.placements for a in rows],
        "placements_per_1000": [_nan(a.area.per_1000()) for a in rows],
        "load_per_1000": [_nan(a.load_per_1000) for a in rows],
        "ceiling_kind": [_kind(a) for a in rows],
        "ceiling": [_ceiling(a) for a in rows],
        "limit": [a.limit for a in rows],
        "headroom": [a.area.headroom for a in rows],
        "excess": [a.excess for a in rows],
        FLAGS: [";".join(a.flag_codes) for a in rows],
        "notes": [";".join(n.code for n in a.notes) for a in rows],
    }
    frame = pd.DataFrame(data)
    for column in (PLACEMENTS, "limit", "headroom", "excess"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _kind(row: AreaAssessment) -> str | None:
    ceiling = row.area.ceiling
    if ceiling is None:
        return None
    return "placements" if isinstance(ceiling, PlacementCeiling) else "per_1000_adults"


def _ceiling(row: AreaAssessment) -> float:
    ceiling = row.area.ceiling
    if ceiling is None:
        return float("nan")
    if isinstance(ceiling, PlacementCeiling):
        return float(ceiling.placements)
    return float(ceiling.per_1000_adults)


def _nan(value: float | None) -> float:
    return float("nan") if value is None else float(value)


def _group_frame(
    rows: tuple[AreaAssessment, ...], mapping: Mapping[str, str], level: str
) -> pd.DataFrame:
    """Sums per label: adults, expected EPA, placements, and their rates (over the areas
    whose load is known for the load)."""
    records: dict[str, list[float]] = {}
    for row in rows:
        label = mapping.get(row.code)
        if label is None:
            continue
        acc = records.setdefault(label, [0.0, 0.0, 0.0, 0.0, 0.0])
        acc[0] += row.area.adults
        acc[1] += row.area.expected_epa or 0.0
        acc[2] += row.placements
        if row.load_per_1000 is not None:
            acc[3] += row.area.adults
            acc[4] += (row.area.expected_epa or 0.0) + row.placements
    sums = list(records.values())
    table = pd.DataFrame(
        {
            level: list(records),
            "adults": [int(v[0]) for v in sums],
            "expected_epa": [v[1] for v in sums],
            PLACEMENTS: [int(v[2]) for v in sums],
            "placements_per_1000": [v[2] * 1000 / v[0] if v[0] else np.nan for v in sums],
            "load_per_1000": [v[4] * 1000 / v[3] if v[3] else np.nan for v in sums],
        }
    )
    table[PLACEMENTS] = table[PLACEMENTS].astype("Int64")
    return table


def _total_frame(assessment: Assessment) -> pd.DataFrame:
    region = assessment.region
    per_1000 = region.placements * 1000 / region.adults if region.adults else np.nan
    return pd.DataFrame(
        {
            "adults": [region.adults],
            "expected_epa": [region.expected_epa],
            PLACEMENTS: pd.array([region.placements], dtype="Int64"),
            "placements_per_1000": [per_1000],
            "mean_load_per_1000": [_nan(region.mean_per_1000)],
            "sd_load_per_1000": [_nan(region.sd_per_1000)],
            "threshold_per_1000": [_nan(region.threshold_per_1000)],
            "areas_compared": [region.areas_compared],
            "method": [assessment.rules.method],
        }
    )


def _hide_total(
    total: pd.DataFrame, total_hidden: bool, any_area_hidden: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The mean is the total in other words; the SD and an SD-based threshold are non-linear
    in every area's count: shown only when no area's count is hidden."""
    method = str(total["method"].iloc[0])
    columns = [PLACEMENTS, "placements_per_1000", "mean_load_per_1000", "threshold_per_1000"]
    out, mask = hide(total, np.array([total_hidden]), columns)
    if any_area_hidden:
        nonlinear = ["sd_load_per_1000"] + (["threshold_per_1000"] if method == "sd" else [])
        out[nonlinear] = np.nan
        for column in nonlinear:
            mask[column] = True
        out["suppressed"] = True
    return out, mask


def _safe_reasons(
    row: AreaAssessment,
    hidden: bool,
    total_hidden: bool,
    any_area_hidden: bool,
    assessment: Assessment,
    threshold: int,
) -> tuple[Flag, ...]:
    """The reasons of a row that reveal no hidden cell: one neutral flag for a hidden row;
    a far-above flag without the mean and threshold where those are hidden."""
    if hidden:
        return (Flag(SUPPRESSED_FLAG, "flag.suppressed", {"threshold": threshold}),)
    threshold_hidden = total_hidden or (assessment.rules.method == "sd" and any_area_hidden)
    out = []
    for flag in row.flags:
        if flag.code == FAR_ABOVE_MEAN and threshold_hidden:
            load = {"load": flag.values["load"]}
            flag = Flag(flag.code, "neighbourhood.flag.far_above_hidden", load)
        out.append(flag)
    return tuple(out)
