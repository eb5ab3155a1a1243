"""Whole-response cache for public API reads: the JSON bytes of a response, keyed by URL,
language and what the caller may see, valid while the data revision is unchanged. One cheap
query reads the revision, so every worker process serves fresh data right after a change."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ggzregio.accounts import Principal
from ggzregio.i18n import get_language
from ggzregio.storage.models import Counter, Region, Scenario
from ggzregio.web.state import AppState


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


def cached_json(
    request: Request,
    state: AppState,
    db: Session,
    who: Principal,
    build: Callable[[], Any],
) -> Response:
    """The response of ``build()`` as JSON, from the cache when nothing changed."""
    key = (
        "response",
        request.url.path,
        str(request.url.query),
        get_language(),
        tuple(sorted(who.roles.items())),
        who.national_admin,
        data_revision(db),
    )

    def render() -> bytes:
        value = build()
        if hasattr(value, "model_dump"):
            value = value.model_dump()
        return json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")

    return Response(state.cached(key, render), media_type="application/json")
