"""The neighbourhood load (*draagkracht*): the page ``/regio/{code}/draagkracht`` (areas with
load, flags and reasons, ceilings, placements protected, the spread and its rule, a map), the
editors' form and uploads, the download, and the API.

Access: planned placements are planning numbers of people, so everything here is for members
of the region (viewer and up) and always the protected display; only editors enter
placements, ceilings and indicators, adopt a spread or ask for a suggested one, and only the
editors' form shows the entered numbers as they are (docs/neighbourhood.md)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Final, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from pydantic import AfterValidator, BaseModel, Field, StrictBool, StrictFloat, StrictInt

from ggzregio.app import neighbourhood as nb
from ggzregio.app import outflow, regions
from ggzregio.app.errors import NotFoundError
from ggzregio.errors import InputError, Problem
from ggzregio.geo import map_figure
from ggzregio.i18n import t
from ggzregio.labels import FLAG_TEXT
from ggzregio.neighbourhood.areas import SpreadRule
from ggzregio.storage.neighbourhood import StoredCeiling
from ggzregio.text import control_character
from ggzregio.web.deps import Ctx, Db, actor, query_int
from ggzregio.web.planning_form import FORM_FILE, parse_number, plain
from ggzregio.web.render import Column, download, figure_json, render, table_view
from ggzregio.web.responses import Changed, Row, paginate
from ggzregio.web.schemas import Strict
from ggzregio.web.security import Who, access
from ggzregio.web.uploads import read_upload
from ggzregio.web.work import off_loop

api = APIRouter(prefix="/api/v1", tags=["neighbourhood"])
pages = APIRouter(include_in_schema=False)


def _no_control(value: str) -> str:
    """Refuse a control character in a text the feature stores (422 naming the field)."""
    bad = control_character(value)
    if bad is not None:
        raise ValueError(t(f"rule.{nb.CONTROL_CHARACTER}", code=bad))
    return value


PlainText = AfterValidator(_no_control)


YearQ = Annotated[int | None, Query(ge=nb.FIRST_YEAR, le=nb.LAST_YEAR)]
AreaCode = Annotated[str, Field(min_length=1, max_length=32), PlainText]
#: Numbers are strict: a number sent as a string (``"250.000"``) is refused, never read.
Count = Annotated[StrictInt, Field(ge=0, le=nb.MAX_PLACEMENTS)]
Year = Annotated[StrictInt, Field(ge=nb.FIRST_YEAR, le=nb.LAST_YEAR)]
LOAD_COLUMNS: Final = (
    Column("placements", "neighbourhood.col.placements", 0),
    Column("placements_per_1000", "neighbourhood.col.placements_per_1000", 2),
    Column("load_per_1000", "neighbourhood.col.load_per_1000", 1),
)
AREA_COLUMNS: Final = (
    Column("area_code", "col.area_code"),
    Column("area_name", "col.area_name"),
    Column("adults", "col.adults", 0),
    Column("expected_epa", "neighbourhood.col.expected_epa", 1),
    Column("expected_epa_per_1000", "neighbourhood.col.expected_epa_per_1000", 2),
    *LOAD_COLUMNS,
    Column("ceiling_kind", "neighbourhood.col.ceiling_kind", codes="neighbourhood.kind."),
    Column("ceiling", "neighbourhood.col.ceiling", 1),
    Column("limit", "neighbourhood.col.limit", 0),
    Column("headroom", "neighbourhood.col.headroom", 0),
    Column("excess", "neighbourhood.col.excess", 0),
    Column(FLAG_TEXT, "col.flag_reason"),
    Column(nb.NOTE_TEXT, "neighbourhood.col.note_text"),
)
GROUP_COLUMNS: Final = (
    Column(nb.MUNICIPALITY, "col.municipality_code"),
    Column("adults", "col.adults", 0),
    Column("expected_epa", "neighbourhood.col.expected_epa", 1),
    *LOAD_COLUMNS,
)
TOTAL_COLUMNS: Final = (
    Column("adults", "col.adults", 0),
    Column("expected_epa", "neighbourhood.col.expected_epa", 1),
    Column("placements", "neighbourhood.col.placements", 0),
    Column("mean_load_per_1000", "neighbourhood.col.mean_load_per_1000", 1),
    Column("threshold_per_1000", "neighbourhood.col.threshold_per_1000", 1),
)


# --- API models ------------------------------------------------------------------------------


class SpreadOut(BaseModel):
    kind: Literal["adopted", "suggested"]
    rule: str
    rule_text: str = Field(description="The rule in words, in the request's language.")
    total: int = Field(description="The number of placements spread.")
    unplaced: int | None = Field(
        description="Placements that fit under no ceiling; null when hidden (a small count)."
    )


class NeighbourhoodOut(BaseModel):
    """The protected neighbourhood load of a region and year: tables of rows with their
    hidden columns (placement counts below the threshold and what derives them)."""

    region_code: str
    year: int
    years: list[int]
    threshold: int
    load_text: str = Field(description="What the load measure is, in words.")
    areas: list[Row]
    municipalities: list[Row]
    total: list[Row]
    spread: SpreadOut | None
    metadata: dict[str, str]


class PlacementsIn(Strict):
    year: Year
    placements: dict[AreaCode, Count | None] = Field(
        max_length=50_000, description="Area code → planned placements (null or 0 removes)."
    )


class CeilingIn(Strict):
    kind: Literal["placements", "per_1000_adults"]
    value: StrictFloat = Field(ge=0, le=nb.MAX_RATE * 100)
    #: a JSON date is a string ("2026-11-02"): read as a date (strict mode refuses it)
    agreed_on: date | None = Field(None, strict=False)
    agreed_by: Annotated[str, Field(max_length=200), PlainText] = ""


class CeilingsIn(Strict):
    ceilings: dict[AreaCode, CeilingIn | None] = Field(
        max_length=50_000, description="Area code → ceiling (null removes it)."
    )


class SpreadIn(Strict):
    year: Year
    total: StrictInt = Field(ge=0, le=nb.MAX_PLACEMENTS * 10, description="Placements to spread.")
    rule: Literal["headroom", "adults"] = "headroom"
    store: StrictBool = Field(False, description="Adopt the spread (store it) or only suggest it.")


class IndicatorsStored(BaseModel):
    indicators: list[str]
    areas: int = Field(description="Areas of the region given values.")


# --- shared ----------------------------------------------------------------------------------


def _rows(view: nb.LoadView, table: str) -> list[dict[str, Any]]:
    result = view.result_set()
    if table not in result.tables:
        return []
    frame = result.tables[table]
    found: list[dict[str, Any]] = paginate(frame, 1, max(len(frame), 1), hidden=result.mask(table))[
        "items"
    ]
    return found


def _spread(view: nb.LoadView) -> dict[str, Any] | None:
    if view.spread_kind is None or view.spread_rule is None:
        return None
    return {
        "kind": view.spread_kind,
        "rule": view.spread_rule,
        "rule_text": t(f"neighbourhood.rule.{view.spread_rule}"),
        "total": view.spread_total or 0,
        "unplaced": view.unplaced(),
    }


def _out(view: nb.LoadView) -> dict[str, Any]:
    return {
        "region_code": view.region_code,
        "year": view.year,
        "years": list(view.years),
        "threshold": view.threshold,
        "load_text": t("neighbourhood.load"),
        "areas": _rows(view, "area"),
        "municipalities": _rows(view, nb.MUNICIPALITY),
        "total": _rows(view, "total"),
        "spread": _spread(view),
        "metadata": view.metadata,
    }


# --- API -------------------------------------------------------------------------------------


@api.get("/regions/{code}/neighbourhood", response_model=NeighbourhoodOut, **access("viewer"))
def get_neighbourhood(code: str, ctx: Ctx, db: Db, year: YearQ = None) -> dict[str, Any]:
    """The neighbourhood load of the region (members only): per area the expected EPA,
    indicators, planned placements (protected), ceiling, load, flags with reasons; sums per
    municipality and for the region; the adopted spread."""
    return _out(nb.view(ctx, db, code, year))


@api.get(
    "/regions/{code}/neighbourhood/outflow",
    response_model=outflow.ProjectedOutflow,
    **access("viewer"),
)
def get_outflow(code: str, ctx: Ctx, db: Db) -> outflow.ProjectedOutflow:
    """The number to spread from the projection: moves from sheltered housing and long stay
    into an ordinary home in the first projection year under the report's plan (median and
    90 % band over draws)."""
    return outflow.projected_outflow(ctx, db, code)


def _projected(ctx: Ctx, db: Db, code: str) -> outflow.ProjectedOutflow | None:
    try:
        return outflow.projected_outflow(ctx, db, code)
    except NotFoundError:  # no estimate or plan yet: the editor types the number
        return None


@api.put("/regions/{code}/neighbourhood/placements", response_model=Changed, **access("editor"))
def put_placements(request: Request, code: str, ctx: Ctx, who: Who, body: PlacementsIn) -> Changed:
    """Set the planned placements of a year per area (entered by the region)."""
    changed = nb.set_placements(ctx, actor(request, who), code, body.year, body.placements)
    return Changed(changed=changed)


@api.put("/regions/{code}/neighbourhood/ceilings", response_model=Changed, **access("editor"))
def put_ceilings(request: Request, code: str, ctx: Ctx, who: Who, body: CeilingsIn) -> Changed:
    """Set or remove the agreed ceilings per area (placements, or per 1,000 adults)."""
    values = {
        area: None
        if c is None
        else StoredCeiling(c.kind, c.value, c.agreed_on, c.agreed_by.strip())
        for area, c in body.ceilings.items()
    }
    return Changed(changed=nb.set_ceilings(ctx, actor(request, who), code, values))


@api.post(
    "/regions/{code}/neighbourhood/spread", response_model=NeighbourhoodOut, **access("editor")
)
def post_spread(
    request: Request, code: str, ctx: Ctx, db: Db, who: Who, body: SpreadIn
) -> dict[str, Any]:
    """Spread a number of placements over the areas under their ceilings: a suggestion, or
    with ``store`` adopted for the year (replacing an earlier spread). The answer is the
    protected display with the spread."""
    rule: SpreadRule = body.rule
    if body.store:
        return _out(nb.adopt_spread(ctx, actor(request, who), code, body.year, body.total, rule))
    return _out(nb.view(ctx, db, code, body.year, suggest=(body.total, rule)))


@api.post(
    "/regions/{code}/neighbourhood/indicators",
    status_code=201,
    response_model=IndicatorsStored,
    **access("editor"),
)
async def upload_indicators(
    request: Request,
    code: str,
    ctx: Ctx,
    who: Who,
    file: Annotated[UploadFile, File(description="Area indicators (CSV or Excel)")],
    columns: Annotated[str, Form(max_length=1000)] = "",
) -> IndicatorsStored:
    """Upload area indicators (numeric columns per area code; a missing value stays missing)."""
    upload = await read_upload(file, ctx.settings.max_upload_bytes)
    names, n = await off_loop(
        nb.import_indicators, ctx, actor(request, who), code, upload, _columns(columns)
    )
    return IndicatorsStored(indicators=list(names), areas=n)


def _columns(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in text.replace(";", ",").split(",") if c.strip())


# --- pages -----------------------------------------------------------------------------------


def _year(request: Request) -> int | None:
    return query_int(request.query_params.get("jaar"), "jaar", nb.FIRST_YEAR, nb.LAST_YEAR)


def _suggestion(request: Request, who: Who, code: str) -> tuple[int, SpreadRule] | None:
    """An editor's ``?spreiding=N&regel=...``: a suggested spread (others: none)."""
    total = query_int(request.query_params.get("spreiding"), "spreiding", 0, nb.MAX_PLACEMENTS)
    if total is None or not who.can(code, "editor"):
        return None
    rule: SpreadRule = "adults" if request.query_params.get("regel") == "adults" else "headroom"
    return total, rule


