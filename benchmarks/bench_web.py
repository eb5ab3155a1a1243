"""Load benchmark of the web application (a script, not a test).

Starts ``ggzregio serve`` on a fresh demo database (SQLite file, or ``--database-url``) and
loads it from a second process on loopback: per endpoint a warm-up, then ``--seconds`` of
requests from ``--concurrency`` clients. Reports requests per second and p50/p95/p99 latency.

The load generator is ``wrk`` (Debian package ``wrk``) when it is installed: written in C, it
leaves the server the CPU it measures. Without it, a Python (httpx) client is used; on a
2-core machine that client needs about as much CPU as the server, so its latencies mostly
measure the client (the report says which generator ran).

    python benchmarks/bench_web.py [--concurrency 50] [--seconds 5] [--workers 2]

Bounded in count and time; only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

API_READS = (
    "/api/v1/regions?size=50",
    "/api/v1/regions/RG01",
    "/api/v1/regions/RG01/estimates?size=50",
    "/api/v1/regions/RG01/monitor?size=100",
    "/api/v1/scenarios",
    "/api/v1/monitor/progress?size=50",
    "/api/v1/monitor/benchmark?size=50",
)
# Read with an API token: no shared cache, full authentication and validation per request.
TOKEN_READS = ("/api/v1/regions/RG01/comparison?size=50",)
PAGES = ("/regio/RG01", "/")
PAGE_CLIENTS = 10
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "errors": %d, "seconds": %f, "p50": %f, "p95": %f, "p99": %f}\\n',
    summary.requests, e.status + e.connect + e.read + e.write + e.timeout,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


def wrk_load(
    base: str, path: str, seconds: float, concurrency: int, headers: dict[str, str]
) -> dict[str, float]:
    """One wrk run; returns requests, errors, req/s and latency percentiles (ms)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_REPORT)
    try:
        duration = f"-d{max(1, round(seconds))}s"
        command = ["wrk", "-t1", f"-c{concurrency}", duration, "-s", script.name]
        for name, value in headers.items():
            command += ["-H", f"{name}: {value}"]
        out = subprocess.run(
            [*command, base + path], check=True, capture_output=True, text=True, timeout=600
        )
    finally:
        os.unlink(script.name)
    found = json.loads(out.stdout.strip().splitlines()[-1])
    return {
        "requests": found["requests"],
        "errors": found["errors"],
        "rps": found["requests"] / found["seconds"],
        "p50_ms": found["p50"],
        "p95_ms": found["p95"],
        "p99_ms": found["p99"],
    }


async def _load(
    base: str, path: str, seconds: float, concurrency: int, headers: dict[str, str]
) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=base, limits=limits, timeout=60, headers=headers
    ) as client:
        begin = time.perf_counter()
        stop = begin + seconds

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < stop:
                start = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - start)
                if response.status_code != 200:
                    errors += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - begin
    ms = np.array(latencies) * 1000
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50_ms": float(np.percentile(ms, 50)),
        "p95_ms": float(np.percentile(ms, 95)),
        "p99_ms": float(np.percentile(ms, 99)),
    }


def run_load(
    tool: str, base: str, path: str, seconds: float, concurrency: int, headers: dict[str, str]
) -> dict[str, float]:
    if tool == "wrk":
        return wrk_load(base, path, seconds, concurrency, headers)
    return asyncio.run(_load(base, path, seconds, concurrency, headers))


def client_main(
    tool: str, base: str, seconds: float, concurrency: int, token: str
) -> dict[str, dict[str, float]]:
    """Warm every endpoint up, then measure it."""
    results = {}
    bearer = {"Authorization": f"Bearer {token}"}
    cases = [(p, {}, concurrency, "") for p in API_READS]
    cases += [(p, bearer, concurrency, " (token)") for p in TOKEN_READS]
    cases += [(p, {}, PAGE_CLIENTS, "") for p in PAGES]
    cases += [(p, {}, 1, " (1 client)") for p in PAGES]
    for path, headers, clients, label in cases:
        run_load(tool, base, path, min(2.0, seconds), clients, headers)  # warm every worker
        results[path + label] = run_load(tool, base, path, seconds, clients, headers)
    return results


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--tool", choices=("wrk", "python"), default=None)
    args = parser.parse_args()
    tool = args.tool or ("wrk" if shutil.which("wrk") else "python")
    folder = Path(tempfile.mkdtemp(prefix="ggzregio-bench-"))
    url = args.database_url or f"sqlite:///{folder / 'bench.db'}"
    exe = Path(sys.executable).parent / "ggzregio"
    subprocess.run([str(exe), "db", "load-demo", "--database-url", url], check=True)
    token = subprocess.run(
        [str(exe), "users", "token", "beheer@demo.ggzregio.nl", "--database-url", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    port = free_port()
    server = subprocess.Popen(
        [
            str(exe),
            "serve",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--database-url",
            url,
            "--insecure-cookies",
        ],
        env={**os.environ, "GGZREGIO_LANG": "nl"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        results = client_main(tool, base, args.seconds, args.concurrency, token)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"ggzregio web load benchmark: {args.workers} worker(s), {url.split(':')[0]}, "
        f"load generator {tool} (second process), {args.seconds:g} s per endpoint, "
        f"{args.concurrency} concurrent clients for API reads, {PAGE_CLIENTS} for pages"
    )
    print(
        f"{'endpoint':52} {'req':>7} {'err':>4} {'req/s':>8} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    )
    for path, r in results.items():
        print(
            f"{path:52} {r['requests']:7d} {r['errors']:4d} {r['rps']:8.1f} "
            f"{r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['p99_ms']:8.1f}"
        )


if __name__ == "__main__":
    main()
