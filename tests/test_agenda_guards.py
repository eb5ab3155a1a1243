"""Guards of the agenda's writes (issue 23 review, docs/agenda.md), on SQLite and PostgreSQL:
a change racing a review's closing or another change is refused (409), never written over a
stale copy; an initiative change keeps what it leaves out; every way in refuses control
characters, budgets above the one maximum, numbers sent as strings and areas outside the
region; versions and status changes name the account."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ggzregio.agenda import Initiative, validate_initiative
from ggzregio.agenda.initiatives import parse_budget
from ggzregio.agenda.problems import AREAS_MAX, BUDGET_MAX_CENTS, AgendaError, check_text
from ggzregio.storage import agenda as store
from tests.web_support import EDITOR, Database, client_for, close_connections, csrf_of, login

API = "/api/v1/regions/RG01"
EDITOR_NAME = "Redacteur Regio 01 (demo)"


@pytest.fixture(scope="module")
def client(web_db: Database) -> Iterator[TestClient]:
    yield client_for(web_db.url)
    close_connections()


@pytest.fixture(scope="module")
def other(web_db: Database) -> TestClient:
    """A second client: the other writer of a race."""
    return client_for(web_db.url)


@pytest.fixture(scope="module")
def editor(web_db: Database) -> dict[str, str]:
    from tests.web_support import token_for

    return {"Authorization": f"Bearer {token_for(web_db.url, EDITOR)}"}


@pytest.fixture(scope="module")
def browser(web_db: Database) -> TestClient:
    found = client_for(web_db.url)
    login(found, EDITOR)
    return found


def _key(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def _initiative(key: str, **changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "key": key, "name": "Herstelwerkplaats", "speerpunten": ["wonen"], "lead": "GGZ",
        "funding": ["Wmo"], "areas": ["1002"], "budget_cents": 500_000, "notes": "Start 2027.",
    }  # fmt: skip
    body.update(changes)
    return body


def _between(monkeypatch: pytest.MonkeyPatch, name: str, meanwhile: Callable[[], Any]) -> list[Any]:
    """Run ``meanwhile`` (another writer) once, right after the storage's ``name`` read the
    row for the request under test: the race made certain, without timing."""
    original = getattr(store, name)
    done: list[Any] = []
    armed = [True]

    def read_then_race(*args: Any) -> Any:
        found = original(*args)
        if armed.pop() if armed else False:  # once: the other writer reads unhindered
            done.append(meanwhile())
        return found

    monkeypatch.setattr(store, name, read_then_race)
    return done


# --- F2: a review closed while it is changed ------------------------------------------------


def test_review_closed_during_a_change_stays_closed_and_unchanged(
    client: TestClient, other: TestClient, editor: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key = _key("race")
    url = f"{API}/reviews/{key}"
    body = {"key": key, "title": "Voor", "held_on": "2026-06-01"}
    assert client.post(f"{API}/reviews", headers=editor, json=body).status_code == 201
    done = _between(
        monkeypatch, "review_record", lambda: other.post(f"{url}/close", headers=editor)
    )
    changed = client.put(url, headers=editor, json={"title": "Na het sluiten"})
    monkeypatch.undo()
    assert done[0].status_code == 200
    closed_at = done[0].json()["closed_at"]
    assert changed.status_code == 409, changed.text
    assert f"gesloten op {closed_at}" in changed.json()["detail"]  # the stored date, not ""
    stored = client.get(url, headers=editor).json()
    assert (stored["title"], stored["closed_at"]) == ("Voor", closed_at)


def test_review_changed_meanwhile_is_a_conflict(
    client: TestClient, other: TestClient, editor: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key = _key("twee")
    url = f"{API}/reviews/{key}"
    body = {"key": key, "title": "T", "held_on": "2026-06-01"}
    assert client.post(f"{API}/reviews", headers=editor, json=body).status_code == 201
    first = {"decisions": ["Besluit A"]}
    done = _between(
        monkeypatch, "review_record", lambda: other.put(url, headers=editor, json=first)
    )
    second = client.put(url, headers=editor, json={"decisions": ["Besluit B"]})
    monkeypatch.undo()
    assert done[0].status_code == 200
    assert second.status_code == 409, second.text
    assert client.get(url, headers=editor).json()["decisions"] == ["Besluit A"]


# --- F8: initiative changes at once ---------------------------------------------------------


def test_concurrent_status_changes_keep_a_true_history(
    client: TestClient, other: TestClient, editor: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key = _key("st")
    url = f"{API}/initiatives/{key}"
    assert (
        client.post(f"{API}/initiatives", headers=editor, json=_initiative(key)).status_code == 201
    )
    racing = {"status": "gestart"}
    done = _between(
        monkeypatch, "initiative_record",
        lambda: other.post(f"{url}/status", headers=editor, json=racing),
    )  # fmt: skip
    late = client.post(f"{url}/status", headers=editor, json={"status": "gestopt"})
    monkeypatch.undo()
    assert done[0].status_code == 201
    assert late.status_code == 409, late.text
    detail = client.get(url, headers=editor).json()
    assert detail["status"] == "gestart"
    assert [(c["before"], c["after"]) for c in detail["status_history"]] == [("idee", "gestart")]


def test_initiative_put_refuses_a_stale_revision_and_a_concurrent_put(
    client: TestClient, other: TestClient, editor: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key = _key("put")
    url = f"{API}/initiatives/{key}"
    client.post(f"{API}/initiatives", headers=editor, json=_initiative(key))
    revision = client.get(url, headers=editor).json()["revision"]
    first = client.put(url, headers=editor, json={"name": "A", "expected_revision": revision})
    assert first.status_code == 200, first.text
    stale = client.put(url, headers=editor, json={"name": "B", "expected_revision": revision})
    assert stale.status_code == 409
    assert "intussen gewijzigd" in stale.json()["detail"]
    done = _between(
        monkeypatch, "initiative_record",
        lambda: other.put(url, headers=editor, json={"lead": "Corporatie"}),
    )  # fmt: skip
    racing = client.put(url, headers=editor, json={"lead": "Gemeente"})
    monkeypatch.undo()
    assert done[0].status_code == 200
    assert racing.status_code == 409, racing.text
    assert client.get(url, headers=editor).json()[("lead")] == "Corporatie"


# --- F7: a change keeps what it leaves out --------------------------------------------------


def test_initiative_put_keeps_the_fields_left_out(
    client: TestClient, editor: dict[str, str]
) -> None:
    key = _key("keep")
    url = f"{API}/initiatives/{key}"
    created = client.post(
        f"{API}/initiatives", headers=editor, json=_initiative(key, status="lopend")
    )
    assert created.status_code == 201, created.text
    body = _initiative(key, name="Nieuwe naam")
    for left_out in ("status", "budget_cents", "notes"):
        body.pop(left_out, None)
    assert client.put(url, headers=editor, json=body).status_code == 200
    assert client.put(url, headers=editor, json={"lead": "Corporatie"}).status_code == 200
    found = client.get(url, headers=editor).json()
    assert (found["name"], found["lead"]) == ("Nieuwe naam", "Corporatie")
    assert (found["status"], found["budget_cents"], found["notes"]) == (
        "lopend", 500_000, "Start 2027.",
    )  # fmt: skip
    assert found["status_history"] == []
    cleared = client.put(url, headers=editor, json={"budget_cents": None})
    assert cleared.json()["budget_cents"] is None


# --- F5, F4, F6, F11: every way in ----------------------------------------------------------


def test_core_refuses_control_characters_and_too_large_budgets() -> None:
    assert {p.rule for p in check_text("name", "a\x00b")} == {"control_character"}
    assert {p.rule for p in check_text("name", "twee\nregels")} == {"control_character"}
    assert check_text("text", "regel 1\r\n\tregel 2", maximum=50_000) == []
    assert {p.rule for p in check_text("text", "a\x00b", maximum=50_000)} == {"control_character"}
    item = Initiative("k", "n", ("wonen",), "l", "idee", ("Wmo",), budget_cents=BUDGET_MAX_CENTS)
    assert validate_initiative(item) == []
    too_much = Initiative("k", "n", ("wonen",), "l", "idee", ("Wmo",), budget_cents=10**16)
    assert ("budget", "too_large") in {(p.field, p.rule) for p in validate_initiative(too_much)}
    with pytest.raises(AgendaError) as refused:
        parse_budget("99999999999999999999999")
    assert refused.value.rules() == {("budget", "too_large")}
    assert parse_budget("10.000.000.000.000") == BUDGET_MAX_CENTS


def test_forms_refuse_control_characters_and_huge_budgets_with_422(browser: TestClient) -> None:
    """The core refuses every control character (a NUL is also refused at the edge,
    ``web/text_guard.py``): an escape character shows the core's message."""
    page = "/regio/RG01/initiatieven"
    base = {"csrf_token": csrf_of(browser, page), "name": "Budget", "speerpunt.wonen": "1",
            "lead": "Corp", "funding.Wmo": "1", "status": "idee"}  # fmt: skip
    huge = browser.post(page, data={**base, "key": _key("b"), "budget": "99999999999999999999999"})
    assert huge.status_code == 422
    assert "budget: is te groot" in huge.text
    text = "/regio/RG01/agenda/wonen/versterken"
    reviews = "/regio/RG01/peilmomenten"
    key = _key("rv")
    made = browser.post(reviews, data={**base, "key": key, "title": "P", "held_on": "2026-01-01"})
    assert made.status_code == 303
    for control in ("\x00", "\x1b"):
        typed = f"a{control}b"
        named = browser.post(page, data={**base, "key": _key("n"), "name": typed})
        assert named.status_code == 422
        written = browser.post(text, data={"csrf_token": base["csrf_token"], "text": typed})
        assert written.status_code == 422
        if control != "\x00":
            assert "naam: bevat een stuurteken (U+001B)" in named.text
            assert "tekst: bevat een stuurteken (U+001B)" in written.text
        for field in ("decision", "answer.waar_staan_we"):
            saved = browser.post(
                f"{reviews}/{key}", data={"csrf_token": base["csrf_token"], field: typed}
            )
            assert saved.status_code == 422, field


