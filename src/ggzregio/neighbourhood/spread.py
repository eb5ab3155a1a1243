"""A suggested spread of a number of placements over the areas, never above a ceiling.

The rules (``rule``; default in ``data/neighbourhood/rules.toml``):

- ``headroom``: each area's share is proportional to its *headroom*, the placements its ceiling
  still allows beyond the planned ones (``limit - planned``, never below 0). The fullest
  areas get the least, and no share can exceed the headroom.
- ``adults``: proportional to the area's adults, with every share capped at its headroom; what
  a capped area cannot take goes to the others in proportion to their adults (repeated until
  no share exceeds its headroom: "water-filling").

Only areas with an agreed ceiling take part (without one there is no limit to respect); under
``adults`` also only areas with adults. The real shares are computed exactly (fractions) and
rounded to whole placements by the *largest remainder*: every area gets its share rounded
down, and the placements left over go one each to the areas with the largest fractions
(ties: larger weight first, then the area code in sorting order). An area that is rounded up
had a fraction, so its share was below its (whole) headroom: rounding never exceeds a
ceiling. The result places ``min(total, total headroom)`` placements; the rest is
*unplaced*. Deterministic: the same input gives the same spread, whatever the order of areas.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

from ggzregio.neighbourhood.areas import SPREAD_RULES, AreaLoad, SpreadRule, check_unique

#: Why an area takes no part in a spread.
EXCLUDED_NO_CEILING: Final = "no_ceiling"
EXCLUDED_NO_ADULTS: Final = "no_adults"


@dataclass(frozen=True)
class SpreadResult:
    """A suggested spread: placements per area code (every area that takes part, 0 included),
    the headroom each had, and the areas left out with the reason."""

    rule: SpreadRule
    total: int
    placed: Mapping[str, int]
    headroom: Mapping[str, int]
    excluded: Mapping[str, str]

    @property
    def placed_total(self) -> int:
        return sum(self.placed.values())

    @property
    def unplaced(self) -> int:
        """Placements that fit under no ceiling."""
        return self.total - self.placed_total

    @property
    def rule_key(self) -> str:
        """The message key that describes the rule in words."""
        return f"neighbourhood.rule.{self.rule}"


def spread(total: int, areas: Iterable[AreaLoad], rule: SpreadRule = "headroom") -> SpreadResult:
    """Suggest how ``total`` placements are spread over ``areas`` (see the module doc)."""
    if isinstance(total, bool) or not isinstance(total, int) or total < 0:
        raise ValueError("the number of placements to spread is a whole number ≥ 0")
    if rule not in SPREAD_RULES:
        raise ValueError(f"spread rule must be one of {SPREAD_RULES}")
    listed = sorted(check_unique(areas), key=lambda a: a.code)
    excluded: dict[str, str] = {}
    caps: dict[str, int] = {}
    weights: dict[str, int] = {}
    for area in listed:
        room = area.headroom
        if room is None:
            excluded[area.code] = EXCLUDED_NO_CEILING
        elif rule == "adults" and area.adults == 0:
            excluded[area.code] = EXCLUDED_NO_ADULTS
        else:
            caps[area.code] = room
            weights[area.code] = room if rule == "headroom" else area.adults
    target = min(total, sum(caps.values()))
    shares = _capped_shares(target, weights, caps)
    placed = _largest_remainder(target, shares, weights)
    return SpreadResult(rule, total, placed, caps, excluded)


def _capped_shares(
    target: int, weights: Mapping[str, int], caps: Mapping[str, int]
) -> dict[str, Fraction]:
    """Exact shares of ``target`` proportional to ``weights``, none above its cap (areas that
    would exceed their cap get the cap; the rest is shared again among the others). Needs
    ``target`` ≤ the sum of the caps of areas with a positive weight."""
    shares = {code: Fraction(0) for code in weights}
    active = [c for c in weights if caps[c] > 0 and weights[c] > 0]
    remaining = Fraction(target)
    while active and remaining > 0:
        weight = sum(weights[c] for c in active)
        quota = {c: remaining * weights[c] / weight for c in active}
        full = [c for c in active if quota[c] >= caps[c]]
        if not full:
            shares.update(quota)
            break
        for code in full:
            shares[code] = Fraction(caps[code])
            remaining -= caps[code]
        active = [c for c in active if c not in full]
    return shares


def _largest_remainder(
    target: int, shares: Mapping[str, Fraction], weights: Mapping[str, int]
) -> dict[str, int]:
    """Whole placements: shares rounded down, the rest one each to the largest fractions."""
    placed = {code: int(share) for code, share in shares.items()}  # int() floors a Fraction ≥ 0
    left = target - sum(placed.values())
    order = sorted(
        (c for c in shares if shares[c] > placed[c]),
        key=lambda c: (-(shares[c] - placed[c]), -weights[c], c),
    )
    for code in order[:left]:
        placed[code] += 1
    return placed


def apply_spread(areas: Iterable[AreaLoad], result: SpreadResult) -> list[AreaLoad]:
    """The areas with the spread's placements added to their planned ones."""
    return [a.with_planned(a.planned + result.placed.get(a.code, 0)) for a in areas]
