"""Scenarios side by side: outcomes, their differences and the chance that one plan does better.

Every scenario of a run used the same draws (common random numbers), so for each draw the
difference ``A - B`` is a difference between plans under identical assumptions; its median
and 90 % band, and the share of draws in which A does better than B, are what a regiegroep can
act on. Outcomes over the whole horizon are summed over regions for the total; shares are
averaged over regions weighted by the adults with EPA in care at the start.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from ggzregio.i18n import t
from ggzregio.simulation.outputs import OUTCOMES, UNITS
from ggzregio.simulation.run import SimulationResult

TOTAL = "totaal"
#: Outcomes that are shares (averaged, not summed, over regions).
SHARE_OUTCOMES = frozenset({"beyond_treeknorm_ambulant", "fact_reach"})
#: Decimals an outcome is shown with, by its unit: whole days, persons with one decimal (a
#: median of means), shares with two, spending in millions of euros with one (no cents on
#: billions). Files keep the raw values.
SHOWN_DECIMALS = {"days": 0, "persons": 1, "share": 2, "eur": 1}


def outcome_display(outcome: str) -> tuple[str, float, int]:
    """How people see ``outcome`` on the terminal and the pages: its label (spending "in
    € mln"), the divisor of its values (1e6 for euros) and the decimals."""
    unit = UNITS.get(outcome, ("", ""))[0]
    label = t(f"sim.outcome.{outcome}")
    if unit == "eur":
        return t("sim.meur", label=label), 1e6, SHOWN_DECIMALS["eur"]
    return label, 1.0, SHOWN_DECIMALS.get(unit, 2)


def _with_total(values: np.ndarray, outcome: str, weights: np.ndarray) -> np.ndarray:
    """(regions, draws) -> (regions + 1, draws) with the total (or weighted mean) last."""
    if outcome in SHARE_OUTCOMES:
        total = (values * weights[:, None]).sum(axis=0) / weights.sum()
    else:
        total = values.sum(axis=0)
    return np.vstack([values, total[None, :]])


def compare(
    result: SimulationResult,
    outcomes: list[str] | None = None,
    pairs: list[tuple[str, str]] | None = None,
) -> pd.DataFrame:
    """One row per region (and the total), outcome and pair of scenarios (A, B)."""
    chosen = outcomes or list(OUTCOMES)
    unknown = [o for o in chosen if o not in OUTCOMES]
    if unknown:
        raise ValueError(f"unknown outcome(s) {unknown}; choose from {list(OUTCOMES)}")
    ids = list(result.summaries)
    pairs = pairs or list(combinations(ids, 2))
    codes = [*result.summaries[ids[0]].region_codes, TOTAL]
    weights = np.array([r.in_care for r in result.regions])
    rows = []
    for a, b in pairs:
        for outcome in chosen:
            lower_better = OUTCOMES[outcome]
            va = _with_total(result.summaries[a].outcomes[outcome], outcome, weights)
            vb = _with_total(result.summaries[b].outcomes[outcome], outcome, weights)
            diff = va - vb
            better = diff < 0 if lower_better else diff > 0
            for i, code in enumerate(codes):
                rows.append(
                    {
                        "region_code": code,
                        "outcome": outcome,
                        "lower_is_better": lower_better,
                        "scenario_a": a,
                        "scenario_b": b,
                        "a_p50": float(np.median(va[i])),
                        "b_p50": float(np.median(vb[i])),
                        "difference_p50": float(np.median(diff[i])),
                        "difference_p05": float(np.quantile(diff[i], 0.05)),
                        "difference_p95": float(np.quantile(diff[i], 0.95)),
                        "probability_a_better": float(better[i].mean()),
                    }
                )
    return pd.DataFrame(rows)
