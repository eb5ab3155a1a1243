"""Which areas carry too much: above their agreed ceiling, or far above the regional mean load
(docs/neighbourhood.md).

The *load* of an area is its expected adults with EPA in GGZ care per 1,000 adults (the
prevalence estimate) plus its planned placements into ordinary housing per 1,000 adults. The
*regional mean* is weighted by adults: (sum of expected + sum of placements) / sum of adults ×
1,000, over the areas whose load is known. An area is *far above* the mean when its load
exceeds ``ratio`` × the mean (method ``ratio``) or the mean + ``sd_k`` × the adult-weighted
standard deviation (method ``sd``); areas with fewer than ``min_adults`` adults are not
compared. The default thresholds are choices, not seed figures (``data/neighbourhood/
rules.toml``); the reason to look at all is 000:2865-2871 and 003:458-474.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from ggzregio.formatting import format_number
from ggzregio.i18n import Language, reset_request_language, set_request_language, t
from ggzregio.neighbourhood.areas import AreaLoad, LoadRules, RateCeiling, check_unique
from ggzregio.neighbourhood.areas import default_rules as _default_rules

ABOVE_CEILING: Final = "above_ceiling"
FAR_ABOVE_MEAN: Final = "far_above_mean"
LOAD_UNKNOWN: Final = "load_unknown"
FEW_ADULTS: Final = "few_adults"
NO_CEILING: Final = "no_ceiling"
#: Decimals of figures per 1,000 in the reason texts.
RATE_DECIMALS: Final = 1

Value = int | float | str


@dataclass(frozen=True)
class Flag:
    """A flag (or a note) with its reason: a code, the message key and the figures in it."""

    code: str
    key: str
    values: Mapping[str, Value] = field(default_factory=dict)

    def text(self, language: Language | None = None) -> str:
        """The reason in words (whole numbers as counts, other figures with one decimal)."""
        shown = {
            k: v if isinstance(v, str) else _number(v, language) for k, v in self.values.items()
        }
        if language is None:
            return t(self.key, **shown)
        token = set_request_language(language)
        try:
            return t(self.key, **shown)
        finally:
            reset_request_language(token)


def _number(value: int | float, language: Language | None) -> str:
    decimals = 0 if isinstance(value, int) else RATE_DECIMALS
    return format_number(value, decimals, language)


@dataclass(frozen=True)
class RegionalLoad:
    """The region's totals and the threshold of 'far above the mean'."""

    adults: int
    expected_epa: float
    placements: int
    #: adult-weighted mean load per 1,000 adults (None when no area's load is known)
    mean_per_1000: float | None
    #: adult-weighted standard deviation of the load per 1,000 adults
    sd_per_1000: float | None
    #: above this load an area is far above the mean
    threshold_per_1000: float | None
    areas_compared: int


@dataclass(frozen=True)
class AreaAssessment:
    area: AreaLoad
    #: the placements the ceiling allows (None: no ceiling agreed)
    limit: int | None
    #: placements above the ceiling (0 when within it; None without a ceiling)
    excess: int | None
    flags: tuple[Flag, ...]
    #: why an area was not compared (unknown load, few adults) or has no ceiling
    notes: tuple[Flag, ...]

    @property
    def code(self) -> str:
        return self.area.code

    @property
    def placements(self) -> int:
        return self.area.planned

    @property
    def load_per_1000(self) -> float | None:
        return self.area.load_per_1000

    @property
    def flag_codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.flags)


@dataclass(frozen=True)
class Assessment:
    areas: tuple[AreaAssessment, ...]
    region: RegionalLoad
    rules: LoadRules

    def flagged(self) -> tuple[AreaAssessment, ...]:
        return tuple(a for a in self.areas if a.flags)


def regional_load(areas: Iterable[AreaLoad], rules: LoadRules) -> RegionalLoad:
    """Totals, the adult-weighted mean and SD of the load, and the far-above threshold."""
    areas = list(areas)
    known = [a for a in areas if a.load_per_1000 is not None]
    adults = sum(a.adults for a in known)
    mean = sd = threshold = None
    if adults > 0:
        mean = sum(a.adults * (a.load_per_1000 or 0.0) for a in known) / adults
        var = sum(a.adults * ((a.load_per_1000 or 0.0) - mean) ** 2 for a in known) / adults
        sd = math.sqrt(max(var, 0.0))
        threshold = rules.ratio * mean if rules.method == "ratio" else mean + rules.sd_k * sd
    return RegionalLoad(
        adults=sum(a.adults for a in areas),
        expected_epa=sum((a.expected_epa or 0.0 for a in areas), 0.0),
        placements=sum(a.planned for a in areas),
        mean_per_1000=mean,
        sd_per_1000=sd,
        threshold_per_1000=threshold,
        areas_compared=len(known),
    )


def assess(areas: Iterable[AreaLoad], rules: LoadRules | None = None) -> Assessment:
    """Flag every area above its ceiling (by how many placements) or far above the regional
    mean load (see the module doc); the planned placements of each area are its placements."""
    rules = rules or _default_rules()
    listed = check_unique(areas)
    region = regional_load(listed, rules)
    out = []
    for area in listed:
        flags: list[Flag] = []
        notes: list[Flag] = []
        limit = area.limit
        excess = None if limit is None else max(area.planned - limit, 0)
        if limit is None:
            notes.append(Flag(NO_CEILING, "neighbourhood.note.no_ceiling"))
        elif excess:
            flags.append(_above_ceiling(area, limit, excess))
        far = _far_above(area, region, rules)
        if isinstance(far, Flag) and far.code == FAR_ABOVE_MEAN:
            flags.append(far)
        elif far is not None:
            notes.append(far)
        out.append(AreaAssessment(area, limit, excess, tuple(flags), tuple(notes)))
    return Assessment(tuple(out), region, rules)


def _above_ceiling(area: AreaLoad, limit: int, excess: int) -> Flag:
    values: dict[str, Value] = {"placements": area.planned, "limit": limit, "excess": excess}
    if isinstance(area.ceiling, RateCeiling):
        values["ceiling_per_1000"] = float(area.ceiling.per_1000_adults)
        values["per_1000"] = float(area.per_1000() or 0.0)
        return Flag(ABOVE_CEILING, "neighbourhood.flag.above_ceiling_rate", values)
    return Flag(ABOVE_CEILING, "neighbourhood.flag.above_ceiling", values)


def _far_above(area: AreaLoad, region: RegionalLoad, rules: LoadRules) -> Flag | None:
    """The far-above flag, a note why the area is not compared, or None (within)."""
    load = area.load_per_1000
    if load is None or region.mean_per_1000 is None or region.threshold_per_1000 is None:
        return Flag(LOAD_UNKNOWN, "neighbourhood.note.load_unknown")
    if area.adults < rules.min_adults:
        return Flag(FEW_ADULTS, "neighbourhood.note.few_adults", {"min_adults": rules.min_adults})
    if load <= region.threshold_per_1000:
        return None
    values: dict[str, Value] = {
        "load": load,
        "mean": region.mean_per_1000,
        "threshold": region.threshold_per_1000,
    }
    if rules.method == "ratio":
        values["ratio"] = float(rules.ratio)
        return Flag(FAR_ABOVE_MEAN, "neighbourhood.flag.far_above_ratio", values)
    values["sd"] = float(region.sd_per_1000 or 0.0)
    values["k"] = float(rules.sd_k)
    return Flag(FAR_ABOVE_MEAN, "neighbourhood.flag.far_above_sd", values)
