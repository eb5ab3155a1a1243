"""Norm sets of the reference frame (SPEC.md §3) as cited, versioned data, and user scenarios.

A *norm set* holds capacities per 100,000 inhabitants (FACT, IHT, VIP, clinical and sheltered
housing places, peer-run fte, neighbourhood centres, ...) and the split of the GGZ budget
(about €38 million per 100,000) over four spending categories. The shipped sets live in
``data/norms/*.toml``; a *scenario* is a copy of one with values changed, saved as a TOML file
and validated on load exactly like the shipped sets (see :mod:`ggzregio.planning.scenario_file`).

Where the seed gives a range (60-70 places) the set keeps it as ``[low, high]``; where the
seed's tables disagree with themselves, the spending entry keeps both readings (amount and
printed share, plus ``alternatives``) and ``budget.basis`` says which one is used.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Final, Literal

from ggzregio.categories import data_text
from ggzregio.i18n import get_language, t
from ggzregio.ranges import Range

Unit = Literal["teams", "centres", "places", "fte"]
Basis = Literal["amounts", "shares"]
UNITS: Final[tuple[Unit, ...]] = ("teams", "centres", "places", "fte")
#: Units that are counted as whole teams or centres (the rounding rule applies).
TEAM_UNITS: Final = frozenset({"teams", "centres"})
PER: Final = 100_000
SCHEMA: Final = "ggzregio-normset/1"


@dataclass(frozen=True)
class Reading:
    """Another reading of a spending figure printed elsewhere in the seed."""

    amount_meur: float | None
    share: float | None
    cite: str
    note: str


@dataclass(frozen=True)
class SpendingNorm:
    """One spending category: euro amount per 100,000 (in € million) and/or printed share."""

    category: str
    amount_meur: float | None
    share: float | None
    cite: str
    note: str = ""
    assumption: bool = False
    alternatives: tuple[Reading, ...] = ()


@dataclass(frozen=True)
class CapacityNorm:
    """One capacity item per 100,000 inhabitants.

    ``per_100k`` is ``None`` for an item the seed names without quantifying it (its ``note``
    says why). An item given as a catchment ("one team per 150,000 inhabitants") keeps the
    catchment for the derivation and has ``per_100k = 100,000 / catchment``.
    """

    key: str
    unit: Unit
    per_100k: Range | None
    category: str
    cite: str
    catchment: float | None = None
    fte_per_unit: float | None = None
    caseload_per_unit: Range | None = None
    part_of: str | None = None
    scale_with_prevalence: bool = True
    note: str = ""
    assumption: bool = False
    #: ``per_100k`` is an increment on top of ``baseline_per_100k`` (e.g. the fte that the
    #: reduction of sheltered housing frees, 004:1302-1306), not a level.
    increment: bool = False
    baseline_per_100k: Range | None = None

    @property
    def quantified(self) -> bool:
        """Whether the seed gives a number for this item."""
        return self.per_100k is not None

    @property
    def level_per_100k(self) -> Range | None:
        """The level the item asks for per 100,000: ``per_100k``, or for an increment the
        baseline plus the increment (18 + [30, 40] = [48, 58])."""
        if self.per_100k is None or not self.increment or self.baseline_per_100k is None:
            return self.per_100k
        base = self.baseline_per_100k
        return Range(base.low + self.per_100k.low, base.high + self.per_100k.high)

    def label(self) -> str:
        """Name of the item in the active language."""
        text = t(f"item.{self.key}")
        return self.key if text == f"item.{self.key}" else text


@dataclass(frozen=True)
class UnitCosts:
    """Euros per fte and per place, used to price capacity items, with their derivation."""

    fte_eur: float
    clinical_place_eur: float
    bw_place_eur: float
    derivation: dict[str, str] = field(default_factory=dict)

    def per_unit(self, item: CapacityNorm) -> float | None:
        """Euros per unit of ``item`` per year (teams and centres are priced by their fte)."""
        if item.unit == "places":
            return self.bw_place_eur if item.category == "bw" else self.clinical_place_eur
        if item.unit == "fte":
            return self.fte_eur
        return None if item.fte_per_unit is None else item.fte_per_unit * self.fte_eur


@dataclass(frozen=True)
class PlanningReference:
    """Figures shared by all norm sets (``data/planning/reference.toml``)."""

    version: str
    budget_per_100k_eur: float
    budget_cite: str
    total_fte_per_100k: float
    total_fte_cite: str
    epa_population_per_100k: Range
    epa_population_cite: str
    neighbourhood_inhabitants: float
    neighbourhood_cite: str
    unit_costs: UnitCosts


@dataclass(frozen=True)
class NormSet:
    """A reference norm set or a user scenario (same schema)."""

    id: str
    version: str
    kind: Literal["reference", "scenario"]
    name: dict[str, str]
    description: dict[str, str]
    cite: str
    budget_per_100k_eur: float
    budget_cite: str
    basis: Basis
    basis_note: str
    spending: dict[str, SpendingNorm]
    capacity: dict[str, CapacityNorm]
    based_on: str = ""
    unit_costs: UnitCosts | None = None
    source: str = ""
    sha256: str = ""

    @property
    def label(self) -> str:
        """``id@version``, written with every output."""
        return f"{self.id}@{self.version}"

    def title(self) -> str:
        """The set's name in the active language (Dutch if there is no translation)."""
        return self.name.get(get_language()) or self.name.get("nl") or self.id

    def summary(self) -> str:
        """The set's description in the active language."""
        return self.description.get(get_language()) or self.description.get("nl", "")

    def spending_per_100k(self) -> dict[str, float]:
        """Euros per 100,000 inhabitants per category, by the set's basis.

        ``amounts``: the printed euro amounts (their sum is the budget). ``shares``: the printed
        shares times the budget.
        """
        if self.basis == "amounts":
            return {c: (s.amount_meur or 0.0) * 1e6 for c, s in self.spending.items()}
        return {c: (s.share or 0.0) * self.budget_per_100k_eur for c, s in self.spending.items()}

    def shares(self) -> dict[str, float]:
        """Share of each category in the set's total, by the set's basis (adds up to 1)."""
        euros = self.spending_per_100k()
        total = sum(euros.values())
        return {c: (v / total if total else 0.0) for c, v in euros.items()}

    def total_per_100k(self) -> float:
        """The set's total spending per 100,000 inhabitants in euros."""
        return sum(self.spending_per_100k().values())


