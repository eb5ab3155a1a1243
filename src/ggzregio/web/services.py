"""What pages and API share: the results a region's users see, built from the stored data
with the library's own functions, cached per data revision and always protected (counts of
people from claims or client data below the threshold are suppressed before they leave)."""

from __future__ import annotations

import logging
import threading
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ggzregio.accounts import Principal
from ggzregio.errors import InputError, Problem
from ggzregio.i18n import get_language
from ggzregio.inventory.model import Inventory
from ggzregio.io.areas import areas_from_frame
from ggzregio.io.results import ResultSet
from ggzregio.monitor.benchmark import benchmark
from ggzregio.monitor.catalogue import Catalogue, Target, load_catalogue, load_targets
from ggzregio.monitor.data import MonitorData, protect_tidy, tidy_with_per_100k
from ggzregio.monitor.progress import progress, substitution
from ggzregio.monitor.protection import protection_for
from ggzregio.planning.capacity import Plan, RegionInput, Rounding, compute_plan
from ggzregio.planning.gap import GapAnalysis, analyse_gap
from ggzregio.planning.norms import NormSet
from ggzregio.planning.scenario_file import norm_set_toml, parse_norm_set, set_value
from ggzregio.prevalence.aggregate import INDEX
from ggzregio.prevalence.model import ModelSpec, load_model
from ggzregio.prevalence.run import run_compare, run_estimate
from ggzregio.storage import repository as repo
from ggzregio.storage.database import transaction
from ggzregio.storage.models import Region, Scenario
from ggzregio.web.problems import ProblemError
from ggzregio.web.state import AppState

logger = logging.getLogger(__name__)
EDITABLE_TABLES = ("capacity", "spending", "budget", "unit_costs", "name", "description")


def region_or_404(db: Session, code: str) -> Region:
    region = db.get(Region, code)
    if region is None:
        raise ProblemError(404, "not_found", f"region {code}")
    return region


def model(state: AppState) -> ModelSpec:
    return state.cached(("model",), load_model)


def _global_revision(db: Session) -> tuple[int, int]:
    row = db.execute(select(func.count(Region.code), func.sum(Region.revision))).one()
    return int(row[0] or 0), int(row[1] or 0)


def national_estimates(state: AppState, db: Session) -> ResultSet:
    """Estimates of every area, aggregated per region and in total (open data: public)."""

    def build() -> ResultSet:
        frame = repo.area_frame(db)
        synthetic = bool(db.scalar(select(func.count()).where(Region.synthetic)))
        areas = areas_from_frame(frame, model(state), "database")
        label = _data_label(db)
        return run_estimate(
            areas, model(state), ["region_code"], data_label=label, synthetic=synthetic
        )

    return state.cached(("national", _global_revision(db), get_language()), build)


def _data_label(db: Session) -> str:
    versions = sorted({r.data_version for r in repo.regions(db) if r.data_version})
    return "; ".join(versions) or "database"


def region_estimates(state: AppState, db: Session, region: Region) -> ResultSet:
    """Estimates of a region's areas, per municipality and in total."""

    def build() -> ResultSet:
        frame = repo.area_frame(db, region.code)
        if frame.empty:
            raise ProblemError(404, "no_areas", region.code)
        areas = areas_from_frame(frame, model(state), f"database:{region.code}")
        return run_estimate(
            areas,
            model(state),
            ["municipality_code"],
            data_label=region.data_version or "database",
            synthetic=region.synthetic,
        )

    return state.cached(("region", region.code, region.revision, get_language()), build)


