"""``ggzregio cbs|boundaries|regions ...``: public data in (CBS statistics, boundaries, region
lookups and municipal mergers)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ggzregio import __version__
from ggzregio.boundaries import DEFAULT_TOLERANCE_M, join_areas, read_boundaries
from ggzregio.cbs import DEFAULT_SHARE_18_24, Level, read_cbs
from ggzregio.cli.common import FormatOpt, OutOpt, err, fail, number_option, out, write_output
from ggzregio.errors import InputError
from ggzregio.i18n import t
from ggzregio.io.atomic import write_text_atomically
from ggzregio.io.results import ResultSet
from ggzregio.io.tables import read_table
from ggzregio.regions import REGION_TYPES, read_lookup, read_mergers

cbs_app = typer.Typer(help=t("help.cbs"), no_args_is_help=True)
boundaries_app = typer.Typer(help=t("help.boundaries"), no_args_is_help=True)
regions_app = typer.Typer(help=t("help.regions"), no_args_is_help=True)
SheetOpt = Annotated[str | None, typer.Option("--sheet", help="Excel-werkblad / sheet.")]


@cbs_app.command("download", help=t("help.cbs_download"))
def cbs_download(
    out_path: Annotated[Path, typer.Option("--out", "-o", help=t("help.out"))],
    municipalities: Annotated[
        str, typer.Option("--municipalities", help=t("help.cbs_municipalities"))
    ],
    year: Annotated[int | None, typer.Option("--year", help=t("help.cbs_year"))] = None,
    table: Annotated[str | None, typer.Option("--table", help=t("help.cbs_table"))] = None,
    boundaries: Annotated[
        Path | None, typer.Option("--boundaries", help=t("help.cbs_boundaries"))
    ] = None,
) -> None:
    """Download the Kerncijfers wijken en buurten of municipalities from CBS, and optionally
    their buurt boundaries from PDOK."""
    from ggzregio.cbs_download import download_buurt_boundaries, download_kwb

    codes = municipalities.split(",")
    try:
        written, rows, chosen = download_kwb(codes, out_path, year=year, table=table)
        out.print(t("cbs.downloaded", rows=rows, table=chosen, file=str(written)), markup=False)
        if boundaries is not None:
            shapes, n = download_buurt_boundaries(codes, boundaries, year=year or 2024)
            out.print(t("cbs.boundaries_downloaded", n=n, file=str(shapes)), markup=False)
    except InputError as exc:
        raise fail(exc) from exc


@cbs_app.command("areas", help=t("help.cbs_areas"))
def cbs_areas(
    file: Annotated[Path, typer.Argument(help="CBS CSV/Excel/Parquet")],
    out_path: OutOpt = None,
    fmt: FormatOpt = None,
    level: Annotated[str, typer.Option("--level", help=t("help.cbs_level"))] = "buurt",
    share_18_24: Annotated[
        float, number_option("--share-18-24", help=t("help.share_18_24"))
    ] = DEFAULT_SHARE_18_24,
    sheet: SheetOpt = None,
) -> None:
    if level not in ("buurt", "wijk", "gemeente", "all"):
        err.print(t("help.cbs_level"))
        raise typer.Exit(2)
    chosen: Level = level  # type: ignore[assignment]
    try:
        found = read_cbs(file, level=chosen, share_18_24=share_18_24, sheet=sheet)
    except InputError as exc:
        raise fail(exc) from exc
    derived = ", ".join(sorted(set(found.frame.columns) - {"area_code", "area_name"}))
    out.print(t("cbs.done", n=len(found.frame), file=found.source.name, derived=derived))
    if found.missing:
        listed = "; ".join(f"{k}: {n}" for k, n in found.missing.items())
        out.print(t("cbs.missing", missing=listed), style="yellow", markup=False)
    for note in found.notes:
        out.print(note, markup=False)
    metadata = {
        "ggzregio_version": __version__,
        "data_version": f"{found.source.name} sha256:{found.source.sha256[:12]}",
        **found.metadata(),
    }
    write_output(ResultSet({"area": found.frame}, metadata), out_path, fmt)


@boundaries_app.command("convert", help=t("help.boundaries"))
def boundaries_convert(
    file: Annotated[Path, typer.Argument(help="GeoJSON / GeoPackage")],
    out_path: Annotated[Path, typer.Option("--out", "-o", help=t("help.out"))],
    code_property: Annotated[str | None, typer.Option("--code-property")] = None,
    layer: Annotated[str | None, typer.Option("--layer")] = None,
    crs: Annotated[int | None, typer.Option("--crs", help="EPSG, e.g. 28992")] = None,
    tolerance: Annotated[float, number_option("--tolerance", help="m")] = DEFAULT_TOLERANCE_M,
    areas: Annotated[Path | None, typer.Option("--areas", help="area table to join")] = None,
) -> None:
    try:
        found = read_boundaries(
            file, code_property=code_property, layer=layer, crs=crs, tolerance_m=tolerance
        )
        codes = None
        if areas is not None:
            codes = read_table(areas).frame["area_code"].astype(str)
    except InputError as exc:
        raise fail(exc) from exc
    except KeyError as exc:
        err.print(f"{areas}: {t('rule.missing_column')} area_code")
        raise typer.Exit(2) from exc
    n = len(found.collection["features"])
    out.print(t("boundaries.done", n=n, crs=found.source_crs, tolerance=f"{tolerance:g}"))
    if codes is not None:
        join = join_areas(found.collection, codes)
        out.print(
            t(
                "boundaries.join",
                matched=len(join.matched),
                without=len(join.without_boundary),
                unknown=len(join.unknown),
            )
        )
    doc = {**found.collection, "metadata": found.metadata(file.name)}
    write_text_atomically(out_path, json.dumps(doc, ensure_ascii=False))
    out.print(str(out_path), markup=False)


@regions_app.command("assign")
def regions_assign(
    areas: Annotated[Path, typer.Argument(help="area table with municipality_code")],
    lookup: Annotated[Path, typer.Option("--lookup")],
    year: Annotated[int, typer.Option("--year")],
    region_type: Annotated[
        str, typer.Option("--type", help=", ".join(REGION_TYPES))
    ] = "centrumgemeente",
    out_path: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Add region_code/region_name of one region type in one year to an area table."""
    try:
        table = read_lookup(lookup)
        raw = read_table(areas)
        assigned = table.assign(raw.frame, year, region_type)
    except InputError as exc:
        raise fail(exc) from exc
    metadata = {
        "regions_lookup": table.source,
        "regions_year": str(year),
        "region_type": region_type,
    }
    write_output(ResultSet({"area": assigned.reset_index(drop=True)}, metadata), out_path, fmt)


