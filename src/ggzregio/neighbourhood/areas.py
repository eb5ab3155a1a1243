"""The inputs of the neighbourhood load (draagkracht): one :class:`AreaLoad` per wijk or buurt,
the agreed ceilings, and the default rules from ``data/neighbourhood/rules.toml``.

An area carries what the prevalence estimate expects (adults with EPA in GGZ care, as a count
and per 1,000 adults), the area indicators the user imported (CBS KWB columns such as the share
of rental housing owned by corporations; a missing value stays missing, never 0), the planned
placements from sheltered housing and clinics into ordinary housing (a planning number the
region enters, or a share of a total spread by :func:`ggzregio.neighbourhood.spread`), and the
ceiling the municipality agreed for the area (000:2865-2871): a number of placements or a
number per 1,000 adults.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Final, Literal, TypeAlias

import pandas as pd

from ggzregio.prevalence.estimate import EXPECTED, PREVALENCE

#: Indicator name of the share of dwellings that are rental housing owned by housing
#: corporations (percentage 0-100; CBS KWB "InBezitWoningcorporatie", kwb file ``p_wcorpw``).
CORPORATION_RENTAL: Final = "pct_corporation_rental"
#: Relative tolerance between the expected count and per 1,000 × adults / 1,000.
_CONSISTENT: Final = 1e-6
FarAboveMethod: TypeAlias = Literal["ratio", "sd"]
SpreadRule: TypeAlias = Literal["headroom", "adults"]
FAR_ABOVE_METHODS: Final[tuple[FarAboveMethod, ...]] = ("ratio", "sd")
SPREAD_RULES: Final[tuple[SpreadRule, ...]] = ("headroom", "adults")


@dataclass(frozen=True)
class PlacementCeiling:
    """An agreed ceiling as a number of placements in the area."""

    placements: int

    def __post_init__(self) -> None:
        if isinstance(self.placements, bool) or not isinstance(self.placements, int):
            raise TypeError("a placement ceiling is a whole number of placements")
        if self.placements < 0:
            raise ValueError("a ceiling must not be negative")

    def limit(self, adults: int) -> int:
        """The most placements the ceiling allows in an area of ``adults`` adults."""
        return self.placements


@dataclass(frozen=True)
class RateCeiling:
    """An agreed ceiling as placements per 1,000 adults of the area."""

    per_1000_adults: float

    def __post_init__(self) -> None:
        if not math.isfinite(self.per_1000_adults) or self.per_1000_adults < 0:
            raise ValueError("a ceiling per 1,000 adults must be a non-negative number")

    def limit(self, adults: int) -> int:
        """Whole placements the rate allows, rounded down so the rate is never exceeded
        (a tolerance of 1e-9 keeps 2.0 per 1,000 of 1,500 adults at 3, not 2)."""
        return math.floor(self.per_1000_adults * adults / 1000 + 1e-9)


Ceiling: TypeAlias = PlacementCeiling | RateCeiling


@dataclass(frozen=True)
class AreaLoad:
    """One wijk or buurt of a region, as the load assessment sees it."""

    code: str
    name: str
    adults: int
    #: expected adults with EPA in GGZ care (prevalence estimate); None when not estimated
    expected_epa: float | None
    #: the same per 1,000 adults
    expected_epa_per_1000: float | None
    #: imported area indicators, name → value; None where the source has no value
    indicators: Mapping[str, float | None] = field(default_factory=dict)
    #: planned placements from sheltered housing and clinics into ordinary housing
    planned: int = 0
    ceiling: Ceiling | None = None

    def __post_init__(self) -> None:
        if not self.code:
            raise ValueError("an area needs a code")
        if isinstance(self.adults, bool) or not isinstance(self.adults, int) or self.adults < 0:
            raise ValueError(f"{self.code}: adults must be a whole number ≥ 0")
        if isinstance(self.planned, bool) or not isinstance(self.planned, int):
            raise TypeError(f"{self.code}: planned placements are a whole number")
        if self.planned < 0:
            raise ValueError(f"{self.code}: planned placements must not be negative")
        count, rate = _missing(self.expected_epa), _missing(self.expected_epa_per_1000)
        if (count is None) != (rate is None):
            raise ValueError(f"{self.code}: give the expected EPA as count and per 1,000, or none")
        if count is not None and rate is not None:
            if count < 0 or rate < 0:
                raise ValueError(f"{self.code}: expected EPA must not be negative")
            # Adults are whole here; an estimate may have counted fractional adults (CBS age
            # bands): half an adult of rounding is allowed.
            slack = rate * 0.5 / 1000 + 1e-9
            if not math.isclose(count, rate * self.adults / 1000, rel_tol=_CONSISTENT,
                                abs_tol=slack):  # fmt: skip
                raise ValueError(f"{self.code}: expected count ≠ per 1,000 × adults / 1,000")
        object.__setattr__(self, "expected_epa", count)
        object.__setattr__(self, "expected_epa_per_1000", rate)
        object.__setattr__(self, "indicators", _indicators(self.code, self.indicators))

    @property
    def limit(self) -> int | None:
        """The most placements the ceiling allows (None: no ceiling agreed)."""
        return None if self.ceiling is None else self.ceiling.limit(self.adults)

    @property
    def headroom(self) -> int | None:
        """Placements still possible under the ceiling beyond the planned ones (never below
        0; None without a ceiling)."""
        limit = self.limit
        return None if limit is None else max(limit - self.planned, 0)

    def per_1000(self, placements: int | None = None) -> float | None:
        """Placements (the planned ones by default) per 1,000 adults (None without adults)."""
        count = self.planned if placements is None else placements
        return None if self.adults == 0 else count * 1000 / self.adults

    @property
    def load_per_1000(self) -> float | None:
        """The load measure: expected EPA per 1,000 adults + planned placements per 1,000
        adults (None when either part is unknown)."""
        placements = self.per_1000()
        if self.expected_epa_per_1000 is None or placements is None:
            return None
        return self.expected_epa_per_1000 + placements

    def with_planned(self, planned: int) -> AreaLoad:
        return replace(self, planned=planned)


def _missing(value: float | None) -> float | None:
    """A number, or None for a missing one (None or NaN)."""
    if value is None:
        return None
    number = float(value)
    if math.isnan(number):
        return None
    if not math.isfinite(number):
        raise ValueError("an infinite value is not a number")
    return number


def _indicators(code: str, values: Mapping[str, float | None]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for name, value in values.items():
        if not name:
            raise ValueError(f"{code}: an indicator needs a name")
        try:
            out[str(name)] = _missing(value)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{code}: indicator {name!r} is not a number") from exc
    return out


def areas_from_estimate(
    estimate: pd.DataFrame,
    *,
    indicators: Sequence[str] = (),
    planned: Mapping[str, int] | None = None,
    ceilings: Mapping[str, Ceiling] | None = None,
) -> list[AreaLoad]:
    """Areas from a prevalence estimate table (:func:`ggzregio.prevalence.estimate_areas`:
    ``area_code``, ``adults``, ``prevalence_per_1000``, ``expected_cases``, optional
    ``area_name``) with the named indicator columns of the same table (missing values stay
    missing), the planned placements and the ceilings per area code."""
    planned, ceilings = planned or {}, ceilings or {}
    codes = estimate["area_code"].astype(str)
    unknown = (set(planned) | set(ceilings)) - set(codes)
    if unknown:
        raise ValueError(f"placements or ceilings for unknown areas: {sorted(unknown)[:5]}")
    names = estimate.get("area_name", codes)
    columns = {n: pd.to_numeric(estimate[n], errors="coerce") for n in indicators}
    out = []
    for i, code in enumerate(codes):
        values: dict[str, float | None] = {n: _cell(col.iloc[i]) for n, col in columns.items()}
        out.append(
            AreaLoad(
                code=code,
                name=str(names.iloc[i]) if pd.notna(names.iloc[i]) else code,
                adults=round(float(estimate["adults"].iloc[i])),
                expected_epa=_cell(estimate[EXPECTED].iloc[i]),
                expected_epa_per_1000=_cell(estimate[PREVALENCE].iloc[i]),
                indicators=values,
                planned=int(planned.get(code, 0)),
                ceiling=ceilings.get(code),
            )
        )
    return out


def _cell(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[call-overload, arg-type]


def check_unique(areas: Iterable[AreaLoad]) -> list[AreaLoad]:
    """The areas as a list; an area code given twice is an error."""
    out = list(areas)
    codes = [a.code for a in out]
    if len(set(codes)) != len(codes):
        doubles = sorted({c for c in codes if codes.count(c) > 1})
        raise ValueError(f"area code(s) given twice: {doubles[:5]}")
    return out


@dataclass(frozen=True)
class LoadRules:
    """When an area is flagged as far above the regional mean, and the default spread rule
    (defaults: ``data/neighbourhood/rules.toml``; choices, not seed figures)."""

    method: FarAboveMethod = "ratio"
    #: "ratio": flagged when the load > ratio × the adult-weighted regional mean
    ratio: float = 1.5
    #: "sd": flagged when the load > mean + sd_k × the adult-weighted standard deviation
    sd_k: float = 2.0
    #: areas with fewer adults are not compared with the mean (an unstable rate)
    min_adults: int = 100
    spread_rule: SpreadRule = "headroom"
    #: where the reason for the rule is given (seed lines)
    reason: str = ""

    def __post_init__(self) -> None:
        if self.method not in FAR_ABOVE_METHODS:
            raise ValueError(f"method must be one of {FAR_ABOVE_METHODS}")
        if self.spread_rule not in SPREAD_RULES:
            raise ValueError(f"spread rule must be one of {SPREAD_RULES}")
        if not (math.isfinite(self.ratio) and self.ratio > 1):
            raise ValueError("ratio must be a number above 1")
        if not (math.isfinite(self.sd_k) and self.sd_k > 0):
            raise ValueError("sd_k must be a number above 0")
        if self.min_adults < 0:
            raise ValueError("min_adults must not be negative")


@cache
def default_rules() -> LoadRules:
    """The shipped default rules (``data/neighbourhood/rules.toml``)."""
    path = resources.files("ggzregio") / "data" / "neighbourhood" / "rules.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    far, spread = data["far_above"], data["spread"]
    return LoadRules(
        method=far["method"],
        ratio=float(far["ratio"]),
        sd_k=float(far["sd_k"]),
        min_adults=int(far["min_adults"]),
        spread_rule=spread["rule"],
        reason=str(far["reason"]),
    )