def region_comparison(
    state: AppState, db: Session, region: Region, threshold: int
) -> ResultSet | None:
    """Observed versus expected for a region (claims-based: callers check access first);
    None when no observed counts are stored. Small counts are suppressed, audited against
    everything earlier revisions published about the same observed counts (an editor who
    changes the area table must learn nothing from comparing before and after)."""

    def build() -> ResultSet | None:
        observed = repo.observed_frame(db, region.code)
        if observed.empty:
            return None
        frame = repo.area_frame(db, region.code).merge(observed, on="area_code", how="inner")
        areas = areas_from_frame(
            frame, model(state), f"database:{region.code}", count_columns=("observed_cases",)
        )
        scope = observed_scope(region.code)
        with transaction(state.factory) as session:
            history = repo.published_facts(session, scope, region.revision)
        result = run_compare(
            areas,
            model(state),
            ["municipality_code"],
            threshold=threshold,
            data_label=region.data_version or "database",
            synthetic=region.synthetic,
            unpublished=observed.set_index(observed["area_code"].astype(str))["observed_cases"],
            history=history,
        )
        try:
            with transaction(state.factory) as session:
                repo.remember_facts(session, scope, region.revision, result.facts)
        except IntegrityError:  # another worker stored the same facts first
            pass
        return result

    return state.cached(("compare", region.code, region.revision, threshold, get_language()), build)


def observed_scope(region_code: str) -> str:
    """The disclosure history of a region's observed counts."""
    return f"observed:{region_code}"


def prevalence_factor(state: AppState, db: Session, region: Region) -> float:
    """The region's expected EPA prevalence relative to the national rate (index / 100)."""
    table = national_estimates(state, db).tables["region_code"]
    row = table[table["region_code"] == region.code]
    return 1.0 if row.empty else float(row[INDEX].iloc[0]) / 100


# --- scenarios and plans ------------------------------------------------------------------


def can_see_scenario(principal: Principal, scenario: Scenario) -> bool:
    if scenario.region_code is None or not scenario.private:
        return True
    return principal.can(scenario.region_code, "viewer")


def visible_scenarios(db: Session, principal: Principal, region_code: str | None) -> list[Scenario]:
    return [s for s in repo.scenarios(db, region_code) if can_see_scenario(principal, s)]


def scenario_or_404(db: Session, principal: Principal, scenario_id: int) -> Scenario:
    scenario = db.get(Scenario, scenario_id)
    if scenario is None or not can_see_scenario(principal, scenario):
        # A private scenario of another region is reported as missing, not as forbidden,
        # so its existence is not revealed either.
        raise ProblemError(404, "not_found", f"scenario {scenario_id}")
    return scenario


def norm_set(scenario: Scenario, changes: Mapping[str, object] | None = None) -> NormSet:
    """The scenario's norm set with ``changes`` (dotted key to value) applied and validated."""
    file = f"scenario:{scenario.id}"
    if not changes:
        return _parsed(scenario.toml, file)
    return parse_norm_set(changed_toml(scenario.toml, changes, file), file)


@lru_cache(maxsize=256)
def _parsed(text: str, file: str) -> NormSet:
    """Stored scenario texts are parsed once (NormSet is immutable)."""
    return parse_norm_set(text, file)


def changed_toml(
    text: str, changes: Mapping[str, object], file: str, new_id: str | None = None
) -> str:
    """The norm-set text with ``changes`` applied (only norm values may change; ``new_id``
    renames a copy into a scenario)."""
    doc: dict[str, Any] = tomllib.loads(text)
    if new_id is not None:
        doc.update(id=new_id, kind="scenario", based_on=str(doc.get("id", "")))
    for dotted, value in changes.items():
        parts = dotted.split(".")
        if parts[0] not in EDITABLE_TABLES:
            raise InputError(
                [
                    Problem(
                        file,
                        "unknown_key",
                        key=dotted,
                        values={"allowed": ", ".join(EDITABLE_TABLES)},
                    )
                ]
            )
        set_value(doc, dotted, value if isinstance(value, str) else repr(value).lower())
    return norm_set_toml(doc)


@dataclass(frozen=True)
class PlanResult:
    plan: Plan
    gap: GapAnalysis | None
    inventory_year: int | None