def _area_map(db: Db, region: Any, view: nb.LoadView) -> dict[str, Any] | None:
    """The load per 1,000 adults on the map: the areas (or, until their boundaries are
    stored, the municipalities); hidden or unknown values are grey."""
    result = view.result_set()
    level, collection = "area", regions.area_boundaries(db, region.code)
    if collection is None and nb.MUNICIPALITY in result.tables:
        level, collection = nb.MUNICIPALITY, regions.municipality_boundaries(db, region.code)
    if collection is None:
        return None
    table = result.tables[level]
    key = "area_code" if level == "area" else nb.MUNICIPALITY
    hidden = result.mask(level)["load_per_1000"].to_numpy(dtype=bool)
    values = {
        str(c): None if h else float(v)
        for c, v, h in zip(table[key], table["load_per_1000"], hidden, strict=True)
    }
    fig = map_figure(
        collection,
        values,
        title=t("neighbourhood.map", region=region.name),
        value_label=t("neighbourhood.col.load_per_1000"),
        decimals=1,
    )
    return figure_json(fig, t("neighbourhood.map_alt", region=region.name))


def _page(
    request: Request,
    ctx: Ctx,
    db: Db,
    who: Who,
    code: str,
    year: int | None,
    *,
    message: str = "",
    errors: list[dict[str, Any]] | None = None,
    typed: dict[str, str] | None = None,
) -> Response:
    region = regions.get_region(db, code)
    suggest = _suggestion(request, who, code)
    view = nb.view(ctx, db, code, year, suggest=suggest)
    result = view.result_set()
    indicator_columns = tuple(
        Column(c, f"neighbourhood.col.{c}" if c == "pct_corporation_rental" else c, 1)
        for c in result.tables["area"].columns
        if c not in {col.key for col in AREA_COLUMNS}
        and c not in ("flags", "notes", "suppressed", "municipality_code")
    )
    columns = (*AREA_COLUMNS[:5], *indicator_columns, *AREA_COLUMNS[5:])
    tables = [table_view("draagkracht", t("neighbourhood.areas"), result.shown("area"), columns)]
    if nb.MUNICIPALITY in result.tables:
        tables.append(table_view("draagkracht-gemeenten", t("neighbourhood.municipalities"),
                                 result.shown(nb.MUNICIPALITY), GROUP_COLUMNS))  # fmt: skip
    tables.append(table_view("draagkracht-regio", t("neighbourhood.region_total"),
                             result.shown("total"), TOTAL_COLUMNS))  # fmt: skip
    can_edit = who.can(code, "editor")
    return render(
        request,
        "neighbourhood.html",
        who,
        422 if errors else 200,
        region=region,
        view=view,
        spread=_spread(view),
        tables=tables,
        map=_area_map(db, region, view),
        can_edit=can_edit,
        entries=_entries(ctx, db, code, view.year, typed or {}, suggest) if can_edit else [],
        suggested=can_edit and suggest is not None,
        outflow=_projected(ctx, db, code) if can_edit else None,
        message=message,
        errors=errors or [],
        synthetic=region.synthetic,
    )


