"""``/api/v1``: scenarios, plans and gap, inventories, edit history, accounts and audit."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy import select

from ggzregio.accounts import Principal
from ggzregio.errors import InputError, Problem
from ggzregio.inventory.excel import read_inventory_excel
from ggzregio.inventory.model import Entry, Inventory, check_totals, checklist_rows
from ggzregio.planning.tables import gap_result, plan_result
from ggzregio.storage import repository as repo
from ggzregio.storage import users
from ggzregio.storage.database import transaction
from ggzregio.storage.models import AuditEntry, Scenario, User, now
from ggzregio.web import services
from ggzregio.web.api_regions import Db, PageNo, ScenarioId, Size, State, Who, Year
from ggzregio.web.cache import cached_json
from ggzregio.web.problems import ProblemError
from ggzregio.web.schemas import (
    InventoryUpdate,
    MemberSet,
    Page,
    PlanRequest,
    ScenarioCreate,
    ScenarioUpdate,
    TokenCreate,
    paginate,
    records,
)
from ggzregio.web.security import access, client_address
from ggzregio.web.state import get_state
from ggzregio.web.uploads import read_uploaded

router = APIRouter()


def scenario_json(s: Scenario, with_toml: bool = False) -> dict[str, Any]:
    norms = services.norm_set(s)
    out: dict[str, Any] = {
        "id": s.id,
        "name": s.name,
        "title": norms.title(),
        "region_code": s.region_code,
        "private": s.private,
        "version": s.version,
        "kind": norms.kind,
    }
    if with_toml:
        out["toml"] = s.toml
    return out


@router.get("/scenarios", response_model=Page, tags=["planning"], **access("public"))
def list_scenarios(
    request: Request,
    state: State,
    db: Db,
    who: Who,
    region: str | None = None,
    page: PageNo = 1,
    size: Size = 50,
) -> Response:
    """Shipped norm sets and, with ``region``, that region's scenarios you may see."""

    def build() -> Page:
        items = [scenario_json(s) for s in services.visible_scenarios(db, who, region)]
        return paginate(items, page, size)

    return cached_json(request, state, db, who, build)


@router.get("/scenarios/{scenario_id}", tags=["planning"], **access("public"))
def get_scenario(scenario_id: ScenarioId, db: Db, who: Who) -> dict[str, Any]:
    return scenario_json(services.scenario_or_404(db, who, scenario_id), with_toml=True)


def create_scenario(request: Request, code: str, body: ScenarioCreate, who: Principal) -> Scenario:
    """Save a region scenario: ``based_on`` with ``changes``, validated before storing."""
    state = get_state(request)
    user_id = who.user_id
    with transaction(state.factory) as db:
        services.region_or_404(db, code)
        base = services.scenario_or_404(db, who, body.based_on)
        text = services.changed_toml(base.toml, body.changes, "scenario", new_id=body.name)
        services.norm_set(Scenario(id=0, toml=text))
        if db.scalar(
            select(Scenario).where(Scenario.region_code == code, Scenario.name == body.name)
        ):
            raise ProblemError(409, "conflict", body.name)
        scenario = Scenario(
            region_code=code, name=body.name, toml=text, private=body.private, created_by=user_id
        )
        db.add(scenario)
        db.flush()
        repo.record_edits(db, user_id, code, "scenario", f"{code}/{body.name}", {}, {"toml": text})
        repo.audit(db, "scenario.create", user_id, code, body.name, client_address(request))
    return scenario


@router.post("/regions/{code}/scenarios", status_code=201, tags=["planning"], **access("editor"))
def post_scenario(request: Request, code: str, body: ScenarioCreate, who: Who) -> dict[str, Any]:
    return scenario_json(create_scenario(request, code, body, who), with_toml=True)


def _own_scenario(db: Db, code: str, scenario_id: ScenarioId) -> Scenario:
    scenario = db.get(Scenario, scenario_id)
    if scenario is None or scenario.region_code != code:
        raise ProblemError(404, "not_found", f"scenario {scenario_id}")
    return scenario


@router.put("/regions/{code}/scenarios/{scenario_id}", tags=["planning"], **access("editor"))
def put_scenario(
    request: Request, code: str, scenario_id: ScenarioId, body: ScenarioUpdate, who: Who
) -> dict[str, Any]:
    state = get_state(request)
    with transaction(state.factory) as db:
        scenario = _own_scenario(db, code, scenario_id)
        text = services.changed_toml(scenario.toml, body.changes, f"scenario:{scenario_id}")
        services.norm_set(Scenario(id=scenario_id, toml=text))
        old = {"toml": scenario.toml, "private": scenario.private}
        scenario.toml = text
        if body.private is not None:
            scenario.private = body.private
        scenario.version += 1
        scenario.updated_at = now()
        new = {"toml": scenario.toml, "private": scenario.private}
        repo.record_edits(db, who.user_id, code, "scenario", f"{code}/{scenario.name}", old, new)
        repo.audit(db, "scenario.update", who.user_id, code, scenario.name, client_address(request))
    return scenario_json(scenario, with_toml=True)


