"""Projections: the simulation API (within the request or as a background job) and the
simulation page of a region (choose plans, see fan charts, occupancy, waiting and the
comparison; runs within the request, one region, at most :data:`MAX_DRAWS` draws).

Small API runs (regions x draws x plans x years up to
:data:`~ggzregio.app.simulation.SYNC_LIMIT`) are answered at once. Larger runs need an
account: they are stored as a job and answered with ``202 Accepted`` and the job's address,
where the status, the progress (0-1) and, when done, the result can be read.
"""

from __future__ import annotations

import time
from typing import Any, Final

import pandas as pd
from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse, Response

from ggzregio.app import estimates, planning, regions
from ggzregio.app import simulation as sims
from ggzregio.errors import InputError
from ggzregio.formatting import format_number
from ggzregio.i18n import t
from ggzregio.numbers import NumberError
from ggzregio.simulation.capacity import PATHS
from ggzregio.simulation.capacity import Path as ShapePath
from ggzregio.simulation.compare import compare, outcome_display
from ggzregio.simulation.figures import fan_chart, stacked_occupancy, waiting_chart
from ggzregio.simulation.parameters import default_parameters
from ggzregio.simulation.run import Settings, run_simulation
from ggzregio.web.deps import Ctx, Db, query_int
from ggzregio.web.planning_form import parse_number
from ggzregio.web.render import Column, figure_json, render, table_view
from ggzregio.web.responses import JobAccepted, JobOut, SimulationOut
from ggzregio.web.schemas import SimulationRequest
from ggzregio.web.security import Who, access

api = APIRouter(prefix="/api/v1", tags=["simulation"])
pages = APIRouter(include_in_schema=False)


@api.post(
    "/simulations",
    response_model=SimulationOut,
    responses={202: {"model": JobAccepted, "description": "Stored as a job (accounts only)."}},
    **access("public"),
)
def run_simulation_api(body: SimulationRequest, ctx: Ctx, db: Db, who: Who) -> Any:
    """Simulate plans for regions: at once when small, else as a job (accounts only)."""
    outcome = sims.simulate(ctx, db, who, sims.Request.of(body.model_dump()))
    if isinstance(outcome, sims.Accepted):
        url = f"/api/v1/simulations/{outcome.id}"
        content = JobAccepted(id=outcome.id, status=outcome.status, url=url).model_dump()
        return JSONResponse(content, status_code=202, headers={"Location": url})
    return outcome


@api.get("/simulations/{job_id}", response_model=JobOut, **access("account"))
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


# --- pages ----------------------------------------------------------------------------------

MAX_DRAWS: Final = 500
MAX_YEARS: Final = 20
DEFAULT_PLANS: Final = ("baseline-2014", "voorbeeldregio-1")
#: Each outcome with its own decimals (``decimals`` column): spending in € mln without cents,
#: days whole, shares with two decimals (:func:`~ggzregio.simulation.compare.outcome_display`).
COMPARISON_COLUMNS: Final = (
    Column("label", "sim.col.outcome"),
    Column("a_p50", "sim.col.a", 2, decimals_from="decimals"),
    Column("b_p50", "sim.col.b", 2, decimals_from="decimals"),
    Column("difference_p50", "web.sim_difference", 2, decimals_from="decimals"),
    Column("difference_p05", "web.sim_difference_p05", 2, decimals_from="decimals"),
    Column("difference_p95", "web.sim_difference_p95", 2, decimals_from="decimals"),
    Column("probability_pct", "web.sim_probability_pct", 0),
)
NUMBERS: Final = ("a_p50", "b_p50", "difference_p50", "difference_p05", "difference_p95")