@regions_app.command("harmonise")
def regions_harmonise(
    series: Annotated[Path, typer.Argument(help="municipality_code, year, counts")],
    mergers: Annotated[Path, typer.Option("--mergers")],
    to_year: Annotated[int, typer.Option("--to-year")],
    counts: Annotated[str, typer.Option("--counts", help="comma-separated count columns")],
    out_path: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Carry a series per municipality and year to the municipalities of one year."""
    columns = [c.strip() for c in counts.split(",") if c.strip()]
    try:
        table = read_mergers(mergers)
        raw = read_table(series)
        frame = raw.frame.copy()
        frame["year"] = frame["year"].astype(int)
        for column in columns:
            frame[column] = frame[column].astype(float)
        carried = table.carry(frame, to_year, columns)
    except InputError as exc:
        raise fail(exc) from exc
    metadata = {"mergers": table.source, "municipalities_of": str(to_year)}
    write_output(ResultSet({"municipality": carried}, metadata), out_path, fmt)


def report_command(
    region: Annotated[str, typer.Argument(help="regiocode, e.g. RG01")],
    out_path: Annotated[Path, typer.Option("--out", "-o", help="report.pdf / report.html")],
    database_url: Annotated[str | None, typer.Option("--database-url")] = None,
    scenario: Annotated[str, typer.Option("--scenario")] = "voorbeeldregio-1",
    observed: Annotated[bool, typer.Option("--observed/--no-observed")] = True,
) -> None:
    """Write the regiobeeld report of REGION from the database (default: the SQLite file)."""
    from ggzregio.app.context import Context
    from ggzregio.app.reports import gather
    from ggzregio.errors import GgzregioError
    from ggzregio.report.document import write_report

    ctx = Context.open(database_url)
    try:
        with ctx.factory() as db:
            content = gather(ctx, db, region, include_observed=observed, scenario_name=scenario)
        write_report(content, out_path)
    except GgzregioError as exc:
        raise fail(exc) from exc
    finally:
        ctx.engine.dispose()
    out.print(t("report.written", path=str(out_path)), markup=False)
