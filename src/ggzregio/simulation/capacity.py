"""Capacities of the services the flow model knows, now and under a plan, and the path between.

A plan (``ggzregio.planning.compute_plan``) gives capacity per item; the model needs places (or
caseload slots) per service: FACT slots are the caseload of FACT teams and of the integrated
neighbourhood teams, IHT places are teams times concurrent episodes per team (or per
neighbourhood centre, where IHT specialists sit in the centre), clinical places are split into
short and long stay, BW places are BW places. The current situation comes from an inventory
(fte and places recorded in the checklist) or, without one, from the baseline norm set.
Spending that is not tied to a modelled service (VIP, ambulant support, peer support,
non-EPA ambulant care) is carried along as ``other_epa_eur`` and ``ambulant_other_eur``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Final, Literal

import numpy as np
from numpy.typing import NDArray

from ggzregio.inventory.model import Inventory
from ggzregio.planning.capacity import Plan
from ggzregio.planning.norms import NormSet
from ggzregio.simulation.parameters import ParameterSet

#: The services of the flow model, in the model's order.
SERVICES: Final = ("ambulant", "fact", "iht", "short", "long", "bw")
#: Services whose capacity comes from the plan (ambulant capacity follows from calibration).
PLANNED: Final = ("fact", "iht", "short", "long", "bw")
Path = Literal["linear", "step", "front", "back"]
PATHS: Final[tuple[Path, ...]] = ("linear", "step", "front", "back")


@dataclass(frozen=True)
class Capacities:
    """Places per service for one region, plus costs (euros per year) tied to them."""

    fact: float
    iht: float
    short: float
    long: float
    bw: float
    fact_eur: float
    iht_eur: float
    short_eur: float
    long_eur: float
    bw_eur: float
    other_epa_eur: float
    ambulant_other_eur: float

    def vector(self) -> NDArray[np.float64]:
        """Every field in declaration order."""
        return np.array([getattr(self, f.name) for f in fields(self)], dtype=float)


FIELDS: Final = tuple(f.name for f in fields(Capacities))


def _mid(value: object) -> float:
    return float(getattr(value, "mid", 0.0) or 0.0)


def from_plan(plan: Plan, params: ParameterSet) -> Capacities:
    """Capacities of a plan for one region (midpoints of ranges)."""
    lines = {line.item.key: line for line in plan.capacity}
    costs = plan.unit_costs
    fact = lines.get("fact")
    centre = lines.get("neighbourhood_centre")
    iht = lines.get("iht")
    fact_slots = 0.0
    fact_eur = 0.0
    for line in (fact, centre):
        if line is not None and line.units is not None:
            per_team = line.item.caseload_per_unit
            caseload = per_team.mid if per_team else params.value("fact_caseload_per_team")
            fact_slots += line.units.mid * caseload
            fact_eur += _mid(line.eur)
    iht_places = 0.0
    iht_eur = 0.0
    if iht is not None and iht.units is not None:
        iht_places = iht.units.mid * params.value("iht_places_per_team")
        iht_eur = _mid(iht.eur)
    elif centre is not None and centre.units is not None:
        iht_places = centre.units.mid * params.value("iht_places_per_centre")
    clinical = lines.get("clinical")
    short_line = lines.get("clinical_short_stay")
    clinical_places = _mid(clinical.units) if clinical else 0.0
    short = _mid(short_line.units) if short_line else clinical_places
    long = max(clinical_places - short, 0.0)
    bw_line = lines.get("bw")
    bw = _mid(bw_line.units) if bw_line else 0.0
    share = params.value("epa_share_clinical")
    modelled = {"fact", "neighbourhood_centre", "iht", "clinical", "clinical_short_stay", "bw"}
    other = sum(
        _mid(line.eur)
        for key, line in lines.items()
        if key not in modelled and line.item.category == "ambulant_epa" and not line.item.part_of
    )
    return Capacities(
        fact=fact_slots,
        iht=iht_places,
        short=short * share,
        long=long * share,
        bw=bw,
        fact_eur=fact_eur,
        iht_eur=iht_eur,
        short_eur=short * costs.clinical_place_eur,
        long_eur=long * costs.clinical_place_eur,
        bw_eur=bw * costs.bw_place_eur,
        other_epa_eur=other,
        ambulant_other_eur=plan.spending_eur().get("ambulant_other", 0.0),
    )


def from_inventory(
    inventory: Inventory, fallback: Capacities, baseline: NormSet, params: ParameterSet
) -> tuple[Capacities, list[str]]:
    """Current capacities from an inventory; what it does not record comes from ``fallback``.

    FACT fte become caseload slots at the baseline caseload per fte (200 per team of 10 fte,
    004:1099-1100); IHT fte become places at the places per 12-fte team; first-year admission
    places are short-stay places; long-stay and other intramural places are long-stay places.
    Returns the capacities and the names of the fields taken from ``fallback``.
    """
    fact_norm = baseline.capacity.get("fact")
    fte_per_team = (fact_norm.fte_per_unit if fact_norm else None) or 10.0
    caseload = fact_norm.caseload_per_unit.mid if fact_norm and fact_norm.caseload_per_unit else 0
    caseload = caseload or params.value("fact_caseload_per_team")
    per_fte = caseload / fte_per_team
    costs_fte = fallback.fact_eur / fallback.fact * per_fte if fallback.fact else 0.0
    values: dict[str, float | None] = {
        "fact": _times(inventory.total("fact", "fte"), per_fte),
        "iht": _times(inventory.total("iht", "fte"), params.value("iht_places_per_team") / 12),
        "short": inventory.total("first_year_admission", "places"),
        "long": _sum(
            inventory.total("long_stay", "places"), inventory.total("intramural_other", "places")
        ),
        "bw": inventory.total("sheltered_housing", "places"),
    }
    taken: list[str] = []
    chosen: dict[str, float] = {}
    for name, value in values.items():
        if value is None:
            taken.append(name)
            chosen[name] = getattr(fallback, name)
        else:
            chosen[name] = value
    share = params.value("epa_share_clinical")
    current = replace(
        fallback,
        fact=chosen["fact"],
        iht=chosen["iht"],
        short=chosen["short"] * (share if "short" not in taken else 1.0),
        long=chosen["long"] * (share if "long" not in taken else 1.0),
        bw=chosen["bw"],
        fact_eur=chosen["fact"] * costs_fte if "fact" not in taken else fallback.fact_eur,
        iht_eur=_eur(inventory, "iht", fallback.iht_eur),
        short_eur=_eur(inventory, "first_year_admission", fallback.short_eur),
        long_eur=_eur(inventory, "long_stay", fallback.long_eur),
        bw_eur=_eur(inventory, "sheltered_housing", fallback.bw_eur),
    )
    return current, taken


def _times(value: float | None, factor: float) -> float | None:
    return None if value is None else value * factor


def _sum(*values: float | None) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _eur(inventory: Inventory, key: str, fallback: float) -> float:
    value = inventory.total(key, "eur")
    return fallback if value is None else value


def path_weights(months: int, transition_years: float, path: Path) -> NDArray[np.float64]:
    """Share of the way from now to the target reached in each month 1..``months``.

    ``linear``: evenly over the transition years; ``step``: all at once after them;
    ``front``: most of the change early (square root); ``back``: most of it late (square).
    """
    if path not in PATHS:
        raise ValueError(f"path must be one of {PATHS}, not {path!r}")
    t = np.arange(1, months + 1, dtype=float)
    span = max(transition_years * 12, 1e-9)
    x = np.clip(t / span, 0.0, 1.0)
    if path == "step":
        return (t >= span).astype(float)
    if path == "front":
        return np.sqrt(x)
    if path == "back":
        return x**2
    return x


def capacity_paths(
    now: NDArray[np.float64], target: NDArray[np.float64], weights: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Fields per month: ``now + (target - now) x weight``, shape (months, regions, fields)."""
    return now[None, :, :] + (target - now)[None, :, :] * weights[:, None, None]
