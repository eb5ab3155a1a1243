"""Calibration of a model on a data set: expected against observed per decile of expected
prevalence and per urbanity class, with the calibration slope and intercept.

Calibration slope/intercept: least squares of observed on predicted prevalence per area
(per 1,000 adults). A well-calibrated model has slope 1 and intercept 0; a slope below 1
means predictions spread more than reality (too extreme), above 1 too little.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ggzregio.prevalence.aggregate import OBSERVED
from ggzregio.prevalence.estimate import EXPECTED, PREVALENCE, URBANITY_CLASS


@dataclass(frozen=True)
class Calibration:
    """Calibration tables and line."""

    by_decile: pd.DataFrame
    by_class: pd.DataFrame
    slope: float
    intercept: float
    n_areas: int
    frame: pd.DataFrame  # the areas used, with their decile

    def line_coefficients(self) -> tuple[np.ndarray, np.ndarray]:
        """Slope and intercept are linear in the observed counts: their coefficient per area
        (x = predicted prevalence, y = observed / adults × 1,000, least squares)."""
        x = self.frame[PREVALENCE].to_numpy(np.float64)
        scale = 1000.0 / self.frame["adults"].to_numpy(np.float64)
        centred = x - x.mean()
        slope = centred / float((centred**2).sum()) * scale
        intercept = scale / len(x) - x.mean() * slope
        return slope, intercept


def _summarise(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    grouped = frame.groupby(key, sort=True)
    table = grouped[["adults", EXPECTED, OBSERVED]].sum()
    table.insert(0, "n_areas", grouped.size())
    table["expected_per_1000"] = table[EXPECTED] / table["adults"] * 1000
    table["observed_per_1000"] = table[OBSERVED] / table["adults"] * 1000
    table["ratio"] = table[OBSERVED] / table[EXPECTED]
    return table.reset_index()


def calibrate(estimates: pd.DataFrame) -> Calibration:
    """Calibration of the estimates (an area table with ``observed_cases``)."""
    frame = estimates[estimates["adults"] > 0].copy()
    frame["decile"] = pd.qcut(frame[PREVALENCE], 10, labels=False, duplicates="drop") + 1
    observed_rate = frame[OBSERVED] / frame["adults"] * 1000
    slope, intercept = np.polyfit(frame[PREVALENCE].to_numpy(), observed_rate.to_numpy(), 1)
    return Calibration(
        by_decile=_summarise(frame, "decile"),
        by_class=_summarise(frame, URBANITY_CLASS),
        slope=float(slope),
        intercept=float(intercept),
        n_areas=len(frame),
        frame=frame,
    )
