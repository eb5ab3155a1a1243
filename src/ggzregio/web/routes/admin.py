"""Managing the instance as a national admin: create or rename a region from a list of
municipalities of the division set up with ``ggzregio db init``."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from ggzregio.app import regions, setup
from ggzregio.errors import InputError
from ggzregio.i18n import t
from ggzregio.web.deps import Ctx, actor
from ggzregio.web.render import render
from ggzregio.web.security import Who, access

api = APIRouter(prefix="/api/v1", tags=["admin"])
pages = APIRouter(include_in_schema=False)
SEPARATORS = re.compile(r"[\s,;]+")


def _page(request: Request, ctx: Ctx, who: Who, **extra: Any) -> Response:
    with ctx.factory() as db:
        listed = [
            (r, [m.code for m in regions.municipalities(db, r.code)]) for r in regions.regions(db)
        ]
    context: dict[str, Any] = {"message": "", "errors": [], "code": "", "name": "",
                               "municipalities": "", **extra}  # fmt: skip
    status = 422 if context["errors"] else 200
    return render(request, "admin_regions.html", who, status, regions=listed, **context)


@pages.get("/beheer/regios", **access("national_admin"))
def regions_page(request: Request, ctx: Ctx, who: Who) -> Response:
    return _page(request, ctx, who)


@pages.post("/beheer/regios", **access("national_admin"))
def save_region_page(
    request: Request,
    ctx: Ctx,
    who: Who,
    code: Annotated[str, Form(max_length=32)] = "",
    name: Annotated[str, Form(max_length=200)] = "",
    municipalities: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    codes = [c for c in SEPARATORS.split(municipalities) if c]
    try:
        changed = setup.save_region(ctx, actor(request, who), code, name, codes)
    except InputError as exc:
        errors = [{"message": p.message()} for p in exc.problems]
        return _page(request, ctx, who, errors=errors, code=code, name=name,
                     municipalities=municipalities)  # fmt: skip
    return _page(request, ctx, who, message=t("admin.saved", regions=", ".join(changed)))
