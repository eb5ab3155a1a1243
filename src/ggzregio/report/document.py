"""Render a :class:`~ggzregio.app.reports.ReportContent` as self-contained HTML (CSS and
figures inline, figures as SVG through plotly.js) and as PDF (the HTML printed), both in the
process's long-lived headless Chromium (:mod:`ggzregio.report.renderer`, the Debian package
the figures already use). Files are written atomically."""

from __future__ import annotations

import tempfile
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ggzregio.agenda import agenda_reference
from ggzregio.app.agenda_export import AgendaExport
from ggzregio.app.reports import TREND_INDICATORS, ReportContent
from ggzregio.charts import year_axis
from ggzregio.errors import GgzregioError
from ggzregio.formatting import format_shown
from ggzregio.geo import map_figure
from ggzregio.i18n import get_language, t
from ggzregio.io.atomic import write_files_atomically
from ggzregio.monitor.catalogue import load_catalogue
from ggzregio.monitor.coverage import progress_note
from ggzregio.planning.figures import capacity_figure
from ggzregio.planning.tables import capacity_frame, gap_items_frame
from ggzregio.report.renderer import renderer
from ggzregio.tableview import Column, TableView, table_view

TEMPLATES: Final = Path(str(resources.files("ggzregio.report") / "templates"))
FORMATS: Final = ("html", "pdf")


def svg_figures(figures: dict[str, Any]) -> dict[str, Markup]:
    """The report's Plotly figures as inline SVG, drawn in the running browser."""
    names = list(figures)
    if not names:
        return {}
    images = renderer().svg([figures[n] for n in names], width=900, height=560)
    return {
        name: Markup(text[text.index("<svg") :]) for name, text in zip(names, images, strict=True)
    }


def _table(frame: pd.DataFrame | None, columns: list[Column]) -> TableView | None:
    return None if frame is None else table_view("", "", frame, columns)


INTERVAL = [
    Column("prevalence_per_1000", "col.prevalence_per_1000", 1),
    Column("expected_cases", "col.expected_cases", 0),
    Column("observed_p90_low_cases", "report.p90_low", 0),
    Column("observed_p90_high_cases", "report.p90_high", 0),
]


def report_figures(content: ReportContent) -> dict[str, go.Figure]:
    """The report's figures, titled in the active language: the map of the areas (when
    boundaries are stored), the capacity against the norm (members only) and the trends."""
    figures: dict[str, go.Figure] = {}
    region = content.region.name
    if content.boundaries is not None:
        figures["map"] = map_figure(
            content.boundaries, content.area_values, title=t("web.map_areas", region=region),
            value_label=t("col.prevalence_per_1000"), decimals=1,
        )  # fmt: skip
    if content.gap_analysis is not None:
        figures["capacity"] = capacity_figure(content.gap_analysis)
    if not content.trends.empty:
        figures["trend"] = _trend_figure(content.trends)
    return figures


def _trend_figure(trends: pd.DataFrame) -> go.Figure:
    names = {k: v.name() for k, v in load_catalogue().items()}
    fig = go.Figure()
    for indicator in TREND_INDICATORS:
        if indicator in trends.columns:
            fig.add_trace(
                go.Scatter(
                    x=trends["year"], y=trends[indicator], mode="lines+markers",
                    name=names.get(indicator, indicator),
                )
            )  # fmt: skip
    fig.update_layout(
        title=t("report.trend_title"),
        xaxis_title=t("report.year"),
        yaxis_title=t("report.per_100k"),
        template="plotly_white",
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
    )
    return year_axis(fig)


