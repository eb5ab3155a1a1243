"""Benchmark: the monitor on the synthetic history (43 regions × 17 years × 29 indicators).

Run:  .venv/bin/python benchmarks/bench_monitor.py [--repeat 5]

Times (best of ``--repeat``) for generating the demo history, reading it back from a tidy CSV
with every validation rule, progress with projections for all regions on the agreement
target, the year-on-year table, a benchmark and the substitution view. Reported, not asserted.
"""

from __future__ import annotations

import argparse
import tempfile
import timeit
from pathlib import Path

from ggzregio.monitor.benchmark import benchmark
from ggzregio.monitor.catalogue import load_targets
from ggzregio.monitor.demo import generate_demo_monitor
from ggzregio.monitor.importing import read_tidy
from ggzregio.monitor.progress import progress, substitution, year_on_year


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    data = generate_demo_monitor()
    target = load_targets(data.catalogue)["ba-intramural-2020"]
    places = ["places_zvw_admission", "places_wlz_stay", "places_awbz_c"]

    def best(func: object) -> float:
        return min(timeit.repeat(func, number=1, repeat=args.repeat))  # type: ignore[arg-type]

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "monitor.csv"
        data.frame.to_csv(path, index=False)
        results = {
            "generate_demo_s": best(generate_demo_monitor),
            "read_validate_csv_s": best(lambda: read_tidy(path, data.catalogue)),
            "progress_43_regions_s": best(lambda: progress(data, target)),
            "year_on_year_s": best(lambda: year_on_year(data, places)),
            "benchmark_s": best(lambda: benchmark(data, "fact_fte", 2024)),
            "substitution_s": best(lambda: substitution(data, 2012, 2024)),
        }
    print(f"{len(data.frame):,} values")
    for name, seconds in results.items():
        print(f"{name:28s} {seconds * 1000:9.1f} ms")
    return results


if __name__ == "__main__":
    main()
