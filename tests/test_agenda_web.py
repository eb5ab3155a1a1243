"""The agenda through the API and pages (issue 23, docs/agenda.md), on SQLite and PostgreSQL:
texts and targets are versioned with their history, initiatives filter and keep their status
changes, a review freezes the state and is immutable once closed, two reviews compare, and
every new route follows the region roles (anonymous, viewer of another region, viewer,
editor)."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ggzregio.web.app import route_table
from tests.web_support import (
    EDITOR,
    VIEWER,
    Database,
    add_user,
    client_for,
    close_connections,
    csrf_of,
    login,
    token_for,
)

API = "/api/v1/regions"
AGENDA_PREFIXES = (
    "/agenda",
    "/initiatives",
    "/initiatieven",
    "/targets",
    "/streefcijfers",
    "/reviews",
    "/peilmomenten",
)


@pytest.fixture(scope="module")
def client(web_db: Database) -> Iterator[TestClient]:
    yield client_for(web_db.url)
    close_connections()


@pytest.fixture(scope="module")
def editor(web_db: Database) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(web_db.url, EDITOR)}"}


def _key(prefix: str) -> str:
    """A key unique per test run (the demo database is shared by the module's tests)."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def _initiative(key: str, **changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "key": key,
        "name": "Housing First Regio 01",
        "speerpunten": ["wonen", "verbindende_zorg"],
        "lead": "Woningcorporatie",
        "funding": ["Wmo", "Zvw"],
        "integrated": True,
        "areas": ["1002", "1003"],  # postcode areas of the demo's RG01 (municipality VG001)
        "budget_cents": 125_000_000,
        "start": "2026-01-01",
        "end": "2028-12-31",
        "indicators": ["qol_grade"],
    }
    body.update(changes)
    return body


# --- texts ------------------------------------------------------------------------------------


def test_texts_are_versioned_with_history_and_diff(
    client: TestClient, editor: dict[str, str]
) -> None:
    question = "wat_nodig"
    url = f"{API}/RG01/agenda/texts"
    first = client.post(
        url,
        headers=editor,
        json={"speerpunt": "wonen", "question": question, "text": "Meer woningen."},
    )
    assert first.status_code == 201, first.text
    version = first.json()["version"]
    second = client.post(
        url,
        headers=editor,
        json={
            "speerpunt": "wonen",
            "question": question,
            "text": "Meer betaalbare woningen.",
            "expected_version": version,
        },
    )
    assert second.status_code == 201
    assert second.json()["version"] == version + 1
    # a writer who started from the older version is refused: no lost update
    stale = client.post(
        url,
        headers=editor,
        json={"speerpunt": "wonen", "question": question, "text": "x", "expected_version": version},
    )
    assert stale.status_code == 409
    versions = client.get(f"{url}/wonen/{question}/versions", headers=editor).json()
    assert [v["text"] for v in versions[-2:]] == ["Meer woningen.", "Meer betaalbare woningen."]
    assert all(v["author_id"] for v in versions)
    diff = client.get(
        f"{url}/wonen/{question}/diff",
        params={"before": version, "after": version + 1},
        headers=editor,
    ).json()
    assert ["insert", "betaalbare "] in diff["ops"]
    current = client.get(url, headers=editor).json()
    slot = [t for t in current["texts"] if t["speerpunt"] == "wonen" and t["question"] == question]
    assert slot[0]["text"] == "Meer betaalbare woningen."
    # unknown speerpunt or question: refused, nothing stored
    bad = client.post(
        url, headers=editor, json={"speerpunt": "nope", "question": question, "text": "x"}
    )
    assert bad.status_code == 422
    assert "speerpunt" in bad.json()["detail"]


def test_text_page_shows_history_and_diff(web_db: Database, client: TestClient) -> None:
    browser = client_for(web_db.url)
    login(browser, EDITOR)
    page = "/regio/RG01/agenda/werk_onderwijs_inkomen/versterken"
    for text in ("Eerste versie.", "Tweede versie, langer."):
        token = csrf_of(browser, page)
        current = re.search(r'name="expected_version" value="(\d+)"', browser.get(page).text)
        assert current
        saved = browser.post(
            page, data={"csrf_token": token, "text": text, "expected_version": current.group(1)}
        )
        assert saved.status_code == 303
    shown = browser.get(page).text
    assert "Tweede versie, langer." in shown
    assert "<del>Eerste" in shown
    assert "Alle versies" in shown
    grid = browser.get("/regio/RG01/agenda").text
    assert "Goed en betaalbaar wonen" in grid
    assert "Tweede versie, langer." in grid


