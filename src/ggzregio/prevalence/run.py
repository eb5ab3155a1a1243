"""One estimate run: validated areas in, a result set with every level and its provenance out.

Shared by the command line, the demo and (later) the web application and API, so that all
of them produce the same tables with the same metadata.
"""

from __future__ import annotations

from collections.abc import Sequence

from ggzregio import __version__
from ggzregio.i18n import t
from ggzregio.io.areas import AreaTable
from ggzregio.io.results import ResultSet
from ggzregio.prevalence.aggregate import aggregate_levels, default_levels
from ggzregio.prevalence.estimate import estimate_areas
from ggzregio.prevalence.model import ModelSpec
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
