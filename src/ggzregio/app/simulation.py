"""Projections for the web application and API: run small ones at once, large ones as jobs.

A job is a row in ``simulation_jobs``, the queue of every server process
(:mod:`ggzregio.app.jobs`: limits per account and in all, one worker thread per process,
recovery of jobs left by a stopped process, clean-up); progress and a heartbeat are written to
the row at most every half second. The
result kept is the yearly summary of the key variables per region, the monthly series of
those variables for up to :data:`MONTHLY_REGIONS` regions (for the fan charts), the comparison
and the provenance. The current situation of every region is the baseline norm set (the
stored inventories are region data that not every requester may see).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from ggzregio.accounts import ANONYMOUS, Principal
from ggzregio.app import jobs
from ggzregio.app.context import Context
from ggzregio.app.errors import (
    AppError,
    InvalidRequestError,
    NotFoundError,
    NotYetError,
    UnauthenticatedError,
)
from ggzregio.app.estimates import national_estimates
from ggzregio.app.planning import get_scenario, norm_set
from ggzregio.errors import InputError
from ggzregio.io.results import records
from ggzregio.simulation.capacity import Path
from ggzregio.simulation.compare import compare
from ggzregio.simulation.parameters import default_parameters
from ggzregio.simulation.run import (
    Region,
    Scenario,
    Settings,
    SimulationResult,
    build_scenario,
    regions_from_table,
    run_simulation,
)
from ggzregio.storage.database import transaction
from ggzregio.storage.models import SimulationJob, User, now
from ggzregio.storage.users import principal

#: Runs (regions x draws x scenarios x years) computed within the request; more is a job.
SYNC_LIMIT: Final = 60_000
#: Runs a job may have at most (a whole country, 3 plans, 1,000 draws, 10 years is 1.3 M).
JOB_LIMIT: Final = 2_000_000
MONTHLY_REGIONS: Final = 3
#: The variables kept in a web result (the rest is in the CLI's files).
KEY_VARIABLES: Final = (
    "stock_fact",
    "stock_short",
    "stock_long",
    "stock_bw",
    "occupancy_short",
    "occupancy_bw",
    "waiting_ambulant",
    "wait_months_ambulant",
    "beyond_treeknorm_ambulant",
    "waiting_outside",
    "blocked_bed_days",
    "blocked_bw_days",
    "admissions_short",
    "iht_overflow",
    "to_housing",
    "fact_reach",
    "institution_share",
    "spending_total",
    "spending_zvw",
    "spending_wlz",
    "spending_wmo",
)


@dataclass(frozen=True)
class Request:
    """A checked simulation request."""

    scenario_ids: tuple[int, ...]
    regions: tuple[str, ...]
    years: int
    draws: int
    transition_years: float
    path: Path
    seed: int

    @classmethod
    def of(cls, fields: Mapping[str, Any]) -> Request:
        """The request from its fields as sent (the API body) or as stored with a job."""
        return cls(
            tuple(int(i) for i in fields["scenario_ids"]),
            tuple(str(r) for r in fields["regions"]),
            int(fields["years"]),
            int(fields["draws"]),
            float(fields["transition_years"]),
            fields["path"],
            int(fields["seed"]),
        )

    @property
    def runs(self) -> int:
        """Size of the request: regions x draws x scenarios x years."""
        return len(self.regions) * self.draws * len(self.scenario_ids) * self.years


def regions(ctx: Context, db: Session, codes: tuple[str, ...]) -> list[Region]:
    """The requested regions (all when none named) from the stored areas' estimates."""
    national = national_estimates(ctx, db)
    if national is None:
        raise NotYetError("no_areas", "")
    table = national.tables["region_code"]
    found = regions_from_table(table, national.tables.get("area"))
    if not codes:
        return found
    known = {r.code for r in found}
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise NotFoundError("not_found", ", ".join(unknown))
    return [r for r in found if r.code in codes]


def scenarios(
    db: Session, who: Principal, ids: tuple[int, ...], chosen: list[Region]
) -> list[Scenario]:
    """The plans (stored scenarios the requester may see) as capacities for the regions."""
    params = default_parameters()
    out = []
    for scenario_id in ids:
        stored = get_scenario(db, who, scenario_id)
        built = build_scenario(norm_set(stored), chosen, params)
        out.append(Scenario(f"s{stored.id}", built.label, built.version, built.now, built.target))
    return out


def execute(
    ctx: Context, db: Session, who: Principal, req: Request, progress: Any = None
) -> dict[str, Any]:
    """Run ``req`` and return its JSON result."""
    chosen = regions(ctx, db, req.regions)
    plans = scenarios(db, who, req.scenario_ids, chosen)
    settings = Settings(req.years, req.draws, req.transition_years, req.path, req.seed)
    result = run_simulation(chosen, plans, default_parameters(), ctx.model(), settings, progress)
    return result_json(result)


