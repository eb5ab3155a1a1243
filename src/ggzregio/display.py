"""Readable summary tables for the terminal (Dutch number formatting by default)."""

from __future__ import annotations

import pandas as pd

from ggzregio.formatting import format_number, format_shown
from ggzregio.i18n import t
from ggzregio.io.results import ResultSet
from ggzregio.prevalence.aggregate import (
    AREAS_COMPARED,
    EXPECTED_COMPARED,
    INDEX,
    NAME_COLUMNS,
    OBSERVED,
    PER_100K,
)
from ggzregio.prevalence.compare import (
    FLAG_INTRAMURAL,
    FLAG_UNDER_REACH,
    RATIO,
    RATIO_HIGH,
    RATIO_LOW,
)
from ggzregio.prevalence.estimate import EXPECTED, PREVALENCE
from ggzregio.prevalence.fit import FitReport
from ggzregio.prevalence.model import ModelSpec
from ggzregio.privacy import SUPPRESSED


def summary_table(table: pd.DataFrame, level: str) -> tuple[list[str], list[list[str]]]:
    """Header and formatted rows of an aggregated (or area) table for display."""
    name_column = NAME_COLUMNS.get(level)
    has_inhabitants = "inhabitants" in table.columns
    header = [t("table.name")]
    if "n_areas" in table.columns:
        header.append(t("table.areas"))
    if has_inhabitants:
        header.append(t("table.inhabitants"))
    header += [t("table.adults"), t("table.expected"), t("table.per_1000")]
    if PER_100K in table.columns:
        header += [t("table.per_100k"), t("table.index")]
    rows: list[list[str]] = []
    for record in table.to_dict(orient="records"):
        if name_column and name_column in record and record[name_column] is not None:
            name = str(record[name_column])
        elif level == "total":
            name = t("table.total")
        else:
            name = str(record.get(level, ""))
        row = [name]
        if "n_areas" in record:
            row.append(format_number(record["n_areas"]))
        if has_inhabitants:
            row.append(format_number(record["inhabitants"]))
        row += [
            format_number(record["adults"]),
            format_number(record[EXPECTED], 0),
            format_number(record[PREVALENCE], 2),
        ]
        if PER_100K in record:
            row += [format_number(record[PER_100K], 0), format_number(record[INDEX], 0)]
        rows.append(row)
    return header, rows


def compare_summary(
    result: ResultSet, threshold: int
) -> tuple[str, list[str], list[list[str]], list[str]]:
    """Title, header, rows and notes for the terminal summary of a comparison: the coarsest
    level with observed, expected and ratio (suppressed cells show the marker, missing ones a
    dash), and the note on what the observed totals cover when some areas are not compared."""
    levels = [lv for lv in result.tables if lv not in ("area", "total")]
    level = levels[-1] if levels else "total"
    table = result.shown(level)
    name_column = NAME_COLUMNS.get(level)
    header = [
        t("table.name"),
        t("table.expected"),
        t("table.observed"),
        t("table.ratio"),
        t("table.ci95"),
    ]
    covered = AREAS_COMPARED in table.columns
    if covered:
        header.append(t("table.areas_compared"))
    rows = []
    for record in [
        *table.to_dict(orient="records"),
        *(result.shown("total").to_dict(orient="records") if levels else []),
    ]:
        name = record.get(name_column) if name_column else None
        if name is None:
            name = record.get(level, t("table.total")) if level in record else t("table.total")
        rows.append(
            [
                str(name),
                # The expected cases the observed count is compared with (its areas only).
                format_number(record.get(EXPECTED_COMPARED, record[EXPECTED]), 0),
                format_shown(record[OBSERVED], 0),
                format_shown(record[RATIO], 2),
                f"{format_shown(record[RATIO_LOW], 2)} – {format_shown(record[RATIO_HIGH], 2)}",
            ]
        )
        if covered:
            rows[-1].append(
                t(
                    "table.compared_of",
                    compared=format_number(record.get(AREAS_COMPARED)),
                    n=format_number(record.get("n_areas")),
                )
            )
    areas = result.tables["area"]
    notes = [
        t(
            "cli.flags",
            intramural=int((areas[FLAG_INTRAMURAL] == True).sum()),  # noqa: E712
            under=int((areas[FLAG_UNDER_REACH] == True).sum()),  # noqa: E712
            suppressed=int(areas[SUPPRESSED].sum()),
            threshold=threshold,
        ),
    ]
    not_compared = int(result.metadata.get("areas_not_compared", "0") or 0)
    if not_compared:
        notes.append(t("compare.not_compared", n=not_compared))
    if "coverage" in result.notes:  # some areas not compared, or a source total used
        notes.append(t(result.notes["coverage"]))
    known = ("municipality_code", "region_code", "total")
    title = t("table.compare_title", level=t(f"level.{level}") if level in known else level)
    return title, header, rows, notes


