"""``ggzregio prevalence ...``: estimate, compare, fit, calibrate, models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ggzregio.cli.common import (
    FormatOpt,
    OutOpt,
    ThresholdOpt,
    decimal_option,
    fail,
    get_model,
    number_option,
    out,
    print_summary,
    print_table,
    report_read,
    write_output,
)
from ggzregio.display import calibration_lines, compare_summary, fit_report_markdown
from ggzregio.errors import InputError
from ggzregio.i18n import t
from ggzregio.io.areas import AreaTable, read_areas
from ggzregio.io.atomic import write_text_atomically
from ggzregio.io.observed import attach_observed
from ggzregio.io.results import ResultSet
from ggzregio.io.tables import normalise_column
from ggzregio.prevalence.aggregate import OBSERVED
from ggzregio.prevalence.model import (
    DEFAULT_MODEL_ID,
    ModelSpec,
    model_to_toml,
    shipped_models,
)
from ggzregio.prevalence.run import run_calibration, run_compare, run_estimate
from ggzregio.privacy import DEFAULT_THRESHOLD

prevalence_app = typer.Typer(help=t("help.prevalence"), no_args_is_help=True)

# Options shared by several commands.
ByOpt = Annotated[list[str] | None, typer.Option("--by", help=t("help.by"))]
ModelOpt = Annotated[str, typer.Option("--model", help=t("help.model"))]
SkipOpt = Annotated[bool, typer.Option("--skip-invalid", help=t("help.skip_invalid"))]
SheetOpt = Annotated[str | None, typer.Option("--sheet", help=t("help.sheet"))]
DecimalOpt = Annotated[str | None, typer.Option("--decimal", help=t("help.decimal"))]
EncodingOpt = Annotated[str, typer.Option("--encoding", help=t("help.encoding"))]
ObservedArg = Annotated[
    Path | None, typer.Argument(metavar="[WAARNEMINGEN]", help=t("help.observed"))
]


def _read(
    path: Path,
    observed: Path | None,
    model: ModelSpec,
    *,
    needs_observed: bool,
    skip_invalid: bool,
    groups: list[str],
    sheet: str | None,
    decimal: str | None,
    encoding: str,
    numeric: tuple[str, ...] = (),
    keep_unknown: bool = False,
) -> AreaTable:
    dec = decimal_option(decimal)
    counts = (OBSERVED,) if needs_observed and observed is None else ()
    try:
        areas = read_areas(
            path,
            model,
            skip_invalid=skip_invalid,
            group_columns=groups,
            count_columns=counts,
            numeric_columns=numeric,
            sheet=sheet,
            decimal=dec,
            encoding=encoding,
        )
        if observed is not None:
            areas = attach_observed(
                areas,
                observed,
                skip_invalid=skip_invalid,
                decimal=dec,
                encoding=encoding,
                keep_unknown=keep_unknown,
            )
    except InputError as exc:
        raise fail(exc) from exc
    report_read(areas, model)
    return areas


@prevalence_app.command("estimate", help=t("help.estimate"))
def estimate_command(
    input_file: Annotated[Path, typer.Argument(metavar="INVOER", help=t("help.input"))],
    out_file: OutOpt = None,
    fmt: FormatOpt = None,
    by: ByOpt = None,
    model_name: ModelOpt = DEFAULT_MODEL_ID,
    skip_invalid: SkipOpt = False,
    sheet: SheetOpt = None,
    decimal: DecimalOpt = None,
    encoding: EncodingOpt = "utf-8-sig",
) -> None:
    model = get_model(model_name)
    groups = [normalise_column(c) for c in by or []]
    areas = _read(
        input_file,
        None,
        model,
        needs_observed=False,
        skip_invalid=skip_invalid,
        groups=groups,
        sheet=sheet,
        decimal=decimal,
        encoding=encoding,
    )
    result = run_estimate(areas, model, groups or None)
    print_summary(result, synthetic=False)
    write_output(result, out_file, fmt)


@prevalence_app.command("compare", help=t("help.compare"))
def compare_command(
    input_file: Annotated[Path, typer.Argument(metavar="GEBIEDEN", help=t("help.input"))],
    observed_file: ObservedArg = None,
    out_file: OutOpt = None,
    fmt: FormatOpt = None,
    by: ByOpt = None,
    model_name: ModelOpt = DEFAULT_MODEL_ID,
    skip_invalid: SkipOpt = False,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    figures: Annotated[Path | None, typer.Option("--figures", help=t("help.figures"))] = None,
    sheet: SheetOpt = None,
    decimal: DecimalOpt = None,
    encoding: EncodingOpt = "utf-8-sig",
) -> None:
    model = get_model(model_name)
    groups = [normalise_column(c) for c in by or []]
    areas = _read(
        input_file,
        observed_file,
        model,
        needs_observed=True,
        skip_invalid=skip_invalid,
        groups=groups,
        sheet=sheet,
        decimal=decimal,
        encoding=encoding,
        keep_unknown=True,  # areas suppressed at the source stay, not compared
    )
    result = run_compare(areas, model, groups or None, threshold=threshold)
    title, header, rows, notes = compare_summary(result, threshold)
    print_table(title, header, rows)
    for note in notes:
        out.print(note, markup=False)
    write_output(result, out_file, fmt)
    if figures is not None:
        _write_figures(result, figures)


def _write_figures(result: ResultSet, folder: Path) -> None:
    from ggzregio.charts import export_figures
    from ggzregio.io.results import describe_written
    from ggzregio.prevalence.figures import funnel_figure, scatter_figure

    figures = {
        "trechterplot": funnel_figure(result.tables["area"]),
        "waargenomen_verwacht": scatter_figure(result.tables["area"]),
    }
    written = export_figures(
        {
            folder / f"{name}.{suffix}": fig
            for name, fig in figures.items()
            for suffix in ("html", "png", "svg")
        }
    )
    out.print(describe_written(written), markup=False)


@prevalence_app.command("fit", help=t("help.fit"))
def fit_command(
    input_file: Annotated[Path, typer.Argument(metavar="GEGEVENS", help=t("help.input"))],
    observed_file: ObservedArg = None,
    model_out: Annotated[Path, typer.Option("--out-model", help=t("help.out_model"))] = Path(
        "model.toml"
    ),
    report: Annotated[Path | None, typer.Option("--report", help=t("help.report"))] = None,
    model_id: Annotated[str, typer.Option("--id", help=t("help.model_id"))] = "refit",
    version: Annotated[str, typer.Option("--model-version", help=t("help.model_version"))] = "1",
    candidates: Annotated[str, typer.Option("--candidates", help=t("help.candidates"))] = "",
    exclusion: Annotated[float | None, number_option("--exclusion", help=t("help.exclusion"))] = (
        42.5
    ),
    folds: Annotated[int, typer.Option("--folds", min=2, help=t("help.folds"))] = 10,
    seed: Annotated[int, typer.Option("--seed", help=t("help.seed"))] = 2014,
    fit_year: Annotated[int | None, typer.Option("--year", help=t("help.fit_year"))] = None,
    base_name: ModelOpt = DEFAULT_MODEL_ID,
    skip_invalid: SkipOpt = False,
    sheet: SheetOpt = None,
    decimal: DecimalOpt = None,
    encoding: EncodingOpt = "utf-8-sig",
) -> None:
    from ggzregio.prevalence.fit import FitError, FitSettings, fit_model

    base = get_model(base_name)
    wanted = tuple(normalise_column(c) for c in candidates.split(",") if c.strip())
    areas = _read(
        input_file,
        observed_file,
        base,
        needs_observed=True,
        skip_invalid=skip_invalid,
        groups=[],
        sheet=sheet,
        decimal=decimal,
        encoding=encoding,
        numeric=wanted,
    )
    settings = FitSettings(
        candidates=wanted, exclusion_threshold_per_1000=exclusion, folds=folds, seed=seed
    )
    try:
        fitted = fit_model(
            areas.frame,
            base,
            settings,
            model_id=model_id,
            version=version,
            source=areas.source.data_version,
            fit_year=fit_year,
        )
    except FitError as exc:
        raise fail(exc) from exc
    text = fit_report_markdown(fitted, base)
    out.print(text, markup=False)
    written = [write_text_atomically(model_out, model_to_toml(fitted.model))]
    if report is not None:
        written.append(write_text_atomically(report, text))
    out.print(t("cli.written", files=", ".join(str(p) for p in written)), markup=False)


@prevalence_app.command("calibrate", help=t("help.calibrate"))
def calibrate_command(
    input_file: Annotated[Path, typer.Argument(metavar="GEGEVENS", help=t("help.input"))],
    observed_file: ObservedArg = None,
    out_file: OutOpt = None,
    fmt: FormatOpt = None,
    model_name: ModelOpt = DEFAULT_MODEL_ID,
    skip_invalid: SkipOpt = False,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    sheet: SheetOpt = None,
    decimal: DecimalOpt = None,
    encoding: EncodingOpt = "utf-8-sig",
) -> None:
    model = get_model(model_name)
    areas = _read(
        input_file,
        observed_file,
        model,
        needs_observed=True,
        skip_invalid=skip_invalid,
        groups=[],
        sheet=sheet,
        decimal=decimal,
        encoding=encoding,
    )
    result, _ = run_calibration(areas, model, threshold=threshold)
    for line in calibration_lines(result):
        out.print(line, markup=False)
    write_output(result, out_file, fmt)


@prevalence_app.command("models", help=t("help.models"))
def models_command(
    name: Annotated[str | None, typer.Argument(help=t("help.model"))] = None,
) -> None:
    if name is None:
        for model_id in shipped_models():
            model = get_model(model_id)
            out.print(f"{model.label}  {model.name()}", markup=False)
        return
    out.print(model_to_toml(get_model(name)), markup=False)
