"""One disclosure layer for a whole output: every table published together, the linear
relations between them, suppression chosen over all of it at once, and an audit by linear
programming.

An output is described by *base counts* (the finest counts of people it is built from: people
per area, per region, year and indicator, per PC4 and rule mask) and *published cells*, each a
linear combination of base counts with public coefficients: an area's count (one base count), a
municipality or region total (a sum), a decile or urbanity class (a sum over other areas), a
target (a sum over indicators), a rate (numerator × 100 / respondents), a per-100,000 figure.
Every relation between the tables follows from that, so a reader who combines tables,
partitions, totals and rates gets exactly the equations the audit solves.

A *reader* (attacker) knows every visible cell, every fact published before for the same data
(:meth:`Output.prior`) and, for a named reader, the base counts they supplied themselves
(:meth:`Output.knows`: a region's editors know their own region's monitor values), with all
that follows from them. The audit (:mod:`ggzregio.privacy.audit`) computes for every hidden
cell the range of values consistent with all of that, base counts non-negative (integrality
ignored), by linear programming (HiGHS, :mod:`ggzregio.privacy.lp`). A hidden cell passes when
that range is at least the threshold wide; a cell wholly made of what the reader supplied is
theirs, and one that earlier facts already determine is public.

:func:`protect` hides every sensitive cell below the threshold (primary), then, while the audit
fails, the cheapest visible cell (by default the smallest count) inside the smallest equation
that pins the failing cell, until every hidden cell passes for every reader. An output whose
audit fails is never published: :func:`protect` raises :class:`DisclosureError` instead.
"""

from __future__ import annotations

import time

import numpy as np
from numpy.typing import NDArray

from ggzregio.privacy.audit import EPS, Finding, audit
from ggzregio.privacy.output import (
    PRIMARY,
    PUBLIC,
    SECONDARY,
    Decision,
    DisclosureError,
    Output,
)

__all__ = [
    "PRIMARY",
    "PUBLIC",
    "SECONDARY",
    "Decision",
    "DisclosureError",
    "Finding",
    "Output",
    "audit",
    "protect",
]


def protect(output: Output, initial: NDArray[np.bool_] | None = None) -> Decision:
    """Primary and secondary suppression over the whole output, audited (see module doc).

    ``initial`` may add cells hidden by a faster specialised planner before the audit (flags
    for the cells in the order they were published; cells after them start visible)."""
    started = time.perf_counter()
    values = output.values()
    reason = np.zeros(values.size, dtype=np.int8)
    reason[(output.sensitive() & (values < output.threshold - EPS)) | output.forced()] = PRIMARY
    if initial is not None:  # hidden flags for the first len(initial) cells
        start = np.zeros(values.size, dtype=bool)
        start[: len(initial)] = np.asarray(initial, bool)
        reason[(reason == 0) & start] = SECONDARY
    suppressible, cost = output.suppressible(), output.cost()
    for _ in range(values.size + 1):
        findings = audit(output, reason > 0, stop_early=False)
        if not findings:
            return Decision(output, reason, time.perf_counter() - started)
        added: set[int] = set()
        for finding in findings:
            if added.intersection(finding.all_candidates()):
                continue  # a cell just hidden may already protect it: audit again first
            for tier in finding.candidates:
                options = [c for c in tier if reason[c] == 0 and suppressible[c]]
                if options:
                    choice = min(options, key=lambda c: (cost[c], c))
                    reason[choice] = SECONDARY
                    added.add(choice)
                    break
        if not added:
            where = ", ".join(output.describe(f.cell) for f in findings[:5])
            raise DisclosureError(
                f"{len(findings)} hidden cell(s) cannot be protected (no visible cell left to "
                f"hide): {where}"
            )
    raise DisclosureError("suppression did not converge")
