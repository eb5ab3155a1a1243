"""``ggzregio plan ...``: norm sets, scenarios, capacity and budget for a region, gap analysis."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Final

import typer

from ggzregio.categories import category_label
from ggzregio.cli.common import (
    FormatOpt,
    OutOpt,
    RegionOpt,
    err,
    fail,
    get_model,
    number_option,
    out,
    print_table,
    write_output,
)
from ggzregio.cli.inventory import read_inventory
from ggzregio.errors import InputError
from ggzregio.formatting import format_number
from ggzregio.i18n import t
from ggzregio.inventory.model import Inventory
from ggzregio.io.results import describe_written
from ggzregio.planning.capacity import (
    ROUNDING_RULES,
    Plan,
    RegionInput,
    Rounding,
    compute_plan,
    num,
    num_range,
)
from ggzregio.planning.gap import NEUTRAL_TOLERANCE, GapAnalysis, analyse_gap
from ggzregio.planning.norms import TEAM_UNITS, NormSet, shipped_norm_sets
from ggzregio.planning.scenario_file import copy_norm_set, load_norm_set
from ggzregio.planning.tables import gap_result, plan_result
from ggzregio.prevalence.model import DEFAULT_MODEL_ID

plan_app = typer.Typer(help=t("help.plan"), no_args_is_help=True)

ScenarioOpt = Annotated[str, typer.Option("--scenario", "-s", help=t("help.scenario"))]
InhabitantsOpt = Annotated[
    float | None,
    number_option("--region-inhabitants", integer=True, minimum=1, help=t("help.inhabitants")),
]
PrevalenceOpt = Annotated[Path | None, typer.Option("--prevalence", help=t("help.prevalence_file"))]
RoundingOpt = Annotated[str, typer.Option("--rounding", help=t("help.rounding"))]
#: A ``--set`` value that TOML reads as a decimal but a Dutch reader as thousands: ``250.000``.
_GROUPED: Final = re.compile(r"[+-]?[1-9]\d{0,2}\.\d{3}")


def _norm_set(name: str) -> NormSet:
    try:
        return load_norm_set(name)
    except InputError as exc:
        raise fail(exc) from exc


def _rounding(value: str) -> Rounding:
    for rule in ROUNDING_RULES:
        if value == rule:
            return rule
    raise typer.BadParameter(", ".join(ROUNDING_RULES), param_hint="--rounding")


def _region(
    inhabitants: float | None,
    prevalence: Path | None,
    region: str | None,
    inventory: Inventory | None = None,
) -> RegionInput:
    """The region: inhabitants from the option, else the inventory, else the estimate file;
    the prevalence factor from ``--prevalence FILE --region CODE`` when given."""
    code = region or (inventory.region_code if inventory else "")
    name = inventory.region_name if inventory else ""
    if prevalence is None:
        if region and inventory is None:
            raise typer.BadParameter(t("cli.region_needs_prevalence"), param_hint="--region")
        people = inhabitants or (inventory.inhabitants if inventory else None)
        if people is None:
            raise typer.BadParameter(t("cli.inhabitants_needed"), param_hint="--region-inhabitants")
        return RegionInput(people, region_code=code, region_name=name)
    if not code:
        raise typer.BadParameter(t("cli.region_needed"), param_hint="--region")
    from ggzregio.prevalence.regional import region_prevalence

    try:
        found = region_prevalence(prevalence, code, get_model(DEFAULT_MODEL_ID))
    except InputError as exc:
        raise fail(exc) from exc
    people = inhabitants or (inventory.inhabitants if inventory else None) or found.inhabitants
    return RegionInput(
        people,
        prevalence_factor=found.factor,
        prevalence_note=found.note,
        region_code=code,
        region_name=name or found.region_name,
    )


@plan_app.command("scenarios", help=t("help.plan_scenarios"))
def scenarios_command() -> None:
    rows = []
    for set_id in shipped_norm_sets():
        ns = load_norm_set(set_id)
        shares = ns.shares()

        def per(key: str, ns: NormSet = ns) -> str:
            item = ns.capacity.get(key)
            return num_range(item.per_100k) if item and item.per_100k else "–"

        rows.append(
            [
                ns.id,
                ns.version,
                ns.title(),
                per("fact"),
                per("clinical"),
                per("bw"),
                f"{num(shares['ambulant_epa'] * 100, 1)} %",
            ]
        )
    header = [t(f"plan.col.{c}") for c in ("id", "version", "name", "fact", "clin", "bw", "amb")]
    print_table(t("plan.scenarios_title"), header, rows)
    out.print(t("plan.scenarios_hint"), style="dim")


@plan_app.command("show", help=t("help.plan_show"))
def show_command(scenario: Annotated[str, typer.Argument(help=t("help.scenario"))]) -> None:
    ns = _norm_set(scenario)
    out.print(f"[bold]{ns.title()}[/] ({ns.label}, {ns.kind})")
    if ns.based_on:
        out.print(t("plan.based_on", base=ns.based_on))
    out.print(f"{ns.summary()} [{ns.cite}]", markup=False)
    rows = []
    for item in ns.capacity.values():
        per = num_range(item.per_100k) if item.per_100k else t("plan.not_quantified")
        level = item.level_per_100k
        if item.increment and level is not None:  # "+30-40 (= 48-58)"
            per = f"+{per} (= {num_range(level)})"
        if item.catchment:
            per += " " + t("plan.catchment_short", n=num(item.catchment, 0))
        rows.append(
            [
                item.label() + (" *" if item.assumption else ""),
                t(f"unit.{item.unit}"),
                per,
                num(item.fte_per_unit) if item.fte_per_unit else "–",
                num_range(item.caseload_per_unit) if item.caseload_per_unit else "–",
                item.cite,
            ]
        )
    header = [t(f"plan.col.{c}") for c in ("item", "unit", "per_100k", "fte", "caseload", "cite")]
    print_table(t("plan.capacity_norms"), header, rows)
    used = ns.shares()
    rows = []
    for cat, s in ns.spending.items():
        rows.append(
            [
                category_label(cat) + (" *" if s.assumption else ""),
                "–" if s.amount_meur is None else num(s.amount_meur, 1),
                "–" if s.share is None else f"{num(s.share * 100, 1)} %",
                f"{num(used[cat] * 100, 1)} %",
                s.cite,
            ]
        )
    header = [t(f"plan.col.{c}") for c in ("category", "meur", "printed", "used", "cite")]
    print_table(t("plan.spending_norms", eur=num(ns.budget_per_100k_eur / 1e6)), header, rows)
    out.print(f"{t('plan.basis')}: {ns.basis} — {ns.basis_note}", markup=False)
    for cat, s in ns.spending.items():
        for alt in s.alternatives:
            label = f"{t('plan.alternative')} {category_label(cat)} ({alt.cite})"
            out.print(f"  {label}: {alt.note}", markup=False)
    notes = [(i.label(), i.note) for i in ns.capacity.values() if i.note]
    notes += [(category_label(c), s.note) for c, s in ns.spending.items() if s.note]
    for label, note in notes:
        out.print(f"  - {label}: {note}", markup=False, style="dim")
    if any(i.assumption for i in ns.capacity.values()) or any(
        s.assumption for s in ns.spending.values()
    ):
        out.print(t("plan.assumptions"), style="yellow")


@plan_app.command("copy", help=t("help.plan_copy"))
def copy_command(
    source: Annotated[str, typer.Argument(help=t("help.scenario"))],
    target: Annotated[Path, typer.Argument(help=t("help.scenario_out"))],
    new_id: Annotated[str, typer.Option("--id", help=t("help.scenario_id"))],
    changes: Annotated[list[str] | None, typer.Option("--set", help=t("help.set"))] = None,
) -> None:
    pairs: dict[str, str] = {}
    for change in changes or []:
        key, sep, value = change.partition("=")
        if not sep or not key.strip():
            raise typer.BadParameter(change, param_hint="--set")
        if _GROUPED.fullmatch(value.strip()):
            # Values are TOML (point = decimal, no grouping): refuse what reads as 250.0 to TOML
            # and as 250000 to a Dutch reader rather than guess.
            whole = value.strip().replace(".", "")
            raise typer.BadParameter(
                t("cli.set_grouped", text=change, whole=whole, plain=repr(float(value))),
                param_hint="--set",
            )
        pairs[key.strip()] = value
    try:
        scenario = copy_norm_set(source, target, new_id, pairs)
    except InputError as exc:
        raise fail(exc) from exc
    out.print(describe_written([target]), markup=False)
    out.print(t("plan.copied", label=scenario.label, base=scenario.based_on), markup=False)


def print_plan(plan: Plan) -> None:
    """The plan on the terminal: capacity, spending, key figures."""
    region = plan.region
    out.print(
        t(
            "plan.header",
            scenario=plan.norm_set.title(),
            label=plan.norm_set.label,
            region=region.region_code or "–",
            n=format_number(region.inhabitants),
        ),
        markup=False,
    )
    if region.prevalence_note:
        out.print(region.prevalence_note, markup=False)
    rows = []
    for line in plan.capacity:
        if line.units is None:
            continue
        rows.append(
            [
                line.item.label() + (" *" if line.item.assumption else ""),
                f"{num_range(line.units, 2 if line.item.unit in TEAM_UNITS else 1)} "
                f"{t(f'unit.{line.item.unit}')}",
                "–" if line.whole_units is None else str(line.whole_units),
                "–" if line.fte is None else num_range(line.fte, 1),
                "–" if line.caseload is None else num_range(line.caseload, 0),
                "–" if line.eur is None else num_range(line.eur.scale(1e-6), 2),
            ]
        )
    header = [t(f"plan.col.{c}") for c in ("item", "units", "whole", "fte", "caseload", "meur")]
    print_table(t("plan.capacity_title"), header, rows)
    rows = [
        [
            category_label(s.norm.category),
            f"{num(s.share * 100, 1)} %",
            num(s.eur / 1e6, 2),
        ]
        for s in plan.spending
    ]
    total = [[t("table.total"), "100 %", num(plan.total_eur / 1e6, 2)]]
    header = [t(f"plan.col.{c}") for c in ("category", "used", "meur")]
    print_table(t("plan.spending_title"), header, rows, total)
    lines = [
        (t("summary.neighbourhoods"), num(plan.neighbourhoods, 1)),
        (t("summary.epa_population"), num_range(plan.epa_population, 0)),
    ]
    if plan.reach is not None:
        reach = plan.reach.scale(100)
        lines.append(
            (t("summary.fact_reach"), f"{num_range(reach, 0)} % (mid {num(reach.mid, 0)} %)")
        )
    if plan.cost_per_fte is not None:
        lines.append((t("summary.cost_per_fte_implied"), f"€ {num_range(plan.cost_per_fte, 0)}"))
    lines.append((t("summary.unit_cost_fte"), f"€ {num(plan.unit_costs.fte_eur, 0)}"))
    for label, value in lines:
        out.print(f"{label}: {value}", markup=False)
    out.print(t("plan.range_note"), style="dim")


@plan_app.command("compute", help=t("help.plan_compute"))
def compute_command(
    scenario: ScenarioOpt,
    inhabitants: InhabitantsOpt = None,
    prevalence: PrevalenceOpt = None,
    region: RegionOpt = None,
    rounding: RoundingOpt = "up",
    out_file: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    ns = _norm_set(scenario)
    plan = compute_plan(ns, _region(inhabitants, prevalence, region), _rounding(rounding))
    print_plan(plan)
    write_output(plan_result(plan), out_file, fmt)


def print_gap(gap: GapAnalysis) -> None:
    """The gap analysis on the terminal."""
    inv = gap.inventory
    out.print(t("gap.header", region=inv.region_code, year=inv.year, file=inv.source_file))
    rows = []
    for item in gap.items:
        if item.target is None:
            continue
        rows.append(
            [
                item.label,
                t(f"measure.{item.measure}"),
                "–" if item.current is None else num(item.current, 1),
                num_range(item.target, 1),
                "–" if item.difference is None else num(item.difference, 1),
                "–" if item.difference_units is None else num(item.difference_units, 2),
                "–" if item.difference_eur is None else num(item.difference_eur / 1e6, 2),
                t(f"status.{item.status}"),
            ]
        )
    cols = ("item", "measure", "current", "target", "diff", "diff_units", "diff_meur", "status")
    print_table(t("gap.items_title"), [t(f"gap.col.{c}") for c in cols], rows)
    rows = [
        [
            category_label(c.category),
            num(c.current_eur / 1e6, 2),
            f"{num(c.current_share * 100, 1)} %",
            num(c.scenario_eur / 1e6, 2),
            f"{num(c.scenario_share * 100, 1)} %",
            num(c.shift_eur / 1e6, 2),
        ]
        for c in gap.categories
    ]
    b = gap.budget
    total = [
        [
            t("table.total"),
            num(b.current_eur / 1e6, 2),
            "100 %",
            num(b.scenario_eur / 1e6, 2),
            "100 %",
            "0",
        ]
    ]
    spend_cols = ("category", "now", "now_share", "scenario", "scenario_share", "shift")
    header = [t(f"gap.col.{c}") for c in spend_cols]
    print_table(t("gap.categories_title"), header, rows, total)
    share = b.difference_share
    if b.neutral is None:
        verdict = "unknown"
    elif b.neutral:
        verdict = "neutral"
    else:
        verdict = "more" if b.difference_eur > 0 else "less"
    out.print(
        t(
            f"gap.budget.{verdict}",
            diff=num(abs(b.difference_eur) / 1e6, 2),
            pct=num(abs(share or 0.0) * 100, 1),
            tol=num(b.tolerance * 100, 1),
        ),
        markup=False,
    )
    if b.justice_eur:
        out.print(t("gap.justice", eur=num(b.justice_eur / 1e6, 2)), markup=False)
    for warning in gap.warnings:
        err.print(t(f"gap.warning.{warning}"), markup=False)


@plan_app.command("gap", help=t("help.plan_gap"))
def gap_command(
    inventory_file: Annotated[Path, typer.Argument(help=t("help.inventory_file"))],
    scenario: ScenarioOpt,
    inhabitants: InhabitantsOpt = None,
    prevalence: PrevalenceOpt = None,
    region: RegionOpt = None,
    rounding: RoundingOpt = "up",
    tolerance: Annotated[
        float, number_option("--tolerance", minimum=0, maximum=1, help=t("help.tolerance"))
    ] = NEUTRAL_TOLERANCE,
    out_file: OutOpt = None,
    fmt: FormatOpt = None,
    figures: Annotated[Path | None, typer.Option("--figures", help=t("help.figures"))] = None,
) -> None:
    inventory = read_inventory(inventory_file)
    ns = _norm_set(scenario)
    region_input = _region(inhabitants, prevalence, region, inventory)
    gap = analyse_gap(compute_plan(ns, region_input, _rounding(rounding)), inventory, tolerance)
    print_gap(gap)
    write_output(gap_result(gap), out_file, fmt)
    if figures is not None:
        _write_figures(gap, figures)


def _write_figures(gap: GapAnalysis, folder: Path) -> None:
    from ggzregio.charts import export_figure
    from ggzregio.planning.figures import capacity_figure, category_figure, shares_figure

    written = []
    for name, figure in (
        ("plan_categorieen", category_figure(gap)),
        ("plan_aandelen", shares_figure(gap)),
        ("plan_capaciteit", capacity_figure(gap)),
    ):
        written.append(export_figure(figure, folder / f"{name}.html"))
    out.print(describe_written(written), markup=False)