def _entries(
    ctx: Ctx,
    db: Db,
    code: str,
    year: int,
    typed: dict[str, str],
    suggest: tuple[int, SpreadRule] | None = None,
) -> list[dict[str, str]]:
    """The editors' form rows: what was typed (a refused form), else what is stored; with a
    suggested spread what it adds to each area (the editors' own view, not protected)."""
    rows = []
    for row in nb.entry_rows(ctx, db, code, year, suggest):
        c = row.area_code
        stored = {
            "placements": "" if row.placements is None else plain(row.placements),
            "kind": "" if row.ceiling is None else row.ceiling.kind,
            "ceiling": "" if row.ceiling is None else plain(row.ceiling.value),
        }
        values = {k: typed.get(f"{k}.{c}", v) for k, v in stored.items()}
        suggested = "" if row.suggested is None else plain(row.suggested)
        rows.append({"code": c, "name": row.area_name, "suggested": suggested, **values})
    return rows


@pages.get("/regio/{code}/draagkracht", **access("viewer"))
def neighbourhood_page(
    request: Request,
    code: str,
    ctx: Ctx,
    db: Db,
    who: Who,
    opgeslagen: Annotated[int | None, Query(ge=0, le=100_000_000)] = None,
) -> Response:
    message = "" if opgeslagen is None else t("neighbourhood.saved", n=opgeslagen)
    return _page(request, ctx, db, who, code, _year(request), message=message)