def test_api_numbers_are_strict_and_budgets_bounded(
    client: TestClient, editor: dict[str, str]
) -> None:
    url = f"{API}/initiatives"
    as_text = client.post(url, headers=editor, json=_initiative(_key("s"), budget_cents="250.000"))
    assert as_text.status_code == 422
    assert "budget_cents" in as_text.text
    above = client.post(url, headers=editor, json=_initiative(_key("s"), budget_cents=10**15 + 1))
    assert above.status_code == 422
    texts = {"speerpunt": "wonen", "question": "waar_naartoe", "text": "x"}
    version_text = client.post(
        f"{API}/agenda/texts", headers=editor, json={**texts, "expected_version": "0"}
    )
    assert version_text.status_code == 422
    target = {"key": _key("t"), "indicator": "qol_grade", "value": "7.5",
              "target_date": "2030-01-01", "agreed_at": "2026-01-01",
              "agreed_by": "rg"}  # fmt: skip
    assert client.post(f"{API}/targets", headers=editor, json=target).status_code == 422
    agreed = client.post(f"{API}/targets", headers=editor, json={**target, "value": 7.5})
    assert agreed.status_code == 201, agreed.text  # dates as ISO strings still read


def test_areas_belong_to_the_region_with_one_cap(
    client: TestClient, browser: TestClient, editor: dict[str, str]
) -> None:
    url = f"{API}/initiatives"
    for areas in (["GM0363"], ["GM9999"], ["1002", "9999"]):
        refused = client.post(url, headers=editor, json=_initiative(_key("a"), areas=areas))
        assert refused.status_code == 422, areas
        assert "geen gemeente of gebied van deze regio" in refused.json()["detail"]
    many = [f"BU{i:08d}" for i in range(AREAS_MAX + 1)]
    assert (
        client.post(url, headers=editor, json=_initiative(_key("a"), areas=many)).status_code == 422
    )
    page = "/regio/RG01/initiatieven"
    form = {"csrf_token": csrf_of(browser, page), "key": _key("f"), "name": "Veel",
            "speerpunt.wonen": "1", "lead": "Corp", "funding.Wmo": "1",
            "areas": ",".join(f"BU{i:08d}" for i in range(3000))}  # fmt: skip
    shown = browser.post(page, data=form)
    assert shown.status_code == 422
    assert f"hooguit {AREAS_MAX}" in shown.text
    assert client.post(url, headers=editor, json=_initiative(_key("a"))).status_code == 201


