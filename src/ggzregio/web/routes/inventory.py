"""The capacity inventory: the checklist per year in the browser (view, enter, edit, upload
the Excel template, download), through the API, and the region's edit history."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Annotated, Any, Final

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ggzregio.app import inventory as inv
from ggzregio.app import regions
from ggzregio.errors import InputError, Problem
from ggzregio.i18n import t
from ggzregio.inventory.model import MEASURES, Inventory, checklist_rows, inventory_frame
from ggzregio.inventory.rules import FIRST_YEAR, LAST_YEAR
from ggzregio.io.results import ResultSet
from ggzregio.web.deps import Ctx, Db, PageNo, Size, Year, actor, query_int
from ggzregio.web.planning_form import FORM_FILE, parse_number, plain
from ggzregio.web.render import Column, download, render, table_view
from ggzregio.web.responses import (
    Changed,
    EditOut,
    InventoryOut,
    InventoryUploaded,
    InventoryYears,
    Page,
    paginate,
)
from ggzregio.web.schemas import InventoryUpdate
from ggzregio.web.security import Who, access
from ggzregio.web.uploads import read_upload
from ggzregio.web.work import Caller, off_loop

api = APIRouter(prefix="/api/v1", tags=["inventory"])
pages = APIRouter(include_in_schema=False)
XLSX: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INVENTORY_COLUMNS: Final = (
    Column("label", "col.label"),
    Column("fte", "col.fte", 1),
    Column("places", "col.places", 0),
    Column("eur", "col.eur", 0),
    Column("eur_total", "col.eur_total", 0),
    Column("source", "col.source"),
)


def inventory_json(inventory: Inventory) -> dict[str, Any]:
    return {
        "region_code": inventory.region_code,
        "year": inventory.year,
        "inhabitants": inventory.inhabitants,
        "compiled_by": inventory.compiled_by,
        "source_file": inventory.source_file,
        "version": inventory.data_version,
        "entries": inv.entries_json(inventory),
    }


# --- API ------------------------------------------------------------------------------------


@api.get("/regions/{code}/inventories", response_model=InventoryYears, **access("viewer"))
def list_inventories(code: str, db: Db) -> InventoryYears:
    return InventoryYears(years=inv.inventory_years(db, code))


@api.get("/regions/{code}/inventories/{year}", response_model=InventoryOut, **access("viewer"))
def get_inventory(code: str, year: Year, db: Db) -> dict[str, Any]:
    return inventory_json(inv.inventory_or_404(db, code, year))


@api.put("/regions/{code}/inventories/{year}", response_model=Changed, **access("editor"))
def put_inventory(
    request: Request, code: str, year: Year, body: InventoryUpdate, ctx: Ctx, who: Who
) -> Changed:
    """Enter or change checklist values: only the fields sent change (``null`` empties one);
    every changed value is kept in the edit history."""
    changes = [
        inv.EntryChange(e.key, {f: getattr(e, f) for f in e.model_fields_set if f != "key"})
        for e in body.entries
    ]
    n = inv.change_inventory(ctx, actor(request, who), code, year, changes, body.inhabitants)
    return Changed(changed=n)


@api.post(
    "/regions/{code}/inventories",
    status_code=201,
    response_model=InventoryUploaded,
    **access("editor"),
)
async def upload_inventory(
    request: Request,
    code: str,
    ctx: Ctx,
    who: Caller,
    file: Annotated[UploadFile, File(description="Filled-in inventory template (.xlsx)")],
) -> InventoryUploaded:
    """Upload the Excel template; refused as a whole when any cell breaks a rule."""
    upload = await read_upload(file, ctx.settings.max_upload_bytes)
    stored, changed = await off_loop(inv.import_inventory, ctx, actor(request, who), code, upload)
    return InventoryUploaded(year=stored.year, changed=changed)


@api.get(
    "/regions/{code}/history", response_model=Page[EditOut], tags=["inventory"], **access("viewer")
)
def history(code: str, db: Db, page: PageNo = 1, size: Size = 50) -> dict[str, Any]:
    """Every changed value in the region: who, when, old and new."""
    items = [
        {
            "at": e.at.isoformat(),
            "user_id": e.user_id,
            "entity": e.entity,
            "key": e.entity_key,
            "field": e.field,
            "old": e.old_value,
            "new": e.new_value,
        }
        for e in inv.edit_history(db, code)
    ]
    return paginate(items, page, size)


# --- pages ----------------------------------------------------------------------------------


def _year(request: Request) -> int | None:
    """The page's ``?jaar=`` (a 422 page naming it when it is not a year of an inventory)."""
    return query_int(request.query_params.get("jaar"), "jaar", FIRST_YEAR, LAST_YEAR)


def _form_rows(inventory: Inventory, typed: Mapping[str, str]) -> list[dict[str, str]]:
    """The checklist rows of the form: what was typed (a refused form), else what is stored."""
    rows = []
    for key, row in checklist_rows().items():
        entry = inventory.entry(key)
        values = {}
        for m in MEASURES:
            stored = entry.value(m)
            values[m] = typed.get(f"{key}.{m}", "" if stored is None else plain(stored))
        rows.append({"key": key, "label": ("· " * row.depth()) + row.label(), **values})
    return rows


