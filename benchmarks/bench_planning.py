"""Benchmark: planning for every demo region under every norm set, gap analyses, and the
Excel template round trip.

Run:  .venv/bin/python benchmarks/bench_planning.py [--repeat 5]

Times (best of ``--repeat``) for (1) loading and validating the four shipped norm sets,
(2) plans for the 43 demo regions × 4 norm sets with each region's prevalence factor,
(3) plans plus gap analyses and their result tables for the 43 regions against voorbeeldregio 1
with synthetic inventories, and (4) writing and strictly reading back one filled-in Excel
template. Not a test: figures are reported, not asserted.
"""

from __future__ import annotations

import argparse
import tempfile
import timeit
from pathlib import Path

from ggzregio.demo import demo_areas_path
from ggzregio.inventory import read_inventory_excel, write_inventory_excel
from ggzregio.inventory.demo import demo_inventory
from ggzregio.io.areas import read_areas
from ggzregio.planning import RegionInput, analyse_gap, compute_plan, load_norm_set
from ggzregio.planning.tables import gap_result
from ggzregio.prevalence import load_model
from ggzregio.prevalence.aggregate import INDEX
from ggzregio.prevalence.run import run_estimate

SETS = ("baseline-2014", "continuation", "voorbeeldregio-1", "voorbeeldregio-2")


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    model = load_model()
    regions = run_estimate(read_areas(demo_areas_path(), model), model).tables["region_code"]
    inputs = [
        RegionInput(float(row.inhabitants), float(getattr(row, INDEX)) / 100, region_code=code)
        for code, row in zip(regions["region_code"], regions.itertuples(), strict=True)
    ]
    inventories = [demo_inventory(r.region_code, r.inhabitants) for r in inputs]

    def best(func: object) -> float:
        return min(timeit.repeat(func, number=1, repeat=args.repeat))  # type: ignore[arg-type]

    def load_sets() -> None:
        for set_id in SETS:
            load_norm_set(set_id)

    norm_sets = [load_norm_set(s) for s in SETS]

    def all_plans() -> None:
        for ns in norm_sets:
            for region in inputs:
                compute_plan(ns, region)

    def all_gaps() -> None:
        for region, inventory in zip(inputs, inventories, strict=True):
            gap_result(analyse_gap(compute_plan(norm_sets[2], region), inventory))

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "inventarisatie.xlsx"

        def excel_round_trip() -> None:
            write_inventory_excel(inventories[0], target)
            read_inventory_excel(target)

        results = {
            "load_norm_sets_s": best(load_sets),
            "plans_43_regions_x4_s": best(all_plans),
            "gaps_43_regions_s": best(all_gaps),
            "excel_template_round_trip_s": best(excel_round_trip),
        }
    for name, seconds in results.items():
        print(f"{name:32s} {seconds * 1000:9.1f} ms")
    return results


if __name__ == "__main__":
    main()
