"""The response cache that carries the API under load: concurrent misses build once, anonymous
hits answer exactly what the full path answers, credentials always take the full path, and a
change made outside this process is seen (SQLite at once; PostgreSQL within MAX_AGE)."""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from ggzregio.app.context import Context, Settings
from ggzregio.app.revision import MAX_AGE
from ggzregio.storage.database import make_engine, normalise_url, session_factory
from tests.web_support import ADMIN, VIEWER, Database, add_user, client_for, login, token_for


def test_concurrent_misses_build_once(tmp_path: Any) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    state = Context(engine, session_factory(engine), Settings(database_url="sqlite://"))
    calls: list[int] = []
    results: list[int] = []

    def build() -> int:
        calls.append(1)
        time.sleep(0.2)
        return 42

    threads = [
        threading.Thread(target=lambda: results.append(state.cached(("k",), build)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [42] * 8
    assert len(calls) == 1


def test_failed_build_is_not_cached(tmp_path: Any) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    state = Context(engine, session_factory(engine), Settings(database_url="sqlite://"))

    def fail() -> int:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        state.cached(("k",), fail)
    assert state.cached(("k",), lambda: 7) == 7


@pytest.fixture(scope="module")
def api(web_db: Database) -> TestClient:
    return client_for(web_db.url)


def test_cached_answer_equals_full_answer(api: TestClient) -> None:
    first = api.get("/api/v1/regions/RG02/estimates", params={"size": 5})
    second = api.get("/api/v1/regions/RG02/estimates", params={"size": 5})
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    for header in ("content-type", "content-security-policy", "x-content-type-options"):
        assert second.headers[header] == first.headers[header]
    english = api.get("/api/v1/regions/RG02/estimates", params={"size": 5, "lang": "en"})
    assert english.headers["content-language"] == "en"
    # not the Dutch answer from the cache
    assert english.json()["metadata"]["WAARSCHUWING"].startswith("SYNTHETIC DEMO DATA")


def test_one_result_serves_every_language(
    web_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Results hold codes, so Dutch and English readers share one computed estimate and
    comparison; only the words differ (issue 18, point 4)."""
    from ggzregio.app import estimates

    built: list[str] = []
    real_estimate, real_compare = estimates.run_estimate, estimates.run_compare

    def counted_estimate(*args: Any, **kwargs: Any) -> Any:
        built.append("estimate")
        return real_estimate(*args, **kwargs)

    def counted_compare(*args: Any, **kwargs: Any) -> Any:
        built.append("compare")
        return real_compare(*args, **kwargs)

    monkeypatch.setattr(estimates, "run_estimate", counted_estimate)
    monkeypatch.setattr(estimates, "run_compare", counted_compare)
    client = client_for(web_db.url)
    token = token_for(web_db.url, ADMIN)
    headers = {"Authorization": f"Bearer {token}"}
    answers = {}
    for lang in ("nl", "en"):
        params = {"lang": lang, "size": 500}
        client.get("/api/v1/regions/RG01/estimates", params=params).raise_for_status()
        answer = client.get("/api/v1/regions/RG01/comparison", params=params, headers=headers)
        answers[lang] = answer.json()
    assert built == ["estimate", "compare"]  # once, for both languages
    nl, en = answers["nl"]["items"], answers["en"]["items"]
    assert [r["flags"] for r in nl] == [r["flags"] for r in en]  # the same codes
    flagged = [i for i, r in enumerate(nl) if r["flags"]]
    assert flagged
    assert all(nl[i]["flag_reason"] != en[i]["flag_reason"] for i in flagged)  # other words
    suppressed = next(r for r in nl if r["flags"].startswith("suppressed:"))
    assert suppressed["flag_reason"].startswith("niet getoond")


def test_credentials_never_take_the_cached_path(api: TestClient) -> None:
    assert api.get("/api/v1/regions").status_code == 200
    refused = api.get("/api/v1/regions", headers={"Authorization": "Bearer not-a-token"})
    assert refused.status_code == 401


def test_change_outside_this_process_is_seen(api: TestClient, web_db: Database) -> None:
    """A write through a plain database connection (as another worker or tool would make,
    unseen by this process's sessions) reaches the next anonymous read."""
    before = api.get("/api/v1/regions/RG43").json()["name"]
    assert api.get("/api/v1/regions/RG43").json()["name"] == before  # now cached
    outside = create_engine(normalise_url(web_db.url))
    update = "UPDATE regions SET name = :name, revision = revision + 1 WHERE code = 'RG43'"
    try:
        with outside.begin() as connection:
            connection.execute(text(update), {"name": "Regio Buiten"})
        if web_db.backend != "sqlite":
            time.sleep(MAX_AGE + 0.2)
        assert api.get("/api/v1/regions/RG43").json()["name"] == "Regio Buiten"
    finally:
        with outside.begin() as connection:
            connection.execute(text(update), {"name": before})
        outside.dispose()


# --- members on the fast path and cached page parts (issue 21, point 4) -----------------------


def _outside(url: str, statement: str, **values: Any) -> None:
    """A write through a plain connection, as another process or tool would make it."""
    engine = create_engine(normalise_url(url))
    try:
        with engine.begin() as connection:
            connection.execute(text(statement), values)
    finally:
        engine.dispose()


def _member(url: str, roles: dict[str, str]) -> str:
    email = f"cache-{uuid.uuid4().hex[:8]}@example.org"
    add_user(url, email, roles)
    return email


def test_member_reads_are_cached_per_role_and_a_revoked_token_is_refused_at_once(
    web_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ggzregio.web.routes import estimates as routes

    built: list[int] = []
    real = routes.cached_json

    def counted(*args: Any, **kwargs: Any) -> Any:
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(routes, "cached_json", counted)
    email = _member(web_db.url, {"RG01": "viewer"})
    client = client_for(web_db.url)
    headers = {"Authorization": f"Bearer {token_for(web_db.url, email)}"}
    path, params = "/api/v1/regions/RG01/comparison", {"size": 7}
    first = client.get(path, params=params, headers=headers)  # notes the token's first use
    client.get(path, params=params, headers=headers)  # the revision read again after it
    full = len(built)
    again = client.get(path, params=params, headers=headers)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert again.headers["cache-control"] == "no-store"
    assert len(built) == full  # answered by the fast path, after authentication
    # Other roles are not answered from the member's entry: the full path refuses them.
    other = {"Authorization": f"Bearer {token_for(web_db.url, VIEWER)}"}  # viewer of RG02
    assert client.get(path, params=params, headers=other).status_code == 403
    assert client.get(path, params=params).status_code == 401
    _outside(
        web_db.url,
        "UPDATE api_tokens SET revoked = :yes WHERE user_id = "
        "(SELECT id FROM users WHERE email = :email)",
        yes=True,
        email=email,
    )
    assert client.get(path, params=params, headers=headers).status_code == 401


def test_region_page_parts_are_kept_per_role_and_a_deactivated_account_sees_no_more(
    web_db: Database,
) -> None:
    email = _member(web_db.url, {"RG01": "viewer"})
    member = client_for(web_db.url)
    login(member, email, "geheim-wachtwoord")
    assert 'id="t-vergelijking"' in member.get("/regio/RG01").text  # observed vs expected
    visitor = client_for(web_db.url).get("/regio/RG01").text
    assert 'id="t-vergelijking"' not in visitor  # the member's parts are not the visitor's
    assert 'id="t-gebieden"' in visitor
    deactivate = "UPDATE users SET active = :no WHERE email = :email"
    _outside(web_db.url, deactivate, no=False, email=email)
    assert 'id="t-vergelijking"' not in member.get("/regio/RG01").text


def test_region_page_parts_follow_the_data_revision(web_db: Database) -> None:
    client = client_for(web_db.url)
    before = client.get("/regio/RG03").text
    assert "Gebied Buiten" not in before
    code = "SELECT MIN(area_code) FROM areas WHERE region_code = 'RG03'"
    rename = f"UPDATE areas SET area_name = :name WHERE area_code = ({code})"
    bump = "UPDATE regions SET revision = revision + 1 WHERE code = 'RG03'"
    engine = create_engine(normalise_url(web_db.url))
    try:
        with engine.begin() as connection:
            original = connection.execute(
                text(f"SELECT area_name FROM areas WHERE area_code = ({code})")
            ).scalar_one()
            connection.execute(text(rename), {"name": "Gebied Buiten"})
            connection.execute(text(bump))
        assert "Gebied Buiten" in client.get("/regio/RG03").text
    finally:
        with engine.begin() as connection:
            connection.execute(text(rename), {"name": original})
            connection.execute(text(bump))
        engine.dispose()
