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
    lower = χ²(α/2; 2c) / 2 (0 when c = 0), upper = χ²(1-α/2; 2c+2) / 2, with α = 1 − level."""
    c = np.asarray(count, dtype=np.float64)
    alpha = 1.0 - level
    with np.errstate(invalid="ignore"):
        low = np.where(c > 0, chi2.ppf(alpha / 2, 2 * c) / 2, 0.0)
        high = chi2.ppf(1 - alpha / 2, 2 * c + 2) / 2
    return np.asarray(low, dtype=np.float64), np.asarray(high, dtype=np.float64)
