"""Regions and areas: the region list and detail, area statistics and boundaries, and their
uploads (API and the region page's forms)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from ggzregio.app import estimates, imports, regions
from ggzregio.labels import empty_metadata, metadata_text
from ggzregio.web.cache import cached_json
from ggzregio.web.deps import Ctx, Db, PageNo, Size, actor
from ggzregio.web.render import render
from ggzregio.web.responses import (
    AreasStored,
    FeatureCollection,
    FeaturesStored,
    Page,
    RegionOut,
    Row,
    paginate,
    table_rows,
)
from ggzregio.web.security import Who, access
from ggzregio.web.uploads import read_upload
from ggzregio.web.work import Caller, off_loop

api = APIRouter(prefix="/api/v1", tags=["regions"])
pages = APIRouter(include_in_schema=False)


def _summary_rows(ctx: Ctx, db: Db) -> list[dict[str, Any]]:
    """Every region with its estimate (regions without area statistics: code and name)."""
    national = estimates.national_estimates(ctx, db)
    rows: list[dict[str, Any]] = []
    if national is not None:
        table = national.tables["region_code"]
        rows = table_rows(table.drop(columns=["model", "data_version"], errors="ignore"))
    known = {r["region_code"] for r in rows}
    rows += [
        {"region_code": r.code, "region_name": r.name, "hidden": []}
        for r in regions.regions(db)
        if r.code not in known
    ]
    return sorted(rows, key=lambda r: str(r["region_code"]))


@api.get("/regions", response_model=Page[Row], **access("public"))
def list_regions(
    request: Request, ctx: Ctx, db: Db, who: Who, page: PageNo = 1, size: Size = 50
) -> Response:
    """Regions with their expected EPA care prevalence (open data)."""

    def build() -> dict[str, Any]:
        result = estimates.national_estimates(ctx, db)
        meta = metadata_text(result) if result is not None else empty_metadata()
        return paginate(_summary_rows(ctx, db), page, size, meta)

    return cached_json(request, ctx, db, who, build)


@api.get("/regions/{code}", response_model=RegionOut, **access("public"))
def get_region(request: Request, code: str, ctx: Ctx, db: Db, who: Who) -> Response:
    def build() -> dict[str, Any]:
        region = regions.get_region(db, code)
        summary = next(
            (r for r in _summary_rows(ctx, db) if r["region_code"] == code and "adults" in r),
            None,
        )
        return {
            "code": region.code,
            "name": region.name,
            "inhabitants": region.inhabitants,
            "data_version": region.data_version,
            "synthetic": region.synthetic,
            "estimate": summary,
        }

    return cached_json(request, ctx, db, who, build)


@api.get("/regions/{code}/areas", response_model=Page[Row], **access("public"))
def list_areas(code: str, db: Db, page: PageNo = 1, size: Size = 50) -> dict[str, Any]:
    """The area statistics (canonical area table) of a region."""
    return paginate(regions.area_table(db, code), page, size)


def _no_boundaries() -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [], **empty_metadata("empty.no_boundaries")}


@api.get("/regions/{code}/boundaries", response_model=FeatureCollection, **access("public"))
def region_boundaries(code: str, db: Db) -> dict[str, Any]:
    """GeoJSON of the region's areas (until they are uploaded: its municipalities, or an
    empty collection with an explanation)."""
    found = regions.area_boundaries(db, code) or regions.municipality_boundaries(db, code)
    if found is None:
        return {
            "type": "FeatureCollection",
            "features": [],
            **empty_metadata("empty.no_boundaries"),
        }
    return found


@api.get("/boundaries/regions", response_model=FeatureCollection, **access("public"))
def national_boundaries(db: Db) -> dict[str, Any]:
    """GeoJSON of every region (an empty collection with an explanation before set-up)."""
    found = regions.region_boundaries(db)
    if found is None:
        return {
            "type": "FeatureCollection",
            "features": [],
            **empty_metadata("empty.no_boundaries"),
        }
    return found


@api.post(
    "/regions/{code}/boundaries",
    status_code=201,
    response_model=FeaturesStored,
    **access("editor"),
)
async def upload_boundaries(
    request: Request,
    code: str,
    ctx: Ctx,
    who: Caller,
    file: Annotated[UploadFile, File(description="GeoJSON FeatureCollection")],
    code_property: Annotated[str, Form(max_length=64)] = "code",
) -> FeaturesStored:
    """Upload area boundaries (GeoJSON, e.g. CBS/PDOK) for the region."""
    upload = await read_upload(file, ctx.settings.max_upload_bytes)
    n = await off_loop(
        regions.store_area_boundaries, ctx, actor(request, who), code, upload, code_property
    )
    return FeaturesStored(features=n)


@api.post("/regions/{code}/areas", status_code=201, response_model=AreasStored, **access("editor"))
async def upload_areas(
    request: Request,
    code: str,
    ctx: Ctx,
    who: Caller,
    file: Annotated[UploadFile, File(description="Area table (CSV, Excel, Parquet)")],
) -> AreasStored:
    """Upload area statistics (the canonical area table) for the region."""
    upload = await read_upload(file, ctx.settings.max_upload_bytes)
    return AreasStored(
        areas=await off_loop(regions.import_areas, ctx, actor(request, who), code, upload)
    )


@pages.post("/regio/{code}/gebieden", **access("editor"))
async def upload_areas_page(
    request: Request, code: str, ctx: Ctx, who: Caller, file: Annotated[UploadFile, File()]
) -> Response:
    upload = await read_upload(file, ctx.settings.max_upload_bytes)
    await off_loop(regions.import_areas, ctx, actor(request, who), code, upload)
    return RedirectResponse(f"/regio/{code}", status_code=303)


@pages.post("/regio/{code}/grenzen", **access("editor"))
async def upload_boundaries_page(
    request: Request,
    code: str,
    ctx: Ctx,
    who: Caller,
    file: Annotated[UploadFile, File()],
    code_property: Annotated[str, Form(max_length=64)] = "code",
) -> Response:
    upload = await read_upload(file, ctx.settings.max_upload_bytes)
    await off_loop(
        regions.store_area_boundaries, ctx, actor(request, who), code, upload, code_property
    )
    return RedirectResponse(f"/regio/{code}", status_code=303)


@pages.post("/regio/{code}/grenzen/download", **access("editor"))
def boundaries_download_page(
    request: Request,
    code: str,
    ctx: Ctx,
    who: Who,
    year: Annotated[int, Form(ge=2018, le=2100)] = 2024,
) -> Response:
    """The buurt boundaries of the region's municipalities from PDOK (needs the internet)."""
    regions.download_area_boundaries(ctx, actor(request, who), code, year)
    return RedirectResponse(f"/regio/{code}", status_code=303)