@router.delete(
    "/regions/{code}/scenarios/{scenario_id}",
    status_code=204,
    tags=["planning"],
    **access("editor"),
)
def delete_scenario(request: Request, code: str, scenario_id: ScenarioId, who: Who) -> None:
    """Delete a region scenario (its text stays in the edit history)."""
    state = get_state(request)
    with transaction(state.factory) as db:
        scenario = _own_scenario(db, code, scenario_id)
        old = {"toml": scenario.toml}
        repo.record_edits(db, who.user_id, code, "scenario", f"{code}/{scenario.name}", old, {})
        repo.audit(db, "scenario.delete", who.user_id, code, scenario.name, client_address(request))
        db.delete(scenario)


def compute(
    request: Request, code: str, body: PlanRequest, db: Db, who: Who
) -> services.PlanResult:
    """A plan for the region from a visible scenario with changes; the gap against the
    latest inventory only for those who may read the region's inventory."""
    state = get_state(request)
    region = services.region_or_404(db, code)
    scenario = services.scenario_or_404(db, who, body.scenario_id)
    norms = services.norm_set(scenario, body.changes)
    inventory = None
    if body.with_gap:
        if not who.can(code, "viewer"):
            raise ProblemError(403, "forbidden", "inventory")
        inventory = services.region_inventory(db, region)
    return services.plan_for(
        state, db, region, norms, body.rounding, body.with_prevalence, inventory
    )


@router.post("/regions/{code}/plan", tags=["planning"], **access("public"))
def post_plan(request: Request, code: str, body: PlanRequest, db: Db, who: Who) -> dict[str, Any]:
    """Capacity and budget of a scenario for the region (and the gap, with ``with_gap``)."""
    result = compute(request, code, body, db, who)
    out = plan_result(result.plan) if result.gap is None else gap_result(result.gap)
    return {
        "metadata": out.metadata,
        "total_eur": result.plan.total_eur,
        "tables": {name: records(frame) for name, frame in out.tables.items()},
    }


# --- inventories ----------------------------------------------------------------------------


def inventory_json(inventory: Inventory) -> dict[str, Any]:
    return {
        "region_code": inventory.region_code,
        "year": inventory.year,
        "inhabitants": inventory.inhabitants,
        "compiled_by": inventory.compiled_by,
        "source_file": inventory.source_file,
        "version": inventory.data_version,
        "entries": repo.entries_json(inventory),
    }


@router.get("/regions/{code}/inventories", tags=["inventory"], **access("viewer"))
def list_inventories(code: str, db: Db) -> dict[str, Any]:
    services.region_or_404(db, code)
    return {"years": repo.inventory_years(db, code)}


@router.get("/regions/{code}/inventories/{year}", tags=["inventory"], **access("viewer"))
def get_inventory(code: str, year: Year, db: Db) -> dict[str, Any]:
    region = services.region_or_404(db, code)
    inventory = services.region_inventory(db, region, year)
    if inventory is None:
        raise ProblemError(404, "not_found", f"inventory {code} {year}")
    return inventory_json(inventory)


def save_inventory(
    request: Request, inventory: Inventory, file: str, user_id: int | None, action: str
) -> int:
    """Check totals and store the inventory with its edit history (all or nothing)."""
    problems = check_totals(inventory, file)
    if problems:
        raise InputError(problems)
    state = get_state(request)
    with transaction(state.factory) as db:
        services.region_or_404(db, inventory.region_code)
        _, changed = repo.save_inventory(db, inventory, user_id)
        repo.audit(
            db,
            action,
            user_id,
            inventory.region_code,
            f"{inventory.year}: {changed}",
            client_address(request),
        )
    return changed


def updated_inventory(db: Db, code: str, year: Year, body: InventoryUpdate) -> Inventory:
    """The stored inventory (or a blank one) with the given entries replaced."""
    region = services.region_or_404(db, code)
    if not 1990 <= year <= 2100:
        raise InputError(
            [
                Problem(
                    "inventory",
                    "bad_year",
                    "year",
                    values={"value": year, "low": 1990, "high": 2100},
                )
            ]
        )
    inventory = services.region_inventory(db, region, year) or services.blank_inventory(
        region, year
    )
    rows = checklist_rows()
    unknown = [e.key for e in body.entries if e.key not in rows]
    if unknown:
        raise InputError(
            [Problem("inventory", "unknown_row", "key", values={"value": ", ".join(unknown)})]
        )
    entries = dict(inventory.entries)
    for e in body.entries:
        entries[e.key] = Entry(e.key, e.fte, e.places, e.eur, e.source, e.note)
    return Inventory(
        region_code=code,
        year=year,
        entries={k: v for k, v in entries.items() if not v.empty},
        region_name=region.name,
        inhabitants=body.inhabitants if body.inhabitants is not None else inventory.inhabitants,
        compiled_by=inventory.compiled_by,
        source_file=inventory.source_file,
    )


