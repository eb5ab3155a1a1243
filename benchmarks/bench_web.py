"""Load benchmark of the web application (a script, not a test).

Starts ``ggzregio serve`` on a fresh demo database (SQLite file, or ``--database-url``) and
sends concurrent requests from a second process on loopback: per endpoint a fixed number of
requests with ``--concurrency`` clients. Reports requests per second and p50/p95/p99 latency.

    python benchmarks/bench_web.py [--concurrency 50] [--requests 1000] [--workers 2]

Bounded in count and time; only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
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
PAGES = ("/regio/RG01", "/")


async def _load(base: str, path: str, n: int, concurrency: int, timeout: float) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(n):
        queue.put_nowait(i)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as client:

        async def worker() -> None:
            nonlocal errors
            while True:
                try:
                    queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                start = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - start)
                if response.status_code != 200:
                    errors += 1

        begin = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - begin
    ms = np.array(latencies) * 1000
    return {
        "requests": n,
        "errors": errors,
        "rps": n / elapsed,
        "p50_ms": float(np.percentile(ms, 50)),
        "p95_ms": float(np.percentile(ms, 95)),
        "p99_ms": float(np.percentile(ms, 99)),
    }


def client_main(base: str, n: int, concurrency: int, page_requests: int) -> None:
    """The load generator (runs in its own process); prints JSON results."""
    results = {}
    for path in API_READS:
        asyncio.run(_load(base, path, 20, 5, 30))  # warm caches
        results[path] = asyncio.run(_load(base, path, n, concurrency, 30))
    for path in PAGES:
        asyncio.run(_load(base, path, 3, 1, 60))
        results[path] = asyncio.run(_load(base, path, page_requests, 10, 60))
        results[path + " (1 client)"] = asyncio.run(_load(base, path, 20, 1, 60))
    print(json.dumps(results))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--page-requests", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--client", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        client_main(args.client, args.requests, args.concurrency, args.page_requests)
        return
    folder = Path(tempfile.mkdtemp(prefix="ggzregio-bench-"))
    url = args.database_url or f"sqlite:///{folder / 'bench.db'}"
    exe = Path(sys.executable).parent / "ggzregio"
    subprocess.run([str(exe), "db", "load-demo", "--database-url", url], check=True)
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
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--client",
                base,
                "--requests",
                str(args.requests),
                "--concurrency",
                str(args.concurrency),
                "--page-requests",
                str(args.page_requests),
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        results = json.loads(out.stdout)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"ggzregio web load benchmark: {args.workers} worker(s), {url.split(':')[0]}, "
        f"{args.concurrency} concurrent clients for API reads, 10 for pages"
    )
    print(
        f"{'endpoint':48} {'req':>6} {'err':>4} {'req/s':>8} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    )
    for path, r in results.items():
        print(
            f"{path:48} {r['requests']:6d} {r['errors']:4d} {r['rps']:8.1f} "
            f"{r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['p99_ms']:8.1f}"
        )


if __name__ == "__main__":
    main()
