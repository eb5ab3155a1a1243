"""Shared pieces of the command line: consoles, option help, error exits, summaries."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Final, Literal

import typer
from rich.console import Console
from rich.table import Table
from typer.core import TyperGroup

from ggzregio.app.errors import AppError
from ggzregio.display import summary_table
from ggzregio.errors import GgzregioError, InputError
from ggzregio.i18n import t
from ggzregio.io.areas import AreaTable
from ggzregio.io.results import ResultSet, describe_written, write_results
from ggzregio.numbers import NumberError, parse_user_number
from ggzregio.prevalence.aggregate import AREA_LEVEL, TOTAL_LEVEL
from ggzregio.prevalence.model import ModelSpec, ModelSpecError, load_model
from ggzregio.privacy import MINIMUM_THRESHOLD

EXIT_BAD_INPUT = 2
EXIT_INTERNAL_ERROR = 1
EXIT_INTERRUPTED = 130
#: Set to ``1`` to see the full traceback of an error as well (for bug reports).
DEBUG_VARIABLE: Final = "GGZREGIO_DEBUG"
#: How much of an unexpected error's own text its one line quotes.
ERROR_TEXT_SHOWN: Final = 300
#: What Typer itself turns into a message and an exit code: exits, aborts and usage errors
#: (the ClickException of whichever Click, its own or the package, Typer builds on).
TYPER_EXITS: Final[tuple[type[BaseException], ...]] = (
    typer.Exit,
    typer.Abort,
    *(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"),
)

# Options shared by the commands of every part.
OutOpt = Annotated[Path | None, typer.Option("--out", "-o", help=t("help.out"))]
FormatOpt = Annotated[str | None, typer.Option("--format", "-f", help=t("help.format"))]
RegionOpt = Annotated[str | None, typer.Option("--region", help=t("help.region"))]
ThresholdOpt = Annotated[
    int, typer.Option("--threshold", min=MINIMUM_THRESHOLD, help=t("help.threshold"))
]

# Piped output gets a wide console, so tables are not wrapped at 80 columns.
out = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, highlight=False, width=None if sys.stderr.isatty() else 160)


def debugging() -> bool:
    """Whether ``GGZREGIO_DEBUG`` asks for tracebacks (set, and not 0, false, no or off)."""
    value = os.environ.get(DEBUG_VARIABLE, "").strip().lower()
    return value not in ("", "0", "false", "no", "off")


def report_error(exc: BaseException) -> int:
    """Say on stderr what went wrong and return the exit code; never a traceback, unless
    ``GGZREGIO_DEBUG=1`` (then it comes first). Refused input (:class:`GgzregioError`: file,
    rows, column and rule) exits with 2, an interrupt with 130, anything else (an error of
    ggzregio or of its surroundings) with 1 and one line naming it."""
    if debugging():
        sys.stderr.write("".join(traceback.format_exception(exc)))
        sys.stderr.flush()
    if isinstance(exc, AppError):
        from ggzregio.labels import error_text

        text, explained = error_text(exc)
        title = t(f"problem_title.{exc.category}")
        err.print(text if explained else f"{title}: {text}", markup=False)
        return EXIT_BAD_INPUT
    if isinstance(exc, GgzregioError):
        err.print(str(exc), markup=False)
        return EXIT_BAD_INPUT
    if isinstance(exc, KeyboardInterrupt):
        err.print(t("cli.interrupted"), markup=False)
        return EXIT_INTERRUPTED
    detail = " ".join(str(exc).split())
    if len(detail) > ERROR_TEXT_SHOWN:
        detail = detail[: ERROR_TEXT_SHOWN - 1] + "…"
    error = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    err.print(t("cli.internal_error", error=error), markup=False, soft_wrap=True)
    return EXIT_INTERNAL_ERROR


class GuardedGroup(TyperGroup):
    """The command group of ``ggzregio``: an error in any command ends in a message and an
    exit code (:func:`report_error`), not a traceback. Typer's own exits and usage errors
    (exit code 2) pass as they are."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TYPER_EXITS:
            raise
        except (Exception, KeyboardInterrupt) as exc:
            raise typer.Exit(report_error(exc)) from exc


