"""What people read on the pages and in the terminal (issue 17, point 8): years without a
thousands separator, infinity and not-a-number never raw, codes by their names in both
languages, euro totals without cents."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from ggzregio.app import monitor as services
from ggzregio.monitor.catalogue import load_catalogue, load_targets
from ggzregio.web.routes.monitor import shown_progress
from tests.conftest import invoke
from tests.web_support import Database, client_for

SQLITE = pytest.mark.parametrize("web_db", ["sqlite"], indirect=True)

CELL = re.compile(r"<td[^>]*>([^<]*)</td>")
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
#: A year shown with a thousands separator (2.028 or 2,028).
GROUPED_YEAR = re.compile(r"^(19|20|21)?[0-9][.,][0-9]{3}$")


@pytest.fixture
def client(web_db: Database) -> TestClient:
    return client_for(web_db.url)


def _table(page: str, name: str) -> list[list[str]]:
    """The cells of the table ``name`` (data-name) of a page, row by row."""
    start = page.index(f'data-name="{name}"')
    body = page[start : page.index("</table>", start)]
    return [CELL.findall(row) for row in ROW.findall(body) if "<td" in row]


def _planted_progress(real: pd.DataFrame) -> pd.DataFrame:
    planted = real.copy()
    planted["status"] = "behind"
    planted["projected_year"] = [np.inf, np.nan][: len(planted)]
    planted["projected_year_p95"] = np.inf
    planted["change_pct"] = np.nan
    return planted


@SQLITE
@pytest.mark.parametrize(
    ("lang", "never"), [("nl", "niet op deze trend"), ("en", "not on this trend")]
)
def test_monitor_page_never_shows_inf_or_nan(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, lang: str, never: str
) -> None:
    real = services.monitor_progress

    def planted(*args: object, **kwargs: object) -> pd.DataFrame:
        return _planted_progress(real(*args, **kwargs))  # type: ignore[arg-type]

    monkeypatch.setattr(services, "monitor_progress", planted)
    page = client.get("/regio/RG01/monitor", params={"lang": lang}).text
    progress = _table(page, "voortgang")
    assert [row[-1] for row in progress] == [never, "–"]
    cells = [c.strip().lower() for c in CELL.findall(page)]
    assert not {"inf", "-inf", "nan", "none", "infinity"} & set(cells)
    assert 'data-sort="inf"' not in page


def test_met_target_shows_the_year_it_was_met() -> None:
    catalogue = load_catalogue()
    target = load_targets(catalogue)["ba-intramural-2020"]
    frame = pd.DataFrame(
        {
            "region_code": ["RG01", "NL"],
            "status": ["met", "behind"],
            "met_year": [2019, np.nan],
            "projected_year": [np.inf, 2031.2],
            "baseline": [1273.0, 20400.0],
        }
    )
    shown = shown_progress(frame, target, catalogue)
    assert shown["projected_year"].tolist() == [2019, 2031.2]
    assert shown["decimals"].tolist() == [0, 0]  # places: whole numbers


@SQLITE
@pytest.mark.parametrize(
    ("lang", "names", "positions"),
    [
        ("nl", ("Inwoners", "Plaatsen beschermd wonen"), {"binnen", "boven", "onder", "–"}),
        ("en", ("Inhabitants", "Sheltered housing places"), {"within", "above", "below", "–"}),
    ],
)
def test_monitor_codes_are_named(
    client: TestClient, lang: str, names: tuple[str, ...], positions: set[str]
) -> None:
    page = client.get("/regio/RG01/monitor", params={"lang": lang}).text
    series = _table(page, "monitor")
    indicators = {row[1] for row in series}
    assert set(names) <= indicators
    codes = set(load_catalogue())
    assert not indicators & codes  # no raw indicator code such as 'population'
    units = {row[2] for row in series}
    assert "eur" not in units
    assert "euro" in units or "euros" in units
    benchmark = _table(page, "benchmark")
    assert {row[-1] for row in benchmark} <= positions
    if lang == "nl":
        assert "within" not in {row[-1] for row in benchmark}


@SQLITE
def test_years_are_never_grouped_on_the_pages(client: TestClient) -> None:
    page = client.get("/regio/RG01/monitor").text
    series = _table(page, "monitor")
    years = {row[0] for row in series}
    assert "2008" in years
    assert all(re.fullmatch(r"20[0-9]{2}", y) for y in years)
    progress = _table(page, "voortgang")
    assert all(re.fullmatch(r"20[0-9]{2}", row[2]) for row in progress)  # latest year
    rate_page = client.get("/regio/RG01/monitor", params={"doel": "qol-general-population"}).text
    for row in _table(rate_page, "voortgang"):
        assert not GROUPED_YEAR.match(row[-1]), row  # e.g. 2110, never 2.110
        assert re.fullmatch(r"[0-9]+,[0-9]", row[1])  # a grade keeps its decimal: 6,3


@SQLITE
def test_monitor_euros_have_no_cents(client: TestClient) -> None:
    page = client.get("/regio/RG01/monitor").text
    euro_rows = [row for row in _table(page, "monitor") if row[2] == "euro"]
    assert euro_rows
    for row in euro_rows:
        value, per_100k = row[3], row[4]
        assert re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})*", value), row
        assert re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})*|–", per_100k), row


@SQLITE
def test_simulation_spending_in_millions_without_cents(client: TestClient) -> None:
    page = client.get("/regio/RG02/simulatie", params={"jaren": "2", "trekkingen": "20"}).text
    rows = _table(page, "vergelijking")
    spending = [row for row in rows if "(€ mln)" in row[0]]
    assert spending, rows
    for cell in spending[0][1:6]:
        assert re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})*,[0-9]", cell), spending[0]
    assert all(re.fullmatch(r"[0-9]{1,3}", row[6]) for row in rows)  # chance A is better, %


def test_cli_progress_years_and_infinity(monkeypatch: pytest.MonkeyPatch) -> None:
    import ggzregio.monitor.progress as progress_module

    real = progress_module.progress

    def planted(*args: object, **kwargs: object) -> pd.DataFrame:
        table = real(*args, **kwargs)  # type: ignore[arg-type]
        table["status"] = "behind"
        table["projected_year"] = [2109.6, np.inf][: len(table)]
        table["projected_year_p05"] = 2031.0
        table["projected_year_p95"] = np.inf
        return table

    monkeypatch.setattr(progress_module, "progress", planted)
    code, output = invoke(
        "monitor", "progress", "--target", "ba-intramural-2020", "--region", "RG01"
    )
    assert code == 0, output
    assert "2110 (2031-∞)" in output
    assert "niet op deze trend" in output
    assert not re.search(r"\b2[.,]1[0-9]{2}\b", output)
    assert not re.search(r"\binf\b|\bnan\b", output)


@SQLITE
def test_report_years_and_missing_values(
    web_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = services.monitor_progress

    def planted(*args: object, **kwargs: object) -> pd.DataFrame:
        table = real(*args, **kwargs)  # type: ignore[arg-type]
        extra = {"region_code": "RG99", "status": "no_baseline"}  # no years: a float column
        return pd.concat([table, pd.DataFrame([extra])], ignore_index=True)

    monkeypatch.setattr(services, "monitor_progress", planted)
    target = tmp_path / "RG01.html"
    code, output = invoke(
        "report", "RG01", "--out", str(target), "--no-observed", "--database-url", web_db.url
    )
    assert code == 0, output
    html = target.read_text()
    cells = [c.strip() for c in CELL.findall(html)]
    assert "2024" in cells
    assert "2024.0" not in cells
    assert "2.024" not in cells
    assert not {"inf", "nan", "None"} & set(cells)
    assert "geen basisjaar" in cells
