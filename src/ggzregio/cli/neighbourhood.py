"""``ggzregio draagkracht ...``: the neighbourhood load of a region from the database, written
as the protected display only (placement counts below the threshold and what derives them
hidden, as on the page and in the API; docs/neighbourhood.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ggzregio.cli.common import FormatOpt, fail, write_output
from ggzregio.cli.server import UrlOpt
from ggzregio.errors import GgzregioError
from ggzregio.i18n import t

neighbourhood_app = typer.Typer(help=t("neighbourhood.help"), no_args_is_help=True)


@neighbourhood_app.command("export", help=t("neighbourhood.help_export"))
def export_command(
    region: Annotated[str, typer.Argument(help="regiocode, e.g. RG01")],
    out_file: Annotated[Path, typer.Option("--out", "-o", help=t("help.out"))],
    year: Annotated[int | None, typer.Option("--year", min=2000, max=2100)] = None,
    fmt: FormatOpt = None,
    database_url: UrlOpt = None,
) -> None:
    from ggzregio.app import neighbourhood as nb
    from ggzregio.app.context import Context

    ctx = Context.open(database_url)
    try:
        with ctx.factory() as db:
            result = nb.view(ctx, db, region, year).result_set()
    except GgzregioError as exc:
        raise fail(exc) from exc
    finally:
        ctx.engine.dispose()
    write_output(result, out_file, fmt)
