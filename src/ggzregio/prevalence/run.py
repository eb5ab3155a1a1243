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
    AREA_LEVEL,
    OBSERVED,
    TOTAL_LEVEL,
    aggregate_levels,
    default_levels,
)
from ggzregio.prevalence.calibration import Calibration, calibrate
from ggzregio.prevalence.compare import (
    FLAG_SMALL,
    FLAGS,
    OBSERVED_DERIVED,
    CompareSettings,
    compare_areas,
    compare_groups,
)
from ggzregio.prevalence.estimate import estimate_areas
from ggzregio.prevalence.model import ModelSpec
from ggzregio.privacy import DEFAULT_THRESHOLD, plan_suppression, protect
from ggzregio.privacy.tables import UNIT_TABLE, Fact, hide, sums_output, visible_facts
from ggzregio.reference import NationalReference, national_reference

#: Columns hidden with a hidden observed count (what reveals it or a range of it).
HIDDEN_WITH_OBSERVED: tuple[str, ...] = (*OBSERVED_DERIVED, FLAG_SMALL)


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
    tables = estimated.tables
    chosen = [lv for lv in tables if lv not in (AREA_LEVEL, TOTAL_LEVEL)]
    area_table = compare_areas(tables[AREA_LEVEL], model, settings)
    units = pd.Series(
        area_table[OBSERVED].to_numpy(np.float64), index=area_table["area_code"].astype(str)
    )
    groupings = {lv: area_table[lv] for lv in chosen}
    groupings[TOTAL_LEVEL] = pd.Series([TOTAL_LEVEL] * len(area_table))
    output = sums_output(
        units,
        groupings,
        threshold,
        unpublished=unpublished,
        history=history,
        readers=readers,
    )
    # A fast start: the nested-hierarchy planner; the audit then adds what it still needs.
    start = plan_suppression(area_table, OBSERVED, chosen, threshold)
    initial = [start.areas]
    for level in [*chosen, TOTAL_LEVEL]:
        keys = pd.unique(groupings[level])
        initial.append(start.groups[level].reindex(keys).fillna(False).to_numpy(dtype=bool))
    decision = protect(output, np.concatenate(initial))
    out: dict[str, pd.DataFrame] = {}
    masks: dict[str, pd.DataFrame] = {}
    reasons = {AREA_LEVEL: decision.reasons(UNIT_TABLE, "n")}
    reasons |= {level: decision.reasons(level, "n") for level in [*chosen, TOTAL_LEVEL]}
    area_hidden = decision.mask(UNIT_TABLE, "n").to_numpy(dtype=bool)
    out[AREA_LEVEL], masks[AREA_LEVEL] = _hidden(area_table, area_hidden, threshold)
    for level in [*chosen, TOTAL_LEVEL]:
        table = compare_groups(tables[level], settings)
        labels = table[level] if level in table.columns else pd.Series([TOTAL_LEVEL] * len(table))
        rows = decision.mask(level, "n").reindex(labels).fillna(False).to_numpy(dtype=bool)
        out[level], masks[level] = _hidden(table, rows, threshold)
    metadata = dict(estimated.metadata)
    metadata["suppression_threshold"] = str(threshold)
    metadata["suppressed_areas"] = str(int(area_hidden.sum()))
    return ResultSet(out, metadata, masks, visible_facts(decision), reasons, estimated.notes)


def _hidden(
    table: pd.DataFrame, rows: np.ndarray, threshold: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Hide the observed columns of ``rows``; their flags say only 'not shown'."""
    out, mask = hide(table, rows, HIDDEN_WITH_OBSERVED)
    if FLAGS in out and rows.any():
        flags = out[FLAGS].astype(object)
        flags[rows] = f"suppressed:{threshold}"
        out[FLAGS] = flags
    return out, mask


def run_calibration(
    areas: AreaTable, model: ModelSpec, *, threshold: int = DEFAULT_THRESHOLD
) -> tuple[ResultSet, Calibration]:
    """Calibration of ``model`` on areas with ``observed_cases``; observed counts below the
    threshold in the tables (per decile and per class) are suppressed."""
    estimates = estimate_areas(areas.frame, model, areas.source.data_version)
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
