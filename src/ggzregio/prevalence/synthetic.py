"""Synthetic "observed" EPA care counts with known answers, for tests and the demo.

Counts are drawn from the model: each area's true prevalence is the model's prediction times
an area effect (log-normal with mean 1 and coefficient of variation about ``noise_cv``, so the
prevalence stays positive and its mean is the prediction), and the observed count is Poisson
around true prevalence × adults. A few areas are planted as *intramural locations* (a large GGZ
location adds 40-150 residents in care) and a few as *under-reached* (only 25-40 % of the
expected people in care). The planted areas are returned, so tests can check that the
comparison flags them and that fitting recovers the generating coefficients.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ggzregio.prevalence.estimate import classify_urbanity, predict_prevalence
from ggzregio.prevalence.model import ModelSpec


@dataclass(frozen=True)
class SyntheticObserved:
    """Observed counts per area (aligned with the input) and the planted areas' codes."""

    observed: pd.Series
    intramural: tuple[str, ...]
    under_reached: tuple[str, ...]


def simulate_observed(
    areas: pd.DataFrame,
    model: ModelSpec,
    *,
    seed: int = 2014,
    noise_cv: float = 0.17,
    n_intramural: int = 10,
    n_under_reached: int = 10,
) -> SyntheticObserved:
    """Draw observed counts for a validated area table (see module docstring)."""
    rng = np.random.default_rng(seed)
    if "oad" in areas.columns:
        classes = classify_urbanity(areas["oad"].to_numpy(), model)
    else:
        classes = areas["urbanity_class"].to_numpy()
    variables = {v: areas[v].to_numpy(np.float64) for v in model.variables}
    predicted = predict_prevalence(variables, classes, model)
    sigma = np.sqrt(np.log1p(noise_cv**2))
    true_rate = predicted * np.exp(rng.normal(-(sigma**2) / 2, sigma, len(areas)))
    adults = areas["adults"].to_numpy(np.float64)
    mean = true_rate * adults / 1000.0

    # Planted areas, where the effect is large enough to see: intramural locations among
    # areas of 1,500+ adults; under-reach (25-40 % reached) among areas of 4,000+ adults with
    # a predicted prevalence of 18+ per 1,000, so the shortfall exceeds the widest band.
    intramural = rng.choice(np.flatnonzero(adults >= 1500), size=n_intramural, replace=False)
    candidates = np.setdiff1d(np.flatnonzero((adults >= 4000) & (predicted >= 18)), intramural)
    under = rng.choice(candidates, size=n_under_reached, replace=False)
    mean[under] = predicted[under] * adults[under] / 1000.0 * rng.uniform(0.25, 0.4, len(under))
    observed = rng.poisson(mean)
    observed[intramural] += rng.integers(40, 151, len(intramural)) + rng.poisson(
        0.03 * adults[intramural]
    )
    codes = areas["area_code"].to_numpy()
    return SyntheticObserved(
        observed=pd.Series(observed.astype(np.int64), index=areas.index, name="observed_cases"),
        intramural=tuple(str(c) for c in codes[intramural]),
        under_reached=tuple(str(c) for c in codes[under]),
    )
