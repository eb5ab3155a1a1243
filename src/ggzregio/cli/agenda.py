"""``ggzregio agenda export REGION --out FILE``: the regiegroep's agenda from the database (the
current agenda texts, the initiatives, every version of the targets and the latest review) as
an Excel workbook (one sheet per table), CSV files (``FILE-<table>.csv``, one per table) or
one JSON document. Files are written atomically and text cells cannot become formulas."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import pandas as pd
import typer

from ggzregio.cli.common import fail, out
from ggzregio.errors import GgzregioError, InputError, Problem
from ggzregio.i18n import t
from ggzregio.io.atomic import write_files_atomically
from ggzregio.io.cells import csv_safe, text_cells_only
from ggzregio.io.results import describe_written

if TYPE_CHECKING:
    from ggzregio.app.agenda_export import AgendaExport

agenda_app = typer.Typer(help=t("agenda.cli.help"), no_args_is_help=True)
FORMATS = (".xlsx", ".csv", ".json")


def _xlsx(tables: dict[str, pd.DataFrame]) -> Callable[[Path], object]:
    def write(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name, table in tables.items():
                table.to_excel(writer, sheet_name=name, index=False)
            text_cells_only(writer.book)

    return write


def _csv(table: pd.DataFrame) -> Callable[[Path], object]:
    return lambda tmp: csv_safe(table).to_csv(tmp, index=False, encoding="utf-8")


def _json(document: dict[str, object]) -> Callable[[Path], object]:
    text = json.dumps(document, ensure_ascii=False, indent=2, default=str)
    return lambda tmp: tmp.write_text(text + "\n", encoding="utf-8")


def writers(target: Path, export: AgendaExport) -> dict[Path, Callable[[Path], object]]:
    """What to write for ``target``'s format (``.csv``: one file per table beside it)."""
    suffix = target.suffix.lower()
    if suffix == ".json":
        return {target: _json(export.document())}
    tables = export.tables()
    if suffix == ".xlsx":
        return {target: _xlsx(tables)}
    stem = target.with_suffix("")
    return {stem.with_name(f"{stem.name}-{name}.csv"): _csv(t) for name, t in tables.items()}


@agenda_app.command("export", help=t("agenda.cli.export"))
def export_command(
    region: Annotated[str, typer.Argument(help=t("agenda.cli.region"))],
    target: Annotated[Path, typer.Option("--out", "-o", help=t("agenda.cli.out"))],
    database_url: Annotated[str | None, typer.Option("--database-url")] = None,
) -> None:
    from ggzregio.app.agenda_export import agenda_export
    from ggzregio.app.context import Context

    if target.suffix.lower() not in FORMATS:
        problem = Problem(str(target), "unsupported_format", values={"suffix": target.suffix})
        raise fail(InputError([problem]))
    ctx = Context.open(database_url)
    try:
        with ctx.factory() as db:
            export = agenda_export(db, region)
        written = write_files_atomically(writers(target, export))
    except GgzregioError as exc:
        raise fail(exc) from exc
    finally:
        ctx.engine.dispose()
    out.print(describe_written(written), markup=False)
