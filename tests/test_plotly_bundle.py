"""The pages draw their figures with the vendored basic bundle of plotly.js: it must be the
same plotly.js version the Python package writes figures for, and every figure on the pages
must use only the trace types that bundle has (a figure of another type would stay blank)."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ggzregio.web.app import PLOTLY_JS, PLOTLY_TRACES
from tests.web_support import EDITOR, Database, client_for, login

VERSION = re.compile(r"plotly\.js (?:\([^)]*\) )?v(\d+\.\d+\.\d+)")
PLOT_DATA = re.compile(
    r'<script type="application/json" class="plot-data"[^>]*>(.*?)</script>', re.S
)


def _version(path: Path) -> str:
    head = path.read_text(encoding="utf-8", errors="replace")[:400]
    found = VERSION.search(head)
    assert found, path
    return found.group(1)


def test_the_bundle_matches_the_python_package() -> None:
    full = Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))
    assert _version(PLOTLY_JS) == _version(full)
    assert PLOTLY_JS.stat().st_size < full.stat().st_size / 2


@pytest.mark.parametrize("web_db", ["sqlite"], indirect=True)
def test_every_figure_on_the_pages_uses_the_bundles_traces(web_db: Database) -> None:
    client: TestClient = client_for(web_db.url)
    login(client, EDITOR)
    seen: set[str] = set()
    pages = ["/", "/regio/RG01", "/regio/RG01/monitor", "/regio/RG01/planning",
             "/regio/RG01/simulatie?trekkingen=20&jaren=2"]  # fmt: skip
    for path in pages:
        page = client.get(path)
        assert page.status_code == 200, path
        for blob in PLOT_DATA.findall(page.text):
            figure = json.loads(blob)
            seen |= {trace.get("type", "scatter") for trace in figure["data"]}
    assert seen, "no figures found"
    assert seen <= PLOTLY_TRACES, seen - PLOTLY_TRACES
    served = client.get("/static-lib/plotly.min.js")
    assert served.status_code == 200
    assert "(basic - minified)" in served.text[:200]
