"""Observed versus expected EPA care prevalence (seed 004:1714-1760).

Per area and per higher level: observed and expected cases and rates, their difference, the
standardised care ratio (observed / expected) with an exact Poisson 95 % interval, the band of
the model's residual table in which the area falls, and flags with a plain-language reason:

- *likely intramural location*: observed above the model's exclusion threshold (42.5 per 1,000
  for ``trimbos-2017``, 004:1784-1786) or above the widest residual band (004:1740-1744);
- *possible under-reach*: observed below the widest band — people with EPA possibly not reached
  by the GGZ, "needs further exploration" (004:1745-1747);
- *small numbers*: expected or observed below ``min_stable`` cases, too few for a stable ratio.

These functions never suppress anything; :mod:`ggzregio.privacy` does that before output.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from ggzregio.poisson import poisson_count_limits
from ggzregio.prevalence.aggregate import OBSERVED
from ggzregio.prevalence.estimate import EXPECTED, PREVALENCE
from ggzregio.prevalence.model import ModelSpec

OBSERVED_RATE = "observed_per_1000"
DIFFERENCE = "difference_cases"
DIFFERENCE_RATE = "difference_per_1000"
RATIO = "ratio"
RATIO_LOW = "ratio_ci95_low"
RATIO_HIGH = "ratio_ci95_high"
BAND = "residual_band"
FLAG_INTRAMURAL = "flag_intramural"
FLAG_UNDER_REACH = "flag_under_reach"
FLAG_SMALL = "flag_small_numbers"
#: The flags of a row as codes (``intramural:42.5:95;small``), named at the edge by
#: :func:`ggzregio.labels.flag_text`.
FLAGS = "flags"

#: Columns that reveal the observed count (or a range of it): suppressed together with it.
OBSERVED_DERIVED: tuple[str, ...] = (
    OBSERVED,
    OBSERVED_RATE,
    DIFFERENCE,
    DIFFERENCE_RATE,
    RATIO,
    RATIO_LOW,
    RATIO_HIGH,
    BAND,
    FLAG_INTRAMURAL,
    FLAG_UNDER_REACH,
)


@dataclass(frozen=True)
class CompareSettings:
    """Thresholds of the comparison (defaults documented in docs/prevalence.md)."""

    min_stable: float = 10.0  # fewer expected or observed cases: "small numbers"
    intramural_per_1000: float | None = None  # None: the model's exclusion threshold


def poisson_ratio_interval(
    observed: ArrayLike, expected: ArrayLike, level: float = 0.95
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Exact (Garwood) Poisson interval for observed / expected.

    lower = χ²(α/2; 2O) / 2E (0 when O = 0), upper = χ²(1-α/2; 2O+2) / 2E. NaN where E = 0.
    """
    e = np.asarray(expected, dtype=np.float64)
    count_low, count_high = poisson_count_limits(observed, level)
    with np.errstate(divide="ignore", invalid="ignore"):
        low = count_low / e
        high = count_high / e
    bad = ~(e > 0)
    low[bad] = np.nan
    high[bad] = np.nan
    return low, high


def residual_band(
    observed_per_1000: ArrayLike, predicted_per_1000: ArrayLike, model: ModelSpec
) -> NDArray[np.object_]:
    """The narrowest residual band that holds observed − predicted: ``within_p25`` ...
    ``within_p95``, or ``above_p95`` / ``below_p95``."""
    residual = np.asarray(observed_per_1000, np.float64) - np.asarray(
        predicted_per_1000, np.float64
    )
    residual = np.round(residual, 9)  # band edges are inclusive; ignore float noise
    out = np.full(residual.shape, None, dtype=object)
    bands = sorted(model.residual_quantiles, key=lambda q: q.coverage)
    for q in reversed(bands):
        inside = (residual >= q.low) & (residual <= q.high)
        out[inside] = f"within_p{q.coverage}"
    widest = bands[-1]
    out[residual > widest.high] = f"above_p{widest.coverage}"
    out[residual < widest.low] = f"below_p{widest.coverage}"
    out[np.isnan(residual)] = None
    return out


def _rates(frame: pd.DataFrame) -> pd.DataFrame:
    """Rates, difference and ratio from summed observed/expected/adults."""
    observed = frame[OBSERVED].to_numpy(np.float64)
    expected = frame[EXPECTED].to_numpy(np.float64)
    adults = frame["adults"].to_numpy(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        frame[OBSERVED_RATE] = np.where(adults > 0, observed / adults * 1000.0, np.nan)
        frame[DIFFERENCE] = observed - expected
        frame[DIFFERENCE_RATE] = frame[OBSERVED_RATE] - frame[PREVALENCE]
        frame[RATIO] = np.where(expected > 0, observed / expected, np.nan)
    frame[RATIO_LOW], frame[RATIO_HIGH] = poisson_ratio_interval(observed, expected)
    return frame


def compare_areas(
    estimates: pd.DataFrame, model: ModelSpec, settings: CompareSettings | None = None
) -> pd.DataFrame:
    """Add the comparison columns to an area estimate table that has ``observed_cases``."""
    settings = settings or CompareSettings()
    frame = _rates(estimates.copy())
    frame[BAND] = residual_band(frame[OBSERVED_RATE], frame[PREVALENCE], model)
    widest = max(model.residual_quantiles, key=lambda q: q.coverage).coverage
    limit = settings.intramural_per_1000
    if limit is None:
        limit = model.exclusion_threshold_per_1000
    above_limit = (frame[OBSERVED_RATE] > limit).to_numpy() if limit is not None else False
    frame[FLAG_INTRAMURAL] = above_limit | (frame[BAND] == f"above_p{widest}").to_numpy()
    frame[FLAG_UNDER_REACH] = (frame[BAND] == f"below_p{widest}").to_numpy()
    frame[FLAG_SMALL] = _small(frame, settings)
    frame[FLAGS] = [
        flag_codes(i, u, s, limit, widest)
        for i, u, s in zip(
            frame[FLAG_INTRAMURAL], frame[FLAG_UNDER_REACH], frame[FLAG_SMALL], strict=True
        )
    ]
    return frame


def compare_groups(table: pd.DataFrame, settings: CompareSettings | None = None) -> pd.DataFrame:
    """Comparison columns for an aggregated table that has summed ``observed_cases``."""
    settings = settings or CompareSettings()
    frame = _rates(table.copy())
    frame[FLAG_SMALL] = _small(frame, settings)
    frame[FLAGS] = [flag_codes(False, False, s, None, 95) for s in frame[FLAG_SMALL]]
    return frame


def _small(frame: pd.DataFrame, settings: CompareSettings) -> NDArray[np.bool_]:
    small: NDArray[np.bool_] = (
        (frame[EXPECTED] < settings.min_stable) | (frame[OBSERVED] < settings.min_stable)
    ).to_numpy(dtype=bool)
    return small


def flag_codes(
    intramural: bool, under_reach: bool, small: bool, limit: float | None, widest: int
) -> str:
    """The flags of a row as codes with their parameters, ``;``-separated ('' when none
    applies): ``intramural:<limit per 1,000>:<band>``, ``under_reach:<band>``, ``small``."""
    codes = []
    if intramural:
        codes.append(f"intramural:{'' if limit is None else repr(float(limit))}:{widest}")
    if under_reach:
        codes.append(f"under_reach:{widest}")
    if small:
        codes.append("small")
    return ";".join(codes)
