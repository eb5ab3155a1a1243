"""Benchmark: a whole projection next to the flow model alone (43 demo regions x 1,000 draws x
10 years of months, the plans of ``ggzregio simulate``: baseline-2014 and voorbeeldregio-1).

Run:  flock /tmp/ggz-bench.lock .venv/bin/python benchmarks/bench_simulation.py \\
          [--draws 1000] [--years 10] [--regions 43] [--plans baseline-2014,voorbeeldregio-1] \\
          [--repeat 5]

Times (best and median of ``--repeat``, after one warm-up run that compiles or loads the
kernel and warms every step) for

1. drawing parameters and prevalence and calibrating every run;
2. **the model alone**: every plan's regions through all months, region by region, as a
   whole run calls it (:func:`ggzregio.simulation.model.simulate`);
3. :func:`ggzregio.simulation.run.run_simulation`: the model with the summaries over draws
   (monthly and yearly mean and quantiles, outcomes per draw);
4. **the whole run as the command line does it**: (3), the comparison it prints and the tidy
   tables it writes (:func:`ggzregio.simulation.tables.result_set`, files not written);
5. **the whole run as the API and the jobs do it**: (3) and the JSON result with the
   comparison (:func:`ggzregio.app.simulation.result_json`).

Targets (issue 21): (4) and (5) at most 1.5 x (2) and under 2 s on the 2-core machine. Not a
test: figures are reported, not asserted.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from ggzregio.app.simulation import result_json
from ggzregio.demo import DEMO_LABEL, demo_areas_path
from ggzregio.io.areas import read_areas
from ggzregio.planning.scenario_file import load_norm_set
from ggzregio.prevalence import load_model
from ggzregio.prevalence.run import run_estimate
from ggzregio.simulation import capacity as cap
from ggzregio.simulation import run as sim
from ggzregio.simulation.compare import compare
from ggzregio.simulation.model import simulate
from ggzregio.simulation.parameters import default_parameters
from ggzregio.simulation.tables import result_set

TARGET_RATIO = 1.5
TARGET_SECONDS = 2.0


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
    parser.add_argument("--plans", default="baseline-2014,voorbeeldregio-1")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    model = load_model()
    estimate = run_estimate(read_areas(demo_areas_path(), model), model, data_label=DEMO_LABEL)
    regions = sim.regions_from_table(estimate.tables["region_code"], estimate.tables["area"])[
        : args.regions
    ]
    params = default_parameters()
    plans = [p.strip() for p in args.plans.split(",") if p.strip()]
    scenarios = [sim.build_scenario(load_norm_set(p), regions, params) for p in plans]
    settings = sim.Settings(years=args.years, draws=args.draws)
    codes = [r.code for r in regions]
    now = np.array([scenarios[0].now[c].vector() for c in codes])
    rng = np.random.default_rng(settings.seed)
    par, _, cal, _ = sim.calibrated_draws(regions, now, params, model, settings, rng)
    weights = cap.path_weights(settings.months, settings.transition_years, settings.path)
    all_places = []
    for scenario in scenarios:  # the capacities per month, as run_simulation builds them
        target = np.array([scenario.target[c].vector() for c in codes])
        places = np.zeros((settings.months, len(regions), 6))
        places[:, :, 1:] = cap.capacity_paths(now, target, weights)[:, :, :5]
        all_places.append(places)
    base = np.zeros((len(regions), 6))
    base[:, 1:] = now[:, :5]
    index: NDArray[np.int64] = np.repeat(np.arange(len(regions)), args.draws)
    follow = np.vstack([par[k] for k in sim.FOLLOW_PARAMETERS])

    def calibrate() -> None:
        sim.calibrated_draws(regions, now, params, model, settings, np.random.default_rng(1))

    def kernel() -> None:
        for places in all_places:
            for r in range(len(regions)):
                simulate(cal, places, base, index, follow, (r * args.draws, (r + 1) * args.draws))

    def run() -> sim.SimulationResult:
        return sim.run_simulation(regions, scenarios, params, model, settings)

    def whole_cli() -> None:
        result = run()
        ids = list(result.summaries)
        compare(result, None, [(ids[0], ids[1] if len(ids) > 1 else ids[0])])
        result_set(result)

    def whole_api() -> None:
        result_json(run())

    start = time.perf_counter()
    simulate(cal, all_places[0], base, index, follow, (0, 1))
    compile_s = time.perf_counter() - start
    whole_cli()  # warm-up: first calls of every step
    whole_api()
    results: dict[str, float] = {"first_call_incl_compile_s": compile_s}
    runs = len(regions) * args.draws * len(scenarios)
    label = (
        f"{len(regions)} regions x {args.draws} draws x {settings.months} months x "
        f"{len(scenarios)} plan(s) ({', '.join(plans)})"
    )
    print(f"projection benchmark: {label} = {runs:,} runs")
    print(f"  first call (compile or load cached kernel)    {compile_s:8.3f} s")
    steps = (
        ("calibration_s", "draws + calibration", calibrate),
        ("model_s", "the model alone", kernel),
        ("run_with_summaries_s", "model + summaries over draws", run),
        ("whole_cli_s", "whole run, CLI (+ comparison, tidy tables)", whole_cli),
        ("whole_api_s", "whole run, API/jobs (+ JSON with comparison)", whole_api),
    )
    for key, name, fn in steps:
        best, median = _times(fn, args.repeat)
        results[key] = best
        results[key.replace("_s", "_median_s")] = median
        print(f"  {name:44s}  best {best:7.3f} s   median {median:7.3f} s")
    per_run_month = results["model_s"] / (runs * settings.months) * 1e9
    print(f"  model per run-month                             {per_run_month:8.1f} ns")
    for key in ("whole_cli_s", "whole_api_s"):
        ratio = results[key] / results["model_s"]
        results[key.replace("_s", "_ratio")] = ratio
        met = ratio <= TARGET_RATIO and results[key] < TARGET_SECONDS
        print(
            f"  {key[:-2]:10s} / model = {ratio:4.2f} (target <= {TARGET_RATIO}); "
            f"{results[key]:.2f} s (target < {TARGET_SECONDS:.0f} s): "
            f"{'met' if met else 'not met'}"
        )
    return results


if __name__ == "__main__":
    main()
