"""Exact Poisson limits, shared by the comparison of observed and expected care, its funnel
plot and the monitor's benchmark funnel."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.stats import chi2


def poisson_count_limits(
    count: ArrayLike, level: float = 0.95
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Exact (chi-square, Garwood) limits for a Poisson count or mean ``count``:
    lower = χ²(α/2; 2c) / 2 (0 when c = 0), upper = χ²(1-α/2; 2c+2) / 2, with α = 1 − level.

    A count of 0 has lower limit 0 and upper limit χ²(1-α/2; 2) / 2 = −ln(α/2) (3.689 at
    95 %). A missing (NaN), negative or infinite count is no count: both limits are NaN, never
    a silent 0. The limits are never negative.
    """
    c = np.atleast_1d(np.asarray(count, dtype=np.float64))
    alpha = 1.0 - level
    valid = np.isfinite(c) & (c >= 0)
    safe = np.where(valid, c, 0.0)
    with np.errstate(invalid="ignore"):
        low = np.where(safe > 0, chi2.ppf(alpha / 2, 2 * np.maximum(safe, 1e-300)) / 2, 0.0)
        high = chi2.ppf(1 - alpha / 2, 2 * safe + 2) / 2
    low = np.where(valid, np.maximum(low, 0.0), np.nan)
    high = np.where(valid, high, np.nan)
    shape = np.shape(count)
    return (
        np.asarray(low, dtype=np.float64).reshape(shape),
        np.asarray(high, dtype=np.float64).reshape(shape),
    )
