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
(:meth:`Output.knows`: a region's editors know their own region's monitor values). The audit
computes for every hidden cell the range of values consistent with all of that, with the base
counts non-negative (integrality ignored): min and max by linear programming
(``scipy.optimize.linprog``, HiGHS). A hidden cell passes when that range is at least the
threshold wide; a cell wholly made of what the reader supplied is theirs and not audited.

:func:`protect` hides every sensitive cell below the threshold (primary), then, while the audit
fails, the cheapest visible cell (by default the smallest count) among those the failing bound
rests on (non-zero dual value), until every hidden cell passes for every reader. An output whose
audit fails is never published: :func:`protect` raises :class:`DisclosureError` instead.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd
import scipy.sparse as sp
from numpy.typing import NDArray

from ggzregio.privacy.lp import Bounds, LPError
from ggzregio.privacy.suppression import check_threshold

Tiers = tuple[tuple[int, ...], ...]
PRIMARY: Final = 1
SECONDARY: Final = 2
PUBLIC: Final = ""  # the reader who supplied nothing
_EPS: Final = 1e-7
_CERTIFY_FROM: Final = 8  # components with more hidden cells are first certified in bulk
_CERTIFY_ROUNDS: Final = 24
_TIERS: Final = 4  # binding equations looked at for candidates, smallest first


class DisclosureError(RuntimeError):
    """An output that would disclose a hidden count; it must not be written."""


@dataclass
class _Block:
    table: str
    column: str
    keys: pd.Index
    start: int
    stop: int


