"""Server-side rendering: the Jinja2 environment, table views with Dutch number formatting,
figures as Plotly JSON (drawn by the locally served plotly.js) and downloads."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Final

import plotly.graph_objects as go
from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ggzregio import __version__
from ggzregio.accounts import ANONYMOUS, Principal
from ggzregio.formatting import format_year
from ggzregio.i18n import get_language, t
from ggzregio.io.results import ResultSet, write_results
from ggzregio.tableview import (
    Column,
    TableView,
    format_cell_euro,
    format_cell_number,
    format_date,
    table_view,
)
from ggzregio.web.security import CSRF_COOKIE, csrf_token_for

__all__ = ["Column", "TableView", "download", "figure_json", "render", "table_view"]

TEMPLATES: Final = Path(str(resources.files("ggzregio.web") / "templates"))
PLOTLY_CONFIG: Final = {"displaylogo": False, "responsive": True}


environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.globals.update(t=t, version=__version__)
environment.filters.update(
    number=format_cell_number, euro=format_cell_euro, year=format_year, date=format_date
)


def figure_json(fig: go.Figure, alt: str) -> dict[str, Any]:
    """A figure for a template: Plotly JSON, alternative text and a file name."""
    fig.update_layout(template="plotly_white", separators=",." if get_language() == "nl" else ".,")
    return {"json": fig.to_json(), "alt": alt, "config": PLOTLY_CONFIG}


def render(
    request: Request,
    template: str,
    principal: Principal = ANONYMOUS,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """Render ``template`` with the common context (language, user, CSRF token)."""
    csrf = csrf_token_for(request, principal)
    page = environment.get_template(template).render(
        request=request,
        lang=get_language(),
        user=principal,
        csrf=csrf,
        path=request.url.path,
        **context,
    )
    response = HTMLResponse(page, status_code=status_code)
    new = getattr(request.state, "new_csrf", None)
    if new:
        settings = request.app.state.ggzregio.settings
        response.set_cookie(
            CSRF_COOKIE, new, httponly=True, samesite="strict", secure=settings.secure_cookies
        )
    return response


def render_error(
    request: Request, status: int, title: str, errors: Sequence[Mapping[str, Any]]
) -> HTMLResponse:
    principal: Principal = getattr(request.state, "principal", None) or ANONYMOUS
    return render(
        request,
        "error.html",
        principal,
        status_code=status,
        status=status,
        title=title,
        errors=errors,
    )


def render_not_yet(request: Request, title: str, explanation: str) -> HTMLResponse:
    """A page or download that rests on data not there yet: what is missing and where to
    add it (HTTP 200; an unknown code is a 404 elsewhere)."""
    principal: Principal = getattr(request.state, "principal", None) or ANONYMOUS
    parts = request.url.path.split("/")
    region = parts[2] if len(parts) > 2 and parts[1] == "regio" else None
    return render(
        request, "not_yet.html", principal, title=title, explanation=explanation, region=region
    )


def download(result: ResultSet, stem: str, fmt: str) -> Response:
    """A result set as a file download (CSV of the first table, or Excel with every table and
    an information sheet with model and data versions), written by the library's writer."""
    if fmt not in ("csv", "xlsx"):
        from ggzregio.app.errors import NotFoundError

        raise NotFoundError("not_found", fmt)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"{stem}.{fmt}"
        first = next(iter(result.tables))
        single = (
            ResultSet(
                {first: result.tables[first]}, result.metadata, result.hidden, notes=result.notes
            )
            if fmt == "csv"
            else result
        )
        write_results(single, target, fmt)
        data = target.read_bytes()
    media = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return Response(
        data,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{stem}.{fmt}"'},
    )
