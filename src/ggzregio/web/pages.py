"""Pages: the national overview, sign-in and sign-out, language choice and the account page."""

from __future__ import annotations

import hmac
from typing import Annotated, Final

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from ggzregio.geo import map_figure
from ggzregio.i18n import t
from ggzregio.prevalence.aggregate import INDEX
from ggzregio.storage import repository as repo
from ggzregio.storage import users
from ggzregio.storage.database import transaction
from ggzregio.storage.users import SESSION_LIFETIME
from ggzregio.web import services
from ggzregio.web.api_regions import Db, State, Who
from ggzregio.web.api_work import issue_token
from ggzregio.web.render import Column, download, figure_json, render, table_view
from ggzregio.web.security import (
    CSRF_COOKIE,
    LANG_COOKIE,
    SESSION_COOKIE,
    access,
    client_address,
    sent_csrf,
)

router = APIRouter(include_in_schema=False)

REGION_COLUMNS: Final = (
    Column("region_name", "col.region_name"),
    Column("region_code", "col.region_code"),
    Column("inhabitants", "col.inhabitants", 0),
    Column("adults", "col.adults", 0),
    Column("expected_cases", "col.expected_cases", 0),
    Column("prevalence_per_1000", "col.prevalence_per_1000", 2),
    Column("expected_cases_per_100k_inhabitants", "col.per_100k", 0),
    Column(INDEX, "col.index_vs_national", 1),
)


def safe_next(target: str | None) -> str:
    """Only local paths are followed after sign-in or a language switch."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


@router.get("/", **access("public"))
def national(request: Request, state: State, db: Db, who: Who) -> Response:
    result = services.national_estimates(state, db)
    table = result.tables["region_code"]
    regions = repo.regions(db)
    collection = repo.boundary(db, "region", None)
    figure = None
    if collection is not None:
        values = dict(zip(table["region_code"], table[INDEX], strict=True))
        fig = map_figure(
            collection,
            values,
            title=t("web.map_regions"),
            value_label=t("col.index_vs_national"),
            decimals=0,
            links={r.code: f"/regio/{r.code}" for r in regions},
        )
        figure = figure_json(fig, t("web.map_regions_alt"))
    return render(
        request,
        "national.html",
        who,
        regions=regions,
        n_regions=len(regions),
        total=result.tables["total"].iloc[0].to_dict(),
        map=figure,
        regions_table=table_view("regios", t("web.regions_table"), table, REGION_COLUMNS),
        synthetic=any(r.synthetic for r in regions),
        versions=f"{result.metadata.get('model', '')} · {result.metadata.get('data_version', '')}",
    )


@router.get("/download/regios.{fmt}", **access("public"))
def national_download(fmt: str, state: State, db: Db) -> Response:
    return download(services.national_estimates(state, db), "regios", fmt)


@router.get("/taal/{language}", **access("public"))
def choose_language(language: str, next: str = "/") -> Response:
    response = RedirectResponse(safe_next(next), status_code=303)
    chosen = "en" if language.lower().startswith("en") else "nl"
    response.set_cookie(LANG_COOKIE, chosen, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


@router.get("/login", **access("public"))
def login_page(request: Request, who: Who, next: str = "/") -> Response:
    return render(request, "login.html", who, next=safe_next(next), email="", message="")


@router.post("/login", **access("public"))
async def login(
    request: Request,
    state: State,
    who: Who,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    """Sign in: double-submit CSRF check, rate limit, argon2 verification, new session."""
    expected = request.cookies.get(CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(await sent_csrf(request), expected):
        return render(
            request,
            "login.html",
            who,
            403,
            next=safe_next(next),
            email=email,
            message=t("web.csrf_failed"),
        )
    client = client_address(request)
    try:
        with transaction(state.factory) as db:
            user = users.authenticate(db, email, password, client)
            if user is None:
                repo.audit(db, "login.failed", None, None, email.strip().lower()[:254], client)
                token = None
            else:
                token, _csrf = users.start_session(db, user)
                repo.audit(db, "login", user.id, None, user.email, client)
    except users.AccountError:
        with transaction(state.factory) as db:
            repo.audit(db, "login.rate_limited", None, None, email.strip().lower()[:254], client)
        return render(
            request,
            "login.html",
            who,
            429,
            next=safe_next(next),
            email=email,
            message=t("account.rate_limited"),
        )
    if token is None:
        return render(
            request,
            "login.html",
            who,
            401,
            next=safe_next(next),
            email=email,
            message=t("web.login_failed"),
        )
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=state.settings.secure_cookies,
    )
    response.delete_cookie(CSRF_COOKIE)
    return response


@router.post("/logout", **access("account"))
def logout(request: Request, state: State, who: Who) -> Response:
    with transaction(state.factory) as db:
        users.end_session(db, request.cookies.get(SESSION_COOKIE, ""))
        repo.audit(db, "logout", who.user_id, None, who.email, client_address(request))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/account", **access("account"))
def account(request: Request, db: Db, who: Who) -> Response:
    assert who.user_id is not None
    return render(request, "account.html", who, tokens=users.tokens(db, who.user_id), new_token="")


@router.post("/account/tokens", **access("account"))
def account_token(
    request: Request,
    state: State,
    who: Who,
    name: Annotated[str, Form(min_length=1, max_length=100)],
) -> Response:
    assert who.user_id is not None
    secret = issue_token(request, who, name)
    with state.factory() as db:
        return render(
            request, "account.html", who, tokens=users.tokens(db, who.user_id), new_token=secret
        )
