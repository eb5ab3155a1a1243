"""A simulation run: regions and plans in, monthly and yearly summaries with provenance out.

Shared by the command line, the web application and the API. Every scenario is simulated with
the *same* parameter and prevalence draws (common random numbers), so differences between
scenarios are differences of the plans, not of chance, and ``P(A beats B)`` is taken over
paired draws. Draws whose parameters cannot reproduce a region's current situation are drawn
again (counted in the metadata); the central values must always balance.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ggzregio import __version__
from ggzregio.errors import InputError, Problem
from ggzregio.inventory.model import Inventory
from ggzregio.planning.capacity import RegionInput, compute_plan
from ggzregio.planning.norms import NormSet
from ggzregio.planning.scenario_file import load_norm_set
from ggzregio.prevalence.model import ModelSpec
from ggzregio.simulation import capacity as cap
from ggzregio.simulation.calibration import Calibration, calibrate_runs
from ggzregio.simulation.model import simulate
from ggzregio.simulation.outputs import RegionSummary, Summary, summarise
from ggzregio.simulation.parameters import ParameterSet, draw

Array = NDArray[np.float64]
BASELINE_NORM_SET = "baseline-2014"
MAX_REDRAWS = 50
#: Worker threads making the summaries over draws, and the regions that may wait for them.
SUMMARY_THREADS = 2
SUMMARY_QUEUE = 2
#: The elasticities of demand following capacity, in the kernel's order.
FOLLOW_PARAMETERS = ("fact_follows_capacity", "bw_follows_capacity", "long_follows_capacity")


@dataclass(frozen=True)
class Region:
    """A region as the model needs it (from a prevalence estimate)."""

    code: str
    name: str
    inhabitants: float
    adults: float
    in_care: float  # expected adults with EPA in care
    index_vs_national: float = 100.0
    #: Effective number of small areas, ``(sum of adults)^2 / sum of adults^2`` over the
    #: region's areas (their count when all are equally large); 1 when the areas are unknown,
    #: which gives the region the full spread of a single area.
    effective_areas: float = 1.0

    @property
    def prevalence_per_1000(self) -> float:
        """Expected EPA care prevalence per 1,000 adults."""
        return 1000 * self.in_care / self.adults


@dataclass(frozen=True)
class Scenario:
    """A plan as capacities per region: the current situation and the target."""

    id: str
    label: str
    version: str
    now: dict[str, cap.Capacities]
    target: dict[str, cap.Capacities]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    """How to run: horizon, draws, transition path and random seed."""

    years: int = 10
    draws: int = 1000
    transition_years: float = 5.0
    path: cap.Path = "linear"
    seed: int = 20_260_101

    @property
    def months(self) -> int:
        """Number of months simulated."""
        return self.years * 12


@dataclass
class SimulationResult:
    """Summaries per scenario and the paired per-draw outcomes for comparison."""

    summaries: dict[str, Summary]
    settings: Settings
    regions: list[Region]
    scenarios: list[Scenario]
    parameters: ParameterSet
    redrawn: int
    metadata: dict[str, str] = field(default_factory=dict)


def regions_from_table(table: pd.DataFrame, areas: pd.DataFrame | None = None) -> list[Region]:
    """Regions from the region level of a prevalence estimate (``region_code`` table).

    ``areas`` (the area level: ``region_code`` and ``adults`` per area) gives each region its
    effective number of areas; without it the table's ``n_areas`` is used (as if the areas
    were equally large, which overstates the number a little), else 1.
    """
    effective: dict[str, float] = {}
    if areas is not None:
        adults = pd.to_numeric(areas["adults"], errors="coerce").astype(float)
        grouped = (
            pd.DataFrame({"code": areas["region_code"].astype(str), "a": adults, "a2": adults**2})
            .groupby("code")[["a", "a2"]]
            .sum()
        )
        effective = {
            str(code): float(a) ** 2 / float(a2)
            for code, a, a2 in zip(grouped.index, grouped["a"], grouped["a2"], strict=True)
            if a2 > 0
        }
    regions = []
    for row in table.itertuples(index=False):
        code = str(row.region_code)
        count = effective.get(code, float(getattr(row, "n_areas", 1.0)))
        regions.append(
            Region(
                code=code,
                name=str(getattr(row, "region_name", row.region_code)),
                inhabitants=float(row.inhabitants),  # type: ignore[arg-type]
                adults=float(row.adults),  # type: ignore[arg-type]
                in_care=float(row.expected_cases),  # type: ignore[arg-type]
                index_vs_national=float(getattr(row, "index_vs_national", 100.0)),
                effective_areas=max(count, 1.0),
            )
        )
    return regions


def build_scenario(
    norm_set: NormSet,
    regions: Sequence[Region],
    params: ParameterSet,
    inventories: Mapping[str, Inventory] | None = None,
    baseline: NormSet | None = None,
) -> Scenario:
    """Capacities now (inventory, else the baseline norm set) and under ``norm_set``.

    The plan is computed for each region with its prevalence factor, as in planning.
    """
    baseline = baseline or load_norm_set(BASELINE_NORM_SET)
    now: dict[str, cap.Capacities] = {}
    target: dict[str, cap.Capacities] = {}
    notes: list[str] = []
    for region in regions:
        place = RegionInput(region.inhabitants, region.index_vs_national / 100, "", region.code)
        current = cap.from_plan(compute_plan(baseline, place), params)
        inventory = (inventories or {}).get(region.code)
        if inventory is not None:
            current, taken = cap.from_inventory(inventory, current, baseline, params)
            if taken:
                notes.append(f"{region.code}: {', '.join(taken)} <- {baseline.id}")
        now[region.code] = current
        target[region.code] = cap.from_plan(compute_plan(norm_set, place), params)
    return Scenario(norm_set.id, norm_set.title(), norm_set.version, now, target, tuple(notes))


def residual_quantile_function(model: ModelSpec) -> tuple[Array, Array]:
    """Probability points and residuals (per 1,000 adults) of the model's central intervals,
    as a piecewise-linear quantile function (004:1722-1733), median interpolated."""
    points = {0.5: np.nan}
    for q in model.residual_quantiles:
        share = q.coverage / 100
        points[(1 - share) / 2] = q.low
        points[(1 + share) / 2] = q.high
    probs = np.array(sorted(points))
    values = np.array([points[p] for p in probs])
    mid = int(np.flatnonzero(probs == 0.5)[0])
    values[mid] = np.interp(0.5, np.delete(probs, mid), np.delete(values, mid))
    return probs, values


def residual_variance(model: ModelSpec) -> float:
    """Variance of observed minus predicted prevalence of one small area, per (1,000 adults)^2.

    The residual is taken as distributed by the piecewise-linear quantile function of the
    published intervals (:func:`residual_quantile_function`, 004:1722-1735), its outermost
    bands continued linearly to the probabilities 0 and 1 (the seed gives nothing beyond the
    95 % interval): uniform within each band, so each band of probability ``w`` between
    residuals ``a`` and ``b`` adds ``w (a + b) / 2`` to the mean and ``w (a^2 + ab + b^2) / 3``
    to the mean square. For trimbos-2017 this is 19.03 (a standard deviation of 4.36).
    """
    probs, values = residual_quantile_function(model)
    low = values[0] - (values[1] - values[0]) / (probs[1] - probs[0]) * probs[0]
    high = values[-1] + (values[-1] - values[-2]) / (probs[-1] - probs[-2]) * (1 - probs[-1])
    p = np.concatenate([[0.0], probs, [1.0]])
    v = np.concatenate([[low], values, [high]])
    w, a, b = np.diff(p), v[:-1], v[1:]
    mean = float(np.sum(w * (a + b) / 2))
    square = float(np.sum(w * (a * a + a * b + b * b) / 3))
    return square - mean * mean


def regional_sd(effective_areas: float | Array, model: ModelSpec, regional: float | Array) -> Array:
    """Standard deviation of a region's EPA care prevalence around the model's prediction,
    per 1,000 adults: ``sqrt(residual variance / effective areas + regional^2)`` (arrays
    broadcast).

    The first part treats the residuals of the region's areas as independent, so their
    adult-weighted mean has the single-area variance (:func:`residual_variance`) divided by
    the effective number of areas (:attr:`Region.effective_areas`); it shrinks as areas are
    added. ``regional`` is what independence leaves out, a deviation all areas of a region
    share (care supply, registration): the stated assumption ``prevalence_regional_sd`` (no
    seed gives residuals of whole regions).
    """
    areas = np.asarray(effective_areas, dtype=float)
    shared = np.asarray(regional, dtype=float)
    sd: Array = np.sqrt(residual_variance(model) / areas + shared**2)
    return sd


def _prevalence_draws(
    regions: Sequence[Region], model: ModelSpec, regional: Array, rng: np.random.Generator
) -> Array:
    """Adults with EPA in care per (region, draw): the expected rate plus a normal deviation
    with the region's :func:`regional_sd` (``regional`` per draw; a mean over many areas is
    close to normal), kept at least a quarter of the expected rate. One draw is the point
    projection: no deviation."""
    draws = regional.shape[0]
    areas = np.array([r.effective_areas for r in regions])[:, None]
    sd = regional_sd(areas, model, np.asarray(regional, dtype=float)[None, :])
    delta = rng.standard_normal((len(regions), draws)) * sd
    if draws == 1:
        delta[:] = 0.0
    rate = np.array([r.prevalence_per_1000 for r in regions])[:, None]
    adults = np.array([r.adults for r in regions])[:, None]
    in_care: Array = np.maximum(rate + delta, 0.25 * rate) * adults / 1000
    return in_care


def run_simulation(
    regions: Sequence[Region],
    scenarios: Sequence[Scenario],
    params: ParameterSet,
    model: ModelSpec,
    settings: Settings,
    progress: Callable[[int, int], None] | None = None,
) -> SimulationResult:
    """Simulate every scenario for every region; ``progress(done, total)`` after each region."""
    if not scenarios:
        raise ValueError("at least one scenario is needed")
    codes = [r.code for r in regions]
    first = scenarios[0]
    now = np.array([first.now[c].vector() for c in codes])
    for scenario in scenarios[1:]:
        if not np.allclose(np.array([scenario.now[c].vector() for c in codes]), now):
            raise ValueError("all scenarios must start from the same current situation")
    r_count, d_count = len(regions), settings.draws
    rng = np.random.default_rng(settings.seed)
    par, _, cal, redrawn = calibrated_draws(regions, now, params, model, settings, rng)
    weights = cap.path_weights(settings.months, settings.transition_years, settings.path)
    follow = np.vstack([par[k] for k in FOLLOW_PARAMETERS])
    base = np.zeros((r_count, 6))
    base[:, 1:] = now[:, :5]
    region_index: NDArray[np.int64] = np.repeat(np.arange(r_count), d_count)
    summaries: dict[str, Summary] = {}
    total = r_count * len(scenarios)
    done = 0
    # Each region's summaries are made in a worker thread while the model runs the next region
    # (the compiled model and NumPy's sorting and arithmetic let other threads run); at most
    # SUMMARY_QUEUE regions wait, which bounds the memory held.
    with ThreadPoolExecutor(SUMMARY_THREADS, thread_name_prefix="summaries") as pool:
        for scenario in scenarios:
            target = np.array([scenario.target[c].vector() for c in codes])
            paths = cap.capacity_paths(now, target, weights)
            places = np.zeros((settings.months, r_count, 6))
            places[:, :, 1:] = paths[:, :, :5]
            parts: list[RegionSummary] = []
            waiting: deque[Future[RegionSummary]] = deque()
            for r in range(r_count):
                lo, hi = r * d_count, (r + 1) * d_count
                traj = simulate(cal, places, base, region_index, follow, (lo, hi))
                path = paths[:, r, :]
                waiting.append(
                    pool.submit(summarise, traj, path, cal, par, (lo, hi), params, regions[r])
                )
                while waiting and (len(waiting) > SUMMARY_QUEUE or r == r_count - 1):
                    parts.append(waiting.popleft().result())
                    done += 1
                    if progress is not None:
                        progress(done, total)
            summaries[scenario.id] = Summary.of(parts)
    result = SimulationResult(summaries, settings, list(regions), list(scenarios), params, redrawn)
    result.metadata = provenance(result, model)
    return result


def calibrated_draws(
    regions: Sequence[Region],
    now: Array,
    params: ParameterSet,
    model: ModelSpec,
    settings: Settings,
    rng: np.random.Generator,
) -> tuple[dict[str, Array], Array, Calibration, int]:
    """Parameter and prevalence draws that balance in every region, and their calibration."""
    r_count, d_count = len(regions), settings.draws
    labels = [r.code for r in regions for _ in range(d_count)]
    capacity = np.repeat(now[:, :5].T, d_count, axis=1)
    draws = draw(params, d_count, rng)
    in_care = _prevalence_draws(regions, model, draws["prevalence_regional_sd"], rng)
    redrawn = 0
    for attempt in range(MAX_REDRAWS + 1):
        par = {k: np.tile(v, r_count) for k, v in draws.items()}
        cal, checks = calibrate_runs(in_care.reshape(-1), capacity, par, labels)
        bad = checks.bad.reshape(r_count, d_count).any(axis=0)
        if not bad.any():
            return par, in_care.reshape(-1), cal, redrawn
        if d_count == 1 or attempt == MAX_REDRAWS:
            checks.raise_if_any()
        redrawn += int(bad.sum())
        fresh = draw(params, int(bad.sum()), rng)
        for k in draws:
            draws[k][bad] = fresh[k]
        in_care[:, bad] = _prevalence_draws(
            regions, model, draws["prevalence_regional_sd"][bad], rng
        )
    raise InputError([Problem("parameters", "simulation.cannot_balance")])  # pragma: no cover


def provenance(result: SimulationResult, model: ModelSpec) -> dict[str, str]:
    """Metadata written with every output: versions, settings and the stated assumptions."""
    s = result.settings
    params = result.parameters
    shared = params.value("prevalence_regional_sd")
    meta: dict[str, Any] = {
        "ggzregio_version": __version__,
        "simulation_model": "ggzregio-flow/1",
        "parameters": params.label,
        "prevalence_model": model.label,
        "scenarios": "; ".join(f"{x.id}@{x.version}" for x in result.scenarios),
        "regions": len(result.regions),
        "years": s.years,
        "draws": s.draws,
        "transition_years": s.transition_years,
        "path": s.path,
        "seed": s.seed,
        "draws_redrawn": result.redrawn,
        "prevalence_area_residual_variance": f"{residual_variance(model):.4g}",
        "prevalence_regional_sd_per_1000": "; ".join(
            f"{r.code}={float(regional_sd(r.effective_areas, model, shared)):.3g}"
            for r in result.regions
        ),
        "assumptions": "; ".join(f"{p.name}={p.value:g}" for p in params.assumptions()),
        "citations": "; ".join(f"{p.name} {p.cite}" for p in params.parameters.values() if p.cite),
    }
    notes = [n for x in result.scenarios for n in x.notes]
    if notes:
        meta["inventory_gaps"] = "; ".join(notes)
    return {k: str(v) for k, v in meta.items()}
