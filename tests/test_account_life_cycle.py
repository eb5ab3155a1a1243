"""Accounts with a life cycle (issue 22, points 2 and 3): API tokens are named, expire, are
listed and revoked (refused at once); accounts are deactivated and reactivated by the admins
allowed to (their sessions end at once); a password is changed with the old one and follows
NIST SP 800-63B; sign-in throttling backs off instead of locking the rightful user out, and an
admin lifts a block. Every change is in the audit log."""

from __future__ import annotations

import itertools
import re
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from ggzregio.accounts import password_problem
from ggzregio.cli import app as cli
from ggzregio.storage.database import make_engine, session_factory
from ggzregio.storage.models import ApiToken, AuditEntry, LoginAttempt, now
from ggzregio.web.app import create_app
from tests.web_support import (
    ADMIN,
    BACKENDS,
    ENGINES,
    Database,
    add_user,
    csrf_of,
    login,
    token_for,
)

SQLITE = pytest.mark.parametrize("web_db", ["sqlite"], indirect=True)
_ADDRESSES = itertools.count(1)
PASSWORD = "geheim-wachtwoord"


def _client(url: str, address: str | None = None) -> TestClient:
    """A browser of its own address, so that its failed sign-ins throttle nobody else."""
    app = create_app(url)
    ENGINES.add(app.state.ggzregio.engine)
    host = address or f"10.22.{next(_ADDRESSES) // 250}.{next(_ADDRESSES) % 250}"
    return TestClient(app, base_url="https://testserver", follow_redirects=False,
                      client=(host, 50000))  # fmt: skip


def _person(web_db: Database, roles: dict[str, str], prefix: str = "lid") -> str:
    email = f"{prefix}-{uuid.uuid4().hex[:8]}@voorbeeld.nl"
    add_user(web_db.url, email, roles)
    return email


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _actions(url: str, detail_part: str) -> list[str]:
    engine = make_engine(url)
    try:
        with session_factory(engine)() as db:
            rows = db.scalars(sa.select(AuditEntry).order_by(AuditEntry.id))
            return [a.action for a in rows if detail_part in (a.detail or "")]
    finally:
        engine.dispose()


def _sql(url: str, statement: sa.Executable) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(statement)
    finally:
        engine.dispose()


def _sign_in(client: TestClient, email: str, password: str) -> int:
    """Sign in anew (an earlier session of this browser has ended; its cookies stay)."""
    client.cookies.delete("ggzregio_session")
    token = csrf_of(client, "/login")
    answer = client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token, "next": "/"}
    )
    return answer.status_code


# --- API tokens -------------------------------------------------------------------------------


@SQLITE
def test_tokens_are_named_expire_are_listed_and_revoked_at_once(web_db: Database) -> None:
    email = _person(web_db, {"RG01": "viewer"})
    client, browser = _client(web_db.url), _client(web_db.url)
    first = _bearer(token_for(web_db.url, email))
    login(browser, email, PASSWORD)
    session = {"X-CSRF-Token": csrf_of(browser, "/account")}
    # a token cannot make tokens (a leaked one would outlive its revocation)
    minted = client.post("/api/v1/me/tokens", json={"name": "opvolger"}, headers=first)
    assert minted.status_code == 403
    made = browser.post("/api/v1/me/tokens", json={"name": "rapportage", "expires_in_days": 30},
                        headers=session)  # fmt: skip
    assert made.status_code == 201, made.text
    second = made.json()
    assert second["name"] == "rapportage"
    assert second["token"].startswith("ggz_")
    listed = client.get("/api/v1/me/tokens", headers=first).json()
    assert [t["name"] for t in listed] == ["test", "rapportage"]
    assert all("token" not in t and "token_hash" not in t for t in listed)  # never the secret
    by_name = {t["name"]: t for t in listed}
    assert by_name["test"]["last_used_at"] is not None  # it was used for this very list
    assert by_name["rapportage"]["last_used_at"] is None
    assert {t["status"] for t in listed} == {"active"}
    # default 90 days, at most 365
    default = browser.post("/api/v1/me/tokens", json={"name": "standaard"}, headers=session).json()
    days = client.get("/api/v1/me/tokens", headers=first).json()[-1]
    assert default["id"] == days["id"]
    engine = make_engine(web_db.url)
    with session_factory(engine)() as db:
        record = db.get(ApiToken, default["id"])
        assert record is not None
        assert record.expires_at is not None
        span = record.expires_at.replace(tzinfo=None) - record.created_at.replace(tzinfo=None)
        assert timedelta(days=89, hours=23) < span <= timedelta(days=90, seconds=5)
    engine.dispose()
    too_long = browser.post("/api/v1/me/tokens", json={"name": "x", "expires_in_days": 366},
                            headers=session)  # fmt: skip
    assert too_long.status_code == 422
    # revoke: refused on the very next request
    own = _bearer(second["token"])
    assert client.get("/api/v1/me", headers=own).status_code == 200
    revoked = client.delete(f"/api/v1/me/tokens/{second['id']}", headers=first)
    assert revoked.status_code == 200
    assert revoked.json()["status"] == "revoked"
    assert client.get("/api/v1/me", headers=own).status_code == 401
    # another account's token cannot be revoked (not found for them)
    other = _bearer(token_for(web_db.url, _person(web_db, {"RG02": "viewer"})))
    assert client.delete(f"/api/v1/me/tokens/{default['id']}", headers=other).status_code == 404
    assert "token.revoke" in _actions(web_db.url, "rapportage")


