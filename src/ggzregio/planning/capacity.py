"""Capacity and budget of a region under a norm set (the reference frame, SPEC.md §3).

Every figure is ``norm per 100,000 × (prevalence factor) × inhabitants / 100,000`` and carries
what its derivation needs as numbers and codes; the derivation text (``derivation``) is
written in the reader's language when it is read, not when the plan is computed. Ranges stay
ranges: ``low`` and ``high`` come from the ends of the seed's range, ``mid`` is their midpoint.
Teams and centres are also given as whole units by a stated rounding rule (default: up, so the
capacity is at least the norm).

The optional *prevalence factor* is the region's expected EPA care prevalence relative to the
national figure (the ``index_vs_national`` of :mod:`ggzregio.prevalence` divided by 100); it
scales the items marked ``scale_with_prevalence`` (the services for people with EPA) and the
EPA population, never the budget or the number of neighbourhoods.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final, Literal

from ggzregio.formatting import format_compact
from ggzregio.i18n import t
from ggzregio.planning.norms import (
    PER,
    TEAM_UNITS,
    CapacityNorm,
    NormSet,
    SpendingNorm,
    UnitCosts,
    planning_reference,
)
from ggzregio.ranges import Range

Rounding = Literal["up", "nearest", "down"]
ROUNDING_RULES: Final[tuple[Rounding, ...]] = ("up", "nearest", "down")


@dataclass(frozen=True)
class RegionInput:
    """The region a plan is made for."""

    inhabitants: float
    prevalence_factor: float = 1.0
    prevalence_note: str = ""
    region_code: str = ""
    region_name: str = ""

    def __post_init__(self) -> None:
        if not (self.inhabitants > 0 and math.isfinite(self.inhabitants)):
            raise ValueError(f"inhabitants must be a positive number, not {self.inhabitants}")
        if not (self.prevalence_factor > 0 and math.isfinite(self.prevalence_factor)):
            raise ValueError(f"prevalence factor must be positive, not {self.prevalence_factor}")


@dataclass(frozen=True)
class CapacityLine:
    """One capacity item computed for the region: numbers and codes (its derivation is
    written from them when read)."""

    item: CapacityNorm
    factor: float
    units: Range | None
    whole_units: int | None
    fte: Range | None
    caseload: Range | None
    eur: Range | None
    inhabitants: float = PER
    rounding: Rounding = "up"
    #: Euros per unit when the item is priced here (not for parts of another item).
    unit_cost: float | None = None

    @property
    def derivation(self) -> str:
        """How the line was computed, in the active language."""
        return capacity_derivation(self)


@dataclass(frozen=True)
class SpendingLine:
    """One spending category computed for the region."""

    norm: SpendingNorm
    per_100k_eur: float
    share: float
    eur: float
    basis: str = "amounts"
    budget_per_100k_eur: float = 0.0
    inhabitants: float = PER

    @property
    def derivation(self) -> str:
        """How the line was computed, in the active language."""
        if self.basis == "amounts":
            base = f"€ {num(self.norm.amount_meur or 0.0)} mln {t('plan.per_100k')}"
        else:
            budget = num(self.budget_per_100k_eur / 1e6)
            base = f"{num((self.norm.share or 0.0) * 100, 1)} % × € {budget} mln"
        return f"{base} × {num(self.inhabitants, 0)} / {num(PER, 0)} = € {num(self.eur, 0)}"


@dataclass(frozen=True)
class Plan:
    """A norm set applied to a region."""

    norm_set: NormSet
    region: RegionInput
    rounding: Rounding
    unit_costs: UnitCosts
    capacity: tuple[CapacityLine, ...]
    spending: tuple[SpendingLine, ...]
    neighbourhoods: float
    epa_population: Range
    caseload_total: Range | None
    reach: Range | None
    ambulant_epa_fte: Range
    cost_per_fte: Range | None

    def line(self, key: str) -> CapacityLine | None:
        """The capacity line of item ``key`` (None if the set has no such item)."""
        return next((c for c in self.capacity if c.item.key == key), None)

    def spending_eur(self) -> dict[str, float]:
        """Euros per spending category for the region."""
        return {s.norm.category: s.eur for s in self.spending}

    @property
    def total_eur(self) -> float:
        """The plan's total GGZ spending for the region (euros per year)."""
        return sum(s.eur for s in self.spending)


def num(value: float, decimals: int = 2) -> str:
    """A number in the active language with at most ``decimals`` decimals (3,5 · 2,33 · 14)."""
    return format_compact(value, decimals)


def num_range(value: Range, decimals: int = 2) -> str:
    """'210-245' or '14'."""
    if math.isclose(value.low, value.high):
        return num(value.low, decimals)
    return f"{num(value.low, decimals)}-{num(value.high, decimals)}"


def _mul(a: Range, b: Range) -> Range:
    return Range(a.low * b.low, a.high * b.high)


def whole(value: float, rounding: Rounding) -> int:
    """``value`` as a whole number by ``rounding`` (tiny float noise ignored)."""
    value = round(value, 9)
    if rounding == "up":
        return math.ceil(value)
    if rounding == "down":
        return math.floor(value)
    return math.floor(value + 0.5)


