"""Expected prevalence and observed versus expected: the national overview, the regiobeeld
page, their downloads, and the estimate and comparison API with the upload of observed
counts."""

from __future__ import annotations

from typing import Annotated, Any, Final, Literal

import pandas as pd
from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import Response

from ggzregio.accounts import ANONYMOUS
from ggzregio.app import estimates, regions
from ggzregio.app.errors import NotYetError
from ggzregio.geo import map_figure
from ggzregio.i18n import get_language, t
from ggzregio.io.results import ResultSet
from ggzregio.labels import empty_metadata, labelled, metadata_text
from ggzregio.prevalence.aggregate import INDEX
from ggzregio.web.cache import cached_json
from ggzregio.web.deps import Ctx, Db, PageNo, Size, actor
from ggzregio.web.render import Column, download, figure_json, render, table_view
from ggzregio.web.responses import AreasStored, Page, Row, paginate
from ggzregio.web.security import Who, access
from ggzregio.web.uploads import read_upload
from ggzregio.web.work import Caller, off_loop

api = APIRouter(prefix="/api/v1", tags=["regions"])
pages = APIRouter(include_in_schema=False)
RegionLevel = Literal["area", "municipality_code", "total"]

REGION_COLUMNS: Final = (
    Column("region_name", "col.region_name"),
    Column("region_code", "col.region_code"),
    Column("inhabitants", "col.inhabitants", 0),
    Column("adults", "col.adults", 0),
    Column("expected_cases", "col.expected_cases", 0),
    Column("prevalence_per_1000", "col.prevalence_per_1000", 2),
    Column("expected_cases_per_100k_inhabitants", "col.per_100k", 0),
    Column(INDEX, "col.index_vs_national", 1),
)
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
    # What the observed total covers (groups only: areas with a count unknown at the source
    # are left out of the comparison, and its totals say so).
    Column("areas_compared", "col.areas_compared", 0),
    Column("adults_compared", "col.adults_compared", 0),
    Column("expected_compared", "col.expected_compared", 1),
    Column("observed_cases", "col.observed_cases", 0),
    Column("observed_source_rest", "col.observed_source_rest", 0),
    Column("ratio", "col.ratio", 2),
    Column("ratio_ci95_low", "col.ratio_low", 2),
    Column("ratio_ci95_high", "col.ratio_high", 2),
    Column("flag_reason", "col.flag_reason"),
)


def _versions(result: ResultSet) -> str:
    return f"{result.metadata.get('model', '')} · {result.metadata.get('data_version', '')}"


# --- API ------------------------------------------------------------------------------------


@api.get("/regions/{code}/estimates", response_model=Page[Row], **access("public"))
def region_estimates(
    request: Request,
    code: str,
    ctx: Ctx,
    db: Db,
    who: Who,
    level: RegionLevel = "area",
    page: PageNo = 1,
    size: Size = 50,
) -> Response:
    """Expected EPA care prevalence per area, municipality or for the region, with intervals."""

    def build() -> dict[str, Any]:
        region = regions.get_region(db, code)
        if not estimates.has_statistics(db, code):
            return paginate([], page, size, empty_metadata("empty.no_statistics"))
        result = estimates.region_estimates(ctx, db, region)
        return paginate(result.tables[level], page, size, metadata_text(result))

    return cached_json(request, ctx, db, who, build)


@api.get("/estimates", response_model=Page[Row], **access("public"))
def national_estimates(
    request: Request,
    ctx: Ctx,
    db: Db,
    level: Literal["region_code", "total"] = "region_code",
    page: PageNo = 1,
    size: Size = 50,
) -> Response:
    def build() -> dict[str, Any]:
        result = estimates.national_estimates(ctx, db)
        if result is None:
            return paginate([], page, size, empty_metadata())
        return paginate(result.tables[level], page, size, metadata_text(result))

    return cached_json(request, ctx, db, ANONYMOUS, build)


@api.get("/regions/{code}/comparison", response_model=Page[Row], **access("viewer"))
def region_comparison(
    request: Request,
    code: str,
    ctx: Ctx,
    db: Db,
    who: Who,
    level: RegionLevel = "area",
    page: PageNo = 1,
    size: Size = 50,
) -> Response:
    """Observed (claims-based) versus expected; counts below the threshold suppressed. Each
    row's ``flags`` are codes, ``flag_reason`` names them in the request's language."""

    def build() -> dict[str, Any]:
        found = estimates.region_comparison(ctx, db, regions.get_region(db, code))
        if found is None:  # no observed counts stored yet: an empty answer that says so
            return paginate([], page, size, empty_metadata("web.no_observed"))
        result = labelled(found)
        return paginate(result.tables[level], page, size, result.metadata, result.mask(level))

    return cached_json(request, ctx, db, who, build)


