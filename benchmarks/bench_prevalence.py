"""Benchmark: estimate and aggregate EPA care prevalence in-process.

Run:  .venv/bin/python benchmarks/bench_prevalence.py [--areas 1000000] [--repeat 5]

Times (best of ``--repeat``) for (1) the 4,000 demo areas and (2) N synthetic areas
(default 1,000,000): validation of the in-memory table, estimation (classes, prediction,
intervals) and aggregation to municipality, region and total; and (3) the observed-versus-
expected comparison with small-number suppression for the demo and for up to 100,000 areas
(synthetic observed counts drawn first, included in the time). Not a test: speed targets are
reported, not asserted.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from ggzregio.demo import demo_areas_path
from ggzregio.io.areas import read_areas
from ggzregio.prevalence import aggregate_levels, estimate_areas, load_model
from ggzregio.reference import national_reference


def synthetic_areas(n: int, seed: int = 1) -> pd.DataFrame:
    """``n`` random but valid areas in ~n/12 municipalities and 43 regions."""
    rng = np.random.default_rng(seed)
    municipality = rng.integers(0, max(1, n // 12), n)
    adults = rng.integers(0, 15_000, n)
    return pd.DataFrame(
        {
            "area_code": np.arange(n).astype(str),
            "municipality_code": municipality,
            "region_code": municipality % 43,
            "inhabitants": adults + rng.integers(0, 4_000, n),
            "adults": adults,
            "oad": rng.lognormal(np.log(900), 0.9, n),
            "pct_single_households": rng.uniform(5, 75, n),
            "pct_wwb": rng.uniform(0, 20, n),
            "pct_ao": rng.uniform(0, 15, n),
        }
    )


def best_of(repeat: int, func: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--areas", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    model = load_model()
    reference = national_reference()
    levels = ["municipality_code", "region_code"]

    demo = read_areas(demo_areas_path(), model).frame
    big = synthetic_areas(args.areas)

    def run(frame: pd.DataFrame) -> None:
        aggregate_levels(estimate_areas(frame, model), levels, reference)

    from ggzregio.io.areas import AreaTable
    from ggzregio.io.tables import SourceInfo
    from ggzregio.prevalence.run import run_compare
    from ggzregio.prevalence.synthetic import simulate_observed

    def compare(frame: pd.DataFrame) -> None:
        observed = simulate_observed(frame, model, seed=1, n_intramural=0, n_under_reached=0)
        table = AreaTable(
            frame.assign(observed_cases=observed.observed), SourceInfo("bench", "dataframe", "")
        )
        run_compare(table, model, levels)

    compare_n = min(args.areas, 100_000)
    results = {
        "demo_read_validate_s": best_of(args.repeat, lambda: read_areas(demo_areas_path(), model)),
        "demo_estimate_aggregate_s": best_of(args.repeat, lambda: run(demo)),
        "big_estimate_s": best_of(args.repeat, lambda: estimate_areas(big, model)),
        "big_estimate_aggregate_s": best_of(args.repeat, lambda: run(big)),
        "demo_compare_suppress_s": best_of(args.repeat, lambda: compare(demo)),
        "compare_suppress_100k_s": best_of(1, lambda: compare(big.iloc[:compare_n])),
    }
    print(f"areas: demo {len(demo):,}, synthetic {len(big):,}; best of {args.repeat}")
    for name, seconds in results.items():
        print(f"{name:28s} {seconds * 1000:10.1f} ms")
    return results


if __name__ == "__main__":
    main()
