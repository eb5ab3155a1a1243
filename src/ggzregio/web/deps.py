"""What routes ask FastAPI for: the application context, a database session and the common
path and query parameters (who is asking: :data:`ggzregio.web.security.Who`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from sqlalchemy.orm import Session

from ggzregio.accounts import Principal
from ggzregio.app.context import Actor, Context


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
