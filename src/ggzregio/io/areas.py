"""The area table: the canonical input of the prevalence model, validated rule by rule.

Canonical columns (SPEC.md §2; issue 2): ``area_code``, ``adults``, ``oad`` (or
``urbanity_class`` 1-5 / I-V), ``pct_single_households``, ``pct_wwb``, ``pct_ao``
(percentages 0-100); optional ``area_name``, ``inhabitants``, ``municipality_code``,
``municipality_name``, ``region_code``, ``region_name``. Any other column is kept as text.
A model with extra variables needs those columns too (``pct_*`` ones are percentages).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ggzregio.errors import InputError, Problem, sample_values
from ggzregio.i18n import t
from ggzregio.io.tables import (
    Decimal,
    ParsedColumn,
    RawTable,
    SourceInfo,
    choose_decimal,
    offending,
    parse_numbers,
    parse_text,
    read_table,
)
from ggzregio.prevalence.estimate import classify_urbanity
from ggzregio.prevalence.model import ModelSpec

CODE_COLUMNS = ("area_code", "municipality_code", "region_code")
NAME_COLUMNS = {
    "area_code": "area_name",
    "municipality_code": "municipality_name",
    "region_code": "region_name",
}
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}


@dataclass(frozen=True)
class SkippedRow:
    """A row left out under ``--skip-invalid``, with the rules it broke."""

    row: int
    reasons: tuple[str, ...]

    def message(self) -> str:
        return t("problem.skipped", row=self.row, reasons="; ".join(self.reasons))


@dataclass(frozen=True)
class AreaTable:
    """A validated area table ready for the model."""

    frame: pd.DataFrame
    source: SourceInfo
    skipped: tuple[SkippedRow, ...] = ()


def read_areas(
    path: str | Path,
    model: ModelSpec,
    *,
    skip_invalid: bool = False,
    group_columns: Sequence[str] = (),
    count_columns: Sequence[str] = (),
    numeric_columns: Sequence[str] = (),
    sheet: str | None = None,
    decimal: Decimal | None = None,
    encoding: str = "utf-8-sig",
) -> AreaTable:
    """Read and validate an area table file; see :func:`validate_areas`."""
    raw = read_table(path, sheet=sheet, encoding=encoding)
    return validate_areas(
        raw,
        model,
        skip_invalid=skip_invalid,
        group_columns=group_columns,
        count_columns=count_columns,
        numeric_columns=numeric_columns,
        decimal=decimal,
    )


def areas_from_frame(
    frame: pd.DataFrame,
    model: ModelSpec,
    name: str = "<tabel>",
    count_columns: Sequence[str] = (),
) -> AreaTable:
    """Validate an in-memory table (rows numbered from 1) - for library users and tests."""
    raw = frame.rename(columns=lambda c: str(c).strip().lower()).reset_index(drop=True)
    raw.index = pd.Index(np.arange(len(raw)) + 1, name="row")
    source = SourceInfo(name=name, format="dataframe", sha256="")
    return validate_areas(RawTable(raw, source), model, count_columns=count_columns)


class RowChecks:
    """Collects row masks per (rule, column) and turns them into problems or skips."""

    def __init__(self, raw: pd.DataFrame, file: str):
        self.raw = raw
        self.file = file
        self.items: list[tuple[str, str | None, NDArray[np.bool_], dict[str, object]]] = []

    def add(self, rule: str, column: str | None, mask: NDArray[np.bool_], **values: object) -> None:
        if mask.any():
            if column is not None and column in self.raw.columns and "values" not in values:
                values["values"] = offending(self.raw[column], mask)[1]
            self.items.append((rule, column, mask, values))

    def problems(self) -> list[Problem]:
        index = self.raw.index
        return [
            Problem(self.file, rule, column, tuple(int(r) for r in index[mask]), values)
            for rule, column, mask, values in self.items
        ]

    def invalid_rows(self) -> NDArray[np.bool_]:
        out = np.zeros(len(self.raw), dtype=bool)
        for _, _, mask, _ in self.items:
            out |= mask
        return out

    def skipped(self) -> list[SkippedRow]:
        reasons: dict[int, list[str]] = {}
        for problem in self.problems():
            text = problem.message().split(": ", 1)[1]
            label = f"{problem.column}: {text}" if problem.column else text
            for row in problem.rows:
                reasons.setdefault(row, []).append(label)
        return [SkippedRow(row, tuple(reasons[row])) for row in sorted(reasons)]


def validate_areas(
    raw: RawTable,
    model: ModelSpec,
    *,
    skip_invalid: bool = False,
    group_columns: Sequence[str] = (),
    count_columns: Sequence[str] = (),
    numeric_columns: Sequence[str] = (),
    decimal: Decimal | None = None,
) -> AreaTable:
    """Check every rule and return typed columns, or raise :class:`InputError` naming file,
    rows, column and rule. With ``skip_invalid`` rows breaking a row rule are left out and
    reported instead; file rules (missing columns, duplicate codes, ...) always refuse."""
    frame, file = raw.frame, raw.source.name
    columns = list(frame.columns)
    found = ", ".join(columns)

    # File-level: required columns.
    problems: list[Problem] = []
    variables = [*model.variables, *(c for c in numeric_columns if c not in model.variables)]
    required = ["area_code", "adults", *variables, *count_columns]
    for column in required:
        if column not in frame.columns:
            problems.append(Problem(file, "missing_column", column, values={"found": found}))
    if "oad" not in frame.columns and "urbanity_class" not in frame.columns:
        problems.append(Problem(file, "missing_urbanity", values={"found": found}))
    for column in group_columns:
        if column not in frame.columns:
            problems.append(Problem(file, "unknown_group_column", column, values={"found": found}))
    if problems:
        raise InputError(problems)

    counts = ("adults", "inhabitants", *count_columns)
    numeric = [c for c in (*counts, "oad", *variables) if c in frame]
    if decimal is None:
        decimal = choose_decimal(raw, numeric)
    source = replace(raw.source, decimal=decimal)

    checks = RowChecks(frame, file)
    typed: dict[str, object] = {}
    parsed: dict[str, ParsedColumn] = {}
    for column in numeric:
        p = parse_numbers(frame[column], decimal, integer=column in counts)
        parsed[column] = p
        checks.add("missing_value", column, p.missing, values="")
        checks.add("non_numeric", column, p.bad, decimal=decimal)
        typed[column] = p.values
    valid = {c: ~(p.missing | p.bad) for c, p in parsed.items()}

    for column in variables:
        if column.startswith("pct_"):
            v = parsed[column].values
            checks.add("percentage_range", column, valid[column] & ((v < 0) | (v > 100)))
    for column in counts:
        if column in parsed:
            v = parsed[column].values
            checks.add("negative", column, valid[column] & (v < 0))
            checks.add("non_integer", column, valid[column] & (v >= 0) & (v != np.floor(v)))
    if "oad" in parsed:
        checks.add("negative", "oad", valid["oad"] & (parsed["oad"].values < 0))
    if "inhabitants" in parsed:
        both = valid["adults"] & valid["inhabitants"]
        more = both & (parsed["adults"].values > parsed["inhabitants"].values)
        checks.add("adults_exceed_inhabitants", "adults", more, values="")

    if "urbanity_class" in frame.columns:
        classes = _parse_urbanity_class(frame["urbanity_class"], checks)
        typed["urbanity_class"] = classes
        if "oad" in parsed:
            ok = valid["oad"] & ~np.isnan(classes) & (parsed["oad"].values >= 0)
            derived = np.zeros(len(frame))
            derived[ok] = classify_urbanity(parsed["oad"].values[ok], model)
            mismatch = ok & (derived != classes)
            checks.add(
                "urbanity_mismatch",
                "urbanity_class",
                mismatch,
                values=sample_values([int(x) for x in derived[mismatch]]),
            )

    texts: dict[str, pd.Series] = {}
    for column in (*CODE_COLUMNS, *group_columns):
        if column in frame.columns and column not in typed:
            text, missing = parse_text(frame[column])
            texts[column] = text
            checks.add("missing_value", column, missing, values="")

    invalid = checks.invalid_rows()
    skipped: list[SkippedRow] = []
    if invalid.any():
        if not skip_invalid:
            raise InputError(checks.problems())
        skipped = checks.skipped()
    keep = ~invalid
    if not keep.any():
        raise InputError([Problem(file, "no_valid_rows")])

    result = frame.loc[keep].copy()
    for column, values in typed.items():
        result[column] = np.asarray(values)[keep]
    for column, text in texts.items():
        result[column] = text[keep]
    for column in counts:
        if column in result:
            result[column] = result[column].astype(np.int64)
    if "urbanity_class" in result:
        result["urbanity_class"] = result["urbanity_class"].astype(np.int8)

    check_unique_codes(result["area_code"], file)
    _check_consistent_names(result, file)
    return AreaTable(result, source, tuple(skipped))


def _parse_urbanity_class(series: pd.Series, checks: RowChecks) -> NDArray[np.float64]:
    roman = series.map(lambda v: ROMAN.get(v.strip().upper(), v) if isinstance(v, str) else v)
    p = parse_numbers(roman.astype(object), ".")
    checks.add("missing_value", "urbanity_class", p.missing, values="")
    checks.add("non_numeric", "urbanity_class", p.bad, decimal=".")
    ok = ~(p.missing | p.bad)
    out_of_range = ok & ~np.isin(p.values, [1, 2, 3, 4, 5])
    checks.add("urbanity_class_range", "urbanity_class", out_of_range)
    return np.where(ok & ~out_of_range, p.values, np.nan)


def check_unique_codes(codes: pd.Series, file: str) -> None:
    """Refuse duplicate area codes; ``codes`` is indexed by the row numbers people see."""
    duplicated = codes.duplicated(keep=False).to_numpy()
    if duplicated.any():
        rows = tuple(int(r) for r in codes.index[duplicated])
        values = sample_values(list(codes[duplicated].unique()[:3]))
        raise InputError([Problem(file, "duplicate_code", "area_code", rows, {"values": values})])


def _check_consistent_names(frame: pd.DataFrame, file: str) -> None:
    problems = []
    for code, name in NAME_COLUMNS.items():
        if code == "area_code" or code not in frame or name not in frame:
            continue
        pairs = frame[[code, name]].drop_duplicates()
        multi = pairs[code][pairs[code].duplicated()].unique()
        if len(multi):
            mask = frame[code].isin(multi).to_numpy()
            problems.append(
                Problem(
                    file,
                    "inconsistent_name",
                    code,
                    tuple(int(r) for r in frame.index[mask]),
                    {"name_column": name, "values": sample_values(list(multi))},
                )
            )
    if problems:
        raise InputError(problems)
