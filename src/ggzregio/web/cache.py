"""Whole-response cache for public API reads.

A response is the JSON bytes of a read, keyed by URL, language and what the caller may see,
valid while the *data revision* is unchanged. The revision (everything a public read depends
on) is read from the database at most every :data:`MAX_AGE` seconds per worker process, and
at once after any commit in this process or, for a SQLite file, after any change of the file
by another process (its size and modification time are compared, a stat call, no query).
On PostgreSQL a change made through another worker process is therefore seen within
:data:`MAX_AGE` seconds; on SQLite and in the same process at once.

Anonymous reads that hit the cache are answered by :class:`PublicReadCache` before routing,
validation and dependency injection: the ASGI fast path that carries the API under load.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Receive, Scope, Send

from ggzregio.accounts import Principal
from ggzregio.i18n import get_language
from ggzregio.storage.models import Counter, Region, Scenario

if TYPE_CHECKING:
    from ggzregio.web.state import AppState

MAX_AGE: Final = 0.5
FAST_ENTRIES: Final = 2048
_commits = 0  # commits seen in this process (any session)


@event.listens_for(Session, "after_commit")
def _count_commit(_session: Session) -> None:
    global _commits
    _commits += 1


def data_revision(db: Session) -> tuple[Any, ...]:
    """Everything a public read depends on, in one round trip."""
    regions = select(func.coalesce(func.sum(Region.revision), 0)).scalar_subquery()
    monitor = (
        select(func.coalesce(func.max(Counter.value), 0))
        .where(Counter.name == "monitor")
        .scalar_subquery()
    )
    scenarios = select(func.count(Scenario.id)).scalar_subquery()
    scenario_version = select(func.coalesce(func.sum(Scenario.version), 0)).scalar_subquery()
    return tuple(db.execute(select(regions, monitor, scenarios, scenario_version)).one())


class RevisionMemo:
    """The data revision as last read by this worker, and whether it may still be trusted."""

    def __init__(self, engine: Engine) -> None:
        url = engine.url
        database = url.database or ""
        self._files: tuple[str, ...] = ()
        if url.get_backend_name() == "sqlite" and database and database != ":memory:":
            self._files = (database, database + "-wal")
        self._value: tuple[Any, ...] | None = None
        self._checked = 0.0
        self._commits = -1
        self._token: tuple[int, ...] = ()

    def _file_token(self) -> tuple[int, ...]:
        token: list[int] = []
        for path in self._files:
            try:
                stat = os.stat(path)
            except OSError:
                token += [0, 0]
            else:
                token += [stat.st_mtime_ns, stat.st_size]
        return tuple(token)

    def fresh(self) -> tuple[Any, ...] | None:
        """The revision if nothing can have changed since it was read, else None."""
        if (
            self._value is None
            or self._commits != _commits
            or time.monotonic() - self._checked > MAX_AGE
            or (self._files and self._file_token() != self._token)
        ):
            return None
        return self._value

    def get(self, db: Session) -> tuple[Any, ...]:
        """The current revision, read from the database when the memo is not fresh."""
        value = self.fresh()
        if value is None:
            # Take the markers before the query: a change in between makes the next
            # check read again instead of trusting an old value.
            commits, token, checked = _commits, self._file_token(), time.monotonic()
            value = data_revision(db)
            self._value = value
            self._commits, self._token, self._checked = commits, token, checked
        return value


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


def cached_json(
    request: Request,
    state: AppState,
    db: Session,
    who: Principal,
    build: Callable[[], Any],
) -> Response:
    """The response of ``build()`` as JSON, from the cache when nothing changed. Responses
    that do not depend on who asks (anonymous view) also feed the ASGI fast path."""
    revision = state.revision.get(db)
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
            value = value.model_dump()
        return json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")

    body = state.cached(key, render)
    if not who.roles and not who.national_admin:
        fast_key = (request.url.path, request.scope.get("query_string", b""), language)
        state.fast.put(fast_key, revision, body)
    return Response(body, media_type="application/json")


def _anonymous(scope: Scope, session_cookie: bytes) -> bool:
    for name, value in scope["headers"]:
        if name == b"authorization" or (name == b"cookie" and session_cookie in value):
            return False
    return True


class PublicReadCache:
    """Pure ASGI middleware: answers an anonymous ``GET /api/v1/...`` from the response cache
    when the data revision is known to be unchanged; everything else passes through."""

    def __init__(self, app: ASGIApp, state: AppState, session_cookie: str) -> None:
        self.app = app
        self.state = state
        self.session_cookie = session_cookie.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"].startswith("/api/v1/")
            and _anonymous(scope, self.session_cookie)
        ):
            revision = self.state.revision.fresh()
            if revision is not None:
                key = (scope["path"], scope.get("query_string", b""), get_language())
                body = self.state.fast.get(key, revision)
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