@dataclass
class Output:
    """A whole output under construction: base counts, published cells, readers, history."""

    threshold: int
    base_keys: list[Hashable] = field(default_factory=list)
    base_values: list[float] = field(default_factory=list)
    _base_index: dict[Hashable, int] = field(default_factory=dict)
    _rows: list[sp.csr_matrix] = field(default_factory=list)
    _sensitive: list[NDArray[np.bool_]] = field(default_factory=list)
    _forced: list[NDArray[np.bool_]] = field(default_factory=list)
    _suppressible: list[NDArray[np.bool_]] = field(default_factory=list)
    _published: list[NDArray[np.bool_]] = field(default_factory=list)
    _cost: list[NDArray[np.float64]] = field(default_factory=list)
    blocks: list[_Block] = field(default_factory=list)
    readers: dict[str, set[Hashable]] = field(default_factory=dict)
    _prior: list[tuple[dict[Hashable, float], float]] = field(default_factory=list)

    def __post_init__(self) -> None:
        check_threshold(self.threshold)

    # --- building ---------------------------------------------------------------------------

    def base(self, keys: Iterable[Hashable], values: Iterable[float]) -> None:
        """Register base counts (missing values are not base counts: leave them out)."""
        for key, value in zip(keys, values, strict=True):
            if key in self._base_index:
                raise ValueError(f"base count {key!r} registered twice")
            self._base_index[key] = len(self.base_keys)
            self.base_keys.append(key)
            self.base_values.append(float(value))

    def index_of(self, keys: Iterable[Hashable]) -> NDArray[np.int64]:
        """Positions of base counts (KeyError for an unknown one)."""
        return np.fromiter((self._base_index[k] for k in keys), dtype=np.int64)

    def has_base(self, key: Hashable) -> bool:
        return key in self._base_index

    def cells(
        self,
        table: str,
        column: str,
        keys: Sequence[Hashable] | pd.Index,
        members: Sequence[Sequence[tuple[Hashable, float]]] | sp.spmatrix,
        *,
        sensitive: bool = True,
        forced: NDArray[np.bool_] | None = None,
        suppressible: bool = True,
        published: bool = True,
        cost: NDArray[np.float64] | None = None,
    ) -> None:
        """Publish one column of a table: row ``keys[i]`` is the linear combination
        ``members[i]`` (pairs of base key and coefficient, or a sparse matrix over the base
        counts in registration order). ``sensitive`` cells are counts of people (hidden when
        below the threshold); ``forced`` cells are hidden whatever their value (suppressed at
        the source); cells that are not ``suppressible`` (public figures) always stay visible.
        Cells that are not ``published`` are counts of people the output implies but never
        shows (people in the other category of a percentage, counts outside the output): they
        are audited when small (or ``forced``) and are never part of what a reader knows."""
        index = pd.Index(keys)
        if sp.issparse(members):
            matrix = sp.csr_matrix(members, dtype=np.float64)
            matrix.resize((len(index), len(self.base_keys)))
        else:
            rows, cols, data = [], [], []
            for i, pairs in enumerate(members):
                for key, coef in pairs:
                    rows.append(i)
                    cols.append(self._base_index[key])
                    data.append(float(coef))
            matrix = sp.csr_matrix(
                (data, (rows, cols)), shape=(len(index), len(self.base_keys)), dtype=np.float64
            )
        n = len(index)
        start = sum(r.shape[0] for r in self._rows)
        self._rows.append(matrix)
        self._sensitive.append(np.full(n, sensitive))
        self._forced.append(np.zeros(n, bool) if forced is None else np.asarray(forced, bool))
        self._suppressible.append(np.full(n, suppressible and published))
        self._published.append(np.full(n, published))
        values = matrix @ np.asarray(self.base_values[: matrix.shape[1]], dtype=np.float64)
        self._cost.append(np.abs(values) if cost is None else np.asarray(cost, np.float64))
        self.blocks.append(_Block(table, column, index, start, start + n))

    def sums(
        self,
        table: str,
        column: str,
        labels: pd.Series,
        base_keys: Sequence[Hashable],
        **options: object,
    ) -> None:
        """Publish group sums: the cell of label ``g`` is the sum of the base counts whose
        ``labels`` value is ``g`` (``labels`` aligned with ``base_keys``)."""
        codes, uniques = pd.factorize(labels, sort=False)
        keep = codes >= 0
        positions = self.index_of(np.asarray(base_keys, dtype=object)[keep])
        matrix = sp.csr_matrix(
            (np.ones(int(keep.sum())), (codes[keep], positions)),
            shape=(len(uniques), len(self.base_keys)),
        )
        self.cells(table, column, pd.Index(uniques), matrix, **options)  # type: ignore[arg-type]

    def knows(self, reader: str, base_keys: Iterable[Hashable]) -> None:
        """``reader`` supplied these base counts (knows their values)."""
        self.readers.setdefault(reader, set()).update(k for k in base_keys if k in self._base_index)

    def prior(self, members: dict[Hashable, float], value: float) -> None:
        """A fact published before about the same data: sum of coef × base count = value."""
        if members and all(k in self._base_index for k in members):
            self._prior.append((members, float(value)))

    def describe(self, cell: int) -> str:
        """'table/column[key]' of a published cell (for messages; never its value)."""
        for block in self.blocks:
            if block.start <= cell < block.stop:
                return f"{block.table}/{block.column}[{block.keys[cell - block.start]!r}]"
        return f"cell {cell}"

    # --- assembled --------------------------------------------------------------------------

    def published(self) -> NDArray[np.bool_]:
        """Which cells are published (the others exist for the audit only)."""
        return np.concatenate(self._published) if self._published else np.zeros(0, bool)

    def matrix(self) -> sp.csr_matrix:
        n = len(self.base_keys)
        parts = []
        for m in self._rows:
            m = m.copy()
            m.resize((m.shape[0], n))
            parts.append(m)
        return sp.csr_matrix(sp.vstack(parts, format="csr")) if parts else sp.csr_matrix((0, n))

    def values(self) -> NDArray[np.float64]:
        values: NDArray[np.float64] = self.matrix() @ np.asarray(self.base_values, np.float64)
        return values


@dataclass(frozen=True)
class Decision:
    """Which published cells are hidden, with the reason (for the audit trail, never shown)."""

    output: Output
    reason: NDArray[np.int8]  # 0 visible, PRIMARY, SECONDARY
    audit_seconds: float = 0.0

    @property
    def hidden(self) -> NDArray[np.bool_]:
        return self.reason > 0

    def mask(self, table: str, column: str) -> pd.Series:
        """Hidden flags of one published column, indexed by its row keys."""
        return self.reasons(table, column) > 0

    def reasons(self, table: str, column: str) -> pd.Series:
        """Why each cell of one published column is hidden: 0 visible, ``PRIMARY`` (small or
        suppressed at the source), ``SECONDARY`` (to protect another cell). For the audit
        trail only: never shown or written."""
        for block in self.output.blocks:
            if block.table == table and block.column == column:
                return pd.Series(self.reason[block.start : block.stop], index=block.keys)
        raise KeyError((table, column))

    def counts(self) -> dict[str, int]:
        return {
            "cells": int(self.reason.size),
            "primary": int((self.reason == PRIMARY).sum()),
            "secondary": int((self.reason == SECONDARY).sum()),
        }


