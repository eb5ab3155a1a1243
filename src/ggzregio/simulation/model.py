"""The monthly stock-and-flow model of adults with EPA in one region (vectorised over many).

Compartments: *not in GGZ care* (N) and six services — regular ambulant GGZ (A), FACT (F),
intensive home treatment episodes (H), clinical short stay (S), clinical long stay (L) and
sheltered housing (B). Every service has a capacity (places or caseload slots); every move into
a service first becomes *pending* and is admitted only when a place is free. People pending from
the community wait outside care (the waiting list); people pending from a service stay where
they are — a clinic bed held by someone ready to leave is a *blocked bed*, a BW place held by
someone ready to live independently but without a home is *blocked BW*.

One month, for all regions and draws at once (Euler steps with monthly probabilities; a mean
stay of s months is a completion probability of 1/s):

1. Deaths and, outside care, recovery out of the EPA definition leave; new EPA cases enter N.
   Each compartment's free stock (not already pending) makes requests: referral, step-up,
   crisis (to IHT or admission), BW referral, completion with a destination. Completions to
   *home* (the GP) leave at once; the rest become pending. Community waiters may give up.
2. Crisis requests to IHT that IHT cannot take this month go to clinical admission instead.
   The arrivals of a month (the arrival rate of the waiting-time formula, :mod:`.queueing`)
   are that month's requests: a crisis re-routed to the clinic in the month it arose arrives
   at the clinic instead of at IHT; one that was already pending for IHT arrived in an earlier
   month and only moves from one queue to the other (counted in ``iht_overflow``, not again as
   an arrival).
3. Admission: each service admits ``min(pending, capacity - occupancy + departures)``, shared
   over origins in proportion to what they have pending; departures depend on admissions
   elsewhere, so this is iterated to its fixed point. Leaving BW for a home is also limited
   by the housing supply.

People are conserved exactly: population(t+1) = population(t) + new cases - deaths - recovered,
every month (tested). The initial state is the calibrated steady state (:mod:`.calibration`),
so a plan that changes nothing keeps it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

from ggzregio.simulation.calibration import Calibration
from ggzregio.simulation.jit import njit, parallel_chunksize, prange
from ggzregio.simulation.queueing import wait_scalar

Array = NDArray[np.float64]

A, F, H, S, L, B = range(6)
COMMUNITY: Final = 6
#: Pending moves (origin, destination); COMMUNITY is the origin of waiting from outside care.
PAIRS: Final[tuple[tuple[int, int], ...]] = (
    (COMMUNITY, A), (COMMUNITY, F), (COMMUNITY, H), (COMMUNITY, S),
    (A, F), (A, B), (A, H), (A, S),
    (F, A), (F, B), (F, H), (F, S),
    (H, F), (H, A), (H, S),
    (S, A), (S, F), (S, B), (S, L),
    (L, B), (L, F), (L, A),
    (B, F), (B, A), (B, H), (B, S),
)  # fmt: skip
ORIGIN: Final = np.array([o for o, _ in PAIRS])
DEST: Final = np.array([d for _, d in PAIRS])
#: For each pair in the IHT column: the pair that takes its overflow to clinical admission.
IHT_OVERFLOW: Final = np.array([PAIRS.index((o, S)) if d == H else -1 for o, d in PAIRS])
#: Leaving BW for a home (limited by the housing supply).
HOUSING: Final = np.array([(o, d) in ((B, F), (B, A)) for o, d in PAIRS])
#: Moves from sheltered housing or long stay into an ordinary home (with FACT or regular
#: ambulant care): the placements a neighbourhood takes in (``to_housing``).
TO_HOME: Final = np.array([o in (B, L) and d in (F, A) for o, d in PAIRS])
#: Demand that follows capacity (see :func:`simulate`): which factor scales each pair —
#: 0 none, 1 FACT intake, 2 BW referral, 3 short stay continuing as long stay, 4 discharge to
#: BW — and, for discharges (3, 4), the pair that takes what no longer goes there (FACT).
_KIND = {(COMMUNITY, F): 1, (A, F): 1, (A, B): 2, (F, B): 2, (S, L): 3, (S, B): 4, (L, B): 4}
FOLLOW: Final = np.array([_KIND.get(pair, 0) for pair in PAIRS])
SUBSTITUTE: Final = np.array(
    [PAIRS.index((o, F)) if _KIND.get((o, d), 0) >= 3 else -1 for o, d in PAIRS]
)
#: The pairs into each service (rows padded with -1), for the admission sweep.
INTO: Final = np.array(
    [([p for p, (_, d) in enumerate(PAIRS) if d == k] + [-1] * 8)[:8] for k in range(6)]
)
MAX_ITERATIONS: Final = 200
TOLERANCE: Final = 1e-9
SERVICE_NAMES: Final = ("ambulant", "fact", "iht", "short", "long", "bw")

#: Monthly series recorded for every region and draw, in the kernel's order.
RECORDED: Final = (
    *(f"stock_{s}" for s in SERVICE_NAMES),
    "untreated",
    "waiting_outside",
    *(f"backlog_{s}" for s in SERVICE_NAMES),
    *(f"admissions_{s}" for s in SERVICE_NAMES),
    *(f"wait_months_{s}" for s in SERVICE_NAMES),
    *(f"beyond_treeknorm_{s}" for s in SERVICE_NAMES),
    *(f"waiting_{s}" for s in SERVICE_NAMES),
    "blocked_clinical",
    "blocked_bw",
    "iht_overflow",
    "deaths",
    "recovered",
    "to_housing",
)
_INDEX: Final = {name: i for i, name in enumerate(RECORDED)}


@dataclass
class Trajectories:
    """Monthly series, shape (months, n) as float32, of every recorded quantity."""

    #: (len(RECORDED), months, n): each quantity's series together, so that ``traj[name]``
    #: is contiguous (the summaries over draws read it row by row).
    values: NDArray[np.floating]
    new_cases: NDArray[np.float64]  # (n,) per month

    def __getitem__(self, name: str) -> NDArray[np.floating]:
        series: NDArray[np.floating] = self.values[_INDEX[name]]
        return series

    @property
    def months(self) -> int:
        """Number of months simulated."""
        return int(self.values.shape[1])

    @property
    def runs(self) -> int:
        """Number of runs (draws) in these series."""
        return int(self.values.shape[2])


def request_probabilities(cal: Calibration) -> tuple[Array, Array]:
    """Per pair the monthly probability that a free person of its origin requests it, and per
    service the probability of completing to home (leaving GGZ care at once)."""
    p = cal.probabilities
    req = np.zeros((len(PAIRS), cal.n))

    def put(origin: int, dest: int, value: Array) -> None:
        req[PAIRS.index((origin, dest))] = value

    put(COMMUNITY, A, p["referral_ambulant"])
    put(COMMUNITY, F, p["referral_fact"])
    for origin, name in ((COMMUNITY, "untreated"), (A, "ambulant"), (F, "fact"), (B, "bw")):
        put(origin, H, p[f"crisis_{name}"] * p["iht_share"])
        put(origin, S, p[f"crisis_{name}"] * (1 - p["iht_share"]))
    put(A, F, p["step_up"])
    put(A, B, p["bw_referral"])
    put(F, B, p["bw_referral"])
    put(F, A, p["complete_fact"] * p["fact_to_ambulant"])
    put(H, F, p["complete_iht"] * p["iht_to_fact"])
    put(H, S, p["complete_iht"] * p["iht_to_short"])
    put(H, A, p["complete_iht"] * (1 - p["iht_to_fact"] - p["iht_to_short"]))
    put(S, L, p["complete_short"] * p["short_to_long"])
    put(S, B, p["complete_short"] * p["short_to_bw"])
    put(S, F, p["complete_short"] * p["short_to_fact"])
    put(S, A, p["complete_short"] * p["short_to_ambulant"])
    put(L, B, p["complete_long"] * p["long_to_bw"])
    put(L, F, p["complete_long"] * p["long_to_fact"])
    put(L, A, p["complete_long"] * (1 - p["long_to_bw"] - p["long_to_fact"]))
    put(B, F, p["complete_bw"] * p["bw_to_fact"])
    put(B, A, p["complete_bw"] * (1 - p["bw_to_fact"]))
    home = np.zeros((6, cal.n))
    home[A] = p["complete_ambulant"]
    home[F] = p["complete_fact"] * (1 - p["fact_to_ambulant"])
    home[S] = p["complete_short"] * p["short_to_home"]
    return req, home


def simulate(
    cal: Calibration,
    capacity: NDArray[np.float64],
    base: NDArray[np.float64],
    region: NDArray[np.int64],
    follow: NDArray[np.float64],
    runs: tuple[int, int] | None = None,
    *,
    precise: bool = False,
) -> Trajectories:
    """Run the model from the calibrated steady state for runs ``lo..hi`` (default: all).

    ``capacity`` is (months, regions, 6): places per service per month (row 0 is month 1;
    the ambulant column is ignored: each run keeps its calibrated ambulant capacity); ``base``
    (regions, 6) the places the calibration started from; ``region`` gives each run's row.

    Demand follows capacity with the elasticities ``follow`` (3, n: FACT intake, BW referral,
    long stay, per run): a request is scaled by ``(places now / places at start) ** elasticity``.
    Discharges that no longer go to long stay or BW go home with FACT instead.
    Series are stored as float32 (enough for people and euros per month); ``precise`` keeps
    float64, for checks to floating-point tolerance.
    """
    lo, hi = runs if runs is not None else (0, cal.n)
    req, home = request_probabilities(cal)
    p = cal.probabilities
    mu = np.vstack([p[f"exit_{name}"] for name in SERVICE_NAMES])
    months = capacity.shape[0]
    out: NDArray[np.floating] = np.empty(
        (len(RECORDED), months, hi - lo), dtype=np.float64 if precise else np.float32
    )
    with parallel_chunksize(2):  # blocks handed out as threads come free (see BLOCK)
        _kernel(
            req, home, np.ascontiguousarray(p["death"]), np.ascontiguousarray(p["renege"]),
            np.ascontiguousarray(p["recovery"]), cal.new_cases, cal.housing, cal.stocks,
            cal.untreated, mu, cal.ambulant_capacity, np.ascontiguousarray(capacity),
            np.ascontiguousarray(base), region, np.ascontiguousarray(follow), out, lo, hi,
        )  # fmt: skip
    return Trajectories(out, cal.new_cases[lo:hi])


#: Runs per block of the kernel: a block's series are kept in a small buffer and stored
#: together, so that each store fills whole cache lines of the (quantity, month, run) output;
#: blocks go two at a time to whichever thread is free (the summaries of the region before
#: run beside the model, :func:`ggzregio.simulation.run.run_simulation`).
BLOCK: Final = 16


@njit(cache=True, parallel=True, nogil=True)
def _kernel(
    req: Array,
    home: Array,
    death: Array,
    renege: Array,
    recovery: Array,
    new_cases: Array,
    housing: Array,
    stocks0: Array,
    untreated0: Array,
    mu: Array,
    ambulant_capacity: Array,
    capacity: Array,
    base: Array,
    region: NDArray[np.int64],
    follow: Array,
    out: NDArray[np.floating],
    lo: int,
    hi: int,
) -> None:  # pragma: no cover - compiled; tested through simulate()
    months = capacity.shape[0]
    n_rec = out.shape[0]
    for block in prange((hi - lo + BLOCK - 1) // BLOCK):
        first = lo + block * BLOCK
        size = min(BLOCK, hi - first)
        rec = np.empty((size, months, n_rec))
        for i in range(size):
            _run(
                req, home, death, renege, recovery, new_cases, housing, stocks0, untreated0,
                mu, ambulant_capacity, capacity, base, region, follow, first + i, rec[i],
            )  # fmt: skip
        for k in range(n_rec):
            for t in range(months):
                for i in range(size):
                    out[k, t, first - lo + i] = rec[i, t, k]


@njit(cache=True)
def _run(
    req: Array,
    home: Array,
    death: Array,
    renege: Array,
    recovery: Array,
    new_cases: Array,
    housing: Array,
    stocks0: Array,
    untreated0: Array,
    mu: Array,
    ambulant_capacity: Array,
    capacity: Array,
    base: Array,
    region: NDArray[np.int64],
    follow: Array,
    col: int,
    rec: Array,
) -> None:  # pragma: no cover - compiled; tested through simulate()
    """One run (column ``col``) through all months; its series into ``rec`` (months, quantity)."""
    n_pairs = ORIGIN.size
    months = capacity.shape[0]
    x = stocks0[:, col].copy()
    untreated = untreated0[col]
    q = np.zeros(n_pairs)
    eligible = np.zeros(n_pairs)
    requests = np.zeros(n_pairs)
    free = np.zeros(7)
    dep = np.zeros(7)
    demand = np.zeros(6)
    share = np.ones(6)
    factor = np.ones(5)
    rate = np.zeros(n_pairs)
    admitted = np.zeros(6)
    backlog = np.zeros(6)
    arrivals = np.zeros(6)
    d = death[col]
    cap = np.zeros(6)
    for t in range(months):
        cap[:] = capacity[t, region[col]]
        cap[A] = ambulant_capacity[col]
        start = base[region[col]]
        for kind, k in ((1, F), (2, B), (3, L)):
            ratio = cap[k] / start[k] if start[k] > 0 else 1.0
            factor[kind] = ratio ** follow[kind - 1, col]
        factor[4] = min(factor[2], 1.0)
        factor[3] = min(factor[3], 1.0)
        for p in range(n_pairs):
            rate[p] = req[p, col]
        for p in range(n_pairs):
            if FOLLOW[p] > 0:
                scaled = req[p, col] * factor[FOLLOW[p]]
                if SUBSTITUTE[p] >= 0:
                    rate[SUBSTITUTE[p]] += req[p, col] - scaled
                rate[p] = scaled
        # 1. deaths, recovery, new cases, requests, completions to home, giving up.
        for k in range(6):
            free[k] = x[k]
        for p in range(n_pairs):
            if ORIGIN[p] < 6:
                free[ORIGIN[p]] -= q[p]
        free[COMMUNITY] = untreated
        outside = 0.0
        for p in range(n_pairs):
            if ORIGIN[p] == COMMUNITY:
                outside += q[p]
        deaths = d * (untreated + x.sum() + outside)
        recovered = recovery[col] * untreated
        gave_up = renege[col] * outside
        requested_out = 0.0
        for p in range(n_pairs):
            requests[p] = rate[p] * free[ORIGIN[p]]
            if ORIGIN[p] == COMMUNITY:
                requested_out += requests[p]
                q[p] = q[p] * (1.0 - d - renege[col]) + requests[p]
            else:
                q[p] = q[p] * (1.0 - d) + requests[p]
        went_home = 0.0
        for k in range(6):
            h = home[k, col] * free[k]
            went_home += h
            x[k] = x[k] * (1.0 - d) - h
        untreated += new_cases[col] + went_home + gave_up - d * untreated - recovered
        untreated -= requested_out
        # 2. crises IHT cannot take this month are admitted to a clinic instead. Of what
        # moves, only this month's requests are arrivals (to the clinic instead of IHT);
        # crises still pending from earlier months arrived then (see the module docstring).
        iht_dep = 0.0
        to_iht = 0.0
        for p in range(n_pairs):
            if ORIGIN[p] == H:
                iht_dep += q[p]
            if DEST[p] == H:
                to_iht += q[p]
        space_h = max(cap[H] - x[H] + iht_dep, 0.0)
        overflow = 0.0
        fresh_overflow = 0.0
        if to_iht > space_h:
            moved_share = 1.0 - space_h / to_iht
            for p in range(n_pairs):
                if DEST[p] == H:
                    moved = q[p] * moved_share
                    q[p] -= moved
                    q[IHT_OVERFLOW[p]] += moved
                    overflow += moved
                    fresh_overflow += requests[p] * moved_share
        # 3. admissions: the fixed point of space freed by departures.
        leaving_bw = 0.0
        for p in range(n_pairs):
            if HOUSING[p]:
                leaving_bw += q[p]
        allowed = housing[col] / leaving_bw if leaving_bw > housing[col] else 1.0
        demand[:] = 0.0
        dep[:] = 0.0
        for p in range(n_pairs):
            eligible[p] = q[p] * allowed if HOUSING[p] else q[p]
            demand[DEST[p]] += eligible[p]
            dep[ORIGIN[p]] += eligible[p]
        # Gauss-Seidel sweeps from "everyone admitted" down to the greatest fixed point.
        share[:] = 1.0
        for _ in range(MAX_ITERATIONS):
            change = 0.0
            for k in range(6):
                space = max(cap[k] - x[k] + dep[k], 0.0)
                new_share = space / demand[k] if demand[k] > space else 1.0
                delta = new_share - share[k]
                if delta != 0.0:
                    for i in range(INTO.shape[1]):
                        pair = INTO[k, i]
                        if pair < 0:
                            break
                        dep[ORIGIN[pair]] += eligible[pair] * delta
                    change = max(change, abs(delta) * demand[k])
                    share[k] = new_share
            if change < TOLERANCE:
                break
        admitted[:] = 0.0
        housed = 0.0
        for p in range(n_pairs):
            moved = eligible[p] * share[DEST[p]]
            q[p] -= moved
            admitted[DEST[p]] += moved
            if TO_HOME[p]:
                housed += moved
            if ORIGIN[p] < 6:
                x[ORIGIN[p]] -= moved
        for k in range(6):
            x[k] += admitted[k]
        # 4. record.
        backlog[:] = 0.0
        outside = 0.0
        blocked_clinical = 0.0
        blocked_bw = 0.0
        for p in range(n_pairs):
            backlog[DEST[p]] += q[p]
            o = ORIGIN[p]
            if o == COMMUNITY:
                outside += q[p]
            elif o in (S, L):
                blocked_clinical += q[p]
            elif o == B:
                blocked_bw += q[p]
        arrivals[:] = 0.0
        for p in range(n_pairs):
            arrivals[DEST[p]] += requests[p]
        arrivals[S] += fresh_overflow
        arrivals[H] -= fresh_overflow
        for k in range(6):
            if k == H:  # a loss service: crises it cannot take are admitted (iht_overflow)
                wait, people, beyond = math.nan, backlog[k], math.nan
            else:
                wait, people, beyond = wait_scalar(
                    backlog[k], admitted[k], cap[k], arrivals[k], mu[k, col]
                )
            rec[t, k] = x[k]
            rec[t, 8 + k] = backlog[k]
            rec[t, 14 + k] = admitted[k]
            rec[t, 20 + k] = wait
            rec[t, 26 + k] = beyond
            rec[t, 32 + k] = people
        rec[t, 6] = untreated
        rec[t, 7] = outside
        rec[t, 38] = blocked_clinical
        rec[t, 39] = blocked_bw
        rec[t, 40] = overflow
        rec[t, 41] = deaths
        rec[t, 42] = recovered
        rec[t, 43] = housed


def population(traj: Trajectories, out: Array | None = None) -> Array:
    """Everyone with EPA per month: outside care, waiting from outside care, in a service
    (into ``out``, shape (months, n), when given)."""
    total: Array = np.empty((traj.months, traj.runs)) if out is None else out
    np.copyto(total, traj["untreated"])
    total += traj["waiting_outside"]
    for name in SERVICE_NAMES:
        total += traj[f"stock_{name}"]
    return total
