"""The regiobeeld report (issue 21, point 5): time to render the HTML and the PDF of a demo
region in the long-lived report browser, cold (first report of the process: the browser
starts) and warm (the browser runs; the content is gathered and rendered anew each time), and
a cached download (same region, language, role and data revision).

Run: ``.venv/bin/python benchmarks/bench_report.py [--repeat 5]`` (needs Chromium).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ggzregio.app import reports
from ggzregio.app.context import Context
from ggzregio.app.setup import load_demo
from ggzregio.report.document import report_bytes


def _seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--region", default="RG01")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        ctx = Context.open(f"sqlite:///{Path(folder) / 'demo.db'}")
        load_demo(ctx)

        def fresh(fmt: str) -> Callable[[], bytes]:
            def run() -> bytes:
                with ctx.factory() as db:
                    content = reports.gather(ctx, db, args.region, include_observed=True)
                return report_bytes(content, fmt)

            return run

        results = {"cold_html_s": _seconds(fresh("html"), 1)}
        results["warm_html_s"] = _seconds(fresh("html"), args.repeat)
        results["warm_pdf_s"] = _seconds(fresh("pdf"), args.repeat)

        def cached() -> bytes:
            return reports.report_file(
                ctx, args.region, "pdf", include_observed=True, render=report_bytes
            )

        cached()
        results["cached_pdf_s"] = _seconds(cached, args.repeat)
    for name, value in results.items():
        print(f"{name:>16}: {value:8.3f}")
    return results


if __name__ == "__main__":
    main()
