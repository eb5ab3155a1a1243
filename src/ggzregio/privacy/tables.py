"""Declaring common outputs to the disclosure layer, and applying its decision to tables.

- :func:`sums_output`: counts per unit (areas) published with sums over any number of
  groupings (municipalities, regions, deciles, urbanity classes, the total) — nested or not —
  and, optionally, the units themselves.
- :class:`Fact` and :func:`visible_facts`: what an output published, to be remembered and
  given to the next output of the same data (a reader compares outputs over time).
- :func:`hide`: a table with its hidden cells emptied (numbers stay numbers; the marker is
  applied only when rendering) and the mask of hidden cells.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ggzregio.privacy.disclosure import Decision, Output
from ggzregio.privacy.suppression import SUPPRESSED

UNIT_TABLE = "unit"
COUNT = "n"


@dataclass(frozen=True)
class Fact:
    """A published linear fact about base counts: sum of coefficient × count = value."""

    members: tuple[tuple[Hashable, float], ...]
    value: float


def sums_output(
    units: pd.Series,
    groupings: Mapping[str, pd.Series],
    threshold: int,
    *,
    publish_units: bool = True,
    forced: NDArray[np.bool_] | None = None,
    unpublished: pd.Series | None = None,
    history: Iterable[Fact] = (),
    readers: Mapping[str, Iterable[Hashable]] | None = None,
) -> Output:
    """Counts per unit (``units``: index = unit key) and their sums per grouping
    (``groupings[name]``: labels aligned with ``units``; the sum of each label is published).

    ``unpublished`` are counts of the same data not in this output (their facts from
    ``history`` still bind); ``readers`` map a reader to the units they supplied."""
    output = Output(threshold)
    keys = list(units.index)
    output.base(keys, units.to_numpy(np.float64))
    if unpublished is not None:
        extra = unpublished[~unpublished.index.isin(units.index)]
        output.base(list(extra.index), extra.to_numpy(np.float64))
    if publish_units:
        output.cells(UNIT_TABLE, COUNT, keys, [[(k, 1.0)] for k in keys], forced=forced)
    for name, labels in groupings.items():
        output.sums(name, COUNT, pd.Series(labels).reset_index(drop=True), keys)
    for fact in history:
        output.prior(dict(fact.members), fact.value)
    for reader, known in (readers or {}).items():
        output.knows(reader, known)
    return output


def visible_facts(decision: Decision) -> list[Fact]:
    """Every visible cell of a decision as a fact over base counts."""
    output = decision.output
    matrix = output.matrix()
    values = matrix @ np.asarray(output.base_values, dtype=np.float64)
    facts = []
    for cell in np.flatnonzero(~decision.hidden):
        row = matrix[cell]
        if row.nnz:
            members = tuple(
                (output.base_keys[int(j)], float(c))
                for j, c in zip(row.indices, row.data, strict=True)
            )
            facts.append(Fact(members, float(values[cell])))
    return facts


def hide(
    table: pd.DataFrame, rows: NDArray[np.bool_] | pd.Series, columns: Sequence[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``table`` with ``columns`` emptied where ``rows`` is true, a ``suppressed`` column, and
    the mask of hidden cells (same index, one column per hidden column)."""
    rows = np.asarray(rows, dtype=bool)
    out = table.copy()
    present = [c for c in columns if c in out.columns]
    for column in present:
        if rows.any():
            if pd.api.types.is_float_dtype(out[column].dtype):
                out.loc[rows, column] = np.nan
            elif pd.api.types.is_integer_dtype(out[column].dtype):
                out[column] = out[column].astype("Int64").mask(rows)
            else:
                values = out[column].astype(object)
                values[rows] = None
                out[column] = values
    out[SUPPRESSED] = rows
    mask = pd.DataFrame(dict.fromkeys(present, rows), index=out.index)
    return out, mask
