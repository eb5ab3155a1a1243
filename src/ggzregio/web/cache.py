"""Whole-response cache for public API reads.

A response is the JSON bytes of a read, keyed by URL, language (labels in the response) and
what the caller may see, valid while the *data revision* is unchanged
(:mod:`ggzregio.app.revision`: read from the database at most every half second per worker,
at once after a commit in this process or a change of the SQLite file). The results the
responses are made of are cached once for every language (:mod:`ggzregio.app.context`).

Anonymous reads that hit the cache are answered by :class:`PublicReadCache` before routing,
validation and dependency injection: the ASGI fast path that carries the API under load.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any, Final

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Receive, Scope, Send

from ggzregio.accounts import Principal
from ggzregio.app.context import Context
from ggzregio.i18n import get_language

FAST_ENTRIES: Final = 2048


class FastResponses:
    """Anonymous public responses by (path, query, language), with their revision."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, bytes, str], tuple[tuple[Any, ...], bytes]] = {}
        self._lock = threading.Lock()

    def put(self, key: tuple[str, bytes, str], revision: tuple[Any, ...], body: bytes) -> None:
        with self._lock:
            if len(self._items) >= FAST_ENTRIES:
                self._items.clear()
            self._items[key] = (revision, body)

    def get(self, key: tuple[str, bytes, str], revision: tuple[Any, ...]) -> bytes | None:
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
    """The response of ``build()`` as JSON, from the cache when nothing changed. Responses
    that do not depend on who asks (anonymous view) also feed the ASGI fast path."""
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
    if not who.roles and not who.national_admin:
        fast_key = (request.url.path, request.scope.get("query_string", b""), language)
        fast_responses(request).put(fast_key, revision, body)
    return Response(body, media_type="application/json")


def _anonymous(scope: Scope, session_cookie: bytes) -> bool:
    for name, value in scope["headers"]:
        if name == b"authorization" or (name == b"cookie" and session_cookie in value):
            return False
    return True


class PublicReadCache:
    """Pure ASGI middleware: answers an anonymous ``GET /api/v1/...`` from the response cache
    when the data revision is known to be unchanged; everything else passes through."""

    def __init__(
        self, app: ASGIApp, ctx: Context, fast: FastResponses, session_cookie: str
    ) -> None:
        self.app = app
        self.ctx = ctx
        self.fast = fast
        self.session_cookie = session_cookie.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"].startswith("/api/v1/")
            and _anonymous(scope, self.session_cookie)
        ):
            revision = self.ctx.revision.fresh()
            if revision is not None:
                key = (scope["path"], scope.get("query_string", b""), get_language())
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
