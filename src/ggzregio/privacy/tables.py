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

import hashlib
import json
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ggzregio.privacy.disclosure import Decision, Output
from ggzregio.privacy.suppression import SUPPRESSED

UNIT_TABLE = "unit"
UNPUBLISHED = "unpublished"  # counts of the same data outside the output (never written)
COUNT = "n"


@dataclass(frozen=True)
class Fact:
    """A published linear fact about base counts: sum of coefficient × count = value, with
    each member's count when it was published (``recorded``)."""

    members: tuple[tuple[Hashable, float], ...]
    value: float
    recorded: tuple[float, ...] = ()

    def digest(self) -> str:
        """A stable identity of the fact (for remembering it once)."""
        text = json.dumps(self.to_json())
        return hashlib.sha256(f"{text}={self.value!r}".encode()).hexdigest()

    def _rec(self) -> tuple[float, ...]:
        return self.recorded or tuple(float("nan") for _ in self.members)

    def to_json(self) -> list[Any]:
        return [[_plain(k), c, r] for (k, c), r in zip(self.members, self._rec(), strict=True)]

    @classmethod
    def from_json(cls, members: list[Any], value: float) -> Fact:
        return cls(
            tuple((_key(k), float(c)) for k, c, _ in members),
            float(value),
            tuple(float(r) for _, _, r in members),
        )


def _plain(key: Hashable) -> Any:
    return list(key) if isinstance(key, tuple) else key


def _key(value: Any) -> Hashable:
    return tuple(value) if isinstance(value, list) else value


def add_history(
    output: Output, facts: Iterable[Fact], owner: Callable[[Hashable], str | None]
) -> None:
    """Give ``output`` the facts published before about the same data. A member whose count
    has changed since (or is gone) enters as its own earlier count: an extra unknown that the
    reader who owns it (``owner``, e.g. the region that entered it) knows."""
    for fact in facts:
        members: dict[Hashable, float] = {}
        for (key, coef), then in zip(fact.members, fact._rec(), strict=True):
            if output.has_base(key) and output.base_values[output.index_of([key])[0]] == then:
                members[key] = members.get(key, 0.0) + coef
                continue
            old = ("earlier", key, then)
            if not output.has_base(old):
                output.base([old], [then])
                who = owner(key)
                if who is not None:
                    output.knows(who, [old])
            members[old] = members.get(old, 0.0) + coef
        output.prior(members, fact.value)


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
    extra = pd.Series(dtype=np.float64)
    if unpublished is not None:
        extra = unpublished[~unpublished.index.isin(units.index)]
        output.base(list(extra.index), extra.to_numpy(np.float64))
    if publish_units:
        output.cells(UNIT_TABLE, COUNT, keys, [[(k, 1.0)] for k in keys], forced=forced)
    for name, labels in groupings.items():
        output.sums(name, COUNT, pd.Series(labels).reset_index(drop=True), keys)
    if len(extra):  # not in this output, but still counts of people: audited as hidden
        output.cells(UNPUBLISHED, COUNT, list(extra.index), [[(k, 1.0)] for k in extra.index],
                     forced=np.ones(len(extra), dtype=bool), published=False)  # fmt: skip
    for reader, known in (readers or {}).items():
        output.knows(reader, known)
    add_history(output, history, lambda key: None)
    return output


def visible_facts(decision: Decision) -> list[Fact]:
    """Every visible cell of a decision as a fact over base counts."""
    output = decision.output
    matrix = output.matrix()
    values = matrix @ np.asarray(output.base_values, dtype=np.float64)
    facts = []
    for cell in np.flatnonzero(~decision.hidden & output.published()):
        row = matrix[cell]
        if row.nnz:
            members = tuple(
                (output.base_keys[int(j)], float(c))
                for j, c in zip(row.indices, row.data, strict=True)
            )
            recorded = tuple(output.base_values[int(j)] for j in row.indices)
            facts.append(Fact(members, float(values[cell]), recorded))
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