@cache
def planning_reference() -> PlanningReference:
    """The shipped planning reference, with unit costs derived from the 2014 baseline."""
    d = tomllib.loads(data_text("planning", "reference.toml"))
    budget = float(d["budget_per_100k"]["eur"])
    fte = float(d["total_fte_per_100k"]["fte"])
    basis = d["unit_cost_basis"]
    clinical = float(basis["clinical_meur"]) * 1e6 / float(basis["clinical_places"])
    bw = float(basis["bw_meur"]) * 1e6 / float(basis["bw_places"])
    cites = f"{d['budget_per_100k']['cite']}; {d['total_fte_per_100k']['cite']}"
    derivation = {
        "fte_eur": f"{budget:,.0f} / {fte:,.0f} fte per 100.000 ({cites})",
        "clinical_place_eur": (
            f"{basis['clinical_meur']} mln / {basis['clinical_places']} plaatsen ({basis['cite']})"
        ),
        "bw_place_eur": f"{basis['bw_meur']} mln / {basis['bw_places']} plaatsen ({basis['cite']})",
    }
    epa = d["epa_population_per_100k"]
    return PlanningReference(
        version=str(d["version"]),
        budget_per_100k_eur=budget,
        budget_cite=str(d["budget_per_100k"]["cite"]),
        total_fte_per_100k=fte,
        total_fte_cite=str(d["total_fte_per_100k"]["cite"]),
        epa_population_per_100k=Range(float(epa["low"]), float(epa["high"])),
        epa_population_cite=str(epa["cite"]),
        neighbourhood_inhabitants=float(d["neighbourhood"]["inhabitants"]),
        neighbourhood_cite=str(d["neighbourhood"]["cite"]),
        unit_costs=UnitCosts(budget / fte, clinical, bw, derivation),
    )


def shipped_norm_sets() -> list[str]:
    """Ids of the shipped norm sets, baseline first."""
    folder = resources.files("ggzregio").joinpath("data", "norms")
    ids = sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))
    order = ["baseline-2014", "continuation", "voorbeeldregio-1", "voorbeeldregio-2"]
    return sorted(ids, key=lambda i: (order.index(i) if i in order else len(order), i))
