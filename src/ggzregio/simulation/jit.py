"""Numba when it is installed (extra ``simulation``), plain Python otherwise.

With Numba the simulation's kernels are compiled exactly as ``numba.njit(...)`` and
``numba.prange`` would compile them; without it :func:`njit` returns the function unchanged
and :data:`prange` is :func:`range`, so the same code runs, only (much) slower: fine for a
few regions and draws, not for national Monte Carlo runs.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterator
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


def njit(*, cache: bool = False, parallel: bool = False, nogil: bool = False) -> Callable[[F], F]:
    """``numba.njit(cache=..., parallel=..., nogil=...)``, or the function itself without
    Numba (``nogil``: other Python threads run while the compiled function does)."""
    if _NUMBA is None:
        return _unchanged
    decorator: Callable[[F], F] = _NUMBA.njit(cache=cache, parallel=parallel, nogil=nogil)
    return decorator


def _unchanged(func: F) -> F:
    return func


@contextlib.contextmanager
def parallel_chunksize(size: int) -> Iterator[None]:
    """Within: compiled parallel loops hand out ``size`` iterations at a time to whichever
    thread is free (``numba.parallel_chunksize``), instead of an equal share per thread given
    at the start, so a core busy with other work does not hold the loop up."""
    if _NUMBA is None:
        yield
        return
    with _NUMBA.parallel_chunksize(size):
        yield


__all__ = ["COMPILED", "njit", "parallel_chunksize", "prange"]
