"""Numbers typed into the web forms are read in the request's language (issue 17, point 7):
in Dutch ``250.000`` is 250000 (it was read as 250), in English ``250,000`` is."""

from __future__ import annotations

import html
import io

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from tests.web_support import Database, client_for

CATCHMENT = "capacity.iht.catchment"  # inhabitants per IHT team, pre-filled 100.000


@pytest.fixture(scope="module")
def site(web_db: Database) -> TestClient:
    return client_for(web_db.url)


def _iht_teams(site: TestClient, params: dict[str, str]) -> float:
    response = site.get("/regio/RG01/download/plan.csv", params=params)
    assert response.status_code == 200, response.text[:500]
    plan = pd.read_csv(io.StringIO(response.text)).set_index("item")
    return float(plan.loc["iht", "units_mid"])


def test_planning_form_reads_dutch_thousands(site: TestClient) -> None:
    typed = _iht_teams(site, {CATCHMENT: "250.000"})
    assert typed == pytest.approx(_iht_teams(site, {CATCHMENT: "250000"}))
    assert typed == pytest.approx(722_061 / 250_000)  # RG01's inhabitants per team
    assert typed < _iht_teams(site, {CATCHMENT: "250"}) / 100


def test_planning_form_reads_english_thousands_with_lang_en(site: TestClient) -> None:
    typed = _iht_teams(site, {CATCHMENT: "250,000", "lang": "en"})
    assert typed == pytest.approx(722_061 / 250_000)


def test_planning_form_pre_fills_values_it_reads_back(site: TestClient) -> None:
    page = site.get("/regio/RG01/planning").text
    assert f'name="{CATCHMENT}" value="100.000"' in page
    assert 'name="spending.clinical.share" value="0,275"' in page
    english = site.get("/regio/RG01/planning", params={"lang": "en"}).text
    assert f'name="{CATCHMENT}" value="100,000"' in english
    changed = site.get("/regio/RG01/planning", params={CATCHMENT: "250.000"}).text
    assert f'name="{CATCHMENT}" value="250.000"' in changed


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"capacity.fact.per_100k": "12.5"}, "'12.5' is geen geldig getal in het Nederlands"),
        ({CATCHMENT: "250,000"}, "gelezen als 250; schrijf 250, of 250.000"),
        ({CATCHMENT: "250.000", "lang": "en"}, "it reads 250; write 250, or 250,000"),
    ],
)
def test_planning_form_refuses_what_is_not_valid_in_the_language(
    site: TestClient, params: dict[str, str], shown: str
) -> None:
    page = site.get("/regio/RG01/planning", params=params)
    assert page.status_code == 200
    assert shown in html.unescape(page.text)
    assert 'id="total-eur"' not in page.text  # no plan computed from a guess