@SQLITE
def test_an_expired_token_is_refused(web_db: Database) -> None:
    email = _person(web_db, {"RG01": "viewer"})
    client = _client(web_db.url)
    token = token_for(web_db.url, email)
    assert client.get("/api/v1/me", headers=_bearer(token)).status_code == 200
    _sql(web_db.url, sa.update(ApiToken).where(ApiToken.name == "test",
         ApiToken.revoked.is_(False)).values(expires_at=now() - timedelta(seconds=1)))  # fmt: skip
    assert client.get("/api/v1/me", headers=_bearer(token)).status_code == 401


@SQLITE
def test_the_account_page_lists_makes_and_revokes_tokens(web_db: Database) -> None:
    email = _person(web_db, {"RG01": "viewer"})
    browser = _client(web_db.url)
    login(browser, email, PASSWORD)
    made = browser.post("/account/tokens", data={"name": "excel-koppeling", "days": "7",
                        "csrf_token": csrf_of(browser, "/account")})  # fmt: skip
    assert made.status_code == 200
    secret = re.search(r'<code id="new-token">([^<]+)</code>', made.text)
    assert secret
    assert made.headers["cache-control"] == "no-store"
    row = re.search(r'<tr data-token="(\d+)"><td>excel-koppeling</td>', made.text)
    assert row, "the new token is listed"
    api = _client(web_db.url)
    assert api.get("/api/v1/me", headers=_bearer(secret.group(1))).status_code == 200
    page = browser.post(f"/account/tokens/{row.group(1)}/intrekken",
                        data={"csrf_token": csrf_of(browser, "/account")})  # fmt: skip
    assert page.status_code == 200
    assert "ingetrokken" in page.text
    assert api.get("/api/v1/me", headers=_bearer(secret.group(1))).status_code == 401


# --- passwords ----------------------------------------------------------------------------------


def test_the_password_policy_follows_nist_800_63b() -> None:
    assert password_problem("kort") == "account.password_short"
    assert password_problem("x" * 1025) == "account.password_long"
    assert password_problem("1234567890") == "account.password_common"  # breached list
    assert password_problem("Wachtwoord123") == "account.password_common"  # the Dutch list
    assert password_problem("jan.jansen@gemeente.nl", "jan.jansen@gemeente.nl") == (
        "account.password_context"
    )
    assert password_problem("jan.jansen", "Jan.Jansen@gemeente.nl") == "account.password_context"
    assert password_problem("zzzzzzzzzzzz") == "account.password_repeated"
    # no composition rules: a long phrase without digits or capitals is fine
    assert password_problem("paarden eten graag hooi") is None
    assert password_problem("geheim-wachtwoord") is None


