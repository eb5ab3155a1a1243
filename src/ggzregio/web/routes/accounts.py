"""Accounts and access: language choice, sign-in and sign-out, the account page with its API
tokens, and the API for the signed-in account, region members and the audit log."""

from __future__ import annotations

import hmac
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from ggzregio.app import accounts, regions
from ggzregio.app.errors import InvalidRequestError, RateLimitedError
from ggzregio.i18n import t
from ggzregio.labels import error_text
from ggzregio.web.deps import Ctx, Db, PageNo, Size, actor, client_address
from ggzregio.web.render import render
from ggzregio.web.responses import AuditOut, MemberOut, MeOut, Page, TokenOut, paginate
from ggzregio.web.schemas import MemberSet, TokenCreate
from ggzregio.web.security import (
    CSRF_COOKIE,
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


@api.post("/me/tokens", status_code=201, response_model=TokenOut, **access("account"))
def new_token(request: Request, body: TokenCreate, ctx: Ctx, who: Who) -> TokenOut:
    """A new API token; its secret is shown once."""
    return TokenOut(token=accounts.issue_token(ctx, actor(request, who), body.name), name=body.name)


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
    request: Request, who: Who, next: str = "/", email: str = "", ingesteld: str = ""
) -> Response:
    message = t("password.done") if ingesteld else ""
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
    try:
        signed_in = await off_loop(accounts.sign_in, ctx, email, password, client_address(request))
    except RateLimitedError:
        return again(429, t("account.rate_limited"))
    if signed_in.token is None:
        return again(401, t("web.login_failed"))
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        signed_in.token,
        max_age=accounts.SESSION_SECONDS,
        httponly=True,
        samesite="lax",
        secure=ctx.settings.secure_cookies,
    )
    response.delete_cookie(CSRF_COOKIE)
    return response


@pages.post("/logout", **access("account"))
def logout(request: Request, ctx: Ctx, who: Who) -> Response:
    accounts.sign_out(ctx, actor(request, who), request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@pages.get("/account", **access("account"))
def account(request: Request, db: Db, who: Who) -> Response:
    return render(request, "account.html", who, tokens=accounts.tokens(db, who), new_token="")


@pages.post("/account/tokens", **access("account"))
def account_token(
    request: Request,
    ctx: Ctx,
    who: Who,
    name: Annotated[str, Form(min_length=1, max_length=100)],
) -> Response:
    secret = accounts.issue_token(ctx, actor(request, who), name)
    with ctx.factory() as db:
        return render(
            request, "account.html", who, tokens=accounts.tokens(db, who), new_token=secret
        )


# --- members and one-time password links -----------------------------------------------------


def _members_page(request: Request, ctx: Ctx, who: Who, code: str, **extra: Any) -> Response:
    with ctx.factory() as db:
        region = regions.get_region(db, code)
        listed = accounts.members(db, code)
    context: dict[str, Any] = {"link": "", "link_email": "", "errors": [], **extra}
    status = 422 if context["errors"] else 200
    response = render(
        request, "members.html", who, status, region=region, members=listed, **context
    )
    response.headers["Cache-Control"] = "no-store"  # it may show a one-time link
    return response


def _link_url(request: Request, secret: str) -> str:
    return str(request.base_url).rstrip("/") + f"/wachtwoord/{secret}"


@pages.get("/regio/{code}/leden", **access("admin"))
def members_page(request: Request, code: str, ctx: Ctx, who: Who) -> Response:
    return _members_page(request, ctx, who, code)


@pages.post("/regio/{code}/leden", **access("admin"))
def add_member_page(
    request: Request,
    code: str,
    ctx: Ctx,
    who: Who,
    email: Annotated[str, Form(max_length=254)],
    role: Annotated[Literal["viewer", "editor", "admin"], Form()],
) -> Response:
    """Add a member (a new account gets a one-time link, shown here once)."""
    try:
        invited = accounts.add_member(ctx, actor(request, who), code, email, role)
    except InvalidRequestError as exc:
        return _members_page(request, ctx, who, code, errors=[{"message": error_text(exc)[0]}])
    link = _link_url(request, invited.link_secret) if invited.link_secret else ""
    return _members_page(request, ctx, who, code, link=link, link_email=invited.email)


@pages.post("/regio/{code}/leden/verwijderen", **access("admin"))
def remove_member_page(
    request: Request, code: str, ctx: Ctx, who: Who, email: Annotated[str, Form(max_length=254)]
) -> Response:
    accounts.remove_member(ctx, actor(request, who), code, email)
    return RedirectResponse(f"/regio/{code}/leden", status_code=303)


@pages.post("/regio/{code}/leden/link", **access("admin"))
def new_link_page(
    request: Request, code: str, ctx: Ctx, who: Who, email: Annotated[str, Form(max_length=254)]
) -> Response:
    """A new one-time password link for a member (a reset the admin hands over)."""
    secret = accounts.password_link(ctx, actor(request, who), code, email)
    return _members_page(request, ctx, who, code, link=_link_url(request, secret), link_email=email)


@pages.get("/wachtwoord/{secret}", **access("public"))
def password_page(request: Request, secret: str, db: Db, who: Who) -> Response:
    email = accounts.link_account(db, secret)
    message = "" if email else t("password.invalid_link")
    response = render(request, "set_password.html", who, email=email or "", message=message)
    response.headers["Referrer-Policy"] = "no-referrer"  # the link is a secret
    response.headers["Cache-Control"] = "no-store"
    return response


@pages.post("/wachtwoord/{secret}", **access("public"))
async def set_password_page(
    request: Request,
    secret: str,
    ctx: Ctx,
    who: Who,
    password: Annotated[str, Form(max_length=1024)],
    repeat: Annotated[str, Form(max_length=1024)],
) -> Response:
    """Set the password through the link (double-submit CSRF check as at sign-in)."""
    expected = request.cookies.get(CSRF_COOKIE, "")
    with ctx.factory() as db:
        email = accounts.link_account(db, secret) or ""

    def again(status: int, message: str) -> Response:
        return render(request, "set_password.html", who, status, email=email, message=message)

    # A signed-in visitor's session token was checked by the route's guard; a visitor without
    # a session sends the double-submit token of the sign-in form.
    if who.via != "session" and (
        not expected or not hmac.compare_digest(await sent_csrf(request), expected)
    ):
        return again(403, t("web.csrf_failed"))
    if not email:
        return again(404, t("password.invalid_link"))
    if password != repeat:
        return again(422, t("password.mismatch"))
    try:
        await off_loop(accounts.use_password_link, ctx, secret, password, client_address(request))
    except InvalidRequestError as exc:
        return again(422, error_text(exc)[0])
    # The address stays out of the URL (access logs); the sign-in page says it is done.
    return RedirectResponse("/login?" + urlencode({"next": "/", "ingesteld": "1"}), 303)
