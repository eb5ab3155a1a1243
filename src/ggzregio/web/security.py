"""Who is asking and what they may do: sessions (cookie), API tokens (Bearer), CSRF and the
access rule of every route.

Every route declares its access level with :func:`access` (stored in the route's OpenAPI
``x-access`` so tests can check every route): ``public``; ``viewer``/``editor``/``admin`` of
the region named by the ``code`` path parameter; ``account`` (signed in); ``national_admin``.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Annotated, Any, Final, Literal

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from ggzregio.accounts import ANONYMOUS, Principal, new_token
from ggzregio.storage import users
from ggzregio.web.deps import client_address, get_db
from ggzregio.web.problems import ProblemError

__all__ = [
    "Who",
    "access",
    "check_csrf",
    "client_address",
    "csrf_token_for",
    "current_principal",
]

SESSION_COOKIE: Final = "ggzregio_session"
CSRF_COOKIE: Final = "ggzregio_csrf"
LANG_COOKIE: Final = "ggzregio_lang"
#: A browser that signed in to an account before (see :mod:`ggzregio.storage.signin`).
DEVICE_COOKIE: Final = "ggzregio_device"
CSRF_HEADER: Final = "x-csrf-token"
CSRF_FIELD: Final = "csrf_token"
UNSAFE: Final = frozenset({"POST", "PUT", "PATCH", "DELETE"})
Access = Literal["public", "viewer", "editor", "admin", "account", "national_admin"]


def current_principal(request: Request, db: Session = Depends(get_db)) -> Principal:  # noqa: B008
    """The principal of the request: Bearer token, else session cookie, else anonymous."""
    cached: Principal | None = getattr(request.state, "principal", None)
    if cached is not None:
        return cached
    found = ANONYMOUS
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        by_token = users.token_principal(db, header[7:].strip())
        if by_token is None:
            raise ProblemError(
                401, "unauthenticated", "token", headers={"WWW-Authenticate": "Bearer"}
            )
        found = by_token
    elif SESSION_COOKIE in request.cookies:
        found = users.session_principal(db, request.cookies[SESSION_COOKIE]) or ANONYMOUS
    request.state.principal = found
    return found


def csrf_token_for(request: Request, principal: Principal) -> str:
    """The token forms must send back: the session's, or for anonymous visitors the
    double-submit cookie's (set by the page renderer)."""
    if principal.csrf_token:
        return principal.csrf_token
    token: str | None = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not token:
        token = new_token()
        request.state.new_csrf = token
    return token


async def sent_csrf(request: Request) -> str:
    """The CSRF token sent with a request: ``X-CSRF-Token`` header or ``csrf_token`` field."""
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else ""
    return sent


async def check_csrf(request: Request, principal: Principal) -> None:
    """Unsafe requests authenticated by the session cookie must carry the session's CSRF
    token. Requests without a session (API tokens, anonymous) carry no ambient credentials;
    the sign-in form checks its own double-submit token."""
    if request.method not in UNSAFE or principal.via != "session":
        return
    if not hmac.compare_digest(await sent_csrf(request), principal.csrf_token):
        raise ProblemError(403, "csrf", "csrf")


def access(level: Access) -> dict[str, Any]:
    """Keyword arguments for a route decorator: the access dependency and its declaration."""
    return {
        "dependencies": [Depends(_guard(level))],
        "openapi_extra": {"x-access": level},
    }


def _guard(level: Access) -> Callable[..., Any]:
    async def guard(
        request: Request,
        principal: Principal = Depends(current_principal),  # noqa: B008
    ) -> None:
        await check_csrf(request, principal)
        if level == "public":
            return
        if not principal.authenticated:
            raise ProblemError(401, "unauthenticated", headers={"WWW-Authenticate": "Bearer"})
        if level == "account":
            return
        if level == "national_admin":
            if not principal.national_admin:
                raise ProblemError(403, "forbidden")
            return
        code = request.path_params.get("code")
        if code is None or not principal.can(str(code), level):
            raise ProblemError(403, "forbidden", str(code or ""))

    return guard


#: The principal of the request, for a route's parameters.
Who = Annotated[Principal, Depends(current_principal)]
