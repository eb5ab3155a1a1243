"""Observed versus expected: ratio intervals, bands, flags; known answers on planted data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import poisson

from ggzregio.demo import demo_areas_path
from ggzregio.io.areas import areas_from_frame, read_areas
from ggzregio.labels import flag_text
from ggzregio.prevalence import ModelSpec, estimate_areas
from ggzregio.prevalence.compare import (
    compare_areas,
    poisson_ratio_interval,
    residual_band,
)
from ggzregio.prevalence.run import run_compare
from ggzregio.prevalence.synthetic import simulate_observed


def test_exact_poisson_interval_known_values() -> None:
    # Garwood limits for O = 10: 4.7954 and 18.3904 (standard tables).
    low, high = poisson_ratio_interval([10, 0], [10.0, 5.0])
    assert low[0] == pytest.approx(0.47954, abs=1e-5)
    assert high[0] == pytest.approx(1.83904, abs=1e-5)
    assert low[1] == 0.0
    assert high[1] == pytest.approx(3.68888 / 5, abs=1e-5)  # O = 0: upper limit 3.689


def test_poisson_interval_coverage() -> None:
    """The exact interval covers the true ratio at least 95 % of the time."""
    expected = 7.3
    counts = np.arange(0, 60)
    low, high = poisson_ratio_interval(counts, np.full(counts.shape, expected))
    covers = (low <= 1.0) & (high >= 1.0)
    assert poisson.pmf(counts, expected)[covers].sum() >= 0.95


def test_residual_band_edges(model: ModelSpec) -> None:
    predicted = np.full(7, 15.0)
    observed = predicted + np.array([0.0, -1.7, 0.61, 2.1, 11.1, 11.2, -7.9])
    bands = residual_band(observed, predicted, model)
    assert list(bands) == [
        "within_p25",
        "within_p25",
        "within_p50",
        "within_p50",
        "within_p95",
        "above_p95",
        "below_p95",
    ]


def _one_area(model: ModelSpec, observed: int, adults: int = 4000) -> pd.Series:
    frame = pd.DataFrame(
        {
            "area_code": ["1"],
            "adults": [adults],
            "urbanity_class": [3],
            "pct_single_households": [23.14],
            "pct_wwb": [5.60],
            "pct_ao": [3.45],
            "observed_cases": [observed],
        }
    )
    areas = areas_from_frame(frame, model, count_columns=("observed_cases",))
    return compare_areas(estimate_areas(areas.frame, model), model).iloc[0]


def test_flags_and_plain_reasons(model: ModelSpec) -> None:
    # Predicted 14.99 per 1,000 of 4,000 adults: ~60 expected.
    normal = _one_area(model, 60)
    assert not normal["flag_intramural"]
    assert not normal["flag_under_reach"]
    assert normal["flags"] == ""
    assert flag_text(normal["flags"]) == ""
    high = _one_area(model, 180)  # 45 per 1,000 > 42.5
    assert high["flag_intramural"]
    assert high["flags"].startswith("intramural:42.5:")  # a code, no words in the core
    assert "intramurale locatie" in flag_text(high["flags"])
    assert "42,5" in flag_text(high["flags"])
    low = _one_area(model, 20)  # 5 per 1,000: far below the 95 % band
    assert low["flag_under_reach"]
    assert "onderbereik" in flag_text(low["flags"])
    small = _one_area(model, 3, adults=200)
    assert small["flag_small_numbers"]
    assert "kleine aantallen" in flag_text(small["flags"])


def test_planted_areas_are_flagged_and_few_others(model: ModelSpec) -> None:
    areas = read_areas(demo_areas_path(), model)
    drawn = simulate_observed(areas.frame, model, seed=11)
    frame = areas.frame.assign(observed_cases=drawn.observed)
    from dataclasses import replace

    result = run_compare(replace(areas, frame=frame), model, threshold=10)
    table = result.tables["area"].set_index("area_code")
    assert table.loc[list(drawn.intramural), "flag_intramural"].eq(True).all()
    assert table.loc[list(drawn.under_reached), "flag_under_reach"].eq(True).all()
    planted = set(drawn.intramural) | set(drawn.under_reached)
    others = table.drop(index=list(planted))
    false_flags = (others["flag_intramural"].eq(True) | others["flag_under_reach"].eq(True)).mean()
    # The 95 % band flags about 5 % of ordinary areas by construction; noise is a bit narrower.
    assert false_flags < 0.05
