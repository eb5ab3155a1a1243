"""Planning: scenarios (API: list, read, create, change, delete, export), a plan for a region
with its gap against the inventory (API and the planning page with its form), and the plan's
downloads."""

from __future__ import annotations

from typing import Any, Final

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from ggzregio.accounts import Principal
from ggzregio.app import planning, regions
from ggzregio.app.errors import NotFoundError, NotYetError
from ggzregio.app.inventory import region_inventory
from ggzregio.errors import InputError, Problem
from ggzregio.formatting import format_number
from ggzregio.i18n import t
from ggzregio.labels import error_text
from ggzregio.planning.figures import capacity_figure, shares_figure
from ggzregio.planning.tables import (
    capacity_frame,
    gap_categories_frame,
    gap_items_frame,
    gap_result,
    plan_result,
    spending_frame,
)
from ggzregio.storage.models import Region, Scenario
from ggzregio.web.cache import cached_json
from ggzregio.web.deps import Ctx, Db, PageNo, ScenarioId, Size, actor, query_int
from ggzregio.web.planning_form import FORM_FILE, decoded, encoded, form_changes, form_fields
from ggzregio.web.render import Column, download, figure_json, render, table_view
from ggzregio.web.responses import Page, PlanOut, ScenarioDetail, ScenarioOut, paginate, table_rows
from ggzregio.web.schemas import PlanRequest, ScenarioCreate, ScenarioUpdate
from ggzregio.web.security import Who, access
from ggzregio.web.work import Caller

api = APIRouter(prefix="/api/v1", tags=["planning"])
pages = APIRouter(include_in_schema=False)
DEFAULT_SCENARIO: Final = "voorbeeldregio-1"
CAPACITY_COLUMNS: Final = (
    Column("label", "col.label"),
    Column("units_low", "col.units_low", 2),
    Column("units_high", "col.units_high", 2),
    Column("whole_units", "col.whole_units", 0),
    Column("fte_low", "col.fte_low", 1),
    Column("fte_high", "col.fte_high", 1),
    Column("eur_mid", "col.eur", 0),
    Column("derivation", "col.derivation"),
)
SPENDING_COLUMNS: Final = (
    Column("label", "col.label"),
    Column("share", "col.share", 3),
    Column("eur", "col.eur", 0),
)
GAP_COLUMNS: Final = (
    Column("label", "col.label"),
    Column("current", "col.current", 1),
    Column("target_low", "col.target_low", 1),
    Column("target_high", "col.target_high", 1),
    Column("status", "col.status", codes="status."),
)
GAP_CATEGORY_COLUMNS: Final = (
    Column("label", "col.label"),
    Column("current_eur", "col.current_eur", 0),
    Column("scenario_eur", "col.scenario_eur", 0),
    Column("shift_eur", "col.shift_eur", 0),
)


def scenario_json(s: Scenario, detail: bool = False) -> dict[str, Any]:
    norms = planning.norm_set(s)
    out: dict[str, Any] = {
        "id": s.id,
        "name": s.name,
        "title": norms.title(),
        "region_code": s.region_code,
        "private": s.private,
        "version": s.version,
        "kind": norms.kind,
    }
    if detail:
        out["norms"] = s.data
        out["toml"] = planning.scenario_toml(s)
    return out


# --- API ------------------------------------------------------------------------------------


@api.get("/scenarios", response_model=Page[ScenarioOut], **access("public"))
def list_scenarios(
    request: Request,
    ctx: Ctx,
    db: Db,
    who: Who,
    region: str | None = None,
    page: PageNo = 1,
    size: Size = 50,
) -> Response:
    """Shipped norm sets and, with ``region``, that region's scenarios you may see."""

    def build() -> dict[str, Any]:
        items = [scenario_json(s) for s in planning.visible_scenarios(db, who, region)]
        return paginate(items, page, size)

    return cached_json(request, ctx, db, who, build)


@api.get("/scenarios/{scenario_id}", response_model=ScenarioDetail, **access("public"))
def get_scenario(scenario_id: ScenarioId, db: Db, who: Who) -> dict[str, Any]:
    """A scenario as structured data, and exported as a norm-set TOML file."""
    return scenario_json(planning.get_scenario(db, who, scenario_id), detail=True)


