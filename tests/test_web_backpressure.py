"""Heavy work off the request loop (issue 21, point 1): while an upload is being parsed the
server keeps answering (``/healthz`` and other reads), a full queue of heavy work is refused at
once with 503 and ``Retry-After``, and a request that gets no database connection in time is
503, never 500. Tested by behaviour, not by timing."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

from ggzregio.app import regions as app_regions
from ggzregio.web import work
from tests.test_web_browser import serving
from tests.web_support import EDITOR, client_for, demo_database, token_for


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    address = f"sqlite:///{tmp_path_factory.mktemp('pressure') / 'app.db'}"
    demo_database(address)
    return address


def test_the_server_answers_while_an_upload_is_parsed(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = threading.Event(), threading.Event()

    def slow_import(*args: Any, **kwargs: Any) -> int:
        started.set()
        release.wait(30)  # a large workbook being read
        return 1

    monkeypatch.setattr(app_regions, "import_areas", slow_import)
    headers = {"Authorization": f"Bearer {token_for(url, EDITOR)}"}
    answers: list[int] = []
    with serving(url) as address:

        def upload() -> None:
            files = {"file": ("gebieden.csv", b"area_code\n1\n", "text/csv")}
            answer = httpx.post(
                f"{address}/api/v1/regions/RG01/areas", files=files, headers=headers, timeout=60
            )
            answers.append(answer.status_code)

        uploading = threading.Thread(target=upload)
        uploading.start()
        assert started.wait(30)
        try:
            health = httpx.get(f"{address}/healthz", timeout=10)
            regions = httpx.get(f"{address}/api/v1/regions", timeout=10)
            still_parsing = not release.is_set()
        finally:
            release.set()
            uploading.join(30)
    assert health.status_code == 200
    assert regions.status_code == 200
    assert still_parsing  # both answered while the upload was still being parsed
    assert answers == [201]


def test_a_full_queue_of_heavy_work_is_refused_at_once(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = threading.BoundedSemaphore(1)
    full.acquire()  # every slot taken
    monkeypatch.setattr(work, "_SLOTS", full)
    client = client_for(url)
    headers = {"Authorization": f"Bearer {token_for(url, EDITOR)}"}
    answer = client.post(
        "/api/v1/regions/RG01/areas",
        files={"file": ("gebieden.csv", b"area_code\n1\n", "text/csv")},
        headers=headers,
    )
    assert answer.status_code == 503
    assert answer.headers["retry-after"] == "5"
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert client.get("/healthz").status_code == 200


def test_no_free_database_connection_is_503_not_500(url: str, tmp_path: Path) -> None:
    from sqlalchemy.exc import TimeoutError as PoolTimeoutError

    client = client_for(url)
    engine = client.app.state.ggzregio.engine  # type: ignore[attr-defined]

    def exhausted(*args: Any, **kwargs: Any) -> Any:
        raise PoolTimeoutError("QueuePool limit of size 10 overflow 30 reached")

    original = engine.pool.connect
    engine.pool.connect = exhausted
    try:
        answer = client.get("/api/v1/regions/RG01/areas")
    finally:
        engine.pool.connect = original
    assert answer.status_code == 503
    assert answer.headers["retry-after"] == "5"


# --- limits on what comes in (issue 21, point 2) ---------------------------------------------


def test_json_bodies_over_the_limit_are_refused_while_they_arrive(url: str) -> None:
    client = client_for(url)
    big = b'{"changes": {"note": "' + b"a" * (2 * 1024 * 1024) + b'"}}'
    declared = client.post(
        "/api/v1/regions/RG01/plan", content=big, headers={"content-type": "application/json"}
    )
    assert declared.status_code == 413
    assert declared.headers["content-type"].startswith("application/problem+json")

    def chunks() -> Any:  # no Content-Length: counted as it arrives
        for _ in range(30):
            yield b"a" * 100_000

    chunked = client.post(
        "/api/v1/regions/RG01/plan", content=chunks(), headers={"content-type": "application/json"}
    )
    assert chunked.status_code == 413
    assert client.post("/api/v1/regions/RG01/plan", json={"scenario_id": 1}).status_code == 200


def test_a_sheet_declaring_millions_of_cells_is_refused_before_it_is_read(tmp_path: Path) -> None:
    import openpyxl

    from ggzregio.errors import InputError
    from ggzregio.io.tables import read_table

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "area_code"
    sheet.cell(row=200_000, column=20, value=1)  # 4 million cells declared
    path = tmp_path / "groot.xlsx"
    book.save(path)
    with pytest.raises(InputError) as refused:
        read_table(path)
    assert refused.value.rules() == {"too_many_cells"}
    assert "2000000" in refused.value.report()  # the limit is named


def test_rows_and_areas_have_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ggzregio.errors import InputError
    from ggzregio.io.tables import read_table

    path = tmp_path / "rijen.csv"
    path.write_text("area_code\n" + "\n".join(str(i) for i in range(30)) + "\n", encoding="utf-8")
    monkeypatch.setenv("GGZREGIO_MAX_ROWS", "20")
    with pytest.raises(InputError) as refused:
        read_table(path)
    assert refused.value.rules() == {"too_many_rows"}
    monkeypatch.delenv("GGZREGIO_MAX_ROWS")
    monkeypatch.setenv("GGZREGIO_MAX_AREAS", "5")
    from ggzregio.app.context import Context
    from ggzregio.app.regions import check_area_table

    ctx = Context.open(f"sqlite:///{tmp_path / 'a.db'}")
    from ggzregio.app.setup import upgrade_schema

    upgrade_schema(ctx)
    import pandas as pd

    with ctx.factory() as db, pytest.raises(InputError) as areas:
        check_area_table(db, "RG01", pd.DataFrame({"area_code": [str(i) for i in range(6)]}), "x")
    assert areas.value.rules() == {"too_many_areas"}


def test_a_polygon_with_too_many_vertices_is_refused_before_simplifying(tmp_path: Path) -> None:
    import json
    import math

    from ggzregio.boundaries import read_boundaries
    from ggzregio.errors import InputError

    n = 150_000  # a circle drawn with far more points than any buurt needs
    ring = [
        [5.0 + 0.01 * math.cos(2 * math.pi * i / n), 52.0 + 0.01 * math.sin(2 * math.pi * i / n)]
        for i in range(n)
    ]
    ring.append(ring[0])
    feature = {"type": "Feature", "properties": {"code": "BU1"},
               "geometry": {"type": "Polygon", "coordinates": [ring]}}  # fmt: skip
    path = tmp_path / "fijn.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    with pytest.raises(InputError) as refused:
        read_boundaries(path)
    assert refused.value.rules() == {"geo.too_many_vertices"}
    assert "100000" in refused.value.report()


# --- bounded requests in progress and reports (issue 21, points 1 and 4) ----------------------


def test_too_many_requests_in_progress_are_refused_at_once_but_health_answers(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = threading.BoundedSemaphore(1)
    full.acquire()  # every place taken
    monkeypatch.setattr(work, "_IN_PROGRESS", full)
    client = client_for(url)
    for path in ("/api/v1/regions/RG01/areas", "/regio/RG01"):
        answer = client.get(path)
        assert answer.status_code == 503, path
        assert answer.headers["retry-after"] == "5"
    assert client.get("/healthz").status_code == 200


def test_a_report_not_ready_in_time_is_503_and_kept_for_the_next_request(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ggzregio.report import document
    from ggzregio.web.routes import reports as report_routes

    release = threading.Event()
    made: list[str] = []

    def slow(content: Any, fmt: str) -> bytes:
        release.wait(30)  # a browser busy with other reports
        made.append(fmt)
        return b"<html>rapport</html>"

    monkeypatch.setattr(document, "report_bytes", slow)
    monkeypatch.setattr(report_routes, "REPORT_WAIT_S", 0.1)
    client = client_for(url)
    waiting = client.get("/regio/RG04/rapport.html")
    assert waiting.status_code == 503
    assert waiting.headers["retry-after"] == "5"
    assert client.get("/healthz").status_code == 200
    release.set()
    for _ in range(100):  # the report goes on being made; the next request gets it
        answer = client.get("/regio/RG04/rapport.html")
        if answer.status_code == 200:
            break
        threading.Event().wait(0.1)
    assert answer.status_code == 200
    assert answer.content == b"<html>rapport</html>"
    assert made == ["html"]  # made once, not once per request


def test_the_report_store_makes_each_report_once_and_bounds_what_waits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ggzregio.app import reports
    from ggzregio.app.errors import BusyError

    monkeypatch.setattr(reports, "MAX_PENDING", 1)
    store = reports.ReportStore()
    gate = threading.Event()

    def first() -> bytes:
        gate.wait(30)
        return b"eerste"

    job = store.job(("a", 1, 1), first)
    assert store.job(("a", 1, 1), lambda: b"ander") is job  # the same report, not made twice
    with pytest.raises(BusyError):
        store.job(("b", 1, 1), lambda: b"b")  # too many being made: refused at once
    gate.set()
    assert job.result(30) == b"eerste"
    assert store.job(("a", 1, 1), lambda: b"ander").result(30) == b"eerste"  # kept
    assert store.job(("b", 1, 1), lambda: b"b").result(30) == b"b"


def test_an_upload_over_the_limit_is_refused_before_it_is_read_or_checked(url: str) -> None:
    """Anonymous, 25 MB: refused with 413 on its declared length, not spooled to a temporary
    file first and then refused for want of an account (review of docs/security.md)."""
    big = b"a" * (25 * 1024 * 1024)
    answer = client_for(url).post(
        "/api/v1/regions/RG01/areas", files={"file": ("gebieden.csv", big, "text/csv")}
    )
    assert answer.status_code == 413
