"""Planning and inventory pages: choose or edit a scenario with form controls and see
capacity, budget and the gap against the inventory; view, enter, edit and upload the
inventory checklist."""

from __future__ import annotations

import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Final

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from ggzregio.accounts import Principal
from ggzregio.categories import category_label
from ggzregio.errors import InputError, Problem
from ggzregio.formatting import format_number
from ggzregio.i18n import t
from ggzregio.inventory.excel import write_inventory_excel
from ggzregio.inventory.model import MEASURES, Entry, Inventory, checklist_rows, inventory_frame
from ggzregio.io.results import ResultSet
from ggzregio.numbers import format_user_number, parse_user_number
from ggzregio.planning.figures import capacity_figure, shares_figure
from ggzregio.planning.norms import NormSet
from ggzregio.planning.tables import (
    capacity_frame,
    gap_categories_frame,
    gap_items_frame,
    gap_result,
    plan_result,
    spending_frame,
)
from ggzregio.storage import repository as repo
from ggzregio.storage.models import Region
from ggzregio.web import services
from ggzregio.web.api_regions import Db, State, Who
from ggzregio.web.api_work import create_scenario, read_inventory_upload, save_inventory
from ggzregio.web.problems import ProblemError
from ggzregio.web.render import Column, download, figure_json, render, table_view
from ggzregio.web.schemas import ChangeValue, ScenarioCreate
from ggzregio.web.security import access
from ggzregio.web.state import AppState

router = APIRouter(include_in_schema=False)
EDITABLE: Final = ("per_100k", "catchment", "fte_per_unit")
#: Norm values that are counts (inhabitants per team): typed as whole numbers, and
#: ``250,000`` in Dutch (or ``250.000`` in English) is refused rather than read as 250.
COUNT_VALUES: Final = ("catchment",)
FORM_FILE: Final = "formulier"
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


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    value: str


def _plain(value: float) -> str:
    """A number for an input field, written so :func:`parse_number` reads it back exactly in
    the request's language (Dutch ``250.000`` and ``12,5``; English ``250,000`` and ``12.5``)."""
    return format_user_number(value)


def form_fields(text: str, norms: NormSet) -> list[FormField]:
    """Input fields for the editable norm values of a scenario (capacity and spending)."""
    doc: dict[str, Any] = tomllib.loads(text)
    fields = [
        FormField("budget.per_100k_eur", t("web.f_budget"), _plain(norms.budget_per_100k_eur))
    ]
    for category, values in doc.get("spending", {}).items():
        for key in ("amount_meur", "share"):
            if key in values and isinstance(values[key], int | float):
                label = f"{category_label(category)} – {t('web.f_' + key)}"
                fields.append(FormField(f"spending.{category}.{key}", label, _plain(values[key])))
    for key, item in doc.get("capacity", {}).items():
        name = t(f"item.{key}")
        name = key if name == f"item.{key}" else name
        for f in EDITABLE:
            value = item.get(f)
            if isinstance(value, list) and len(value) == 2:
                for i, end in enumerate(("min", "max")):
                    label = f"{name} – {t('web.f_' + f)} ({t('web.' + end)})"
                    fields.append(FormField(f"capacity.{key}.{f}.{i}", label, _plain(value[i])))
            elif isinstance(value, int | float) and not isinstance(value, bool):
                fields.append(
                    FormField(f"capacity.{key}.{f}", f"{name} – {t('web.f_' + f)}", _plain(value))
                )
    return fields


def parse_number(text: str, field: str, *, integer: bool = False) -> float:
    """A number typed into a form, read in the request's language by
    :func:`ggzregio.numbers.parse_user_number` (Dutch: ``250.000`` is 250000, ``12,5`` is 12.5;
    ``12.5`` is refused with the possible readings). Raises a
    :class:`~ggzregio.numbers.NumberError`, an :class:`InputError` naming the form and field."""
    return parse_user_number(text, integer=integer, field=field, source=FORM_FILE)


def _is_count(name: str) -> bool:
    """``capacity.iht.catchment`` (or one end of its range) holds a count."""
    parts = name.split(".")
    return parts[0] == "capacity" and len(parts) > 2 and parts[2] in COUNT_VALUES


def form_changes(fields: list[FormField], params: dict[str, str]) -> dict[str, str]:
    """Dotted keys whose submitted value differs from the scenario's (ranges joined)."""
    problems: list[Problem] = []
    values: dict[str, float] = {}
    for f in fields:
        sent = params.get(f.name)
        if sent is None or sent.strip() == "":
            continue
        try:
            value = parse_number(sent, f.name, integer=_is_count(f.name))
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if value != parse_number(f.value, f.name):
            values[f.name] = value
    if problems:
        raise InputError(problems)
    changes: dict[str, str] = {}
    current = {f.name: parse_number(f.value, f.name) for f in fields}
    for name, value in values.items():
        if name[-2:] in (".0", ".1"):
            base = name[:-2]
            low = values.get(base + ".0", current[base + ".0"])
            high = values.get(base + ".1", current[base + ".1"])
            changes[base] = f"[{low!r}, {high!r}]"
        else:
            changes[name] = repr(value)
    return changes


