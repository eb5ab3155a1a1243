"""``/api/v1``: regions, areas, estimates, comparisons and boundaries."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy.orm import Session

from ggzregio.accounts import Principal
from ggzregio.errors import InputError, Problem
from ggzregio.geo import feature_codes, parse_geojson
from ggzregio.io.areas import areas_from_frame, read_areas
from ggzregio.io.observed import attach_observed
from ggzregio.storage import repository as repo
from ggzregio.storage.database import transaction
from ggzregio.web import services
from ggzregio.web.cache import cached_json
from ggzregio.web.problems import ProblemError
from ggzregio.web.schemas import Page, paginate, records
from ggzregio.web.security import access, client_address, current_principal, get_db
from ggzregio.web.state import AppState, get_state
from ggzregio.web.uploads import read_upload, read_uploaded, with_temp_file

router = APIRouter(tags=["regions"])
PageNo = Annotated[int, Query(ge=1, le=1_000_000, description="Page number (from 1).")]
Size = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
Db = Annotated[Session, Depends(get_db)]
State = Annotated[AppState, Depends(get_state)]
Who = Annotated[Principal, Depends(current_principal)]
ScenarioId = Annotated[int, Path(ge=1, le=2_147_483_647)]
Year = Annotated[int, Path(ge=1990, le=2100)]
RegionLevel = Literal["area", "municipality_code", "total"]


def region_summary(state: AppState, db: Session) -> list[dict[str, Any]]:
    table = services.national_estimates(state, db).tables["region_code"]
    return records(table.drop(columns=["model", "data_version"], errors="ignore"))


@router.get("/regions", response_model=Page, **access("public"))
def list_regions(
    request: Request, state: State, db: Db, who: Who, page: PageNo = 1, size: Size = 50
) -> Response:
    """Regions with their expected EPA care prevalence (open data)."""

    def build() -> Page:
        result = services.national_estimates(state, db)
        return paginate(region_summary(state, db), page, size, result.metadata)

    return cached_json(request, state, db, who, build)


@router.get("/regions/{code}", **access("public"))
def get_region(request: Request, code: str, state: State, db: Db, who: Who) -> Response:
    return cached_json(request, state, db, who, lambda: region_detail(state, db, code))


def region_detail(state: AppState, db: Session, code: str) -> dict[str, Any]:
    region = services.region_or_404(db, code)
    summary = next(r for r in region_summary(state, db) if r["region_code"] == code)
    return {
        "code": region.code,
        "name": region.name,
        "inhabitants": region.inhabitants,
        "data_version": region.data_version,
        "synthetic": region.synthetic,
        "estimate": summary,
    }


@router.get("/regions/{code}/areas", response_model=Page, **access("public"))
def list_areas(code: str, db: Db, page: PageNo = 1, size: Size = 50) -> Page:
    """The area statistics (canonical area table) of a region."""
    services.region_or_404(db, code)
    return paginate(repo.area_frame(db, code), page, size)


@router.get("/regions/{code}/estimates", response_model=Page, **access("public"))
def region_estimates(
    request: Request,
    code: str,
    state: State,
    db: Db,
    who: Who,
    level: RegionLevel = "area",
    page: PageNo = 1,
    size: Size = 50,
) -> Response:
    """Expected EPA care prevalence per area, municipality or for the region, with intervals."""

    def build() -> Page:
        region = services.region_or_404(db, code)
        result = services.region_estimates(state, db, region)
        return paginate(result.tables[level], page, size, result.metadata)

    return cached_json(request, state, db, who, build)


@router.get("/estimates", response_model=Page, **access("public"))
def national_estimates(
    state: State,
    db: Db,
    level: Literal["region_code", "total"] = "region_code",
    page: PageNo = 1,
    size: Size = 50,
) -> Page:
    result = services.national_estimates(state, db)
    return paginate(result.tables[level], page, size, result.metadata)


@router.get("/regions/{code}/comparison", response_model=Page, **access("viewer"))
def region_comparison(
    code: str, state: State, db: Db, level: RegionLevel = "area", page: PageNo = 1, size: Size = 50
) -> Page:
    """Observed (claims-based) versus expected; counts below the threshold suppressed."""
    region = services.region_or_404(db, code)
    result = services.region_comparison(state, db, region, state.settings.threshold)
    if result is None:
        raise ProblemError(404, "no_observed", code)
    return paginate(result.tables[level], page, size, result.metadata, result.mask(level))


@router.get("/regions/{code}/boundaries", **access("public"))
def region_boundaries(code: str, db: Db) -> dict[str, Any]:
    """GeoJSON of the region's areas."""
    services.region_or_404(db, code)
    found = repo.boundary(db, "area", code)
    if found is None:
        raise ProblemError(404, "not_found", f"boundaries {code}")
    return found


