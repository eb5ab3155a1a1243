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
