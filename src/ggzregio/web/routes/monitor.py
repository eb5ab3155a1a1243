"""The ambulantisering monitor: indicators, targets, series, progress, benchmark and
substitution (API and the region's monitor page with its figures and downloads), and data
entry (API and upload)."""

from __future__ import annotations

from typing import Annotated, Any, Final

import pandas as pd
from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from ggzregio.accounts import ANONYMOUS
from ggzregio.app import agenda, monitor, regions
from ggzregio.app.errors import NotFoundError
from ggzregio.i18n import t
from ggzregio.io.results import ResultSet
from ggzregio.monitor.catalogue import Catalogue, Target
from ggzregio.monitor.coverage import benchmark_note, progress_note
from ggzregio.monitor.figures import funnel_figure, substitution_figure, trend_figure
from ggzregio.web.cache import cached_json
from ggzregio.web.deps import Ctx, Db, PageNo, Size, actor
from ggzregio.web.render import Column, download, figure_json, render, table_view
from ggzregio.web.responses import IndicatorOut, Page, Row, TargetOut, Written, paginate
from ggzregio.web.schemas import MonitorUpdate
from ggzregio.web.security import Who, access
from ggzregio.web.uploads import read_upload
from ggzregio.web.work import Caller, off_loop

api = APIRouter(prefix="/api/v1", tags=["monitor"])
pages = APIRouter(include_in_schema=False)
Year = Annotated[int | None, Query(ge=1990, le=2100)]

#: Monitor values are shown with the decimals of their unit (``decimals`` column, see
#: :func:`unit_decimals`): whole euros, inhabitants and persons; places, fte, % with one.
MONITOR_COLUMNS: Final = (
    Column("year", "col.year", kind="year"),
    Column("indicator", "col.indicator"),
    Column("unit", "col.unit", codes="unit."),
    Column("value", "col.value", 1, decimals_from="decimals"),
    Column("value_per_100k", "col.per_100k", 1, decimals_from="decimals_per_100k"),
    Column("status", "col.status", codes="mon.data_status."),
)
PROGRESS_COLUMNS: Final = (
    Column("region_code", "col.region_code"),
    Column("baseline", "col.baseline", 0, decimals_from="decimals"),
    Column("latest_year", "col.year", kind="year"),
    Column("latest", "col.latest", 0, decimals_from="decimals"),
    Column("change_pct", "col.change_pct", 1),
    Column("goal", "col.goal", 0, decimals_from="decimals"),
    Column("status", "col.status", codes="mon.status."),
    Column("projected_year", "col.projected_year", kind="year"),
)
BENCHMARK_COLUMNS: Final = (
    Column("region_name", "col.region_name"),
    Column("value", "col.value", 1, decimals_from="decimals"),
    Column("per_100k", "col.per_100k", 1, decimals_from="decimals_per_100k"),
    Column("rank", "col.rank", 0),
    Column("quartile", "col.quartile", 0),
    Column("position", "col.position", codes="mon.position."),
)
#: Units counted in whole numbers (euros without cents).
WHOLE_UNITS: Final = frozenset({"eur", "inhabitants", "persons", "trajectories", "respondents"})
TABLES: Final = ("monitor", "voortgang", "benchmark", "substitutie")


# --- API ------------------------------------------------------------------------------------


@api.get("/monitor/indicators", response_model=Page[IndicatorOut], **access("public"))
def indicators(ctx: Ctx, page: PageNo = 1, size: Size = 100) -> dict[str, Any]:
    items = [
        {
            "code": i.code,
            "name": i.name(),
            "unit": i.unit,
            "kind": i.kind,
            "direction": i.direction,
            "sensitive": i.sensitive,
            "source": i.source,
        }
        for i in monitor.catalogue(ctx).values()
    ]
    return paginate(items, page, size)


@api.get("/monitor/targets", response_model=list[TargetOut], **access("public"))
def targets(ctx: Ctx) -> list[dict[str, Any]]:
    return [
        {
            "id": t.id,
            "name": t.name(),
            "indicators": list(t.indicators),
            "baseline_year": t.baseline_year,
            "target_year": t.target_year,
        }
        for t in monitor.targets(ctx).values()
    ]


@api.get("/regions/{code}/monitor", response_model=Page[Row], **access("public"))
def series(
    request: Request,
    code: str,
    ctx: Ctx,
    db: Db,
    indicator: Annotated[list[str] | None, Query(max_length=50)] = None,
    page: PageNo = 1,
    size: Size = 500,
) -> Response:
    """Indicator values of the region per year (sensitive small counts suppressed)."""

    def build() -> dict[str, Any]:
        frame = monitor.region_series(ctx, db, code, indicator)
        return paginate(frame, page, size, monitor.metadata(ctx, db))

    return cached_json(request, ctx, db, ANONYMOUS, build)


