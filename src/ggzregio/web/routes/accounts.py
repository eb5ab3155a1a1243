"""Accounts and access: language choice, sign-in and sign-out, the account page with its API
tokens and password, and the API for the signed-in account, region members and the audit log.
(Members' life cycle — links, deactivation, lifting a block — is in :mod:`.members`.)"""

from __future__ import annotations

import hmac
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from ggzregio.accounts import MAX_PASSWORD_LENGTH, TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS
from ggzregio.app import account_admin, accounts
from ggzregio.app.errors import InvalidRequestError, RateLimitedError
from ggzregio.i18n import t
from ggzregio.labels import error_text
from ggzregio.storage.signin import DEVICE_LIFETIME
from ggzregio.web.deps import MAX_ID, Ctx, Db, PageNo, Size, actor, client_address
from ggzregio.web.problems import ProblemError
from ggzregio.web.render import render
from ggzregio.web.responses import AuditOut, MemberOut, MeOut, Page, TokenOut, paginate
from ggzregio.web.schemas import MemberSet, PasswordChange, TokenCreate
from ggzregio.web.security import (
    CSRF_COOKIE,
    DEVICE_COOKIE,
    LANG_COOKIE,
    SESSION_COOKIE,
    Who,
    access,
    sent_csrf,
)
from ggzregio.web.work import off_loop

