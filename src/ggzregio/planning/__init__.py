"""Regional care planning: the reference frame of SPEC.md §3 as norm sets, the capacity and
budget they imply for a region, and the gap against the region's inventory.

- :mod:`~ggzregio.planning.norms`: norm sets and the planning reference (data with citations).
- :mod:`~ggzregio.planning.scenario_file`: reading, validating, copying scenario files (TOML).
- :mod:`~ggzregio.planning.capacity`: :func:`compute_plan` for a region.
- :mod:`~ggzregio.planning.gap`: :func:`analyse_gap` of an inventory against a plan.
- :mod:`~ggzregio.planning.tables` and :mod:`~ggzregio.planning.figures`: outputs.
"""

from ggzregio.planning.capacity import Plan, RegionInput, Rounding, compute_plan
from ggzregio.planning.gap import GapAnalysis, analyse_gap
from ggzregio.planning.norms import NormSet, planning_reference, shipped_norm_sets
from ggzregio.planning.scenario_file import copy_norm_set, load_norm_set, parse_norm_set
from ggzregio.ranges import Range

__all__ = [
    "GapAnalysis",
    "NormSet",
    "Plan",
    "Range",
    "RegionInput",
    "Rounding",
    "analyse_gap",
    "compute_plan",
    "copy_norm_set",
    "load_norm_set",
    "parse_norm_set",
    "planning_reference",
    "shipped_norm_sets",
]
