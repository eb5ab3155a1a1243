"""Plans and gap analyses as tables (for CSV/Excel/JSON/Parquet and the terminal), with the
metadata every output carries: scenario and its version, reference version, region, unit
costs and how each was derived, and the inventory read."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ggzregio import __version__
from ggzregio.categories import category_label
from ggzregio.i18n import t
from ggzregio.inventory.model import describe
from ggzregio.io.results import ResultSet
from ggzregio.planning.capacity import Plan
from ggzregio.planning.gap import GapAnalysis
from ggzregio.planning.norms import planning_reference
from ggzregio.ranges import Range


def _ends(prefix: str, value: Range | None) -> dict[str, float | None]:
    if value is None:
        return {f"{prefix}_low": None, f"{prefix}_mid": None, f"{prefix}_high": None}
    return {f"{prefix}_low": value.low, f"{prefix}_mid": value.mid, f"{prefix}_high": value.high}


def capacity_frame(plan: Plan) -> pd.DataFrame:
    """One row per capacity item: norm, units, whole units, fte, caseload, euros, derivation."""
    rows = []
    for line in plan.capacity:
        item = line.item
        rows.append(
            {
                "item": item.key,
                "label": item.label(),
                "unit": item.unit,
                "category": item.category,
                "part_of": item.part_of or "",
                "per_100k_low": item.per_100k.low if item.per_100k else None,
                "per_100k_high": item.per_100k.high if item.per_100k else None,
                # An increment (per_100k) counts on top of its baseline; units are the level.
                "increment": item.increment,
                "baseline_per_100k": (
                    item.baseline_per_100k.mid if item.baseline_per_100k else None
                ),
                "prevalence_factor": line.factor,
                **_ends("units", line.units),
                "whole_units": line.whole_units,
                **_ends("fte", line.fte),
                **_ends("caseload", line.caseload),
                **_ends("eur", line.eur),
                "derivation": line.derivation,
                "assumption": item.assumption,
                "cite": item.cite,
                "note": item.note,
            }
        )
    return pd.DataFrame.from_records(rows)


def spending_frame(plan: Plan) -> pd.DataFrame:
    """One row per spending category: per 100,000, share used and as printed, euros."""
    rows = []
    for line in plan.spending:
        norm = line.norm
        alternatives = "; ".join(
            f"{a.amount_meur if a.amount_meur is not None else a.share} ({a.cite}): {a.note}"
            for a in norm.alternatives
        )
        rows.append(
            {
                "category": norm.category,
                "label": category_label(norm.category),
                "per_100k_eur": line.per_100k_eur,
                "share": line.share,
                "printed_amount_meur": norm.amount_meur,
                "printed_share": norm.share,
                "basis": plan.norm_set.basis,
                "eur": line.eur,
                "derivation": line.derivation,
                "assumption": norm.assumption,
                "cite": norm.cite,
                "note": norm.note,
                "alternatives": alternatives,
            }
        )
    return pd.DataFrame.from_records(rows)


def summary_frame(plan: Plan) -> pd.DataFrame:
    """Key figures of the plan, each with its derivation."""
    ref = planning_reference()
    region = plan.region
    per = region.inhabitants / 100_000
    rows: list[dict[str, Any]] = [
        _summary("inhabitants", Range(region.inhabitants, region.inhabitants), "", ""),
        _summary(
            "prevalence_factor",
            Range(region.prevalence_factor, region.prevalence_factor),
            region.prevalence_note or t("plan.no_prevalence"),
            "",
        ),
        _summary(
            "neighbourhoods",
            Range(plan.neighbourhoods, plan.neighbourhoods),
            f"{region.inhabitants:.0f} / {ref.neighbourhood_inhabitants:.0f}",
            ref.neighbourhood_cite,
        ),
        _summary(
            "epa_population",
            plan.epa_population,
            f"{ref.epa_population_per_100k.low:.0f}-{ref.epa_population_per_100k.high:.0f} × "
            f"{region.prevalence_factor:.3f} × {per:.3f}",
            ref.epa_population_cite,
        ),
        _summary("caseload_total", plan.caseload_total, t("plan.caseload_sum"), ""),
        _summary("fact_reach", plan.reach, t("plan.reach_rule"), ref.epa_population_cite),
        _summary("ambulant_epa_fte", plan.ambulant_epa_fte, t("plan.ambulant_fte_rule"), ""),
        _summary("cost_per_fte_implied", plan.cost_per_fte, t("plan.cost_per_fte_rule"), ""),
        _summary(
            "unit_cost_fte",
            Range(plan.unit_costs.fte_eur, plan.unit_costs.fte_eur),
            plan.unit_costs.derivation.get("fte_eur", ""),
            ref.total_fte_cite,
        ),
        _summary(
            "total_eur",
            Range(plan.total_eur, plan.total_eur),
            f"{plan.norm_set.total_per_100k():.0f} × {per:.3f}",
            plan.norm_set.budget_cite,
        ),
    ]
    return pd.DataFrame.from_records(rows)


def _summary(key: str, value: Range | None, derivation: str, cite: str) -> dict[str, Any]:
    return {"key": key, "label": t(f"summary.{key}"), **_ends("value", value)} | {
        "derivation": derivation,
        "cite": cite,
    }


def plan_metadata(plan: Plan) -> dict[str, str]:
    """Provenance of a plan: program, scenario, reference, region, unit costs."""
    ns = plan.norm_set
    ref = planning_reference()
    costs = plan.unit_costs
    meta = {
        "ggzregio_version": __version__,
        "scenario": ns.label,
        "scenario_name": ns.title(),
        "scenario_kind": ns.kind,
        "scenario_based_on": ns.based_on,
        "scenario_source": ns.source,
        "scenario_sha256": ns.sha256,
        "scenario_cite": ns.cite,
        "spending_basis": f"{ns.basis}: {ns.basis_note}",
        "planning_reference_version": ref.version,
        "region_code": plan.region.region_code,
        "region_name": plan.region.region_name,
        "inhabitants": f"{plan.region.inhabitants:.0f}",
        "prevalence_factor": f"{plan.region.prevalence_factor:.6f}",
        "prevalence_source": plan.region.prevalence_note,
        "rounding_whole_teams": plan.rounding,
        "unit_cost_fte_eur": f"{costs.fte_eur:.2f} ({costs.derivation.get('fte_eur', '')})",
        "unit_cost_clinical_place_eur": (
            f"{costs.clinical_place_eur:.2f} ({costs.derivation.get('clinical_place_eur', '')})"
        ),
        "unit_cost_bw_place_eur": (
            f"{costs.bw_place_eur:.2f} ({costs.derivation.get('bw_place_eur', '')})"
        ),
        "ranges": t("plan.range_note"),
    }
    if any(line.item.assumption for line in plan.capacity) or any(
        s.norm.assumption for s in plan.spending
    ):
        meta = {"LET OP": t("plan.assumptions"), **meta}
    return meta


def plan_result(plan: Plan) -> ResultSet:
    """The plan as a result set: capacity, spending, summary."""
    tables = {
        "capacity": capacity_frame(plan),
        "spending": spending_frame(plan),
        "summary": summary_frame(plan),
    }
    return ResultSet(tables, plan_metadata(plan))


def gap_items_frame(gap: GapAnalysis) -> pd.DataFrame:
    """One row per capacity item: current, target low/mid/high, differences, status."""
    rows = []
    for item in gap.items:
        rows.append(
            {
                "item": item.key,
                "label": item.label,
                "measure": item.measure,
                "unit": item.unit,
                "current": item.current,
                **_ends("target", item.target),
                **_ends("target_units", item.target_units),
                "difference": item.difference,
                "difference_units": item.difference_units,
                "current_eur": item.current_eur,
                **_ends("target_eur", item.target_eur),
                "difference_eur": item.difference_eur,
                "status": item.status,
            }
        )
    return pd.DataFrame.from_records(rows)


def gap_categories_frame(gap: GapAnalysis) -> pd.DataFrame:
    """One row per spending category plus a total row."""
    rows = [
        {
            "category": c.category,
            "label": category_label(c.category),
            "current_eur": c.current_eur,
            "current_share": c.current_share,
            "scenario_eur": c.scenario_eur,
            "scenario_share": c.scenario_share,
            "neutral_eur": c.neutral_eur,
            "shift_eur": c.shift_eur,
        }
        for c in gap.categories
    ]
    b = gap.budget
    rows.append(
        {
            "category": "total",
            "label": t("table.total"),
            "current_eur": b.current_eur,
            "current_share": 1.0 if b.current_eur else 0.0,
            "scenario_eur": b.scenario_eur,
            "scenario_share": 1.0,
            "neutral_eur": b.current_eur,
            "shift_eur": 0.0,
        }
    )
    return pd.DataFrame.from_records(rows)


def budget_frame(gap: GapAnalysis) -> pd.DataFrame:
    """The budget neutrality check as one row."""
    b = gap.budget
    return pd.DataFrame.from_records(
        [
            {
                "current_eur": b.current_eur,
                "scenario_eur": b.scenario_eur,
                "difference_eur": b.difference_eur,
                "difference_share": b.difference_share,
                "tolerance": b.tolerance,
                "budget_neutral": b.neutral,
                "justice_eur_excluded": b.justice_eur,
            }
        ]
    )


def gap_result(gap: GapAnalysis) -> ResultSet:
    """The gap analysis as a result set: items, categories, budget, plus the plan itself."""
    tables = {
        "gap_items": gap_items_frame(gap),
        "gap_categories": gap_categories_frame(gap),
        "budget": budget_frame(gap),
        "capacity": capacity_frame(gap.plan),
        "spending": spending_frame(gap.plan),
    }
    meta = plan_metadata(gap.plan) | dict(describe(gap.inventory))
    meta["warnings"] = "; ".join(t(f"gap.warning.{w}") for w in gap.warnings)
    return ResultSet(tables, meta)
