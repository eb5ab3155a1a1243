"""The agenda in a real headless Chromium (Playwright), as a regiegroep's editor uses it: write
an agenda text, add an initiative, hold and close a review, and compare it with an earlier one
(issue 23). Screenshots are saved in ``test-artifacts/``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_web_browser import ARTIFACTS, CHROMIUM, browser_page, serving
from tests.web_support import EDITOR, demo_database

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian package 'chromium' missing"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('agenda-browser') / 'app.db'}"
    demo_database(url)
    with serving(url) as address:
        yield address


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    with browser_page() as opened:
        yield opened


def shot(page: object, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def _hold_review(page, server: str, key: str, title: str, held_on: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/regio/RG01/peilmomenten")
    page.fill("#r-key", key)
    page.fill("#r-title", title)
    page.fill("#r-date", held_on)
    page.get_by_role("button", name="Stand vastleggen").click()
    page.wait_for_selector("#review-state")


def test_agenda_text_initiative_review_and_comparison(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/login")
    page.get_by_label("E-mailadres").fill(EDITOR)
    page.get_by_label("Wachtwoord").fill("demo-wachtwoord")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_selector("text=Redacteur Regio 01")

    # an earlier review, held before anything was written, and closed
    _hold_review(page, server, "voorjaar", "Peilmoment voorjaar", "2026-03-01")
    page.get_by_role("button", name="Peilmoment sluiten").click()
    page.wait_for_selector("text=Dit peilmoment is gesloten")

    # write an agenda text from the agenda grid
    page.goto(server + "/regio/RG01/agenda")
    assert page.locator("h1").inner_text().startswith("Agenda")
    page.locator("#sp-wonen").locator("xpath=..").get_by_role(
        "link", name="Waar willen we naar toe?"
    ).click()
    page.get_by_label("Nieuwe versie (de vorige blijft bewaard)").fill(
        "Iedereen met een ernstige psychische aandoening woont in een gewone wijk."
    )
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_selector("#current-text")
    assert "gewone wijk" in page.locator("#current-text").inner_text()
    shot(page, "agenda-01-tekst")

    # add an initiative (a Dutch amount) and find it with the filter and on the map
    page.goto(server + "/regio/RG01/initiatieven")
    page.fill("#i-key", "housing-first")
    page.fill("#i-name", "Housing First Regio 01")
    page.locator("input[name='speerpunt.wonen']").check()
    page.fill("#i-lead", "Woningcorporatie")
    page.locator("input[name='funding.Wmo']").check()
    page.locator("input[name='funding.Zvw']").check()
    page.locator("input[name='integrated']").check()
    page.fill("#i-areas", "1002, 1003")
    page.fill("#i-budget", "250.000")
    page.get_by_role("button", name="Toevoegen").click()
    page.wait_for_selector("#initiative")
    assert "250.000,00" in page.locator("#initiative").inner_text()
    page.goto(server + "/regio/RG01/initiatieven?speerpunt=wonen")
    page.wait_for_selector("#fig-kaart-initiatieven[data-ready='1']")
    assert "Housing First Regio 01" in page.locator("#initiatives").inner_text()
    shot(page, "agenda-02-initiatieven")

    # hold a second review, answer, decide, close; then it can no longer be edited
    _hold_review(page, server, "najaar", "Peilmoment najaar", "2026-10-01")
    page.get_by_label("Waar staan we?").fill("De eerste woningen zijn beschikbaar.")
    page.get_by_label("Nieuw besluit").fill("Housing First opschalen naar alle gemeenten.")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_selector("#decisions li:has-text('opschalen')")
    page.get_by_role("button", name="Peilmoment sluiten").click()
    page.wait_for_selector("text=Dit peilmoment is gesloten")
    assert page.locator("#answers-form").count() == 0
    shot(page, "agenda-03-peilmoment")

    # compare with the earlier review
    page.get_by_label("Vergelijk met").select_option("voorjaar")
    page.get_by_role("button", name="Vergelijk").click()
    page.wait_for_selector("#initiative-changes")
    assert "Housing First Regio 01" in page.locator("#initiative-changes").inner_text()
    assert any("gewone wijk" in text for text in page.locator(".diff ins").all_inner_texts())
    assert "Housing First opschalen" in page.content()
    shot(page, "agenda-04-vergelijking")
    assert page.errors == []  # type: ignore[attr-defined]
