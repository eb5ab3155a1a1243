"""The regiobeeld report of a region, as PDF or self-contained HTML."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from ggzregio.app import reports
from ggzregio.app.errors import NotFoundError
from ggzregio.web.deps import Ctx, Db
from ggzregio.web.security import Who, access

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["reports"])


@pages.get("/regio/{code}/rapport.{fmt}", **access("public"))
def region_report(code: str, fmt: str, ctx: Ctx, db: Db, who: Who) -> Response:
    """The regiobeeld report (PDF or self-contained HTML). Observed (claims-based) figures
    and the gap against the inventory only for members of the region, suppressed as on the
    pages."""
    from ggzregio.report.document import FORMATS, report_bytes

    if fmt not in FORMATS:
        raise NotFoundError("not_found", fmt)
    content = reports.gather(ctx, db, code, include_observed=who.can(code, "viewer"))
    media = "application/pdf" if fmt == "pdf" else "text/html; charset=utf-8"
    return Response(
        report_bytes(content, fmt),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="regiobeeld-{code}.{fmt}"'},
    )
