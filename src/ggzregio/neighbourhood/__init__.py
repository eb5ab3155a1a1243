"""Neighbourhood load (*draagkracht*): which wijken and buurten of a region carry too much when
people move from sheltered housing and clinics into ordinary housing, and a suggested spread
of placements under the agreed ceilings (issue 23, point 5; SPEC.md §8; docs/neighbourhood.md).

Pure domain core: no storage, application layer or edges.

- :mod:`~ggzregio.neighbourhood.areas`: the inputs (:class:`AreaLoad`, ceilings, rules);
- :mod:`~ggzregio.neighbourhood.assess`: flags with reasons (:func:`assess`);
- :mod:`~ggzregio.neighbourhood.spread`: the suggested spread (:func:`spread`);
- :mod:`~ggzregio.neighbourhood.display`: the display tables with small placement counts
  protected (:func:`display_tables`).
"""

from ggzregio.neighbourhood.areas import (
    CORPORATION_RENTAL,
    AreaLoad,
    Ceiling,
    LoadRules,
    PlacementCeiling,
    RateCeiling,
    areas_from_estimate,
    default_rules,
)
from ggzregio.neighbourhood.assess import (
    ABOVE_CEILING,
    FAR_ABOVE_MEAN,
    AreaAssessment,
    Assessment,
    Flag,
    RegionalLoad,
    assess,
)
from ggzregio.neighbourhood.display import LoadDisplay, display_tables
from ggzregio.neighbourhood.spread import SpreadResult, apply_spread, spread

__all__ = [
    "ABOVE_CEILING",
    "CORPORATION_RENTAL",
    "FAR_ABOVE_MEAN",
    "AreaAssessment",
    "AreaLoad",
    "Assessment",
    "Ceiling",
    "Flag",
    "LoadDisplay",
    "LoadRules",
    "PlacementCeiling",
    "RateCeiling",
    "RegionalLoad",
    "SpreadResult",
    "apply_spread",
    "areas_from_estimate",
    "assess",
    "default_rules",
    "display_tables",
    "spread",
]
