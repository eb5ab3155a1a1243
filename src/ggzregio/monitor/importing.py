"""Importing monitor data: a tidy table (CSV/Excel/Parquet: region, year, indicator, value, ...)
or the wide Excel template (one sheet per indicator group: region and year in rows, indicators
in columns). Validation follows the foundation's rules: every problem with file, (sheet,) rows
and column, nothing returned unless all is valid.

Rules: unknown region (when a region list is given) or indicator; duplicate region-year-
indicator; values that are not numbers; years out of range; negative values; rates outside
their bounds (0-100 %, grade 1-10); status other than provisional/final (Dutch *voorlopig* /
*definitief* accepted). Places may be given as production days (``unit`` = ``days``/``dagen``):
365 days count as one place (002:225).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from ggzregio.errors import InputError, Problem, sample_values
from ggzregio.io.atomic import write_files_atomically
from ggzregio.io.cells import text_cells_only
from ggzregio.io.tables import RawTable, choose_decimal, parse_numbers, parse_text, read_table
from ggzregio.monitor.catalogue import Catalogue
from ggzregio.monitor.data import NATIONAL, MonitorData

YEAR_RANGE: Final = (2000, 2035)
DAYS_PER_PLACE: Final = 365
_DAY_UNITS: Final = frozenset({"days", "dagen", "dag", "day"})
_STATUS: Final = {
    "provisional": "provisional",
    "voorlopig": "provisional",
    "final": "final",
    "definitief": "final",
}
ALIASES: Final = {
    "regio": "region_code",
    "region": "region_code",
    "regiocode": "region_code",
    "jaar": "year",
    "indicator_code": "indicator",
    "waarde": "value",
    "eenheid": "unit",
    "bron": "source",
}


def _rows(index: Iterable[object]) -> tuple[int, ...]:
    return tuple(int(str(r)) for r in index)


def _validate(
    frame: pd.DataFrame,
    file: str,
    catalogue: Catalogue,
    regions: set[str] | None,
    sheet: str | None,
    decimal: str,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check a tidy frame (index = row numbers) and return it cleaned plus the problems."""
    problems: list[Problem] = []

    def add(rule: str, column: str, mask: np.ndarray, **values: object) -> None:
        if mask.any():
            problems.append(
                Problem(file, rule, column, _rows(frame.index[mask]), values=values, sheet=sheet)
            )

    for column in ("region_code", "year", "indicator", "value"):
        if column not in frame.columns:
            found = ", ".join(str(c) for c in frame.columns)
            problems.append(
                Problem(file, "missing_column", column, sheet=sheet, values={"found": found})
            )
    if problems:
        return frame, problems
    region, region_missing = parse_text(frame["region_code"])
    indicator, indicator_missing = parse_text(frame["indicator"])
    add("missing_value", "region_code", region_missing)
    add("missing_value", "indicator", indicator_missing)
    unknown = ~indicator_missing & ~indicator.isin(list(catalogue)).to_numpy()
    add(
        "unknown_indicator",
        "indicator",
        unknown,
        values=sample_values(list(indicator[unknown])),
    )
    if regions is not None:
        bad = ~region_missing & ~region.isin([*regions, NATIONAL]).to_numpy()
        add("unknown_region_code", "region_code", bad, values=sample_values(list(region[bad])))
    years = parse_numbers(frame["year"], ".")
    year_values = years.values
    add("missing_value", "year", years.missing)
    not_whole = ~years.missing & (years.bad | (np.nan_to_num(year_values) % 1 != 0))
    add("non_integer", "year", not_whole, values=sample_values(list(frame["year"][not_whole])))
    out_of_range = (
        ~years.missing
        & ~not_whole
        & ((year_values < YEAR_RANGE[0]) | (year_values > YEAR_RANGE[1]))
    )
    add("year_range", "year", out_of_range, low=YEAR_RANGE[0], high=YEAR_RANGE[1])
    values = parse_numbers(frame["value"], decimal)  # type: ignore[arg-type]
    add("missing_value", "value", values.missing)
    add(
        "non_numeric",
        "value",
        values.bad,
        values=sample_values(list(frame["value"][values.bad])),
        decimal=decimal,
    )
    number = values.values.copy()
    unit = (
        parse_text(frame["unit"])[0].fillna("").str.lower()
        if "unit" in frame.columns
        else pd.Series("", index=frame.index)
    )
    days = unit.isin(list(_DAY_UNITS)).to_numpy()
    unit_of = {c: i.unit for c, i in catalogue.items()}
    is_places = indicator.map(unit_of).eq("places").to_numpy(dtype=bool)
    add("days_not_places", "unit", days & ~is_places)
    number = np.where(days, number / DAYS_PER_PLACE, number)
    add(
        "negative",
        "value",
        np.nan_to_num(number) < 0,
        values=sample_values(list(number[number < 0])),
    )
    bounds = {c: b for c, i in catalogue.items() if (b := i.bounds()) is not None}
    low = indicator.map({c: b[0] for c, b in bounds.items()}).fillna(-np.inf).to_numpy(float)
    high = indicator.map({c: b[1] for c, b in bounds.items()}).fillna(np.inf).to_numpy(float)
    outside = (number < low) | (number > high)
    add("rate_bounds", "value", outside, values=sample_values(list(number[outside])))
    status = pd.Series("final", index=frame.index)
    if "status" in frame.columns:
        text, missing = parse_text(frame["status"])
        mapped = text.str.lower().map(_STATUS)
        bad_status = ~missing & mapped.isna().to_numpy()
        add("bad_status", "status", bad_status, values=sample_values(list(text[bad_status])))
        status = mapped.fillna("final")
    keys = pd.DataFrame({"r": region, "y": year_values, "i": indicator}, index=frame.index)
    duplicated = keys.duplicated(keep=False).to_numpy() & ~region_missing & ~indicator_missing
    add("duplicate_series_value", "indicator", duplicated)
    source = (
        parse_text(frame["source"])[0].fillna("")
        if "source" in frame.columns
        else pd.Series("", index=frame.index)
    )
    clean = pd.DataFrame(
        {
            "region_code": region,
            "year": np.nan_to_num(year_values).astype(int),
            "indicator": indicator,
            "value": number,
            "unit": indicator.map(unit_of).fillna(""),
            "source": source,
            "status": status,
        },
        index=frame.index,
    )
    return clean, problems