def fit_report_markdown(report: FitReport, base: ModelSpec) -> str:
    """The fit report as Markdown (active language)."""
    m = report.model
    lines = [
        f"# {t('fit.title')}: {m.label}",
        "",
        t(
            "fit.data",
            n=format_number(report.n_areas),
            excluded=report.n_excluded,
            threshold=m.exclusion_threshold_per_1000,
            source=m.source,
        ),
        "",
        f"- R² = {format_number(report.r2, 3)} ({t('fit.adjusted')} "
        f"{format_number(report.r2_adjusted, 3)}); RMSE = {format_number(report.rmse, 3)} ‰",
        f"- {t('fit.cv_kfold')}: {format_number(report.cv_rmse_kfold, 3)} ‰"
        f" ({t('fit.cv_base')}: {format_number(report.base_cv_rmse, 3)} ‰)",
    ]
    if report.cv_rmse_group is not None:
        lines.append(
            f"- {t('fit.cv_group', column=report.group_column)}: "
            f"{format_number(report.cv_rmse_group, 3)} ‰"
        )
    if report.selection:
        steps = ", ".join(
            f"+{s.variable} ({format_number(s.cv_rmse, 3)})" for s in report.selection
        )
        lines.append(f"- {t('fit.selected')}: {steps}")
    lines += [
        "",
        f"## {t('fit.coefficients', base=base.label)}",
        "",
        f"| {t('fit.term')} | {t('fit.estimate')} | SE | {base.id} | z |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in report.coefficients.to_dict(orient="records"):
        lines.append(
            f"| {row['term']} | {format_number(row['estimate'], 4)} | "
            f"{format_number(row['std_error'], 4)} | {format_number(row['published'], 4)} | "
            f"{format_number(row['z_vs_published'], 2)} |"
        )
    lines += [
        "",
        f"## {t('fit.quantiles')}",
        "",
        f"| {t('fit.coverage')} | {t('fit.low')} | {t('fit.high')} | "
        f"{base.id} {t('fit.low')} | {base.id} {t('fit.high')} |",
        "|---:|---:|---:|---:|---:|",
    ]
    published = {q.coverage: q for q in base.residual_quantiles}
    for q in m.residual_quantiles:
        p = published.get(q.coverage)
        lines.append(
            f"| {q.coverage}% | {format_number(q.low, 1)} | {format_number(q.high, 1)} | "
            f"{format_number(p.low, 1) if p else '–'} | {format_number(p.high, 1) if p else '–'} |"
        )
    lines += ["", t("fit.note")]
    return "\n".join(lines) + "\n"


def calibration_lines(result: ResultSet) -> list[str]:
    """Calibration line and the per-decile ratios, as text, from the protected result of
    :func:`ggzregio.prevalence.run.run_calibration` (hidden deciles show the marker)."""
    line = result.tables["line"].iloc[0]
    lines = [
        t(
            "cal.line",
            slope=format_number(line["slope"], 3),
            intercept=format_number(line["intercept"], 3),
            n=int(line["n_areas"]),
        )
    ]
    for row in result.shown("decile").to_dict(orient="records"):
        lines.append(
            t(
                "cal.decile",
                decile=row["decile"],
                expected=format_number(row["expected_per_1000"], 2),
                observed=format_shown(row["observed_per_1000"], 2),
                ratio=format_shown(row["ratio"], 2),
            )
        )
    return lines
