"""Gap analysis: a region's inventory (what it has and spends now) against a plan (a norm set
applied to the same region).

Per capacity item: the current value (fte for teams and fte items, places for places), the
target low/mid/high, and the difference in units, fte and euros. The current value is a level,
so the target is one too: an item the norm set gives as an *increment* (voorbeeldregio 1's
30-40 fte ambulant support that the BW reduction frees, 004:1302-1306) is compared as its
baseline plus the increment (18 + 30-40 = 48-58 fte per 100,000; see
:attr:`~ggzregio.planning.norms.CapacityNorm.level_per_100k`). Per spending category: the
current euros and share, the scenario's euros and share, and the *budget-neutral* target (the
scenario's shares applied to the region's current total), whose difference from now is the
reallocation the plan implies. Justice-funded care lies outside the reference frame's budget
(004:1140-1142) and is reported apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal

from ggzregio.categories import CATEGORIES, JUSTICE
from ggzregio.inventory.model import Inventory, category_totals, norm_current
from ggzregio.planning.capacity import Plan
from ggzregio.planning.norms import TEAM_UNITS
from ggzregio.ranges import Range

Status = Literal["below", "within", "above", "unknown", "unquantified"]
#: Relative difference between the scenario's total and current spending still called neutral.
NEUTRAL_TOLERANCE: Final = 0.01


@dataclass(frozen=True)
class ItemGap:
    """Current against target for one capacity item."""

    key: str
    label: str
    unit: str
    measure: Literal["fte", "places"]
    current: float | None
    current_eur: float | None
    target: Range | None
    target_units: Range | None
    target_eur: Range | None
    status: Status

    @property
    def difference(self) -> float | None:
        """Target (mid) minus current, in the measure (fte or places)."""
        if self.target is None or self.current is None:
            return None
        return self.target.mid - self.current

    @property
    def difference_units(self) -> float | None:
        """The difference in the item's units (teams, centres, places or fte)."""
        if self.difference is None or self.target is None or self.target_units is None:
            return None
        if self.target.mid == 0:
            return self.difference if self.unit not in TEAM_UNITS else None
        return self.difference * self.target_units.mid / self.target.mid

    @property
    def difference_eur(self) -> float | None:
        """Target euros (mid) minus current euros."""
        if self.target_eur is None or self.current_eur is None:
            return None
        return self.target_eur.mid - self.current_eur


@dataclass(frozen=True)
class CategoryGap:
    """Current against scenario spending for one category."""

    category: str
    current_eur: float
    current_share: float
    scenario_eur: float
    scenario_share: float
    neutral_eur: float

    @property
    def shift_eur(self) -> float:
        """The budget-neutral reallocation: neutral target minus current."""
        return self.neutral_eur - self.current_eur


@dataclass(frozen=True)
class BudgetCheck:
    """The scenario's total against current total spending."""

    current_eur: float
    scenario_eur: float
    justice_eur: float
    tolerance: float = NEUTRAL_TOLERANCE

    @property
    def difference_eur(self) -> float:
        """Scenario total minus current total (positive: the scenario costs more)."""
        return self.scenario_eur - self.current_eur

    @property
    def difference_share(self) -> float | None:
        """The difference relative to current spending."""
        return self.difference_eur / self.current_eur if self.current_eur else None

    @property
    def neutral(self) -> bool | None:
        """Whether the scenario fits current spending within the tolerance."""
        share = self.difference_share
        return None if share is None else abs(share) <= self.tolerance


@dataclass(frozen=True)
class GapAnalysis:
    """Inventory against plan for one region."""

    plan: Plan
    inventory: Inventory
    items: tuple[ItemGap, ...]
    categories: tuple[CategoryGap, ...]
    budget: BudgetCheck
    warnings: tuple[str, ...] = field(default_factory=tuple)


def _status(current: float | None, target: Range | None) -> Status:
    if target is None:
        return "unquantified"
    if current is None:
        return "unknown"
    if current < target.low - 1e-9:
        return "below"
    if current > target.high + 1e-9:
        return "above"
    return "within"


def _item_gaps(plan: Plan, inventory: Inventory) -> list[ItemGap]:
    gaps = []
    for line in plan.capacity:
        item = line.item
        measure: Literal["fte", "places"] = "places" if item.unit == "places" else "fte"
        target = line.units if measure == "places" else line.fte
        current = norm_current(inventory, item.key, measure)
        current_eur = norm_current(inventory, item.key, "eur")
        gaps.append(
            ItemGap(
                key=item.key,
                label=item.label(),
                unit=item.unit,
                measure=measure,
                current=current,
                current_eur=current_eur if item.part_of is None else None,
                target=target,
                target_units=line.units,
                target_eur=line.eur,
                status=_status(current, target),
            )
        )
    return gaps


def analyse_gap(
    plan: Plan, inventory: Inventory, tolerance: float = NEUTRAL_TOLERANCE
) -> GapAnalysis:
    """Compare ``inventory`` with ``plan`` (made for the same region)."""
    warnings: list[str] = []
    if plan.region.region_code and inventory.region_code != plan.region.region_code:
        warnings.append("region_mismatch")
    current = category_totals(inventory, "eur")
    justice = current.pop(JUSTICE)
    current_total = sum(current.values())
    if current_total == 0:
        warnings.append("no_euros")
    scenario = plan.spending_eur()
    scenario_total = sum(scenario.values())
    categories = tuple(
        CategoryGap(
            category=c,
            current_eur=current[c],
            current_share=current[c] / current_total if current_total else 0.0,
            scenario_eur=scenario.get(c, 0.0),
            scenario_share=scenario.get(c, 0.0) / scenario_total if scenario_total else 0.0,
            neutral_eur=(scenario.get(c, 0.0) / scenario_total if scenario_total else 0.0)
            * current_total,
        )
        for c in CATEGORIES
    )
    items = tuple(_item_gaps(plan, inventory))
    if any(i.current is None and i.target is not None for i in items):
        warnings.append("items_not_recorded")
    budget = BudgetCheck(current_total, scenario_total, justice, tolerance)
    return GapAnalysis(plan, inventory, items, categories, budget, tuple(warnings))