def result_json(result: SimulationResult) -> dict[str, Any]:
    """What the web keeps of a run (see the module docstring)."""
    yearly = []
    monthly = []
    few = {r.code for r in result.regions[:MONTHLY_REGIONS]}
    for scenario, summary in result.summaries.items():
        y = summary.yearly[summary.yearly["variable"].isin(KEY_VARIABLES)]
        yearly += records(y.assign(scenario=scenario))
        m = summary.monthly
        m = m[m["variable"].isin(KEY_VARIABLES) & m["region_code"].isin(few)]
        monthly += records(m.assign(scenario=scenario))
    comparison = records(compare(result)) if len(result.summaries) > 1 else []
    return {
        "scenarios": [
            {"id": s.id, "label": s.label, "version": s.version} for s in result.scenarios
        ],
        "regions": [r.code for r in result.regions],
        "yearly": yearly,
        "monthly": monthly,
        "comparison": comparison,
        "metadata": result.metadata,
    }


def submit(ctx: Context, who: Principal, req: Request) -> str:
    """Store a job (within the account's and the global limit) and wake this process's job
    worker (:mod:`ggzregio.app.jobs`); returns its id."""
    job_id = uuid.uuid4().hex
    with transaction(ctx.factory) as db:
        jobs.check_limits(db, who.user_id)
        stored = {**asdict(req), "scenario_ids": list(req.scenario_ids),
                  "regions": list(req.regions)}  # fmt: skip
        db.add(SimulationJob(id=job_id, user_id=who.user_id, request=stored, status="queued"))
    jobs.worker(ctx, run_job).wake()
    return job_id


def resume(ctx: Context) -> None:
    """At the application's start: run jobs left waiting by an earlier process, and recover
    those it left running."""
    if jobs.waiting(ctx):
        jobs.worker(ctx, run_job).wake()


def run_job(ctx: Context, job_id: str) -> None:
    """Run a claimed job to its end (status done or failed with the reason)."""
    last = [0.0]

    def progress(done: int, total: int) -> None:
        moment = time.monotonic()
        if moment - last[0] < 0.5 and done < total:
            return
        last[0] = moment
        jobs.heartbeat(ctx, job_id, done / total)

    try:
        with ctx.factory() as db:
            job = db.get(SimulationJob, job_id)
            if job is None:
                return
            user = db.get(User, job.user_id) if job.user_id is not None else None
            who = principal(db, user, "token") if user is not None else ANONYMOUS
            req = Request.of(job.request)
            result = execute(ctx, db, who, req, progress)
    except AppError as exc:
        _update(ctx, job_id, status="failed", error=exc.detail or exc.kind, finished_at=now())
    except InputError:
        _update(ctx, job_id, status="failed", error="invalid_input", finished_at=now())
    except Exception as exc:  # a job must end with a status, whatever happened
        _update(ctx, job_id, status="failed", error=type(exc).__name__, finished_at=now())
    else:
        _update(ctx, job_id, status="done", progress=1.0, result=result, finished_at=now())


def _update(ctx: Context, job_id: str, **values: Any) -> None:
    with transaction(ctx.factory) as db:
        job = db.get(SimulationJob, job_id)
        if job is not None:
            for name, value in values.items():
                setattr(job, name, value)


def job_or_404(db: Session, who: Principal, job_id: str) -> SimulationJob:
    """A job of the requester (others' jobs do not exist for them)."""
    job = db.scalars(select(SimulationJob).where(SimulationJob.id == job_id)).first()
    if job is None or job.user_id != who.user_id:
        raise NotFoundError("not_found", job_id)
    return job


@dataclass(frozen=True)
class Accepted:
    """A simulation stored as a background job."""

    id: str
    status: str = "queued"


def simulate(ctx: Context, db: Session, who: Principal, req: Request) -> dict[str, Any] | Accepted:
    """Run ``req`` at once when it is small, else store it as a job (accounts only). Unknown
    or hidden plans and regions are :class:`NotFoundError` for everyone, before any size rule."""
    for scenario_id in req.scenario_ids:
        get_scenario(db, who, scenario_id)
    chosen = regions(ctx, db, req.regions)
    req = Request(
        req.scenario_ids,
        tuple(r.code for r in chosen),
        req.years,
        req.draws,
        req.transition_years,
        req.path,
        req.seed,
    )
    if req.runs <= SYNC_LIMIT:
        return execute(ctx, db, who, req)
    if not who.authenticated:
        raise UnauthenticatedError("sim_job_login")
    if req.runs > JOB_LIMIT:
        raise InvalidRequestError(
            "simulation.too_large", f"{req.runs} > {JOB_LIMIT}", runs=req.runs, limit=JOB_LIMIT
        )
    return Accepted(submit(ctx, who, req))
