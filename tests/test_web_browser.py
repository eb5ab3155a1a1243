"""Browser tests: a real headless Chromium (Debian package ``chromium``) driven by Playwright
against the application served by uvicorn on loopback with the demo data. Screenshots are
saved in ``test-artifacts/`` as evidence of what a user sees."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from ggzregio.inventory.demo import demo_inventory
from ggzregio.inventory.excel import write_inventory_excel
from ggzregio.web import create_app
from tests.web_support import EDITOR, demo_database

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian package 'chromium' missing"),
]
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(url: str) -> Iterator[str]:
    """The application on ``url`` served by uvicorn on a free loopback port."""
    port = free_port()
    config = uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://localhost:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'app.db'}"
    demo_database(url)
    with serving(url) as address:
        yield address


@contextmanager
def browser_page(**options: Any) -> Iterator[object]:
    """A page of a headless Chromium (1280 x 900; ``options`` for its context) whose script
    errors are collected in ``page.errors``."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
        page = context.new_page()
        page.set_default_timeout(20_000)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.errors = errors  # type: ignore[attr-defined]
        yield page
        browser.close()


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    with browser_page(accept_downloads=True) as opened:
        yield opened


def shot(page: object, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)  # type: ignore[attr-defined]


def test_national_overview_map_and_language(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    page.wait_for_selector("#fig-kaart-regios[data-ready='1']")
    assert page.locator("h1").inner_text().startswith("Ernstige psychische aandoeningen")
    assert page.locator("html").get_attribute("lang") == "nl"
    shot(page, "01-landelijk-nl")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.get_by_role("link", name="English").click()
    page.wait_for_selector("html[lang='en']")
    assert page.locator("h1").inner_text().startswith("Severe mental illness")
    shot(page, "02-national-en")
    page.get_by_role("link", name="Nederlands").click()
    page.wait_for_selector("html[lang='nl']")
    assert page.errors == []  # type: ignore[attr-defined]


def test_sign_in_open_region_and_change_scenario(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/login")
    page.get_by_label("E-mailadres").fill(EDITOR)
    page.get_by_label("Wachtwoord").fill("demo-wachtwoord")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_selector("text=Redacteur Regio 01")
    page.get_by_role("link", name="Regio 01 (RG01)").click()
    page.wait_for_selector("#fig-kaart-gebieden[data-ready='1']")
    assert "Gemarkeerde gebieden" in page.content()
    shot(page, "03-regiobeeld-rg01")
    page.get_by_role("link", name="Planning").click()
    page.wait_for_selector("#total-eur")
    before = page.locator("#total-eur").inner_text()
    field = page.locator("input[name='capacity.fact.per_100k']")
    assert field.input_value() == "4"
    field.fill("6")
    page.get_by_role("button", name="Berekenen").click()
    page.wait_for_selector("#total-eur")
    assert page.locator("input[name='capacity.fact.per_100k']").input_value() == "6"
    capacity = page.locator("table[data-name='capaciteit'] tbody tr").first.inner_text()
    assert "43,32" in capacity  # 6 x 7.22061 FACT teams
    assert page.locator("#total-eur").inner_text() == before  # budget frame unchanged
    shot(page, "04-planning-fact-6")


def test_upload_inventory_and_download_table(page, server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    inventory = demo_inventory("RG01", 722_061, year=2027)
    path = write_inventory_excel(inventory, tmp_path / "inventaris-rg01.xlsx")
    page.goto(server + "/regio/RG01/inventaris")
    page.set_input_files("#inv-file", str(path))
    page.get_by_role("button", name="Laden", exact=True).click()
    page.wait_for_selector("#message")
    assert "Opgeslagen" in page.locator("#message").inner_text()
    assert "2027" in page.url
    shot(page, "05-inventaris-geladen")
    page.goto(server + "/regio/RG01")
    with page.expect_download() as info:
        page.locator("a[href='/regio/RG01/download/gemeenten.csv']").click()
    target = tmp_path / "gemeenten.csv"
    info.value.save_as(target)
    header = target.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("municipality_code,municipality_name")
    assert page.errors == []  # type: ignore[attr-defined]


def test_simulation_page_draws_fan_chart_and_compares(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/regio/RG03/simulatie")
    page.fill("#years", "3")
    page.fill("#draws", "40")
    page.select_option("#variable", "stock_fact")
    page.locator("#simulate").click()
    page.wait_for_selector("#fig-waaier[data-ready='1']")
    page.wait_for_selector("#fig-wachttijd[data-ready='1']")
    assert "FACT" in page.locator("#fig-waaier").inner_text()
    assert page.locator("table[data-name='vergelijking'] tbody tr").count() == 6
    assert "jaren=3" in page.url
    shot(page, "06-simulatie")
    assert page.errors == []  # type: ignore[attr-defined]
