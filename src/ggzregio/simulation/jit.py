"""Numba when it is installed (extra ``simulation``), plain Python otherwise.

With Numba the simulation's kernels are compiled exactly as ``numba.njit(...)`` and
``numba.prange`` would compile them; without it :func:`njit` returns the function unchanged
and :data:`prange` is :func:`range`, so the same code runs, only (much) slower: fine for a
few regions and draws, not for national Monte Carlo runs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Final, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def _numba() -> Any:
    try:
        return importlib.import_module("numba")
    except ImportError:
        return None


_NUMBA: Final[Any] = _numba()
#: Whether the kernels are compiled (Numba installed).
COMPILED: Final = _NUMBA is not None
#: ``numba.prange`` (parallel loop in a kernel compiled with ``parallel=True``), else ``range``.
prange: Final[Any] = _NUMBA.prange if COMPILED else range


def njit(*, cache: bool = False, parallel: bool = False) -> Callable[[F], F]:
    """``numba.njit(cache=..., parallel=...)``, or the function itself without Numba."""
    if _NUMBA is None:
        return _unchanged
    decorator: Callable[[F], F] = _NUMBA.njit(cache=cache, parallel=parallel)
    return decorator


def _unchanged(func: F) -> F:
    return func


__all__ = ["COMPILED", "njit", "prange"]
