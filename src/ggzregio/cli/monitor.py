"""``ggzregio monitor ...``: the ambulantisering monitor on the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from ggzregio import __version__
from ggzregio.cli.common import (
    FormatOpt,
    OutOpt,
    RegionOpt,
    ThresholdOpt,
    err,
    fail,
    get_model,
    out,
    print_table,
    write_output,
)
from ggzregio.errors import InputError, Problem
from ggzregio.formatting import format_number, format_year
from ggzregio.i18n import t
from ggzregio.io.results import ResultSet, describe_written
from ggzregio.monitor.catalogue import Catalogue, Target, load_catalogue, load_targets
from ggzregio.monitor.coverage import DEFAULT_MIN_COVERAGE, benchmark_note, progress_note
from ggzregio.monitor.data import NATIONAL, MonitorData, protect_tidy, tidy_with_per_100k
from ggzregio.monitor.demo import generate_demo_monitor
from ggzregio.monitor.importing import read_monitor, read_regions, write_wide_template
from ggzregio.privacy import DEFAULT_THRESHOLD, SUPPRESSED, marker

monitor_app = typer.Typer(help=t("help.monitor"), no_args_is_help=True)

DataOpt = Annotated[Path | None, typer.Option("--data", help=t("help.monitor_data"))]
CatalogueOpt = Annotated[Path | None, typer.Option("--catalogue", help=t("help.catalogue"))]
TargetsOpt = Annotated[Path | None, typer.Option("--targets", help=t("help.targets"))]
FromOpt = Annotated[int | None, typer.Option("--from", help=t("help.from_year"))]
ToOpt = Annotated[int | None, typer.Option("--to", help=t("help.to_year"))]
RegionsOpt = Annotated[Path | None, typer.Option("--regions", help=t("help.regions_file"))]
MinCoverageOpt = Annotated[
    float,
    typer.Option(
        "--min-coverage",
        min=0.0,
        max=1.0,
        envvar="GGZREGIO_MIN_COVERAGE",
        help=t("help.min_coverage"),
    ),
]


def _catalogue(extra: Path | None) -> Catalogue:
    try:
        return load_catalogue(extra)
    except InputError as exc:
        raise fail(exc) from exc


def _load(data: Path | None, catalogue: Path | None, regions: Path | None = None) -> MonitorData:
    """The monitor data: a file (tidy or wide template), else the synthetic demo history."""
    cat = _catalogue(catalogue)
    try:
        if data is None:
            loaded = generate_demo_monitor(catalogue=cat)
            out.print(f"[bold red]{t('mon.synthetic')}[/]")
            return loaded
        known = read_regions(regions) if regions is not None else None
        return read_monitor(data, cat, known)
    except InputError as exc:
        raise fail(exc) from exc


def _metadata(
    data: MonitorData,
    threshold: int,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
    **extra: str,
) -> dict[str, str]:
    meta = {
        "ggzregio_version": __version__,
        "data_version": data.data_version,
        "indicator_catalogue_version": data.catalogue.version,
        "suppression_threshold": str(threshold),
        "min_coverage": f"{min_coverage:g}",
        **extra,
    }
    if data.synthetic:
        meta = {"WAARSCHUWING": t("mon.synthetic"), **meta}
    return meta


def _cell(value: object, decimals: int = 1) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if isinstance(value, int | float):
        return format_number(float(value), decimals)
    return str(value)


@monitor_app.command("indicators", help=t("help.monitor_indicators"))
def indicators_command(catalogue: CatalogueOpt = None) -> None:
    cat = _catalogue(catalogue)
    rows = [
        [i.code, i.name(), i.unit, t(f"mon.kind.{i.kind}"), t(f"mon.dir.{i.direction}"), i.source]
        for i in cat.values()
    ]
    header = [t(f"mon.col.{c}") for c in ("code", "name", "unit", "kind", "direction", "source")]
    print_table(t("mon.indicators_title", version=cat.version), header, rows)


def _targets(cat: Catalogue, extra: Path | None) -> dict[str, Target]:
    try:
        return load_targets(cat, extra)
    except InputError as exc:
        raise fail(exc) from exc


@monitor_app.command("targets", help=t("help.monitor_targets"))
def targets_command(catalogue: CatalogueOpt = None, targets: TargetsOpt = None) -> None:
    cat = _catalogue(catalogue)
    rows = []
    for target in _targets(cat, targets).values():
        if target.relative_change is not None:
            change = f"{format_number(float(target.relative_change * 100), 1)} %"
        elif target.absolute_change is not None:
            change = f"{format_number(target.absolute_change, 2)}"
        else:
            change = f"→ {format_number(target.target_value, 2)}"
        rows.append(
            [
                target.id + (" *" if target.example else ""),
                target.name(),
                f"{target.baseline_year}→{target.target_year}",
                change,
                target.source,
            ]
        )
    header = [t(f"mon.col.{c}") for c in ("id", "name", "years", "change", "source")]
    print_table(t("mon.targets_title"), header, rows)


@monitor_app.command("import", help=t("help.monitor_import"))
def import_command(
    file: Annotated[Path, typer.Argument(help=t("help.monitor_file"))],
    regions: RegionsOpt = None,
    catalogue: CatalogueOpt = None,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    out_file: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    data = _load(file, catalogue, regions)
    frame = data.frame
    out.print(
        t(
            "mon.imported",
            file=file.name,
            n=format_number(len(frame)),
            regions=frame["region_code"].nunique(),
            indicators=frame["indicator"].nunique(),
            first=min(data.years),
            last=max(data.years),
        ),
        markup=False,
    )
    if regions is None:
        out.print(t("mon.no_region_check"), style="dim")
    series = protect_tidy(tidy_with_per_100k(data), data, threshold)
    result = ResultSet.protected({"series": series}, _metadata(data, threshold))
    write_output(result, out_file, fmt)


@monitor_app.command("template", help=t("help.monitor_template"))
def template_command(
    target: Annotated[Path, typer.Argument(help=t("help.template_out"))],
    demo: Annotated[bool, typer.Option("--demo", help=t("help.monitor_demo"))] = False,
    catalogue: CatalogueOpt = None,
) -> None:
    cat = _catalogue(catalogue)
    data = generate_demo_monitor(catalogue=cat) if demo else None
    write_wide_template(data, cat, target)
    out.print(describe_written([target]), markup=False)


@monitor_app.command("demo-data", help=t("help.monitor_demo_data"))
def demo_data_command(
    target: Annotated[Path, typer.Argument(help=t("help.out"))], fmt: FormatOpt = None
) -> None:
    data = generate_demo_monitor()
    series = protect_tidy(data.frame, data, DEFAULT_THRESHOLD)
    write_output(
        ResultSet.protected({"series": series}, _metadata(data, DEFAULT_THRESHOLD)), target, fmt
    )


def _select_targets(
    cat: Catalogue, extra: Path | None, target: str | None, indicator: str | None
) -> list[Target]:
    targets = _targets(cat, extra)
    if target is not None:
        if target not in targets:
            problem = Problem(
                "--target", "unknown_target", values={"value": target, "known": ", ".join(targets)}
            )
            raise fail(InputError([problem]))
        return [targets[target]]
    chosen = [tg for tg in targets.values() if indicator in tg.indicators]
    if not chosen:
        known = ", ".join(f"{tg.id} ({'+'.join(tg.indicators)})" for tg in targets.values())
        problem = Problem(
            "--indicator", "no_target_for_indicator", values={"value": indicator, "known": known}
        )
        raise fail(InputError([problem]))
    return chosen


@monitor_app.command("progress", help=t("help.monitor_progress"))
def progress_command(
    indicator: Annotated[str | None, typer.Option("--indicator", help=t("help.indicator"))] = None,
    target: Annotated[str | None, typer.Option("--target", help=t("help.target"))] = None,
    region: RegionOpt = None,
    years: Annotated[int, typer.Option("--fit-years", min=3, help=t("help.fit_years"))] = 5,
    normalise: Annotated[bool, typer.Option("--per-100k", help=t("help.per_100k"))] = False,
    data_file: DataOpt = None,
    catalogue: CatalogueOpt = None,
    targets: TargetsOpt = None,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    min_coverage: MinCoverageOpt = DEFAULT_MIN_COVERAGE,
    out_file: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    from ggzregio.monitor.progress import progress

    if indicator is None and target is None:
        raise typer.BadParameter(t("mon.need_indicator_or_target"), param_hint="--indicator")
    data = _load(data_file, catalogue)
    tables = {}
    data.targets = _targets(data.catalogue, targets)  # protected together with the series
    for tg in _select_targets(data.catalogue, targets, target, indicator):
        regions = [NATIONAL, region] if region else None
        table = progress(data, tg, regions, years, normalise, threshold, min_coverage)
        tables[tg.id] = table
        _print_progress(tg, table, min_coverage)
    write_output(ResultSet(tables, _metadata(data, threshold, min_coverage)), out_file, fmt)


def _print_progress(target: Target, table: pd.DataFrame, min_coverage: float) -> None:
    rows = []
    for _, r in table.iterrows():
        projected = r.get("projected_year")
        met_year = r.get("met_year")
        if r.get("status") == "met" and isinstance(met_year, int | float) and not pd.isna(met_year):
            when = t("mon.met_in", year=int(met_year))
        elif isinstance(projected, float) and projected == float("inf"):
            when = t("mon.never_on_trend")
        elif isinstance(projected, float) and not pd.isna(projected):
            low, high = r.get("projected_year_p05"), r.get("projected_year_p95")
            when = f"{format_year(projected)} ({_year(low)}-{_year(high)})"
        else:
            when = "–"
        rows.append(
            [
                str(r["region_code"]),
                _cell(r.get("baseline")),
                _cell(r.get("latest")),
                f"{_cell(r.get('change_pct'))} %",
                _cell(r.get("goal")),
                _cell(r.get("path_value")),
                t(f"mon.status.{r.get('status', 'no_baseline')}"),
                when,
            ]
        )
    cols = ("region", "baseline", "latest", "change", "goal", "path", "status", "projected")
    print_table(target.name(), [t(f"mon.col.{c}") for c in cols], rows)
    note = progress_note(table, min_coverage)
    if note:
        out.print(note, markup=False)
    out.print(t("mon.progress_note"), style="dim")


def _year(value: object) -> str:
    """An end of the projected range: a year (never grouped), "∞" if the trend may never get
    there, "–" if missing."""
    if not isinstance(value, float) or pd.isna(value):
        return "–"
    return "∞" if value == float("inf") else format_year(value)


@monitor_app.command("yoy", help=t("help.monitor_yoy"))
def yoy_command(
    indicator: Annotated[list[str], typer.Option("--indicator", help=t("help.indicator"))],
    first: FromOpt = None,
    last: ToOpt = None,
    region: RegionOpt = None,
    data_file: DataOpt = None,
    catalogue: CatalogueOpt = None,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    min_coverage: MinCoverageOpt = DEFAULT_MIN_COVERAGE,
    out_file: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    from ggzregio.monitor.progress import year_on_year

    data = _load(data_file, catalogue)
    _check_indicators(data, indicator)
    table = year_on_year(data, indicator, first, last, threshold, min_coverage)
    shown = table[table["region_code"].isin([NATIONAL, region])] if region else table
    pairs = [c for c in table.columns if "-" in c]
    rows = [
        [str(r["region_code"]), data.catalogue[r["indicator"]].name()]
        + [f"{_cell(r[c])} %" for c in pairs]
        for _, r in shown.iterrows()
    ]
    print_table(t("mon.yoy_title"), [t("mon.col.region"), t("mon.col.name"), *pairs], rows)
    write_output(
        ResultSet.protected({"year_on_year": table}, _metadata(data, threshold, min_coverage)),
        out_file,
        fmt,
    )


def _check_indicators(data: MonitorData, codes: list[str]) -> None:
    unknown = [c for c in codes if c not in data.catalogue]
    if unknown:
        problem = Problem("--indicator", "unknown_indicator", values={"values": ", ".join(unknown)})
        raise fail(InputError([problem]))


@monitor_app.command("benchmark", help=t("help.monitor_benchmark"))
def benchmark_command(
    indicator: Annotated[str, typer.Option("--indicator", help=t("help.indicator"))],
    year: Annotated[int, typer.Option("--year", help=t("help.year"))],
    similar_to: Annotated[
        str | None, typer.Option("--similar-to", help=t("help.similar_to"))
    ] = None,
    k: Annotated[int, typer.Option("--k", min=1, help=t("help.k"))] = 5,
    areas: Annotated[Path | None, typer.Option("--areas", help=t("help.features_areas"))] = None,
    rank: Annotated[bool, typer.Option("--rank", help=t("help.rank"))] = False,
    data_file: DataOpt = None,
    catalogue: CatalogueOpt = None,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    min_coverage: MinCoverageOpt = DEFAULT_MIN_COVERAGE,
    out_file: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    from ggzregio.monitor.benchmark import benchmark, with_similar

    data = _load(data_file, catalogue)
    _check_indicators(data, [indicator])
    table = benchmark(data, indicator, year, threshold, min_coverage)
    if table.empty:
        raise fail(InputError([Problem("--year", "no_values_for_year", values={"year": year})]))
    if similar_to is not None:
        table = with_similar(table, _features(areas), similar_to, k)
    elif rank:
        table = table.sort_values("rank", kind="stable")
    _print_benchmark(data, indicator, year, table, threshold)
    out.print(benchmark_note(table, year, min_coverage), markup=False)
    out.print(t("mon.benchmark_note"), style="dim")
    meta = _metadata(data, threshold, min_coverage, indicator=indicator, year=str(year))
    write_output(ResultSet.protected({"benchmark": table}, meta), out_file, fmt)


def _features(areas: Path | None) -> pd.DataFrame:
    from ggzregio.demo import demo_areas_path
    from ggzregio.io.areas import read_areas
    from ggzregio.monitor.benchmark import region_features
    from ggzregio.prevalence.estimate import estimate_areas
    from ggzregio.prevalence.model import DEFAULT_MODEL_ID

    model = get_model(DEFAULT_MODEL_ID)
    try:
        table = read_areas(areas or demo_areas_path(), model)
    except InputError as exc:
        raise fail(exc) from exc
    return region_features(estimate_areas(table.frame, model))


def _print_benchmark(
    data: MonitorData, indicator: str, year: int, table: pd.DataFrame, threshold: int
) -> None:
    per = "per_100k" in table
    hidden = marker(threshold)
    rows = []
    for _, r in table.iterrows():
        suppressed = bool(r.get(SUPPRESSED, False))
        value = r["per_100k"] if per else r["value"]
        rows.append(
            [
                str(r["region_code"]),
                hidden if suppressed else _cell(value),
                "–" if suppressed else _cell(r.get("quartile"), 0),
                "–" if suppressed else t(f"mon.position.{r.get('position', 'none')}"),
                "–" if suppressed else _cell(r.get("rank"), 0),
            ]
            + ([_cell(r["distance"], 2)] if "distance" in table else [])
        )
    cols = ["region", "value_per_100k" if per else "value", "quartile", "position", "rank"]
    if "distance" in table:
        cols.append("distance")
    national = table["national_per_100k" if per else "national"].dropna()
    title = t(
        "mon.benchmark_title",
        name=data.catalogue[indicator].name(),
        year=year,
        nl=_cell(national.iloc[0]) if len(national) else "–",
    )
    print_table(title, [t(f"mon.col.{c}") for c in cols], rows)


@monitor_app.command("substitution", help=t("help.monitor_substitution"))
def substitution_command(
    first: FromOpt = None,
    last: ToOpt = None,
    data_file: DataOpt = None,
    catalogue: CatalogueOpt = None,
    min_coverage: MinCoverageOpt = DEFAULT_MIN_COVERAGE,
    out_file: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    from ggzregio.monitor.progress import substitution

    data = _load(data_file, catalogue)
    first = first or min(data.years)
    last = last or max(data.years)
    table = substitution(data, first, last, min_coverage)
    rows = [
        [
            str(r["region_code"]),
            _cell(r.get("delta_institutional_per_100k", float("nan")) / 1e6, 2),
            _cell(r.get("delta_ambulant_per_100k", float("nan")) / 1e6, 2),
            _cell(r.get("delta_zvw_per_100k", float("nan")) / 1e6, 2),
            _cell(r.get("delta_wlz_per_100k", float("nan")) / 1e6, 2),
            _cell(r.get("delta_wmo_per_100k", float("nan")) / 1e6, 2),
            _cell(r.get("ambulant_per_institutional_euro"), 2),
        ]
        for _, r in table.iterrows()
    ]
    cols = ("region", "d_inst", "d_amb", "d_zvw", "d_wlz", "d_wmo", "ratio")
    title = t("mon.substitution_title", first=first, last=last)
    print_table(title, [t(f"mon.col.{c}") for c in cols], rows)
    write_output(
        ResultSet.protected(
            {"substitution": table}, _metadata(data, DEFAULT_THRESHOLD, min_coverage)
        ),
        out_file,
        fmt,
    )


@monitor_app.command("figures", help=t("help.monitor_figures"))
def figures_command(
    folder: Annotated[Path, typer.Argument(help=t("help.figures_dir"))],
    region: RegionOpt = None,
    indicator: Annotated[str, typer.Option("--indicator", help=t("help.indicator"))] = "fact_fte",
    image: Annotated[str, typer.Option("--image", help=t("help.image_format"))] = "html",
    data_file: DataOpt = None,
    catalogue: CatalogueOpt = None,
    targets: TargetsOpt = None,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    min_coverage: MinCoverageOpt = DEFAULT_MIN_COVERAGE,
) -> None:
    from ggzregio.charts import FIGURE_FORMATS, export_figures
    from ggzregio.monitor import figures as mf
    from ggzregio.monitor.benchmark import benchmark
    from ggzregio.monitor.progress import substitution

    if image not in FIGURE_FORMATS:
        raise typer.BadParameter(", ".join(FIGURE_FORMATS), param_hint="--image")
    data = _load(data_file, catalogue)
    _check_indicators(data, [indicator])
    where = region or NATIONAL
    year = max(data.years)
    data.targets = _targets(data.catalogue, targets)  # protected together with the series
    figures = {
        f"trend_{tg.id}": mf.trend_figure(data, tg, where, threshold, min_coverage)
        for tg in data.targets.values()
        if all(c in data.frame["indicator"].values for c in tg.indicators)
    }
    figures[f"regios_{indicator}"] = mf.small_multiples(
        data, indicator, threshold=threshold, min_coverage=min_coverage
    )
    figures["intensiteit"] = mf.intensity_figure(data, where, threshold, min_coverage)
    figures[f"funnel_{indicator}_{year}"] = mf.funnel_figure(
        benchmark(data, indicator, year, threshold, min_coverage), data, indicator, year
    )
    figures["substitutie"] = mf.substitution_figure(
        substitution(data, min(data.years), year, min_coverage)
    )
    written = export_figures({folder / f"{name}.{image}": fig for name, fig in figures.items()})
    out.print(describe_written(written), markup=False)
    if data.synthetic:
        err.print(t("mon.synthetic"), markup=False)
