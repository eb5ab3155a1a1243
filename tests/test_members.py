"""Members in the web application (issue 19, point 5): a region admin adds members with a role
and removes them; a new member gets a one-time link to set a password, shown to the admin
(no mail server); the link works once, expires, and every change is in the audit log."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from ggzregio.storage.database import make_engine, session_factory
from ggzregio.storage.models import AuditEntry, PasswordLink, now
from tests.web_support import Database, add_user, client_for, csrf_of, login, token_for

SQLITE = pytest.mark.parametrize("web_db", ["sqlite"], indirect=True)
LINK = re.compile(r'<code id="password-link">https?://[^/]+(/wachtwoord/[^<]+)</code>')


def _admin(web_db: Database) -> tuple[TestClient, str]:
    email = f"admin-{uuid.uuid4().hex[:6]}@regio01.nl"
    add_user(web_db.url, email, {"RG01": "admin"})
    client = client_for(web_db.url)
    login(client, email, "geheim-wachtwoord")
    return client, email


def _add(client: TestClient, email: str, role: str = "editor") -> str:
    page = client.post(
        "/regio/RG01/leden",
        data={"email": email, "role": role, "csrf_token": csrf_of(client, "/regio/RG01/leden")},
    )
    assert page.status_code == 200, page.text[:300]
    return page.text


def _set_password(url: str, path: str, password: str, repeat: str | None = None) -> int:
    person = client_for(url)
    token = csrf_of(person, "/login")  # the visitor's double-submit token
    done = person.post(
        path, data={"password": password, "repeat": repeat or password, "csrf_token": token}
    )
    return done.status_code


@SQLITE
def test_a_new_member_sets_a_password_through_a_one_time_link(web_db: Database) -> None:
    admin, _ = _admin(web_db)
    email = f"nieuw-{uuid.uuid4().hex[:6]}@gemeente.nl"
    page = _add(admin, email)
    link = LINK.search(page)
    assert link, "the one-time link is shown to the admin"
    path = link.group(1)
    form = client_for(web_db.url).get(path)
    assert form.status_code == 200
    assert email in form.text
    assert form.headers["referrer-policy"] == "no-referrer"
    assert _set_password(web_db.url, path, "kort") == 422  # the password rules hold
    assert _set_password(web_db.url, path, "een-goed-wachtwoord", "anders-wachtwoord") == 422
    assert _set_password(web_db.url, path, "een-goed-wachtwoord") == 303
    member = client_for(web_db.url)
    login(member, email, "een-goed-wachtwoord")
    assert member.get("/api/v1/me").json()["roles"] == {"RG01": "editor"}
    assert _set_password(web_db.url, path, "nog-een-wachtwoord") == 404  # used: once only
    assert "onbekend, al gebruikt of verlopen" in client_for(web_db.url).get(path).text


@SQLITE
def test_existing_accounts_get_no_link_and_roles_can_be_removed(web_db: Database) -> None:
    admin, _ = _admin(web_db)
    email = f"bestaand-{uuid.uuid4().hex[:6]}@gemeente.nl"
    add_user(web_db.url, email, {})
    assert not LINK.search(_add(admin, email, "viewer"))
    listed = admin.get("/regio/RG01/leden").text
    assert email in listed
    token = csrf_of(admin, "/regio/RG01/leden")
    removed = admin.post(
        "/regio/RG01/leden/verwijderen", data={"email": email, "csrf_token": token}
    )
    assert removed.status_code == 303
    assert email not in admin.get("/regio/RG01/leden").text
    engine = make_engine(web_db.url)
    with session_factory(engine)() as db:
        actions = {
            (a.action, a.detail)
            for a in db.scalars(sa.select(AuditEntry).where(AuditEntry.region_code == "RG01"))
        }
    engine.dispose()
    assert ("member.set", f"{email}=viewer") in actions
    assert ("member.set", f"{email}=None") in actions


@SQLITE
def test_an_expired_link_is_refused(web_db: Database) -> None:
    admin, _ = _admin(web_db)
    page = _add(admin, f"laat-{uuid.uuid4().hex[:6]}@gemeente.nl")
    link = LINK.search(page)
    assert link
    engine = make_engine(web_db.url)
    with session_factory(engine)() as db, db.begin():
        newest = db.scalars(sa.select(PasswordLink).order_by(PasswordLink.id.desc())).first()
        assert newest is not None
        newest.expires_at = now() - timedelta(minutes=1)
    engine.dispose()
    assert _set_password(web_db.url, link.group(1), "een-goed-wachtwoord") == 404


@SQLITE
def test_only_the_regions_admins_manage_its_members(web_db: Database) -> None:
    admin, _ = _admin(web_db)
    assert admin.get("/regio/RG02/leden").status_code == 403  # another region
    editor = client_for(web_db.url)
    login(editor, "redacteur@demo.ggzregio.nl")
    assert editor.get("/regio/RG01/leden").status_code == 403
    # a region admin cannot touch a national admin's roles, nor hand out their link
    token = csrf_of(admin, "/regio/RG01/leden")
    refused = admin.post(
        "/regio/RG01/leden", data={"email": "beheer@demo.ggzregio.nl", "role": "viewer",
                                   "csrf_token": token},
    )  # fmt: skip
    assert refused.status_code == 403
    bad = admin.post(
        "/regio/RG01/leden", data={"email": "geen-adres", "role": "viewer", "csrf_token": token}
    )
    assert bad.status_code == 422
    assert "geen-adres" in bad.text  # the rule broken, named on the page


@SQLITE
def test_a_region_admin_cannot_take_over_an_account_with_roles_elsewhere(
    web_db: Database,
) -> None:
    """Adding an admin of another region and handing out a password link for them would give
    the attacker that other region: the link is refused (only a national admin resets such an
    account)."""
    admin, _ = _admin(web_db)
    other = f"admin-rg02-{uuid.uuid4().hex[:6]}@regio02.nl"
    add_user(web_db.url, other, {"RG02": "admin"})
    _add(admin, other, "viewer")  # pulled into RG01: allowed, it only gives them a role here
    token = csrf_of(admin, "/regio/RG01/leden")
    link = admin.post("/regio/RG01/leden/link", data={"email": other, "csrf_token": token})
    assert link.status_code == 403
    assert not LINK.search(link.text)
    national = client_for(web_db.url)
    login(national, "beheer@demo.ggzregio.nl")
    allowed = national.post(
        "/regio/RG01/leden/link",
        data={"email": other, "csrf_token": csrf_of(national, "/regio/RG01/leden")},
    )
    assert allowed.status_code == 200
    assert LINK.search(allowed.text)


@SQLITE
def test_a_reset_ends_sessions_and_api_tokens(web_db: Database) -> None:
    admin, _ = _admin(web_db)
    email = f"reset-{uuid.uuid4().hex[:6]}@gemeente.nl"
    add_user(web_db.url, email, {"RG01": "viewer"})
    token = token_for(web_db.url, email)
    assert (
        client_for(web_db.url)
        .get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        .status_code
        == 200
    )
    form = csrf_of(admin, "/regio/RG01/leden")
    page = admin.post("/regio/RG01/leden/link", data={"email": email, "csrf_token": form})
    found = LINK.search(page.text)
    assert found
    assert page.headers["cache-control"] == "no-store"
    assert _set_password(web_db.url, found.group(1), "een-nieuw-wachtwoord") == 303
    refused = client_for(web_db.url).get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 401  # the old token stopped working with the reset


@SQLITE
def test_a_signed_in_visitor_can_use_a_link(web_db: Database) -> None:
    admin, _ = _admin(web_db)
    found = LINK.search(_add(admin, f"ingelogd-{uuid.uuid4().hex[:6]}@gemeente.nl"))
    assert found
    someone = client_for(web_db.url)
    login(someone, "redacteur@demo.ggzregio.nl")
    token = csrf_of(someone, found.group(1))
    done = someone.post(
        found.group(1),
        data={"password": "een-goed-wachtwoord", "repeat": "een-goed-wachtwoord",
              "csrf_token": token},
    )  # fmt: skip
    assert done.status_code == 303
    assert "@" not in done.headers["location"]  # no address in the URL
