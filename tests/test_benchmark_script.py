"""The benchmark script keeps working (run tiny here; real figures are reported, not asserted)."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def test_benchmark_script_runs_small() -> None:
    path = Path(__file__).parent.parent / "benchmarks" / "bench_prevalence.py"
    spec = importlib.util.spec_from_file_location("bench_prevalence", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    results = module.main(["--areas", "500", "--repeat", "1"])
    assert set(results) == {
        "demo_read_validate_s",
        "demo_estimate_aggregate_s",
        "big_estimate_s",
        "big_estimate_aggregate_s",
        "demo_compare_suppress_s",
        "compare_suppress_100k_s",
    }
