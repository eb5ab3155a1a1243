"""Thresholds, the neutral marker, and fast planners that give the disclosure layer its
starting pattern (:mod:`ggzregio.privacy.disclosure` audits and completes it).

- :func:`plan_suppression`, for a nested hierarchy (areas ⊂ municipalities ⊂ regions ⊂ total):
  for every *visible* aggregate g, the published figures fix the sum of its hidden areas that
  are not inside a visible finer aggregate of g (its "residual block"). Each block must be
  empty, or hold at least two areas whose sum is at least the threshold; where not, the
  smallest visible area of the block's region is hidden too (else the smallest visible finer
  aggregate, else g itself), until nothing changes.
- :func:`plan_cross_suppression`, for a two-way table whose row and column totals are
  published (lines and bridges of the hidden-cell graph).

Neither looks at relations beyond its own table; the audit over the whole output does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

DEFAULT_THRESHOLD = 10
MINIMUM_THRESHOLD = 5
SUPPRESSED = "suppressed"
#: What every hidden cell shows, whatever the reason (as CBS does): it says nothing about
#: whether the cell is small itself or hidden to protect another one.
MARKER = "x"


def check_threshold(threshold: int) -> int:
    """Refuse thresholds below the minimum of 5."""
    if threshold < MINIMUM_THRESHOLD:
        raise ValueError(
            f"suppression threshold {threshold} is below the minimum of {MINIMUM_THRESHOLD}"
        )
    return threshold


def marker(threshold: int | None = None) -> str:
    """What a suppressed cell shows: the neutral marker ``x`` (the same for every threshold and
    reason; the threshold is stated beside the table, not in the cell)."""
    return MARKER


@dataclass(frozen=True)
class Suppression:
    """Which rows are suppressed: per area (aligned with the area table) and per group."""

    areas: NDArray[np.bool_]
    groups: dict[str, pd.Series]  # level -> bool Series indexed by group key


def _nested_in(areas: pd.DataFrame, fine: str, coarse: str) -> bool:
    """True when every group of ``fine`` lies inside one group of ``coarse``."""
    if coarse == "total":
        return True
    return bool((areas.groupby(fine, sort=False)[coarse].nunique() <= 1).all())


def plan_suppression(
    areas: pd.DataFrame, observed: str, levels: Sequence[str], threshold: int
) -> Suppression:
    """Decide primary and secondary suppression for the area table and each level.

    ``areas`` holds one row per area with ``observed`` and a column per level; ``levels`` are
    the aggregated levels (``"total"`` for all areas together is added when missing).
    """
    check_threshold(threshold)
    frame = areas.reset_index(drop=True).copy()
    frame["total"] = "total"
    chain = [lv for lv in levels if lv != "total"]
    # Fine to coarse: more groups first.
    chain.sort(key=lambda lv: -frame[lv].nunique())
    chain.append("total")
    obs = frame[observed].to_numpy(np.float64)
    hidden = obs < threshold
    group_obs = {lv: frame.groupby(lv, sort=False)[observed].sum() for lv in chain}
    group_hidden = {lv: group_obs[lv] < threshold for lv in chain}
    finer = {lv: [f for f in chain[:i] if _nested_in(frame, f, lv)] for i, lv in enumerate(chain)}

    changed = True
    while changed:
        changed = False
        for level in chain:
            covered = np.zeros(len(frame), dtype=bool)
            for f in finer[level]:
                covered |= ~group_hidden[f].reindex(frame[f]).to_numpy(dtype=bool)
            block = hidden & ~covered
            stats = (
                pd.DataFrame({"n": block, "sum": np.where(block, obs, 0.0)})
                .groupby(frame[level].to_numpy(), sort=False)
                .sum()
            )
            bad = stats[(stats["n"] > 0) & ((stats["n"] == 1) | (stats["sum"] < threshold))]
            for key in bad.index:
                if group_hidden[level][key]:
                    continue
                in_group = (frame[level] == key).to_numpy()
                candidates = np.flatnonzero(in_group & ~hidden & ~covered)
                if candidates.size:
                    hidden[candidates[np.argmin(obs[candidates])]] = True
                elif not (
                    finer[level]
                    and _hide_finer(frame, group_hidden, group_obs, finer[level][-1], in_group)
                ):
                    group_hidden[level][key] = True  # nothing finer to hide: hide g itself
                changed = True
    return Suppression(hidden, dict(group_hidden.items()))


def _hide_finer(
    frame: pd.DataFrame,
    group_hidden: dict[str, pd.Series],
    group_obs: dict[str, pd.Series],
    level: str,
    in_group: NDArray[np.bool_],
) -> bool:
    """Hide the smallest visible group of ``level`` inside the selected areas, if any."""
    keys = pd.unique(frame.loc[in_group, level])
    visible = [k for k in keys if not group_hidden[level][k]]
    if not visible:
        return False
    smallest = min(visible, key=lambda k: group_obs[level][k])
    group_hidden[level][smallest] = True
    return True


def marked(values: pd.Series) -> NDArray[np.bool_]:
    """Which cells hold a suppression marker (suppressed at the source): ``x`` as CBS and
    ggzregio write it, or ``<10`` (any ``<N``) as older outputs and other sources do."""
    text = values.astype("string").str.strip()
    pattern = r"<\s*[0-9]+|[xX]"
    return text.str.fullmatch(pattern).fillna(False).to_numpy(dtype=bool)


def plan_cross_suppression(
    cells: NDArray[np.int64],
    row_hidden: NDArray[np.bool_],
    column_hidden: NDArray[np.bool_],
    threshold: int,
) -> NDArray[np.bool_]:
    """Which cells of a two-way table of counts to hide, when its row totals and column totals
    are published (except those in ``row_hidden`` and ``column_hidden``).

    Primary: every cell below the threshold, and every cell of a hidden row or column. Then:

    - *lines*: the hidden cells of every visible row and column must be none, or at least two
      with a sum of at least the threshold; where not, the smallest visible cell of the line is
      hidden too;
    - *combinations*: seen as a graph (a node per visible row and column, one node for the
      hidden rows together and one for the hidden columns, an edge per hidden cell), every node
      has an equation when the grand total is published: the hidden cells of a visible line add
      up to its total, and the cells of the hidden rows (columns) to the grand total minus the
      visible row (column) totals. A hidden cell is then derivable exactly when its edge is a
      bridge: on no cycle. For each such cell the smallest visible cell of its row (else its
      column) is hidden too.

    Both repeat until nothing changes. The margins must be protected first (row totals against
    the grand total, and column totals likewise), as :func:`plan_suppression` does for areas.
    Bounds from non-negativity (interval disclosure) are not analysed (docs/privacy.md).
    """
    check_threshold(threshold)
    counts = np.asarray(cells, dtype=np.float64)
    hidden = counts < threshold
    if not counts.size:
        return hidden
    rows_open = ~np.asarray(row_hidden, dtype=bool)
    columns_open = ~np.asarray(column_hidden, dtype=bool)
    hidden[~rows_open, :] = True
    hidden[:, ~columns_open] = True
    while True:
        while _protect_lines(hidden, counts, rows_open, columns_open, threshold):
            pass
        bridges = _bridges(hidden, rows_open, columns_open)
        added = False
        for i, j in bridges:
            open_row = np.where(hidden[i], np.inf, counts[i])
            open_column = np.where(hidden[:, j], np.inf, counts[:, j])
            if rows_open[i] and np.isfinite(open_row.min()):
                hidden[i, int(np.argmin(open_row))] = True
                added = True
            elif columns_open[j] and np.isfinite(open_column.min()):
                hidden[int(np.argmin(open_column)), j] = True
                added = True
        if not added:
            return hidden


def _protect_lines(
    hidden: NDArray[np.bool_],
    counts: NDArray[np.float64],
    rows_open: NDArray[np.bool_],
    columns_open: NDArray[np.bool_],
    threshold: int,
) -> bool:
    """One round of the line rule on ``hidden`` (in place); True when a cell was added."""
    changed = False
    for axis, visible in ((1, rows_open), (0, columns_open)):
        n = hidden.sum(axis=axis)
        total = np.where(hidden, counts, 0.0).sum(axis=axis)
        bad = visible & (n > 0) & ((n == 1) | (total < threshold))
        open_cells = np.where(hidden, np.inf, counts)
        smallest = np.argmin(open_cells, axis=axis)
        has_open = np.isfinite(open_cells.min(axis=axis))
        for line in np.flatnonzero(bad & has_open):
            if axis == 1:
                hidden[line, smallest[line]] = True
            else:
                hidden[smallest[line], line] = True
            changed = True
    return changed


def _bridges(
    hidden: NDArray[np.bool_], rows_open: NDArray[np.bool_], columns_open: NDArray[np.bool_]
) -> list[tuple[int, int]]:
    """Hidden cells whose edge is a bridge of the hidden-cell graph (see
    :func:`plan_cross_suppression`), found by an iterative depth-first search (Tarjan);
    parallel edges are told apart by edge number, so they are never bridges."""
    n_rows, n_columns = hidden.shape
    cell_i, cell_j = np.nonzero(hidden)
    u = np.where(rows_open[cell_i], cell_i, n_rows + n_columns)  # hidden rows: one node
    v = np.where(columns_open[cell_j], n_rows + cell_j, n_rows + n_columns + 1)
    adjacency: dict[int, list[tuple[int, int]]] = {}
    for edge, (a, b) in enumerate(zip(u.tolist(), v.tolist(), strict=True)):
        adjacency.setdefault(a, []).append((b, edge))
        adjacency.setdefault(b, []).append((a, edge))
    order: dict[int, int] = {}
    low: dict[int, int] = {}
    found: list[tuple[int, int]] = []
    for root in adjacency:
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack = [(root, -1, iter(adjacency[root]))]
        while stack:
            node, via, neighbours = stack[-1]
            step = next(neighbours, None)
            if step is None:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        found.append((int(cell_i[via]), int(cell_j[via])))
                continue
            other, edge = step
            if edge == via:
                continue
            if other in order:
                low[node] = min(low[node], order[other])
            else:
                order[other] = low[other] = len(order)
                stack.append((other, edge, iter(adjacency[other])))
    return found
