"""A real region from a fresh database, in a real browser (issue 19, point 9): set up with the
shipped geography, upload a CBS Kerncijfers table for one real municipality on the region
page, confirm the preview, and see the estimate on the region page's map."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ggzregio.app.context import Actor, Context
from ggzregio.app.setup import init_geography
from tests.test_cbs_import import groningen_table
from tests.test_web_browser import ARTIFACTS, CHROMIUM, FLAGS, serving

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian package 'chromium' missing"),
]
ADMIN, PASSWORD = "beheer@ggd-groningen.nl", "een-lang-wachtwoord"


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('fresh') / 'app.db'}"
    ctx = Context.open(url)
    init_geography(ctx, Actor(client="test"), "nl-2024", "ggd", admin_email=ADMIN,
                   admin_password=PASSWORD)  # fmt: skip
    ctx.engine.dispose()
    with serving(url) as address:
        yield address


def test_set_up_upload_confirm_and_see_the_map(fresh_server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    table = groningen_table(tmp_path)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(20_000)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(fresh_server + "/")
        page.wait_for_selector(".js-plotly-plot .main-svg")  # the real map, no estimates yet
        assert "Bron: CBS, PDOK" in page.content()
        page.goto(fresh_server + "/login")
        page.fill("input[name=email]", ADMIN)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.goto(fresh_server + "/regio/GG0111")
        assert "Nog geen gebiedsstatistieken" in page.content()
        page.set_input_files("#cbs-file", str(table))
        page.click("form[action='/regio/GG0111/cbs'] button[type=submit]")
        page.wait_for_selector("#preview-facts")
        page.screenshot(path=str(ARTIFACTS / "setup-preview.png"))
        assert "BU03630000" in page.content()  # Amsterdam: outside the region, named
        page.click("form[action='/regio/GG0111/cbs/bevestigen'] button")
        page.wait_for_url(fresh_server + "/regio/GG0111")
        page.wait_for_selector(".js-plotly-plot .main-svg")
        page.screenshot(path=str(ARTIFACTS / "setup-region-map.png"))
        content = page.content()
        assert "Per 1.000 volwassenen" in content
        assert "Nog geen gebiedsstatistieken" not in content
        # the map colours the municipality that has areas now (a class other than "no data")
        legend = page.locator(".legendtext").all_text_contents()
        assert any("–" in (text or "") for text in legend), legend
        browser.close()
    assert errors == []