def plan_for(
    state: AppState,
    db: Session,
    region: Region,
    norms: NormSet,
    rounding: Rounding,
    with_prevalence: bool,
    inventory: Inventory | None,
) -> PlanResult:
    """Capacity and budget of ``norms`` for the region, and the gap against ``inventory``."""
    inhabitants = float(region.inhabitants or 0) or float(
        repo.area_frame(db, region.code)["inhabitants"].sum()
    )
    factor = prevalence_factor(state, db, region) if with_prevalence else 1.0
    note = f"index {factor * 100:.1f}" if with_prevalence else ""
    plan = compute_plan(
        norms,
        RegionInput(inhabitants, factor, note, region.code, region.name),
        rounding,
    )
    gap = analyse_gap(plan, inventory) if inventory is not None else None
    return PlanResult(plan, gap, inventory.year if inventory else None)


def region_inventory(db: Session, region: Region, year: int | None = None) -> Inventory | None:
    record = (
        repo.get_inventory(db, region.code, year)
        if year is not None
        else repo.latest_inventory(db, region.code)
    )
    return None if record is None else repo.inventory_from_record(record, region.name)


def blank_inventory(region: Region, year: int) -> Inventory:
    return Inventory(
        region_code=region.code,
        year=year,
        region_name=region.name,
        inhabitants=float(region.inhabitants) if region.inhabitants else None,
    )


# --- monitor --------------------------------------------------------------------------------


def catalogue(state: AppState) -> Catalogue:
    return state.cached(("catalogue",), load_catalogue)


def targets(state: AppState) -> dict[str, Target]:
    return state.cached(("targets",), lambda: load_targets(catalogue(state)))


def warm_monitor(state: AppState) -> None:
    """Build the monitor data and its protection in the background (at start and after each
    change), so that the first page after a change does not wait for the audit."""

    def build() -> None:
        try:
            with state.factory() as db:
                data = monitor_data(state, db)
                protection_for(data, state.settings.threshold)
        except Exception:  # a warm-up that fails leaves the work to the next request
            logger.debug("monitor warm-up failed", exc_info=True)

    threading.Thread(target=build, name="ggzregio-warm-monitor", daemon=True).start()


def monitor_data(state: AppState, db: Session) -> MonitorData:
    revision = repo.counter(db, "monitor")
    return state.cached(("monitor", revision), lambda: repo.monitor_data(db, catalogue(state)))


def monitor_progress(
    state: AppState, db: Session, target_id: str, regions: list[str] | None
) -> pd.DataFrame:
    data = monitor_data(state, db)
    target = targets(state).get(target_id)
    if target is None:
        raise ProblemError(404, "not_found", f"target {target_id}")
    key = ("progress", repo.counter(db, "monitor"), target_id, tuple(regions or ()))
    return state.cached(
        key,
        lambda: progress(data, target, regions, threshold=state.settings.threshold),
    )


def monitor_benchmark(state: AppState, db: Session, indicator: str, year: int) -> pd.DataFrame:
    data = monitor_data(state, db)
    if indicator not in data.catalogue:
        raise ProblemError(404, "not_found", f"indicator {indicator}")
    key = ("benchmark", repo.counter(db, "monitor"), indicator, year)
    return state.cached(
        key, lambda: benchmark(data, indicator, year, threshold=state.settings.threshold)
    )


def monitor_substitution(state: AppState, db: Session, first: int, last: int) -> pd.DataFrame:
    data = monitor_data(state, db)
    key = ("substitution", repo.counter(db, "monitor"), first, last)
    return state.cached(key, lambda: substitution(data, first, last))


def monitor_series(
    state: AppState, db: Session, region_code: str, indicators: list[str] | None = None
) -> pd.DataFrame:
    """A region's (or ``NL``'s) indicator series with per-100,000 values, protected."""
    data = monitor_data(state, db)
    key = ("series", repo.counter(db, "monitor"))
    tidy = state.cached(
        key,
        lambda: protect_tidy(tidy_with_per_100k(data), data, state.settings.threshold),
    )
    out = tidy[tidy["region_code"] == region_code]
    if indicators:
        out = out[out["indicator"].isin(indicators)]
    return out.reset_index(drop=True)
