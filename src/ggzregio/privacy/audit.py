"""The audit: for every hidden cell of an output, the range of values a reader can still
consider, by linear programming over what the output and earlier outputs publish (see
:mod:`ggzregio.privacy.disclosure`)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Final

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from ggzregio.privacy.lp import Bounds, LPError
from ggzregio.privacy.output import PUBLIC, DisclosureError, Output

Tiers = tuple[tuple[int, ...], ...]
EPS: Final = 1e-7
_CERTIFY_FROM: Final = 8  # components with more hidden cells are first certified in bulk
_CERTIFY_ROUNDS: Final = 24
_TIERS: Final = 4  # binding equations looked at for candidates, smallest first


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
        self.cells_csc = sp.csr_matrix(_pattern(matrix).T)  # base count -> cells
        prior, prior_values = output.priors()
        self.eq = sp.csr_matrix(sp.vstack([matrix[visible], prior], format="csr"))
        self.rhs = np.concatenate([values[visible], prior_values])
        #: which cell each equation is (-1 for a prior fact)
        self.eq_cell = np.concatenate([visible, np.full(len(prior_values), -1)])
        self.eq_csc = self.eq.tocsc()
        self.eq_ones = _pattern(self.eq)  # 1 where a base count is in an equation
        #: base counts that facts published before already give away on their own: earlier
        #: outputs published them, so hiding them now neither protects nor discloses anything
        self.published_before = _substitute(prior, np.zeros(self.base.size, bool), _pattern(prior))
        self.public_fixed = self._fixed(np.zeros(0, np.int64))
        # Cells that facts published before already give away: hiding them now helps nothing.
        self.told_before = _told_before(matrix, prior, self.published_before)

    def _fixed(self, known_idx: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Base counts the reader can determine by substitution (equations with one unknown)."""
        fixed = np.zeros(self.base.size, dtype=bool)
        fixed[known_idx] = True
        return _substitute(self.eq, fixed, self.eq_ones)

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
        open_count = self.eq_ones @ (~fixed).astype(np.float64)
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
                if high - low < self.threshold - EPS:
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
        wide = self._private_width(cells, variables, model) >= self.threshold - EPS
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
            remaining = np.flatnonzero(~wide & (high - low < self.threshold - EPS))
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
        if high - low >= self.threshold - EPS:
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


def _pattern(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """``matrix`` with every stored coefficient 1 (which base counts each row holds)."""
    ones = matrix.copy()
    ones.data = np.ones_like(ones.data)
    return ones


def _substitute(
    eq: sp.csr_matrix, fixed: NDArray[np.bool_], nz: sp.csr_matrix
) -> NDArray[np.bool_]:
    """``fixed`` grown by every unknown that is the only unknown of an equation (``nz``: the
    pattern of ``eq``), repeatedly."""
    fixed = fixed.copy()
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
