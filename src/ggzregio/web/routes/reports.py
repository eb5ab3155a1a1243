"""The regiobeeld report of a region, as PDF or self-contained HTML."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from ggzregio.app import reports
from ggzregio.app.errors import BusyError, NotFoundError
from ggzregio.web.deps import Ctx
from ggzregio.web.security import Who, access

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["reports"])


@pages.get("/regio/{code}/rapport.{fmt}", **access("public"))
def region_report(code: str, fmt: str, ctx: Ctx, who: Who) -> Response:
    """The regiobeeld report (PDF or self-contained HTML). Observed (claims-based) figures
    and the gap against the inventory only for members of the region, suppressed as on the
    pages. Rendered once per data revision, language and role; while the report browser is
    at its limit, 503 with ``Retry-After``."""
    from ggzregio.report.document import FORMATS, report_bytes
    from ggzregio.report.renderer import RendererBusyError

    if fmt not in FORMATS:
        raise NotFoundError("not_found", fmt)
    try:
        data = reports.report_file(
            ctx, code, fmt, include_observed=who.can(code, "viewer"), render=report_bytes
        )
    except RendererBusyError as exc:
        raise BusyError("busy", str(exc)) from exc
    media = "application/pdf" if fmt == "pdf" else "text/html; charset=utf-8"
    return Response(
        data,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="regiobeeld-{code}.{fmt}"'},
    )