def test_versions_and_status_changes_name_the_account(
    web_db: Database, client: TestClient, browser: TestClient, editor: dict[str, str]
) -> None:
    from ggzregio.app.agenda_export import agenda_export
    from ggzregio.app.context import Context

    body = {"speerpunt": "ontmoeting_emancipatie", "question": "waar_naartoe", "text": _key("t")}
    written = client.post(f"{API}/agenda/texts", headers=editor, json=body)
    assert written.json()["author"] == EDITOR_NAME
    versions = client.get(
        f"{API}/agenda/texts/ontmoeting_emancipatie/waar_naartoe/versions", headers=editor
    ).json()
    assert versions[-1]["author"] == EDITOR_NAME
    page = browser.get("/regio/RG01/agenda/ontmoeting_emancipatie/waar_naartoe").text
    assert EDITOR_NAME in page
    key = _key("wie")
    client.post(f"{API}/initiatives", headers=editor, json=_initiative(key))
    change = client.post(
        f"{API}/initiatives/{key}/status", headers=editor, json={"status": "gestart"}
    )
    assert change.json()["by_name"] == EDITOR_NAME
    assert EDITOR_NAME in browser.get(f"/regio/RG01/initiatieven/{key}").text
    ctx = Context.open(web_db.url)
    try:
        with ctx.factory() as db:
            exported = agenda_export(db, "RG01").tables()["agenda"]
    finally:
        ctx.engine.dispose()
    assert set(exported["author"]) == {EDITOR_NAME}