@dataclass(frozen=True)
class Finding:
    """A hidden cell whose range for ``reader`` is narrower than the threshold."""

    cell: int
    reader: str
    low: float
    high: float
    #: visible cells whose hiding can widen the range, in tiers: the cells inside the smallest
    #: binding equation first (siblings of an area before other areas of the country)
    candidates: Tiers

    def all_candidates(self) -> set[int]:
        return {c for tier in self.candidates for c in tier}


def protect(output: Output, initial: NDArray[np.bool_] | None = None) -> Decision:
    """Primary and secondary suppression over the whole output, audited (see module doc).

    ``initial`` may add cells hidden by a faster specialised planner before the audit (flags
    for the cells in the order they were published; cells after them start visible)."""
    import time

    started = time.perf_counter()
    values = output.values()
    sensitive = np.concatenate(output._sensitive) if output._sensitive else np.zeros(0, bool)
    forced = np.concatenate(output._forced) if output._forced else np.zeros(0, bool)
    reason = np.zeros(values.size, dtype=np.int8)
    reason[(sensitive & (values < output.threshold - _EPS)) | forced] = PRIMARY
    if initial is not None:  # hidden flags for the first len(initial) cells
        start = np.zeros(values.size, dtype=bool)
        start[: len(initial)] = np.asarray(initial, bool)
        reason[(reason == 0) & start] = SECONDARY
    suppressible = np.concatenate(output._suppressible) if output._suppressible else reason > 0
    cost = np.concatenate(output._cost) if output._cost else np.zeros(0)
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


def audit(output: Output, hidden: NDArray[np.bool_], *, stop_early: bool = True) -> list[Finding]:
    """Every hidden cell whose range of consistent values is narrower than the threshold, for
    the public reader and each named reader (empty list: the output may be published)."""
    matrix = output.matrix()
    values = matrix @ np.asarray(output.base_values, dtype=np.float64)
    hidden = np.asarray(hidden, bool)
    findings: list[Finding] = []
    problem = _System(output, matrix, values, hidden)
    readers: list[tuple[str, set[Hashable]]] = [(PUBLIC, set()), *output.readers.items()]
    public = problem.public_fixed  # what every reader can work out
    for reader, known in readers:
        own_idx = output.index_of(known) if known else np.zeros(0, np.int64)
        known_idx = own_idx[~public[own_idx]]  # knowing what is public adds nothing
        if reader != PUBLIC and known_idx.size == 0:
            continue
        for cell, low, high, cands in problem.narrow_cells(known_idx, reader != PUBLIC, own_idx):
            findings.append(Finding(cell, reader, low, high, cands))
            if stop_early:
                return findings
    return findings


