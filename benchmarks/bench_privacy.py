"""Benchmark of the disclosure layer on the largest outputs (docs/privacy.md).

- claims: a national run with 4,000 PC4 areas × 4 rules (cells per PC4 and rule, PC4 totals,
  national additions and matches, total), synthetic Poisson counts with many small cells;
- monitor: the synthetic demo history (43 regions × 17 years × all indicators), every region's
  editors as readers who know their own values.

Run: ``.venv/bin/python benchmarks/bench_privacy.py [--areas 4000] [--rules 4] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from ggzregio.claims.pipeline import Counts
from ggzregio.claims.run import _protected
from ggzregio.monitor.catalogue import load_targets
from ggzregio.monitor.demo import generate_demo_monitor
from ggzregio.monitor.protection import protect_monitor


def claims_counts(n_areas: int, n_rules: int, seed: int = 1) -> Counts:
    rng = np.random.default_rng(seed)
    names = [f"rule_{i + 1}" for i in range(n_rules)]
    means = rng.gamma(2.0, 6.0, size=(n_areas, 1)) * np.linspace(1.5, 0.3, n_rules)
    cells = rng.poisson(means)
    wide = pd.DataFrame(cells, columns=names)
    wide.insert(0, "epa_adults", cells.sum(axis=1))
    wide.insert(0, "year", 2024)
    wide.insert(0, "pc4", [f"{1000 + i:04d}" for i in range(n_areas)])
    added = cells.sum(axis=0)
    matched = added + np.r_[0, rng.integers(0, 500, n_rules - 1)]
    per_rule = pd.DataFrame({"rule": names, "matched": matched, "added": added})
    return Counts(wide, per_rule, None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--areas", type=int, default=4000)
    parser.add_argument("--rules", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    counts = claims_counts(args.areas, args.rules)
    small = int((counts.per_area.iloc[:, 3:].to_numpy() < 10).sum())
    for _ in range(args.repeat):
        started = time.perf_counter()
        _, masks, hidden = _protected(counts, 10)
        seconds = time.perf_counter() - started
        cells = int(masks["area_rules"].to_numpy().sum())
        print(
            f"claims {args.areas} PC4 x {args.rules} rules: {seconds:.2f} s "
            f"({small} cells below 10, {cells} PC4 x rule cells and {hidden} PC4 totals hidden)"
        )
    data = generate_demo_monitor()
    targets = load_targets(data.catalogue)
    for _ in range(args.repeat):
        started = time.perf_counter()
        protection = protect_monitor(data, targets, 10)
        seconds = time.perf_counter() - started
        print(
            f"monitor {data.frame['region_code'].nunique()} regions x {len(data.years)} years x "
            f"{data.frame['indicator'].nunique()} indicators: {seconds:.2f} s "
            f"({int(protection.values.sum())} values hidden)"
        )


if __name__ == "__main__":
    main()
