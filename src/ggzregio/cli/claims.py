"""``ggzregio claims``: observed EPA care from claims microdata."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Annotated

import pyarrow.parquet as pq
import typer

from ggzregio.claims.pipeline import duckdb_connection, spark_connection
from ggzregio.claims.rules import load_rules
from ggzregio.claims.run import run_claims
from ggzregio.claims.synthetic import Shape, generate
from ggzregio.cli.common import ThresholdOpt, err, fail, number_option, out
from ggzregio.errors import InputError, Problem
from ggzregio.formatting import format_number, format_shown
from ggzregio.i18n import get_language, t
from ggzregio.io.atomic import write_files_atomically
from ggzregio.io.results import describe_written, output_format, output_paths, result_writers
from ggzregio.privacy import DEFAULT_THRESHOLD, marker

claims_app = typer.Typer(help=t("help.claims"), no_args_is_help=True)
ENGINES = ("duckdb", "spark")


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
        if not input_dir.is_dir():
            raise InputError([Problem(str(input_dir), "file_not_found")])
        rule_set = load_rules(rules)
        fmt = output_format(out_file)
        with err.status(t("claims.step.start")) as status:
            connect = spark_connection if engine == "spark" else duckdb_connection
            result = run_claims(
                input_dir, rule_set, year, threshold=threshold, connect=connect, engine=engine,
                step=lambda name: status.update(t(f"claims.step.{name}")),
            )  # fmt: skip
    except InputError as exc:
        raise fail(exc) from exc
    # The tables and the run record are written together: all or nothing.
    writers = result_writers(result.result, out_file, fmt)
    main = output_paths(out_file, list(result.result.tables), fmt)["area"]
    record = main.with_name(main.name.split(".")[0] + ".run.json")
    text = json.dumps(result.record, indent=2, ensure_ascii=False, default=str)
    writers[record] = lambda tmp: tmp.write_text(text, encoding="utf-8")
    written = write_files_atomically(writers)
    steps = result.record["steps"]
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
    honesty = rule_set.honesty.get(get_language(), "")
    out.print(t("claims.honesty", text=honesty), style="dim", markup=False)
    out.print(describe_written(written), markup=False)


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
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise InputError([Problem(str(target), "claims.target_not_empty")])
        # Written beside the target and moved into place when complete: all or nothing.
        partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
        try:
            with err.status(t("claims.step.start")):
                shape = Shape(year=year, persons=persons, pc4_areas=areas, seed=seed)
                planted = generate(partial, shape)
            if target.exists():
                target.rmdir()
            partial.rename(target)
        finally:
            shutil.rmtree(partial, ignore_errors=True)
    except InputError as exc:
        raise fail(exc) from exc
    rows = sum(pq.ParquetFile(part).metadata.num_rows for part in target.glob("*/part-*.parquet"))
    message = t(
        "claims.synthetic_done",
        rows=format_number(rows, 0),
        persons=format_number(persons, 0),
        target=target,
        planted=format_number(int(planted["epa_adults"].sum()), 0),
    )
    out.print(message, markup=False)
