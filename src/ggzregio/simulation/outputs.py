"""From trajectories to what users read: derived quantities, spending, and summaries over draws.

Per region and month every draw gives stocks, occupancy, people waiting and the expected wait
per service with the share beyond the treeknorm, blocked bed-days, FACT reach and spending by
category (SPEC.md §3) and funding stream (Zvw, Wlz, Wmo). These are summarised over the draws
as the mean and the 5th, 25th, 50th, 75th and 95th percentiles (the 50 % and 90 % bands of the
fan charts), per month and per year (flows summed over the year, stocks and shares averaged).
Per draw a few *outcomes* over the whole horizon are kept for comparing scenarios.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ggzregio.simulation.capacity import FIELDS
from ggzregio.simulation.model import SERVICE_NAMES, Trajectories, population
from ggzregio.simulation.parameters import STREAMS, ParameterSet

if TYPE_CHECKING:
    from ggzregio.simulation.calibration import Calibration
    from ggzregio.simulation.run import Region

Array = NDArray[np.float64]
QUANTILES: Final = (0.05, 0.25, 0.5, 0.75, 0.95)
QUANTILE_COLUMNS: Final = ("p05", "p25", "p50", "p75", "p95")
DAYS_PER_MONTH: Final = 365.25 / 12
WAIT_SERVICES: Final = ("ambulant", "fact", "short", "long", "bw")
CATEGORY_OF: Final = {
    "ambulant": "ambulant_epa",
    "fact": "ambulant_epa",
    "iht": "ambulant_epa",
    "other_epa": "ambulant_epa",
    "short": "clinical",
    "long": "clinical",
    "bw": "bw",
    "ambulant_other": "ambulant_other",
}
#: Variable -> (unit, how a year is formed from its months).
UNITS: Final[dict[str, tuple[str, str]]] = {
    **{f"stock_{s}": ("persons", "mean") for s in SERVICE_NAMES},
    **{f"occupancy_{s}": ("share", "mean") for s in SERVICE_NAMES},
    **{f"admissions_{s}": ("persons", "sum") for s in SERVICE_NAMES},
    **{f"waiting_{s}": ("persons", "mean") for s in WAIT_SERVICES},
    **{f"wait_months_{s}": ("months", "mean") for s in WAIT_SERVICES},
    **{f"beyond_treeknorm_{s}": ("share", "mean") for s in WAIT_SERVICES},
    "untreated": ("persons", "mean"),
    "waiting_outside": ("persons", "mean"),
    "population": ("persons", "mean"),
    "blocked_bed_days": ("days", "sum"),
    "blocked_bw_days": ("days", "sum"),
    "iht_overflow": ("persons", "sum"),
    "fact_reach": ("share", "mean"),
    "fact_reach_in_care": ("share", "mean"),
    "institution_share": ("share", "mean"),
    **{f"spending_{c}": ("eur", "sum") for c in sorted(set(CATEGORY_OF.values()))},
    **{f"spending_{s}": ("eur", "sum") for s in STREAMS},
    "spending_total": ("eur", "sum"),
}
VARIABLES: Final = tuple(UNITS)
#: Outcomes over the horizon per draw, and whether lower is better.
OUTCOMES: Final[dict[str, bool]] = {
    "blocked_bed_days": True,
    "beyond_treeknorm_ambulant": True,
    "waiting_outside": True,
    "admissions_short": True,
    "spending_total": True,
    "fact_reach": False,
}


@dataclass
class Summary:
    """Monthly and yearly summaries over draws, and per-draw outcomes (regions x draws)."""

    monthly: pd.DataFrame
    yearly: pd.DataFrame
    outcomes: dict[str, Array]
    region_codes: list[str]

    @staticmethod
    def concat(parts: Sequence[Summary]) -> Summary:
        """The summaries of several regions as one."""
        return Summary(
            pd.concat([p.monthly for p in parts], ignore_index=True),
            pd.concat([p.yearly for p in parts], ignore_index=True),
            {k: np.vstack([p.outcomes[k] for p in parts]) for k in parts[0].outcomes},
            [c for p in parts for c in p.region_codes],
        )


def derive(
    traj: Trajectories,
    path: Array,
    ambulant_capacity: Array,
    cost_ambulant: Array,
    funding: dict[str, dict[str, float]],
) -> dict[str, Array]:
    """Every variable of :data:`VARIABLES` per month and draw, shape (months, draws).

    ``path`` (months, fields of :class:`~ggzregio.simulation.capacity.Capacities`) gives places
    and euros per year along the transition path for this region.
    """
    out: dict[str, Array] = {}
    places = {name: path[:, FIELDS.index(name)][:, None] for name in SERVICE_NAMES[1:]}
    places["ambulant"] = np.broadcast_to(ambulant_capacity[None, :], traj["stock_fact"].shape)
    for s in SERVICE_NAMES:
        stock = traj[f"stock_{s}"].astype(float)
        out[f"stock_{s}"] = stock
        with np.errstate(divide="ignore", invalid="ignore"):
            out[f"occupancy_{s}"] = np.where(places[s] > 0, stock / places[s], np.nan)
        out[f"admissions_{s}"] = traj[f"admissions_{s}"].astype(float)
    for s in WAIT_SERVICES:
        out[f"waiting_{s}"] = traj[f"waiting_{s}"].astype(float)
        out[f"wait_months_{s}"] = traj[f"wait_months_{s}"].astype(float)
        out[f"beyond_treeknorm_{s}"] = traj[f"beyond_treeknorm_{s}"].astype(float)
    total = population(traj)
    in_care = sum(out[f"stock_{s}"] for s in SERVICE_NAMES)
    out["untreated"] = traj["untreated"].astype(float)
    out["waiting_outside"] = traj["waiting_outside"].astype(float)
    out["population"] = total
    out["blocked_bed_days"] = traj["blocked_clinical"].astype(float) * DAYS_PER_MONTH
    out["blocked_bw_days"] = traj["blocked_bw"].astype(float) * DAYS_PER_MONTH
    out["iht_overflow"] = traj["iht_overflow"].astype(float)
    out["fact_reach"] = out["stock_fact"] / total
    out["fact_reach_in_care"] = out["stock_fact"] / in_care
    out["institution_share"] = (out["stock_short"] + out["stock_long"] + out["stock_bw"]) / total
    per_service = {
        name: np.broadcast_to(path[:, FIELDS.index(f"{name}_eur")][:, None] / 12, total.shape)
        for name in ("fact", "iht", "short", "long", "bw", "other_epa", "ambulant_other")
    }
    per_service["ambulant"] = out["stock_ambulant"] * cost_ambulant[None, :] / 12
    for category in sorted(set(CATEGORY_OF.values())):
        out[f"spending_{category}"] = sum(
            (v for k, v in per_service.items() if CATEGORY_OF[k] == category),
            start=np.zeros(total.shape),
        )
    for stream in STREAMS:
        out[f"spending_{stream}"] = sum(
            (v * funding[k].get(stream, 0.0) for k, v in per_service.items()),
            start=np.zeros(total.shape),
        )
    out["spending_total"] = sum(per_service.values(), start=np.zeros(total.shape))
    return out


def quantiles(values: Array) -> Array:
    """Mean and :data:`QUANTILES` over the last axis (linear interpolation), shape (..., 6)."""
    ordered = np.sort(values, axis=-1)
    n = ordered.shape[-1]
    pos = np.array(QUANTILES) * (n - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, n - 1)
    frac = pos - lo
    with np.errstate(invalid="ignore"):
        q = ordered[..., lo] * (1 - frac) + ordered[..., hi] * frac
        mean = values.mean(axis=-1)
    return np.concatenate([mean[..., None], q], axis=-1)


def yearly(values: Array, how: str) -> Array:
    """(months, draws) -> (years, draws): summed or averaged over each year's months."""
    months, draws = values.shape
    by_year = values[: months - months % 12].reshape(-1, 12, draws)
    return np.asarray(by_year.sum(axis=1) if how == "sum" else by_year.mean(axis=1), dtype=float)


