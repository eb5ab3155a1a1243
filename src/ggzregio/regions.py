"""Region lookups: which province, centrumgemeente (sheltered housing, BW) region, zorgkantoor
region and GGD region a municipality belongs to, per year; and municipal mergers
(*herindelingen*) so that a time series stays comparable across years.

Lookup table (CSV/Excel/Parquet), one row per municipality, region type and validity period:
``municipality_code`` (GM0123), ``municipality_name``, ``region_type`` (one of
:data:`REGION_TYPES`), ``region_code``, ``region_name``, ``valid_from`` (first year),
``valid_to`` (last year; empty = still valid).

Mergers table: ``year`` (first year the new municipality exists), ``old_code``, ``new_code``
and optional ``share`` (the part of the old municipality that went to the new one, for a
municipality split over several; default 1; the shares of one old code must add up to 1).
Counts are carried forward by these shares; rates must be recomputed from carried counts,
never averaged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from ggzregio.errors import InputError, Problem, sample_values
from ggzregio.io.tables import read_table

REGION_TYPES: Final = ("province", "centrumgemeente", "zorgkantoor", "ggd")
OPEN_END: Final = 9999
_MUNICIPALITY = re.compile(r"^GM\d{4}$")
LOOKUP_COLUMNS: Final = ("municipality_code", "municipality_name", "region_type",
                         "region_code", "region_name", "valid_from", "valid_to")  # fmt: skip
MERGER_COLUMNS: Final = ("year", "old_code", "new_code", "share")


@dataclass(frozen=True)
class RegionLookup:
    """A validated lookup table and the file it came from."""

    frame: pd.DataFrame
    source: str

    def regions(self, year: int, region_type: str) -> pd.DataFrame:
        """municipality_code → region_code, region_name valid in ``year``."""
        f = self.frame
        valid = (f["region_type"] == region_type) & (f["valid_from"] <= year)
        valid &= f["valid_to"] >= year
        return f.loc[valid, ["municipality_code", "region_code", "region_name"]].reset_index(
            drop=True
        )

    def assign(self, frame: pd.DataFrame, year: int, region_type: str) -> pd.DataFrame:
        """``frame`` (with ``municipality_code``) with the region of that type in ``year``
        as ``region_code``/``region_name``. A municipality without one is an error."""
        table = self.regions(year, region_type)
        joined = frame.drop(columns=["region_code", "region_name"], errors="ignore").merge(
            table, on="municipality_code", how="left", validate="many_to_one"
        )
        lost = joined.loc[joined["region_code"].isna(), "municipality_code"].dropna().unique()
        if len(lost):
            values: dict[str, object] = {
                "kind": region_type,
                "year": year,
                "values": ", ".join(sorted(lost)[:10]),
            }
            raise InputError([Problem(self.source, "regions.unassigned", values=values)])
        joined.index = frame.index
        return joined


def _rows(frame: pd.DataFrame, mask: pd.Series | np.ndarray) -> tuple[int, ...]:
    return tuple(int(r) for r in frame.index[np.asarray(mask, dtype=bool)][:20])


def _require(frame: pd.DataFrame, columns: tuple[str, ...], file: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError([Problem(file, "missing_column", c) for c in missing])


def _years(series: pd.Series, default: int | None) -> pd.Series:
    text = series.astype("string").str.strip()
    if default is not None:
        text = text.fillna(str(default)).replace("", str(default))
    return pd.to_numeric(text, errors="coerce")


def validate_lookup(frame: pd.DataFrame, file: str) -> RegionLookup:
    """Check a lookup table rule by rule (codes, types, years, no overlapping periods)."""
    _require(frame, (*LOOKUP_COLUMNS[:5], "valid_from"), file)
    f = frame.copy()
    if "valid_to" not in f.columns:
        f["valid_to"] = ""
    for column in ("municipality_code", "region_type", "region_code", "region_name"):
        f[column] = f[column].astype("string").str.strip()
    f["municipality_name"] = f["municipality_name"].astype("string").str.strip()
    problems: list[Problem] = []
    bad = ~f["municipality_code"].str.match(_MUNICIPALITY).fillna(False)
    if bad.any():
        values: dict[str, object] = {"values": sample_values(list(f.loc[bad, "municipality_code"]))}
        problems.append(
            Problem(file, "regions.bad_municipality", "municipality_code", _rows(f, bad), values)
        )
    kind = ~f["region_type"].isin(REGION_TYPES).fillna(False)
    if kind.any():
        values = {
            "values": sample_values(list(f.loc[kind, "region_type"])),
            "allowed": ", ".join(REGION_TYPES),
        }
        problems.append(Problem(file, "regions.bad_type", "region_type", _rows(f, kind), values))
    f["valid_from"] = _years(f["valid_from"], None)
    f["valid_to"] = _years(f["valid_to"], OPEN_END)
    years = f["valid_from"].isna() | f["valid_to"].isna() | (f["valid_from"] > f["valid_to"])
    if years.any():
        sample = f.loc[years, ["valid_from", "valid_to"]].astype(str).agg("-".join, axis=1)
        values = {"values": sample_values(list(sample))}
        problems.append(Problem(file, "regions.bad_years", "valid_from", _rows(f, years), values))
    if problems:
        raise InputError(problems)
    f["valid_from"] = f["valid_from"].astype(int)
    f["valid_to"] = f["valid_to"].astype(int)
    ordered = f.sort_values(["municipality_code", "region_type", "valid_from"])
    previous_end = ordered.groupby(["municipality_code", "region_type"])["valid_to"].shift()
    overlap = ordered["valid_from"] <= previous_end
    if overlap.any():
        first = ordered[overlap].iloc[0]
        values = {
            "municipality": first["municipality_code"],
            "year": int(first["valid_from"]),
            "kind": first["region_type"],
        }
        rows = tuple(int(r) for r in ordered.index[overlap.to_numpy()][:20])
        raise InputError([Problem(file, "regions.overlap", "valid_from", rows, values)])
    return RegionLookup(f, file)


def read_lookup(path: str | Path, sheet: str | None = None) -> RegionLookup:
    raw = read_table(path, sheet=sheet)
    return validate_lookup(raw.frame, raw.source.name)


@dataclass(frozen=True)
class Mergers:
    """Validated municipal mergers (and splits, by share)."""

    frame: pd.DataFrame
    source: str

    def carry(
        self,
        frame: pd.DataFrame,
        to_year: int,
        counts: list[str],
        code: str = "municipality_code",
        year: str = "year",
    ) -> pd.DataFrame:
        """Express every row of ``frame`` (a series per municipality and year) in the
        municipalities of ``to_year``: rows of a municipality later merged are carried to its
        successor(s) by share, chained over several mergers, and summed. Only counts can be
        carried; recompute rates from them."""
        data = frame[[code, year, *counts]].copy()
        data["_weight"] = 1.0
        steps = self.frame[self.frame["year"] <= to_year].sort_values("year")
        for step_year, step in steps.groupby("year", sort=True):
            moved = data[year] < step_year
            hit = moved & data[code].isin(step["old_code"])
            if not hit.any():
                continue
            mapped = data[hit].merge(
                step[["old_code", "new_code", "share"]], left_on=code, right_on="old_code"
            )
            mapped[code] = mapped["new_code"]
            mapped["_weight"] = mapped["_weight"] * mapped["share"]
            data = pd.concat(
                [data[~hit], mapped.drop(columns=["old_code", "new_code", "share"])],
                ignore_index=True,
            )
        for column in counts:
            data[column] = data[column] * data["_weight"]
        summed = data.groupby([code, year], as_index=False, sort=True)[counts].sum(min_count=1)
        return summed


def validate_mergers(frame: pd.DataFrame, file: str) -> Mergers:
    _require(frame, MERGER_COLUMNS[:3], file)
    f = frame.copy()
    if "share" not in f.columns:
        f["share"] = 1.0
    f["old_code"] = f["old_code"].astype("string").str.strip()
    f["new_code"] = f["new_code"].astype("string").str.strip()
    problems: list[Problem] = []
    for column in ("old_code", "new_code"):
        bad = ~f[column].str.match(_MUNICIPALITY).fillna(False)
        if bad.any():
            values: dict[str, object] = {"values": sample_values(list(f.loc[bad, column]))}
            problems.append(
                Problem(file, "regions.bad_municipality", column, _rows(f, bad), values)
            )
    f["year"] = _years(f["year"], None)
    f["share"] = pd.to_numeric(
        f["share"].astype("string").str.strip().replace("", "1").fillna("1").str.replace(",", "."),
        errors="coerce",
    )
    bad_year = f["year"].isna()
    if bad_year.any():
        values = {"values": sample_values(list(frame.loc[bad_year, "year"]))}
        problems.append(Problem(file, "regions.bad_years", "year", _rows(f, bad_year), values))
    total = f.groupby(["year", "old_code"])["share"].transform("sum")
    bad_share = f["share"].isna() | (f["share"] <= 0) | ((total - 1).abs() > 1e-9)
    if bad_share.any():
        values = {"values": sample_values([str(v) for v in total[bad_share]])}
        problems.append(Problem(file, "regions.bad_share", "share", _rows(f, bad_share), values))
    if problems:
        raise InputError(problems)
    f["year"] = f["year"].astype(int)
    return Mergers(f, file)


def read_mergers(path: str | Path, sheet: str | None = None) -> Mergers:
    raw = read_table(path, sheet=sheet)
    return validate_mergers(raw.frame, raw.source.name)
