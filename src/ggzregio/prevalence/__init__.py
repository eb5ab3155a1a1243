"""EPA care prevalence: small-area prediction, intervals and aggregation (SPEC.md §2).

Public API::

    from ggzregio.prevalence import load_model, estimate_areas, aggregate_levels
"""

from ggzregio.prevalence.aggregate import (
    AREA_LEVEL,
    TOTAL_LEVEL,
    aggregate,
    aggregate_levels,
    default_levels,
)
from ggzregio.prevalence.estimate import (
    classify_urbanity,
    estimate_areas,
    expected_cases,
    interval_columns,
    observed_intervals,
    predict_prevalence,
)
from ggzregio.prevalence.model import (
    DEFAULT_MODEL_ID,
    ModelSpec,
    ModelSpecError,
    load_model,
    model_to_toml,
    shipped_models,
)

__all__ = [
    "AREA_LEVEL",
    "DEFAULT_MODEL_ID",
    "TOTAL_LEVEL",
    "ModelSpec",
    "ModelSpecError",
    "aggregate",
    "aggregate_levels",
    "classify_urbanity",
    "default_levels",
    "estimate_areas",
    "expected_cases",
    "interval_columns",
    "load_model",
    "model_to_toml",
    "observed_intervals",
    "predict_prevalence",
    "shipped_models",
]
