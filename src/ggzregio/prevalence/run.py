"""One estimate run: validated areas in, a result set with every level and its provenance out.

Shared by the command line, the demo and (later) the web application and API, so that all
of them produce the same tables with the same metadata.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from ggzregio import __version__
from ggzregio.io.areas import AreaTable
from ggzregio.io.results import ResultSet
from ggzregio.prevalence.aggregate import (
    OBSERVED,
    aggregate_levels,
    default_levels,
)
from ggzregio.prevalence.calibration import Calibration, calibrate
from ggzregio.prevalence.compare import CompareSettings
from ggzregio.prevalence.compare_protect import protect_comparison
from ggzregio.prevalence.estimate import estimate_areas
from ggzregio.prevalence.model import ModelSpec
from ggzregio.privacy import DEFAULT_THRESHOLD, protect
from ggzregio.privacy.tables import Fact, hide, sums_output
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
    meta = provenance(areas, model, reference, data_version, synthetic)
    return ResultSet(tables, meta, notes=provenance_notes(synthetic))


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
    unpublished: pd.Series | None = None,
    history: Iterable[Fact] = (),
    readers: Mapping[str, Iterable[Hashable]] | None = None,
) -> ResultSet:
    """Observed versus expected for every area and level, with small numbers suppressed.

    ``areas`` must have ``observed_cases``. Every table leaving this function is protected:
    counts below ``threshold`` and everything derived from them are replaced by a marker, with
    secondary suppression so hidden counts cannot be recovered from totals, chosen and audited
    over all levels at once (:mod:`ggzregio.privacy`). ``unpublished`` are observed counts of the
    same data outside this output and ``history`` the facts published before about them (see
    :func:`ggzregio.privacy.tables.visible_facts`; the result's ``facts`` are this output's);
    ``readers`` map a reader to the areas whose counts they supplied.
    """
    estimated = run_estimate(
        areas, model, levels, reference=reference, data_label=data_label, synthetic=synthetic
    )
    compared = protect_comparison(
        estimated.tables,
        model,
        threshold=threshold,
        settings=settings,
        unpublished=unpublished,
        history=history,
        readers=readers,
    )
    metadata = dict(estimated.metadata)
    metadata["suppression_threshold"] = str(threshold)
    metadata["suppressed_areas"] = str(compared.suppressed_areas)
    notes = dict(estimated.notes)
    if compared.not_compared or compared.source_totals:
        metadata["areas_not_compared"] = str(compared.not_compared)
        notes["coverage"] = "compare.coverage_note"
    return ResultSet(
        compared.tables, metadata, compared.masks, compared.facts, compared.reasons, notes
    )


def run_calibration(
    areas: AreaTable, model: ModelSpec, *, threshold: int = DEFAULT_THRESHOLD
) -> tuple[ResultSet, Calibration]:
    """Calibration of ``model`` on areas with ``observed_cases`` (areas whose count is unknown
    are left out); observed counts below the threshold in the tables (per decile and per
    class) are suppressed."""
    known = areas.frame[areas.frame[OBSERVED].notna()]
    estimates = estimate_areas(known, model, areas.source.data_version)
    calibration = calibrate(estimates)
    # Deciles and urbanity classes partition the same areas (and both add up to the total):
    # protected together as sums over the areas, which are not published themselves.
    frame = calibration.frame
    units = pd.Series(frame[OBSERVED].to_numpy(np.float64), index=range(len(frame)))
    groupings = {"decile": frame["decile"], "urbanity_class": frame["urbanity_class"]}
    output = sums_output(units, groupings, threshold, publish_units=False)
    # The published line is linear in the observed counts too: a public relation.
    for name, coefs in zip(("slope", "intercept"), calibration.line_coefficients(), strict=True):
        members = [[(i, float(c)) for i, c in enumerate(coefs)]]
        output.cells("line", name, [name], members, sensitive=False, suppressible=False)
    decision = protect(output)
    tables: dict[str, pd.DataFrame] = {}
    masks: dict[str, pd.DataFrame] = {}
    for name, table in (
        ("decile", calibration.by_decile),
        ("urbanity_class", calibration.by_class),
    ):
        rows = decision.mask(name, "n").reindex(table[name]).fillna(False).to_numpy(dtype=bool)
        tables[name], masks[name] = hide(table, rows, (OBSERVED, "observed_per_1000", "ratio"))
    tables["line"] = pd.DataFrame(
        {
            "slope": [calibration.slope],
            "intercept": [calibration.intercept],
            "n_areas": [calibration.n_areas],
        }
    )
    metadata = provenance(areas, model, national_reference(), areas.source.data_version, False)
    metadata["suppression_threshold"] = str(threshold)
    return ResultSet(tables, metadata, masks, notes=provenance_notes(False)), calibration


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
    }
    return meta


def provenance_notes(synthetic: bool) -> dict[str, str]:
    """The notes written with every estimate (metadata key to message key): what the
    intervals are and, for synthetic data, the warning."""
    notes = {"intervals": "cli.interval_note"}
    if synthetic:
        notes = {"WAARSCHUWING": "cli.synthetic", **notes}
    return notes
