"""Codes in tables (statuses) are shown in the user's language, never as raw codes."""

from __future__ import annotations

import pandas as pd
import pytest

from ggzregio.i18n import set_language
from ggzregio.web.render import Column, table_view
from tests.web_support import Database, client_for


def test_status_codes_are_named_in_the_active_language() -> None:
    frame = pd.DataFrame({"status": ["below", "within", "something_else"]})
    columns = [Column("status", "col.status", codes="status.")]
    try:
        set_language("nl")
        dutch = [row[0][0] for row in table_view("t", "", frame, columns).rows]
        set_language("en")
        english = [row[0][0] for row in table_view("t", "", frame, columns).rows]
    finally:
        set_language(None)
    assert dutch == ["onder doel", "binnen bereik", "something_else"]  # unknown code kept
    assert english == ["below target", "within range", "something_else"]


@pytest.mark.parametrize("web_db", ["sqlite"], indirect=True)
def test_monitor_page_names_progress_and_data_status(web_db: Database) -> None:
    page = client_for(web_db.url).get("/regio/RG01/monitor").text
    assert any(s in page for s in ("gehaald", "voor op schema", "achter op schema"))
    for raw in (">behind<", ">ahead<", ">met<", ">provisional<", ">final<"):
        assert raw not in page


def _cells(frame: pd.DataFrame, columns: list[Column], **kwargs: object) -> list[tuple[str, ...]]:
    view = table_view("t", "", frame, columns, **kwargs)  # type: ignore[arg-type]
    return [tuple(text for text, _sort in row) for row in view.rows]


@pytest.mark.parametrize(
    ("language", "never"), [("nl", "niet op deze trend"), ("en", "not on this trend")]
)
def test_years_infinity_and_nan_are_read_as_words(language: str, never: str) -> None:
    frame = pd.DataFrame(
        {
            "year": [2028, 2031, 2040],
            "projected_year": [2028.4, float("inf"), float("nan")],
            "value": [12345.678, float("inf"), float("nan")],
        }
    )
    columns = [
        Column("year", "col.year", kind="year"),
        Column("projected_year", "col.projected_year", 0, kind="year"),
        Column("value", "col.value", 1),
    ]
    try:
        set_language(language)  # type: ignore[arg-type]
        view = table_view("t", "", frame, columns)
    finally:
        set_language(None)
    texts = [tuple(text for text, _ in row) for row in view.rows]
    big = "12.345,7" if language == "nl" else "12,345.7"
    assert texts == [("2028", "2028", big), ("2031", never, "∞"), ("2040", "–", "–")]
    assert view.rows[1][1][1] == "Infinity"  # the page's script sorts it last, not as NaN
    assert all(c.numeric for c in view.columns)


def test_codes_are_named_by_message_prefix_or_by_a_mapping() -> None:
    frame = pd.DataFrame(
        {
            "indicator": ["population", "fact_teams", "unknown"],
            "position": ["within", "above", "none"],
        }
    )
    columns = [
        Column("indicator", "col.indicator"),
        Column("position", "col.position", codes="mon.position."),
    ]
    names = {"indicator": {"population": "Inwoners", "fact_teams": "FACT-teams"}}
    try:
        set_language("nl")
        dutch = _cells(frame, columns, labels=names)
        set_language("en")
        english = _cells(frame, columns)
    finally:
        set_language(None)
    assert dutch == [("Inwoners", "binnen"), ("FACT-teams", "boven"), ("unknown", "–")]
    assert [row[1] for row in english] == ["within", "above", "–"]


def test_decimals_per_row_and_euro_columns() -> None:
    frame = pd.DataFrame(
        {"value": [50_288_966.0, 15.84], "decimals": [0, 1], "eur": [12_345_678.9, 1_425_000.0]}
    )
    columns = [
        Column("value", "col.value", 1, decimals_from="decimals"),
        Column("eur", "col.eur", kind="eur"),
    ]
    try:
        set_language("nl")
        dutch = _cells(frame, columns)
        set_language("en")
        english = _cells(frame, columns)
    finally:
        set_language(None)
    assert dutch == [("50.288.966", "€\xa012.345.679"), ("15,8", "€\xa01.425.000")]
    assert english == [("50,288,966", "€12,345,679"), ("15.8", "€1,425,000")]
