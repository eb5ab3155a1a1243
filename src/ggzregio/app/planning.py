"""Planning: scenarios as structured data (validated against the norm-set schema; TOML is an
import and export format) and the capacity, budget and gap of a scenario for a region."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ggzregio.accounts import ANONYMOUS, Principal
from ggzregio.app.context import Actor, Context
from ggzregio.app.errors import ConflictError, ForbiddenError, NotFoundError, NotYetError
from ggzregio.app.estimates import prevalence_factor
from ggzregio.app.inventory import region_inventory
from ggzregio.app.regions import get_region
from ggzregio.app.revision import SCENARIOS
from ggzregio.inventory.model import Inventory
from ggzregio.planning.capacity import Plan, RegionInput, Rounding, compute_plan
from ggzregio.planning.changes import check_changes
from ggzregio.planning.gap import GapAnalysis, analyse_gap
from ggzregio.planning.norms import NormSet
from ggzregio.planning.scenario_file import (
    ChangeValue,
    apply_changes,
    norm_set_from_data,
    norm_set_toml,
)
from ggzregio.storage import repository as repo
from ggzregio.storage.database import transaction
from ggzregio.storage.models import Region, Scenario, now

Changes = Mapping[str, ChangeValue]


def can_see(principal: Principal, scenario: Scenario) -> bool:
    """Shipped and public scenarios are for everyone; private ones for the region's members."""
    if scenario.region_code is None or not scenario.private:
        return True
    return principal.can(scenario.region_code, "viewer")


def visible_scenarios(db: Session, principal: Principal, region_code: str | None) -> list[Scenario]:
    """Shipped norm sets and, with ``region_code``, that region's scenarios ``principal`` sees."""
    return [s for s in repo.scenarios(db, region_code) if can_see(principal, s)]


def public_scenario(db: Session, name: str) -> Scenario:
    """The shipped (public) scenario ``name``, e.g. the report's plan; :class:`NotFoundError`
    when there is none of that name."""
    found = next((s for s in visible_scenarios(db, ANONYMOUS, None) if s.name == name), None)
    if found is None:
        raise NotFoundError("not_found", f"scenario {name}")
    return found


def get_scenario(db: Session, principal: Principal, scenario_id: int) -> Scenario:
    """A scenario ``principal`` may see. A private scenario of another region is reported as
    missing, not as forbidden, so its existence is not revealed either."""
    scenario = db.get(Scenario, scenario_id)
    if scenario is None or not can_see(principal, scenario):
        raise NotFoundError("not_found", f"scenario {scenario_id}")
    return scenario


