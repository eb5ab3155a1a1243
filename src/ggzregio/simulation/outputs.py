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

from ggzregio.simulation.blocks import QUANTILES as QUANTILES
from ggzregio.simulation.blocks import Block, Elementwise, quantiles
from ggzregio.simulation.capacity import FIELDS
from ggzregio.simulation.model import SERVICE_NAMES, Trajectories, population
from ggzregio.simulation.parameters import STREAMS, ParameterSet

if TYPE_CHECKING:
    from ggzregio.simulation.calibration import Calibration
    from ggzregio.simulation.run import Region

Array = NDArray[np.float64]
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
    "to_housing": ("persons", "sum"),
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
class RegionSummary:
    """One region's summaries over draws as arrays: mean and :data:`QUANTILES` per variable of
    :data:`VARIABLES` and month (``monthly``, (variables, months, 6)) or year (``yearly``), and
    the outcomes per draw."""

    code: str
    monthly: Array
    yearly: Array
    outcomes: dict[str, Array]


@dataclass
class Summary:
    """Monthly and yearly summaries over draws, and per-draw outcomes (regions x draws)."""

    monthly: pd.DataFrame
    yearly: pd.DataFrame
    outcomes: dict[str, Array]
    region_codes: list[str]

    @staticmethod
    def of(parts: Sequence[RegionSummary]) -> Summary:
        """The summaries of several regions as one, each table built in one go."""
        codes = [p.code for p in parts]
        return Summary(
            _frame(np.stack([p.monthly for p in parts]), codes, "month"),
            _frame(np.stack([p.yearly for p in parts]), codes, "year"),
            {k: np.stack([p.outcomes[k] for p in parts]) for k in parts[0].outcomes},
            codes,
        )


def _ordered_sum(dest: Array, terms: Sequence[tuple[NDArray[np.floating], float | None]]) -> None:
    """``dest = 0 + t1 + t2 + ...`` in this order, each term times its weight (if any).

    Terms that are the same for every draw (shape (months, 1)) are added on one column until
    the first that is not: value for value the same sums as on full arrays, in fewer passes.
    """
    acc = np.zeros((dest.shape[0], 1))
    full = False
    for value, weight in terms:
        term = value if weight is None else value * weight
        if full:
            dest += term
        elif term.shape[1] == 1:
            acc = acc + term
        else:
            np.add(acc, term, out=dest)
            full = True
    if not full:
        dest[...] = acc


def _spending(
    block: Block, name: str, terms: Sequence[tuple[Array, float | None]], per_client: Array
) -> None:
    """Spending ``name``: the ordered sum of ``terms`` (euros per service, times a share), of
    which only ``per_client`` (regular ambulant care) differs between draws. With a share of at
    least 0 the sum does not decrease with it, so it orders the sum."""
    varying = [w for v, w in terms if v is per_client]
    if not varying:
        column = np.empty((block.values.shape[1], 1))
        _ordered_sum(column, terms)
        block.put(name, column)
    elif all(w is None or w >= 0 for w in varying):

        def fn(x: NDArray[np.floating], out: Array) -> None:
            _ordered_sum(out, [(x if v is per_client else v, w) for v, w in terms])

        block.put(name, per_client, fn, key="spending_per_client")
    else:
        _ordered_sum(block[name], terms)


def _divide_by(places: Array) -> Elementwise:
    """Occupancy from people: ``x / places``, NaN where there are no places."""

    def fn(x: NDArray[np.floating], out: Array) -> None:
        with np.errstate(divide="ignore", invalid="ignore"):
            np.divide(x, places, out=out)
        np.copyto(out, np.nan, where=~(places > 0))

    return fn


def _times_days(x: NDArray[np.floating], out: Array) -> None:
    """Bed-days from people per month."""
    np.copyto(out, x)
    out *= DAYS_PER_MONTH