@api.post(
    "/regions/{code}/observed", status_code=201, response_model=AreasStored, **access("editor")
)
async def upload_observed(
    request: Request,
    code: str,
    ctx: Ctx,
    who: Caller,
    file: Annotated[UploadFile, File(description="area_code, observed_cases")],
) -> AreasStored:
    """Upload observed EPA care counts per area (claims-based; stored, shown suppressed)."""
    upload = await read_upload(file, ctx.settings.max_upload_bytes)
    return AreasStored(
        areas=await off_loop(estimates.import_observed, ctx, actor(request, who), code, upload)
    )


# --- pages ----------------------------------------------------------------------------------


@pages.get("/", **access("public"))
def national(request: Request, ctx: Ctx, db: Db, who: Who) -> Response:
    known = regions.regions(db)
    if not known:  # a migrated database without regions: how to set up
        return render(request, "setup.html", who)
    return render(
        request,
        "national.html",
        who,
        regions=known,
        n_regions=len(known),
        synthetic=any(r.synthetic for r in known),
        derived=any(r.division.startswith("nl-") for r in known),
        **_national_parts(ctx, db, known),
    )


def _national_parts(ctx: Ctx, db: Db, known: list[Any]) -> dict[str, Any]:
    """The national page's map, table and totals: the same for every reader, made once per
    data revision, language and list of regions (a page answer holds no more work)."""

    def build() -> dict[str, Any]:
        result = estimates.national_estimates(ctx, db)
        table = None if result is None else result.tables["region_code"]
        collection = regions.region_boundaries(db)
        figure = None
        if collection is not None:
            values = (
                {} if table is None else dict(zip(table["region_code"], table[INDEX], strict=True))
            )
            fig = map_figure(
                collection,
                values,
                title=t("web.map_regions"),
                value_label=t("col.index_vs_national"),
                decimals=0,
                links={r.code: f"/regio/{r.code}" for r in known},
            )
            figure = figure_json(fig, t("web.map_regions_alt"))
        return {
            "total": None if result is None else result.tables["total"].iloc[0].to_dict(),
            "map": figure,
            "regions_table": None
            if table is None
            else table_view("regios", t("web.regions_table"), table, REGION_COLUMNS),
            "versions": "" if result is None else _versions(result),
        }

    listed = tuple((r.code, r.name, r.revision) for r in known)
    return ctx.cached(("page:national", ctx.revision.get(db), get_language(), listed), build)


@pages.get("/download/regios.{fmt}", **access("public"))
def national_download(fmt: str, ctx: Ctx, db: Db) -> Response:
    result = estimates.national_estimates(ctx, db)
    if result is None:
        raise NotYetError("empty.no_statistics_national_download")
    source = regions.geography_source(db)
    if source:  # the regions come from the shipped geography: its source goes with them
        meta = {**result.metadata, **source}
        result = ResultSet(result.tables, meta, result.hidden, notes=result.notes)
    return download(result, "regios", fmt)


def _municipality_view(db: Db, code: str, title: str) -> tuple[Any, Any]:
    """A region without area statistics: its municipalities on the map and in a table."""
    collection = regions.municipality_boundaries(db, code)
    figure = None
    if collection is not None:
        fig = map_figure(collection, {}, title=title, value_label="", decimals=0)
        figure = figure_json(fig, title)
    frame = pd.DataFrame(
        [
            {"municipality_code": m.code, "municipality_name": m.name}
            for m in regions.municipalities(db, code)
        ]
    )
    view = table_view("gemeenten", title, frame, MUNICIPALITY_COLUMNS[:2])
    return figure, view


@pages.get("/regio/{code}", **access("public"))
def regiobeeld(request: Request, code: str, ctx: Ctx, db: Db, who: Who) -> Response:
    region = regions.get_region(db, code)
    can_view = who.can(code, "viewer")
    parts = _region_parts(ctx, db, region)
    comparison = (
        _comparison_parts(ctx, db, region) if can_view and not parts["no_statistics"] else {}
    )
    return render(
        request,
        "region.html",
        who,
        region=region,
        can_view=can_view,
        can_edit=who.can(code, "editor"),
        threshold=ctx.settings.threshold,
        synthetic=region.synthetic,
        national_rate=estimates.national_rate(ctx, db),
        comparison=comparison.get("comparison"),
        comparison_areas=comparison.get("comparison_areas"),
        **parts,
    )