@api.get("/monitor/progress", response_model=Page[Row], **access("public"))
def progress(
    request: Request,
    ctx: Ctx,
    db: Db,
    target: str = monitor.DEFAULT_TARGET,
    region: Annotated[list[str] | None, Query(max_length=100)] = None,
    page: PageNo = 1,
    size: Size = 100,
) -> Response:
    """Progress towards a target per region and nationally, with the trend projection; the
    national row states its coverage (regions reporting, share of the population)."""
    return cached_json(
        request,
        ctx,
        db,
        ANONYMOUS,
        lambda: paginate(
            monitor.monitor_progress(ctx, db, target, region), page, size, monitor.metadata(ctx, db)
        ),
    )


@api.get("/monitor/benchmark", response_model=Page[Row], **access("public"))
def benchmark(
    request: Request,
    ctx: Ctx,
    db: Db,
    indicator: str = monitor.DEFAULT_INDICATOR,
    year: Year = None,
    page: PageNo = 1,
    size: Size = 100,
) -> Response:
    """Regions compared on one indicator in one year (funnel limits, rank, quartile), with
    the coverage of the national value (``coverage_*`` columns; none below ``min_coverage``)."""
    return cached_json(
        request,
        ctx,
        db,
        ANONYMOUS,
        lambda: paginate(
            monitor.monitor_benchmark(ctx, db, indicator, year),
            page,
            size,
            monitor.metadata(ctx, db),
        ),
    )


@api.get("/monitor/substitution", response_model=Page[Row], **access("public"))
def substitution(
    ctx: Ctx,
    db: Db,
    first: Annotated[int, Query(ge=1990, le=2100)] = monitor.DEFAULT_FIRST_YEAR,
    last: Year = None,
    page: PageNo = 1,
    size: Size = 100,
) -> dict[str, Any]:
    """Change in intramural places against change in ambulant capacity per region."""
    return paginate(monitor.monitor_substitution(ctx, db, first, last), page, size)


@api.put("/regions/{code}/monitor", response_model=Written, **access("editor"))
def put_values(request: Request, code: str, body: MonitorUpdate, ctx: Ctx, who: Who) -> Written:
    """Enter or correct indicator values (each change kept in the edit history)."""
    values = [
        monitor.ValueIn(v.indicator, v.year, v.value, v.status, v.source) for v in body.values
    ]
    return Written(written=monitor.enter_values(ctx, actor(request, who), code, values))


@api.post("/regions/{code}/monitor", status_code=201, response_model=Written, **access("editor"))
async def upload_values(
    request: Request,
    code: str,
    ctx: Ctx,
    who: Caller,
    file: Annotated[UploadFile, File(description="Tidy monitor table or the wide template")],
) -> Written:
    """Upload monitor data (tidy CSV/Excel/Parquet or the wide Excel template)."""
    upload = await read_upload(file, ctx.settings.max_upload_bytes)
    return Written(
        written=await off_loop(monitor.import_values, ctx, actor(request, who), code, upload)
    )


# --- pages ----------------------------------------------------------------------------------


def unit_decimals(unit: str, per_100k: bool = False) -> int:
    """Decimals of a monitor value in ``unit``: none for euros (also per 100,000) and for
    whole counts of people, one for places, teams, fte, percentages and grades (and for counts
    of people per 100,000)."""
    if unit == "eur":
        return 0
    return 1 if per_100k or unit not in WHOLE_UNITS else 0


def with_markers(frame: pd.DataFrame) -> pd.DataFrame:
    """A protected monitor table for people: the neutral marker in its hidden cells."""
    return ResultSet.protected({"t": frame}).shown("t")


