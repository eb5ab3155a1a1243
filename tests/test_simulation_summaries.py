"""The fast summaries over draws (one block per region, sorting only what must be sorted, built
in worker threads) give the numbers of a straightforward computation."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from ggzregio.planning.scenario_file import load_norm_set
from ggzregio.prevalence import ModelSpec
from ggzregio.simulation import capacity as cap
from ggzregio.simulation.blocks import Block, quantiles
from ggzregio.simulation.capacity import FIELDS
from ggzregio.simulation.model import SERVICE_NAMES, Trajectories, simulate
from ggzregio.simulation.outputs import (
    CATEGORY_OF,
    DAYS_PER_MONTH,
    UNITS,
    VARIABLES,
    WAIT_SERVICES,
    summarise,
    yearly,
)
from ggzregio.simulation.parameters import STREAMS, default_parameters
from ggzregio.simulation.run import (
    FOLLOW_PARAMETERS,
    Region,
    Settings,
    build_scenario,
    calibrated_draws,
    run_simulation,
)

REGIONS = [
    Region("RX", "Regio X", 400_000, 320_000, 5_120, 100.0, effective_areas=80.0),
    Region("RY", "Regio Y", 250_000, 200_000, 3_000, 90.0, effective_areas=50.0),
]
SETTINGS = Settings(years=2, draws=101, transition_years=1.0)


def _reference_derive(
    traj: Trajectories, path: np.ndarray, amb_cap: np.ndarray, cost: np.ndarray, funding: Any
) -> dict[str, np.ndarray]:
    """Every variable written out plainly, one array at a time (as before the fast path)."""
    t = {name: np.ascontiguousarray(traj[name]).astype(float) for name in _RECORDED_NAMES}
    out: dict[str, np.ndarray] = {}
    places = {s: path[:, FIELDS.index(s)][:, None] for s in SERVICE_NAMES[1:]}
    places["ambulant"] = np.broadcast_to(amb_cap[None, :], t["stock_fact"].shape)
    for s in SERVICE_NAMES:
        out[f"stock_{s}"] = t[f"stock_{s}"]
        with np.errstate(divide="ignore", invalid="ignore"):
            out[f"occupancy_{s}"] = np.where(places[s] > 0, t[f"stock_{s}"] / places[s], np.nan)
        out[f"admissions_{s}"] = t[f"admissions_{s}"]
    for s in WAIT_SERVICES:
        for prefix in ("waiting", "wait_months", "beyond_treeknorm"):
            out[f"{prefix}_{s}"] = t[f"{prefix}_{s}"]
    total = t["untreated"] + t["waiting_outside"]
    for s in SERVICE_NAMES:
        total = total + t[f"stock_{s}"]
    in_care = sum(out[f"stock_{s}"] for s in SERVICE_NAMES)
    out["untreated"] = t["untreated"]
    out["waiting_outside"] = t["waiting_outside"]
    out["population"] = total
    out["blocked_bed_days"] = t["blocked_clinical"] * DAYS_PER_MONTH
    out["blocked_bw_days"] = t["blocked_bw"] * DAYS_PER_MONTH
    out["iht_overflow"] = t["iht_overflow"]
    out["to_housing"] = t["to_housing"]
    out["fact_reach"] = out["stock_fact"] / total
    out["fact_reach_in_care"] = out["stock_fact"] / in_care
    out["institution_share"] = (out["stock_short"] + out["stock_long"] + out["stock_bw"]) / total
    shape = total.shape
    per_service = {
        name: np.broadcast_to(path[:, FIELDS.index(f"{name}_eur")][:, None] / 12, shape)
        for name in ("fact", "iht", "short", "long", "bw", "other_epa", "ambulant_other")
    }
    per_service["ambulant"] = out["stock_ambulant"] * cost[None, :] / 12
    for category in sorted(set(CATEGORY_OF.values())):
        out[f"spending_{category}"] = sum(
            (v for k, v in per_service.items() if CATEGORY_OF[k] == category),
            start=np.zeros(shape),
        )
    for stream in STREAMS:
        out[f"spending_{stream}"] = sum(
            (v * funding[k].get(stream, 0.0) for k, v in per_service.items()),
            start=np.zeros(shape),
        )
    out["spending_total"] = sum(per_service.values(), start=np.zeros(shape))
    return out


_RECORDED_NAMES = (
    *(f"{p}_{s}" for p in ("stock", "admissions") for s in SERVICE_NAMES),
    *(f"{p}_{s}" for p in ("waiting", "wait_months", "beyond_treeknorm") for s in WAIT_SERVICES),
    "untreated",
    "waiting_outside",
    "blocked_clinical",
    "blocked_bw",
    "iht_overflow",
    "to_housing",
)


@pytest.fixture(scope="module")
def case(model: ModelSpec) -> dict[str, Any]:
    params = default_parameters()
    scenario = build_scenario(load_norm_set("voorbeeldregio-1"), REGIONS, params)
    codes = [r.code for r in REGIONS]
    now = np.array([scenario.now[c].vector() for c in codes])
    target = np.array([scenario.target[c].vector() for c in codes])
    rng = np.random.default_rng(SETTINGS.seed)
    par, _, cal, _ = calibrated_draws(REGIONS, now, params, model, SETTINGS, rng)
    weights = cap.path_weights(SETTINGS.months, SETTINGS.transition_years, SETTINGS.path)
    paths = cap.capacity_paths(now, target, weights)
    places = np.zeros((SETTINGS.months, len(REGIONS), 6))
    places[:, :, 1:] = paths[:, :, :5]
    base = np.zeros((len(REGIONS), 6))
    base[:, 1:] = now[:, :5]
    index = np.repeat(np.arange(len(REGIONS)), SETTINGS.draws)
    follow = np.vstack([par[k] for k in FOLLOW_PARAMETERS])
    d = SETTINGS.draws
    trajs = [simulate(cal, places, base, index, follow, (r * d, (r + 1) * d)) for r in range(2)]
    return {
        "params": params,
        "scenario": scenario,
        "par": par,
        "cal": cal,
        "paths": paths,
        "trajs": trajs,
        "model": model,
    }


def test_fast_summaries_equal_a_straightforward_computation(case: dict[str, Any]) -> None:
    d = SETTINGS.draws
    for r, region in enumerate(REGIONS):
        lo, hi = r * d, (r + 1) * d
        traj, path = case["trajs"][r], case["paths"][:, r, :]
        cal, par, params = case["cal"], case["par"], case["params"]
        fast = summarise(traj, path, cal, par, (lo, hi), params, region)
        ref = _reference_derive(
            traj, path, cal.ambulant_capacity[lo:hi], par["cost_ambulant_client"][lo:hi],
            params.funding,
        )  # fmt: skip
        monthly = quantiles(np.stack([ref[v] for v in VARIABLES]))
        # Monthly: the same numbers to the last bit (same values, same arithmetic).
        np.testing.assert_array_equal(fast.monthly, monthly)
        per_year = np.stack([yearly(ref[v], UNITS[v][1]) for v in VARIABLES])
        np.testing.assert_allclose(fast.yearly, quantiles(per_year), rtol=1e-14, atol=0)
        assert fast.yearly.shape == (len(VARIABLES), SETTINGS.years, 6)
        np.testing.assert_allclose(
            fast.outcomes["blocked_bed_days"], ref["blocked_bed_days"].sum(axis=0), rtol=1e-14
        )
        np.testing.assert_allclose(
            fast.outcomes["spending_total"], ref["spending_total"].sum(axis=0), rtol=1e-14
        )
        np.testing.assert_array_equal(fast.outcomes["fact_reach"], ref["fact_reach"][-1])


def test_block_orders_by_its_sources_as_a_full_sort_would() -> None:
    rng = np.random.default_rng(3)
    months, draws = 4, 57
    recorded = rng.gamma(2.0, 10.0, size=(months, draws)).astype(np.float32)
    recorded[1, :5] = np.inf  # infinite waits sort last, as NaN does
    recorded[2, -3:] = np.nan
    other = rng.normal(size=(months, draws))
    column = rng.normal(size=(months, 1))

    def scaled(x: np.ndarray, out: np.ndarray) -> None:
        np.multiply(x, 2.5, out=out)
        out += column

    block = Block(("plain", "recorded", "scaled", "constant", "computed"), months, draws)
    block.put("plain", other)
    block.put("recorded", recorded)
    block.put("scaled", recorded, scaled, key="recorded")
    block.put("constant", column)
    np.multiply(other, other, out=block["computed"])
    expected = quantiles(block.values.copy())
    np.testing.assert_array_equal(block.quantiles(), expected)


def test_threaded_run_gives_every_region_in_order_and_progress(case: dict[str, Any]) -> None:
    seen: list[tuple[int, int]] = []
    result = run_simulation(
        REGIONS,
        [case["scenario"]],
        case["params"],
        case["model"],
        SETTINGS,
        lambda done, total: seen.append((done, total)),
    )
    assert seen == [(1, 2), (2, 2)]
    summary = result.summaries[case["scenario"].id]
    assert summary.region_codes == ["RX", "RY"]
    d = SETTINGS.draws
    for r, region in enumerate(REGIONS):
        alone = summarise(
            case["trajs"][r], case["paths"][:, r, :], case["cal"], case["par"],
            (r * d, (r + 1) * d), case["params"], region,
        )  # fmt: skip
        rows = summary.monthly[summary.monthly["region_code"] == region.code]
        stats = rows[["mean", "p05", "p25", "p50", "p75", "p95"]].to_numpy()
        np.testing.assert_array_equal(stats, alone.monthly.reshape(-1, 6))
        assert list(rows["variable"].unique()) == list(VARIABLES)
        reach = summary.outcomes["fact_reach"][r]
        np.testing.assert_array_equal(reach, alone.outcomes["fact_reach"])