def _derive(
    traj: Trajectories,
    path: Array,
    ambulant_capacity: Array,
    cost_ambulant: Array,
    funding: dict[str, dict[str, float]],
) -> Block:
    """Every variable of :data:`VARIABLES` per month and draw, in one :class:`Block`."""
    block = Block(VARIABLES, traj.months, traj.runs)
    places = {name: path[:, FIELDS.index(name)][:, None] for name in SERVICE_NAMES[1:]}
    for s in SERVICE_NAMES:
        stock = block.put(f"stock_{s}", traj[f"stock_{s}"])
        if s == "ambulant":  # places per draw: occupancy is not ordered by people alone
            _divide_by(ambulant_capacity[None, :])(stock, block[f"occupancy_{s}"])
        else:
            block.put(f"occupancy_{s}", traj[f"stock_{s}"], _divide_by(places[s]), key=f"stock_{s}")
        block.put(f"admissions_{s}", traj[f"admissions_{s}"])
    for s in WAIT_SERVICES:
        for prefix in ("waiting", "wait_months", "beyond_treeknorm"):
            block.put(f"{prefix}_{s}", traj[f"{prefix}_{s}"])
    total = population(traj, block["population"])
    in_care = block["stock_ambulant"].copy()
    for s in SERVICE_NAMES[1:]:
        in_care += block[f"stock_{s}"]
    for name in ("untreated", "waiting_outside", "iht_overflow", "to_housing"):
        block.put(name, traj[name])
    block.put("blocked_bed_days", traj["blocked_clinical"], _times_days)
    block.put("blocked_bw_days", traj["blocked_bw"], _times_days)
    np.divide(block["stock_fact"], total, out=block["fact_reach"])
    np.divide(block["stock_fact"], in_care, out=block["fact_reach_in_care"])
    institution = block["institution_share"]
    np.add(block["stock_short"], block["stock_long"], out=institution)
    institution += block["stock_bw"]
    institution /= total
    # Spending per service per month: places priced from the path (the same for every draw),
    # regular ambulant care per client (its own for every draw).
    per_service = {
        name: path[:, FIELDS.index(f"{name}_eur")][:, None] / 12
        for name in ("fact", "iht", "short", "long", "bw", "other_epa", "ambulant_other")
    }
    per_client = block["stock_ambulant"] * cost_ambulant[None, :] / 12
    per_service["ambulant"] = per_client
    for category in sorted(set(CATEGORY_OF.values())):
        terms = [(v, None) for k, v in per_service.items() if CATEGORY_OF[k] == category]
        _spending(block, f"spending_{category}", terms, per_client)
    for stream in STREAMS:
        shares = [(v, funding[k].get(stream, 0.0)) for k, v in per_service.items()]
        _spending(block, f"spending_{stream}", shares, per_client)
    total_terms = [(v, None) for v in per_service.values()]
    _spending(block, "spending_total", total_terms, per_client)
    return block


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
    return _derive(traj, path, ambulant_capacity, cost_ambulant, funding).rows()


def yearly(values: Array, how: str) -> Array:
    """(months, draws) -> (years, draws): summed or averaged over each year's months."""
    months, draws = values.shape
    by_year = values[: months - months % 12].reshape(-1, 12, draws)
    result: Array = by_year.sum(axis=1) if how == "sum" else by_year.mean(axis=1)
    return result


#: Rows of :data:`VARIABLES` whose year is the mean of its months (the others: the sum).
_MEAN_ROWS: Final = np.array([i for i, v in enumerate(VARIABLES) if UNITS[v][1] == "mean"])


def _yearly_block(values: Array) -> Array:
    """:func:`yearly` of every row of a (variables, months, draws) block at once."""
    n_var, months, draws = values.shape
    by_year = values[:, : months - months % 12].reshape(n_var, -1, 12, draws)
    out: Array = by_year.sum(axis=2)
    out[_MEAN_ROWS] /= 12
    return out


def summarise(
    traj: Trajectories,
    path: Array,
    cal: Calibration,
    par: dict[str, Array],
    runs: tuple[int, int],
    params: ParameterSet,
    region: Region,
) -> RegionSummary:
    """Summaries and outcomes of one region's draws (runs ``lo..hi`` of the calibration)."""
    lo, hi = runs
    block = _derive(
        traj, path, cal.ambulant_capacity[lo:hi], par["cost_ambulant_client"][lo:hi], params.funding
    )
    derived = block.rows()
    months = traj.months
    per_year = _yearly_block(block.values)
    last_year = slice(months - 12, months)
    outcomes = {
        "blocked_bed_days": derived["blocked_bed_days"].sum(axis=0),
        "beyond_treeknorm_ambulant": derived["beyond_treeknorm_ambulant"][last_year].mean(axis=0),
        "waiting_outside": derived["waiting_outside"][-1].copy(),
        "admissions_short": derived["admissions_short"][last_year].sum(axis=0),
        "spending_total": derived["spending_total"].sum(axis=0),
        "fact_reach": derived["fact_reach"][-1].copy(),
    }
    monthly = block.quantiles()  # last: it sorts draws of the block in place
    return RegionSummary(region.code, monthly, quantiles(per_year), outcomes)


def _frame(stats: Array, codes: Sequence[str], period: str) -> pd.DataFrame:
    """The tidy table of (regions, variables, periods, 6) statistics."""
    n_region, n_var, n_period, _ = stats.shape
    rows = n_var * n_period
    flat = stats.reshape(-1, 6)
    variables: NDArray[np.object_] = np.repeat(np.array(VARIABLES, dtype=object), n_period)
    units: NDArray[np.object_] = np.repeat(
        np.array([UNITS[v][0] for v in VARIABLES], dtype=object), n_period
    )
    columns: dict[str, object] = {
        "region_code": np.repeat(np.array(codes, dtype=object), rows),
        period: np.tile(np.arange(1, n_period + 1), n_region * n_var),
        "variable": np.tile(variables, n_region),
        "unit": np.tile(units, n_region),
    }
    for i, name in enumerate(("mean", *QUANTILE_COLUMNS)):
        columns[name] = flat[:, i]
    return pd.DataFrame(columns)