def _capacity_line(
    item: CapacityNorm, region: RegionInput, costs: UnitCosts, rounding: Rounding
) -> CapacityLine:
    inhabitants = region.inhabitants
    level = item.level_per_100k
    if level is None:
        return CapacityLine(item, 1.0, None, None, None, None, None, inhabitants, rounding)
    factor = region.prevalence_factor if item.scale_with_prevalence else 1.0
    # An increment counts on top of its baseline: the line is the level planned (issue 20).
    units = level.scale(factor * inhabitants / PER)
    whole_units = whole(units.mid, rounding) if item.unit in TEAM_UNITS else None
    fte: Range | None = units if item.unit == "fte" else None
    if item.unit in TEAM_UNITS and item.fte_per_unit is not None:
        fte = units.scale(item.fte_per_unit)
    caseload = None
    if item.caseload_per_unit is not None:
        caseload = _mul(units, item.caseload_per_unit)
    eur = None
    per_unit = costs.per_unit(item) if item.part_of is None else None
    if per_unit is not None:
        eur = units.scale(per_unit)
    return CapacityLine(
        item, factor, units, whole_units, fte, caseload, eur, inhabitants, rounding, per_unit
    )


def capacity_derivation(line: CapacityLine) -> str:
    """How a capacity line was computed, step by step, in the active language."""
    item, units = line.item, line.units
    if item.per_100k is None or units is None:
        return t("plan.unquantified")
    unit = t(f"unit.{item.unit}")
    if item.catchment is not None:
        parts = [t("plan.catchment", n=num(item.catchment, 0), per=num(item.per_100k.low, 3))]
    elif item.increment and item.baseline_per_100k is not None:
        level = item.level_per_100k or item.per_100k
        parts = [
            t(
                "plan.increment",
                base=num_range(item.baseline_per_100k),
                inc=num_range(item.per_100k),
                level=num_range(level),
                unit=unit,
            )
        ]
    else:
        parts = [f"{num_range(item.per_100k)} {unit} {t('plan.per_100k')}"]
    if line.factor != 1.0:
        parts.append(f"× {num(line.factor, 3)} ({t('plan.prevalence_factor')})")
    parts.append(f"× {num(line.inhabitants, 0)} / {num(PER, 0)} = {num_range(units)} {unit}")
    steps = [" ".join(parts)]
    if line.whole_units is not None:
        rule = t(f"rounding.{line.rounding}")
        steps.append(t("plan.whole", n=line.whole_units, unit=unit, rule=rule))
    if item.unit in TEAM_UNITS and item.fte_per_unit is not None and line.fte is not None:
        steps.append(
            f"{num_range(units)} × {num(item.fte_per_unit)} fte = {num_range(line.fte)} fte"
        )
    if item.caseload_per_unit is not None and line.caseload is not None:
        per_unit = num_range(item.caseload_per_unit)
        text = f"{num_range(units)} × {per_unit} = {num_range(line.caseload, 0)}"
        steps.append(f"{t('plan.caseload')} {text}")
    if line.unit_cost is not None and line.eur is not None:
        steps.append(
            f"€ {num(line.unit_cost, 0)} × {num_range(units)} = € {num_range(line.eur, 0)}"
        )
    elif item.part_of is not None:
        steps.append(t("plan.part_of", parent=item.part_of))
    return "; ".join(steps)


def _spending_line(norm_set: NormSet, category: str, region: RegionInput) -> SpendingLine:
    norm = norm_set.spending[category]
    per_100k = norm_set.spending_per_100k()[category]
    share = norm_set.shares()[category]
    eur = per_100k * region.inhabitants / PER
    return SpendingLine(
        norm, per_100k, share, eur, norm_set.basis, norm_set.budget_per_100k_eur, region.inhabitants
    )


def compute_plan(norm_set: NormSet, region: RegionInput, rounding: Rounding = "up") -> Plan:
    """Apply ``norm_set`` to ``region``: capacity per item, spending per category, reach."""
    if rounding not in ROUNDING_RULES:
        raise ValueError(f"rounding must be one of {ROUNDING_RULES}, not {rounding!r}")
    reference = planning_reference()
    costs = norm_set.unit_costs or reference.unit_costs
    lines = tuple(
        _capacity_line(item, region, costs, rounding) for item in norm_set.capacity.values()
    )
    spending = tuple(_spending_line(norm_set, c, region) for c in norm_set.spending)
    epa = reference.epa_population_per_100k.scale(
        region.prevalence_factor * region.inhabitants / PER
    )
    caseloads = [line.caseload for line in lines if line.caseload is not None]
    caseload_total = (
        Range(sum(c.low for c in caseloads), sum(c.high for c in caseloads)) if caseloads else None
    )
    reach = (
        Range(caseload_total.low / epa.high, caseload_total.high / epa.low)
        if caseload_total is not None
        else None
    )
    epa_fte = [
        line.fte
        for line in lines
        if line.fte is not None and line.item.category == "ambulant_epa" and not line.item.part_of
    ]
    ambulant_fte = Range(sum(f.low for f in epa_fte), sum(f.high for f in epa_fte))
    ambulant_eur = sum(s.eur for s in spending if s.norm.category == "ambulant_epa")
    cost_per_fte = (
        Range(ambulant_eur / ambulant_fte.high, ambulant_eur / ambulant_fte.low)
        if ambulant_fte.low > 0
        else None
    )
    return Plan(
        norm_set=norm_set,
        region=region,
        rounding=rounding,
        unit_costs=costs,
        capacity=lines,
        spending=spending,
        neighbourhoods=region.inhabitants / reference.neighbourhood_inhabitants,
        epa_population=epa,
        caseload_total=caseload_total,
        reach=reach,
        ambulant_epa_fte=ambulant_fte,
        cost_per_fte=cost_per_fte,
    )