def _saved(code: str, year: int, changed: int) -> Response:
    return RedirectResponse(f"/regio/{code}/draagkracht?jaar={year}&opgeslagen={changed}", 303)


def _form_values(
    form: dict[str, str], codes: list[str]
) -> tuple[dict[str, int | None], dict[str, StoredCeiling | None], list[Problem]]:
    """Placements and ceilings as typed (``12``, ``2,5``), for the areas the form names."""
    problems: list[Problem] = []
    placements: dict[str, int | None] = {}
    ceilings: dict[str, StoredCeiling | None] = {}
    agreed_on = None
    text = form.get("agreed_on", "").strip()
    if text:
        try:
            agreed_on = date.fromisoformat(text)
        except ValueError:
            values: dict[str, object] = {"value": text[:40], "low": "", "high": ""}
            problems.append(Problem(FORM_FILE, "bad_parameter", key="agreed_on", values=values))
    agreed_by = form.get("agreed_by", "").strip()[:200]
    try:
        nb.check_text(agreed_by, "agreed_by", FORM_FILE)
    except InputError as exc:
        problems.extend(exc.problems)
    for c in codes:
        try:
            if f"placements.{c}" in form:
                typed = form[f"placements.{c}"].strip()
                number = None if not typed else parse_number(typed, f"placements.{c}", integer=True)
                placements[c] = None if number is None else int(number)
            kind = form.get(f"kind.{c}")
            if kind is not None:
                typed = form.get(f"ceiling.{c}", "").strip()
                if kind not in nb.CEILING_KINDS or not typed:
                    ceilings[c] = None
                else:
                    value = parse_number(typed, f"ceiling.{c}", integer=kind == "placements")
                    ceilings[c] = StoredCeiling(kind, value, agreed_on, agreed_by)
        except InputError as exc:
            problems.extend(exc.problems)
    return placements, ceilings, problems