# --- initiatives ------------------------------------------------------------------------------


def test_initiatives_filter_and_keep_status_history(
    client: TestClient, editor: dict[str, str]
) -> None:
    key = _key("hf")
    url = f"{API}/RG01/initiatives"
    created = client.post(url, headers=editor, json=_initiative(key))
    assert created.status_code == 201, created.text
    assert created.json()["areas"] == ["1002", "1003"]
    assert client.post(url, headers=editor, json=_initiative(key)).status_code == 409
    refused = client.post(url, headers=editor, json=_initiative(_key("x"), funding=["Wmo"]))
    assert refused.status_code == 422  # an integrated budget needs two streams
    by_municipality = client.get(url, params={"gemeente": "VG001"}, headers=editor).json()
    assert key in [i["key"] for i in by_municipality]
    assert key not in [
        i["key"]
        for i in client.get(url, params={"speerpunt": "hulp_behandeling"}, headers=editor).json()
    ]
    changed = client.post(
        f"{url}/{key}/status", headers=editor, json={"status": "gestart", "note": "go"}
    )
    assert changed.status_code == 201
    assert (
        client.post(f"{url}/{key}/status", headers=editor, json={"status": "gestart"}).status_code
        == 422
    )
    put = client.put(
        f"{url}/{key}", headers=editor, json=_initiative(key, status="lopend", name="HF")
    )
    assert put.status_code == 200
    detail = put.json()
    assert detail["name"] == "HF"
    assert [(c["before"], c["after"]) for c in detail["status_history"]] == [
        ("idee", "gestart"),
        ("gestart", "lopend"),
    ]
    assert client.get(url, params={"status": "lopend"}, headers=editor).json()[0]["key"] == key
    history = client.get(f"{API}/RG01/history", params={"size": 500}, headers=editor).json()
    fields = {(e["key"], e["field"]) for e in history["items"] if e["entity"] == "initiative"}
    assert (f"RG01/{key}", "name") in fields


def test_initiatives_page_has_filters_and_map(web_db: Database) -> None:
    browser = client_for(web_db.url)
    login(browser, EDITOR)
    key = _key("pt")
    token = csrf_of(browser, "/regio/RG01/initiatieven")
    form = {
        "csrf_token": token, "key": key, "name": "Proeftuin herstel", "kind": "proeftuin",
        "speerpunt.ontmoeting_emancipatie": "1", "lead": "Cliëntenraad", "funding.Wmo": "1",
        "areas": "1002", "budget": "12.500,50", "status": "idee",
    }  # fmt: skip
    created = browser.post("/regio/RG01/initiatieven", data=form)
    assert created.status_code == 303, created.text[:500]
    page = browser.get("/regio/RG01/initiatieven", params={"speerpunt": "ontmoeting_emancipatie"})
    assert "Proeftuin herstel" in page.text
    assert 'id="fig-kaart-initiatieven"' in page.text
    detail = browser.get(f"/regio/RG01/initiatieven/{key}").text
    assert "12.500,50" in detail  # Dutch amount, read and shown


# --- targets ----------------------------------------------------------------------------------


def test_targets_are_reset_with_history_and_progress(
    client: TestClient, editor: dict[str, str]
) -> None:
    key = _key("qol")
    url = f"{API}/RG01/targets"
    body = {
        "key": key, "indicator": "qol_grade", "value": 7.0, "target_date": "2030-01-01",
        "agreed_at": "2020-01-01", "agreed_by": "regiegroep",
    }  # fmt: skip
    assert client.post(url, headers=editor, json=body).json()["version"] == 1
    reset = client.post(url, headers=editor, json={**body, "value": 7.5, "agreed_at": "2023-06-01"})
    assert reset.json()["version"] == 2
    earlier = client.post(url, headers=editor, json={**body, "agreed_at": "2019-01-01"})
    assert earlier.status_code == 422  # agreed before the latest version
    outside = client.post(url, headers=editor, json={**body, "value": 11})
    assert outside.status_code == 422  # a grade is 1-10
    found = next(t for t in client.get(url, headers=editor).json() if t["key"] == key)
    assert [v["value"] for v in found["versions"]] == [7.0, 7.5]
    assert found["in_force"] == 2
    assert [p["version"] for p in found["progress"]] == [1, 2]
    assert all(p["latest"] is not None for p in found["progress"])


