"""Shared pieces of every figure: the look (template, number separators of the language) and
export to standalone HTML (Plotly's JavaScript embedded, so the file works offline) or PNG/SVG
(rendered by Kaleido in the local headless Chromium; the extra ``figures``). The figures
themselves live with their domain (:mod:`ggzregio.prevalence.figures`,
:mod:`ggzregio.planning.figures`, ...)."""

from __future__ import annotations

import os
import shutil
import threading
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Final

import plotly.graph_objects as go

from ggzregio.extras import require
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


def year_axis(fig: go.Figure) -> go.Figure:
    """Years on the x axis as years: ``2028``, never ``2.028``, in ticks and hover text
    (d3 format ``d``: an integer without grouping)."""
    fig.update_xaxes(tickformat="d", hoverformat="d")
    return fig


def browser_path() -> str | None:
    """The headless browser for images and PDFs: ``BROWSER_PATH``, else Debian's Chromium."""
    return (
        os.environ.get("BROWSER_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


def _ensure_browser() -> None:
    """Point Kaleido at Debian's Chromium when no browser path is configured."""
    found = browser_path()
    if found:
        os.environ["BROWSER_PATH"] = found


#: Kaleido's browser server is per process; one batch at a time uses it.
_KALEIDO: Final = threading.Lock()


def static_images(
    figures: Sequence[tuple[go.Figure, str]], width: int = 1000, height: int = 650
) -> list[bytes]:
    """PNG or SVG bytes of each (figure, format), all rendered by one headless Chromium
    (starting the browser costs about two seconds; a batch pays it once)."""
    if not figures:
        return []
    kaleido = require("kaleido", "figures")
    _ensure_browser()
    with _KALEIDO:
        kaleido.start_sync_server(silence_warnings=True)
        try:
            with warnings.catch_warnings():
                # Plotly passes browser options the running server already has.
                warnings.filterwarnings("ignore", "The kopts argument is ignored", UserWarning)
                return [
                    fig.to_image(format=fmt, width=width, height=height, scale=1)
                    for fig, fmt in figures
                ]
        finally:
            kaleido.stop_sync_server(silence_warnings=True)


def _suffix(target: Path) -> str:
    suffix = target.suffix.lower().lstrip(".")
    if suffix not in FIGURE_FORMATS:
        raise ValueError(f"figure format must be one of {FIGURE_FORMATS}, not {suffix!r}")
    return suffix


def export_figures(figures: Mapping[Path, go.Figure]) -> list[Path]:
    """Write each figure to its path (.html standalone, .png or .svg), all atomically
    together; the static images in one browser session."""
    formats = {target: _suffix(target) for target in figures}
    static = [target for target in figures if formats[target] != "html"]
    images = dict(
        zip(static, static_images([(figures[t], formats[t]) for t in static]), strict=True)
    )
    writers: dict[Path, Callable[[Path], object]] = {}
    for target, fig in figures.items():
        if target in images:
            writers[target] = _writer(images[target])
        else:
            writers[target] = _writer(fig.to_html(include_plotlyjs=True, full_html=True))
    write_files_atomically(writers)
    return list(figures)


def _writer(content: bytes | str) -> Callable[[Path], object]:
    if isinstance(content, bytes):
        return lambda tmp: tmp.write_bytes(content)
    return lambda tmp: tmp.write_text(content, encoding="utf-8")


def export_figure(fig: go.Figure, target: Path) -> Path:
    """Write ``fig`` to ``target`` (.html standalone, .png or .svg), atomically."""
    return export_figures({target: fig})[0]