def comparison_frame(table: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """The comparison as the page shows it: outcome label with the plans compared, values in
    the outcome's display unit (spending in € mln) and decimals, chance A is better in %."""
    shown = table.copy()
    display = [outcome_display(o) for o in shown["outcome"]]
    shown["label"] = [
        f"{label} ({labels[a]} − {labels[b]})"
        for (label, _, _), a, b in zip(
            display, shown["scenario_a"], shown["scenario_b"], strict=True
        )
    ]
    scale = [d[1] for d in display]
    for column in NUMBERS:
        shown[column] = shown[column] / scale
    shown["decimals"] = [d[2] for d in display]
    shown["probability_pct"] = shown["probability_a_better"] * 100
    return pd.DataFrame(shown)


def _number(
    text: str | None,
    default: float,
    low: float,
    high: float,
    name: str,
    *,
    integer: bool = False,
) -> float:
    """A form number in the request's language (:mod:`ggzregio.numbers`) within [low, high],
    or the default if empty. ``integer`` for counts (years, draws): fractions are refused."""
    if text is None or text.strip() == "":
        return default
    try:
        value = parse_number(text, name, integer=integer)
    except NumberError as exc:
        raise ValueError(f"{t(name)}: {exc.detail}") from exc
    if not low <= value <= high:
        raise ValueError(
            t("web.sim_bad_number", field=t(name), low=format_number(low), high=format_number(high))
        )
    return value


def _path(text: str | None) -> ShapePath:
    return next((p for p in PATHS if p == text), "linear")


@pages.get("/regio/{code}/simulatie", **access("public"))
def simulation_page(request: Request, code: str, ctx: Ctx, db: Db, who: Who) -> Response:
    region = regions.get_region(db, code)
    visible = planning.visible_scenarios(db, who, code)
    choices = [
        {"id": s.id, "title": planning.norm_set(s).title(), "region_code": s.region_code}
        for s in visible
    ]
    query = request.query_params
    defaults = [s.id for s in visible if s.name in DEFAULT_PLANS and s.region_code is None]
    listed = (query_int(v, "plan") for v in query.getlist("plan"))
    chosen = [v for v in listed if v is not None] or defaults
    variables = [{"key": v, "label": t(f"sim.var.{v}")} for v in sims.KEY_VARIABLES]
    context: dict[str, Any] = {
        "region": region,
        "scenarios": choices,
        "chosen": chosen,
        "paths": PATHS,
        "variables": variables,
        "errors": [],
        "fan": None,
        "synthetic": region.synthetic,
    }
    try:
        years = round(_number(query.get("jaren"), 10, 1, MAX_YEARS, "web.sim_years", integer=True))
        draws = round(
            _number(query.get("trekkingen"), 200, 1, MAX_DRAWS, "web.sim_draws", integer=True)
        )
        transition = _number(query.get("overgang"), 5.0, 0, 30, "web.sim_transition")
        path = _path(query.get("verloop"))
        variable = query.get("grootheid") or "blocked_bed_days"
        variable = variable if variable in sims.KEY_VARIABLES else "blocked_bed_days"
    except ValueError as exc:
        context["errors"] = [str(exc)]
        years, draws, transition, variable = 10, 200, 5.0, "blocked_bed_days"
        path = "linear"
    context.update(
        years=years,
        draws=draws,
        transition=format_number(transition, 1),
        sim_path=path,
        variable=variable,
    )
    if not estimates.has_statistics(db, code):
        context["errors"] = [t("rule.no_areas")]
    if context["errors"] or not chosen:
        return render(request, "simulation.html", who, **context)
    try:
        chosen_regions = sims.regions(ctx, db, (code,))
        plans = sims.scenarios(db, who, tuple(chosen[:4]), chosen_regions)
        started = time.perf_counter()
        settings = Settings(years, draws, transition, path)
        params = default_parameters()
        result = run_simulation(chosen_regions, plans, params, ctx.model(), settings)
        seconds = time.perf_counter() - started
    except InputError as exc:
        context["errors"] = [p.message() for p in exc.problems]
        return render(request, "simulation.html", who, **context)
    labels = {p.id: p.label for p in plans}
    if len(plans) > 1:
        table = compare(result)
        shown = comparison_frame(table[table["region_code"] == code], labels)
        context["comparison"] = table_view(
            "vergelijking", t("web.sim_comparison"), shown, COMPARISON_COLUMNS
        )
    context.update(
        fan=figure_json(fan_chart(result, code, variable), t("web.sim_fan_alt")),
        stacked=[
            figure_json(stacked_occupancy(result, code, p.id), t("web.sim_stacked_alt"))
            for p in plans
        ],
        waiting=figure_json(waiting_chart(result, code), t("web.sim_waiting_alt")),
        done=t(
            "sim.done",
            scenarios=len(plans),
            regions=1,
            draws=draws,
            years=years,
            seconds=format_number(seconds, 1),
        ),
        assumptions=len(params.assumptions()),
        versions=f"{result.metadata['simulation_model']} · {params.label} · "
        f"{result.metadata['prevalence_model']} · {region.data_version}",
    )
    return render(request, "simulation.html", who, **context)
