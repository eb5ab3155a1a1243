"""Figures for observed versus expected: a funnel plot and an observed-vs-expected scatter.

Both take a *suppressed* comparison table (see :func:`ggzregio.prevalence.run.run_compare`)
and never plot a suppressed area. They return Plotly figures that the web application shows
as they are; :func:`export_figure` writes them as standalone HTML (Plotly's JavaScript
embedded, so the file works offline) and as PNG or SVG (rendered by Kaleido in a local
headless Chromium).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ggzregio.charts import FIGURE_FORMATS, apply_layout, export_figure
from ggzregio.formatting import format_number
from ggzregio.i18n import get_language, t
from ggzregio.poisson import poisson_count_limits
from ggzregio.prevalence.aggregate import OBSERVED
from ggzregio.prevalence.compare import FLAG_INTRAMURAL, FLAG_UNDER_REACH, RATIO
from ggzregio.prevalence.estimate import EXPECTED
from ggzregio.privacy import SUPPRESSED

_COLOURS = {"none": "#4C78A8", "intramural": "#C0392B", "under_reach": "#E69F00"}


def _visible(table: pd.DataFrame) -> pd.DataFrame:
    """Rows that may be shown: not suppressed, with a numeric ratio."""
    frame = table[~table[SUPPRESSED].astype(bool)] if SUPPRESSED in table else table
    frame = frame.assign(
        **{c: pd.to_numeric(frame[c], errors="coerce") for c in (OBSERVED, RATIO, EXPECTED)}
    )
    return frame[frame[EXPECTED] > 0]


def control_limits(expected: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Funnel limits for observed/expected when observed ~ Poisson(expected): the exact
    (chi-square) Poisson limits of the count, divided by the expected count."""
    low, high = poisson_count_limits(expected, level)
    return low / expected, high / expected


def _category(frame: pd.DataFrame) -> pd.Series:
    category = pd.Series("none", index=frame.index)
    if FLAG_UNDER_REACH in frame:
        category[frame[FLAG_UNDER_REACH] == True] = "under_reach"  # noqa: E712 (object column)
    if FLAG_INTRAMURAL in frame:
        category[frame[FLAG_INTRAMURAL] == True] = "intramural"  # noqa: E712
    return category


def _labels(frame: pd.DataFrame) -> list[str]:
    names = frame["area_name"] if "area_name" in frame else frame["area_code"]
    lang = get_language()
    return [
        f"{n} ({c})<br>{t('fig.observed')}: {format_number(o, 0, lang)}"
        f"<br>{t('fig.expected')}: {format_number(e, 1, lang)}"
        f"<br>{t('fig.ratio')}: {format_number(r, 2, lang)}"
        for n, c, o, e, r in zip(
            names, frame["area_code"], frame[OBSERVED], frame[EXPECTED], frame[RATIO], strict=True
        )
    ]


def _points(frame: pd.DataFrame, x: str, y: str) -> list[go.Scatter]:
    category = _category(frame)
    traces = []
    for key in ("none", "intramural", "under_reach"):
        part = frame[category == key]
        if part.empty:
            continue
        traces.append(
            go.Scatter(
                x=part[x],
                y=part[y],
                mode="markers",
                name=t(f"fig.cat_{key}"),
                marker={"color": _COLOURS[key], "size": 6, "opacity": 0.75},
                text=_labels(part),
                hoverinfo="text",
            )
        )
    return traces


def funnel_figure(table: pd.DataFrame, title: str | None = None) -> go.Figure:
    """Standardised care ratio against expected cases, with 95 % and 99.8 % control limits."""
    frame = _visible(table)
    fig = go.Figure(_points(frame, EXPECTED, RATIO))
    top = max(float(frame[EXPECTED].max()) if len(frame) else 10.0, 10.0)
    xs = np.geomspace(1.0, top * 1.05, 200)
    for level, dash in ((0.95, "dash"), (0.998, "dot")):
        low, high = control_limits(xs, level)
        name = t("fig.limit", level=format_number(level * 100, 1 if level > 0.99 else 0))
        for ys, show in ((low, True), (high, False)):
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    name=name,
                    showlegend=show,
                    line={"color": "#555", "dash": dash, "width": 1},
                    hoverinfo="skip",
                )
            )
    fig.add_hline(y=1.0, line={"color": "#222", "width": 1})
    return _layout(fig, title or t("fig.funnel_title"), t("fig.ratio_axis"))


def scatter_figure(table: pd.DataFrame, title: str | None = None) -> go.Figure:
    """Observed against expected cases per area, with a dropdown to show one region."""
    frame = _visible(table)
    fig = go.Figure()
    regions = sorted(frame["region_code"].unique()) if "region_code" in frame else []
    groups = [(r, frame[frame["region_code"] == r]) for r in regions] or [("", frame)]
    for code, part in groups:
        name = str(part["region_name"].iloc[0]) if "region_name" in part and len(part) else code
        fig.add_trace(
            go.Scatter(
                x=part[EXPECTED],
                y=part[OBSERVED],
                mode="markers",
                name=name or t("fig.areas"),
                marker={"size": 6, "opacity": 0.7},
                text=_labels(part),
                hoverinfo="text",
            )
        )
    top = float(max(frame[EXPECTED].max(), frame[OBSERVED].max())) if len(frame) else 1.0
    fig.add_trace(
        go.Scatter(
            x=[0, top],
            y=[0, top],
            mode="lines",
            name=t("fig.diagonal"),
            line={"color": "#222", "width": 1, "dash": "dash"},
        )
    )
    if len(groups) > 1:
        n = len(groups)
        buttons = [
            {
                "label": t("fig.all_regions"),
                "method": "update",
                "args": [{"visible": [True] * (n + 1)}],
            }
        ]
        for i, trace in enumerate(fig.data[:n]):
            visible = [j == i for j in range(n)] + [True]
            buttons.append(
                {"label": trace.name, "method": "update", "args": [{"visible": visible}]}
            )
        fig.update_layout(
            updatemenus=[{"buttons": buttons, "x": 1.0, "y": 1.15, "xanchor": "right"}]
        )
    return _layout(fig, title or t("fig.scatter_title"), t("fig.observed_axis"))


def _layout(fig: go.Figure, title: str, y_title: str) -> go.Figure:
    """Shared look with the expected count on the x axis."""
    return apply_layout(fig, title, t("fig.expected_axis"), y_title)


__all__ = ["FIGURE_FORMATS", "control_limits", "export_figure", "funnel_figure", "scatter_figure"]
