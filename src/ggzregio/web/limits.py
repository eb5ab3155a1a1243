"""The size limits on request bodies, checked while the body arrives: a declared
``Content-Length`` above the limit is refused before a byte is read, and a body sent without
one (chunked) is refused as soon as it passes the limit, so a 150 MB document never reaches a
parser, a temporary file or memory — before any access check, so an anonymous client cannot
make the server spool it either. JSON and form bodies: ``max_json_bytes``; uploads
(multipart): ``max_upload_bytes`` plus a margin for the form's other fields (each file is
checked against ``max_upload_bytes`` again by :mod:`ggzregio.web.uploads`)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})
#: Room for the other fields and the part headers of an upload form.
UPLOAD_MARGIN = 1024 * 1024


class JsonBodyLimit:
    """ASGI middleware: refuse JSON and form bodies over ``max_bytes`` and upload forms over
    ``max_upload_bytes`` (+ :data:`UPLOAD_MARGIN`) with 413 (problem details)."""

    def __init__(self, app: ASGIApp, max_bytes: int, max_upload_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_upload_bytes = max_upload_bytes

    def _limit(self, kind: bytes) -> int | None:
        if kind in (b"application/json", b"application/x-www-form-urlencoded"):
            return self.max_bytes
        if kind.endswith(b"+json"):
            return self.max_bytes
        if kind == b"multipart/form-data" and self.max_upload_bytes is not None:
            return self.max_upload_bytes + UPLOAD_MARGIN
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in _WITH_BODY:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        kind = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        limit = self._limit(kind)
        if limit is None:
            await self.app(scope, receive, send)
            return
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            receive = _refusing(limit)
        else:
            receive = _counting(receive, limit)
        await self.app(scope, receive, send)


def _too_large(limit: int) -> HTTPException:
    # An HTTP exception passes FastAPI's body parsing as it is (any other becomes a 400).
    return HTTPException(413, f"request body: > {limit} bytes")


def _refusing(limit: int) -> Receive:
    async def receive() -> Message:
        raise _too_large(limit)

    return receive


def _counting(inner: Receive, limit: int) -> Receive:
    seen = 0

    async def receive() -> Message:
        nonlocal seen
        message = await inner()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _too_large(limit)
        return message

    return receive