@api.post(
    "/regions/{code}/scenarios",
    status_code=201,
    response_model=ScenarioDetail,
    **access("editor"),
)
def post_scenario(
    request: Request, code: str, body: ScenarioCreate, ctx: Ctx, who: Who
) -> dict[str, Any]:
    """Save a region scenario: ``based_on`` with ``changes``, validated before storing."""
    scenario = planning.create_scenario(
        ctx, actor(request, who), code, body.name, body.based_on, body.changes, body.private
    )
    return scenario_json(scenario, detail=True)


@api.put(
    "/regions/{code}/scenarios/{scenario_id}", response_model=ScenarioDetail, **access("editor")
)
def put_scenario(
    request: Request, code: str, scenario_id: ScenarioId, body: ScenarioUpdate, ctx: Ctx, who: Who
) -> dict[str, Any]:
    scenario = planning.update_scenario(
        ctx, actor(request, who), code, scenario_id, body.changes, body.private
    )
    return scenario_json(scenario, detail=True)


@api.delete("/regions/{code}/scenarios/{scenario_id}", status_code=204, **access("editor"))
def delete_scenario(
    request: Request, code: str, scenario_id: ScenarioId, ctx: Ctx, who: Who
) -> None:
    """Delete a region scenario (its content stays in the edit history)."""
    planning.delete_scenario(ctx, actor(request, who), code, scenario_id)


@api.post("/regions/{code}/plan", response_model=PlanOut, **access("public"))
def post_plan(code: str, body: PlanRequest, ctx: Ctx, db: Db, who: Who) -> dict[str, Any]:
    """Capacity and budget of a scenario for the region (and the gap, with ``with_gap``)."""
    result = planning.region_plan(
        ctx,
        db,
        who,
        code,
        body.scenario_id,
        body.changes,
        body.rounding,
        body.with_prevalence,
        body.with_gap,
    )
    out = plan_result(result.plan) if result.gap is None else gap_result(result.gap)
    return {
        "metadata": out.metadata,
        "total_eur": result.plan.total_eur,
        "tables": {name: table_rows(frame) for name, frame in out.tables.items()},
    }


# --- pages ----------------------------------------------------------------------------------


def _choose(db: Session, who: Principal, region: Region, scenario_id: int | None) -> Any:
    visible = planning.visible_scenarios(db, who, region.code)
    if scenario_id is None:
        return visible, next((s for s in visible if s.name == DEFAULT_SCENARIO), visible[0])
    return visible, planning.get_scenario(db, who, scenario_id)


def _scenario_id(request: Request) -> int | None:
    """The page's ``?scenario=`` (refused with a 422 page naming it when not an id)."""
    return query_int(request.query_params.get("scenario"), "scenario")


def _compute(
    request: Request, ctx: Ctx, db: Session, who: Principal, region: Region
) -> tuple[Any, ...]:
    params = dict(request.query_params)
    visible, scenario = _choose(db, who, region, _scenario_id(request))
    rounding = params.get("rounding", "up")
    rounding = rounding if rounding in ("up", "nearest", "down") else "up"
    with_prevalence = params.get("prevalentie") == "1"
    changes = form_changes(form_fields(scenario.data, planning.norm_set(scenario)), params)
    norms = planning.norm_set(scenario, changes)
    shown = planning.changed(scenario.data, changes, FORM_FILE) if changes else scenario.data
    fields = form_fields(shown, norms)
    inventory = region_inventory(db, region) if who.can(region.code, "viewer") else None
    result = planning.plan_for(ctx, db, region, norms, rounding, with_prevalence, inventory)  # type: ignore[arg-type]
    return visible, scenario, fields, changes, rounding, with_prevalence, result


def _choice(scenario: Scenario) -> dict[str, Any]:
    return {
        "id": scenario.id,
        "title": planning.norm_set(scenario).title(),
        "region_code": scenario.region_code,
        "private": scenario.private,
    }


