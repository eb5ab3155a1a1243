"""Calibration: slope and intercept, per decile and per class."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ggzregio.demo import demo_areas_path
from ggzregio.io.areas import read_areas
from ggzregio.prevalence import ModelSpec, estimate_areas
from ggzregio.prevalence.calibration import calibrate
from ggzregio.prevalence.synthetic import simulate_observed


@pytest.fixture(scope="module")
def demo(model: ModelSpec) -> pd.DataFrame:
    return read_areas(demo_areas_path(), model).frame


def test_model_is_calibrated_on_its_own_data(model: ModelSpec, demo: pd.DataFrame) -> None:
    drawn = simulate_observed(demo, model, seed=4, n_intramural=0, n_under_reached=0)
    result = calibrate(estimate_areas(demo.assign(observed_cases=drawn.observed), model))
    assert result.slope == pytest.approx(1.0, abs=0.08)
    assert result.intercept == pytest.approx(0.0, abs=1.2)
    assert list(result.by_decile["decile"]) == list(range(1, 11))
    assert result.by_decile["ratio"].between(0.93, 1.07).all()
    assert sorted(result.by_class["urbanity_class"]) == [1, 2, 3, 4, 5]
    assert result.by_decile["n_areas"].sum() == len(demo)


def test_miscalibration_is_visible(model: ModelSpec, demo: pd.DataFrame) -> None:
    estimates = estimate_areas(demo, model)
    # Observed = 1.2 x expected exactly (rounded): slope 1.2, ratios 1.2 in every decile.
    observed = np.round(estimates["expected_cases"] * 1.2).astype(int)
    result = calibrate(estimates.assign(observed_cases=observed))
    assert result.by_decile["ratio"].to_numpy() == pytest.approx(1.2, abs=0.01)
    assert result.slope == pytest.approx(1.2, abs=0.05)