@SQLITE
def test_a_password_is_changed_with_the_old_one_and_sessions_end(web_db: Database) -> None:
    email = _person(web_db, {"RG01": "viewer"})
    browser, other = _client(web_db.url), _client(web_db.url)
    login(browser, email, PASSWORD)
    login(other, email, PASSWORD)
    form = csrf_of(browser, "/account")
    wrong = browser.post("/account/wachtwoord", data={"current": "niet-het-wachtwoord",
                         "password": "nieuwe zin van woorden", "repeat": "nieuwe zin van woorden",
                         "csrf_token": form})  # fmt: skip
    assert wrong.status_code == 422
    assert "huidige wachtwoord klopt niet" in wrong.text
    common = browser.post("/account/wachtwoord", data={"current": PASSWORD,
                          "password": "wachtwoord123", "repeat": "wachtwoord123",
                          "csrf_token": form})  # fmt: skip
    assert common.status_code == 422
    assert "veelgebruikte" in common.text
    done = browser.post("/account/wachtwoord", data={"current": PASSWORD,
                        "password": "nieuwe zin van woorden", "repeat": "nieuwe zin van woorden",
                        "csrf_token": form})  # fmt: skip
    assert done.status_code == 303
    assert done.headers["location"].startswith("/login")
    assert other.get("/api/v1/me").status_code == 401  # the other session ended too
    assert _sign_in(_client(web_db.url), email, PASSWORD) == 401
    assert _sign_in(_client(web_db.url), email, "nieuwe zin van woorden") == 303
    actions = _actions(web_db.url, email)
    assert "password.change" in actions
    # the wrong current password counted as a failed sign-in
    assert "password.change_refused" in _actions(web_db.url, "account.wrong_password")


# --- deactivating -------------------------------------------------------------------------------


@SQLITE
def test_a_region_admin_deactivates_a_member_whose_sessions_end_at_once(
    web_db: Database,
) -> None:
    admin_email = _person(web_db, {"RG01": "admin"}, "beheerder")
    member = _person(web_db, {"RG01": "editor"})
    admin, browser = _client(web_db.url), _client(web_db.url)
    login(admin, admin_email, PASSWORD)
    login(browser, member, PASSWORD)
    token = _bearer(token_for(web_db.url, member))
    assert browser.get("/regio/RG01/inventaris").status_code == 200
    page = admin.post("/regio/RG01/leden/status", data={"email": member, "action": "deactivate",
                      "csrf_token": csrf_of(admin, "/regio/RG01/leden")})  # fmt: skip
    assert page.status_code == 200
    assert "gedeactiveerd" in page.text
    assert browser.get("/api/v1/me").status_code == 401  # the session ended at once
    assert browser.get("/api/v1/me", headers=token).status_code == 401  # tokens too
    assert _sign_in(_client(web_db.url), member, PASSWORD) == 401
    again = admin.post("/regio/RG01/leden/status", data={"email": member, "action": "reactivate",
                       "csrf_token": csrf_of(admin, "/regio/RG01/leden")})  # fmt: skip
    assert again.status_code == 200
    assert _sign_in(_client(web_db.url), member, PASSWORD) == 303
    assert browser.get("/api/v1/me", headers=token).status_code == 401  # revoked stays revoked
    assert {"user.deactivate", "user.reactivate"} <= set(_actions(web_db.url, member))


@SQLITE
def test_who_may_deactivate_whom(web_db: Database) -> None:
    admin_email = _person(web_db, {"RG01": "admin"}, "beheerder")
    admin = _bearer(token_for(web_db.url, admin_email))
    both = _person(web_db, {"RG01": "viewer", "RG02": "viewer"})
    editor = _bearer(token_for(web_db.url, _person(web_db, {"RG01": "editor"})))
    client = _client(web_db.url)

    def deactivate(email: str, headers: dict[str, str]) -> int:
        answer = client.put(f"/api/v1/accounts/{email}/active", json={"active": False},
                            headers=headers)  # fmt: skip
        return answer.status_code

    assert deactivate(both, admin) == 403  # also a member of a region they don't manage
    assert deactivate(ADMIN, admin) == 403  # never a national admin
    assert deactivate(both, editor) == 403  # an editor manages nobody
    assert deactivate(admin_email, admin) == 422  # not oneself
    national = _bearer(token_for(web_db.url, ADMIN))
    assert deactivate(both, national) == 200
    assert deactivate(ADMIN, national) == 422  # not oneself (and the last national admin)
    assert deactivate(f"onbekend-{uuid.uuid4().hex[:6]}@x.nl", national) == 404


