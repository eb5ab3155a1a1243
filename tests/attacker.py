"""An attacker for the privacy tests, independent of ggzregio's disclosure layer.

It gets what an output publishes (cells with their value, or ``None`` when hidden) and the
linear relations a reader knows between them (and unknowns that are never published, such as
an unpublished area's count), and computes for every hidden cell the range of values consistent
with all of it, counts non-negative (scipy's ``linprog``, not the layer's own solver).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import numpy as np
from scipy.optimize import linprog

Relation = tuple[Mapping[Hashable, float], float]  # sum of coef × cell = constant


def ranges(
    cells: Mapping[Hashable, float | None],
    relations: Sequence[Relation],
    unknowns: Sequence[Hashable] = (),
) -> dict[Hashable, tuple[float, float]]:
    """Min and max of every hidden cell (value ``None``) given the visible cells and the
    relations; ``unknowns`` are further non-negative quantities the relations mention."""
    hidden = [k for k, v in cells.items() if v is None]
    names = [*hidden, *unknowns]
    index = {k: i for i, k in enumerate(names)}
    rows, rhs = [], []
    for members, constant in relations:
        row = np.zeros(len(names))
        value = constant
        for key, coef in members.items():
            if key in index:
                row[index[key]] += coef
            else:
                known = cells[key]
                assert known is not None
                value -= coef * known
        if row.any():
            rows.append(row)
            rhs.append(value)
    out: dict[Hashable, tuple[float, float]] = {}
    for key in hidden:
        objective = np.zeros(len(names))
        objective[index[key]] = 1.0
        if not rows:
            out[key] = (0.0, np.inf)
            continue
        bounds = []
        for sign in (1.0, -1.0):
            res = linprog(sign * objective, A_eq=np.array(rows), b_eq=np.array(rhs),
                          bounds=(0, None), method="highs")  # fmt: skip
            assert res.status in (0, 3), res.message  # the published data are consistent
            bounds.append(sign * res.fun if res.status == 0 else -sign * np.inf)
        out[key] = (bounds[0], bounds[1])
    return out


def narrowest(found: Mapping[Hashable, tuple[float, float]]) -> float:
    """The smallest width among the hidden cells (inf when none is hidden)."""
    return min((high - low for low, high in found.values()), default=np.inf)