@pages.post("/regio/{code}/draagkracht", **access("editor"))
async def neighbourhood_save(request: Request, code: str, ctx: Ctx, db: Db, who: Who) -> Response:
    """Save the editors' form (placements of the year and ceilings); a refused form is shown
    again with what was typed and every problem. Unchanged ceilings keep their agreement."""
    form = await request.form()
    typed = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}
    year = _year(request) or nb.default_year()
    stored = {r.area_code: r.ceiling for r in nb.entry_rows(ctx, db, code, year)}
    placements, ceilings, problems = _form_values(typed, list(stored))
    changed_ceilings = {c: v for c, v in ceilings.items() if not _same_ceiling(stored.get(c), v)}
    try:
        if problems:
            raise InputError(problems)
        who_ = actor(request, who)
        changed = nb.set_placements(ctx, who_, code, year, placements, FORM_FILE)
        changed += nb.set_ceilings(ctx, who_, code, changed_ceilings, FORM_FILE)
    except InputError as exc:
        errors = [{"message": p.message()} for p in exc.problems]
        return _page(request, ctx, db, who, code, year, errors=errors, typed=typed)
    return _saved(code, year, changed)


def _same_ceiling(old: StoredCeiling | None, new: StoredCeiling | None) -> bool:
    if old is None or new is None:
        return old is new
    return (old.kind, old.value) == (new.kind, new.value)


@pages.post("/regio/{code}/draagkracht/spreiding", **access("editor"))
def spread_adopt_page(
    request: Request,
    code: str,
    ctx: Ctx,
    who: Who,
    jaar: Annotated[int, Form(ge=nb.FIRST_YEAR, le=nb.LAST_YEAR)],
    total: Annotated[int, Form(ge=0, le=nb.MAX_PLACEMENTS)],
    rule: Annotated[Literal["headroom", "adults"], Form()] = "headroom",
) -> Response:
    """Adopt the suggested spread for the year."""
    nb.adopt_spread(ctx, actor(request, who), code, jaar, total, rule)
    return RedirectResponse(f"/regio/{code}/draagkracht?jaar={jaar}", 303)


@pages.post("/regio/{code}/draagkracht/indicatoren", **access("editor"))
async def indicators_page(
    request: Request,
    code: str,
    ctx: Ctx,
    who: Who,
    file: Annotated[UploadFile, File()],
    columns: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    upload = await read_upload(file, ctx.settings.max_upload_bytes)
    _, n = await off_loop(
        nb.import_indicators, ctx, actor(request, who), code, upload, _columns(columns)
    )
    return RedirectResponse(f"/regio/{code}/draagkracht?opgeslagen={n}", 303)


@pages.get("/regio/{code}/draagkracht/download.{fmt}", **access("viewer"))
def neighbourhood_download(request: Request, code: str, fmt: str, ctx: Ctx, db: Db) -> Response:
    """The protected tables as CSV (areas) or Excel (every table and an information sheet)."""
    view = nb.view(ctx, db, code, _year(request))
    return download(view.result_set(), f"{code}-draagkracht-{view.year}", fmt)
