"""Command line: ``ggzregio``. A thin layer: parse options, call the core, print, exit.

Exit codes: 0 success, 2 bad input (nothing written), 1 unexpected error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.table import Table

from ggzregio import __version__
from ggzregio.display import summary_table
from ggzregio.errors import GgzregioError, InputError
from ggzregio.i18n import Language, set_language, t
from ggzregio.io.areas import AreaTable, read_areas
from ggzregio.io.results import ResultSet, describe_written, write_results
from ggzregio.io.tables import normalise_column
from ggzregio.prevalence.aggregate import AREA_LEVEL, TOTAL_LEVEL
from ggzregio.prevalence.model import (
    DEFAULT_MODEL_ID,
    ModelSpec,
    ModelSpecError,
    load_model,
    model_to_toml,
    shipped_models,
)
from ggzregio.prevalence.run import run_estimate

EXIT_BAD_INPUT = 2

app = typer.Typer(help=t("help.app"), no_args_is_help=True, add_completion=False)
prevalence_app = typer.Typer(help=t("help.prevalence"), no_args_is_help=True)
app.add_typer(prevalence_app, name="prevalence")

# Piped output gets a wide console, so tables are not wrapped at 80 columns.
out = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, highlight=False, width=None if sys.stderr.isatty() else 160)


def _version(value: bool) -> None:
    if value:
        out.print(f"ggzregio {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    lang: Annotated[str | None, typer.Option("--lang", help=t("help.lang"))] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Versie.")
    ] = False,
) -> None:
    if lang is not None:
        chosen: Language = "en" if lang.lower().startswith("en") else "nl"
        set_language(chosen)


def _fail(exc: GgzregioError | ModelSpecError) -> typer.Exit:
    err.print(str(exc), markup=False)
    return typer.Exit(EXIT_BAD_INPUT)


def _load_model(name: str) -> ModelSpec:
    try:
        return load_model(name)
    except ModelSpecError as exc:
        raise _fail(exc) from exc


def _print_summary(result: ResultSet, synthetic: bool) -> None:
    levels = [lv for lv in result.tables if lv not in (AREA_LEVEL, TOTAL_LEVEL)]
    level = levels[-1] if levels else TOTAL_LEVEL
    header, rows = summary_table(result.tables[level], level)
    if level != TOTAL_LEVEL:
        _, total_rows = summary_table(result.tables[TOTAL_LEVEL], TOTAL_LEVEL)
    else:
        total_rows = []
    title = t(
        "table.title",
        level=t(f"level.{level}")
        if level in ("municipality_code", "region_code", "total")
        else level,
    )
    table = Table(title=title, title_justify="left")
    for i, column in enumerate(header):
        table.add_column(column, justify="left" if i == 0 else "right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    for row in total_rows:
        table.add_row(*row, style="bold")
    if synthetic:
        out.print(f"[bold red]{t('cli.synthetic')}[/]")
    out.print(table)
    out.print(t("cli.interval_note"), style="dim")


def _report_read(areas: AreaTable, model: ModelSpec) -> None:
    src = areas.source
    sep = {"\t": "tab", None: "-"}.get(src.delimiter, src.delimiter)
    out.print(
        t("cli.read", file=src.name, n=len(areas.frame), sep=sep, dec=src.decimal or "-"),
        markup=False,
    )
    out.print(t("cli.model", name=model.name(), id=model.id, version=model.version), markup=False)
    if areas.skipped:
        err.print(t("cli.skipped_summary", n=len(areas.skipped)), markup=False)
        for skipped in areas.skipped:
            err.print(f"  - {skipped.message()}", markup=False)


def _write(result: ResultSet, target: Path | None, fmt: str | None) -> None:
    if target is None:
        out.print(t("cli.no_out"), style="dim")
        return
    try:
        written = write_results(result, target, fmt)
    except InputError as exc:
        raise _fail(exc) from exc
    out.print(describe_written(written), markup=False)


@prevalence_app.command("estimate", help=t("help.estimate"))
def estimate_command(
    input_file: Annotated[Path, typer.Argument(metavar="INVOER", help=t("help.input"))],
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help=t("help.out"))] = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help=t("help.format"))] = None,
    by: Annotated[list[str] | None, typer.Option("--by", help=t("help.by"))] = None,
    model_name: Annotated[str, typer.Option("--model", help=t("help.model"))] = DEFAULT_MODEL_ID,
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help=t("help.skip_invalid"))
    ] = False,
    sheet: Annotated[str | None, typer.Option("--sheet", help=t("help.sheet"))] = None,
    decimal: Annotated[str | None, typer.Option("--decimal", help=t("help.decimal"))] = None,
    encoding: Annotated[str, typer.Option("--encoding", help=t("help.encoding"))] = "utf-8-sig",
) -> None:
    model = _load_model(model_name)
    dec: Literal[",", "."] | None = None
    if decimal is not None:
        if decimal not in (",", "."):
            raise typer.BadParameter("',' / '.'", param_hint="--decimal")
        dec = "," if decimal == "," else "."
    groups = [normalise_column(column) for column in (by or [])]
    try:
        areas = read_areas(
            input_file,
            model,
            skip_invalid=skip_invalid,
            group_columns=groups,
            sheet=sheet,
            decimal=dec,
            encoding=encoding,
        )
    except InputError as exc:
        raise _fail(exc) from exc
    _report_read(areas, model)
    result = run_estimate(areas, model, groups or None)
    _print_summary(result, synthetic=False)
    _write(result, out_file, fmt)


@prevalence_app.command("models", help=t("help.models"))
def models_command(
    name: Annotated[str | None, typer.Argument(help=t("help.model"))] = None,
) -> None:
    if name is None:
        for model_id in shipped_models():
            model = _load_model(model_id)
            out.print(f"{model.label}  {model.name()}", markup=False)
        return
    out.print(model_to_toml(_load_model(name)), markup=False)


@app.command("demo", help=t("help.demo"))
def demo_command(
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help=t("help.out"))] = Path(
        "output/demo_prevalentie_synthetisch.xlsx"
    ),
    fmt: Annotated[str | None, typer.Option("--format", "-f", help=t("help.format"))] = None,
) -> None:
    from ggzregio.demo import DEMO_LABEL, demo_areas_path

    model = _load_model(DEFAULT_MODEL_ID)
    areas = read_areas(demo_areas_path(), model)
    _report_read(areas, model)
    result = run_estimate(areas, model, data_label=DEMO_LABEL, synthetic=True)
    _print_summary(result, synthetic=True)
    _write(result, out_file, fmt)


@app.command("demo-data", help=t("help.demo_data"))
def demo_data_command(
    out_file: Annotated[Path, typer.Option("--out", "-o", help=t("help.out"))],
) -> None:
    from ggzregio.demo import write_demo_areas

    out.print(describe_written([write_demo_areas(out_file)]), markup=False)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except GgzregioError as exc:  # pragma: no cover - safety net; commands handle their own
        err.print(str(exc), markup=False)
        sys.exit(EXIT_BAD_INPUT)