def read_tidy(
    path: Path,
    catalogue: Catalogue,
    regions: dict[str, str] | None = None,
    sheet: str | None = None,
) -> MonitorData:
    """Read a tidy table (one row per region, year and indicator)."""
    raw = read_table(path, sheet=sheet)
    frame = raw.frame.rename(columns=lambda c: ALIASES.get(c, c))
    decimal = choose_decimal(RawTable(frame, raw.source), ["value"]) if "value" in frame else "."
    clean, problems = _validate(frame, raw.source.name, catalogue, _known(regions), sheet, decimal)
    if problems:
        raise InputError(problems)
    return MonitorData(
        clean.reset_index(drop=True), catalogue, dict(regions or {}), raw.source.data_version
    )


def _known(regions: dict[str, str] | None) -> set[str] | None:
    return None if regions is None else set(regions)


def _sheet_names(path: Path) -> list[str]:
    """The sheet names of a workbook; the file is closed again (not left to the collector).
    A file that is no readable workbook is refused with an :class:`InputError`."""
    try:
        with pd.ExcelFile(path) as book:
            return [str(name) for name in book.sheet_names]
    except Exception as exc:  # only the workbook library runs here: any failure is the file's
        values: dict[str, object] = {"detail": type(exc).__name__}
        raise InputError([Problem(path.name, "unreadable", values=values)]) from exc