def shown_series(frame: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """The monitor series as the page shows it: each row with its indicator's unit and the
    decimals that go with it (downloads keep the stored table)."""
    shown = with_markers(frame)
    units = {code: indicator.unit for code, indicator in catalogue.items()}
    shown["unit"] = shown["indicator"].map(units).fillna("")
    shown["decimals"] = [unit_decimals(u) for u in shown["unit"]]
    shown["decimals_per_100k"] = [unit_decimals(u, per_100k=True) for u in shown["unit"]]
    return shown


def shown_progress(frame: pd.DataFrame, target: Target, catalogue: Catalogue) -> pd.DataFrame:
    """Progress as the page shows it: whole values (a rate such as a grade with one decimal:
    6,2 to 7,8), and for a target already met the year it was met in the projection column
    (:func:`ggzregio.monitor.progress.progress` gives it so, as in the API and downloads;
    kept here for tables made otherwise)."""
    shown = frame.copy()
    rates = any(catalogue[c].kind == "rate" for c in target.indicators if c in catalogue)
    shown["decimals"] = 1 if rates else 0
    if "met_year" in shown and "status" in shown and "projected_year" in shown:
        met = shown["status"] == "met"
        shown["projected_year"] = shown["met_year"].where(met, shown["projected_year"])
    return shown


def shown_benchmark(frame: pd.DataFrame, indicator: str, catalogue: Catalogue) -> pd.DataFrame:
    """The benchmark with the decimals of the indicator's unit (hidden regions: the marker)."""
    shown = with_markers(frame)
    unit = catalogue[indicator].unit if indicator in catalogue else ""
    shown["decimals"] = unit_decimals(unit)
    shown["decimals_per_100k"] = unit_decimals(unit, per_100k=True)
    return shown


@pages.get("/regio/{code}/monitor", **access("public"))
def monitor_page(
    request: Request,
    code: str,
    ctx: Ctx,
    db: Db,
    who: Who,
    doel: str = monitor.DEFAULT_TARGET,
    indicator: str = monitor.DEFAULT_INDICATOR,
    opgeslagen: Annotated[int | None, Query(ge=0, le=100_000_000)] = None,
) -> Response:
    # A message code (a count), never text from the URL: a link cannot put words on the page.
    message = "" if opgeslagen is None else t("web.monitor_stored", n=opgeslagen)
    region = regions.get_region(db, code)
    data = monitor.monitor_data(ctx, db)
    tables = monitor.region_tables(ctx, db, code, doel, indicator)
    target, indicator, threshold = tables.target, tables.indicator, ctx.settings.threshold
    present = set(data.frame["indicator"]) if not data.frame.empty else set()
    common: dict[str, Any] = {
        "region": region,
        "synthetic": data.synthetic,
        "targets": list(monitor.targets(ctx).values()),
        "target": target,
        "indicator": indicator,
        "indicators": [(c, i.name()) for c, i in data.catalogue.items() if c in present],
        "can_edit": who.can(code, "editor"),
        "message": message,
        "versions": data.data_version,
        # the region's own outcome targets (members): the one in force and the earlier ones
        "outcome_targets": agenda.target_progress(ctx, db, code)
        if who.can(code, "viewer")
        else None,
    }
    if data.frame.empty:  # no monitor values stored yet: say what to import
        return render(request, "monitor.html", who, empty=True, **common)
    return render(
        request,
        "monitor.html",
        who,
        empty=False,
        **common,
        trend=figure_json(
            trend_figure(data, target, code, threshold, ctx.settings.min_coverage),
            t("web.trend_alt", target=target.name()),
        ),
        funnel=figure_json(
            funnel_figure(tables.benchmark, data, indicator, tables.year), t("web.funnel_alt")
        ),
        substitution=figure_json(
            substitution_figure(tables.substitution), t("web.substitution_alt")
        ),
        progress_table=table_view(
            "voortgang",
            t("web.progress"),
            shown_progress(tables.progress, target, data.catalogue),
            PROGRESS_COLUMNS,
            caption=progress_note(tables.progress, ctx.settings.min_coverage),
        ),
        benchmark_table=table_view(
            "benchmark",
            t("web.benchmark"),
            shown_benchmark(tables.benchmark, indicator, data.catalogue),
            BENCHMARK_COLUMNS,
            caption=benchmark_note(tables.benchmark, tables.year, ctx.settings.min_coverage),
        ),
        series_table=table_view(
            "monitor",
            t("web.series"),
            shown_series(tables.series, data.catalogue),
            MONITOR_COLUMNS,
            labels={"indicator": {c: i.name() for c, i in data.catalogue.items()}},
        ),
    )


@pages.post("/regio/{code}/monitor", **access("editor"))
async def monitor_upload_page(
    request: Request, code: str, ctx: Ctx, who: Caller, file: Annotated[UploadFile, File()]
) -> Response:
    upload = await read_upload(file, ctx.settings.max_upload_bytes)
    n = await off_loop(monitor.import_values, ctx, actor(request, who), code, upload)
    return RedirectResponse(f"/regio/{code}/monitor?opgeslagen={n}", status_code=303)


@pages.get("/regio/{code}/download/{name}.{fmt}", **access("public"))
def monitor_download(
    code: str,
    name: str,
    fmt: str,
    ctx: Ctx,
    db: Db,
    doel: str = monitor.DEFAULT_TARGET,
    indicator: str = monitor.DEFAULT_INDICATOR,
) -> Response:
    """The monitor tables of the region page as CSV or Excel, suppressed as on the page."""
    regions.get_region(db, code)
    if name not in TABLES:
        raise NotFoundError("not_found", name)
    table = monitor.region_tables(ctx, db, code, doel, indicator).named()[name]
    result = ResultSet.protected({name: table}, monitor.metadata(ctx, db))
    return download(result, f"{code}-{name}", fmt)