# --- throttling ---------------------------------------------------------------------------------


def _fail(client: TestClient, email: str, times: int) -> list[int]:
    return [_sign_in(client, email, "fout-fout-fout") for _ in range(times)]


@SQLITE
def test_throttling_backs_off_and_the_rightful_user_still_gets_in(web_db: Database) -> None:
    email = _person(web_db, {"RG01": "viewer"})
    own = _client(web_db.url)
    assert _sign_in(own, email, PASSWORD) == 303  # this browser becomes a known device
    attacker = _client(web_db.url)
    statuses = _fail(attacker, email, 6)
    assert statuses == [401] * 5 + [429]
    token = csrf_of(attacker, "/login")
    waiting = attacker.post("/login", data={"email": email, "password": PASSWORD,
                            "csrf_token": token})  # fmt: skip
    assert waiting.status_code == 429
    assert 0 < int(waiting.headers["retry-after"]) <= 30
    assert "seconden" in waiting.text
    # the rightful user's known device is not throttled
    assert _sign_in(own, email, PASSWORD) == 303
    # attempts from many addresses throttle the account for others, never for good
    for _ in range(3):
        _fail(_client(web_db.url), email, 4)
    stranger = _client(web_db.url)
    assert _sign_in(stranger, email, PASSWORD) == 429
    assert _sign_in(own, email, PASSWORD) == 303  # still the known device
    # after the delay the right password works from anywhere
    _sql(web_db.url, sa.update(LoginAttempt).where(LoginAttempt.email == email)
         .values(at=now() - timedelta(minutes=10)))  # fmt: skip
    assert _sign_in(stranger, email, PASSWORD) == 303
    assert "login.rate_limited" in _actions(web_db.url, email)


@SQLITE
def test_a_known_device_that_keeps_failing_is_throttled_too(web_db: Database) -> None:
    email = _person(web_db, {"RG01": "viewer"})
    device = _client(web_db.url)
    assert _sign_in(device, email, PASSWORD) == 303
    statuses = _fail(device, email, 6)
    assert statuses[:5] == [401] * 5
    assert statuses[5] == 429


@SQLITE
def test_an_admin_lifts_a_block(web_db: Database) -> None:
    admin_email = _person(web_db, {"RG01": "admin"}, "beheerder")
    member = _person(web_db, {"RG01": "editor"})
    attacker = _client(web_db.url)
    _fail(attacker, member, 6)
    assert _sign_in(attacker, member, PASSWORD) == 429
    admin = _client(web_db.url)
    login(admin, admin_email, PASSWORD)
    page = admin.get("/regio/RG01/leden")
    assert re.search(
        rf'data-member="{re.escape(member)}">(?:(?!</tr>).)*geblokkeerd', page.text, re.S
    )
    lifted = admin.post("/regio/RG01/leden/status", data={"email": member, "action": "unlock",
                        "csrf_token": csrf_of(admin, "/regio/RG01/leden")})  # fmt: skip
    assert lifted.status_code == 200
    assert "opgeheven" in lifted.text
    assert _sign_in(_client(web_db.url), member, PASSWORD) == 303
    # through the API as well
    _fail(attacker, member, 6)
    national = _bearer(token_for(web_db.url, ADMIN))
    answer = _client(web_db.url).delete(f"/api/v1/accounts/{member}/lock", headers=national)
    assert answer.status_code == 200
    assert answer.json()["failures_forgotten"] >= 5
    assert "login.unlock" in _actions(web_db.url, member)


# --- the command line ---------------------------------------------------------------------------


