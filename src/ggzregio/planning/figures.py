"""Figures of a gap analysis: spending now versus the scenario per category, spending shares
as stacked bars, and capacity now versus the target range per item. Plotly figures, exported
with :func:`ggzregio.charts.export_figure`."""

from __future__ import annotations

import plotly.graph_objects as go

from ggzregio.categories import category_label
from ggzregio.charts import CATEGORY_COLOURS, apply_layout
from ggzregio.i18n import t
from ggzregio.planning.gap import GapAnalysis


def category_figure(gap: GapAnalysis) -> go.Figure:
    """Grouped bars per category: current euros, the scenario at the reference budget, and the
    budget-neutral target (scenario shares × current total)."""
    cats = list(gap.categories)
    labels = [category_label(c.category) for c in cats]
    fig = go.Figure()
    series = (
        ("fig.plan.current", [c.current_eur / 1e6 for c in cats], "#7F7F7F"),
        ("fig.plan.scenario", [c.scenario_eur / 1e6 for c in cats], "#1F4E79"),
        ("fig.plan.neutral", [c.neutral_eur / 1e6 for c in cats], "#009E73"),
    )
    for key, values, colour in series:
        fig.add_bar(
            name=t(key),
            x=labels,
            y=values,
            marker_color=colour,
            hovertemplate="%{x}: € %{y:,.2f} mln<extra>" + t(key) + "</extra>",
        )
    fig.update_layout(barmode="group")
    title = t("fig.plan.category_title", scenario=gap.plan.norm_set.title())
    return apply_layout(fig, title, "", t("fig.plan.eur_axis"))


def shares_figure(gap: GapAnalysis) -> go.Figure:
    """Stacked bars of spending shares: now and in the scenario (adds up to 100 %)."""
    columns = [t("fig.plan.current"), gap.plan.norm_set.title()]
    fig = go.Figure()
    for c in gap.categories:
        values = [c.current_share * 100, c.scenario_share * 100]
        fig.add_bar(
            name=category_label(c.category),
            x=columns,
            y=values,
            marker_color=CATEGORY_COLOURS[c.category],
            text=[f"{v:.0f} %" for v in values],
            hovertemplate="%{x}: %{y:.1f} %<extra>" + category_label(c.category) + "</extra>",
        )
    fig.update_layout(barmode="stack", yaxis_range=[0, 100])
    return apply_layout(fig, t("fig.plan.shares_title"), "", t("fig.plan.share_axis"))


def capacity_figure(gap: GapAnalysis) -> go.Figure:
    """Per quantified item: current value as a bar, the target range as a bar to its mid with
    an error bar from low to high (fte for teams and fte items, places for places)."""
    items = [i for i in gap.items if i.target is not None]
    labels = [f"{i.label} ({t(f'measure.{i.measure}')})" for i in items]
    fig = go.Figure()
    fig.add_bar(
        name=t("fig.plan.current"),
        x=labels,
        y=[i.current for i in items],
        marker_color="#7F7F7F",
    )
    fig.add_bar(
        name=t("fig.plan.target"),
        x=labels,
        y=[i.target.mid for i in items if i.target is not None],
        marker_color="#1F4E79",
        error_y={
            "type": "data",
            "symmetric": False,
            "array": [i.target.high - i.target.mid for i in items if i.target is not None],
            "arrayminus": [i.target.mid - i.target.low for i in items if i.target is not None],
        },
    )
    fig.update_layout(barmode="group")
    return apply_layout(fig, t("fig.plan.capacity_title"), "", t("fig.plan.capacity_axis"))
