"""Small-area prediction of EPA care prevalence (SPEC.md §2; seed 004, Bijlage 4).

All functions are vectorised over areas and pure: they take arrays or a validated area table
and a :class:`~ggzregio.prevalence.model.ModelSpec`, and return new arrays or a new table.
Values are kept at full precision; rounding is for display only.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from ggzregio.prevalence.model import ModelSpec

#: Output column names.
PREVALENCE = "prevalence_per_1000"
EXPECTED = "expected_cases"
URBANITY_CLASS = "urbanity_class"
MODEL_COLUMN = "model"
DATA_COLUMN = "data_version"


def interval_columns(coverage: int) -> tuple[str, str, str, str]:
    """Names of the four interval columns for one coverage level:
    low/high per 1,000 and low/high expected count."""
    stem = f"observed_p{coverage}"
    return (
        f"{stem}_low_per_1000",
        f"{stem}_high_per_1000",
        f"{stem}_low_cases",
        f"{stem}_high_cases",
    )


def classify_urbanity(oad: ArrayLike, model: ModelSpec) -> NDArray[np.int8]:
    """Urbanity class (1 = I, not urban ... 5 = V, very strongly urban) from the average
    address density (OAD, addresses per km²). Lower bounds are inclusive (004:1573-1580):
    499.99 is class I, 500 is class II.
    """
    values = np.asarray(oad, dtype=np.float64)
    if np.isnan(values).any() or (values < 0).any():
        raise ValueError("OAD must be a non-negative number for every area")
    classes = np.searchsorted(model.oad_lower_bounds, values, side="right") + 1
    return classes.astype(np.int8)


def predict_prevalence(
    variables: Mapping[str, ArrayLike], urbanity_class: ArrayLike, model: ModelSpec
) -> NDArray[np.float64]:
    """Predicted EPA care prevalence per 1,000 adults per year.

    ``variables`` maps each of ``model.variables`` (percentages 0-100) to values per area;
    the prediction is the sum of coefficient × percentage plus the intercept of the area's
    urbanity class (004:1600-1676, class I per the erratum of March 2017, 004:1680).
    """
    classes = np.asarray(urbanity_class, dtype=np.int64)
    if classes.size and (classes.min() < 1 or classes.max() > len(model.urbanity_classes)):
        raise ValueError(f"urbanity class must be 1..{len(model.urbanity_classes)}")
    result = model.intercepts[classes - 1].astype(np.float64, copy=True)
    for coefficient in model.coefficients:
        result += coefficient.value * np.asarray(variables[coefficient.variable], dtype=np.float64)
    return result


def expected_cases(prevalence_per_1000: ArrayLike, adults: ArrayLike) -> NDArray[np.float64]:
    """Expected number of adults with EPA in GGZ care: prevalence × adults / 1,000."""
    return (
        np.asarray(prevalence_per_1000, dtype=np.float64)
        * np.asarray(adults, dtype=np.float64)
        / 1000.0
    )


def observed_intervals(
    prevalence_per_1000: ArrayLike, adults: ArrayLike, model: ModelSpec
) -> dict[str, NDArray[np.float64]]:
    """Intervals in which the observed prevalence is expected to lie, per area.

    For each row of the model's residual-quantile table (coverage 25/50/75/90/95 % for
    ``trimbos-2017``) the interval is prediction + [low, high], cut off at zero, both per
    1,000 adults and as counts. These are *empirical* intervals: the spread of observed
    around predicted prevalence over the areas of the fitting data (2014), not confidence
    intervals of the mean.
    """
    prev = np.asarray(prevalence_per_1000, dtype=np.float64)
    scale = np.asarray(adults, dtype=np.float64) / 1000.0
    out: dict[str, NDArray[np.float64]] = {}
    for q in model.residual_quantiles:
        low_rate, high_rate, low_count, high_count = interval_columns(q.coverage)
        low = np.maximum(prev + q.low, 0.0)
        high = np.maximum(prev + q.high, 0.0)
        out[low_rate] = low
        out[high_rate] = high
        out[low_count] = low * scale
        out[high_count] = high * scale
    return out


def estimate_areas(areas: pd.DataFrame, model: ModelSpec, data_version: str = "") -> pd.DataFrame:
    """Estimate EPA care prevalence for every area of a validated area table.

    ``areas`` needs ``adults``, the model's variables and either ``oad`` or
    ``urbanity_class``. The result keeps every input column and adds
    ``urbanity_class`` (from OAD when given), ``prevalence_per_1000``, ``expected_cases``,
    the interval columns of :func:`observed_intervals`, and the model and data versions.
    """
    if "oad" in areas.columns:
        classes = classify_urbanity(areas["oad"].to_numpy(), model)
    else:
        classes = areas[URBANITY_CLASS].to_numpy(dtype=np.int8)
    variables = {name: areas[name].to_numpy(dtype=np.float64) for name in model.variables}
    prevalence = predict_prevalence(variables, classes, model)
    adults = areas["adults"].to_numpy(dtype=np.float64)

    new: dict[str, object] = {
        URBANITY_CLASS: classes,
        PREVALENCE: prevalence,
        EXPECTED: expected_cases(prevalence, adults),
    }
    new.update(observed_intervals(prevalence, adults, model))
    new[MODEL_COLUMN] = model.label
    new[DATA_COLUMN] = data_version
    kept = areas.drop(columns=[c for c in new if c in areas.columns])
    # Inputs first (an input urbanity_class is replaced by the derived one), results after.
    result = pd.concat([kept, pd.DataFrame(new, index=areas.index)], axis=1)
    return result.reset_index(drop=True)
