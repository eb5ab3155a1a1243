"""Aggregation: totals equal the sum of their parts; rates from sums; national comparison."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ggzregio.io.areas import areas_from_frame
from ggzregio.prevalence import ModelSpec, aggregate, aggregate_levels, estimate_areas
from ggzregio.reference import national_reference

area_rows = st.lists(
    st.tuples(
        st.integers(0, 9),  # municipality
        st.integers(0, 20_000),  # adults
        st.integers(0, 5_000),  # extra inhabitants (< 18)
        st.floats(0, 8_000),  # oad
        st.floats(0, 100),
        st.floats(0, 100),
        st.floats(0, 100),
    ),
    min_size=1,
    max_size=60,
)


def _frame(rows: list[tuple[int, int, int, float, float, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_code": [f"{i:04d}" for i in range(len(rows))],
            "municipality_code": [f"GM{r[0]}" for r in rows],
            "region_code": [f"R{r[0] % 3}" for r in rows],
            "adults": [r[1] for r in rows],
            "inhabitants": [r[1] + r[2] for r in rows],
            "oad": [r[3] for r in rows],
            "pct_single_households": [r[4] for r in rows],
            "pct_wwb": [r[5] for r in rows],
            "pct_ao": [r[6] for r in rows],
        }
    )


@settings(max_examples=100, deadline=None)
@given(rows=area_rows)
def test_totals_equal_sum_of_parts(model: ModelSpec, rows: list) -> None:  # type: ignore[type-arg]
    estimates = estimate_areas(areas_from_frame(_frame(rows), model).frame, model)
    tables = aggregate_levels(estimates, ["municipality_code", "region_code"], national_reference())
    total = tables["total"].iloc[0]
    for level in ("municipality_code", "region_code"):
        table = tables[level]
        assert table["n_areas"].sum() == len(rows)
        assert table["adults"].sum() == estimates["adults"].sum() == total["adults"]
        assert table["inhabitants"].sum() == total["inhabitants"]
        assert table["expected_cases"].sum() == pytest.approx(total["expected_cases"], rel=1e-12)
        # Per group: sum of the group's areas.
        for _, row in table.iterrows():
            members = estimates[estimates[level] == row[level]]
            assert row["expected_cases"] == pytest.approx(
                members["expected_cases"].sum(), rel=1e-12, abs=1e-12
            )
    assert total["expected_cases"] == pytest.approx(estimates["expected_cases"].sum(), abs=1e-9)


def test_rates_come_from_sums_not_averages(model: ModelSpec, areas_frame: pd.DataFrame) -> None:
    estimates = estimate_areas(areas_from_frame(areas_frame, model).frame, model)
    table = aggregate(estimates, "region_code", national_reference()).set_index("region_code")
    r1 = estimates[estimates["region_code"] == "R1"]
    expected_rate = r1["expected_cases"].sum() / r1["adults"].sum() * 1000
    assert table.loc["R1", "prevalence_per_1000"] == pytest.approx(expected_rate, rel=1e-12)
    assert table.loc["R1", "prevalence_per_1000"] != pytest.approx(r1["prevalence_per_1000"].mean())


def test_national_comparison_known_answer(model: ModelSpec) -> None:
    ref = national_reference()
    # 1.3 % x (160,000 + 26,000) / 216,000 per 100,000 inhabitants (004:1552-1555).
    assert ref.adult_care_per_100k == pytest.approx(1300 * 186_000 / 216_000)
    # An area whose adults in care per 100,000 inhabitants equal the national figure has
    # index 100 and the national EPA population band and target population.
    prevalence = 14.988166  # the worked example
    adults = 3917
    inhabitants = prevalence * adults / 1000 / ref.adult_care_per_100k * 100_000
    frame = pd.DataFrame(
        {
            "area_code": ["1"],
            "adults": [adults],
            "urbanity_class": [3],
            "pct_single_households": [23.14],
            "pct_wwb": [5.60],
            "pct_ao": [3.45],
        }
    )
    estimates = estimate_areas(areas_from_frame(frame, model).frame, model)
    estimates["inhabitants"] = inhabitants
    row = aggregate(estimates, None, ref).iloc[0]
    assert row["index_vs_national"] == pytest.approx(100.0)
    assert row["implied_epa_population_low"] == pytest.approx(1500 * inhabitants / 100_000)
    assert row["implied_epa_population_high"] == pytest.approx(1800 * inhabitants / 100_000)
    assert row["implied_target_population"] == pytest.approx(2500 * inhabitants / 100_000)


def test_group_without_adults_has_no_rate(model: ModelSpec, areas_frame: pd.DataFrame) -> None:
    frame = areas_frame.copy()
    frame.loc[frame["region_code"] == "R2", ["adults", "inhabitants"]] = 0
    estimates = estimate_areas(areas_from_frame(frame, model).frame, model)
    table = aggregate(estimates, "region_code", national_reference()).set_index("region_code")
    assert np.isnan(table.loc["R2", "prevalence_per_1000"])
    assert table.loc["R2", "expected_cases"] == 0


def test_aggregate_by_any_column_keeps_names(model: ModelSpec, areas_frame: pd.DataFrame) -> None:
    frame = areas_frame.assign(wijk=["A", "A", "B", "B"], region_name=["Een", "Een", "Een", "Twee"])
    estimates = estimate_areas(areas_from_frame(frame, model).frame, model)
    by_wijk = aggregate(estimates, "wijk", national_reference())
    assert list(by_wijk["wijk"]) == ["A", "B"]
    by_region = aggregate(estimates, "region_code", national_reference())
    assert list(by_region["region_name"]) == ["Een", "Twee"]
