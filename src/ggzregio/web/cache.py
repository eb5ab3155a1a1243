"""Whole-response cache for public API reads.

A response is the JSON bytes of a read, keyed by URL, language (labels in the response) and
what the caller may see, valid while the *data revision* is unchanged
(:mod:`ggzregio.app.revision`: read from the database at most every half second per worker,
at once after a commit in this process or a change of the SQLite file). The results the
responses are made of are cached once for every language (:mod:`ggzregio.app.context`).

Reads that hit the cache are answered by :class:`PublicReadCache` before routing, validation
and dependency injection: the ASGI fast path that carries the API under load. A visitor's read
is answered at once; a read with a token or a session cookie is first authenticated exactly as
on the full path (:func:`ggzregio.web.security.current_principal`, every request, never
remembered: a revoked token or a deactivated account is refused at once) and then answered
from the entry the full path stored for the same URL, language and *access identity*
(signed in or not, national admin or not, roles per region): everything the access check of a
route and the view of a cached read depend on.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any, Final

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from ggzregio.accounts import ANONYMOUS, Principal
from ggzregio.app.context import Context
from ggzregio.i18n import get_language
from ggzregio.web.problems import ProblemError
from ggzregio.web.security import current_principal

FAST_ENTRIES: Final = 2048
#: The part of a fast-path key that says who may read the entry.
Identity = tuple[bool, bool, tuple[tuple[str, str], ...]]
FastKey = tuple[str, bytes, str, Identity]


def identity(who: Principal) -> Identity:
    """What a route's access check and a cached read's view depend on: signed in, national
    admin, roles per region (not the account itself: two members with the same roles are
    allowed and shown the same)."""
    return (who.authenticated, who.national_admin, tuple(sorted(who.roles.items())))


ANONYMOUS_IDENTITY: Final = identity(ANONYMOUS)
#: Paths that never look at credentials (the health check) and prefixes (static files).
UNAUTHENTICATED: Final = frozenset({"/healthz"})
STATIC: Final = ("/static/", "/static-lib/")


class FastResponses:
    """Cached read responses by (path, query, language, access identity), with their
    revision."""

    def __init__(self) -> None:
        self._items: dict[FastKey, tuple[tuple[Any, ...], bytes]] = {}
        self._lock = threading.Lock()

    def put(self, key: FastKey, revision: tuple[Any, ...], body: bytes) -> None:
        with self._lock:
            if len(self._items) >= FAST_ENTRIES:
                self._items.clear()
            self._items[key] = (revision, body)

    def get(self, key: FastKey, revision: tuple[Any, ...]) -> bytes | None:
        found = self._items.get(key)
        if found is None or found[0] != revision:
            return None
        return found[1]


def fast_responses(request: Request) -> FastResponses:
    found: FastResponses = request.app.state.fast
    return found


def cached_json(
    request: Request,
    ctx: Context,
    db: Session,
    who: Principal,
    build: Callable[[], Any],
) -> Response:
    """The response of ``build()`` as JSON, from the cache when nothing changed. ``who`` is
    the view the answer is made for (:data:`ANONYMOUS` where it is the same for everyone).
    The answer also feeds the ASGI fast path, under the access identity of the caller (who
    passed this route's access check)."""
    revision = ctx.revision.get(db)
    language = get_language()
    key = (
        "response",
        request.url.path,
        str(request.url.query),
        language,
        tuple(sorted(who.roles.items())),
        who.national_admin,
        revision,
    )

    def render() -> bytes:
        value = build()
        if hasattr(value, "model_dump"):
            value = value.model_dump(mode="json")
        return json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")

    body = ctx.cached(key, render)
    caller: Principal = getattr(request.state, "principal", None) or who
    fast_key = (request.url.path, request.scope.get("query_string", b""), language)
    fast_responses(request).put((*fast_key, identity(caller)), revision, body)
    return Response(body, media_type="application/json")


def _anonymous(scope: Scope, session_cookie: bytes) -> bool:
    for name, value in scope["headers"]:
        if name == b"authorization" or (name == b"cookie" and session_cookie in value):
            return False
    return True


def _authenticate(ctx: Context, scope: Scope) -> Principal | None:
    """The caller of a request with credentials, by the full path's own authentication (it
    also stores the principal in the request's state, so a miss is not authenticated twice);
    None when the full path must answer (a refused credential: 401; no connection: 503)."""
    try:
        with ctx.factory() as db:
            return current_principal(Request(scope), db)
    except (ProblemError, SQLAlchemyError):
        return None


class PublicReadCache:
    """Pure ASGI middleware in front of the routes. A request with credentials is first
    authenticated, in a worker thread with a session of its own that is closed at once (the
    routes then find the principal in the request's state: a request holds no database
    connection while it waits for a request thread). A ``GET /api/v1/...`` is then answered
    from the response cache when the data revision is known to be unchanged; everything else
    passes through."""

    def __init__(
        self, app: ASGIApp, ctx: Context, fast: FastResponses, session_cookie: str
    ) -> None:
        self.app = app
        self.ctx = ctx
        self.fast = fast
        self.session_cookie = session_cookie.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path in UNAUTHENTICATED or path.startswith(STATIC):
            await self.app(scope, receive, send)
            return
        who: Identity | None = ANONYMOUS_IDENTITY
        if not _anonymous(scope, self.session_cookie):
            principal = await run_in_threadpool(_authenticate, self.ctx, scope)
            who = None if principal is None else identity(principal)
        revision = self.ctx.revision.fresh()
        if (
            who is not None
            and revision is not None
            and scope["method"] == "GET"
            and scope["path"].startswith("/api/v1/")
        ):
            key = (scope["path"], scope.get("query_string", b""), get_language(), who)
            body = self.fast.get(key, revision)
            if body is not None:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 200,
                        "headers": [
                            (b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