@router.get("/boundaries/regions", **access("public"))
def national_boundaries(db: Db) -> dict[str, Any]:
    found = repo.boundary(db, "region", None)
    if found is None:
        raise ProblemError(404, "not_found", "boundaries")
    return found


async def store_area_boundaries(
    request: Request, code: str, file: UploadFile, code_property: str, principal: Principal
) -> int:
    """Validate and store uploaded GeoJSON for a region's areas; every feature must name a
    known area. Shared by the API and the page."""
    state = get_state(request)
    name, data = await read_upload(file, state.settings.max_upload_bytes)
    collection = parse_geojson(data, name, code_property)
    with transaction(state.factory) as db:
        services.region_or_404(db, code)
        known = set(repo.area_frame(db, code)["area_code"].astype(str))
        unknown = [c for c in feature_codes(collection) if c not in known]
        if unknown:
            raise InputError(
                [
                    Problem(
                        name,
                        "geo.unknown_codes",
                        code_property,
                        values={"codes": ", ".join(unknown[:5])},
                    )
                ]
            )
        repo.store_boundary(db, "area", code, collection, name)
        repo.audit(db, "boundaries.upload", principal.user_id, code, name, client_address(request))
    return len(collection["features"])


@router.post("/regions/{code}/boundaries", status_code=201, **access("editor"))
async def upload_boundaries(
    request: Request,
    code: str,
    who: Who,
    file: Annotated[UploadFile, File(description="GeoJSON FeatureCollection")],
    code_property: Annotated[str, Form(max_length=64)] = "code",
) -> dict[str, Any]:
    """Upload area boundaries (GeoJSON, e.g. CBS/PDOK) for the region."""
    n = await store_area_boundaries(request, code, file, code_property, who)
    return {"features": n}


async def import_areas(request: Request, code: str, file: UploadFile, principal: Principal) -> int:
    """Replace a region's area statistics by an uploaded area table (validated rule by
    rule; all or nothing)."""
    state = get_state(request)
    spec = services.model(state)
    name, table = await read_uploaded(
        file, state.settings.max_upload_bytes, lambda p: read_areas(p, spec)
    )
    frame = table.frame
    if "region_code" in frame.columns:
        other = frame["region_code"].astype(str) != code
        if other.any():
            rows = tuple(int(r) for r in frame.index[other.to_numpy()][:20])
            raise InputError([Problem(name, "other_region", "region_code", rows, {"region": code})])
    with transaction(state.factory) as db:
        region = services.region_or_404(db, code)
        n = repo.replace_areas(
            db, code, frame.drop(columns=["region_code", "region_name"], errors="ignore")
        )
        region.revision += 1
        region.data_version = table.source.data_version
        region.synthetic = False
        repo.audit(
            db, "areas.import", principal.user_id, code, f"{name}: {n}", client_address(request)
        )
    return n


@router.post("/regions/{code}/areas", status_code=201, **access("editor"))
async def upload_areas(
    request: Request,
    code: str,
    who: Who,
    file: Annotated[UploadFile, File(description="Area table (CSV, Excel, Parquet)")],
) -> dict[str, Any]:
    """Upload area statistics (the canonical area table) for the region."""
    return {"areas": await import_areas(request, code, file, who)}


@router.post("/regions/{code}/observed", status_code=201, **access("editor"))
async def upload_observed(
    request: Request,
    code: str,
    who: Who,
    file: Annotated[UploadFile, File(description="area_code, observed_cases")],
) -> dict[str, Any]:
    """Upload observed EPA care counts per area (claims-based; stored, shown suppressed)."""
    state = get_state(request)
    name, data = await read_upload(file, state.settings.max_upload_bytes)
    with transaction(state.factory) as db:
        region = services.region_or_404(db, code)
        areas = areas_from_frame(repo.area_frame(db, code), services.model(state), code)
        joined = with_temp_file(name, data, lambda p: attach_observed(areas, p))
        counts = joined.frame[["area_code", "observed_cases"]]
        n = repo.replace_observed(db, code, counts, name)
        repo.forget_facts(db, services.observed_scope(code))  # new data, new history
        region.revision += 1
        repo.audit(
            db, "observed.import", who.user_id, code, f"{name}: {n}", client_address(request)
        )
    return {"areas": n}
