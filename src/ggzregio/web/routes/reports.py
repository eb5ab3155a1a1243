"""The regiobeeld report of a region, as PDF or self-contained HTML."""

from __future__ import annotations

import asyncio
from typing import Final

from fastapi import APIRouter
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ggzregio.app import reports
from ggzregio.app.errors import BusyError, NotFoundError
from ggzregio.web.deps import Ctx
from ggzregio.web.security import access
from ggzregio.web.work import Caller

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["reports"])
#: Seconds a request waits for its report to be made before it is asked to come back (503
#: with Retry-After; the report goes on being made and is kept for that next request).
REPORT_WAIT_S: Final = 5.0


@pages.get("/regio/{code}/rapport.{fmt}", **access("public"))
async def region_report(code: str, fmt: str, ctx: Ctx, who: Caller) -> Response:
    """The regiobeeld report (PDF or self-contained HTML). Observed (claims-based) figures
    and the gap against the inventory only for members of the region, suppressed as on the
    pages. Rendered once per data revision, language and role, in a report thread (no request
    thread waits for the browser, no database connection is held meanwhile); while too many
    reports are being made, or this one is not ready within :data:`REPORT_WAIT_S`, 503 with
    ``Retry-After``."""
    from ggzregio.report.document import FORMATS, report_bytes
    from ggzregio.report.renderer import RendererBusyError

    if fmt not in FORMATS:
        raise NotFoundError("not_found", fmt)
    job = await run_in_threadpool(
        reports.report_job,
        ctx,
        code,
        fmt,
        include_observed=who.can(code, "viewer"),
        render=report_bytes,
    )
    waiting = asyncio.wrap_future(job)
    done, _ = await asyncio.wait({waiting}, timeout=REPORT_WAIT_S)  # never cancels the job
    if not done:
        waiting.add_done_callback(_seen)  # its outcome is kept for the next request
        raise BusyError("busy", "report being made")
    if waiting.cancelled():  # superseded by the report of newer data
        raise BusyError("busy", "report being made")
    try:
        data = waiting.result()
    except RendererBusyError as exc:
        raise BusyError("busy", str(exc)) from exc
    media = "application/pdf" if fmt == "pdf" else "text/html; charset=utf-8"
    return Response(
        data,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="regiobeeld-{code}.{fmt}"'},
    )


def _seen(waiting: asyncio.Future[bytes]) -> None:
    """Take the outcome of a report nobody waits for any more (no "never retrieved" log)."""
    if not waiting.cancelled():
        waiting.exception()