def read_wide_excel(
    path: Path, catalogue: Catalogue, regions: dict[str, str] | None = None
) -> MonitorData:
    """Read the wide template: every sheet named after an indicator group, with columns
    ``region_code``, ``year`` and indicator codes (optionally ``status`` and ``source``)."""
    if not path.is_file():
        raise InputError([Problem(str(path), "file_not_found")])
    sheets = _sheet_names(path)
    groups = set(catalogue.groups())
    parts, problems = [], []
    data_version = ""
    for sheet in sheets:
        if sheet not in groups:
            continue
        try:
            raw = read_table(path, sheet=sheet)
        except InputError as exc:
            if exc.rules() == {"no_rows"}:
                continue  # a group left empty is simply not reported
            raise
        data_version = raw.source.data_version
        frame = raw.frame.rename(columns=lambda c: ALIASES.get(c, c))
        extra = [c for c in frame.columns if c not in ("region_code", "year", "status", "source")]
        unknown = [c for c in extra if c not in catalogue]
        for column in unknown:
            problems.append(
                Problem(
                    raw.source.name,
                    "unknown_indicator",
                    column,
                    sheet=sheet,
                    values={"values": column},
                )
            )
        codes = [c for c in extra if c in catalogue]
        if not codes or "region_code" not in frame or "year" not in frame:
            found = ", ".join(str(c) for c in frame.columns)
            problems.append(
                Problem(
                    raw.source.name,
                    "missing_column",
                    "region_code/year",
                    sheet=sheet,
                    values={"found": found},
                )
            )
            continue
        long = frame.melt(
            id_vars=[c for c in ("region_code", "year", "status", "source") if c in frame],
            value_vars=codes,
            var_name="indicator",
            value_name="value",
            ignore_index=False,
        )
        long = long[
            ~long["value"].map(
                lambda v: (
                    v is None or (isinstance(v, float) and np.isnan(v)) or str(v).strip() == ""
                )
            )
        ]
        decimal = choose_decimal(RawTable(long, raw.source), ["value"])
        clean, sheet_problems = _validate(
            long, raw.source.name, catalogue, _known(regions), sheet, decimal
        )
        problems.extend(sheet_problems)
        parts.append(clean)
    if not parts and not problems:
        problems.append(
            Problem(path.name, "no_monitor_sheets", values={"groups": ", ".join(sorted(groups))})
        )
    if problems:
        raise InputError(problems)
    frame = pd.concat(parts, ignore_index=True)
    dupes = frame.duplicated(["region_code", "year", "indicator"], keep=False)
    if dupes.any():
        raise InputError([Problem(path.name, "duplicate_series_value", "indicator", values={})])
    return MonitorData(frame, catalogue, dict(regions or {}), data_version)


def read_monitor(
    path: Path, catalogue: Catalogue, regions: dict[str, str] | None = None
) -> MonitorData:
    """A tidy table, or the wide template when an Excel file has indicator-group sheets."""
    if path.suffix.lower() in (".xlsx", ".xlsm") and path.is_file():
        groups = set(catalogue.groups())
        if groups & set(_sheet_names(path)):
            return read_wide_excel(path, catalogue, regions)
    return read_tidy(path, catalogue, regions)


def write_wide_template(data: MonitorData | None, catalogue: Catalogue, target: Path) -> Path:
    """The wide Excel template (a sheet per indicator group), empty or filled with ``data``."""

    def write(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for group in catalogue.groups():
                codes = [c for c, i in catalogue.items() if i.group == group]
                if data is None:
                    sheet = pd.DataFrame(
                        columns=["region_code", "year", *codes, "status", "source"]
                    )
                else:
                    wide = data.wide().reindex(columns=codes)
                    wide = wide.dropna(how="all").reset_index()
                    sheet = wide.assign(status="", source="")
                sheet.to_excel(writer, sheet_name=group, index=False)
            text_cells_only(writer.book)

    write_files_atomically({target: write})
    return target


def read_regions(path: Path) -> dict[str, str]:
    """A region list (CSV/Excel with ``region_code`` and optionally ``region_name``)."""
    raw = read_table(path)
    frame = raw.frame.rename(columns=lambda c: ALIASES.get(c, c))
    if "region_code" not in frame:
        found = ", ".join(str(c) for c in frame.columns)
        raise InputError(
            [Problem(raw.source.name, "missing_column", "region_code", values={"found": found})]
        )
    codes, _ = parse_text(frame["region_code"])
    names = parse_text(frame["region_name"])[0] if "region_name" in frame else codes
    return {str(c): str(n or "") for c, n in zip(codes, names, strict=True) if c}
