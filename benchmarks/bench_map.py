"""The national overview on the real map (issue 19, point 7): page weight and time to first
render with all 342 municipalities of 2024 drawn, each its own region (the largest map the
shipped geography gives), and with the 25 GGD regions.

Run: ``.venv/bin/python benchmarks/bench_map.py [--repeat 5]`` (needs Chromium for the
render time; without it only the server side is measured).
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pandas as pd

from ggzregio.app.context import Actor, Context
from ggzregio.app.setup import init_geography
from ggzregio.geography import geography


def every_municipality(folder: Path) -> Path:
    """A lookup file that makes each municipality a region of its own."""
    table = geography("nl-2024").division("province")
    lookup = pd.DataFrame(
        {
            "municipality_code": table["municipality_code"],
            "municipality_name": table["municipality_name"],
            "region_type": "centrumgemeente",
            "region_code": table["municipality_code"].str.replace("GM", "R", regex=False),
            "region_name": table["municipality_name"],
            "valid_from": 2024,
        }
    )
    path = folder / "gemeenten.csv"
    lookup.to_csv(path, index=False)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def measure(url: str, label: str, repeat: int) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "ggzregio.web.server:app_from_env", "--factory",
         "--port", str(port), "--log-level", "warning"],
        env={"GGZREGIO_DATABASE_URL": url, "GGZREGIO_SECURE_COOKIES": "0",
             "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(base + "/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        times, size = [], 0
        for _ in range(repeat):
            started = time.perf_counter()
            page = httpx.get(base + "/", timeout=30)
            times.append(time.perf_counter() - started)
            size = len(page.content)
        print(f"{label}: page {size / 1024:.0f} KB, server {statistics.median(times) * 1000:.0f} ms"
              f" (median of {repeat})")  # fmt: skip
        browser = shutil.which("chromium")
        if browser:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as p:
                chromium = p.chromium.launch(executable_path=browser, args=["--no-sandbox"])
                renders = []
                for _ in range(repeat):
                    tab = chromium.new_page()
                    started = time.perf_counter()
                    tab.goto(base + "/")
                    tab.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
                    renders.append(time.perf_counter() - started)
                    tab.close()
                chromium.close()
            print(f"{label}: first render of the map {statistics.median(renders) * 1000:.0f} ms"
                  f" (navigation to drawn map, median of {repeat})")  # fmt: skip
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for label, kind, lookup in (
            ("342 municipalities", "centrumgemeente", every_municipality(root)),
            ("25 GGD regions", "ggd", None),
        ):
            url = f"sqlite:///{root / (kind + '.db')}"
            init_geography(Context.open(url), Actor(client="bench"), "nl-2024", kind,
                           regions_file=lookup)  # fmt: skip
            measure(url, label, args.repeat)


if __name__ == "__main__":
    main()
