"""``ggzregio simulate``: the dynamic projection on the command line."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from ggzregio.charts import FIGURE_FORMATS, export_figures
from ggzregio.cli.common import (
    FormatOpt,
    OutOpt,
    err,
    fail,
    get_model,
    number_option,
    out,
    print_table,
    write_output,
)
from ggzregio.errors import InputError, Problem
from ggzregio.formatting import format_number
from ggzregio.i18n import t
from ggzregio.inventory.excel import read_inventory_excel
from ggzregio.inventory.model import Inventory
from ggzregio.io.areas import read_areas
from ggzregio.planning.capacity import num
from ggzregio.planning.scenario_file import load_norm_set
from ggzregio.prevalence.model import DEFAULT_MODEL_ID, ModelSpec
from ggzregio.prevalence.run import run_estimate
from ggzregio.simulation.capacity import PATHS
from ggzregio.simulation.compare import TOTAL, compare, outcome_display
from ggzregio.simulation.figures import standard_figures
from ggzregio.simulation.outputs import OUTCOMES
from ggzregio.simulation.parameters import ParameterSet, load_parameters
from ggzregio.simulation.run import (
    Region,
    Scenario,
    Settings,
    SimulationResult,
    build_scenario,
    regions_from_table,
    run_simulation,
)
from ggzregio.simulation.tables import result_set

#: Runs (regions x draws x scenarios) from which the CLI shows a progress bar.
PROGRESS_FROM = 20_000


def load_regions(areas: Path | None, model: ModelSpec, codes: str | None) -> list[Region]:
    """Regions from an areas file (or the synthetic demo), optionally only ``codes``."""
    from ggzregio.demo import DEMO_LABEL, demo_areas_path

    table = read_areas(areas or demo_areas_path(), model)
    estimate = run_estimate(table, model, data_label=None if areas else DEMO_LABEL)
    if "region_code" not in estimate.tables:
        raise InputError([_problem(str(areas), "missing_column", "region_code")])
    regions = regions_from_table(estimate.tables["region_code"], estimate.tables.get("area"))
    if codes:
        wanted = [c.strip() for c in codes.split(",") if c.strip()]
        known = {r.code for r in regions}
        unknown = [c for c in wanted if c not in known]
        if unknown:
            values: dict[str, object] = {
                "value": ", ".join(unknown),
                "known": ", ".join(sorted(known)[:10]) + ", ...",
            }
            raise InputError([_problem("--regions", "unknown_region", None, values)])
        regions = [r for r in regions if r.code in wanted]
    return regions


def _problem(
    file: str, rule: str, column: str | None, values: dict[str, object] | None = None
) -> Problem:
    return Problem(file, rule, column, values=values or {})


def _inventories(paths: list[Path]) -> dict[str, Inventory]:
    inventories = {}
    for path in paths:
        inventory = read_inventory_excel(path)
        inventories[inventory.region_code] = inventory
    return inventories


def print_parameters(params: ParameterSet) -> None:
    """The parameter table on the terminal."""
    rows = [
        [
            p.name,
            num(p.value, 4),
            "" if not p.uncertain else f"{num(p.low, 4)}-{num(p.high, 4)}",
            p.cite if p.cite and not p.assumption else t("sim.assumption"),
        ]
        for p in params.parameters.values()
    ]
    header = [t("sim.col.parameter"), t("sim.col.value"), t("sim.col.range"), t("sim.col.source")]
    print_table(params.label, header, rows)


def simulate_command(
    plan: Annotated[list[str], typer.Option("--plan", "-p", help=t("help.sim_plan"))] = [  # noqa: B006
        "baseline-2014",
        "voorbeeldregio-1",
    ],
    years: Annotated[int, typer.Option("--years", min=1, max=50, help=t("help.sim_years"))] = 10,
    draws: Annotated[
        int,
        number_option("--draws", integer=True, minimum=1, maximum=10_000, help=t("help.sim_draws")),
    ] = 1000,
    transition: Annotated[
        float, number_option("--transition-years", minimum=0, help=t("help.sim_transition"))
    ] = 5.0,
    path: Annotated[str, typer.Option("--path", help=t("help.sim_path"))] = "linear",
    regions: Annotated[str | None, typer.Option("--regions", help=t("help.sim_regions"))] = None,
    areas: Annotated[Path | None, typer.Option("--areas", help=t("help.sim_areas"))] = None,
    params_file: Annotated[Path | None, typer.Option("--params", help=t("help.sim_params"))] = None,
    inventory: Annotated[
        list[Path] | None, typer.Option("--inventory", help=t("help.sim_inventory"))
    ] = None,
    outcome: Annotated[
        list[str] | None, typer.Option("--outcome", help=t("help.sim_outcome"))
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help=t("help.sim_seed"))] = 20_260_101,
    figures: Annotated[Path | None, typer.Option("--figures", help=t("help.sim_figures"))] = None,
    figure_format: Annotated[
        str, typer.Option("--figure-format", help=t("help.sim_figure_format"))
    ] = "html",
    show_parameters: Annotated[
        bool, typer.Option("--show-parameters", help=t("help.sim_parameters"))
    ] = False,
    out_file: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    path_ = next((p for p in PATHS if p == path), None)
    if path_ is None:
        raise typer.BadParameter(", ".join(PATHS), param_hint="--path")
    if figure_format not in FIGURE_FORMATS:
        raise typer.BadParameter(", ".join(FIGURE_FORMATS), param_hint="--figure-format")
    for name in outcome or []:
        if name not in OUTCOMES:
            raise typer.BadParameter(
                t("sim.unknown_outcome", value=name, known=", ".join(OUTCOMES)),
                param_hint="--outcome",
            )
    try:
        params = load_parameters(params_file)
        if show_parameters:
            print_parameters(params)
            return
        model = get_model(DEFAULT_MODEL_ID)
        chosen = load_regions(areas, model, regions)
        sets = [load_norm_set(name) for name in plan]
        scenarios = [
            build_scenario(ns, chosen, params, _inventories(inventory or [])) for ns in sets
        ]
        settings = Settings(years, draws, transition, path_, seed)
        started = time.perf_counter()
        result = _run(chosen, scenarios, params, model, settings)
        seconds = time.perf_counter() - started
    except InputError as exc:
        raise fail(exc) from exc
    out.print(
        t(
            "sim.done",
            scenarios=len(scenarios),
            regions=len(chosen),
            draws=draws,
            years=years,
            seconds=num(seconds, 1),
        ),
        markup=False,
    )
    if result.redrawn:
        out.print(t("sim.redrawn", n=result.redrawn), style="dim")
    _print_outcomes(result, outcome)
    out.print(
        t("sim.assumptions", names=", ".join(p.name for p in params.assumptions())),
        style="dim",
        markup=False,
    )
    write_output(result_set(result, outcome), out_file, fmt)
    if figures is not None:
        region = chosen[0].code
        targets = {
            figures / f"{stem}.{figure_format}": fig
            for stem, fig in standard_figures(result, region).items()
        }
        written = export_figures(targets)
        out.print(t("sim.figures_written", n=len(written), folder=str(figures)), markup=False)


def _run(
    regions: list[Region],
    scenarios: list[Scenario],
    params: ParameterSet,
    model: ModelSpec,
    settings: Settings,
) -> SimulationResult:
    total_runs = len(regions) * settings.draws * len(scenarios)
    if total_runs < PROGRESS_FROM:
        return run_simulation(regions, scenarios, params, model, settings)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(t("sim.progress"), total=len(regions) * len(scenarios))
        return run_simulation(
            regions,
            scenarios,
            params,
            model,
            settings,
            lambda done, total: bar.update(task, completed=done),
        )


def _records(table: pd.DataFrame) -> list[dict[str, Any]]:
    columns = [str(c) for c in table.columns]
    return [dict(zip(columns, values, strict=True)) for values in table.to_numpy().tolist()]


def _print_outcomes(result: SimulationResult, outcomes: list[str] | None) -> None:
    chosen = outcomes or list(OUTCOMES)
    ids = list(result.summaries)
    if len(ids) < 2:
        table = compare(result, chosen, [(ids[0], ids[0])])
        table = table[table["region_code"] == TOTAL]
        rows = []
        for r in _records(table):
            label, scale, decimals = outcome_display(r["outcome"])
            rows.append([label, format_number(r["a_p50"] / scale, decimals)])
        print_table(t("sim.summary.title"), [t("sim.col.outcome"), ids[0]], rows)
        return
    table = compare(result, chosen, [(ids[0], ids[1])])
    table = table[table["region_code"] == TOTAL]
    out.print(t("sim.pairs", a=ids[0], b=ids[1]), markup=False)
    rows = []
    for r in _records(table):
        label, scale, decimals = outcome_display(r["outcome"])
        a, b, mid, low, high = (
            format_number(r[k] / scale, decimals)
            for k in ("a_p50", "b_p50", "difference_p50", "difference_p05", "difference_p95")
        )
        rows.append(
            [
                label,
                a,
                b,
                f"{mid} ({low} – {high})",
                f"{format_number(r['probability_a_better'] * 100, 0)} %",
            ]
        )
    header = [
        t("sim.col.outcome"),
        t("sim.col.a"),
        t("sim.col.b"),
        t("sim.col.diff"),
        t("sim.col.prob"),
    ]
    print_table(t("sim.table.title", years=result.settings.years), header, rows)