# --- reviews ----------------------------------------------------------------------------------


def _review(
    client: TestClient, editor: dict[str, str], key: str, held_on: str
) -> dict[str, object]:
    body = {"key": key, "title": f"Peilmoment {key}", "held_on": held_on,
            "answers": {"waar_staan_we": "We staan er redelijk voor."}}  # fmt: skip
    response = client.post(f"{API}/RG01/reviews", headers=editor, json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_closed_review_is_immutable(client: TestClient, editor: dict[str, str]) -> None:
    key = _key("p")
    snapshot = _review(client, editor, key, "2026-03-01")
    assert snapshot["closed_at"] is None
    url = f"{API}/RG01/reviews/{key}"
    put = client.put(url, headers=editor, json={"decisions": ["Meer woningen voor uitstroom."]})
    assert put.status_code == 200
    assert put.json()["decisions"] == ["Meer woningen voor uitstroom."]
    closed = client.post(f"{url}/close", headers=editor)
    assert closed.status_code == 200
    assert closed.json()["closed_at"]
    for attempt in (
        client.put(url, headers=editor, json={"title": "Anders"}),
        client.put(url, headers=editor, json={"refresh": True}),
        client.post(f"{url}/close", headers=editor),
    ):
        assert attempt.status_code == 409, attempt.text
        assert "gesloten" in attempt.json()["detail"]
    assert client.get(url, headers=editor).json() == closed.json()


def test_two_reviews_compare(client: TestClient, editor: dict[str, str]) -> None:
    first, second = _key("a"), _key("b")
    _review(client, editor, first, "2026-01-15")
    client.post(f"{API}/RG01/reviews/{first}/close", headers=editor)
    key = _key("new")
    client.post(f"{API}/RG01/initiatives", headers=editor, json=_initiative(key, name="Nieuw"))
    client.post(
        f"{API}/RG01/agenda/texts",
        headers=editor,
        json={"speerpunt": "hulp_behandeling", "question": "nieuwe_acties", "text": _key("tekst")},
    )
    _review(client, editor, second, "2026-09-15")
    client.put(f"{API}/RG01/reviews/{second}", headers=editor, json={"decisions": ["Opschalen."]})
    found = client.get(
        f"{API}/RG01/reviews/compare", params={"before": first, "after": second}, headers=editor
    ).json()
    assert found["empty"] is False
    changes = found["comparison"]
    assert key in [i["key"] for i in changes["initiatives_added"]]
    assert "hulp_behandeling/nieuwe_acties" in [x["key"] for x in changes["texts"]]
    assert changes["decisions_added"] == ["Opschalen."]
    same = client.get(
        f"{API}/RG01/reviews/compare", params={"before": first, "after": first}, headers=editor
    ).json()
    assert same["empty"] is True


# --- access -----------------------------------------------------------------------------------


def _agenda_routes(client: TestClient) -> list[tuple[str, str, str | None]]:
    found = [
        (m, p, level)
        for m, p, level in route_table(client.app)  # type: ignore[arg-type]
        if any(part in p for part in AGENDA_PREFIXES) and "{code}" in p
    ]
    assert len(found) >= 30
    return found


def _concrete(path: str, code: str) -> str:
    values = {
        "code": code,
        "speerpunt": "wonen",
        "question": "waar_naartoe",
        "vraag": "waar_naartoe",
    }
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), "x"), path)


