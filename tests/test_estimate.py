"""Area estimates: intervals and the estimate table."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from ggzregio.io.areas import areas_from_frame
from ggzregio.prevalence import ModelSpec, estimate_areas, interval_columns, observed_intervals

COVERAGES = (25, 50, 75, 90, 95)

percent = st.floats(min_value=0, max_value=100, allow_nan=False)
adults = st.integers(min_value=0, max_value=100_000)


@settings(max_examples=200, deadline=None)
@given(
    single=percent,
    wwb=percent,
    ao=percent,
    klass=st.integers(min_value=1, max_value=5),
    n=adults,
    shift=st.floats(min_value=-30, max_value=0),
)
def test_intervals_are_ordered_nested_and_never_negative(
    model: ModelSpec, single: float, wwb: float, ao: float, klass: int, n: int, shift: float
) -> None:
    from ggzregio.prevalence import predict_prevalence

    prev = predict_prevalence(
        {"pct_single_households": [single], "pct_wwb": [wwb], "pct_ao": [ao]}, [klass], model
    )
    # Also push predictions towards zero to exercise the cut-off at zero.
    prev = np.maximum(prev + shift, 0.0)
    out = observed_intervals(prev, [n], model)
    previous: tuple[float, float] | None = None
    for coverage in COVERAGES:
        low, high, low_n, high_n = (float(out[c][0]) for c in interval_columns(coverage))
        assert 0.0 <= low <= high
        assert 0.0 <= low_n <= high_n
        if previous is not None:  # wider coverage never gives a narrower interval
            assert low <= previous[0]
            assert high >= previous[1]
        previous = (low, high)


def test_interval_values_for_worked_example(model: ModelSpec) -> None:
    out = observed_intervals([14.988166], [3917], model)
    assert out["observed_p95_low_per_1000"][0] == np.float64(14.988166 - 7.8)
    assert out["observed_p95_high_per_1000"][0] == np.float64(14.988166 + 11.1)
    assert out["observed_p25_low_cases"][0] == (14.988166 - 1.7) * 3.917


def test_interval_cut_at_zero(model: ModelSpec) -> None:
    out = observed_intervals([2.0], [1000], model)
    assert out["observed_p95_low_per_1000"][0] == 0.0
    assert out["observed_p95_low_cases"][0] == 0.0
    assert out["observed_p95_high_per_1000"][0] == 2.0 + 11.1


def test_estimate_table_columns(model: ModelSpec, areas_frame: pd.DataFrame) -> None:
    table = estimate_areas(areas_from_frame(areas_frame, model).frame, model, "test-data")
    for column in ("area_code", "urbanity_class", "prevalence_per_1000", "expected_cases"):
        assert column in table.columns
    for coverage in COVERAGES:
        for column in interval_columns(coverage):
            assert column in table.columns
    assert set(table["model"]) == {"trimbos-2017@1.0"}
    assert set(table["data_version"]) == {"test-data"}
    first = table.iloc[0]
    assert first["area_code"] == "1011"
    assert first["urbanity_class"] == 3
    assert round(first["prevalence_per_1000"], 2) == 14.99
    assert round(first["expected_cases"]) == 59
    # Input columns are kept unchanged.
    assert list(table["adults"]) == list(areas_frame["adults"])


def test_urbanity_class_input_instead_of_oad(model: ModelSpec, areas_frame: pd.DataFrame) -> None:
    by_class = areas_frame.drop(columns=["oad"]).assign(urbanity_class=["III", 5, 1, "V"])
    table = estimate_areas(areas_from_frame(by_class, model).frame, model)
    reference = estimate_areas(areas_from_frame(areas_frame, model).frame, model)
    np.testing.assert_array_equal(table["prevalence_per_1000"], reference["prevalence_per_1000"])
