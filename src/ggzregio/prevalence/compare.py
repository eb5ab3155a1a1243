"""Observed versus expected EPA care prevalence (seed 004:1714-1760).

Per area and per higher level: observed and expected cases and rates, their difference, the
standardised care ratio (observed / expected) with an exact Poisson 95 % interval, the band of
the model's residual table in which the area falls, and flags with a plain-language reason:

- *likely intramural location*: observed above the model's exclusion threshold (42.5 per 1,000
  for ``trimbos-2017``, 004:1784-1786) or above the widest residual band (004:1740-1744);
- *possible under-reach*: observed below the widest band — people with EPA possibly not reached
  by the GGZ, "needs further exploration" (004:1745-1747);
- *small numbers*: expected or observed below ``min_stable`` cases, too few for a stable ratio.

An area whose observed count is unknown (suppressed at the source, or not supplied) is not
compared: its observed columns stay missing (never 0) and its flag says so (``not_compared``).
A group's observed total, rates and ratio cover only the areas whose observed count is known
(``areas_compared``, ``adults_compared``, ``expected_compared``; flag ``partial`` when that is
not every area), unless the source gives its own total (flag ``source_total``, see
:func:`ggzregio.prevalence.aggregate.observed_sums`). A ratio with no expected cases is
missing, never infinite.

These functions never suppress anything; :mod:`ggzregio.privacy` does that before output.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from ggzregio.poisson import poisson_count_limits
from ggzregio.prevalence.aggregate import (
    ADULTS_COMPARED,
    AREAS_COMPARED,
    BASIS_SOURCE,
    EXPECTED_COMPARED,
    OBSERVED,
    OBSERVED_BASIS,
)
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

#: Flag codes of a row whose observed count is unknown, of a group whose observed total covers
#: only some of its areas, and of a group whose observed total is the source's own total.
NOT_COMPARED = "not_compared"
PARTIAL = "partial"
SOURCE_TOTAL = "source_total"

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

    lower = χ²(α/2; 2O) / 2E (0 when O = 0), upper = χ²(1-α/2; 2O+2) / 2E. NaN where E is 0,
    negative or missing and where O is missing (never 0, never infinite or negative).
    """
    e = np.atleast_1d(np.asarray(expected, dtype=np.float64))
    count_low, count_high = poisson_count_limits(np.atleast_1d(observed), level)
    good = np.isfinite(e) & (e > 0)
    safe = np.where(good, e, 1.0)
    low = np.where(good, count_low / safe, np.nan)
    high = np.where(good, count_high / safe, np.nan)
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


def _numbers(column: pd.Series) -> NDArray[np.float64]:
    """A column as floats, missing (NA, None) as NaN."""
    return pd.to_numeric(column, errors="coerce").to_numpy(np.float64, na_value=np.nan)


def _rates(frame: pd.DataFrame) -> pd.DataFrame:
    """Rates, difference and ratio from summed observed/expected/adults: over the areas the
    observed total covers (``*_compared``) where the table has them."""
    observed = _numbers(frame[OBSERVED])
    expected = _numbers(frame[EXPECTED_COMPARED if EXPECTED_COMPARED in frame else EXPECTED])
    adults = _numbers(frame[ADULTS_COMPARED if ADULTS_COMPARED in frame else "adults"])
    with np.errstate(divide="ignore", invalid="ignore"):
        per_adult = adults > 0
        observed_rate = np.where(per_adult, observed / adults * 1000.0, np.nan)
        frame[OBSERVED_RATE] = observed_rate
        frame[DIFFERENCE] = observed - expected
        frame[DIFFERENCE_RATE] = observed_rate - np.where(
            per_adult, expected / adults * 1000.0, np.nan
        )
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
    unknown = frame[OBSERVED].isna().to_numpy(dtype=bool)
    frame[FLAGS] = [
        NOT_COMPARED if n else flag_codes(i, u, s, limit, widest)
        for i, u, s, n in zip(
            frame[FLAG_INTRAMURAL], frame[FLAG_UNDER_REACH], frame[FLAG_SMALL], unknown, strict=True
        )
    ]
    return frame


def compare_groups(table: pd.DataFrame, settings: CompareSettings | None = None) -> pd.DataFrame:
    """Comparison columns for an aggregated table that has summed ``observed_cases``."""
    settings = settings or CompareSettings()
    frame = _rates(table.copy())
    frame[FLAG_SMALL] = _small(frame, settings)
    unknown = frame[OBSERVED].isna().to_numpy(dtype=bool)
    partial = (
        (frame[AREAS_COMPARED] < frame["n_areas"]).to_numpy(dtype=bool)
        if AREAS_COMPARED in frame and "n_areas" in frame
        else np.zeros(len(frame), dtype=bool)
    )
    source = (
        (frame[OBSERVED_BASIS] == BASIS_SOURCE).to_numpy(dtype=bool)
        if OBSERVED_BASIS in frame
        else np.zeros(len(frame), dtype=bool)
    )
    frame[FLAGS] = [
        NOT_COMPARED if n else group_flag_codes(bool(s), bool(p), bool(t))
        for s, n, p, t in zip(frame[FLAG_SMALL], unknown, partial, source, strict=True)
    ]
    return frame


def _small(frame: pd.DataFrame, settings: CompareSettings) -> NDArray[np.bool_]:
    """Expected (over the compared areas) or observed below ``min_stable``; never for a row
    whose observed count is unknown (it has no ratio)."""
    expected = _numbers(frame[EXPECTED_COMPARED if EXPECTED_COMPARED in frame else EXPECTED])
    observed = _numbers(frame[OBSERVED])
    small: NDArray[np.bool_] = ~np.isnan(observed) & (
        (expected < settings.min_stable) | (observed < settings.min_stable)
    )
    return small


def group_flag_codes(small: bool, partial: bool, source_total: bool) -> str:
    """The flags of an aggregated row: ``small``, ``partial`` (its observed total covers only
    some of its areas), ``source_total`` (its observed total is the source's own)."""
    codes = [flag_codes(False, False, small, None, 95), PARTIAL * partial]
    codes.append(SOURCE_TOTAL * source_total)
    return ";".join(c for c in codes if c)


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
