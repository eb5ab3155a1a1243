"""Calibration: the steady state of the current situation, solved in closed form per draw.

Given a region's adults with EPA in care, its current capacities and one draw of the
parameters, the stocks are set from the national shares (SPEC.md §2, §5):

- population with EPA ``P = in care / (1 - share not in care)`` (25 %, 004:1555-1557);
- short-stay, long-stay and BW stocks = occupancy x places; FACT = reach x in care (25 %,
  004:1090-1092); IHT as far as its places and the crises sent to it allow; the rest of those
  in care are in regular ambulant GGZ;
- clinical admissions per month = 15 % of ``P`` / 12 (002:104-105, 004:1085-1086).

The rates the seeds do not give are then solved so that every compartment is in balance:
the crisis rate (from the admissions), the short-stay completion rate (from occupancy and
admissions), the share of short stays continuing as long stays, the BW referral rate, the
referral and step-up rates into ambulant care and FACT, and the number of new EPA cases.
A draw whose parameters cannot balance (a negative rate or a share above 1) is refused with
the region and the quantity named, never clipped silently.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ggzregio.errors import InputError, Problem

Array = NDArray[np.float64]


@dataclass
class Calibration:
    """Initial steady state and monthly probabilities for n (region x draw) runs."""

    n: int
    stocks: Array  # (6, n): ambulant, fact, iht, short, long, bw
    untreated: Array  # (n,)
    new_cases: Array  # (n,) per month
    housing: Array  # (n,) homes per month for people leaving BW
    ambulant_capacity: Array  # (n,)
    probabilities: dict[str, Array]
    in_care: Array  # (n,)

    @property
    def population(self) -> Array:
        """Adults with EPA at the start (in and out of care)."""
        return np.asarray(self.untreated + self.stocks.sum(axis=0), dtype=float)


def calibrate(
    in_care: Array, capacity: Array, par: dict[str, Array], labels: list[str]
) -> Calibration:
    """Solve the steady state. ``capacity`` is (5, n): fact, iht, short, long, bw places now;
    ``par`` holds one value per run of every parameter; ``labels`` name each run's region.
    Refuses (:class:`InputError`) if any run cannot balance; see :func:`calibrate_runs`."""
    cal, checks = calibrate_runs(in_care, capacity, par, labels)
    checks.raise_if_any()
    return cal


def calibrate_runs(
    in_care: Array, capacity: Array, par: dict[str, Array], labels: list[str]
) -> tuple[Calibration, Checks]:
    """:func:`calibrate` without refusing: also returns the checks, whose ``bad`` marks the
    runs that cannot balance (for redrawing their parameters)."""
    n = in_care.shape[0]
    _, cap_h, cap_s, cap_l, cap_b = capacity
    check = Checks(labels)
    d = par["mortality_per_year"] / 12
    population = in_care / (1 - par["not_in_care_share"])
    untreated = population - in_care
    short = par["occupancy_clinical"] * cap_s
    long = par["occupancy_clinical"] * cap_l
    bw = par["occupancy_bw"] * cap_b
    fact = par["fact_reach"] * in_care
    admissions = par["admitted_per_year"] * population / 12
    check.positive(cap_s, "capacity_short")

    # IHT: crises sent to IHT while it has room; the rest and IHT failures are admitted.
    p_h = 1 / par["stay_iht"]
    out_h = d + p_h
    sigma = par["iht_share"] * (cap_h > 0)
    g = par["iht_to_short"] * p_h / out_h
    crises = admissions / (1 - sigma + sigma * g)
    iht_in = np.minimum(sigma * crises, cap_h * out_h)
    crises = admissions + iht_in * (1 - g)
    iht = iht_in / out_h
    ambulant = in_care - fact - iht - short - long - bw
    check.positive(ambulant, "ambulant_stock")
    weights = {
        "untreated": par["crisis_weight_untreated"] * untreated,
        "ambulant": par["crisis_weight_ambulant"] * ambulant,
        "fact": par["crisis_weight_fact"] * fact,
        "bw": par["crisis_weight_bw"] * bw,
    }
    kappa = crises / sum(weights.values())
    crisis = {k: kappa * par[f"crisis_weight_{k}"] for k in weights}
    with np.errstate(divide="ignore", invalid="ignore"):
        crisis_to_iht = np.where(crises > 0, iht_in / crises, 0.0)

    p_s = admissions / np.where(short > 0, short, np.nan) - d
    check.positive(p_s, "complete_short")
    p_l = 1 / par["stay_long"]
    p_b = 1 / par["stay_bw"]
    p_f = 1 / par["stay_fact"]
    p_a = 1 / par["stay_ambulant"]
    short_out = p_s * short
    with np.errstate(divide="ignore", invalid="ignore"):
        to_long = np.where(short_out > 0, long * (d + p_l) / short_out, 0.0)
    to_ambulant = 1 - to_long - par["short_to_bw"] - par["short_to_fact"] - par["short_to_home"]
    check.nonnegative(to_ambulant, "short_to_ambulant")
    long_out = p_l * long
    bw_in_known = par["short_to_bw"] * short_out + par["long_to_bw"] * long_out
    bw_referral = (bw * (d + p_b + crisis["bw"]) - bw_in_known) / (ambulant + fact)
    check.nonnegative(bw_referral, "bw_referral")
    bw_out = p_b * bw
    iht_out = p_h * iht
    fact_rhs = fact * (d + p_f + crisis["fact"] + bw_referral) - (
        par["short_to_fact"] * short_out
        + par["long_to_fact"] * long_out
        + par["bw_to_fact"] * bw_out
        + par["iht_to_fact"] * iht_out
    )
    ambulant_rhs = ambulant * (d + p_a + crisis["ambulant"] + bw_referral) - (
        par["fact_to_ambulant"] * p_f * fact
        + to_ambulant * short_out
        + (1 - par["long_to_bw"] - par["long_to_fact"]) * long_out
        + (1 - par["bw_to_fact"]) * bw_out
        + (1 - par["iht_to_fact"] - par["iht_to_short"]) * iht_out
    )
    # FACT's intake beyond clinic, BW and IHT: partly straight from outside care, the rest as
    # step-up from regular ambulant care; regular ambulant care takes the remaining referrals.
    check.nonnegative(fact_rhs, "fact_intake")
    direct = par["fact_direct_share"]
    referral_fact = direct * fact_rhs / untreated
    step_up = (1 - direct) * fact_rhs / ambulant
    referral_ambulant = (ambulant_rhs + (1 - direct) * fact_rhs) / untreated
    check.nonnegative(referral_ambulant, "referral_ambulant")
    referral = referral_ambulant + referral_fact
    recovery = par["recovery_per_year"] / 12
    new_cases = untreated * (d + recovery + referral + crisis["untreated"]) - (
        p_a * ambulant
        + (1 - par["fact_to_ambulant"]) * p_f * fact
        + par["short_to_home"] * short_out
    )
    check.nonnegative(new_cases, "new_cases")
    exits = {
        "untreated": d + recovery + referral + crisis["untreated"],
        "ambulant": d + p_a + step_up + crisis["ambulant"] + bw_referral,
        "fact": d + p_f + crisis["fact"] + bw_referral,
        "iht": out_h,
        "short": d + p_s,
        "long": d + p_l,
        "bw": d + p_b + crisis["bw"],
    }
    for name, total in exits.items():
        check.at_most_one(total, f"exit_{name}")
    probabilities = {
        "death": d,
        "recovery": recovery,
        "renege": par["renege_per_month"],
        "referral_ambulant": referral_ambulant,
        "referral_fact": referral_fact,
        "crisis_to_iht": crisis_to_iht,
        "iht_share": par["iht_share"],
        "step_up": step_up,
        "bw_referral": bw_referral,
        "complete_ambulant": p_a,
        "complete_fact": p_f,
        "complete_iht": p_h,
        "complete_short": p_s,
        "complete_long": p_l,
        "complete_bw": p_b,
        "short_to_long": to_long,
        "short_to_ambulant": to_ambulant,
        **{f"crisis_{k}": v for k, v in crisis.items()},
        **{
            k: par[k]
            for k in (
                "fact_to_ambulant",
                "iht_to_fact",
                "iht_to_short",
                "short_to_bw",
                "short_to_fact",
                "short_to_home",
                "long_to_bw",
                "long_to_fact",
                "bw_to_fact",
            )
        },
        **{f"exit_{k}": v for k, v in exits.items()},
    }
    stocks = np.vstack([ambulant, fact, iht, short, long, bw])
    cal = Calibration(
        n=n,
        stocks=stocks,
        untreated=untreated,
        new_cases=new_cases,
        housing=par["housing_supply_factor"] * bw_out,
        ambulant_capacity=ambulant / par["utilisation_ambulant"],
        probabilities={
            k: np.broadcast_to(np.asarray(v, float), (n,)) for k, v in probabilities.items()
        },
        in_care=in_care,
    )
    return cal, check


class Checks:
    """Collects quantities that cannot balance, naming the region and the quantity."""

    def __init__(self, labels: list[str]):
        self.labels = labels
        self.problems: list[Problem] = []
        self.bad = np.zeros(len(labels), dtype=bool)

    def _flag(self, bad: NDArray[np.bool_], quantity: str, worst: float) -> None:
        if not bad.any():
            return
        self.bad |= bad
        regions = sorted({self.labels[i] for i in np.flatnonzero(bad)})
        values = {"quantity": quantity, "regions": ", ".join(regions[:10]), "value": worst}
        self.problems.append(Problem("parameters", "simulation.cannot_balance", values=values))

    def positive(self, value: Array, quantity: str) -> None:
        bad = ~(value > 0)
        self._flag(bad, quantity, float(np.nanmin(value)) if bad.any() else 0.0)

    def nonnegative(self, value: Array, quantity: str) -> None:
        bad = ~(value >= -1e-12)
        self._flag(bad, quantity, float(np.nanmin(value)) if bad.any() else 0.0)

    def at_most_one(self, value: Array, quantity: str) -> None:
        bad = ~(value <= 1.0)
        self._flag(bad, quantity, float(np.nanmax(value)) if bad.any() else 0.0)

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)