def _canonical(data: Mapping[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


@lru_cache(maxsize=256)
def _parsed(canonical: str, file: str) -> NormSet:
    """Stored documents are validated once (NormSet is immutable)."""
    return norm_set_from_data(json.loads(canonical), file)


def norm_set(scenario: Scenario, changes: Changes | None = None) -> NormSet:
    """The scenario's norm set, with ``changes`` (dotted key to typed value) applied and
    validated."""
    file = f"scenario:{scenario.id}"
    if not changes:
        return _parsed(_canonical(scenario.data), file)
    return norm_set_from_data(changed(scenario.data, changes, file), file)


def changed(
    doc: Mapping[str, Any], changes: Changes, file: str, new_id: str | None = None
) -> dict[str, Any]:
    """The norm-set document with ``changes`` checked (:mod:`ggzregio.planning.changes`:
    only values a person sets, each of its kind) and applied; not yet validated as a whole."""
    check_changes(changes, file)
    return apply_changes(doc, changes, file, new_id=new_id)


def scenario_toml(scenario: Scenario) -> str:
    """The scenario exported as a norm-set TOML file."""
    return norm_set_toml(scenario.data)


def _own_scenario(db: Session, code: str, scenario_id: int) -> Scenario:
    scenario = db.get(Scenario, scenario_id)
    if scenario is None or scenario.region_code != code:
        raise NotFoundError("not_found", f"scenario {scenario_id}")
    return scenario


def _store_new(
    db: Session, actor: Actor, code: str, name: str, data: dict[str, Any], private: bool
) -> Scenario:
    if db.scalar(select(Scenario).where(Scenario.region_code == code, Scenario.name == name)):
        raise ConflictError("conflict", name)
    scenario = Scenario(
        region_code=code, name=name, data=data, private=private, created_by=actor.user_id
    )
    db.add(scenario)
    db.flush()
    key = f"{code}/{name}"
    repo.record_edits(db, actor.user_id, code, "scenario", key, {}, {"data": _canonical(data)})
    repo.audit(db, "scenario.create", actor.user_id, code, name, actor.client)
    repo.bump(db, SCENARIOS)  # every cached list of scenarios is stale
    return scenario


def create_scenario(
    ctx: Context,
    actor: Actor,
    code: str,
    name: str,
    based_on: int,
    changes: Changes,
    private: bool = True,
) -> Scenario:
    """Save a region scenario: a visible scenario ``based_on`` with ``changes``, validated
    before it is stored."""
    with transaction(ctx.factory) as db:
        get_region(db, code)
        base = get_scenario(db, actor.principal, based_on)
        data = changed(base.data, changes, "scenario", new_id=name)
        norm_set_from_data(data, "scenario")
        return _store_new(db, actor, code, name, data, private)


def update_scenario(
    ctx: Context,
    actor: Actor,
    code: str,
    scenario_id: int,
    changes: Changes,
    private: bool | None = None,
) -> Scenario:
    """Change a region scenario's values (validated; the old values stay in the history)."""
    with transaction(ctx.factory) as db:
        scenario = _own_scenario(db, code, scenario_id)
        file = f"scenario:{scenario_id}"
        data = changed(scenario.data, changes, file)
        norm_set_from_data(data, file)
        old = {"data": _canonical(scenario.data), "private": scenario.private}
        scenario.data = data
        if private is not None:
            scenario.private = private
        scenario.version += 1
        scenario.updated_at = now()
        new = {"data": _canonical(scenario.data), "private": scenario.private}
        key = f"{code}/{scenario.name}"
        repo.record_edits(db, actor.user_id, code, "scenario", key, old, new)
        repo.audit(db, "scenario.update", actor.user_id, code, scenario.name, actor.client)
        repo.bump(db, SCENARIOS)
    return scenario


def delete_scenario(ctx: Context, actor: Actor, code: str, scenario_id: int) -> None:
    """Delete a region scenario (its content stays in the edit history)."""
    with transaction(ctx.factory) as db:
        scenario = _own_scenario(db, code, scenario_id)
        old = {"data": _canonical(scenario.data)}
        key = f"{code}/{scenario.name}"
        repo.record_edits(db, actor.user_id, code, "scenario", key, old, {})
        repo.audit(db, "scenario.delete", actor.user_id, code, scenario.name, actor.client)
        db.delete(scenario)
        repo.bump(db, SCENARIOS)


@dataclass(frozen=True)
class PlanResult:
    plan: Plan
    gap: GapAnalysis | None
    inventory_year: int | None


def plan_for(
    ctx: Context,
    db: Session,
    region: Region,
    norms: NormSet,
    rounding: Rounding,
    with_prevalence: bool,
    inventory: Inventory | None,
) -> PlanResult:
    """Capacity and budget of ``norms`` for the region, and the gap against ``inventory``;
    :class:`NotFoundError` (``no_inhabitants``) while the region has neither a number of
    inhabitants nor area statistics."""
    inhabitants = float(region.inhabitants or 0)
    if not inhabitants and repo.area_count(db, region.code):
        inhabitants = float(repo.area_frame(db, region.code)["inhabitants"].sum())
    if not inhabitants > 0:
        raise NotYetError("no_inhabitants", region.code)
    factor = prevalence_factor(ctx, db, region) if with_prevalence else 1.0
    note = f"index {factor * 100:.1f}" if with_prevalence else ""
    plan = compute_plan(
        norms, RegionInput(inhabitants, factor, note, region.code, region.name), rounding
    )
    gap = analyse_gap(plan, inventory) if inventory is not None else None
    return PlanResult(plan, gap, inventory.year if inventory else None)


def region_plan(
    ctx: Context,
    db: Session,
    principal: Principal,
    code: str,
    scenario_id: int,
    changes: Changes | None = None,
    rounding: Rounding = "up",
    with_prevalence: bool = False,
    with_gap: bool = False,
) -> PlanResult:
    """A plan for region ``code`` from a visible scenario with changes; the gap against the
    latest inventory only for those who may read the region's inventory."""
    region = get_region(db, code)
    norms = norm_set(get_scenario(db, principal, scenario_id), changes)
    inventory = None
    if with_gap:
        if not principal.can(code, "viewer"):
            raise ForbiddenError("forbidden", "inventory")
        inventory = region_inventory(db, region)
    return plan_for(ctx, db, region, norms, rounding, with_prevalence, inventory)