def fail(exc: Exception) -> typer.Exit:
    """Print a user error and return the exit for bad input (code 2)."""
    err.print(str(exc), markup=False)
    return typer.Exit(EXIT_BAD_INPUT)


def get_model(name: str) -> ModelSpec:
    """Load a model or exit with code 2."""
    try:
        return load_model(name)
    except ModelSpecError as exc:
        raise fail(exc) from exc


def decimal_option(decimal: str | None) -> Literal[",", "."] | None:
    """Check the --decimal option."""
    if decimal is None:
        return None
    if decimal not in (",", "."):
        raise typer.BadParameter("',' / '.'", param_hint="--decimal")
    return "," if decimal == "," else "."


def number_parser(
    *, integer: bool = False, minimum: float | None = None, maximum: float | None = None
) -> Callable[[Any], float]:
    """A Typer ``parser=`` for a number a person types: read in the active language by
    :func:`ggzregio.numbers.parse_user_number` (``350.000`` is 350000 in Dutch, ``350,000``
    in English). A refusal is a bad parameter: Typer names the option and exits with code 2.
    Defaults (already numbers) pass through unchanged."""

    def parse(value: Any) -> float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        try:
            number = parse_user_number(
                str(value), integer=integer, minimum=minimum, maximum=maximum
            )
        except NumberError as exc:
            raise typer.BadParameter(exc.detail) from exc
        return int(number) if integer else number

    return parse


def number_option(
    *decls: str,
    help: str,
    integer: bool = False,
    minimum: float | None = None,
    maximum: float | None = None,
) -> Any:
    """``typer.Option(*decls)`` for a number typed by a person (see :func:`number_parser`)."""
    return typer.Option(
        *decls,
        help=help,
        parser=number_parser(integer=integer, minimum=minimum, maximum=maximum),
        metavar=t("number.metavar_integer" if integer else "number.metavar"),
    )


def report_read(areas: AreaTable, model: ModelSpec) -> None:
    """Say what was read and how, which model is used, and which rows were skipped."""
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


def print_table(
    title: str, header: list[str], rows: list[list[str]], bold_rows: list[list[str]] | None = None
) -> None:
    """A rich table: first column left, numbers right."""
    table = Table(title=title, title_justify="left")
    for i, column in enumerate(header):
        table.add_column(column, justify="left" if i == 0 else "right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    for row in bold_rows or []:
        table.add_row(*row, style="bold")
    out.print(table)


def print_summary(result: ResultSet, synthetic: bool) -> None:
    """The estimate of the coarsest level (region, else municipality) plus the total."""
    levels = [lv for lv in result.tables if lv not in (AREA_LEVEL, TOTAL_LEVEL)]
    level = levels[-1] if levels else TOTAL_LEVEL
    header, rows = summary_table(result.tables[level], level)
    total_rows = summary_table(result.tables[TOTAL_LEVEL], TOTAL_LEVEL)[1] if levels else []
    known = ("municipality_code", "region_code", "total")
    title = t("table.title", level=t(f"level.{level}") if level in known else level)
    if synthetic:
        out.print(f"[bold red]{t('cli.synthetic')}[/]")
    print_table(title, header, rows, total_rows)
    out.print(t("cli.interval_note"), style="dim")


def write_output(result: ResultSet, target: Path | None, fmt: str | None) -> None:
    """Write the result set if --out was given; say what was written."""
    if target is None:
        out.print(t("cli.no_out"), style="dim")
        return
    try:
        written = write_results(result, target, fmt)
    except InputError as exc:
        raise fail(exc) from exc
    out.print(describe_written(written), markup=False)


__all__ = ["GgzregioError"]
