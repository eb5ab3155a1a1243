"""One long-lived headless Chromium for reports (Playwright driving the system Chromium, the
extra ``figures``): Plotly figures become SVG through plotly.js in a page that stays loaded,
and report HTML is printed to PDF in the same browser. Starting a browser costs seconds; a
report rendered in a running one costs a fraction of that.

The browser lives in its own thread (Playwright's synchronous API belongs to the thread that
started it) and takes one task at a time from a bounded queue: a burst of reports waits its
turn up to :data:`MAX_WAITING` deep and is refused beyond that with :class:`RendererBusyError`
(the web answers 503 with ``Retry-After``), so renders never pile up behind each other. A task
that crashes the browser restarts it for the next one."""

from __future__ import annotations

import atexit
import contextlib
import json
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from importlib import resources
from pathlib import Path
from typing import Any, Final, TypeVar

import plotly.graph_objects as go

from ggzregio.charts import browser_path
from ggzregio.errors import GgzregioError
from ggzregio.extras import require
from ggzregio.i18n import t

T = TypeVar("T")
#: Reports waiting for the browser before new ones are refused.
MAX_WAITING: Final = 4
#: Seconds a task may take (a whole report's figures or its PDF).
TASK_TIMEOUT_S: Final = 60.0
_PLOTLY_JS: Final = Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))
_TO_SVG: Final = """async ([figure, width, height]) => {
  const url = await Plotly.toImage(figure, {format: "svg", width, height});
  return decodeURIComponent(url.slice(url.indexOf(",") + 1));
}"""


class RendererBusyError(GgzregioError):
    """Too many reports are waiting for the browser; try again shortly."""


class Renderer:
    """The browser thread and its queue (one per process: :func:`renderer`)."""

    def __init__(
        self, max_waiting: int = MAX_WAITING, start: Callable[[], Any] | None = None
    ) -> None:
        if max_waiting < 1:
            raise ValueError("max_waiting must be at least 1")
        #: What starts the browser (a stand-in in tests of the queue).
        self._start_browser = start or _Browser
        self._tasks: queue.Queue[tuple[Callable[[Any], Any], Future[Any]] | None] = queue.Queue(
            maxsize=max_waiting
        )
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()

    def run(self, task: Callable[[Any], T], timeout: float = TASK_TIMEOUT_S) -> T:
        """Run ``task(browser)`` in the browser thread and return its result; refused with
        :class:`RendererBusyError` when the queue is full."""
        self._ensure_thread()
        done: Future[T] = Future()
        try:
            self._tasks.put_nowait((task, done))
        except queue.Full as exc:
            raise RendererBusyError(t("report.busy")) from exc
        return done.result(timeout=timeout)

    def svg(self, figures: list[go.Figure], width: int, height: int) -> list[str]:
        """Each figure as SVG text, in the page that keeps plotly.js loaded."""
        documents = [json.loads(fig.to_json()) for fig in figures]

        def draw(browser: _Browser) -> list[str]:
            page = browser.plotly_page()
            return [str(page.evaluate(_TO_SVG, [doc, width, height])) for doc in documents]

        return self.run(draw)

    def pdf(self, html: str) -> bytes:
        """``html`` printed on A4 (the page's own CSS size and margins; no header/footer)."""

        def print_pdf(browser: _Browser) -> bytes:
            page = browser.browser.new_page()
            try:
                page.set_content(html, wait_until="load")
                data: bytes = page.pdf(
                    format="A4", print_background=True, prefer_css_page_size=True
                )
                return data
            finally:
                page.close()

        return self.run(print_pdf)

    def _ensure_thread(self) -> None:
        with self._start:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._serve, name="ggzregio-report-browser", daemon=True
                )
                self._thread.start()

    def _serve(self) -> None:
        browser: Any = None
        try:
            while True:
                item = self._tasks.get()
                if item is None:
                    return
                task, done = item
                if not done.set_running_or_notify_cancel():
                    continue
                try:
                    browser = browser or self._start_browser()
                    done.set_result(task(browser))
                except BaseException as exc:  # handed to the caller, not lost in the thread
                    done.set_exception(exc)
                    browser = _healthy(browser)
        finally:
            if browser is not None:
                with contextlib.suppress(Exception):
                    browser.close()

    def stop(self) -> None:
        """Close the browser (at exit)."""
        thread = self._thread
        if thread is not None and thread.is_alive():
            try:
                self._tasks.put(None, timeout=1)
                thread.join(timeout=5)
            except queue.Full:
                pass


def _healthy(browser: Any) -> Any:
    """``browser`` if it still runs, else None (closed; the next task starts a new one)."""
    try:
        if browser is None or browser.alive():
            return browser
    except Exception:  # a browser that cannot even say whether it runs
        pass
    with contextlib.suppress(Exception):
        browser.close()
    return None


class _Browser:
    """Playwright with Chromium, and the page that has plotly.js loaded."""

    def __init__(self) -> None:
        playwright_sync = require("playwright.sync_api", "figures")
        executable = browser_path()
        if not executable:
            raise GgzregioError(t("report.no_chromium"))
        self._playwright = playwright_sync.sync_playwright().start()
        try:
            self.browser = self._playwright.chromium.launch(
                executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
            )
        except Exception:
            self._playwright.stop()
            raise
        self._plotly: Any = None

    def plotly_page(self) -> Any:
        if self._plotly is None or self._plotly.is_closed():
            page = self.browser.new_page()
            page.set_content("<!doctype html><html><body></body></html>")
            page.add_script_tag(path=str(_PLOTLY_JS))
            self._plotly = page
        return self._plotly

    def alive(self) -> bool:
        return bool(self.browser.is_connected())

    def close(self) -> None:
        with contextlib.suppress(Exception):  # already gone
            self.browser.close()
        with contextlib.suppress(Exception):
            self._playwright.stop()


_RENDERER: Renderer | None = None
_LOCK: Final = threading.Lock()


def renderer() -> Renderer:
    """The process's renderer (started on first use, closed at exit)."""
    global _RENDERER
    with _LOCK:
        if _RENDERER is None:
            _RENDERER = Renderer()
            atexit.register(_RENDERER.stop)
        return _RENDERER
