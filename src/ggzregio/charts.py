"""Shared pieces of every figure: the look (template, number separators of the language) and
export to standalone HTML (Plotly's JavaScript embedded, so the file works offline) or PNG/SVG
(rendered by Kaleido in the local headless Chromium). The figures themselves live with their
domain (:mod:`ggzregio.prevalence.figures`, :mod:`ggzregio.planning.figures`, ...)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Final

import plotly.graph_objects as go

from ggzregio.i18n import get_language
from ggzregio.io.atomic import write_files_atomically

FIGURE_FORMATS: Final = ("html", "png", "svg")
#: Colour per spending category, the same in every figure (colour-blind safe palette).
CATEGORY_COLOURS: Final = {
    "clinical": "#C0392B",
    "bw": "#E69F00",
    "ambulant_epa": "#009E73",
    "ambulant_other": "#4C78A8",
    "justice": "#7F7F7F",
}


def apply_layout(fig: go.Figure, title: str, x_title: str, y_title: str) -> go.Figure:
    """Shared look: white template, axis titles, number separators of the active language."""
    fig.update_layout(
        title=title,
        xaxis_title=x_title,
        yaxis_title=y_title,
        template="plotly_white",
        separators=",." if get_language() == "nl" else ".,",
    )
    return fig


def _ensure_browser() -> None:
    """Point Kaleido at Debian's Chromium when no browser path is configured."""
    if "BROWSER_PATH" not in os.environ:
        found = shutil.which("chromium") or shutil.which("chromium-browser")
        if found:
            os.environ["BROWSER_PATH"] = found


def export_figure(fig: go.Figure, target: Path) -> Path:
    """Write ``fig`` to ``target`` (.html standalone, .png or .svg), atomically."""
    suffix = target.suffix.lower().lstrip(".")
    if suffix not in FIGURE_FORMATS:
        raise ValueError(f"figure format must be one of {FIGURE_FORMATS}, not {suffix!r}")
    if suffix == "html":
        html = fig.to_html(include_plotlyjs=True, full_html=True)
        write_files_atomically({target: lambda tmp: tmp.write_text(html, encoding="utf-8")})
    else:
        _ensure_browser()
        data = fig.to_image(format=suffix, width=1000, height=650, scale=1)
        write_files_atomically({target: lambda tmp: tmp.write_bytes(data)})
    return target