@router.put("/regions/{code}/inventories/{year}", tags=["inventory"], **access("editor"))
def put_inventory(
    request: Request, code: str, year: Year, body: InventoryUpdate, db: Db, who: Who
) -> dict[str, Any]:
    """Enter or change checklist values; every changed value is kept in the edit history."""
    inventory = updated_inventory(db, code, year, body)
    db.close()
    changed = save_inventory(request, inventory, "inventory", who.user_id, "inventory.update")
    return {"changed": changed}


async def read_inventory_upload(request: Request, code: str, file: UploadFile) -> Inventory:
    state = get_state(request)
    name, inventory = await read_uploaded(
        file, state.settings.max_upload_bytes, read_inventory_excel
    )
    if inventory.region_code and inventory.region_code != code:
        raise InputError(
            [Problem(name, "other_region", "regio", values={"region": code}, sheet="regio")]
        )
    return Inventory(
        region_code=code,
        year=inventory.year,
        entries=inventory.entries,
        region_name=inventory.region_name,
        inhabitants=inventory.inhabitants,
        compiled_by=inventory.compiled_by,
        source_file=name,
    )


@router.post("/regions/{code}/inventories", status_code=201, tags=["inventory"], **access("editor"))
async def upload_inventory(
    request: Request,
    code: str,
    who: Who,
    file: Annotated[UploadFile, File(description="Filled-in inventory template (.xlsx)")],
) -> dict[str, Any]:
    """Upload the Excel template; refused as a whole when any cell breaks a rule."""
    inventory = await read_inventory_upload(request, code, file)
    changed = save_inventory(
        request, inventory, inventory.source_file, who.user_id, "inventory.upload"
    )
    return {"year": inventory.year, "changed": changed}


@router.get("/regions/{code}/history", response_model=Page, tags=["inventory"], **access("viewer"))
def history(code: str, db: Db, page: PageNo = 1, size: Size = 50) -> Page:
    """Every changed value in the region: who, when, old and new."""
    services.region_or_404(db, code)
    items = [
        {
            "at": e.at.isoformat(),
            "user_id": e.user_id,
            "entity": e.entity,
            "key": e.entity_key,
            "field": e.field,
            "old": e.old_value,
            "new": e.new_value,
        }
        for e in repo.edits(db, code, limit=5000)
    ]
    return paginate(items, page, size)


# --- accounts -------------------------------------------------------------------------------


@router.get("/me", tags=["account"], **access("account"))
def me(who: Who) -> dict[str, Any]:
    return {
        "email": who.email,
        "name": who.name,
        "national_admin": who.national_admin,
        "roles": dict(who.roles),
    }


@router.post("/me/tokens", status_code=201, tags=["account"], **access("account"))
def new_token(request: Request, body: TokenCreate, who: Who) -> dict[str, str]:
    """A new API token; its secret is shown once."""
    return {"token": issue_token(request, who, body.name), "name": body.name}


def issue_token(request: Request, who: Principal, name: str) -> str:
    """Create an API token for the signed-in account (audited); returns the secret."""
    with transaction(get_state(request).factory) as db:
        user = db.get(User, who.user_id)
        assert user is not None
        secret = users.create_token(db, user, name)
        repo.audit(db, "token.create", who.user_id, None, name, client_address(request))
    return secret


@router.put("/regions/{code}/members", tags=["account"], **access("admin"))
def set_member(request: Request, code: str, body: MemberSet, who: Who) -> dict[str, Any]:
    """Give an account a role in the region (or remove it with ``role: null``)."""
    with transaction(get_state(request).factory) as db:
        user = users.user_by_email(db, body.email)
        if user is None:
            raise ProblemError(404, "not_found", body.email)
        if user.national_admin and not who.national_admin:
            raise ProblemError(403, "forbidden")
        users.set_role(db, user, code, body.role)
        repo.audit(
            db,
            "member.set",
            who.user_id,
            code,
            f"{body.email}={body.role}",
            client_address(request),
        )
    return {"email": body.email, "region_code": code, "role": body.role}


@router.get("/audit", response_model=Page, tags=["account"], **access("national_admin"))
def audit_log(db: Db, page: PageNo = 1, size: Size = 50) -> Page:
    rows = db.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(10_000))
    items = [
        {
            "at": a.at.isoformat(),
            "user_id": a.user_id,
            "action": a.action,
            "region_code": a.region_code,
            "detail": a.detail,
            "client": a.client,
        }
        for a in rows
    ]
    return paginate(items, page, size)