api = APIRouter(prefix="/api/v1", tags=["account"])
pages = APIRouter(include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Only local paths are followed after sign-in or a language switch."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


# --- API ------------------------------------------------------------------------------------


@api.get("/me", response_model=MeOut, **access("account"))
def me(who: Who) -> MeOut:
    return MeOut(
        email=who.email, name=who.name, national_admin=who.national_admin, roles=dict(who.roles)
    )


class NewTokenOut(TokenOut):
    id: int
    expires_at: datetime | None


TokenId = Annotated[int, Path(ge=1, le=MAX_ID)]


@api.post("/me/tokens", status_code=201, response_model=NewTokenOut, **access("account"))
def new_token(request: Request, body: TokenCreate, ctx: Ctx, who: Who) -> NewTokenOut:
    """A new API token, valid ``expires_in_days`` (default 90, at most 365); its secret is
    shown once. Only from a signed-in browser session (with its CSRF token): a leaked token
    cannot make itself a successor that outlives its revocation."""
    if who.via != "session":
        raise ProblemError(403, "forbidden", "tokens are made in a signed-in session")
    made = accounts.issue_token(ctx, actor(request, who), body.name, body.expires_in_days)
    return NewTokenOut(
        token=made.secret, name=body.name, id=made.info.id, expires_at=made.info.expires_at
    )


@api.get("/me/tokens", response_model=list[accounts.TokenInfo], **access("account"))
def list_tokens(db: Db, who: Who) -> list[accounts.TokenInfo]:
    """The signed-in account's tokens: name, created, expires, last used, status."""
    return accounts.tokens(db, who)


@api.delete("/me/tokens/{token_id}", response_model=accounts.TokenInfo, **access("account"))
def revoke_token(request: Request, token_id: TokenId, ctx: Ctx, who: Who) -> accounts.TokenInfo:
    """Revoke one of the signed-in account's tokens: refused from the next request on."""
    return accounts.revoke_token(ctx, actor(request, who), token_id)


@api.put("/me/password", status_code=204, **access("account"))
async def change_password(request: Request, body: PasswordChange, ctx: Ctx, who: Who) -> Response:
    """Change the password with the current one; every session of the account ends (API
    tokens keep working; revoke them separately). A wrong current password counts as a
    failed sign-in."""
    await off_loop(
        account_admin.change_password,
        ctx,
        actor(request, who),
        body.current_password,
        body.new_password,
    )
    return Response(status_code=204)


@api.put("/regions/{code}/members", response_model=MemberOut, **access("admin"))
def set_member(request: Request, code: str, body: MemberSet, ctx: Ctx, who: Who) -> MemberOut:
    """Give an account a role in the region (or remove it with ``role: null``)."""
    accounts.set_member(ctx, actor(request, who), code, body.email, body.role)
    return MemberOut(email=body.email, region_code=code, role=body.role)


@api.get("/regions/{code}/members", response_model=list[MemberOut], **access("admin"))
def list_members(code: str, db: Db) -> list[MemberOut]:
    """The accounts with a role in the region."""
    return [
        MemberOut(email=m.email, region_code=code, role=m.role) for m in accounts.members(db, code)
    ]


@api.get("/audit", response_model=Page[AuditOut], **access("national_admin"))
def audit_log(db: Db, page: PageNo = 1, size: Size = 50) -> dict[str, Any]:
    items = [
        {
            "at": a.at.isoformat(),
            "user_id": a.user_id,
            "action": a.action,
            "region_code": a.region_code,
            "detail": a.detail,
            "client": a.client,
        }
        for a in accounts.audit_log(db)
    ]
    return paginate(items, page, size)


# --- pages ----------------------------------------------------------------------------------


@pages.get("/taal/{language}", **access("public"))
def choose_language(language: str, next: str = "/") -> Response:
    response = RedirectResponse(safe_next(next), status_code=303)
    chosen = "en" if language.lower().startswith("en") else "nl"
    response.set_cookie(LANG_COOKIE, chosen, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


@pages.get("/login", **access("public"))
def login_page(
    request: Request,
    who: Who,
    next: str = "/",
    email: str = "",
    ingesteld: str = "",
    gewijzigd: str = "",
) -> Response:
    message = t("password.done") if ingesteld else t("web.password_changed") if gewijzigd else ""
    return render(
        request, "login.html", who, next=safe_next(next), email=email[:254], message=message
    )


@pages.post("/login", **access("public"))
async def login(
    request: Request,
    ctx: Ctx,
    who: Who,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    """Sign in: double-submit CSRF check, rate limit, argon2 verification, new session."""

    def again(status: int, message: str) -> Response:
        return render(
            request, "login.html", who, status, next=safe_next(next), email=email, message=message
        )

    expected = request.cookies.get(CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(await sent_csrf(request), expected):
        return again(403, t("web.csrf_failed"))
    device = request.cookies.get(DEVICE_COOKIE)
    try:
        signed_in = await off_loop(
            accounts.sign_in, ctx, email, password, client_address(request), device
        )
    except RateLimitedError as exc:
        seconds = int(str(exc.values.get("retry_after", 60)))
        page = again(429, t("web.login_wait", seconds=seconds))
        page.headers["Retry-After"] = str(seconds)
        return page
    if signed_in.token is None:
        return again(401, t("web.login_failed"))
    response = RedirectResponse(safe_next(next), status_code=303)
    secure = ctx.settings.secure_cookies
    response.set_cookie(
        SESSION_COOKIE,
        signed_in.token,
        max_age=accounts.SESSION_SECONDS,
        httponly=True,
        samesite="lax",
        secure=secure,
    )
    if signed_in.device and signed_in.device != device:
        # A known device: it may sign in to this account while others are throttled.
        max_age = int(DEVICE_LIFETIME.total_seconds())
        response.set_cookie(
            DEVICE_COOKIE, signed_in.device, max_age=max_age, httponly=True, samesite="lax",
            secure=secure,
        )  # fmt: skip
    response.delete_cookie(CSRF_COOKIE)
    return response


@pages.post("/logout", **access("account"))
def logout(request: Request, ctx: Ctx, who: Who) -> Response:
    accounts.sign_out(ctx, actor(request, who), request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def _account_page(
    request: Request, ctx: Ctx, who: Who, status: int = 200, **extra: Any
) -> Response:
    with ctx.factory() as db:
        listed = accounts.tokens(db, who)
    context: dict[str, Any] = {"new_token": "", "message": "", "errors": [], **extra}
    response = render(
        request, "account.html", who, status, tokens=listed, default_days=TOKEN_DEFAULT_DAYS,
        max_days=TOKEN_MAX_DAYS, **context,
    )  # fmt: skip
    response.headers["Cache-Control"] = "no-store"  # it may show a new token's secret
    return response


@pages.get("/account", **access("account"))
def account(request: Request, ctx: Ctx, who: Who) -> Response:
    return _account_page(request, ctx, who)


@pages.post("/account/tokens", **access("account"))
def account_token(
    request: Request,
    ctx: Ctx,
    who: Who,
    name: Annotated[str, Form(min_length=1, max_length=100)],
    days: Annotated[int, Form(ge=1, le=TOKEN_MAX_DAYS)] = TOKEN_DEFAULT_DAYS,
) -> Response:
    made = accounts.issue_token(ctx, actor(request, who), name, days)
    return _account_page(request, ctx, who, new_token=made.secret)


@pages.post("/account/tokens/{token_id}/intrekken", **access("account"))
def account_revoke_token(request: Request, token_id: TokenId, ctx: Ctx, who: Who) -> Response:
    revoked = accounts.revoke_token(ctx, actor(request, who), token_id)
    return _account_page(request, ctx, who, message=t("web.token_revoked_done", name=revoked.name))


Secret = Annotated[str, Form(max_length=MAX_PASSWORD_LENGTH)]


@pages.post("/account/wachtwoord", **access("account"))
async def account_password(
    request: Request, ctx: Ctx, who: Who, current: Secret, password: Secret, repeat: Secret
) -> Response:
    """Change the password with the current one; then sign in again (all sessions end)."""
    if password != repeat:
        return _account_page(request, ctx, who, 422, errors=[{"message": t("password.mismatch")}])
    try:
        await off_loop(account_admin.change_password, ctx, actor(request, who), current, password)
    except (InvalidRequestError, RateLimitedError) as exc:
        page = _account_page(request, ctx, who, 422, errors=[{"message": error_text(exc)[0]}])
        if isinstance(exc, RateLimitedError):
            page.status_code = 429
            page.headers["Retry-After"] = str(exc.values.get("retry_after", 60))
        return page
    response = RedirectResponse("/login?" + urlencode({"next": "/account", "gewijzigd": "1"}), 303)
    response.delete_cookie(SESSION_COOKIE)
    return response
