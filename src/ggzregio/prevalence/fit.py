"""Refitting the prevalence model on a region's (or the nation's) own observed data.

Design as in the seed (004:1750-1786): ordinary least squares of observed prevalence per 1,000
adults on an intercept per urbanity class plus area percentages; areas above the exclusion
threshold (42.5 per 1,000, probable intramural provision) are left out first.

Optional variable selection over candidate area variables (age shares, household types,
migration background, house value, WW/AOW benefits; 004:1775-1779) is *forward selection on
cross-validated error*: starting from the seed's design, repeatedly add the candidate that
lowers the k-fold cross-validated RMSE most, and stop when the best candidate improves it by
less than ``min_improvement`` (relative). Folds come from a seeded permutation, so the same
data and settings always select the same variables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import statsmodels.api as sm
from numpy.typing import NDArray

from ggzregio.prevalence.aggregate import OBSERVED
from ggzregio.prevalence.estimate import classify_urbanity
from ggzregio.prevalence.model import (
    Coefficient,
    ModelSpec,
    ResidualQuantile,
    UrbanityClass,
)

COVERAGES = (25, 50, 75, 90, 95)


class FitError(ValueError):
    """The data cannot support the requested fit (too few areas, an empty class, ...)."""


@dataclass(frozen=True)
class FitSettings:
    """How to fit; defaults follow the seed."""

    candidates: tuple[str, ...] = ()
    exclusion_threshold_per_1000: float | None = 42.5
    folds: int = 10
    seed: int = 2014
    min_improvement: float = 0.005
    group_column: str | None = "municipality_code"


@dataclass(frozen=True)
class SelectionStep:
    """One step of forward selection: the variable added and the CV RMSE after adding it."""

    variable: str
    cv_rmse: float


@dataclass(frozen=True)
class FitReport:
    """Everything a fit produced: the new model and how good it is."""

    model: ModelSpec
    n_areas: int
    n_excluded: int
    r2: float
    r2_adjusted: float
    rmse: float
    cv_rmse_kfold: float
    cv_rmse_group: float | None
    group_column: str | None
    base_cv_rmse: float
    selection: tuple[SelectionStep, ...] = ()
    coefficients: pd.DataFrame = field(default_factory=pd.DataFrame)


@dataclass(frozen=True)
class _Data:
    y: NDArray[np.float64]
    classes: NDArray[np.int64]
    frame: pd.DataFrame


def prepare(frame: pd.DataFrame, base: ModelSpec, settings: FitSettings) -> tuple[_Data, int]:
    """Observed prevalence per area (adults > 0) minus excluded areas; returns data and the
    number excluded above the threshold."""
    usable = frame[frame["adults"] > 0]
    y = usable[OBSERVED].to_numpy(np.float64) / usable["adults"].to_numpy(np.float64) * 1000.0
    keep = np.ones(len(usable), dtype=bool)
    if settings.exclusion_threshold_per_1000 is not None:
        keep = y <= settings.exclusion_threshold_per_1000
    if "oad" in usable.columns:
        classes = classify_urbanity(usable["oad"].to_numpy(), base)
    else:
        classes = usable["urbanity_class"].to_numpy()
    data = _Data(y[keep], classes[keep].astype(np.int64), usable.loc[keep])
    return data, int((~keep).sum())


def design(data: _Data, variables: Sequence[str], n_classes: int) -> NDArray[np.float64]:
    """Class dummies (one intercept per urbanity class) followed by the variables."""
    dummies = (data.classes[:, None] == np.arange(1, n_classes + 1)[None, :]).astype(np.float64)
    columns = [data.frame[v].to_numpy(np.float64)[:, None] for v in variables]
    return np.hstack([dummies, *columns]) if columns else dummies


def cv_rmse(x: NDArray[np.float64], y: NDArray[np.float64], folds: NDArray[np.int64]) -> float:
    """Cross-validated RMSE: each fold predicted from a least-squares fit on the others."""
    errors = np.empty_like(y)
    for fold in np.unique(folds):
        test = folds == fold
        beta, *_ = np.linalg.lstsq(x[~test], y[~test], rcond=None)
        errors[test] = y[test] - x[test] @ beta
    return float(np.sqrt(np.mean(errors**2)))


def kfold_labels(n: int, k: int, seed: int) -> NDArray[np.int64]:
    """Fold number per row from a seeded permutation (reproducible)."""
    labels = np.empty(n, dtype=np.int64)
    labels[np.random.default_rng(seed).permutation(n)] = np.arange(n) % k
    return labels


def residual_quantiles(residuals: NDArray[np.float64], source: str) -> tuple[ResidualQuantile, ...]:
    """Central intervals of the residuals holding 25/50/75/90/95 % of the areas."""
    out = []
    for c in COVERAGES:
        low, high = np.quantile(residuals, [(1 - c / 100) / 2, (1 + c / 100) / 2])
        out.append(ResidualQuantile(c, round(float(low), 4), round(float(high), 4), source))
    return tuple(out)


def fit_model(
    frame: pd.DataFrame,
    base: ModelSpec,
    settings: FitSettings | None = None,
    *,
    model_id: str = "refit",
    version: str = "1",
    source: str = "",
    fit_year: int | None = None,
) -> FitReport:
    """Refit ``base``'s design (and optionally selected candidates) on ``frame``, which needs
    ``observed_cases``, ``adults``, ``oad`` or ``urbanity_class``, the base variables and the
    candidates."""
    settings = settings or FitSettings()
    data, n_excluded = prepare(frame, base, settings)
    n_classes = len(base.urbanity_classes)
    variables = list(base.variables)
    if len(data.y) < 3 * (n_classes + len(variables) + len(settings.candidates)):
        raise FitError(f"too few areas with adults and observed counts to fit ({len(data.y)})")
    present = set(np.unique(data.classes).tolist())
    if present != set(range(1, n_classes + 1)):
        missing = sorted(set(range(1, n_classes + 1)) - present)
        raise FitError(f"no areas in urbanity class(es) {missing}: their intercepts cannot be fit")

    folds = kfold_labels(len(data.y), settings.folds, settings.seed)
    current = cv_rmse(design(data, variables, n_classes), data.y, folds)
    base_cv = current
    steps: list[SelectionStep] = []
    remaining = [c for c in settings.candidates if c not in variables]
    while remaining:
        scores = {
            c: cv_rmse(design(data, [*variables, c], n_classes), data.y, folds) for c in remaining
        }
        best = min(remaining, key=lambda c: (scores[c], c))
        if scores[best] >= current * (1 - settings.min_improvement):
            break
        variables.append(best)
        remaining.remove(best)
        current = scores[best]
        steps.append(SelectionStep(best, current))

    x = design(data, variables, n_classes)
    # Heteroscedasticity-robust standard errors (HC1): small areas have noisier rates.
    result = sm.OLS(data.y, x).fit(cov_type="HC1")
    params = np.asarray(result.params, dtype=np.float64)
    bse = np.asarray(result.bse, dtype=np.float64)
    residuals = data.y - x @ params
    n, p = x.shape
    ss_res = float(residuals @ residuals)
    ss_tot = float(((data.y - data.y.mean()) ** 2).sum())
    r2 = 1 - ss_res / ss_tot  # centred: the class dummies span the constant
    r2_adj = 1 - (1 - r2) * (n - 1) / (n - p)
    group_cv = None
    if settings.group_column and settings.group_column in data.frame.columns:
        groups = pd.factorize(data.frame[settings.group_column])[0].astype(np.int64)
        group_cv = cv_rmse(x, data.y, groups)

    cite = f"fit: {source}" if source else "fit"
    by_variable = {c.variable: c for c in base.coefficients}
    coefficients = tuple(
        Coefficient(
            variable=v,
            value=round(float(params[n_classes + i]), 6),
            label_nl=by_variable[v].label_nl if v in by_variable else v,
            label_en=by_variable[v].label_en if v in by_variable else v,
            cite=cite,
            std_error=round(float(bse[n_classes + i]), 6),
        )
        for i, v in enumerate(variables)
    )
    classes = tuple(
        UrbanityClass(
            code=c.code,
            roman=c.roman,
            label_nl=c.label_nl,
            label_en=c.label_en,
            oad_min=c.oad_min,
            intercept=round(float(params[i]), 6),
            cite=cite,
            std_error=round(float(bse[i]), 6),
        )
        for i, c in enumerate(base.urbanity_classes)
    )
    model = ModelSpec(
        id=model_id,
        version=version,
        name_nl=f"Hergeschat model {model_id} (ontwerp van {base.id})",
        name_en=f"Refitted model {model_id} (design of {base.id})",
        coefficients=coefficients,
        urbanity_classes=classes,
        residual_quantiles=residual_quantiles(residuals, cite),
        exclusion_threshold_per_1000=settings.exclusion_threshold_per_1000,
        outcome=base.outcome,
        fit_year=fit_year,
        n_areas=n,
        source=source,
        notes=(
            f"OLS refit of the design of {base.label}; {n_excluded} areas above "
            f"{settings.exclusion_threshold_per_1000} per 1,000 excluded; forward selection on "
            f"{settings.folds}-fold CV RMSE (seed {settings.seed}, min. improvement "
            f"{settings.min_improvement:.1%}) over candidates {list(settings.candidates)}."
        ),
        extra={"fit": {"r2": r2, "cv_rmse_kfold": current, "base_model": base.label}},
    )
    table = _coefficient_table(model, base)
    return FitReport(
        model=model,
        n_areas=n,
        n_excluded=n_excluded,
        r2=r2,
        r2_adjusted=r2_adj,
        rmse=float(np.sqrt(ss_res / n)),
        cv_rmse_kfold=current,
        cv_rmse_group=group_cv,
        group_column=settings.group_column if group_cv is not None else None,
        base_cv_rmse=base_cv,
        selection=tuple(steps),
        coefficients=table,
    )


def _coefficient_table(model: ModelSpec, base: ModelSpec) -> pd.DataFrame:
    """Refitted next to published coefficients, term by term."""
    published = {f"intercept_{c.roman}": c.intercept for c in base.urbanity_classes}
    published |= {c.variable: c.value for c in base.coefficients}
    rows = [(f"intercept_{c.roman}", c.intercept, c.std_error) for c in model.urbanity_classes] + [
        (c.variable, c.value, c.std_error) for c in model.coefficients
    ]
    table = pd.DataFrame(rows, columns=["term", "estimate", "std_error"])
    table["published"] = table["term"].map(published)
    table["difference"] = table["estimate"] - table["published"]
    table["z_vs_published"] = table["difference"] / table["std_error"]
    return table