class _System:
    """The equations a reader has: visible cells and prior facts over the base counts."""

    def __init__(
        self,
        output: Output,
        matrix: sp.csr_matrix,
        values: NDArray[np.float64],
        hidden: NDArray[np.bool_],
    ) -> None:
        self.output = output
        self.threshold = float(output.threshold)
        self.base = np.asarray(output.base_values, dtype=np.float64)
        self.hidden_cells = np.flatnonzero(hidden)
        self.cell_rows = matrix
        published = output.published()
        visible = np.flatnonzero(~hidden & published)
        self.visible_cells = ~hidden & published
        ones = matrix.copy()
        ones.data = np.ones_like(ones.data)
        self.cells_csc = sp.csr_matrix(ones.T)  # base count -> cells (rows: base counts)
        prior_rows, prior_cols, prior_data, prior_values = [], [], [], []
        for i, (members, value) in enumerate(output._prior):
            for key, coef in members.items():
                prior_rows.append(i)
                prior_cols.append(output._base_index[key])
                prior_data.append(coef)
            prior_values.append(value)
        prior = sp.csr_matrix(
            (prior_data, (prior_rows, prior_cols)), shape=(len(prior_values), self.base.size)
        )
        self.eq = sp.csr_matrix(sp.vstack([matrix[visible], prior], format="csr"))
        self.rhs = np.concatenate([values[visible], np.asarray(prior_values, np.float64)])
        #: which cell each equation is (-1 for a prior fact)
        self.eq_cell = np.concatenate([visible, np.full(len(prior_values), -1)])
        self.eq_csc = self.eq.tocsc()
        #: base counts that facts published before already give away on their own: earlier
        #: outputs published them, so hiding them now neither protects nor discloses anything
        self.published_before = _substitute(sp.csr_matrix(prior), np.zeros(self.base.size, bool))
        self.public_fixed = self._fixed(np.zeros(0, np.int64))
        # Cells that facts published before already give away: hiding them now helps nothing.
        self.told_before = _told_before(matrix, sp.csr_matrix(prior), self.published_before)

    def _fixed(self, known_idx: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Base counts the reader can determine by substitution (equations with one unknown)."""
        fixed = np.zeros(self.base.size, dtype=bool)
        fixed[known_idx] = True
        return _substitute(self.eq, fixed)

    def narrow_cells(
        self, known_idx: NDArray[np.int64], named: bool, own_idx: NDArray[np.int64] | None = None
    ) -> Iterable[tuple[int, float, float, Tiers]]:
        """Hidden cells narrower than the threshold for a reader who knows ``known_idx`` beyond
        the public (``own_idx``: everything they supplied, whose cells are theirs)."""
        if self.hidden_cells.size == 0:
            return
        known = np.zeros(self.base.size, dtype=bool)
        known[known_idx] = True
        if named and not known.any():
            return
        own = known.copy()
        if own_idx is not None:
            own[own_idx] = True
        fixed = self._fixed(known_idx)
        # Equations that still bind unknowns, and which unknowns appear in any.
        nz = self.eq.copy()
        nz.data = np.ones_like(nz.data)
        open_count = nz @ (~fixed).astype(np.float64)
        live = np.flatnonzero(open_count > 0.5)
        constrained = np.zeros(self.base.size, dtype=bool)
        if live.size:
            sub = self.eq[live]
            constrained[sub.indices] = True
        constrained &= ~fixed
        labels = self._components(live, fixed)
        # What this reader works out beyond the public (their own counts and what follows).
        beyond = known | (fixed & ~self.public_fixed)
        touched = self._touched_components(beyond, fixed, labels) if named else None
        self._models: dict[tuple[int, ...], tuple[NDArray[np.int64], NDArray[np.int64], Bounds]]
        self._models = {}
        self._fixed_part: NDArray[np.float64] | None = None
        self._fixed_for: NDArray[np.bool_] | None = None
        pending: dict[tuple[int, ...], list[int]] = {}
        for cell in self.hidden_cells.tolist():
            cols, _ = self._row(cell)
            if cols.size == 0:
                continue
            if own[cols].all():
                continue  # the reader's own data
            if self.told_before[cell]:
                continue  # published before: public already
            free = ~fixed[cols] & ~constrained[cols]
            if free.any():
                continue  # an unknown in no equation: unbounded, the cell is safe
            open_cols = cols[~fixed[cols]]
            if open_cols.size == 0:
                yield cell, *self._determined(cell, cols, fixed, known)
                continue
            comps = tuple(sorted(set(labels[open_cols].tolist())))
            if touched is not None and not (fixed[cols].any() or touched.intersection(comps)):
                continue  # this reader's knowledge does not reach it: as for the public
            pending.setdefault(comps, []).append(cell)
        for comps, group in pending.items():
            seen: dict[int, tuple[float, float]] = {}
            if len(group) > _CERTIFY_FROM:
                seen = self._uncertified(comps, group, labels, fixed)
                group = list(seen)
            cache: dict[tuple[object, ...], tuple[float, float, Tiers]] = {}
            for cell in group:
                cols, coefs = self._row(cell)
                key = (*cols.tolist(), -1, *np.round(coefs, 12).tolist())
                if key not in cache:
                    cache[key] = self._range(
                        cols, coefs, comps, labels, fixed, known, seen.get(cell)
                    )
                low, high, cands = cache[key]
                if high - low < self.threshold - _EPS:
                    yield cell, low, high, cands

    def _row(self, cell: int) -> tuple[NDArray[np.int32], NDArray[np.float64]]:
        """The base counts of a cell and their coefficients (without sparse indexing)."""
        lo, hi = self.cell_rows.indptr[cell], self.cell_rows.indptr[cell + 1]
        return self.cell_rows.indices[lo:hi], self.cell_rows.data[lo:hi]

    def _model_for(
        self, comps: tuple[int, ...], labels: NDArray[np.int64], fixed: NDArray[np.bool_]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64], Bounds]:
        """The LP of the unknowns in ``comps`` (built once per reader)."""
        if comps not in self._models:
            if self._fixed_part is None or self._fixed_for is not fixed:
                self._fixed_part = self.eq @ np.where(fixed, self.base, 0.0)
                self._fixed_for = fixed
            variables = np.flatnonzero(np.isin(labels, comps) & ~fixed)
            eq = sp.csr_matrix(self.eq_csc[:, variables])
            rows = np.flatnonzero(np.diff(eq.indptr) > 0)
            model = Bounds(sp.csr_matrix(eq[rows]), self.rhs[rows] - self._fixed_part[rows])
            self._models[comps] = (variables, rows, model)
        return self._models[comps]

    def _private_width(
        self, cells: sp.csr_matrix, variables: NDArray[np.int64], model: Bounds
    ) -> NDArray[np.float64]:
        """A width each cell certainly has (0 when unknown). Unknowns found in exactly the same
        equations with the same coefficients can trade with one another freely: a cell that is
        one such unknown ranges at least from 0 to its value plus the others' of its kind."""
        a = sp.csc_matrix(model.a)
        signature: dict[tuple[object, ...], int] = {}
        kind = np.empty(variables.size, dtype=np.int64)
        for j in range(variables.size):
            lo, hi = a.indptr[j], a.indptr[j + 1]
            key = (*a.indices[lo:hi].tolist(), -1, *np.round(a.data[lo:hi], 12).tolist())
            kind[j] = signature.setdefault(key, len(signature))
        x = self.base[variables]
        pool = np.bincount(kind, weights=x, minlength=len(signature))
        size = np.bincount(kind, minlength=len(signature))
        width = np.zeros(cells.shape[0])
        single = np.flatnonzero(np.diff(cells.indptr) == 1)
        var = cells.indices[cells.indptr[single]]
        ok = (size[kind[var]] >= 2) & (cells.data[cells.indptr[single]] > 0)
        width[single[ok]] = pool[kind[var[ok]]] * cells.data[cells.indptr[single]][ok]
        return width

    def _uncertified(
        self,
        comps: tuple[int, ...],
        group: list[int],
        labels: NDArray[np.int64],
        fixed: NDArray[np.bool_],
    ) -> dict[int, tuple[float, float]]:
        """The cells of ``group`` whose width is not yet certified by feasible points, with the
        lowest and highest value seen.

        The true counts are one feasible point; a few LPs with random weights over all cells
        of the component give more (vertices that push many cells to their extremes at once).
        A cell whose values over these points already differ by the threshold is wide enough;
        only the others need their own two LPs."""
        variables, _, model = self._model_for(comps, labels, fixed)
        cells = self.cell_rows[group][:, variables]
        constant = self.cell_rows[group] @ np.where(fixed, self.base, 0.0)
        truth = self.cell_rows[group] @ self.base
        low, high = truth.copy(), truth.copy()
        rng = np.random.default_rng(len(group))
        wide = self._private_width(cells, variables, model) >= self.threshold - _EPS
        remaining = np.flatnonzero(~wide)
        # Which equations each cell is in: cells that share none can reach their extremes
        # together, so later rounds push such a set of cells at once.
        incidence = (abs(cells) @ abs(model.a.T)).tocsr()
        for round_ in range(_CERTIFY_ROUNDS):
            weights = np.zeros(len(group))
            if round_ < 4:  # all cells up (and down), then random signs: varied vertices
                signs = 1.0 if round_ % 2 == 0 else rng.choice([-1.0, 1.0], remaining.size)
                weights[remaining] = rng.random(remaining.size) * signs
            else:
                weights[_independent(incidence, rng.permutation(remaining))] = 1.0
            objective = np.asarray(cells.T @ weights).ravel()
            for point in model.vertices(objective):
                values = cells @ point + constant
                low, high = np.minimum(low, values), np.maximum(high, values)
            before = remaining.size
            remaining = np.flatnonzero(~wide & (high - low < self.threshold - _EPS))
            if remaining.size == 0 or (round_ >= 8 and remaining.size > 0.95 * before):
                break
        return {group[i]: (float(low[i]), float(high[i])) for i in remaining}

    def _touched_components(
        self, known: NDArray[np.bool_], fixed: NDArray[np.bool_], labels: NDArray[np.int64]
    ) -> set[int]:
        """Components of unknowns that share an equation with what the reader knows."""
        eqs = np.unique(self.eq_csc[:, np.flatnonzero(known)].nonzero()[0])
        if eqs.size == 0:
            return set()
        members = self.eq[eqs].indices
        members = members[~fixed[members]]
        return set(labels[members].tolist())

    def _components(self, live: NDArray[np.int64], fixed: NDArray[np.bool_]) -> NDArray[np.int64]:
        """Connected components of the unknown base counts through the live equations."""
        n = self.base.size
        if live.size == 0:
            return np.arange(n)
        sub = self.eq[live].tocoo()
        keep = ~fixed[sub.col]
        rows, cols = sub.row[keep], sub.col[keep]
        graph = sp.coo_matrix(
            (np.ones(rows.size), (cols, rows + n)), shape=(n + live.size, n + live.size)
        )
        from scipy.sparse.csgraph import connected_components

        _, labels = connected_components(graph, directed=False)
        return np.asarray(labels[:n], dtype=np.int64)

    def _determined(
        self,
        cell: int,
        cols: NDArray[np.int32],
        fixed: NDArray[np.bool_],
        known: NDArray[np.bool_],
    ) -> tuple[float, float, Tiers]:
        """A cell fixed by substitution: its value, and the visible cells that fix it."""
        members, coefs = self._row(cell)
        value = float(np.dot(coefs, self.base[members]))
        eqs = np.unique(self.eq_csc[:, cols].nonzero()[0])
        return value, value, self._tiers(eqs)

    def _tiers(self, eqs: NDArray[np.int64]) -> Tiers:
        """For each equation (smallest support first): the visible cells that lie inside it
        (its own cell included) — hiding one of them opens that equation."""
        if eqs.size == 0:
            return ()
        sizes = np.diff(self.eq.indptr)[eqs]
        tiers = []
        full = np.diff(self.cell_rows.indptr)
        for size in np.unique(sizes)[:_TIERS]:  # equations of the same size form one tier
            found: set[int] = set()
            for e in eqs[sizes == size]:
                support = self.eq.indices[self.eq.indptr[e] : self.eq.indptr[e + 1]]
                inside = np.asarray(self.cells_csc[support].sum(axis=0)).ravel()
                open_cells = self.visible_cells & ~self.told_before
                cells = np.flatnonzero((inside == full) & (full > 0) & open_cells)
                found.update(int(c) for c in cells)
            if found:
                tiers.append(tuple(sorted(found)))
        return tuple(tiers)

    def _range(
        self,
        cols: NDArray[np.int32],
        coefs: NDArray[np.float64],
        comps: tuple[int, ...],
        labels: NDArray[np.int64],
        fixed: NDArray[np.bool_],
        known: NDArray[np.bool_],
        seen: tuple[float, float] | None = None,
    ) -> tuple[float, float, Tiers]:
        """Min and max of the cell over the components it touches (LP), and the visible
        cells with a non-zero dual value in either bound. With ``seen`` (values of feasible
        points), a maximum already the threshold above the lowest seen value is enough."""
        variables, rows, model = self._model_for(comps, labels, fixed)
        a, b = model.a, model.b
        position = np.searchsorted(variables, cols)
        inside = (position < variables.size) & (
            variables[np.minimum(position, variables.size - 1)] == cols
        )
        objective = np.zeros(variables.size)
        np.add.at(objective, position[inside], coefs[inside])
        constant = float(np.dot(coefs[~inside], self.base[cols[~inside]]))
        fixed_cols = cols[fixed[cols] & ~known[cols]]
        eqs: set[int] = set()
        if fixed_cols.size:  # the equations fixing unknowns of the cell by substitution
            eqs.update(np.unique(self.eq_csc[:, fixed_cols].nonzero()[0]).tolist())
        if a.shape[0] == 1 and (a.data > 0).all() and (objective >= 0).all():
            # One equation a·x = b over non-negative unknowns (a sum such as a national total):
            # the bounds are b × min and max of objective / a (closed form, no LP).
            weights = np.zeros(variables.size)
            weights[a.indices] = objective[a.indices] / a.data
            if (objective[weights == 0] > 0).any():  # an unknown in no equation: unbounded
                return -np.inf, np.inf, ()
            ratios = weights[a.indices]
            low = constant + b[0] * float(ratios.min())
            high = constant + b[0] * float(ratios.max())
            eqs.add(int(rows[0]))
        else:
            try:
                low, high, binding = model.extremes(
                    objective, None if seen is None else seen[0] - constant, self.threshold
                )
            except LPError as exc:
                raise DisclosureError(f"audit LP failed: {exc}") from exc
            low, high = low + constant, high + constant
            eqs.update(rows[binding].tolist())
        if high - low >= self.threshold - _EPS:
            return low, high, ()
        return low, high, self._tiers(np.array(sorted(eqs), dtype=np.int64))


_DENSE_LIMIT: Final = 4_000_000  # prior rows × base counts for the exact row-space test


def _told_before(
    cells: sp.csr_matrix, prior: sp.csr_matrix, published: NDArray[np.bool_]
) -> NDArray[np.bool_]:
    """Which cells earlier facts already determine: every member given away on its own, the
    same sum as a fact, or (for outputs of moderate size) any combination of facts — the
    cell's row lies in their row space."""
    told = np.zeros(cells.shape[0], dtype=bool)
    if prior.shape[0] == 0:
        return told
    keys = {_row_key(prior, i) for i in range(prior.shape[0])}
    for cell in range(cells.shape[0]):
        members = cells.indices[cells.indptr[cell] : cells.indptr[cell + 1]]
        told[cell] = bool(members.size) and (
            bool(published[members].all()) or _row_key(cells, cell) in keys
        )
    if prior.shape[0] * prior.shape[1] <= _DENSE_LIMIT:
        dense = prior.toarray()
        _, singular, vt = np.linalg.svd(dense, full_matrices=False)
        basis = vt[singular > 1e-9 * max(1.0, float(singular.max(initial=0.0)))]
        rows = cells.toarray()
        residual = rows - (rows @ basis.T) @ basis
        scale = np.maximum(np.abs(rows).sum(axis=1), 1.0)
        told |= (np.abs(residual).sum(axis=1) / scale < 1e-8) & (np.abs(rows).sum(axis=1) > 0)
    return told


def _row_key(matrix: sp.csr_matrix, i: int) -> tuple[object, ...]:
    """A row's members and coefficients, comparable between matrices."""
    lo, hi = matrix.indptr[i], matrix.indptr[i + 1]
    order = np.argsort(matrix.indices[lo:hi])
    cols = matrix.indices[lo:hi][order].tolist()
    return (*cols, -1, *np.round(matrix.data[lo:hi][order], 9).tolist())


def _substitute(eq: sp.csr_matrix, fixed: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """``fixed`` grown by every unknown that is the only unknown of an equation, repeatedly."""
    fixed = fixed.copy()
    nz = eq.copy()
    nz.data = np.ones_like(nz.data)
    while True:
        unknown = nz @ (~fixed).astype(np.float64)
        single = np.flatnonzero(np.abs(unknown - 1) < 0.5)
        if single.size == 0:
            return fixed
        sub = eq[single]
        cols = sub.indices[~fixed[sub.indices]]
        if cols.size == 0 or fixed[cols].all():
            return fixed
        fixed[cols] = True


def _independent(incidence: sp.csr_matrix, order: NDArray[np.int64]) -> list[int]:
    """A greedy set of cells (in ``order``) of which no two share an equation."""
    used: set[int] = set()
    chosen = []
    for i in order.tolist():
        eqs = incidence.indices[incidence.indptr[i] : incidence.indptr[i + 1]].tolist()
        if not used.intersection(eqs):
            used.update(eqs)
            chosen.append(i)
    return chosen