def agenda_parts(content: ReportContent) -> dict[str, Any] | None:
    """The agenda chapter (members only: the content carries ``agenda`` only for region
    members, see docs/agenda.md): current texts per speerpunt, the initiatives, the latest
    closed review and what changed since the closed one before it."""
    agenda: AgendaExport | None = content.agenda
    if agenda is None:
        return None
    reference = agenda_reference()

    def term(part: str, key: str) -> str:
        found = reference.term(part, key)
        return found.name() if found else key

    frame = pd.DataFrame(
        [
            {
                "name": i.name,
                "kind": t(f"agenda.kind.{i.kind}"),
                "speerpunten": ", ".join(term("speerpunten", s) for s in i.speerpunten),
                "lead": i.lead,
                "status": term("statuses", i.status),
                "budget": None if i.budget is None else float(i.budget),
            }
            for i in agenda.initiatives
        ],
        columns=["name", "kind", "speerpunten", "lead", "status", "budget"],
    )
    initiatives = _table(
        frame,
        [Column("name", "agenda.field.name"), Column("kind", "agenda.field.kind"),
         Column("speerpunten", "agenda.field.speerpunten"), Column("lead", "agenda.field.lead"),
         Column("status", "agenda.field.status"), Column("budget", "agenda.field.budget", 0)],
    )  # fmt: skip
    return {
        "texts": agenda.texts_by_speerpunt(),
        "initiatives": initiatives,
        "review": agenda.latest_closed,
        "comparison": agenda.comparison(),
        "term": term,
    }


def render_html(content: ReportContent) -> str:
    """The report as one self-contained HTML document (tables formatted as on the pages:
    numbers in the active language, suppression markers such as '<10' as they are)."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"])
    )
    environment.filters["num"] = format_shown
    municipalities = _table(
        content.municipalities,
        [Column("municipality_name", "col.municipality_name"), Column("adults", "col.adults", 0),
         *INTERVAL],
    )  # fmt: skip
    top = _table(
        content.top_areas,
        [Column("area_code", "col.area_code"), Column("area_name", "col.area_name"),
         Column("adults", "col.adults", 0), *INTERVAL],
    )  # fmt: skip
    comparison = _table(
        content.comparison,
        [Column("municipality_name", "col.municipality_name"),
         Column("expected_cases", "col.expected_cases", 0),
         Column("areas_compared", "col.areas_compared", 0),
         Column("expected_compared", "col.expected_compared", 0),
         Column("observed_cases", "col.observed_cases", 0),
         Column("ratio", "report.ratio", 2)],
    )  # fmt: skip
    capacity = _table(
        capacity_frame(content.plan),
        [Column("label", "report.item"), Column("units_mid", "report.units", 1),
         Column("whole_units", "report.whole_units", 0), Column("eur_mid", "report.eur", 0)],
    )  # fmt: skip
    gap = _table(
        None if content.gap_analysis is None else gap_items_frame(content.gap_analysis),
        [Column("label", "report.item"), Column("current", "report.current", 1),
         Column("target_mid", "report.target", 1), Column("difference", "report.difference", 1),
         Column("status", "report.status", codes="status.")],
    )  # fmt: skip
    progress = _table(
        content.progress,
        [Column("region_code", "col.region_code"), Column("baseline", "report.baseline", 1),
         Column("latest_year", "report.year", kind="year"),
         Column("latest", "report.latest", 1),
         Column("change_pct", "report.change_pct", 1),
         Column("status", "report.status", codes="mon.status.")],
    )  # fmt: skip
    template = environment.get_template("report.html")
    return template.render(
        t=t,
        lang=get_language(),
        c=content,
        s=content.summary,
        today=date.today().strftime("%d-%m-%Y"),
        figures=svg_figures(report_figures(content)),
        notes={key: t(message) for key, message in content.notes.items()},
        municipalities=municipalities,
        top=top,
        comparison=comparison,
        capacity=capacity,
        gap=gap,
        progress=progress,
        progress_note=progress_note(content.progress, content.min_coverage),
        agenda=agenda_parts(content),
    )


def html_to_pdf(html: str, target: Path) -> None:
    """Print ``html`` to ``target`` (A4 as the report's CSS sets it, no header/footer)."""
    data = renderer().pdf(html)
    if not data:
        raise GgzregioError(t("report.pdf_failed", detail="empty"))
    target.write_bytes(data)


def write_report(content: ReportContent, target: Path) -> Path:
    """Write the report as ``.html`` or ``.pdf`` (by suffix), atomically."""
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise GgzregioError(t("report.bad_format", suffix=target.suffix))
    html = render_html(content)
    if fmt == "html":
        write_files_atomically({target: lambda tmp: tmp.write_text(html, encoding="utf-8")})
    else:
        write_files_atomically({target: lambda tmp: html_to_pdf(html, tmp)})
    return target


def report_bytes(content: ReportContent, fmt: str) -> bytes:
    """The report as bytes (for a download)."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"rapport.{fmt}"
        write_report(content, target)
        return target.read_bytes()
