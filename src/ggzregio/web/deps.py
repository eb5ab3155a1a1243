"""What routes ask FastAPI for: the application context, a database session and the common
path and query parameters (who is asking: :data:`ggzregio.web.security.Who`)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Annotated, Final

from fastapi import Depends, Path, Query, Request
from sqlalchemy.orm import Session

from ggzregio.accounts import Principal
from ggzregio.app.context import Actor, Context
from ggzregio.errors import InputError, Problem

#: Largest id a page parameter may name (the database's integer range).
MAX_ID: Final = 2_147_483_647
#: The "file" named by problems of a page's query parameters.
QUERY_FILE: Final = "URL"
_DIGITS: Final = re.compile(r"[0-9]{1,10}")


def get_context(request: Request) -> Context:
    ctx: Context = request.app.state.ggzregio
    return ctx


async def get_db(request: Request) -> AsyncIterator[Session]:
    """A database session for the request (writes commit explicitly). Creating a session
    does no I/O (it connects on first use), so this runs on the event loop instead of costing
    two trips through the thread pool per request."""
    session = get_context(request).factory()
    try:
        yield session
    finally:
        session.close()


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


def actor(request: Request, principal: Principal) -> Actor:
    """Who acts in this request, and from where (for the audit log)."""
    return Actor(principal, client_address(request))


Ctx = Annotated[Context, Depends(get_context)]
Db = Annotated[Session, Depends(get_db)]
PageNo = Annotated[int, Query(ge=1, le=1_000_000, description="Page number (from 1).")]
Size = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
ScenarioId = Annotated[int, Path(ge=1, le=2_147_483_647)]
Year = Annotated[int, Path(ge=1990, le=2100)]


def query_int(text: str | None, name: str, low: int = 1, high: int = MAX_ID) -> int | None:
    """A whole number from a page's query parameter ``name`` (``?jaar=2026``), ``None`` when
    it is absent or empty; anything else than ASCII digits from ``low`` to ``high`` (``²``,
    ``-1``, twenty digits) is refused with an :class:`InputError` naming the parameter. Every
    page reads its numeric parameters through here (``str.isdigit`` accepts ``²``)."""
    if text is None or text.strip() == "":
        return None
    raw = text.strip()
    value = int(raw) if _DIGITS.fullmatch(raw) else None
    if value is None or not low <= value <= high:
        values: dict[str, object] = {"value": raw[:40], "low": low, "high": high}
        raise InputError([Problem(QUERY_FILE, "bad_parameter", key=name, values=values)])
    return value
