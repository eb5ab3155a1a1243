"""No NUL characters in what people type: a request whose path, query, form fields or JSON
body carries a NUL (``%00``, ``\\u0000``) is refused with 422 before any route sees it.

No name, text, address or number has a NUL; PostgreSQL cannot store one (it answered with a
server error), and a NUL cut short what other software reads. Routes and use cases check
their own texts too; this guard covers every route at once, including ones not written yet.
Uploaded files (multipart) are left alone: a workbook is binary. A body is checked as the
route reads it (nothing is buffered here; the body limit stays in force).
"""

from __future__ import annotations

import json
import re
from typing import Final

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ggzregio.web.problems import MEDIA_TYPE, problem_body

#: ``%00`` in a URL or form body, ``\u0000`` in JSON.
_ENCODED: Final = re.compile(rb"%00|\\u0000", re.IGNORECASE)
_FORM: Final = "application/x-www-form-urlencoded"
_JSON: Final = "application/json"
_TAIL: Final = 5  # a pattern split over two chunks is still found
NUL_TEXT: Final = "De invoer bevat een NUL-teken (%00); typ de tekst opnieuw."


def _problem(path: str) -> tuple[bytes, bytes]:
    """The API's problem details (as every other refusal), or a short page."""
    if path.startswith("/api/"):
        body = problem_body(422, "invalid_input", NUL_TEXT, path, None)
        return json.dumps(body).encode(), MEDIA_TYPE.encode()
    page = f"<!doctype html><html lang='nl'><title>Ongeldige invoer</title><p>{NUL_TEXT}</p></html>"
    return page.encode(), b"text/html; charset=utf-8"


async def _refuse(scope: Scope, send: Send) -> None:
    body, media = _problem(str(scope.get("path", "")))
    headers = [(b"content-type", media), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 422, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class NulGuard:
    """ASGI middleware: 422 for a NUL in the path, the query or a form/JSON body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_path = scope.get("raw_path") or b""
        url = raw_path + b"?" + scope.get("query_string", b"")
        if "\x00" in str(scope.get("path", "")) or _ENCODED.search(url):
            await _refuse(scope, send)
            return
        headers = dict(scope.get("headers") or [])
        kind = headers.get(b"content-type", b"").decode("latin-1").split(";")[0].strip().lower()
        if kind in (_FORM, _JSON) or kind.endswith("+json"):
            receive = _checking(receive)
        await self.app(scope, receive, send)


def _checking(inner: Receive) -> Receive:
    """The body as the route reads it, refused (422, through the application's error
    handlers, like the body limit's 413) at the first NUL."""
    tail = b""

    async def receive() -> Message:
        nonlocal tail
        message = await inner()
        if message["type"] == "http.request":
            chunk = message.get("body", b"")
            if b"\x00" in chunk or _ENCODED.search(tail + chunk):
                raise HTTPException(422, NUL_TEXT)
            tail = (tail + chunk)[-_TAIL:]
        return message

    return receive
