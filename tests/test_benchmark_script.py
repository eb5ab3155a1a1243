"""The benchmark script keeps working (run tiny here; real figures are reported, not asserted)."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any


def _load(name: str) -> ModuleType:
    path = Path(__file__).parent.parent / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it loads
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


def test_web_benchmark_client_counts_answers_by_status(capsys: Any) -> None:
    """The load generator's HTTP/1.1 client against a tiny local server: keep-alive, bodies
    by length and chunked, statuses counted per class, and the stress verdict."""
    import asyncio

    bench = _load("bench_web")
    answers = {
        b"/ok": b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        b"/chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n",
        b"/busy": b"HTTP/1.1 503 Busy\r\nRetry-After: 5\r\nContent-Length: 0\r\n\r\n",
        b"/broken": b"HTTP/1.1 500 Error\r\nContent-Length: 0\r\n\r\n",
    }

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while head := await reader.readuntil(b"\r\n\r\n"):
            writer.write(answers[head.split(b" ")[1]])
            await writer.drain()

    async def run() -> dict[str, Any]:
        server = await asyncio.start_server(serve, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        connection = bench.Connection(port)
        tallies: dict[str, Any] = {}
        for path in ("/ok", "/chunked", "/busy", "/ok"):
            tally = tallies.setdefault("reads", bench.Tally())
            body = await bench.timed(connection, bench.Req("reads", path), tally)
        assert body == b"ok"
        await bench.timed(
            connection, bench.Req("x", "/chunked"), tallies.setdefault("x", bench.Tally())
        )
        connection.close()
        server.close()
        return tallies

    tallies = asyncio.run(run())
    assert tallies["reads"].statuses == {"200": 3, "503": 1}
    assert bench.print_stress(tallies, 1.0) is False  # no /healthz polled: not a pass
    tallies["healthz"] = bench.Tally([0.001], Counter({"200": 1}))
    assert bench.print_stress(tallies, 1.0) is True
    tallies["reads"].statuses["500"] += 1
    assert bench.print_stress(tallies, 1.0) is False  # a 500 fails the run
    assert "503:1" in capsys.readouterr().out
