"""An output as the disclosure layer sees it: base counts of people, published cells as linear
combinations of them, readers with their own knowledge, facts published before; and the
decision which cells are hidden (see :mod:`ggzregio.privacy.disclosure`)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd
import scipy.sparse as sp
from numpy.typing import NDArray

from ggzregio.privacy.suppression import check_threshold

PRIMARY: Final = 1
SECONDARY: Final = 2
PUBLIC: Final = ""  # the reader who supplied nothing


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
    _matrix: sp.csr_matrix | None = field(default=None, repr=False)

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
        return _joined(self._published, bool)

    def sensitive(self) -> NDArray[np.bool_]:
        """Which cells are counts of people (hidden when below the threshold)."""
        return _joined(self._sensitive, bool)

    def forced(self) -> NDArray[np.bool_]:
        """Which cells are hidden whatever their value (suppressed at the source)."""
        return _joined(self._forced, bool)

    def suppressible(self) -> NDArray[np.bool_]:
        """Which cells may be hidden to protect another one."""
        return _joined(self._suppressible, bool)

    def cost(self) -> NDArray[np.float64]:
        """What hiding each cell costs (by default its value)."""
        return _joined(self._cost, np.float64)

    def priors(self) -> tuple[sp.csr_matrix, NDArray[np.float64]]:
        """The facts published before, as equations over the base counts."""
        rows, cols, data, values = [], [], [], []
        for i, (members, value) in enumerate(self._prior):
            for key, coef in members.items():
                rows.append(i)
                cols.append(self._base_index[key])
                data.append(coef)
            values.append(value)
        matrix = sp.csr_matrix((data, (rows, cols)), shape=(len(values), len(self.base_keys)))
        return matrix, np.asarray(values, dtype=np.float64)

    def matrix(self) -> sp.csr_matrix:
        """Every published cell as a row over the base counts (built once per shape)."""
        n = len(self.base_keys)
        shape = (sum(m.shape[0] for m in self._rows), n)
        if self._matrix is None or self._matrix.shape != shape:
            parts = []
            for m in self._rows:
                m = m.copy()
                m.resize((m.shape[0], n))
                parts.append(m)
            self._matrix = sp.csr_matrix(sp.vstack(parts, format="csr")) if parts else None
        return self._matrix if self._matrix is not None else sp.csr_matrix((0, n))

    def values(self) -> NDArray[np.float64]:
        values: NDArray[np.float64] = self.matrix() @ np.asarray(self.base_values, np.float64)
        return values


def _joined(parts: list[NDArray[Any]], dtype: type) -> NDArray[Any]:
    return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype)


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
