"""A value the sources give as a range (``60-70 places``): low, high and their midpoint."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Range:
    """A value the seed gives as a range (``low == high`` for a single figure)."""

    low: float
    high: float

    @property
    def mid(self) -> float:
        """The middle of the range."""
        return (self.low + self.high) / 2

    def scale(self, factor: float) -> Range:
        """Both ends multiplied by ``factor`` (≥ 0)."""
        return Range(self.low * factor, self.high * factor)

    @property
    def is_point(self) -> bool:
        """True when the range is a single figure."""
        return self.low == self.high
