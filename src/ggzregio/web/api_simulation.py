"""``/api/v1/simulations``: the dynamic projection, within the request or as a background job.

Small runs (regions x draws x plans x years up to :data:`~ggzregio.web.simulations.SYNC_LIMIT`)
are answered at once. Larger runs need an account: they are stored as a job and answered with
``202 Accepted`` and the job's address, where the status, the progress (0-1) and, when done,
the result can be read.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse

from ggzregio.i18n import t
from ggzregio.web import services
from ggzregio.web import simulations as sims
from ggzregio.web.api_regions import Db, State, Who
from ggzregio.web.problems import ProblemError
from ggzregio.web.schemas import SimulationRequest
from ggzregio.web.security import access

router = APIRouter(tags=["simulation"])


def _request(body: SimulationRequest, regions: tuple[str, ...]) -> sims.Request:
    return sims.Request(
        tuple(body.scenario_ids),
        regions,
        body.years,
        body.draws,
        body.transition_years,
        body.path,
        body.seed,
    )


@router.post("/simulations", **access("public"))
def run_simulation(
    body: SimulationRequest, request: Request, state: State, db: Db, who: Who
) -> Any:
    """Simulate plans for regions: at once when small, else as a job (accounts only)."""
    for scenario_id in body.scenario_ids:  # unknown or hidden plans first: 404 for everyone
        services.scenario_or_404(db, who, scenario_id)
    chosen = sims.regions(state, db, tuple(body.regions))
    req = _request(body, tuple(r.code for r in chosen))
    size = req.runs
    if size <= sims.SYNC_LIMIT:
        return sims.execute(state, db, who, req)
    if not who.authenticated:
        raise ProblemError(
            401, "unauthenticated", t("web.sim_job_login"), headers={"WWW-Authenticate": "Bearer"}
        )
    if size > sims.JOB_LIMIT:
        raise ProblemError(
            422, "invalid_input", t("rule.simulation.too_large", runs=size, limit=sims.JOB_LIMIT)
        )
    job_id = sims.submit(state, who, req, body.model_dump())
    url = f"/api/v1/simulations/{job_id}"
    return JSONResponse(
        {"id": job_id, "status": "queued", "url": url}, status_code=202, headers={"Location": url}
    )


@router.get("/simulations/{job_id}", **access("account"))
def get_simulation(
    job_id: str = Path(pattern=r"^[0-9a-f]{32}$"), *, db: Db, who: Who
) -> dict[str, Any]:
    """A job of yours: status (queued, running, done, failed), progress and, when done, result."""
    job = sims.job_or_404(db, who, job_id)
    out: dict[str, Any] = {
        "id": job.id,
        "status": job.status,
        "progress": round(job.progress, 4),
        "request": job.request,
        "created_at": job.created_at.isoformat(),
    }
    if job.status == "done":
        out["result"] = job.result
    if job.status == "failed":
        out["error"] = job.error
    return out
