"""The audit's linear programs: min and max of a linear objective over {x ≥ 0 : A x = b}.

One HiGHS model per connected component of unknowns, passed once; each hidden cell of the
component changes only the objective and re-solves from the previous optimal basis (dual
simplex warm start, no presolve), which takes a few pivots instead of a full solve. scipy's
``linprog`` cannot keep a model between solves, hence ``highspy``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

import highspy
import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray


class LPError(RuntimeError):
    """HiGHS returned neither an optimum nor unboundedness."""


def _quiet_highs() -> highspy.Highs:
    """A HiGHS instance, without the banner it prints to standard output when made (it would
    mix into the command line's output and into piped CSV)."""
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        h = highspy.Highs()  # type: ignore[no-untyped-call]
        h.setOptionValue("output_flag", False)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)
    return h


@dataclass
class Bounds:
    """One component's model; :meth:`extremes` gives min and max of an objective."""

    a: sp.csr_matrix
    b: NDArray[np.float64]
    _highs: highspy.Highs | None = None
    _costs: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))

    def _model(self) -> highspy.Highs:
        if self._highs is None:
            h = _quiet_highs()
            h.setOptionValue("presolve", "off")
            # After a change of objective the basis stays primal feasible: primal simplex.
            h.setOptionValue("simplex_strategy", 4)
            csc = sp.csc_matrix(self.a)
            n_rows, n_cols = csc.shape
            lp = highspy.HighsLp()
            lp.num_col_ = n_cols
            lp.num_row_ = n_rows
            lp.col_cost_ = np.zeros(n_cols)
            lp.col_lower_ = np.zeros(n_cols)
            lp.col_upper_ = np.full(n_cols, highspy.kHighsInf)
            lp.row_lower_ = np.asarray(self.b, dtype=np.float64)
            lp.row_upper_ = np.asarray(self.b, dtype=np.float64)
            lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
            lp.a_matrix_.start_ = csc.indptr.astype(np.int32)
            lp.a_matrix_.index_ = csc.indices.astype(np.int32)
            lp.a_matrix_.value_ = csc.data.astype(np.float64)
            h.passModel(lp)
            self._highs = h
        return self._highs

    def vertices(self, objective: NDArray[np.float64]) -> list[NDArray[np.float64]]:
        """The optimal points of max and of min ``objective · x`` (unbounded ones left out)."""
        points = []
        for sign in (-1.0, 1.0):
            if self._solve(sign * objective):
                points.append(np.asarray(self._model().getSolution().col_value))
        return points

    def _solve(self, costs: NDArray[np.float64]) -> bool:
        """Minimise ``costs · x``; False when unbounded."""
        h = self._model()
        nz = np.flatnonzero(costs)
        reset = np.setdiff1d(self._costs, nz)
        if reset.size:
            h.changeColsCost(reset.size, reset.astype(np.int32), np.zeros(reset.size))
        h.changeColsCost(nz.size, nz.astype(np.int32), costs[nz])
        self._costs = nz
        h.run()
        status = h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal and status != (
            highspy.HighsModelStatus.kUnbounded
        ):
            h.clearSolver()  # a warm start can stall on a degenerate basis: once from scratch
            h.run()
            status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kUnbounded:
            return False
        if status != highspy.HighsModelStatus.kOptimal:
            raise LPError(h.modelStatusToString(status))
        return True

    def extremes(
        self,
        objective: NDArray[np.float64],
        seen_low: float | None = None,
        width: float = np.inf,
    ) -> tuple[float, float, NDArray[np.bool_]]:
        """(min, max) of ``objective · x`` (±inf when unbounded) and which equations have a
        non-zero dual value in either solve. With ``seen_low`` (a feasible value), the minimum
        is not solved when the maximum already lies ``width`` above it (it is then returned
        as ``seen_low``)."""
        binding = np.zeros(self.a.shape[0], dtype=bool)
        result: list[float] = []
        for sign in (-1.0, 1.0):  # the maximum first
            if sign > 0 and seen_low is not None and result[0] - seen_low >= width:
                result.append(seen_low)
                break
            if not self._solve(sign * objective):
                result.append(-np.inf * sign)
                continue
            h = self._model()
            result.append(sign * h.getInfo().objective_function_value)
            binding |= np.abs(np.asarray(h.getSolution().row_dual)) > 1e-9
        high, low = result
        return low, high, binding