def summarise(
    traj: Trajectories,
    path: Array,
    cal: Calibration,
    par: dict[str, Array],
    runs: tuple[int, int],
    params: ParameterSet,
    region: Region,
) -> Summary:
    """Summaries and outcomes of one region's draws (runs ``lo..hi`` of the calibration)."""
    lo, hi = runs
    derived = derive(
        traj, path, cal.ambulant_capacity[lo:hi], par["cost_ambulant_client"][lo:hi], params.funding
    )
    months = traj.months
    monthly = np.stack([derived[v] for v in VARIABLES])  # (V, T, D)
    m_stats = quantiles(monthly)  # (V, T, 6)
    per_year = np.stack([yearly(derived[v], UNITS[v][1]) for v in VARIABLES])
    y_stats = quantiles(per_year)
    m_frame = _frame(m_stats, region.code, "month")
    y_frame = _frame(y_stats, region.code, "year")
    last_year = slice(months - 12, months)
    outcomes = {
        "blocked_bed_days": derived["blocked_bed_days"].sum(axis=0),
        "beyond_treeknorm_ambulant": derived["beyond_treeknorm_ambulant"][last_year].mean(axis=0),
        "waiting_outside": derived["waiting_outside"][-1],
        "admissions_short": derived["admissions_short"][last_year].sum(axis=0),
        "spending_total": derived["spending_total"].sum(axis=0),
        "fact_reach": derived["fact_reach"][-1],
    }
    return Summary(m_frame, y_frame, {k: v[None, :] for k, v in outcomes.items()}, [region.code])


def _frame(stats: Array, region: str, period: str) -> pd.DataFrame:
    n_var, n_period, _ = stats.shape
    frame = pd.DataFrame(stats.reshape(-1, 6), columns=["mean", *QUANTILE_COLUMNS])
    frame.insert(0, "unit", np.repeat([UNITS[v][0] for v in VARIABLES], n_period))
    frame.insert(0, "variable", np.repeat(VARIABLES, n_period))
    frame.insert(0, period, np.tile(np.arange(1, n_period + 1), n_var))
    frame.insert(0, "region_code", region)
    return frame
