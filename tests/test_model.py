"""The published Trimbos model: known answers from the seed and the model-as-data contract."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ggzregio.prevalence import (
    ModelSpec,
    ModelSpecError,
    classify_urbanity,
    expected_cases,
    load_model,
    model_to_toml,
    predict_prevalence,
    shipped_models,
)


def test_worked_example_from_seed(model: ModelSpec) -> None:
    # 004:1684-1706: class III, 23.14 %, 5.60 %, 3.45 %, 3,917 adults -> 14.99 per 1,000, 59.
    prev = predict_prevalence(
        {"pct_single_households": [23.14], "pct_wwb": [5.60], "pct_ao": [3.45]}, [3], model
    )
    assert round(float(prev[0]), 2) == 14.99
    assert float(prev[0]) == pytest.approx(3.642236 + 5.05176 + 2.10657 + 4.1876, abs=1e-12)
    cases = expected_cases(prev, [3917])
    assert round(float(cases[0])) == 59
    # Full precision is kept: not the rounded 14.99 x 3917 / 1000.
    assert float(cases[0]) == pytest.approx(58.70864622, abs=1e-8)


def test_worked_example_is_recorded_in_the_model_file(model: ModelSpec) -> None:
    example = model.extra["worked_example"]
    prev = predict_prevalence(
        {v: [example[v]] for v in model.variables}, [example["urbanity_class"]], model
    )
    assert round(float(prev[0]), 2) == example["prevalence_per_1000"]
    assert round(float(expected_cases(prev, [example["adults"]])[0])) == example["expected_cases"]


def test_published_coefficients_and_erratum(model: ModelSpec) -> None:
    assert model.id == "trimbos-2017"
    assert dict(zip(model.variables, [c.value for c in model.coefficients], strict=True)) == {
        "pct_single_households": 0.1574,
        "pct_wwb": 0.9021,
        "pct_ao": 0.6106,
    }
    # Class I intercept as corrected by the erratum of March 2017 (004:1610, 1680).
    assert list(model.intercepts) == [2.0722, 3.1802, 4.1876, 5.2911, 6.8316]
    assert all(c.cite for c in model.coefficients + model.urbanity_classes)
    assert [(q.coverage, q.low, q.high) for q in model.residual_quantiles] == [
        (25, -1.7, 0.6),
        (50, -2.8, 2.1),
        (75, -4.4, 4.7),
        (90, -6.3, 8.3),
        (95, -7.8, 11.1),
    ]
    assert model.exclusion_threshold_per_1000 == 42.5


@pytest.mark.parametrize(
    ("oad", "expected_class"),
    [
        (0, 1),
        (499.99, 1),
        (500, 2),
        (999.99, 2),
        (1000, 3),
        (1499.99, 3),
        (1500, 4),
        (2499.99, 4),
        (2500, 5),
        (25_000, 5),
    ],
)
def test_urbanity_class_boundaries(model: ModelSpec, oad: float, expected_class: int) -> None:
    assert classify_urbanity([oad], model)[0] == expected_class


def test_classify_refuses_negative_or_missing_oad(model: ModelSpec) -> None:
    with pytest.raises(ValueError, match="OAD"):
        classify_urbanity([-1.0], model)
    with pytest.raises(ValueError, match="OAD"):
        classify_urbanity([np.nan], model)


def test_predict_refuses_unknown_class(model: ModelSpec) -> None:
    with pytest.raises(ValueError, match="urbanity class"):
        predict_prevalence({v: [1.0] for v in model.variables}, [6], model)


def test_model_round_trips_through_toml(model: ModelSpec, tmp_path: Path) -> None:
    path = tmp_path / "copy.toml"
    path.write_text(model_to_toml(model), encoding="utf-8")
    again = load_model(path)
    assert again == model


def test_shipped_models_listed() -> None:
    assert "trimbos-2017" in shipped_models()


def test_unknown_model_and_broken_file(tmp_path: Path) -> None:
    with pytest.raises(ModelSpecError, match="unknown model"):
        load_model("no-such-model")
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\nversion = "1"\n', encoding="utf-8")
    with pytest.raises(ModelSpecError, match="not a valid model"):
        load_model(broken)


def test_model_with_unordered_bounds_is_refused(model: ModelSpec, tmp_path: Path) -> None:
    text = model_to_toml(model).replace("oad_min = 1000", "oad_min = 400")
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ModelSpecError, match="increase"):
        load_model(path)
