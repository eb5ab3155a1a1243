"""Members of a region and an account's life cycle: the members page of a region admin
(add, remove, a one-time password link, deactivate or reactivate, lift a sign-in block), the
same through the API, and the page where a link's holder sets a password."""

from __future__ import annotations

import hmac
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel

from ggzregio.accounts import MAX_PASSWORD_LENGTH
from ggzregio.app import account_admin, accounts, regions
from ggzregio.app.errors import InvalidRequestError
from ggzregio.i18n import t
from ggzregio.labels import error_text
from ggzregio.web.deps import Ctx, Db, actor, client_address
from ggzregio.web.render import render
from ggzregio.web.schemas import ActiveSet
from ggzregio.web.security import CSRF_COOKIE, Who, access, sent_csrf
from ggzregio.web.work import off_loop

api = APIRouter(prefix="/api/v1", tags=["account"])
pages = APIRouter(include_in_schema=False)

Email = Annotated[str, Path(min_length=3, max_length=254)]
FormEmail = Annotated[str, Form(max_length=254)]


class AccountStateOut(BaseModel):
    email: str
    active: bool


class PasswordLinkOut(BaseModel):
    email: str
    link: str


class UnlockOut(BaseModel):
    email: str
    failures_forgotten: int


def _link_url(request: Request, secret: str) -> str:
    return str(request.base_url).rstrip("/") + f"/wachtwoord/{secret}"


# --- API ------------------------------------------------------------------------------------
# The account routes need a signed-in account; who may manage which account is the use case's
# rule (a national admin any; a region admin accounts whose roles all lie in their regions).


@api.put("/accounts/{email}/active", response_model=AccountStateOut, **access("account"))
def set_active(
    request: Request, email: Email, body: ActiveSet, ctx: Ctx, who: Who
) -> AccountStateOut:
    """Deactivate (sessions end at once, tokens are revoked) or reactivate an account."""
    account_admin.set_active(ctx, actor(request, who), email, body.active)
    return AccountStateOut(email=email.strip().lower(), active=body.active)


@api.delete("/accounts/{email}/lock", response_model=UnlockOut, **access("account"))
def unlock(request: Request, email: Email, ctx: Ctx, who: Who) -> UnlockOut:
    """Lift the account's sign-in block (its recorded failures are forgotten)."""
    count = account_admin.unlock(ctx, actor(request, who), email)
    return UnlockOut(email=email.strip().lower(), failures_forgotten=count)


@api.post("/accounts/{email}/password-link", response_model=PasswordLinkOut, **access("account"))
def new_password_link(request: Request, email: Email, ctx: Ctx, who: Who) -> Response:
    """A one-time link (valid 3 days) for the account to set a password, to hand over;
    earlier links stop working."""
    secret = account_admin.password_link(ctx, actor(request, who), None, email)
    out = PasswordLinkOut(email=email.strip().lower(), link=_link_url(request, secret))
    return Response(
        out.model_dump_json(), media_type="application/json", headers={"Cache-Control": "no-store"}
    )


# --- the members page -------------------------------------------------------------------------


def _members_page(request: Request, ctx: Ctx, who: Who, code: str, **extra: Any) -> Response:
    with ctx.factory() as db:
        region = regions.get_region(db, code)
        listed = accounts.members(db, code)
    context: dict[str, Any] = {"link": "", "link_email": "", "errors": [], "message": "", **extra}
    status = 422 if context["errors"] else 200
    response = render(
        request, "members.html", who, status, region=region, members=listed, **context
    )
    response.headers["Cache-Control"] = "no-store"  # it may show a one-time link
    return response


def _refused(request: Request, ctx: Ctx, who: Who, code: str, exc: InvalidRequestError) -> Response:
    return _members_page(request, ctx, who, code, errors=[{"message": error_text(exc)[0]}])


@pages.get("/regio/{code}/leden", **access("admin"))
def members_page(request: Request, code: str, ctx: Ctx, who: Who) -> Response:
    return _members_page(request, ctx, who, code)


@pages.post("/regio/{code}/leden", **access("admin"))
def add_member_page(
    request: Request,
    code: str,
    ctx: Ctx,
    who: Who,
    email: FormEmail,
    role: Annotated[Literal["viewer", "editor", "admin"], Form()],
) -> Response:
    """Add a member (a new account gets a one-time link, shown here once)."""
    try:
        invited = accounts.add_member(ctx, actor(request, who), code, email, role)
    except InvalidRequestError as exc:
        return _refused(request, ctx, who, code, exc)
    link = _link_url(request, invited.link_secret) if invited.link_secret else ""
    return _members_page(request, ctx, who, code, link=link, link_email=invited.email)


@pages.post("/regio/{code}/leden/verwijderen", **access("admin"))
def remove_member_page(
    request: Request, code: str, ctx: Ctx, who: Who, email: FormEmail
) -> Response:
    accounts.remove_member(ctx, actor(request, who), code, email)
    return RedirectResponse(f"/regio/{code}/leden", status_code=303)


@pages.post("/regio/{code}/leden/link", **access("admin"))
def new_link_page(request: Request, code: str, ctx: Ctx, who: Who, email: FormEmail) -> Response:
    """A new one-time password link for a member (a reset the admin hands over)."""
    try:
        secret = account_admin.password_link(ctx, actor(request, who), code, email)
    except InvalidRequestError as exc:
        return _refused(request, ctx, who, code, exc)
    return _members_page(request, ctx, who, code, link=_link_url(request, secret), link_email=email)


@pages.post("/regio/{code}/leden/status", **access("admin"))
def member_state_page(
    request: Request,
    code: str,
    ctx: Ctx,
    who: Who,
    email: FormEmail,
    action: Annotated[Literal["deactivate", "reactivate", "unlock"], Form()],
) -> Response:
    """Deactivate, reactivate or lift the sign-in block of a member's account."""
    acting = actor(request, who)
    try:
        if action == "unlock":
            account_admin.unlock(ctx, acting, email, code)
        else:
            account_admin.set_active(ctx, acting, email, action == "reactivate", code)
    except InvalidRequestError as exc:
        return _refused(request, ctx, who, code, exc)
    message = t(f"members.done_{action}", email=email.strip().lower())
    return _members_page(request, ctx, who, code, message=message)


# --- setting a password through a one-time link ---------------------------------------------


@pages.get("/wachtwoord/{secret}", **access("public"))
def password_page(request: Request, secret: str, db: Db, who: Who) -> Response:
    email = account_admin.link_account(db, secret)
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
    password: Annotated[str, Form(max_length=MAX_PASSWORD_LENGTH)],
    repeat: Annotated[str, Form(max_length=MAX_PASSWORD_LENGTH)],
) -> Response:
    """Set the password through the link (double-submit CSRF check as at sign-in)."""
    expected = request.cookies.get(CSRF_COOKIE, "")
    with ctx.factory() as db:
        email = account_admin.link_account(db, secret) or ""

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
        await off_loop(
            account_admin.use_password_link, ctx, secret, password, client_address(request)
        )
    except InvalidRequestError as exc:
        return again(422, error_text(exc)[0])
    # The address stays out of the URL (access logs); the sign-in page says it is done.
    return RedirectResponse("/login?" + urlencode({"next": "/", "ingesteld": "1"}), 303)
