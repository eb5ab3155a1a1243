"""Figures of the monitor: trend against the target path, small multiples across regions,
intensity classes as stacked bars, a benchmark funnel plot and the substitution chart. Plotly
figures; export with :func:`ggzregio.charts.export_figure`. Suppressed values are not plotted."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ggzregio.charts import apply_layout, year_axis
from ggzregio.i18n import t
from ggzregio.monitor.catalogue import Target
from ggzregio.monitor.coverage import DEFAULT_MIN_COVERAGE
from ggzregio.monitor.data import NATIONAL, MonitorData, per_100k, region_label
from ggzregio.monitor.progress import target_series
from ggzregio.monitor.protection import protected_wide
from ggzregio.privacy import DEFAULT_THRESHOLD

INTENSITY = ("traj_lt_1800", "traj_1800_6000", "traj_gt_6000")
_INTENSITY_COLOURS = ("#9ECAE1", "#4292C6", "#08519C")


def trend_figure(
    data: MonitorData,
    target: Target,
    region: str = NATIONAL,
    threshold: int = DEFAULT_THRESHOLD,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
) -> go.Figure:
    """The target's series for ``region`` with the required path from baseline to target and,
    dotted, the national series scaled to the region's baseline for comparison (only years
    whose national coverage reaches ``min_coverage``)."""
    everything = target_series(data, target, threshold=threshold, min_coverage=min_coverage)
    if region in everything.index.get_level_values("region_code"):
        series = everything.xs(region, level="region_code").dropna()
    else:  # no series for the region yet: an empty figure, not an error
        series = pd.Series(dtype=float)
    fig = go.Figure()
    fig.add_scatter(
        x=series.index, y=series.to_numpy(), mode="lines+markers", name=t("fig.mon.actual")
    )
    if target.baseline_year in series.index:
        baseline = float(series[target.baseline_year])
        goal = target.goal(baseline)
        fig.add_scatter(
            x=[target.baseline_year, target.target_year],
            y=[baseline, goal],
            mode="lines",
            line={"dash": "dash", "color": "#C0392B"},
            name=t("fig.mon.path"),
        )
        if region != NATIONAL:
            nat = everything.xs(NATIONAL, level="region_code").dropna()
            if target.baseline_year in nat.index and nat[target.baseline_year]:
                scaled = nat / nat[target.baseline_year] * baseline
                fig.add_scatter(
                    x=scaled.index,
                    y=scaled.to_numpy(),
                    mode="lines",
                    line={"dash": "dot", "color": "#7F7F7F"},
                    name=t("fig.mon.national_scaled"),
                )
    title = f"{target.name()} — {region_label(data, region)}"
    return year_axis(apply_layout(fig, title, t("fig.mon.year"), t("fig.mon.value")))


def small_multiples(
    data: MonitorData,
    indicator: str,
    normalise: bool = True,
    threshold: int = DEFAULT_THRESHOLD,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
) -> go.Figure:
    """One small panel per region (shared axes) with the national line in each for reference
    (none in years below ``min_coverage``); hidden values (small counts) are gaps."""
    wide = protected_wide(data, threshold, min_coverage)
    meta = data.catalogue[indicator]
    if normalise and meta.normalised:
        wide = per_100k(data, wide)
    regions = [
        r for r in dict.fromkeys(wide.index.get_level_values("region_code")) if r != NATIONAL
    ]
    cols = 7
    rows = math.ceil(len(regions) / cols)
    fig = make_subplots(
        rows=rows,
        cols=cols,
        shared_xaxes=True,
        shared_yaxes=True,
        subplot_titles=regions,
        vertical_spacing=0.04,
        horizontal_spacing=0.02,
    )
    nat = wide.xs(NATIONAL, level="region_code")[indicator]
    for i, code in enumerate(regions):
        series = wide.xs(code, level="region_code")[indicator]
        r, c = i // cols + 1, i % cols + 1
        fig.add_scatter(
            x=nat.index, y=nat.to_numpy(), mode="lines", line={"color": "#BBBBBB", "width": 1},
            showlegend=i == 0, name=t("fig.mon.national"), row=r, col=c,
        )  # fmt: skip
        fig.add_scatter(
            x=series.index, y=series.to_numpy(), mode="lines", line={"color": "#1F4E79"},
            showlegend=i == 0, name=t("fig.mon.region"), row=r, col=c,
        )  # fmt: skip
    fig.update_layout(height=180 * rows, width=1200)
    unit = t("fig.mon.per_100k") if normalise and meta.normalised else meta.unit_name()
    return year_axis(apply_layout(fig, f"{meta.name()} ({unit})", "", ""))


def intensity_figure(
    data: MonitorData,
    region: str = NATIONAL,
    threshold: int = DEFAULT_THRESHOLD,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
) -> go.Figure:
    """Ambulant trajectories per year in the three intensity classes, stacked (002:286-300);
    hidden values (small counts) and national years below ``min_coverage`` are left out."""
    wide = protected_wide(data, threshold, min_coverage).xs(region, level="region_code")
    fig = go.Figure()
    for code, colour in zip(INTENSITY, _INTENSITY_COLOURS, strict=True):
        if code in wide:
            fig.add_bar(
                x=wide.index, y=wide[code].to_numpy(), name=data.catalogue[code].name(),
                marker_color=colour,
            )  # fmt: skip
    fig.update_layout(barmode="stack")
    title = f"{t('fig.mon.intensity_title')} — {region_label(data, region)}"
    return year_axis(apply_layout(fig, title, t("fig.mon.year"), t("fig.mon.trajectories")))


def funnel_figure(table: pd.DataFrame, data: MonitorData, indicator: str, year: int) -> go.Figure:
    """Regions' values (per 100,000 for counts) against population with the 95 % and 99.8 %
    limits around the national value; hidden (suppressed) regions are left out."""
    meta = data.catalogue[indicator]
    per = "per_100k" in table
    y = table["per_100k" if per else "value"]
    x = table["population"] if "population" in table else pd.Series(np.arange(len(table)))
    visible = y.notna()
    fig = go.Figure()
    order = np.argsort(x.to_numpy(float))
    for level, dash in (("95", "dash"), ("99_8", "dot")):
        suffix = "_per_100k" if per else ""
        for end in ("low", "high"):
            column = f"funnel_{level}_{end}{suffix}"
            if column in table:
                fig.add_scatter(
                    x=x.to_numpy()[order], y=table[column].to_numpy()[order], mode="lines",
                    line={"dash": dash, "color": "#7F7F7F"}, showlegend=end == "low",
                    name=t("fig.mon.limits", level=level.replace("_", ",")),
                )  # fmt: skip
    national = table["national_per_100k" if per else "national"].dropna()
    if len(national):
        fig.add_hline(y=float(national.iloc[0]), line_color="#C0392B", annotation_text="NL")
    fig.add_scatter(
        x=x[visible], y=y[visible], mode="markers", text=table["region_code"][visible],
        name=t("fig.mon.regions"), marker={"color": "#1F4E79", "size": 8},
        hovertemplate="%{text}: %{y:,.1f}<extra></extra>",
    )  # fmt: skip
    unit = t("fig.mon.per_100k") if per else meta.unit_name()
    title = f"{meta.name()} {year} ({unit})"
    return apply_layout(fig, title, t("fig.mon.population"), unit)


def substitution_figure(table: pd.DataFrame) -> go.Figure:
    """Change in institutional (clinical, Wlz, BW) against ambulant EPA + Wmo ambulant spending
    per 100,000 inhabitants; on the dashed line every euro less in beds went to ambulant care."""
    regional = table[table["region_code"] != NATIONAL]
    x = regional["delta_institutional_per_100k"] / 1e6
    y = regional["delta_ambulant_per_100k"] / 1e6
    fig = go.Figure()
    span = float(max(abs(x).max(), abs(y).max(), 0.1))
    fig.add_scatter(
        x=[-span, span], y=[span, -span], mode="lines", line={"dash": "dash", "color": "#7F7F7F"},
        name=t("fig.mon.full_substitution"),
    )  # fmt: skip
    fig.add_scatter(
        x=x, y=y, mode="markers+text", text=regional["region_code"], textposition="top center",
        marker={"color": "#009E73", "size": 8}, name=t("fig.mon.regions"),
    )  # fmt: skip
    first, last = int(table["from_year"].iloc[0]), int(table["to_year"].iloc[0])
    title = t("fig.mon.substitution_title", first=first, last=last)
    return apply_layout(fig, title, t("fig.mon.delta_institutional"), t("fig.mon.delta_ambulant"))
