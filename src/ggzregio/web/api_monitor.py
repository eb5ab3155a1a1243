"""``/api/v1``: the ambulantisering monitor - indicators, targets, series, progress,
benchmark, substitution, and data entry."""

from __future__ import annotations

from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import Response

from ggzregio.accounts import ANONYMOUS
from ggzregio.errors import InputError, Problem
from ggzregio.monitor.importing import read_monitor
from ggzregio.storage import repository as repo
from ggzregio.storage.database import transaction
from ggzregio.web import services
from ggzregio.web.api_regions import Db, PageNo, Size, State, Who
from ggzregio.web.cache import cached_json
from ggzregio.web.schemas import MonitorUpdate, Page, paginate
from ggzregio.web.security import access, client_address
from ggzregio.web.state import get_state
from ggzregio.web.uploads import read_uploaded

router = APIRouter(tags=["monitor"])


@router.get("/monitor/indicators", response_model=Page, **access("public"))
def indicators(state: State, page: PageNo = 1, size: Size = 100) -> Page:
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
        for i in services.catalogue(state).values()
    ]
    return paginate(items, page, size)


@router.get("/monitor/targets", **access("public"))
def targets(state: State) -> list[dict[str, Any]]:
    return [
        {
            "id": t.id,
            "name": t.name(),
            "indicators": list(t.indicators),
            "baseline_year": t.baseline_year,
            "target_year": t.target_year,
        }
        for t in services.targets(state).values()
    ]


@router.get("/regions/{code}/monitor", response_model=Page, **access("public"))
def series(
    request: Request,
    code: str,
    state: State,
    db: Db,
    indicator: Annotated[list[str] | None, Query(max_length=50)] = None,
    page: PageNo = 1,
    size: Size = 500,
) -> Response:
    """Indicator values of the region per year (sensitive small counts suppressed)."""

    def build() -> Page:
        services.region_or_404(db, code)
        frame = services.monitor_series(state, db, code, indicator)
        data = services.monitor_data(state, db)
        meta = {
            "data_version": data.data_version,
            "suppression_threshold": str(state.settings.threshold),
        }
        return paginate(frame, page, size, meta)

    return cached_json(request, state, db, ANONYMOUS, build)


@router.get("/monitor/progress", response_model=Page, **access("public"))
def progress(
    request: Request,
    state: State,
    db: Db,
    target: str = "ba-intramural-2020",
    region: Annotated[list[str] | None, Query(max_length=100)] = None,
    page: PageNo = 1,
    size: Size = 100,
) -> Response:
    """Progress towards a target per region and nationally, with the trend projection."""
    return cached_json(
        request,
        state,
        db,
        ANONYMOUS,
        lambda: paginate(services.monitor_progress(state, db, target, region), page, size),
    )


@router.get("/monitor/benchmark", response_model=Page, **access("public"))
def benchmark(
    request: Request,
    state: State,
    db: Db,
    indicator: str = "fact_teams",
    year: Annotated[int | None, Query(ge=1990, le=2100)] = None,
    page: PageNo = 1,
    size: Size = 100,
) -> Response:
    """Regions compared on one indicator in one year (funnel limits, rank, quartile)."""

    def build() -> Page:
        data = services.monitor_data(state, db)
        chosen = year or (data.years[-1] if data.years else 0)
        return paginate(services.monitor_benchmark(state, db, indicator, chosen), page, size)

    return cached_json(request, state, db, ANONYMOUS, build)


@router.get("/monitor/substitution", response_model=Page, **access("public"))
def substitution(
    state: State,
    db: Db,
    first: Annotated[int, Query(ge=1990, le=2100)] = 2008,
    last: Annotated[int | None, Query(ge=1990, le=2100)] = None,
    page: PageNo = 1,
    size: Size = 100,
) -> Page:
    """Change in intramural places against change in ambulant capacity per region."""
    data = services.monitor_data(state, db)
    end = last or (data.years[-1] if data.years else first)
    return paginate(services.monitor_substitution(state, db, first, end), page, size)


def store_values(
    request: Request, code: str, frame: pd.DataFrame, user_id: int | None, what: str
) -> int:
    """Store monitor rows of region ``code`` (all or nothing) and raise the monitor revision."""
    other = frame["region_code"].astype(str) != code
    if other.any():
        raise InputError([Problem(what, "other_region", "region_code", values={"region": code})])
    known = services.catalogue(get_state(request))
    unknown = sorted(set(frame["indicator"]) - set(known))
    if unknown:
        raise InputError(
            [
                Problem(
                    what,
                    "unknown_indicator",
                    "indicator",
                    values={"values": ", ".join(unknown[:5])},
                )
            ]
        )
    with transaction(get_state(request).factory) as db:
        services.region_or_404(db, code)
        n = repo.save_monitor_values(db, frame, user_id, code)
        repo.bump(db, "monitor")
        repo.audit(db, "monitor.update", user_id, code, f"{what}: {n}", client_address(request))
    services.warm_monitor(get_state(request))
    return n


@router.put("/regions/{code}/monitor", **access("editor"))
def put_values(request: Request, code: str, body: MonitorUpdate, who: Who) -> dict[str, Any]:
    """Enter or correct indicator values (each change kept in the edit history)."""
    catalogue = services.catalogue(get_state(request))
    frame = pd.DataFrame(
        [
            {
                "region_code": code,
                "year": v.year,
                "indicator": v.indicator,
                "value": v.value,
                "unit": catalogue[v.indicator].unit if v.indicator in catalogue else "",
                "source": v.source,
                "status": v.status,
            }
            for v in body.values
        ]
    )
    return {"written": store_values(request, code, frame, who.user_id, "api")}


@router.post("/regions/{code}/monitor", status_code=201, **access("editor"))
async def upload_values(
    request: Request,
    code: str,
    who: Who,
    file: Annotated[UploadFile, File(description="Tidy monitor table or the wide template")],
) -> dict[str, Any]:
    """Upload monitor data (tidy CSV/Excel/Parquet or the wide Excel template)."""
    return {"written": await import_monitor_file(request, code, file, who.user_id)}


async def import_monitor_file(
    request: Request, code: str, file: UploadFile, user_id: int | None
) -> int:
    """Read an uploaded monitor file (validated) and store its rows for region ``code``."""
    state = get_state(request)
    catalogue = services.catalogue(state)
    name, read = await read_uploaded(
        file, state.settings.max_upload_bytes, lambda p: read_monitor(p, catalogue)
    )
    return store_values(request, code, read.frame, user_id, name)