def _page(
    request: Request,
    db: Db,
    who: Who,
    code: str,
    year: int | None,
    message: str = "",
    typed: Mapping[str, str] | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> Response:
    region = regions.get_region(db, code)
    years = inv.inventory_years(db, code)
    year = year or (years[-1] if years else inv.DEFAULT_YEAR)
    inventory = inv.inventory_or_blank(db, region, year)
    typed = typed or {}
    stored = "" if inventory.inhabitants is None else plain(inventory.inhabitants)
    view = table_view(
        "inventaris",
        t("web.inventory_table", year=year),
        inventory_frame(inventory),
        INVENTORY_COLUMNS,
    )
    return render(
        request,
        "inventory.html",
        who,
        422 if errors else 200,
        region=region,
        years=years or [year],
        year=year,
        rows=_form_rows(inventory, typed),
        inhabitants=typed.get("inhabitants", stored),
        inventory_table=view,
        history=inv.edit_history(db, code, 50),
        can_edit=who.can(code, "editor"),
        message=message,
        errors=errors or [],
        synthetic=region.synthetic,
    )


@pages.get("/regio/{code}/inventaris", **access("viewer"))
def inventory_page(
    request: Request,
    code: str,
    db: Db,
    who: Who,
    opgeslagen: Annotated[int | None, Query(ge=0, le=100_000_000)] = None,
) -> Response:
    # A message code (a count), never text from the URL: a link cannot put words on the page.
    message = "" if opgeslagen is None else t("web.saved", n=opgeslagen)
    return _page(request, db, who, code, _year(request), message)


def _saved(code: str, year: int, changed: int) -> Response:
    return RedirectResponse(f"/regio/{code}/inventaris?jaar={year}&opgeslagen={changed}", 303)


def _typed_changes(
    form: Mapping[str, str],
) -> tuple[list[inv.EntryChange], float | None, list[Problem]]:
    """The form's fields as changes (read the way the person typed them: ``12,5``,
    ``250.000``); a field not sent is left as it was. The rules are the use case's."""
    problems: list[Problem] = []
    changes = []
    for key in checklist_rows():
        fields: dict[str, float | str | None] = {}
        for m in MEASURES:
            name = f"{key}.{m}"
            if name not in form:
                continue
            text = form[name].strip()
            try:
                fields[m] = None if text == "" else parse_number(text, name)
            except InputError as exc:
                problems.extend(exc.problems)
        if fields:
            changes.append(inv.EntryChange(key, fields))
    inhabitants = None
    text = form.get("inhabitants", "").strip()
    if text:
        try:
            inhabitants = parse_number(text, "inhabitants", integer=True)
        except InputError as exc:
            problems.extend(exc.problems)
    return changes, inhabitants, problems


@pages.post("/regio/{code}/inventaris", **access("editor"))
async def inventory_save(request: Request, code: str, ctx: Ctx, db: Db, who: Caller) -> Response:
    """Save the form; a refused form is shown again with what was typed and every problem."""
    form = await request.form()
    typed = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}
    year = _year(request) or inv.DEFAULT_YEAR
    changes, inhabitants, problems = _typed_changes(typed)
    try:
        if problems:
            raise InputError(problems)
        changed = await run_in_threadpool(  # database work: not on the event loop
            inv.change_inventory,
            ctx,
            actor(request, who),
            code,
            year,
            changes,
            inhabitants,
            FORM_FILE,
        )
    except InputError as exc:
        errors = [{"message": p.message()} for p in exc.problems]
        return await run_in_threadpool(
            partial(_page, request, db, who, code, year, typed=typed, errors=errors)
        )
    return _saved(code, year, changed)


@pages.post("/regio/{code}/inventaris/upload", **access("editor"))
async def inventory_upload(
    request: Request, code: str, ctx: Ctx, who: Caller, file: Annotated[UploadFile, File()]
) -> Response:
    upload = await read_upload(file, ctx.settings.max_upload_bytes)
    stored, changed = await off_loop(inv.import_inventory, ctx, actor(request, who), code, upload)
    return _saved(code, stored.year, changed)


@pages.get("/regio/{code}/inventaris/sjabloon.xlsx", **access("viewer"))
def inventory_template(request: Request, code: str, db: Db) -> Response:
    """The Excel template, filled in with the stored inventory of the chosen year."""
    return Response(
        inv.inventory_template(db, code, _year(request)),
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="inventaris-{code}.xlsx"'},
    )


@pages.get("/regio/{code}/download/inventaris.{fmt}", **access("viewer"))
def inventory_download(request: Request, code: str, fmt: str, db: Db) -> Response:
    inventory = inv.inventory_or_404(db, code, _year(request))
    table = ResultSet({"inventaris": inventory_frame(inventory)}, {})
    return download(table, f"{code}-inventaris", fmt)