@pages.get("/regio/{code}/planning", **access("public"))
def planning_page(request: Request, code: str, ctx: Ctx, db: Db, who: Who) -> Response:
    region = regions.get_region(db, code)
    _scenario_id(request)  # a malformed address is an error page, not the default plan
    errors: list[str] = []
    try:
        visible, scenario, fields, changes, rounding, with_prevalence, result = _compute(
            request, ctx, db, who, region
        )
    except (InputError, NotFoundError) as exc:
        if isinstance(exc, NotFoundError) and exc.kind != "no_inhabitants":
            raise
        visible, scenario = _choose(db, who, region, None)
        fields = form_fields(scenario.data, planning.norm_set(scenario))
        if isinstance(exc, InputError):
            errors = [p.message() for p in exc.problems]
        else:
            errors = [error_text(exc)[0]]
        changes, rounding, with_prevalence, result = {}, "up", False, None
    context: dict[str, Any] = {
        "region": region,
        "scenarios": [_choice(s) for s in visible],
        "scenario": scenario,
        "fields": fields,
        "changes": encoded(changes),
        "rounding": rounding,
        "with_prevalence": with_prevalence,
        "errors": errors,
        "plan": None,
        "gap": None,
        "can_view": who.can(code, "viewer"),
        "can_edit": who.can(code, "editor"),
        "synthetic": region.synthetic,
    }
    if result is not None:
        context.update(_plan_context(result, region))
    return render(request, "planning.html", who, **context)


def _plan_context(result: planning.PlanResult, region: Region) -> dict[str, Any]:
    plan = result.plan
    context: dict[str, Any] = {
        "plan": plan,
        "capacity": table_view(
            "capaciteit", t("web.capacity"), capacity_frame(plan), CAPACITY_COLUMNS
        ),
        "spending": table_view(
            "uitgaven", t("web.spending"), spending_frame(plan), SPENDING_COLUMNS
        ),
        "versions": f"{plan.norm_set.label} · {region.data_version}",
    }
    if result.gap is not None:
        gap = result.gap
        budget = gap.budget
        context.update(
            gap=table_view("gap", t("web.gap_items"), gap_items_frame(gap), GAP_COLUMNS),
            gap_categories=table_view(
                "gap-categorieen",
                t("web.gap_categories"),
                gap_categories_frame(gap),
                GAP_CATEGORY_COLUMNS,
            ),
            budget_text=t(
                "web.budget_text",
                year=result.inventory_year,
                current=format_number(budget.current_eur),
                scenario=format_number(budget.scenario_eur),
                difference=format_number(budget.difference_eur),
                neutral=t("web.neutral_yes" if budget.neutral else "web.neutral_no"),
            ),
            figure_capacity=figure_json(capacity_figure(gap), t("web.capacity_alt")),
            figure_shares=figure_json(shares_figure(gap), t("web.shares_alt")),
        )
    return context


@pages.post("/regio/{code}/planning", **access("editor"))
async def save_scenario_page(request: Request, code: str, ctx: Ctx, who: Caller) -> Response:
    form = await request.form()
    changes = decoded({k: v for k, v in form.items() if isinstance(v, str)})
    based_on = query_int(str(form.get("based_on", "")), "based_on")
    try:
        body = ScenarioCreate(
            name=str(form.get("name", "")),
            based_on=based_on or 0,
            changes=changes,
            private=form.get("private") == "1",
        )
    except (ValidationError, ValueError) as exc:
        raise InputError([Problem(FORM_FILE, "bad_scenario_name", key="name")]) from exc
    scenario = await run_in_threadpool(  # database work: not on the event loop
        planning.create_scenario,
        ctx,
        actor(request, who),
        code,
        body.name,
        body.based_on,
        body.changes,
        body.private,
    )
    return RedirectResponse(f"/regio/{code}/planning?scenario={scenario.id}", status_code=303)


@pages.get("/regio/{code}/download/plan.{fmt}", **access("public"))
def plan_download(request: Request, code: str, fmt: str, ctx: Ctx, db: Db, who: Who) -> Response:
    """The plan of the page's scenario and changes."""
    result = _compute(request, ctx, db, who, regions.get_region(db, code))[-1]
    return download(plan_result(result.plan), f"{code}-plan", fmt)


@pages.get("/regio/{code}/download/gap.{fmt}", **access("viewer"))
def gap_download(request: Request, code: str, fmt: str, ctx: Ctx, db: Db, who: Who) -> Response:
    """The gap against the latest inventory (members of the region only)."""
    result = _compute(request, ctx, db, who, regions.get_region(db, code))[-1]
    if result.gap is None:
        raise NotYetError("no_inventory", code)
    return download(gap_result(result.gap), f"{code}-gap", fmt)