def test_every_agenda_route_follows_the_region_roles(web_db: Database, client: TestClient) -> None:
    """Anonymous: nothing (401 API, sign-in page); a viewer of another region and an editor of
    another region: 403; the region's viewer reads but does not write; its editor writes."""
    add_user(web_db.url, "client-org@voorbeeld.nl", {"RG01": "viewer"})  # a client organisation
    viewer_a = {"Authorization": f"Bearer {token_for(web_db.url, 'client-org@voorbeeld.nl')}"}
    viewer_b = {"Authorization": f"Bearer {token_for(web_db.url, VIEWER)}"}  # viewer of RG02
    editor_a = {"Authorization": f"Bearer {token_for(web_db.url, EDITOR)}"}
    for method, path, level in _agenda_routes(client):
        assert level in ("viewer", "editor"), (method, path, level)
        own = _concrete(path, "RG01")
        anonymous = client.request(method, own, json={})
        assert anonymous.status_code in ((401,) if path.startswith("/api/") else (303, 401)), path
        other = client.request(method, own, headers=viewer_b, json={})
        assert other.status_code == 403, f"{method} {path}: {other.status_code}"
        as_viewer = client.request(method, own, headers=viewer_a, json={})
        if level == "editor":
            assert as_viewer.status_code == 403, f"{method} {path}"
        else:
            assert as_viewer.status_code not in (401, 403), f"{method} {path}"
        as_editor = client.request(method, own, headers=editor_a, json={})
        assert as_editor.status_code not in (401, 403), f"{method} {path}"
        assert as_editor.status_code < 500, f"{method} {path}: {as_editor.text[:300]}"


def test_agenda_writes_are_audited(
    web_db: Database, client: TestClient, editor: dict[str, str]
) -> None:
    from ggzregio.storage.database import make_engine, session_factory
    from ggzregio.storage.models import AuditEntry

    key = _key("audit")
    client.post(f"{API}/RG01/initiatives", headers=editor, json=_initiative(key))
    engine = make_engine(web_db.url)
    with session_factory(engine)() as db:
        entries = db.query(AuditEntry).filter(AuditEntry.detail == key).all()
    engine.dispose()
    assert [(e.action, e.region_code) for e in entries] == [("initiative.create", "RG01")]
    assert entries[0].user_id is not None


# --- command line export ----------------------------------------------------------------------


