"""Benchmark: the flow model for the 43 demo regions x 1,000 draws x 10 years of months.

Run:  .venv/bin/python benchmarks/bench_simulation.py [--draws 1000] [--years 10] [--repeat 5]

Times (best and median of ``--repeat``, after one warm-up run that compiles the kernel) for
(1) drawing parameters and prevalence and calibrating every run, (2) the model itself: every
region's draws through all months, as a whole run does it (region by region), and (3) a whole
run of one scenario with the summaries over draws (monthly and yearly quantiles, outcomes).
Target: (2) under 2 seconds on the 2-core machine. Not a test: figures are reported, not
asserted.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np

from ggzregio.demo import DEMO_LABEL, demo_areas_path
from ggzregio.io.areas import read_areas
from ggzregio.planning.scenario_file import load_norm_set
from ggzregio.prevalence import load_model
from ggzregio.prevalence.run import run_estimate
from ggzregio.simulation import capacity as cap
from ggzregio.simulation import run as sim
from ggzregio.simulation.model import simulate
from ggzregio.simulation.parameters import default_parameters


def _times(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--regions", type=int, default=43)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    model = load_model()
    estimate = run_estimate(read_areas(demo_areas_path(), model), model, data_label=DEMO_LABEL)
    regions = sim.regions_from_table(estimate.tables["region_code"], estimate.tables["area"])[
        : args.regions
    ]
    params = default_parameters()
    scenario = sim.build_scenario(load_norm_set("voorbeeldregio-1"), regions, params)
    settings = sim.Settings(years=args.years, draws=args.draws)
    codes = [r.code for r in regions]
    now = np.array([scenario.now[c].vector() for c in codes])
    target = np.array([scenario.target[c].vector() for c in codes])
    rng = np.random.default_rng(settings.seed)
    par, _, cal, _ = sim.calibrated_draws(regions, now, params, model, settings, rng)
    paths = cap.capacity_paths(now, target, cap.path_weights(settings.months, 5, "linear"))
    places = np.zeros((settings.months, len(regions), 6))
    places[:, :, 1:] = paths[:, :, :5]
    base = np.zeros((len(regions), 6))
    base[:, 1:] = now[:, :5]
    index = np.repeat(np.arange(len(regions)), args.draws)
    follow = np.vstack([par[k] for k in sim.FOLLOW_PARAMETERS])

    def calibrate() -> None:
        sim.calibrated_draws(regions, now, params, model, settings, np.random.default_rng(1))

    def kernel() -> None:
        for r in range(len(regions)):
            simulate(cal, places, base, index, follow, (r * args.draws, (r + 1) * args.draws))

    def whole() -> None:
        sim.run_simulation(regions, [scenario], params, model, settings)

    start = time.perf_counter()
    simulate(cal, places, base, index, follow, (0, 1))
    compile_s = time.perf_counter() - start
    results: dict[str, float] = {"first_call_incl_compile_s": compile_s}
    runs = len(regions) * args.draws
    label = f"{len(regions)} regions x {args.draws} draws x {settings.months} months"
    print(f"flow model benchmark: {label} ({runs:,} runs)")
    print(f"  first call (compile or load cached kernel)  {compile_s:8.3f} s")
    for name, fn, repeat in (
        ("calibration_s", calibrate, args.repeat),
        ("model_s", kernel, args.repeat),
        ("run_with_summaries_s", whole, max(1, args.repeat // 2)),
    ):
        best, median = _times(fn, repeat)
        results[name] = best
        results[name.replace("_s", "_median_s")] = median
        print(f"  {name:42s}  best {best:7.3f} s   median {median:7.3f} s")
    per_run_month = results["model_s"] / (runs * settings.months) * 1e9
    print(f"  model per run-month                          {per_run_month:8.1f} ns")
    return results


if __name__ == "__main__":
    main()