@pages.post("/regio/{code}/cbs", **access("editor"))
async def cbs_preview_page(
    request: Request, code: str, ctx: Ctx, who: Caller, file: Annotated[UploadFile, File()]
) -> Response:
    """A CBS Kerncijfers table converted and checked: what would be stored (nothing yet)."""
    upload = await read_upload(file, ctx.settings.max_upload_bytes)
    return _preview_page(
        request,
        ctx,
        who,
        code,
        await off_loop(imports.preview_cbs, ctx, actor(request, who), code, upload),
    )


@pages.post("/regio/{code}/cbs/download", **access("editor"))
def cbs_download_page(
    request: Request,
    code: str,
    ctx: Ctx,
    who: Who,
    year: Annotated[int, Form(ge=2018, le=2100)] = 2024,
) -> Response:
    """The same preview, for the table downloaded from CBS (needs the internet)."""
    preview = imports.preview_cbs_download(ctx, actor(request, who), code, year)
    return _preview_page(request, ctx, who, code, preview)


def _preview_page(
    request: Request, ctx: Ctx, who: Who, code: str, preview: imports.Preview
) -> Response:
    with ctx.factory() as db:
        region = regions.get_region(db, code)
    return render(
        request, "cbs_preview.html", who, region=region, s=preview.summary, token=preview.token
    )


@pages.post("/regio/{code}/cbs/bevestigen", **access("editor"))
def cbs_confirm_page(
    request: Request, code: str, ctx: Ctx, who: Who, token: Annotated[str, Form(max_length=100)]
) -> Response:
    imports.confirm(ctx, actor(request, who), code, token)
    return RedirectResponse(f"/regio/{code}", status_code=303)


@pages.post("/regio/{code}/cbs/annuleren", **access("editor"))
def cbs_cancel_page(
    request: Request, code: str, ctx: Ctx, who: Who, token: Annotated[str, Form(max_length=100)]
) -> Response:
    imports.cancel(ctx, actor(request, who), code, token)
    return RedirectResponse(f"/regio/{code}", status_code=303)