def _page_key(ctx: Ctx, region: Any, part: str) -> tuple[Any, ...]:
    """What a cached part of a region page depends on: the region's revision (raised by every
    change of its areas, observed counts, boundaries or municipalities), its name and the
    language (words and number formats)."""
    return (part, region.code, region.revision, region.name, get_language(), ctx.settings.threshold)


def _region_parts(ctx: Ctx, db: Db, region: Any) -> dict[str, Any]:
    """The region page's map, summary and estimate tables: the same for every reader, made
    once per region revision and language."""
    code = region.code

    def build() -> dict[str, Any]:
        if not estimates.has_statistics(db, code):
            figure, view = _municipality_view(db, code, t("empty.municipalities"))
            return {"summary": {}, "map": figure, "municipalities": view, "areas": None,
                    "no_statistics": True, "versions": ""}  # fmt: skip
        result = estimates.region_estimates(ctx, db, region)
        areas = result.tables["area"]
        return {
            "summary": estimates.region_summary(ctx, db, code),
            "map": _area_map(db, region, result),
            "municipalities": table_view(
                "gemeenten",
                t("web.municipalities"),
                result.tables["municipality_code"],
                MUNICIPALITY_COLUMNS,
            ),
            "areas": table_view("gebieden", t("web.areas"), areas, AREA_COLUMNS),
            "no_statistics": False,
            "versions": _versions(result),
        }

    return ctx.cached(_page_key(ctx, region, "page:region"), build)


def _area_map(db: Db, region: Any, result: ResultSet) -> dict[str, Any] | None:
    """The region's areas on the map (until area boundaries are stored: its municipalities)."""
    code = region.code
    areas = result.tables["area"]
    collection = regions.area_boundaries(db, code)
    values = dict(zip(areas["area_code"].astype(str), areas["prevalence_per_1000"], strict=True))
    if collection is None:  # no area boundaries yet: the municipalities on the real map
        collection = regions.municipality_boundaries(db, code)
        by_municipality = result.tables["municipality_code"]
        values = dict(
            zip(
                by_municipality["municipality_code"].astype(str),
                by_municipality["prevalence_per_1000"],
                strict=True,
            )
        )
    if collection is None:
        return None
    fig = map_figure(
        collection,
        values,
        title=t("web.map_areas", region=region.name),
        value_label=t("col.prevalence_per_1000"),
        decimals=1,
    )
    return figure_json(fig, t("web.map_areas_alt", region=region.name))


def _comparison_parts(ctx: Ctx, db: Db, region: Any) -> dict[str, Any]:
    """Observed versus expected for the region page (callers check the reader may see it),
    made once per region revision and language."""

    def build() -> dict[str, Any]:
        found = estimates.region_comparison(ctx, db, region)
        if found is None:
            return {}
        compared = labelled(found)
        flagged = compared.shown("area")
        flagged = flagged[flagged["flags"].astype(str) != ""]
        return {
            "comparison": table_view(
                "vergelijking",
                t("web.compare_municipalities"),
                compared.shown("municipality_code"),
                (Column("municipality_name", "col.municipality_name"), *COMPARE_COLUMNS),
            ),
            "comparison_areas": table_view(
                "vergelijking-gebieden",
                t("web.compare_flagged"),
                flagged,
                (
                    Column("area_code", "col.area_code"),
                    Column("area_name", "col.area_name"),
                    *COMPARE_COLUMNS,
                ),
            ),
        }

    return ctx.cached(_page_key(ctx, region, "page:region-comparison"), build)


@pages.get("/regio/{code}/download/gebieden.{fmt}", **access("public"))
def areas_download(code: str, fmt: str, ctx: Ctx, db: Db) -> Response:
    return _estimates_download(code, "gebieden", "area", fmt, ctx, db)


@pages.get("/regio/{code}/download/gemeenten.{fmt}", **access("public"))
def municipalities_download(code: str, fmt: str, ctx: Ctx, db: Db) -> Response:
    return _estimates_download(code, "gemeenten", "municipality_code", fmt, ctx, db)


def _estimates_download(code: str, name: str, level: str, fmt: str, ctx: Ctx, db: Db) -> Response:
    result = estimates.region_estimates(ctx, db, regions.get_region(db, code))
    one = ResultSet({level: result.tables[level]}, result.metadata, notes=result.notes)
    return download(one, f"{code}-{name}", fmt)


@pages.get("/regio/{code}/download/vergelijking.{fmt}", **access("viewer"))
def comparison_download(code: str, fmt: str, ctx: Ctx, db: Db) -> Response:
    """Observed versus expected, suppressed as on the page (members of the region only)."""
    return download(estimates.comparison_or_404(ctx, db, code), f"{code}-vergelijking", fmt)
