"""Many variables x months x draws in one array, and their quantiles over the draws, fast.

The summaries of a run are the mean and :data:`QUANTILES` over the draws of every variable,
month and region: tens of millions of values per plan. They are computed with as little
sorting as gives the same numbers:

- a variable that is a recorded series as it is (float32, exact in float64) is sorted as
  float32, which is faster and orders the same;
- a variable that is an elementwise, non-decreasing function ``f`` of another array (an
  occupancy is people / places, bed-days are people x days, spending is fixed costs plus the
  costs per client) has as order statistics ``f`` of that array's, so the array is sorted once
  (and shared by every variable made from it) and ``f`` is applied to the few values needed;
- an array that is the same for every draw (shape (months, 1)) is not sorted at all;
- anything else is sorted in place, once.

Means are taken over the stored values, as :func:`numpy.mean` does. The result is value for
value what :func:`quantiles` gives on the full array (tested).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
QUANTILES: Final = (0.05, 0.25, 0.5, 0.75, 0.95)
#: ``f(x, out)``: ``out = f(x)`` elementwise (broadcasting ``x`` to ``out``), non-decreasing;
#: given the order statistics of ``x`` in ``x``'s own type, so it computes on them as on ``x``.
Elementwise = Callable[[NDArray[np.floating], Array], None]


def _positions(n: int) -> tuple[NDArray[np.intp], NDArray[np.intp], Array]:
    pos = np.array(QUANTILES) * (n - 1)
    lo = np.floor(pos).astype(np.intp)
    return lo, np.minimum(lo + 1, n - 1), pos - lo


def _gather(
    ordered: NDArray[np.floating], n: int
) -> tuple[NDArray[np.floating], NDArray[np.floating]]:
    """The order statistics below and above each quantile of ``n`` values sorted along the last
    axis (an array with one value on that axis stands for ``n`` equal values), in their own
    type (so that a function of them computes as it does on the array)."""
    lo, hi, _ = _positions(n)
    if ordered.shape[-1] == 1:
        same = np.broadcast_to(ordered, (*ordered.shape[:-1], lo.size))
        return same, same
    return ordered[..., lo], ordered[..., hi]


def _interpolate(low: Array, high: Array, n: int) -> Array:
    frac = _positions(n)[2]
    with np.errstate(invalid="ignore"):
        result: Array = low * (1 - frac) + high * frac
    return result


def quantiles(values: Array) -> Array:
    """Mean and :data:`QUANTILES` over the last axis (linear interpolation), shape (..., 6)."""
    n = values.shape[-1]
    with np.errstate(invalid="ignore"):
        mean = values.mean(axis=-1)
    low, high = _gather(np.sort(values, axis=-1), n)
    q = _interpolate(low.astype(float), high.astype(float), n)
    result: Array = np.concatenate([mean[..., None], q], axis=-1)
    return result


class Block:
    """Named variables, each (months, draws), in one float64 array (variables, months, draws).

    :meth:`put` fills a variable and says how it orders; :meth:`quantiles` summarises them all.
    """

    def __init__(self, names: Sequence[str], months: int, draws: int) -> None:
        self.names = tuple(names)
        self.values = np.empty((len(self.names), months, draws))
        self._rows = dict(zip(self.names, self.values, strict=True))
        self._order: dict[str, tuple[str, NDArray[np.floating], Elementwise | None]] = {}

    def __getitem__(self, name: str) -> Array:
        return self._rows[name]

    def rows(self) -> dict[str, Array]:
        """Every variable by name (views of the block)."""
        return dict(self._rows)

    def put(
        self,
        name: str,
        source: NDArray[np.floating],
        fn: Elementwise | None = None,
        *,
        key: str | None = None,
    ) -> Array:
        """Set ``name`` to ``fn(source)`` (``source`` itself without ``fn``), where ``fn`` is
        elementwise and non-decreasing, so that ``source`` orders it: its order statistics are
        ``fn`` of those of ``source``, which is sorted once for all variables of the same
        ``key`` (default ``name``). A ``source`` of shape (months, 1) is the same for every
        draw. Variables set otherwise (through :meth:`__getitem__`) are sorted themselves."""
        row = self._rows[name]
        if fn is None:
            np.copyto(row, source)
        else:
            fn(source, row)
        self._order[name] = (key or name, source, fn)
        return row

    def quantiles(self) -> Array:
        """:func:`quantiles` of every variable, (variables, months, 6). Sorts the draws of the
        variables without a source in place: call it last."""
        n = self.values.shape[-1]
        stats = np.empty((*self.values.shape[:-1], 6))
        with np.errstate(invalid="ignore"):
            np.mean(self.values, axis=-1, out=stats[..., 0])
        gathered: dict[str, tuple[NDArray[np.floating], NDArray[np.floating]]] = {}
        for i, name in enumerate(self.names):
            key, source, fn = self._order.get(name, (name, self.values[i], None))
            if key not in gathered:
                if name not in self._order:
                    source.sort(axis=-1)
                elif source.shape[-1] > 1:
                    source = np.sort(source, axis=-1)
                gathered[key] = _gather(source, n)
            low, high = gathered[key]
            if fn is None:
                stats[i, :, 1:] = _interpolate(low.astype(float), high.astype(float), n)
            else:
                stats[i, :, 1:] = _interpolate(_applied(fn, low), _applied(fn, high), n)
        return stats


def _applied(fn: Elementwise, values: NDArray[np.floating]) -> Array:
    out = np.empty(values.shape)
    fn(values, out)
    return out
