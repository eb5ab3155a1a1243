"""Funnel plot and scatter: suppressed areas never plotted; offline HTML; PNG and SVG."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ggzregio.io.areas import areas_from_frame
from ggzregio.prevalence import ModelSpec
from ggzregio.prevalence.figures import (
    control_limits,
    export_figure,
    funnel_figure,
    scatter_figure,
)
from ggzregio.prevalence.run import run_compare


@pytest.fixture
def compared(model: ModelSpec, areas_frame: pd.DataFrame) -> pd.DataFrame:
    frame = areas_frame.assign(observed_cases=[55, 4, 20, 130])
    areas = areas_from_frame(frame, model, count_columns=("observed_cases",))
    return run_compare(areas, model).tables["area"]


def test_control_limits_widen_for_small_expected() -> None:
    low, high = control_limits(np.array([5.0, 50.0, 500.0]), 0.95)
    assert (np.diff(high) < 0).all()
    assert (np.diff(low) > 0).all()
    low998, high998 = control_limits(np.array([50.0]), 0.998)
    assert low998[0] < low[1]
    assert high998[0] > high[1]


def test_suppressed_areas_are_not_plotted(compared: pd.DataFrame) -> None:
    hidden = set(compared.loc[compared["suppressed"], "area_code"])
    assert hidden  # the fixture has a small count
    for fig in (funnel_figure(compared), scatter_figure(compared)):
        texts = " ".join(" ".join(trace.text or ()) for trace in fig.data)
        for code in hidden:
            assert f"({code})" not in texts
        shown = [c for c in compared["area_code"] if f"({c})" in texts]
        assert len(shown) == len(compared) - len(hidden)


def test_scatter_has_a_region_selector(compared: pd.DataFrame) -> None:
    fig = scatter_figure(compared)
    buttons = fig.layout.updatemenus[0].buttons
    assert next(b.label for b in buttons) == "alle regio's"
    assert len(buttons) == 1 + compared.loc[~compared["suppressed"], "region_code"].nunique()


def test_export_html_is_standalone_and_offline(compared: pd.DataFrame, tmp_path: Path) -> None:
    path = export_figure(funnel_figure(compared), tmp_path / "funnel.html")
    html = path.read_text(encoding="utf-8")
    assert "Plotly.newPlot" in html or "Plotly.react" in html
    # No script, style or map data loaded from the internet (the bundle merely mentions
    # Plotly's CDN as the default source of geo maps, which these figures do not use).
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', html)
    assert "cdn.plot.ly/plotly" not in html


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_export_static_image(compared: pd.DataFrame, tmp_path: Path, suffix: str) -> None:
    path = export_figure(funnel_figure(compared), tmp_path / f"funnel.{suffix}")
    data = path.read_bytes()
    if suffix == "png":
        assert data.startswith(b"\x89PNG")
    else:
        assert b"<svg" in data[:500]
