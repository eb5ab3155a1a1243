"""Figures of a simulation: fan charts, stacked occupancy and waiting (Plotly)."""

from __future__ import annotations

import plotly.graph_objects as go

from ggzregio.charts import apply_layout
from ggzregio.i18n import t
from ggzregio.simulation.model import SERVICE_NAMES
from ggzregio.simulation.outputs import UNITS, WAIT_SERVICES
from ggzregio.simulation.run import SimulationResult

#: One colour per scenario (colour-blind safe), and per service.
SCENARIO_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00")
SERVICE_COLOURS = dict(
    zip(
        SERVICE_NAMES,
        ("#4C78A8", "#009E73", "#56B4E9", "#C0392B", "#8E44AD", "#E69F00"),
        strict=True,
    )
)


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _label(result: SimulationResult, scenario: str) -> str:
    return next((s.label for s in result.scenarios if s.id == scenario), scenario)


def _region_name(result: SimulationResult, code: str) -> str:
    return next((r.name for r in result.regions if r.code == code), code)


def fan_chart(result: SimulationResult, region: str, variable: str) -> go.Figure:
    """Median with 50 % and 90 % bands over the months, one colour per scenario."""
    fig = go.Figure()
    for i, (scenario, summary) in enumerate(result.summaries.items()):
        frame = summary.monthly
        rows = frame[(frame["region_code"] == region) & (frame["variable"] == variable)]
        colour = SCENARIO_COLOURS[i % len(SCENARIO_COLOURS)]
        label = _label(result, scenario)
        x = rows["month"].tolist()
        for low, high, alpha, key in (
            ("p05", "p95", 0.15, "sim.band90"),
            ("p25", "p75", 0.3, "sim.band50"),
        ):
            fig.add_trace(
                go.Scatter(
                    x=x,
                    y=rows[high],
                    mode="lines",
                    line={"width": 0},
                    showlegend=False,
                    hoverinfo="skip",
                    legendgroup=label,
                )
            )
            fig.add_trace(
                go.Scatter(
                    x=x, y=rows[low], mode="lines", line={"width": 0}, fill="tonexty",
                    fillcolor=_rgba(colour, alpha), name=t(key, scenario=label), legendgroup=label,
                )
            )  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=x,
                y=rows["p50"],
                mode="lines",
                line={"color": colour, "width": 2},
                name=t("sim.median", scenario=label),
                legendgroup=label,
            )
        )
    unit = UNITS[variable][0]
    title = t(
        "sim.title.fan", variable=t(f"sim.var.{variable}"), region=_region_name(result, region)
    )
    return apply_layout(fig, title, t("sim.axis.month"), t(f"unit.{unit}"))


def stacked_occupancy(result: SimulationResult, region: str, scenario: str) -> go.Figure:
    """Median number of people per service over the months, stacked."""
    frame = result.summaries[scenario].monthly
    fig = go.Figure()
    for service in SERVICE_NAMES:
        rows = frame[(frame["region_code"] == region) & (frame["variable"] == f"stock_{service}")]
        fig.add_trace(
            go.Scatter(
                x=rows["month"], y=rows["p50"], mode="lines", stackgroup="one",
                name=t(f"sim.service.{service}"), line={"color": SERVICE_COLOURS[service]},
            )
        )  # fmt: skip
    title = t(
        "sim.title.stacked", region=_region_name(result, region), scenario=_label(result, scenario)
    )
    return apply_layout(fig, title, t("sim.axis.month"), t("sim.axis.persons"))


def waiting_chart(result: SimulationResult, region: str) -> go.Figure:
    """Median expected wait per service over the months, per scenario (dashes per scenario)."""
    fig = go.Figure()
    dashes = ("solid", "dash", "dot", "dashdot", "longdash")
    for i, (scenario, summary) in enumerate(result.summaries.items()):
        frame = summary.monthly
        for service in WAIT_SERVICES:
            rows = frame[
                (frame["region_code"] == region) & (frame["variable"] == f"wait_months_{service}")
            ]
            fig.add_trace(
                go.Scatter(
                    x=rows["month"], y=rows["p50"], mode="lines",
                    name=f"{t(f'sim.service.{service}')} ({_label(result, scenario)})",
                    line={"color": SERVICE_COLOURS[service], "dash": dashes[i % len(dashes)]},
                )
            )  # fmt: skip
    title = t("sim.title.waiting", region=_region_name(result, region))
    return apply_layout(fig, title, t("sim.axis.month"), t("sim.axis.months"))


def standard_figures(result: SimulationResult, region: str) -> dict[str, go.Figure]:
    """The figures a user sees first for one region, keyed by a file-name stem."""
    figures = {
        f"waaier_{v}_{region}": fan_chart(result, region, v)
        for v in ("blocked_bed_days", "waiting_ambulant", "stock_fact", "spending_total")
    }
    for scenario in result.summaries:
        figures[f"bezetting_{scenario}_{region}"] = stacked_occupancy(result, region, scenario)
    figures[f"wachttijd_{region}"] = waiting_chart(result, region)
    return figures