@SQLITE
def test_the_command_line_manages_tokens_and_accounts(web_db: Database) -> None:
    email = _person(web_db, {"RG03": "viewer"})
    runner = CliRunner()
    url = ["--database-url", web_db.url]
    made = runner.invoke(cli, ["users", "token", email, "--name", "koppeling", *url])
    assert made.exit_code == 0, made.output
    secret = made.output.split()[-1]
    listed = runner.invoke(cli, ["users", "tokens", email, *url])
    assert listed.exit_code == 0
    assert "koppeling" in listed.output
    assert secret not in listed.output
    token_id = listed.output.split()[0]
    revoked = runner.invoke(cli, ["users", "revoke-token", email, token_id, *url])
    assert revoked.exit_code == 0, revoked.output
    client = _client(web_db.url)
    assert client.get("/api/v1/me", headers=_bearer(secret)).status_code == 401
    assert runner.invoke(cli, ["users", "deactivate", email, *url]).exit_code == 0
    assert _sign_in(_client(web_db.url), email, PASSWORD) == 401
    assert runner.invoke(cli, ["users", "reactivate", email, *url]).exit_code == 0
    _fail(_client(web_db.url), email, 5)
    unlocked = runner.invoke(cli, ["users", "unlock", email, *url])
    assert unlocked.exit_code == 0
    assert re.search(r"\((\d+) ", unlocked.output)
    link = runner.invoke(cli, ["users", "reset-link", email, "--base-url", "https://ggz.nl", *url])
    assert link.exit_code == 0
    assert "https://ggz.nl/wachtwoord/" in link.output
    unknown = runner.invoke(cli, ["users", "deactivate", "niemand@x.nl", *url])
    assert unknown.exit_code == 2


# --- findings of the adversarial review -------------------------------------------------------


def test_the_service_name_is_no_password() -> None:
    assert password_problem("ggzregio ggzregio") == "account.password_context"
    assert password_problem("regio regio regio") == "account.password_context"


@SQLITE
def test_an_admin_gets_no_password_link_for_their_own_account(web_db: Database) -> None:
    admin_email = _person(web_db, {"RG01": "admin"}, "beheerder")
    admin = _bearer(token_for(web_db.url, admin_email))
    answer = _client(web_db.url).post(f"/api/v1/accounts/{admin_email}/password-link",
                                      headers=admin)  # fmt: skip
    assert answer.status_code == 422
    assert "accountpagina" in answer.text


@SQLITE
def test_a_member_without_admin_rights_cannot_probe_which_accounts_exist(
    web_db: Database,
) -> None:
    viewer = _bearer(token_for(web_db.url, _person(web_db, {"RG01": "viewer"})))
    client = _client(web_db.url)
    for email in (ADMIN, f"bestaat-niet-{uuid.uuid4().hex[:6]}@x.nl"):
        for method, path in (("PUT", "active"), ("DELETE", "lock"), ("POST", "password-link")):
            body = {"active": False} if method == "PUT" else None
            answer = client.request(method, f"/api/v1/accounts/{email}/{path}", json=body,
                                    headers=viewer)  # fmt: skip
            assert answer.status_code == 403, (email, path, answer.status_code)


@SQLITE
def test_signing_in_elsewhere_does_not_give_an_attacker_a_fresh_budget(web_db: Database) -> None:
    email = _person(web_db, {"RG01": "viewer"})
    attacker = _client(web_db.url)
    assert _fail(attacker, email, 4) == [401] * 4
    assert _sign_in(_client(web_db.url), email, PASSWORD) == 303  # the rightful user, elsewhere
    assert _fail(attacker, email, 2) == [401, 429]  # the attacker's count went on


@pytest.mark.parametrize("web_db", BACKENDS, indirect=True)
def test_control_characters_are_refused_not_a_server_error(web_db: Database) -> None:
    browser = _client(web_db.url)
    token = csrf_of(browser, "/login")
    answer = browser.post("/login", data={"email": "a\x01@x.nl", "password": "x" * 12,
                          "csrf_token": token})  # fmt: skip
    assert answer.status_code == 401  # (a NUL is refused earlier: tests/test_text_guard.py)
    national = _bearer(token_for(web_db.url, ADMIN))
    login(browser, ADMIN)
    session = {"X-CSRF-Token": csrf_of(browser, "/account")}
    named = browser.post("/api/v1/me/tokens", json={"name": "a\u0001b"}, headers=session)
    assert named.status_code == 422
    state = browser.put("/api/v1/accounts/n%01@x.nl/active", json={"active": False},
                        headers=national)  # fmt: skip
    assert state.status_code == 404
    member = browser.put("/api/v1/regions/RG01/members", json={"email": "n\u0001@x.nl",
                         "role": "viewer"}, headers=national)  # fmt: skip
    assert member.status_code in (404, 422)
