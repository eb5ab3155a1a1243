"""``ggzregio claims``: observed EPA care from claims microdata."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ggzregio.app.claims import ENGINES, delineate, synthetic_claims
from ggzregio.claims.synthetic import Shape
from ggzregio.cli.common import ThresholdOpt, err, fail, number_option, out
from ggzregio.errors import InputError
from ggzregio.formatting import format_number, format_shown
from ggzregio.i18n import get_language, t
from ggzregio.io.results import describe_written
from ggzregio.privacy import DEFAULT_THRESHOLD, marker

claims_app = typer.Typer(help=t("help.claims"), no_args_is_help=True)


@claims_app.command("delineate", help=t("help.claims_delineate"))
def delineate_command(
    input_dir: Annotated[Path, typer.Argument(help=t("help.claims_input"))],
    year: Annotated[int, typer.Option("--year", min=2000, max=2100, help=t("help.claims_year"))],
    out_file: Annotated[Path, typer.Option("--out", "-o", help=t("help.out"))],
    rules: Annotated[Path | None, typer.Option("--rules", help=t("help.claims_rules"))] = None,
    engine: Annotated[str, typer.Option("--engine", help=t("help.claims_engine"))] = "duckdb",
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
) -> None:
    if engine not in ENGINES:
        raise typer.BadParameter(", ".join(ENGINES), param_hint="--engine")
    try:
        with err.status(t("claims.step.start")) as status:
            done = delineate(
                input_dir, year, out_file, rules=rules, engine=engine, threshold=threshold,
                step=lambda name: status.update(t(f"claims.step.{name}")),
            )  # fmt: skip
    except InputError as exc:
        raise fail(exc) from exc
    steps = done.record["steps"]
    out.print(
        t(
            "claims.done",
            n=marker() if steps["epa_adults"] is None else format_shown(steps["epa_adults"]),
            areas=format_shown(steps["areas"]),
            hidden=format_shown(steps["areas_suppressed"]),
            year=year,
        ),
        markup=False,
    )
    honesty = done.rules.honesty.get(get_language(), "")
    out.print(t("claims.honesty", text=honesty), style="dim", markup=False)
    out.print(describe_written(done.written), markup=False)


@claims_app.command("synthetic", help=t("help.claims_synthetic"))
def synthetic_command(
    target: Annotated[Path, typer.Argument(help=t("help.claims_target"))],
    persons: Annotated[
        int, number_option("--persons", integer=True, minimum=100, help=t("help.claims_persons"))
    ] = 100_000,
    areas: Annotated[
        int,
        number_option(
            "--areas", integer=True, minimum=1, maximum=9000, help=t("help.claims_areas")
        ),
    ] = 200,
    year: Annotated[
        int, typer.Option("--year", min=2005, max=2100, help=t("help.claims_year"))
    ] = 2024,
    seed: Annotated[int, typer.Option("--seed", help=t("help.claims_seed"))] = Shape.seed,
) -> None:
    try:
        with err.status(t("claims.step.start")):
            made = synthetic_claims(target, persons=persons, areas=areas, year=year, seed=seed)
    except InputError as exc:
        raise fail(exc) from exc
    message = t(
        "claims.synthetic_done",
        rows=format_number(made.rows, 0),
        persons=format_number(persons, 0),
        target=target,
        planted=format_number(made.planted_epa_adults, 0),
    )
    out.print(message, markup=False)
