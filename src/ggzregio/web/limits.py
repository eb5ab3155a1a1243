"""The size limit on JSON request bodies, checked while the body arrives: a declared
``Content-Length`` above :attr:`~ggzregio.app.context.Settings.max_json_bytes` is refused
before a byte is read, and a body sent without one (chunked) is refused as soon as it passes
the limit, so a 150 MB document never reaches the JSON parser or memory. Uploads (multipart)
have their own limit (:mod:`ggzregio.web.uploads`)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})


class JsonBodyLimit:
    """ASGI middleware: refuse JSON bodies over ``max_bytes`` with 413 (problem details)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in _WITH_BODY:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        kind = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        if not (kind == b"application/json" or kind.endswith(b"+json")):
            await self.app(scope, receive, send)
            return
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            receive = _refusing(self.max_bytes)
        else:
            receive = _counting(receive, self.max_bytes)
        await self.app(scope, receive, send)


def _too_large(limit: int) -> HTTPException:
    # An HTTP exception passes FastAPI's body parsing as it is (any other becomes a 400).
    return HTTPException(413, f"JSON body: > {limit} bytes")


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
