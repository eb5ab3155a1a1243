"""Access control on every route: an editor of region A (RG01) can never read private data of
region B (RG02) nor change anything of B; anonymous visitors get nothing private; sign-in is
protected by CSRF and rate limiting; sessions use secure cookies; everything is audited."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from ggzregio.web.app import route_table
from tests.web_support import (
    ADMIN,
    EDITOR,
    VIEWER,
    Database,
    add_user,
    client_for,
    csrf_of,
    login,
    token_for,
)

PRIVATE = ("viewer", "editor", "admin")


def routes(client: TestClient) -> list[tuple[str, str, str | None]]:
    """(method, path, access) of every application route (API and pages)."""
    return route_table(client.app)  # type: ignore[arg-type]


def concrete(path: str, code: str) -> str:
    values = {"code": code, "year": "2026", "scenario_id": "1", "name": "inventaris", "fmt": "csv"}
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), "x"), path)


@pytest.fixture(scope="module")
def app_client(web_db: Database) -> TestClient:
    return client_for(web_db.url)


def test_every_route_declares_access(app_client: TestClient) -> None:
    undeclared = [(m, p) for m, p, level in routes(app_client) if level is None]
    assert undeclared == []


def test_editor_of_a_cannot_touch_private_or_write_routes_of_b(
    app_client: TestClient, web_db: Database
) -> None:
    """For every route of a region with a role requirement, a token of RG01's editor used on
    RG02 is refused with 403; the same request for RG01 is not refused for access reasons."""
    headers = {"Authorization": f"Bearer {token_for(web_db.url, EDITOR)}"}
    checked = 0
    for method, path, level in routes(app_client):
        if level not in PRIVATE or "{code}" not in path:
            continue
        response = app_client.request(method, concrete(path, "RG02"), headers=headers, json={})
        assert response.status_code == 403, f"{method} {path} answered {response.status_code}"
        if level != "admin":
            own = app_client.request(method, concrete(path, "RG01"), headers=headers, json={})
            assert own.status_code != 403, f"{method} {path} refused the region's own editor"
        checked += 1
    assert checked >= 15


def test_viewer_cannot_write(app_client: TestClient, web_db: Database) -> None:
    headers = {"Authorization": f"Bearer {token_for(web_db.url, VIEWER)}"}
    for method, path, level in routes(app_client):
        if level in ("editor", "admin") and "{code}" in path:
            response = app_client.request(method, concrete(path, "RG02"), headers=headers, json={})
            assert response.status_code == 403, f"{method} {path}"


def test_anonymous_gets_nothing_private(app_client: TestClient) -> None:
    for method, path, level in routes(app_client):
        if level in (*PRIVATE, "account", "national_admin"):
            response = app_client.request(method, concrete(path, "RG01"), json={})
            if path.startswith("/api/"):
                assert response.status_code == 401, f"{method} {path}"
            else:
                assert response.status_code in (303, 401), f"{method} {path}"


def test_private_downloads_and_page_sections(app_client: TestClient, web_db: Database) -> None:
    for name in ("vergelijking", "inventaris", "gap"):
        assert app_client.get(f"/regio/RG02/download/{name}.csv").status_code == 303
    page = app_client.get("/regio/RG01").text
    assert "Waargenomen aantallen komen uit declaratiegegevens" in page
    assert "Gemarkeerde gebieden" not in page
    editor = client_for(web_db.url)
    login(editor, EDITOR)
    assert editor.get("/regio/RG02/download/inventaris.csv").status_code == 403
    assert editor.get("/regio/RG01/download/inventaris.csv").status_code == 200
    assert "Gemarkeerde gebieden" in editor.get("/regio/RG01").text
    assert "Gemarkeerde gebieden" not in editor.get("/regio/RG02").text


def test_session_cookie_flags_and_csrf(web_db: Database) -> None:
    client = client_for(web_db.url)
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    response = client.post(
        "/login",
        data={"email": EDITOR, "password": "demo-wachtwoord", "csrf_token": token.group(1)},
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "secure" in cookie
    assert "samesite=lax" in cookie
    # a form post without the session's CSRF token is refused
    refused = client.post("/regio/RG01/inventaris?jaar=2026", data={"fact.fte": "1"})
    assert refused.status_code == 403
    accepted = client.post(
        "/regio/RG01/inventaris?jaar=2026",
        data={"csrf_token": csrf_of(client, "/regio/RG01/inventaris"), "inhabitants": "722061"},
    )
    assert accepted.status_code == 303


def test_sign_in_without_csrf_is_refused(web_db: Database) -> None:
    client = client_for(web_db.url)
    response = client.post("/login", data={"email": EDITOR, "password": "demo-wachtwoord"})
    assert response.status_code == 403
    assert "ggzregio_session" not in response.headers.get("set-cookie", "")


def test_sign_in_is_rate_limited_and_audited(web_db: Database) -> None:
    add_user(web_db.url, "limiet@voorbeeld.nl", {"RG03": "viewer"})
    client = client_for(web_db.url)
    statuses = []
    for _ in range(6):
        token = csrf_of(client, "/login")
        statuses.append(
            client.post(
                "/login",
                data={
                    "email": "limiet@voorbeeld.nl",
                    "password": "fout-fout-fout",
                    "csrf_token": token,
                },
            ).status_code
        )
    assert statuses[:5] == [401] * 5
    assert statuses[5] == 429
    # even the right password is refused while limited
    token = csrf_of(client, "/login")
    right = client.post(
        "/login",
        data={"email": "limiet@voorbeeld.nl", "password": "geheim-wachtwoord", "csrf_token": token},
    )
    assert right.status_code == 429
    admin = {"Authorization": f"Bearer {token_for(web_db.url, ADMIN)}"}
    log = client.get("/api/v1/audit", params={"size": 200}, headers=admin).json()["items"]
    actions = [a["action"] for a in log if a["detail"] == "limiet@voorbeeld.nl"]
    assert actions.count("login.failed") == 5
    assert "login.rate_limited" in actions


def test_audit_log_is_national_admin_only(app_client: TestClient, web_db: Database) -> None:
    editor = {"Authorization": f"Bearer {token_for(web_db.url, EDITOR)}"}
    assert app_client.get("/api/v1/audit", headers=editor).status_code == 403


def test_revoked_or_unknown_token_is_refused(app_client: TestClient) -> None:
    response = app_client.get("/api/v1/me", headers={"Authorization": "Bearer ggz_onzin"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_region_admin_manages_members_of_own_region_only(web_db: Database) -> None:
    add_user(web_db.url, "regiobeheer@voorbeeld.nl", {"RG04": "admin"})
    add_user(web_db.url, "nieuw@voorbeeld.nl", {})
    client = client_for(web_db.url)
    headers = {"Authorization": f"Bearer {token_for(web_db.url, 'regiobeheer@voorbeeld.nl')}"}
    body = {"email": "nieuw@voorbeeld.nl", "role": "editor"}
    assert client.put("/api/v1/regions/RG04/members", json=body, headers=headers).status_code == 200
    assert client.put("/api/v1/regions/RG05/members", json=body, headers=headers).status_code == 403
    me = client.get(
        "/api/v1/me",
        headers={"Authorization": f"Bearer {token_for(web_db.url, 'nieuw@voorbeeld.nl')}"},
    ).json()
    assert me["roles"] == {"RG04": "editor"}