def test_a_review_created_twice_at_once_is_not_overwritten(
    client: TestClient, other: TestClient, editor: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key = _key("dubbel")
    first = {"key": key, "title": "Eerste", "held_on": "2026-06-01"}
    done = _between(
        monkeypatch, "review_record",
        lambda: other.post(f"{API}/reviews", headers=editor, json=first),
    )  # fmt: skip
    second = client.post(f"{API}/reviews", headers=editor, json={**first, "title": "Tweede"})
    monkeypatch.undo()
    assert done[0].status_code == 201
    assert second.status_code == 409, second.text
    assert client.get(f"{API}/reviews/{key}", headers=editor).json()["title"] == "Eerste"


def test_core_checks_areas_against_the_region() -> None:
    places = {"GM0363", "1012"}
    item = Initiative("k", "n", ("wonen",), "l", "idee", ("Wmo",), areas=("WK036301", "1012"))
    assert validate_initiative(item, areas=places) == []
    outside = Initiative(
        "k", "n", ("wonen",), "l", "idee", ("Wmo",), areas=("GM0014", "BU00140000")
    )
    found = [(p.field, p.rule, p.index) for p in validate_initiative(outside, areas=places)]
    assert found == [("areas", "not_in_region", 0), ("areas", "not_in_region", 1)]
    assert validate_initiative(outside) == []  # no region given: the codes' form only
    many = Initiative("k", "n", ("wonen",), "l", "idee", ("Wmo",), areas=("1012",) * 501)
    assert [p.rule for p in validate_initiative(many)] == ["too_many"]