def _scenario(db: Session, who: Principal, region: Region, scenario_id: int | None) -> Any:
    visible = services.visible_scenarios(db, who, region.code)
    if scenario_id is None:
        return visible, next((s for s in visible if s.name == "voorbeeldregio-1"), visible[0])
    return visible, services.scenario_or_404(db, who, scenario_id)


def _compute(
    request: Request, state: AppState, db: Session, who: Principal, region: Region
) -> tuple[Any, ...]:
    params = dict(request.query_params)
    raw_id = params.get("scenario", "")
    scenario_id = int(raw_id) if raw_id.isdigit() else None
    visible, scenario = _scenario(db, who, region, scenario_id)
    rounding = params.get("rounding", "up")
    rounding = rounding if rounding in ("up", "nearest", "down") else "up"
    with_prevalence = params.get("prevalentie") == "1"
    base = services.norm_set(scenario)
    fields = form_fields(scenario.toml, base)
    changes = form_changes(fields, params)
    norms = services.norm_set(scenario, changes)
    fields = form_fields(services.changed_toml(scenario.toml, changes, "form"), norms)
    inventory = services.region_inventory(db, region) if who.can(region.code, "viewer") else None
    result = services.plan_for(state, db, region, norms, rounding, with_prevalence, inventory)  # type: ignore[arg-type]
    return visible, scenario, fields, changes, rounding, with_prevalence, result