def test_cli_export_in_three_formats_is_formula_safe(
    web_db: Database, client: TestClient, editor: dict[str, str], tmp_path: Path
) -> None:
    import openpyxl

    from tests.conftest import invoke

    key = _key("formula")
    body = _initiative(key, name='=HYPERLINK("http://example.invalid")')
    assert client.post(f"{API}/RG01/initiatives", headers=editor, json=body).status_code == 201
    for suffix in ("xlsx", "csv", "json"):
        code, output = invoke(
            "agenda", "export", "RG01", "--out", str(tmp_path / f"agenda.{suffix}"),
            "--database-url", web_db.url,
        )  # fmt: skip
        assert code == 0, output
    sheet = openpyxl.load_workbook(tmp_path / "agenda.xlsx")["initiatieven"]
    cells = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=HYPER")]
    assert cells
    assert all(c.data_type == "s" for c in cells)
    text = (tmp_path / "agenda-initiatieven.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text
    document = json.loads((tmp_path / "agenda.json").read_text(encoding="utf-8"))
    assert key in [i["key"] for i in document["initiatives"]]
    assert {"agenda", "targets", "latest_review"} <= set(document)
    code, output = invoke("agenda", "export", "RG01", "--out", str(tmp_path / "a.txt"))
    assert code == 2


# --- regiobeeld report ------------------------------------------------------------------------


def test_report_chapter_for_members_only(
    web_db: Database, client: TestClient, editor: dict[str, str]
) -> None:
    """The chapter shows the current texts, the initiatives and the latest closed review when
    the content carries the agenda (members); the public report (no agenda) omits it."""
    from ggzregio.app.context import Context
    from ggzregio.app.reports import gather
    from ggzregio.report.document import render_html

    key = _key("rapport")
    text = f"Tekst voor het rapport {key}."
    client.post(
        f"{API}/RG01/agenda/texts",
        headers=editor,
        json={"speerpunt": "wonen", "question": "stand_van_zaken", "text": text},
    )
    _review(client, editor, key, "2026-11-30")
    client.put(f"{API}/RG01/reviews/{key}", headers=editor, json={"decisions": [f"Besluit {key}"]})
    client.post(f"{API}/RG01/reviews/{key}/close", headers=editor)
    ctx = Context.open(web_db.url)
    try:
        with ctx.factory() as db:
            public = gather(ctx, db, "RG01", include_observed=False)
            members = gather(ctx, db, "RG01", include_observed=True)
    finally:
        ctx.engine.dispose()
    assert 'id="agenda"' not in render_html(public)
    html = render_html(members)
    assert 'id="agenda"' in html
    assert text in html
    assert f"Besluit {key}" in html
    assert "Laatste gesloten peilmoment" in html


def test_monitor_section_shows_progress_against_every_version(
    web_db: Database, client: TestClient, editor: dict[str, str]
) -> None:
    """The monitor page's section (``agenda_monitor.html``) shows the target in force and the
    earlier versions when the page passes ``outcome_targets``; anonymous readers see none."""
    from ggzregio.accounts import ANONYMOUS
    from ggzregio.app import agenda as ag
    from ggzregio.app.context import Context
    from ggzregio.storage.models import Region
    from ggzregio.storage.users import principal, user_by_email
    from ggzregio.web.render import environment

    key = _key("werk")
    body = {
        "key": key, "indicator": "paid_work_pct", "value": 30, "target_date": "2030-01-01",
        "agreed_at": "2021-01-01", "agreed_by": "regiegroep",
    }  # fmt: skip
    client.post(f"{API}/RG01/targets", headers=editor, json=body)
    client.post(f"{API}/RG01/targets", headers=editor, json={**body, "value": 35})
    ctx = Context.open(web_db.url)
    try:
        with ctx.factory() as db:
            found = [tp for tp in ag.target_progress(ctx, db, "RG01") if tp.key == key]
            region = db.get(Region, "RG01")
            user = user_by_email(db, EDITOR)
            assert user is not None
            member = principal(db, user, "token")
    finally:
        ctx.engine.dispose()
    template = environment.get_template("agenda_monitor.html")
    shown = template.render(user=member, region=region, outcome_targets=found, lang="nl")
    assert "Van kracht (versie 2)" in shown
    assert shown.count("<tr") == 3  # the header, version 2 and version 1
    assert "eigen-streefcijfers" not in template.render(user=ANONYMOUS, region=region, lang="nl")


def test_the_monitor_page_shows_a_members_targets(
    web_db: Database, client: TestClient, editor: dict[str, str]
) -> None:
    """Through the page itself: a member sees the region's re-set target with both versions;
    a visitor sees no section."""
    key = _key("eenzaam")
    body = {
        "key": key, "indicator": "lonely_pct", "value": 40, "target_date": "2030-01-01",
        "agreed_at": "2021-01-01", "agreed_by": "regiegroep",
    }  # fmt: skip
    client.post(f"{API}/RG01/targets", headers=editor, json=body)
    client.post(f"{API}/RG01/targets", headers=editor, json={**body, "value": 35})
    member = client_for(web_db.url)
    login(member, EDITOR)
    page = member.get("/regio/RG01/monitor")
    assert page.status_code == 200
    assert key in page.text
    assert "Van kracht (versie 2)" in page.text
    visitor = client_for(web_db.url).get("/regio/RG01/monitor")
    assert "eigen-streefcijfers" not in visitor.text


def test_refused_forms_are_shown_again_with_what_was_typed(web_db: Database) -> None:
    browser = client_for(web_db.url)
    login(browser, EDITOR)
    token = csrf_of(browser, "/regio/RG01/initiatieven")
    form = {
        "csrf_token": token, "key": _key("f"), "name": "Herstelacademie", "lead": "GGZ",
        "speerpunt.wonen": "1", "funding.Wmo": "1", "integrated": "1", "budget": "1.250,5",
    }  # fmt: skip
    refused = browser.post("/regio/RG01/initiatieven", data=form)
    assert refused.status_code == 422
    assert 'value="Herstelacademie"' in refused.text
    assert "ten minste twee financieringsstromen" in refused.text
    target = browser.post(
        "/regio/RG01/streefcijfers",
        data={"csrf_token": token, "key": _key("t"), "indicator": "qol_grade", "value": "12,5",
              "target_date": "2030-01-01", "agreed_at": "2026-01-01", "agreed_by": "rg"},
    )  # fmt: skip
    assert target.status_code == 422
    assert 'value="12,5"' in target.text
    assert "buiten het bereik" in target.text
    page = "/regio/RG01/agenda/verbindende_zorg/wat_nodig"
    browser.post(page, data={"csrf_token": token, "text": "Eerst.", "expected_version": "0"})
    stale = browser.post(
        page, data={"csrf_token": token, "text": "Mijn tekst.", "expected_version": "0"}
    )
    assert stale.status_code == 422
    assert "Mijn tekst.</textarea>" in stale.text
    assert "nieuwere versie" in stale.text
