"""The regiobeeld report: PDF pages rendered and checked (page count, key numbers, images), the
self-contained HTML, and the download from the region page (observed figures only for members)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from fastapi.testclient import TestClient

from ggzregio.geo import CLASS_COLOURS
from tests.conftest import invoke
from tests.web_support import EDITOR, Database, client_for, login


@pytest.fixture(scope="module")
def sqlite_db(web_db: Database) -> Database:
    if web_db.backend != "sqlite":
        pytest.skip("the report reads the same services on every backend; rendered once")
    return web_db


@pytest.fixture(scope="module")
def pdf(sqlite_db: Database, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("report") / "RG01.pdf"
    code, output = invoke("report", "RG01", "--out", str(target),
                          "--database-url", sqlite_db.url)  # fmt: skip
    assert code == 0, output
    return target


def _text(document: pdfium.PdfDocument) -> str:
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def test_pdf_pages_and_key_numbers(pdf: Path) -> None:
    document = pdfium.PdfDocument(pdf)
    assert 5 <= len(document) <= 12
    text = _text(document)
    assert "Regiobeeld Regio 01" in text
    assert "722.061" in text  # inhabitants of RG01 in the demo, Dutch formatting
    assert "SYNTHETISCHE DEMODATA" in text
    assert "trimbos-2017@1.0" in text  # model version in the appendix
    assert "004:1600-1676" in text
    assert "Aantallen onder 10 zijn onderdrukt" in text
    # Progress statuses are named in Dutch, not shown as codes.
    assert any(s in text for s in ("gehaald", "voor op schema", "achter op schema"))
    assert "behind" not in text


def test_pdf_map_is_drawn(pdf: Path) -> None:
    """The prevalence map page shows the map's class colours (rendered pixels)."""
    document = pdfium.PdfDocument(pdf)
    pixels = document[1].render(scale=1).to_numpy()[:, :, :3].reshape(-1, 3)
    found = 0
    for colour in CLASS_COLOURS:
        rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
        # pdfium renders BGR(A) by default
        if (np.abs(pixels[:, ::-1].astype(int) - rgb).sum(axis=1) < 12).sum() > 200:
            found += 1
    assert found >= 4


def test_html_is_self_contained(sqlite_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "RG02.html"
    code, output = invoke("report", "RG02", "--out", str(target), "--no-observed",
                          "--database-url", sqlite_db.url)  # fmt: skip
    assert code == 0, output
    html = target.read_text()
    assert "<svg" in html
    assert "<script" not in html
    assert 'src="http' not in html
    assert 'href="http' not in html
    assert "Geen waargenomen" in html


def test_bad_suffix_writes_nothing(sqlite_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "rapport.docx"
    code, output = invoke("report", "RG01", "--out", str(target),
                          "--database-url", sqlite_db.url)  # fmt: skip
    assert code == 2
    assert ".docx" in output
    assert not target.exists()


def test_download_from_region_page(sqlite_db: Database) -> None:
    anonymous = client_for(sqlite_db.url)
    assert "/regio/RG01/rapport.pdf" in anonymous.get("/regio/RG01").text
    public = anonymous.get("/regio/RG01/rapport.html")
    assert public.status_code == 200
    assert public.headers["content-type"].startswith("text/html")
    assert "Geen waargenomen" in public.text  # no claims-based figures for visitors
    member: TestClient = client_for(sqlite_db.url)
    login(member, EDITOR)
    private = member.get("/regio/RG01/rapport.html")
    assert "Aantallen onder 10 zijn onderdrukt" in private.text
    assert anonymous.get("/regio/RG01/rapport.doc").status_code == 404
