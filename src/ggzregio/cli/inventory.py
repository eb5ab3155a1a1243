"""``ggzregio inventory ...``: the checklist template and checking a filled-in inventory."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ggzregio.categories import category_label
from ggzregio.cli.common import (
    FormatOpt,
    OutOpt,
    fail,
    number_option,
    out,
    print_table,
    write_output,
)
from ggzregio.errors import InputError, Problem
from ggzregio.i18n import t
from ggzregio.inventory.demo import demo_inventory
from ggzregio.inventory.excel import read_inventory_excel, write_inventory_excel
from ggzregio.inventory.model import Inventory, category_totals, inventory_frame
from ggzregio.io.results import ResultSet, describe_written
from ggzregio.planning.capacity import num

inventory_app = typer.Typer(help=t("help.inventory"), no_args_is_help=True)


def read_inventory(path: Path) -> Inventory:
    """Read a filled-in template or exit with code 2."""
    try:
        return read_inventory_excel(path)
    except InputError as exc:
        raise fail(exc) from exc


@inventory_app.command("template", help=t("help.inventory_template"))
def template_command(
    target: Annotated[Path, typer.Argument(help=t("help.template_out"))],
    demo: Annotated[bool, typer.Option("--demo", help=t("help.inventory_demo"))] = False,
    region: Annotated[str, typer.Option("--region", help=t("help.region"))] = "DEMO",
    inhabitants: Annotated[
        float,
        number_option("--region-inhabitants", integer=True, minimum=1, help=t("help.inhabitants")),
    ] = 350_000,
) -> None:
    if target.suffix.lower() != ".xlsx":
        problem = Problem(str(target), "unsupported_format", values={"suffix": target.suffix})
        raise fail(InputError([problem]))
    inventory = demo_inventory(region, inhabitants) if demo else None
    write_inventory_excel(inventory, target)
    out.print(describe_written([target]), markup=False)
    if demo:
        out.print(f"[bold red]{t('inv.demo_warning')}[/]")


@inventory_app.command("check", help=t("help.inventory_check"))
def check_command(
    inventory_file: Annotated[Path, typer.Argument(help=t("help.inventory_file"))],
    out_file: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    inventory = read_inventory(inventory_file)
    out.print(
        t(
            "inv.read",
            file=inventory.source_file,
            region=inventory.region_code,
            year=inventory.year,
            n=len(inventory.entries),
        ),
        markup=False,
    )
    totals = category_totals(inventory)
    rows = [[category_label(c), num(v / 1e6, 2)] for c, v in totals.items()]
    print_table(t("inv.categories_title"), [t("plan.col.category"), t("plan.col.meur")], rows)
    out.print(t("inv.ok"), markup=False)
    if out_file is not None and out_file.suffix.lower() == ".xlsx" and fmt is None:
        write_inventory_excel(inventory, out_file)
        out.print(describe_written([out_file]), markup=False)
        return
    meta = {"inventory_file": inventory.source_file, "data_version": inventory.data_version}
    write_output(ResultSet({"inventory": inventory_frame(inventory)}, meta), out_file, fmt)
