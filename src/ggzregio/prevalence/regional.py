"""A region's expected EPA care prevalence relative to the national figure, for planning.

Planning scales its EPA services by this factor (SPEC.md §3: the example regions assume the
national average prevalence, 004:1248-1254). The factor is the ``index_vs_national`` of the
region's estimate divided by 100, i.e. the region's expected adults with EPA in care per
100,000 inhabitants over the national ≈1,119 per 100,000.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ggzregio.errors import InputError, Problem, sample_values
from ggzregio.formatting import format_number
from ggzregio.i18n import t
from ggzregio.io.areas import read_areas
from ggzregio.io.results import ResultSet, read_results
from ggzregio.prevalence.aggregate import INDEX, PER_100K
from ggzregio.prevalence.model import ModelSpec
from ggzregio.prevalence.run import run_estimate

REGION_LEVEL = "region_code"


@dataclass(frozen=True)
class RegionPrevalence:
    """A region's prevalence index and where it came from."""

    region_code: str
    region_name: str
    factor: float
    per_100k: float
    inhabitants: float
    note: str


def _estimate_result(path: Path, model: ModelSpec) -> tuple[ResultSet, str]:
    """The estimate in ``path``: a result file of ``prevalence estimate``, else an areas file
    that is estimated now with ``model``."""
    try:
        result = read_results(path)
        if REGION_LEVEL in result.tables and INDEX in result.tables[REGION_LEVEL]:
            return result, t("plan.prev_from_result", file=path.name)
    except (KeyError, ValueError, OSError, InputError):
        pass
    areas = read_areas(path, model)
    result = run_estimate(areas, model)
    return result, t("plan.prev_estimated", file=path.name, model=model.label)


def region_prevalence(path: Path, region_code: str, model: ModelSpec) -> RegionPrevalence:
    """The prevalence index of ``region_code`` from an estimate or areas file."""
    result, how = _estimate_result(path, model)
    if REGION_LEVEL not in result.tables:
        raise InputError(
            [
                Problem(
                    path.name,
                    "missing_column",
                    column=REGION_LEVEL,
                    values={"found": ", ".join(result.tables)},
                )
            ]
        )
    table = result.tables[REGION_LEVEL]
    codes = table[REGION_LEVEL].astype(str)
    match = table[codes == region_code]
    if match.empty:
        problem = Problem(
            path.name,
            "unknown_region",
            column=REGION_LEVEL,
            values={"value": region_code, "known": sample_values(list(codes), 8)},
        )
        raise InputError([problem])
    row = match.iloc[0]
    factor = float(row[INDEX]) / 100
    name = row.get("region_name")
    note = t(
        "plan.prev_note",
        how=how,
        region=region_code,
        per=format_number(float(row[PER_100K]), 1),
        index=format_number(float(row[INDEX]), 1),
    )
    return RegionPrevalence(
        region_code=region_code,
        region_name="" if name is None or pd.isna(name) else str(name),
        factor=factor,
        per_100k=float(row[PER_100K]),
        inhabitants=float(row["inhabitants"]),
        note=note,
    )
