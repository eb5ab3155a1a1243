"""The benchmark script keeps working (run tiny here; real figures are reported, not asserted)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def _load(name: str) -> ModuleType:
    path = Path(__file__).parent.parent / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_script_runs_small() -> None:
    results = _load("bench_prevalence").main(["--areas", "500", "--repeat", "1"])
    assert set(results) == {
        "demo_read_validate_s",
        "demo_estimate_aggregate_s",
        "big_estimate_s",
        "big_estimate_aggregate_s",
        "demo_compare_suppress_s",
        "compare_suppress_100k_s",
    }


def test_planning_benchmark_runs() -> None:
    results = _load("bench_planning").main(["--repeat", "1"])
    assert set(results) == {
        "load_norm_sets_s",
        "plans_43_regions_x4_s",
        "gaps_43_regions_s",
        "excel_template_round_trip_s",
    }


def test_monitor_benchmark_runs() -> None:
    results = _load("bench_monitor").main(["--repeat", "1"])
    assert "progress_43_regions_s" in results


def test_simulation_benchmark_runs_small() -> None:
    results = _load("bench_simulation").main(
        ["--regions", "2", "--draws", "20", "--years", "1", "--repeat", "1"]
    )
    assert results["model_s"] > 0
    assert {"calibration_s", "run_with_summaries_s", "first_call_incl_compile_s"} <= set(results)


def test_claims_benchmark_runs_small() -> None:
    results = _load("bench_claims").main(["--persons", "20000", "--repeat", "1"])
    assert results["rows"] > 20_000
    assert results["pipeline_s"] > 0
