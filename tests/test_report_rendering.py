"""The report under load (issue 21, point 5 and the report part of point 1): one long-lived
browser renders every report, a full queue is refused at once with 503 and ``Retry-After``
(never a pile-up), a rendered report is kept per region, format, language, role and data
revision, and no database session is held while it renders."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from ggzregio.app import reports
from ggzregio.app.context import Context
from ggzregio.app.setup import load_demo
from ggzregio.i18n import reset_request_language, set_request_language
from ggzregio.report.renderer import Renderer, RendererBusyError
from tests.web_support import client_for, login


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Context:
    ctx = Context.open(f"sqlite:///{tmp_path_factory.mktemp('rep') / 'demo.db'}")
    assert load_demo(ctx)
    return ctx


class _Stand:
    """A stand-in browser: tasks get it and may block on ``gate``."""

    started = 0

    def __init__(self) -> None:
        _Stand.started += 1

    def alive(self) -> bool:
        return True

    def close(self) -> None:
        pass


def test_a_full_queue_is_refused_at_once_not_queued() -> None:
    gate = threading.Event()
    running = threading.Event()
    renderer = Renderer(max_waiting=1, start=_Stand)

    def slow(browser: Any) -> str:
        running.set()
        gate.wait(10)
        return "done"

    results: list[str] = []
    first = threading.Thread(target=lambda: results.append(renderer.run(slow)))
    first.start()
    assert running.wait(10)  # the first task holds the browser
    second = threading.Thread(target=lambda: results.append(renderer.run(lambda b: "queued")))
    second.start()
    while renderer._tasks.qsize() < 1:  # the second waits in the queue (depth 1)
        threading.Event().wait(0.01)
    with pytest.raises(RendererBusyError):
        renderer.run(lambda b: "refused")  # a third is refused at once
    gate.set()
    first.join(10)
    second.join(10)
    assert sorted(results) == ["done", "queued"]
    assert _Stand.started == 1  # one browser for every task
    renderer.stop()


def test_a_failing_task_reaches_its_caller_and_the_next_one_runs() -> None:
    renderer = Renderer(start=_Stand)

    def broken(browser: Any) -> None:
        raise ValueError("figure")

    with pytest.raises(ValueError, match="figure"):
        renderer.run(broken)
    assert renderer.run(lambda b: 42) == 42
    renderer.stop()


def test_a_report_is_rendered_once_per_language_role_and_revision(demo: Context) -> None:
    calls: list[tuple[str, str, bool]] = []

    def render(content: reports.ReportContent, fmt: str) -> bytes:
        calls.append((content.region.code, fmt, content.comparison is not None))
        return f"{fmt}:{len(calls)}".encode()

    first = reports.report_file(demo, "RG01", "html", include_observed=False, render=render)
    again = reports.report_file(demo, "RG01", "html", include_observed=False, render=render)
    assert first == again
    assert len(calls) == 1
    member = reports.report_file(demo, "RG01", "html", include_observed=True, render=render)
    assert member != first  # a member's report (observed figures) is another file
    assert calls[-1] == ("RG01", "html", True)
    token = set_request_language("en")
    try:
        reports.report_file(demo, "RG01", "html", include_observed=False, render=render)
    finally:
        reset_request_language(token)
    assert len(calls) == 3
    with demo.engine.begin() as connection:  # new data: the report is rendered again
        connection.exec_driver_sql("UPDATE regions SET revision = revision + 1 WHERE code='RG01'")
    demo.revision._value = None  # the memo re-reads (another process changed the data)
    reports.report_file(demo, "RG01", "html", include_observed=False, render=render)
    assert len(calls) == 4


def test_no_database_session_is_held_while_rendering(demo: Context) -> None:
    pool = demo.engine.pool
    seen: list[int] = []

    def render(content: reports.ReportContent, fmt: str) -> bytes:
        seen.append(pool.checkedout())  # type: ignore[attr-defined]
        return b"x"

    reports.report_file(demo, "RG02", "pdf", include_observed=True, render=render)
    assert seen == [0]


def test_a_busy_browser_answers_503_with_retry_after(
    demo: Context, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from ggzregio.report import document

    def busy(content: reports.ReportContent, fmt: str) -> bytes:
        raise RendererBusyError("bezet")

    monkeypatch.setattr(document, "report_bytes", busy)
    client = client_for(demo.settings.database_url)
    login(client, "lezer@demo.ggzregio.nl")
    answer = client.get("/regio/RG02/rapport.pdf")
    assert answer.status_code == 503
    assert answer.headers["retry-after"] == "5"
    assert "bezet" in answer.text
    assert client.get("/healthz").status_code == 200