@router.get("/regio/{code}/planning", **access("public"))
def planning_page(request: Request, code: str, state: State, db: Db, who: Who) -> Response:
    region = services.region_or_404(db, code)
    errors: list[str] = []
    try:
        visible, scenario, fields, changes, rounding, with_prevalence, result = _compute(
            request, state, db, who, region
        )
    except InputError as exc:
        visible, scenario = _scenario(db, who, region, None)
        fields = form_fields(scenario.toml, services.norm_set(scenario))
        errors = [p.message() for p in exc.problems]
        changes, rounding, with_prevalence, result = {}, "up", False, None
    context: dict[str, Any] = {
        "region": region,
        "scenarios": [_choice(s) for s in visible],
        "scenario": scenario,
        "fields": fields,
        "changes": changes,
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
        plan = result.plan
        context.update(
            plan=plan,
            capacity=table_view(
                "capaciteit", t("web.capacity"), capacity_frame(plan), CAPACITY_COLUMNS
            ),
            spending=table_view(
                "uitgaven", t("web.spending"), spending_frame(plan), SPENDING_COLUMNS
            ),
            versions=f"{plan.norm_set.label} · {region.data_version}",
        )
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
    return render(request, "planning.html", who, **context)


def _choice(scenario: Any) -> dict[str, Any]:
    norms = services.norm_set(scenario)
    return {
        "id": scenario.id,
        "title": norms.title(),
        "region_code": scenario.region_code,
        "private": scenario.private,
    }


@router.post("/regio/{code}/planning", **access("editor"))
async def save_scenario_page(request: Request, code: str, who: Who) -> Response:
    form = await request.form()
    changes: dict[str, ChangeValue] = {
        k[len("change:") :]: str(v) for k, v in form.items() if k.startswith("change:")
    }
    try:
        body = ScenarioCreate(
            name=str(form.get("name", "")),
            based_on=int(str(form.get("based_on", "0")) or 0),
            changes=changes,
            private=form.get("private") == "1",
        )
    except (ValidationError, ValueError) as exc:
        raise InputError([Problem(FORM_FILE, "bad_scenario_name", key="name")]) from exc
    scenario = create_scenario(request, code, body, who)
    return RedirectResponse(f"/regio/{code}/planning?scenario={scenario.id}", status_code=303)


def planning_download(
    request: Request,
    region: Region,
    name: str,
    fmt: str,
    state: AppState,
    db: Session,
    who: Principal,
) -> Response:
    """Downloads of the planning and inventory pages (the caller checked access)."""
    stem = f"{region.code}-{name}"
    if name == "inventaris":
        inventory = services.region_inventory(db, region, _year(request))
        if inventory is None:
            raise ProblemError(404, "not_found", "inventory")
        return download(ResultSet({"inventaris": inventory_frame(inventory)}, {}), stem, fmt)
    result = _compute(request, state, db, who, region)[-1]
    if name == "gap":
        if result.gap is None:
            raise ProblemError(404, "not_found", "inventory")
        return download(gap_result(result.gap), stem, fmt)
    return download(plan_result(result.plan), stem, fmt)


def _year(request: Request) -> int | None:
    raw = request.query_params.get("jaar", "")
    return int(raw) if raw.isdigit() else None


# --- inventory ------------------------------------------------------------------------------


@router.get("/regio/{code}/inventaris", **access("viewer"))
def inventory_page(request: Request, code: str, db: Db, who: Who, message: str = "") -> Response:
    region = services.region_or_404(db, code)
    years = repo.inventory_years(db, code)
    year = _year(request) or (years[-1] if years else 2026)
    inventory = services.region_inventory(db, region, year) or services.blank_inventory(
        region, year
    )
    rows = []
    for key, row in checklist_rows().items():
        entry = inventory.entry(key)
        values = {
            m: "" if entry.value(m) is None else _plain(entry.value(m) or 0.0) for m in MEASURES
        }
        rows.append({"key": key, "label": ("· " * row.depth()) + row.label(), **values})
    frame = inventory_frame(inventory)
    view = table_view(
        "inventaris",
        t("web.inventory_table", year=year),
        frame,
        (
            Column("label", "col.label"),
            Column("fte", "col.fte", 1),
            Column("places", "col.places", 0),
            Column("eur", "col.eur", 0),
            Column("eur_total", "col.eur_total", 0),
            Column("source", "col.source"),
        ),
    )
    return render(
        request,
        "inventory.html",
        who,
        region=region,
        years=years or [year],
        year=year,
        rows=rows,
        inhabitants="" if inventory.inhabitants is None else _plain(inventory.inhabitants),
        inventory_table=view,
        history=repo.edits(db, code, 50),
        can_edit=who.can(code, "editor"),
        message=message,
        errors=[],
        synthetic=region.synthetic,
    )


@router.post("/regio/{code}/inventaris", **access("editor"))
async def inventory_save(request: Request, code: str, db: Db, who: Who) -> Response:
    form = await request.form()
    region = services.region_or_404(db, code)
    year = _year(request) or 2026
    current = services.region_inventory(db, region, year) or services.blank_inventory(region, year)
    db.close()
    problems: list[Problem] = []
    entries: dict[str, Entry] = {}
    for key in checklist_rows():
        old = current.entry(key)
        values: dict[str, float | None] = {}
        for m in MEASURES:
            name = f"{key}.{m}"
            if name not in form:  # a field not sent is left as it was
                values[m] = old.value(m)
                continue
            text = str(form.get(name, "")).strip()
            try:
                values[m] = None if text == "" else parse_number(text, f"{key}.{m}")
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            if values[m] is not None and values[m] < 0:  # type: ignore[operator]
                problems.append(
                    Problem(FORM_FILE, "negative", key=f"{key}.{m}", values={"values": text})
                )
        entries[key] = Entry(
            key, values.get("fte"), values.get("places"), values.get("eur"), old.source, old.note
        )
    text = str(form.get("inhabitants", "")).strip()
    inhabitants = current.inhabitants
    if text:
        try:
            inhabitants = parse_number(text, "inhabitants", integer=True)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    inventory = Inventory(
        region_code=code,
        year=year,
        entries={k: e for k, e in entries.items() if not e.empty},
        region_name=region.name,
        inhabitants=inhabitants,
        compiled_by=current.compiled_by,
        source_file=current.source_file,
    )
    changed = save_inventory(request, inventory, FORM_FILE, who.user_id, "inventory.update")
    return RedirectResponse(
        f"/regio/{code}/inventaris?jaar={year}&message={t('web.saved', n=changed)}", status_code=303
    )


@router.post("/regio/{code}/inventaris/upload", **access("editor"))
async def inventory_upload(
    request: Request, code: str, who: Who, file: Annotated[UploadFile, File()]
) -> Response:
    inventory = await read_inventory_upload(request, code, file)
    changed = save_inventory(
        request, inventory, inventory.source_file, who.user_id, "inventory.upload"
    )
    return RedirectResponse(
        f"/regio/{code}/inventaris?jaar={inventory.year}&message={t('web.saved', n=changed)}",
        status_code=303,
    )


@router.get("/regio/{code}/inventaris/sjabloon.xlsx", **access("viewer"))
def inventory_template(request: Request, code: str, db: Db) -> Response:
    """The Excel template, filled in with the stored inventory of the chosen year."""
    region = services.region_or_404(db, code)
    inventory = services.region_inventory(db, region, _year(request))
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"inventaris-{code}.xlsx"
        write_inventory_excel(inventory or services.blank_inventory(region, 2026), target)
        data = target.read_bytes()
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="inventaris-{code}.xlsx"'},
    )
