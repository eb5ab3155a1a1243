"""One estimate run: validated areas in, a result set with every level and its provenance out.

Shared by the command line, the demo and (later) the web application and API, so that all
of them produce the same tables with the same metadata.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ggzregio import __version__
from ggzregio.i18n import t
from ggzregio.io.areas import AreaTable
from ggzregio.io.results import ResultSet
from ggzregio.prevalence.aggregate import (
    AREA_LEVEL,
    OBSERVED,
    TOTAL_LEVEL,
    aggregate_levels,
    default_levels,
)
from ggzregio.prevalence.calibration import Calibration, calibrate
from ggzregio.prevalence.compare import (
    OBSERVED_DERIVED,
    REASON,
    CompareSettings,
    compare_areas,
    compare_groups,
)
from ggzregio.prevalence.estimate import estimate_areas
from ggzregio.prevalence.model import ModelSpec
from ggzregio.privacy import (
    DEFAULT_THRESHOLD,
    apply_suppression,
    hidden_rows,
    plan_suppression,
)
from ggzregio.reference import NationalReference, national_reference


def run_estimate(
    areas: AreaTable,
    model: ModelSpec,
    levels: Sequence[str] | None = None,
    *,
    reference: NationalReference | None = None,
    data_label: str | None = None,
    synthetic: bool = False,
) -> ResultSet:
    """Estimate every area and aggregate to ``levels`` (default: municipality and region
    when present) and a total. ``data_label`` overrides the data version derived from the
    input file (used for the shipped demo data)."""
    reference = reference or national_reference()
    data_version = data_label or areas.source.data_version
    estimates = estimate_areas(areas.frame, model, data_version)
    chosen = list(levels) if levels else default_levels(estimates.columns)
    tables = aggregate_levels(estimates, chosen, reference)
    return ResultSet(tables, provenance(areas, model, reference, data_version, synthetic))


def run_compare(
    areas: AreaTable,
    model: ModelSpec,
    levels: Sequence[str] | None = None,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    settings: CompareSettings | None = None,
    reference: NationalReference | None = None,
    data_label: str | None = None,
    synthetic: bool = False,
) -> ResultSet:
    """Observed versus expected for every area and level, with small numbers suppressed.

    ``areas`` must have ``observed_cases``. Every table leaving this function is protected:
    counts below ``threshold`` and everything derived from them are replaced by a marker, with
    secondary suppression so hidden counts cannot be recovered from totals.
    """
    estimated = run_estimate(
        areas, model, levels, reference=reference, data_label=data_label, synthetic=synthetic
    )
    tables = estimated.tables
    chosen = [lv for lv in tables if lv not in (AREA_LEVEL, TOTAL_LEVEL)]
    area_table = compare_areas(tables[AREA_LEVEL], model, settings)
    plan = plan_suppression(area_table, OBSERVED, chosen, threshold)
    out = {
        AREA_LEVEL: apply_suppression(area_table, plan.areas, OBSERVED_DERIVED, threshold, REASON)
    }
    for level in [*chosen, TOTAL_LEVEL]:
        table = compare_groups(tables[level], settings)
        hidden = hidden_rows(table, level, plan)
        out[level] = apply_suppression(table, hidden, OBSERVED_DERIVED, threshold, REASON)
    metadata = dict(estimated.metadata)
    metadata["suppression_threshold"] = str(threshold)
    metadata["suppressed_areas"] = str(int(plan.areas.sum()))
    return ResultSet(out, metadata)


def run_calibration(
    areas: AreaTable, model: ModelSpec, *, threshold: int = DEFAULT_THRESHOLD
) -> tuple[ResultSet, Calibration]:
    """Calibration of ``model`` on areas with ``observed_cases``; observed counts below the
    threshold in the tables (per decile and per class) are suppressed."""
    estimates = estimate_areas(areas.frame, model, areas.source.data_version)
    calibration = calibrate(estimates)
    tables = {}
    for name, table in (
        ("decile", calibration.by_decile),
        ("urbanity_class", calibration.by_class),
    ):
        hidden = (table[OBSERVED] < threshold).to_numpy()
        tables[name] = apply_suppression(
            table, hidden, (OBSERVED, "observed_per_1000", "ratio"), threshold
        )
    tables["line"] = pd.DataFrame(
        {
            "slope": [calibration.slope],
            "intercept": [calibration.intercept],
            "n_areas": [calibration.n_areas],
        }
    )
    metadata = provenance(areas, model, national_reference(), areas.source.data_version, False)
    metadata["suppression_threshold"] = str(threshold)
    return ResultSet(tables, metadata), calibration


def provenance(
    areas: AreaTable,
    model: ModelSpec,
    reference: NationalReference,
    data_version: str,
    synthetic: bool,
) -> dict[str, str]:
    """Metadata written with every output: what model, which data, read how, and caveats."""
    meta = {
        "ggzregio_version": __version__,
        "model": model.label,
        "model_name": model.name(),
        "model_source": model.source,
        "data_version": data_version,
        "input_file": areas.source.name,
        "input_sha256": areas.source.sha256,
        "input_delimiter": areas.source.delimiter or "",
        "input_decimal": areas.source.decimal or "",
        "rows_skipped": str(len(areas.skipped)),
        "reference_version": reference.version,
        "reference_citations": "; ".join(f"{k} {v}" for k, v in reference.citations.items()),
        "national_adult_care_per_100k": f"{reference.adult_care_per_100k:.4f}",
        "intervals": t("cli.interval_note"),
    }
    if synthetic:
        meta = {"WAARSCHUWING": t("cli.synthetic"), **meta}
    return meta
