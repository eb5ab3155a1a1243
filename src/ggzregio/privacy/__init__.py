"""Small-number protection for counts of people derived from claims or client data.

- :mod:`ggzregio.privacy.disclosure`: the disclosure layer for a whole output (base counts,
  published cells as linear combinations, readers with their own knowledge, facts published
  before), suppression chosen over all tables at once and an audit by linear programming.
- :mod:`ggzregio.privacy.suppression`: thresholds, the neutral marker, and fast specialised
  planners for nested hierarchies and two-way tables (used as starting points).

See docs/privacy.md.
"""

from ggzregio.privacy.disclosure import (
    PRIMARY,
    PUBLIC,
    SECONDARY,
    Decision,
    DisclosureError,
    Finding,
    Output,
    audit,
    protect,
)
from ggzregio.privacy.suppression import (
    DEFAULT_THRESHOLD,
    MARKER,
    MINIMUM_THRESHOLD,
    SUPPRESSED,
    Suppression,
    check_threshold,
    marked,
    marker,
    plan_cross_suppression,
    plan_suppression,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "MARKER",
    "MINIMUM_THRESHOLD",
    "PRIMARY",
    "PUBLIC",
    "SECONDARY",
    "SUPPRESSED",
    "Decision",
    "DisclosureError",
    "Finding",
    "Output",
    "Suppression",
    "audit",
    "check_threshold",
    "marked",
    "marker",
    "plan_cross_suppression",
    "plan_suppression",
    "protect",
]
