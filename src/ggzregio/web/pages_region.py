"""Region pages: the regiobeeld (estimates, map, observed versus expected), the monitor, data
uploads, and downloads of every table shown."""

from __future__ import annotations

from typing import Annotated, Final

import pandas as pd
from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from ggzregio.geo import map_figure
from ggzregio.i18n import t
from ggzregio.io.results import ResultSet
from ggzregio.monitor.catalogue import Catalogue, Target
from ggzregio.monitor.figures import funnel_figure, substitution_figure, trend_figure
from ggzregio.prevalence.aggregate import INDEX
from ggzregio.storage import repository as repo
from ggzregio.web import services
from ggzregio.web.api_monitor import import_monitor_file
from ggzregio.web.api_regions import Db, State, Who, import_areas, store_area_boundaries
from ggzregio.web.pages_planning import planning_download
from ggzregio.web.problems import ProblemError
from ggzregio.web.render import Column, download, figure_json, render, table_view
from ggzregio.web.security import access

router = APIRouter(include_in_schema=False)

ESTIMATE_COLUMNS: Final = (
    Column("inhabitants", "col.inhabitants", 0),
    Column("adults", "col.adults", 0),
    Column("expected_cases", "col.expected_cases", 1),
    Column("prevalence_per_1000", "col.prevalence_per_1000", 2),
)
AREA_COLUMNS: Final = (
    Column("area_code", "col.area_code"),
    Column("area_name", "col.area_name"),
    Column("municipality_name", "col.municipality_name"),
    *ESTIMATE_COLUMNS,
    Column("observed_p90_low_per_1000", "col.p90_low", 2),
    Column("observed_p90_high_per_1000", "col.p90_high", 2),
    Column("urbanity_class", "col.urbanity_class", 0),
)
MUNICIPALITY_COLUMNS: Final = (
    Column("municipality_code", "col.municipality_code"),
    Column("municipality_name", "col.municipality_name"),
    *ESTIMATE_COLUMNS,
    Column(INDEX, "col.index_vs_national", 1),
)
COMPARE_COLUMNS: Final = (
    Column("expected_cases", "col.expected_cases", 1),
    Column("observed_cases", "col.observed_cases", 0),
    Column("ratio", "col.ratio", 2),
    Column("ratio_ci95_low", "col.ratio_low", 2),
    Column("ratio_ci95_high", "col.ratio_high", 2),
    Column("flag_reason", "col.flag_reason"),
)
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
    (a log-linear trend past the goal never "reaches" it again; the terminal shows
    "gehaald in ..." the same way)."""
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


@router.get("/regio/{code}", **access("public"))
def regiobeeld(request: Request, code: str, state: State, db: Db, who: Who) -> Response:
    region = services.region_or_404(db, code)
    result = services.region_estimates(state, db, region)
    areas = result.tables["area"]
    national = services.national_estimates(state, db)
    regions = national.tables["region_code"]
    summary = regions[regions["region_code"] == code].iloc[0].to_dict()
    collection = repo.boundary(db, "area", code)
    figure = None
    if collection is not None:
        values = dict(
            zip(areas["area_code"].astype(str), areas["prevalence_per_1000"], strict=True)
        )
        fig = map_figure(
            collection,
            values,
            title=t("web.map_areas", region=region.name),
            value_label=t("col.prevalence_per_1000"),
            decimals=1,
        )
        figure = figure_json(fig, t("web.map_areas_alt", region=region.name))
    can_view = who.can(code, "viewer")
    comparison = comparison_areas = None
    if can_view:
        compared = services.region_comparison(state, db, region, state.settings.threshold)
        if compared is not None:
            comparison = table_view(
                "vergelijking",
                t("web.compare_municipalities"),
                compared.shown("municipality_code"),
                (Column("municipality_name", "col.municipality_name"), *COMPARE_COLUMNS),
            )
            flagged = compared.shown("area")
            flagged = flagged[flagged["flag_reason"].astype(str) != ""]
            comparison_areas = table_view(
                "vergelijking-gebieden",
                t("web.compare_flagged"),
                flagged,
                (
                    Column("area_code", "col.area_code"),
                    Column("area_name", "col.area_name"),
                    *COMPARE_COLUMNS,
                ),
            )
    return render(
        request,
        "region.html",
        who,
        region=region,
        summary=summary,
        national_rate=float(national.tables["total"]["prevalence_per_1000"].iloc[0]),
        map=figure,
        municipalities=table_view(
            "gemeenten",
            t("web.municipalities"),
            result.tables["municipality_code"],
            MUNICIPALITY_COLUMNS,
        ),
        areas=table_view("gebieden", t("web.areas"), areas, AREA_COLUMNS),
        comparison=comparison,
        comparison_areas=comparison_areas,
        can_view=can_view,
        can_edit=who.can(code, "editor"),
        threshold=state.settings.threshold,
        synthetic=region.synthetic,
        versions=f"{result.metadata.get('model', '')} · {result.metadata.get('data_version', '')}",
    )


@router.post("/regio/{code}/gebieden", **access("editor"))
async def upload_areas_page(
    request: Request, code: str, who: Who, file: Annotated[UploadFile, File()]
) -> Response:
    await import_areas(request, code, file, who)
    return RedirectResponse(f"/regio/{code}", status_code=303)


@router.post("/regio/{code}/grenzen", **access("editor"))
async def upload_boundaries_page(
    request: Request,
    code: str,
    who: Who,
    file: Annotated[UploadFile, File()],
    code_property: Annotated[str, Form(max_length=64)] = "code",
) -> Response:
    await store_area_boundaries(request, code, file, code_property, who)
    return RedirectResponse(f"/regio/{code}", status_code=303)


def monitor_tables(
    state: State, db: Db, code: str, target_id: str, indicator: str
) -> dict[str, pd.DataFrame]:
    data = services.monitor_data(state, db)
    year = data.years[-1] if data.years else 0
    first = (
        services.targets(state)[target_id].baseline_year
        if target_id in services.targets(state)
        else 2008
    )
    return {
        "voortgang": services.monitor_progress(state, db, target_id, [code, "NL"]),
        "benchmark": services.monitor_benchmark(state, db, indicator, year),
        "substitutie": services.monitor_substitution(state, db, first, year),
        "monitor": services.monitor_series(state, db, code),
    }


@router.get("/regio/{code}/monitor", **access("public"))
def monitor_page(
    request: Request,
    code: str,
    state: State,
    db: Db,
    who: Who,
    doel: str = "ba-intramural-2020",
    indicator: str = "fact_teams",
    message: str = "",
) -> Response:
    region = services.region_or_404(db, code)
    data = services.monitor_data(state, db)
    targets = services.targets(state)
    if doel not in targets:
        doel = next(iter(targets))
    if indicator not in data.catalogue:
        indicator = "fact_teams"
    tables = monitor_tables(state, db, code, doel, indicator)
    year = data.years[-1] if data.years else 0
    target = targets[doel]
    return render(
        request,
        "monitor.html",
        who,
        region=region,
        synthetic=data.synthetic,
        targets=list(targets.values()),
        target=target,
        indicator=indicator,
        indicators=[
            (c, i.name()) for c, i in data.catalogue.items() if c in set(data.frame["indicator"])
        ],
        trend=figure_json(
            trend_figure(data, target, code, state.settings.threshold),
            t("web.trend_alt", target=target.name()),
        ),
        funnel=figure_json(
            funnel_figure(tables["benchmark"], data, indicator, year), t("web.funnel_alt")
        ),
        substitution=figure_json(
            substitution_figure(tables["substitutie"]), t("web.substitution_alt")
        ),
        progress_table=table_view(
            "voortgang",
            t("web.progress"),
            shown_progress(tables["voortgang"], target, data.catalogue),
            PROGRESS_COLUMNS,
        ),
        benchmark_table=table_view(
            "benchmark",
            t("web.benchmark"),
            shown_benchmark(tables["benchmark"], indicator, data.catalogue),
            BENCHMARK_COLUMNS,
        ),
        series_table=table_view(
            "monitor",
            t("web.series"),
            shown_series(tables["monitor"], data.catalogue),
            MONITOR_COLUMNS,
            labels={"indicator": {c: i.name() for c, i in data.catalogue.items()}},
        ),
        can_edit=who.can(code, "editor"),
        message=message,
        versions=data.data_version,
    )


@router.post("/regio/{code}/monitor", **access("editor"))
async def monitor_upload_page(
    request: Request, code: str, who: Who, file: Annotated[UploadFile, File()]
) -> Response:
    n = await import_monitor_file(request, code, file, who.user_id)
    return RedirectResponse(f"/regio/{code}/monitor?message={n}", status_code=303)


PRIVATE_TABLES: Final = {"vergelijking", "inventaris", "gap"}


@router.get("/regio/{code}/download/{name}.{fmt}", **access("public"))
def region_download(
    request: Request,
    code: str,
    name: str,
    fmt: str,
    state: State,
    db: Db,
    who: Who,
    doel: str = "ba-intramural-2020",
    indicator: str = "fact_teams",
) -> Response:
    """Every table of the region pages as CSV or Excel; private tables need a role in the
    region, and what is suppressed on the page is suppressed in the file."""
    region = services.region_or_404(db, code)
    if name in PRIVATE_TABLES and not who.can(code, "viewer"):
        raise ProblemError(403 if who.authenticated else 401, "forbidden")
    stem = f"{code}-{name}"
    if name in ("gebieden", "gemeenten"):
        result = services.region_estimates(state, db, region)
        level = "area" if name == "gebieden" else "municipality_code"
        return download(ResultSet({level: result.tables[level]}, result.metadata), stem, fmt)
    if name == "vergelijking":
        compared = services.region_comparison(state, db, region, state.settings.threshold)
        if compared is None:
            raise ProblemError(404, "no_observed", code)
        return download(compared, stem, fmt)
    if name in ("monitor", "voortgang", "benchmark", "substitutie"):
        data = services.monitor_data(state, db)
        table = monitor_tables(state, db, code, doel, indicator)[name]
        meta = {
            "data_version": data.data_version,
            "suppression_threshold": str(state.settings.threshold),
        }
        return download(ResultSet.protected({name: table}, meta), stem, fmt)
    if name in ("plan", "gap", "inventaris"):
        return planning_download(request, region, name, fmt, state, db, who)
    raise ProblemError(404, "not_found", name)


@router.get("/regio/{code}/rapport.{fmt}", **access("public"))
def region_report(code: str, fmt: str, state: State, db: Db, who: Who) -> Response:
    """The regiobeeld report (PDF or self-contained HTML). Observed (claims-based) figures
    and the gap against the inventory only for members of the region, suppressed as on the
    pages."""
    from ggzregio.report.content import gather
    from ggzregio.report.document import FORMATS, report_bytes

    services.region_or_404(db, code)
    if fmt not in FORMATS:
        raise ProblemError(404, "not_found", fmt)
    content = gather(state, db, code, include_observed=who.can(code, "viewer"))
    media = "application/pdf" if fmt == "pdf" else "text/html; charset=utf-8"
    return Response(
        report_bytes(content, fmt),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="regiobeeld-{code}.{fmt}"'},
    )
