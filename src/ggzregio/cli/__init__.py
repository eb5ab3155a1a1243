"""Command line: ``ggzregio``. A thin layer: parse options, call the core, print, exit.

Exit codes: 0 success, 2 bad input (nothing written; the message names file, rows, column and
rule) or a usage error, 1 unexpected error (one line naming it), 130 interrupted. No command
ends in a Python traceback unless ``GGZREGIO_DEBUG=1`` asks for it (:func:`report_error`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ggzregio import __version__
from ggzregio.cli.agenda import agenda_app
from ggzregio.cli.claims import claims_app
from ggzregio.cli.common import (
    GuardedGroup,
    get_model,
    out,
    print_summary,
    report_error,
    report_read,
    write_output,
)
from ggzregio.cli.data import boundaries_app, cbs_app, regions_app, report_command
from ggzregio.cli.inventory import inventory_app
from ggzregio.cli.monitor import monitor_app
from ggzregio.cli.neighbourhood import neighbourhood_app
from ggzregio.cli.planning import plan_app
from ggzregio.cli.prevalence import prevalence_app
from ggzregio.cli.server import db_app, serve_command, users_app

# Registers the account life-cycle commands on ``users_app``.
from ggzregio.cli import accounts as _accounts  # noqa: F401  isort: skip
from ggzregio.cli.simulation import simulate_command
from ggzregio.i18n import Language, set_language, t
from ggzregio.io.areas import read_areas
from ggzregio.io.results import describe_written
from ggzregio.prevalence.model import DEFAULT_MODEL_ID
from ggzregio.prevalence.run import run_estimate

app = typer.Typer(
    help=t("help.app"),
    no_args_is_help=True,
    add_completion=False,
    cls=GuardedGroup,  # every error of a command ends in a message and an exit code
    pretty_exceptions_enable=False,
)
app.add_typer(prevalence_app, name="prevalence")
app.add_typer(plan_app, name="plan")
app.add_typer(inventory_app, name="inventory")
app.add_typer(monitor_app, name="monitor")
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(cbs_app, name="cbs")
app.add_typer(boundaries_app, name="boundaries")
app.add_typer(regions_app, name="regions")
app.add_typer(claims_app, name="claims")
app.add_typer(neighbourhood_app, name="draagkracht")
app.add_typer(agenda_app, name="agenda")
app.command("serve", help=t("help.serve"))(serve_command)
app.command("report", help=t("help.region_report"))(report_command)
app.command("simulate", help=t("help.simulate"))(simulate_command)


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


@app.command("demo", help=t("help.demo"))
def demo_command(
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help=t("help.out"))] = Path(
        "output/demo_prevalentie_synthetisch.xlsx"
    ),
    fmt: Annotated[str | None, typer.Option("--format", "-f", help=t("help.format"))] = None,
) -> None:
    from ggzregio.demo import DEMO_LABEL, demo_areas_path

    model = get_model(DEFAULT_MODEL_ID)
    areas = read_areas(demo_areas_path(), model)
    report_read(areas, model)
    result = run_estimate(areas, model, data_label=DEMO_LABEL, synthetic=True)
    print_summary(result, synthetic=True)
    write_output(result, out_file, fmt)


@app.command("demo-data", help=t("help.demo_data"))
def demo_data_command(
    out_file: Annotated[Path, typer.Option("--out", "-o", help=t("help.out"))],
    observed: Annotated[bool, typer.Option("--observed", help=t("help.demo_observed"))] = False,
) -> None:
    from ggzregio.demo import write_demo_areas, write_demo_observed

    written = write_demo_observed(out_file) if observed else write_demo_areas(out_file)
    out.print(describe_written([written]), markup=False)


def main() -> None:
    """Console-script entry point. Errors of a command are reported by the group
    (:class:`GuardedGroup`); this catches what happens around it, such as an option's
    callback failing while the command line is read."""
    try:
        app()
    except (Exception, KeyboardInterrupt) as exc:
        sys.exit(report_error(exc))
