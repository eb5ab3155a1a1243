"""Small-number protection of the monitor, decided once for all its outputs.

Every monitor output (series per region, national series, benchmark, progress against targets,
year-on-year changes, figures, downloads, API) publishes cells that are linear in the same base
counts of people: per region, year and sensitive indicator its value (a count or a number of
respondents), and for a sensitive percentage its numerator (value × respondents / 100). The
relations a reader can combine are declared to :mod:`ggzregio.privacy.disclosure` together:

- a regional value, and the national value of a year (the sum over the reporting regions);
- a percentage: with its respondents published it gives its numerator, so it is the numerator
  (hidden like a count when below the threshold, and with its respondents when they are hidden),
  and also the people in the other category (respondents minus numerator), protected alike;
- a target: the sum of its indicators per region and year, and nationally;
- per-100,000 figures follow their count (the population is public).

Each region's editors are readers who know their own region's values (they entered them): no
hidden value of another region may be narrowed by what a region knows of itself. The decision is
made once per data and threshold, and every output applies the same hidden set.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ggzregio.monitor.catalogue import Catalogue, Target
from ggzregio.monitor.data import NATIONAL, MonitorData
from ggzregio.privacy import Output, protect

Key = tuple[str, int, str]


@dataclass(frozen=True)
class MonitorProtection:
    """Hidden flags per (region_code, year, indicator), national rows (``NL``) included, and
    per (target, region_code, year)."""

    values: pd.Series
    targets: pd.Series
    seconds: float = 0.0

    def value_hidden(self, region: str, year: int, indicator: str) -> bool:
        return bool(self.values.get((region, year, indicator), False))

    def mask(self, frame: pd.DataFrame, indicator_column: str = "indicator") -> np.ndarray:
        """Hidden flags for the rows of a tidy frame (region_code, year, indicator)."""
        keys = pd.MultiIndex.from_arrays(
            [
                frame["region_code"].astype(str),
                frame["year"].astype(int),
                frame[indicator_column].astype(str),
            ]
        )
        hidden = keys.isin(self.values.index[self.values.to_numpy(dtype=bool)])
        return np.asarray(hidden, dtype=bool)

    def target_mask(self, target: str, index: pd.Index) -> np.ndarray:
        """Hidden flags of a target's series with index (region_code, year)."""
        hidden = self.targets[self.targets.to_numpy(dtype=bool)]
        keys = {(r, int(y)) for t, r, y in hidden.index if t == target}
        return np.fromiter(((r, int(y)) in keys for r, y in index), dtype=bool, count=len(index))


def protect_monitor(
    data: MonitorData, targets: Mapping[str, Target], threshold: int
) -> MonitorProtection:
    """Choose the hidden cells of every monitor output together (see the module doc)."""
    catalogue = data.catalogue
    frame = data.frame[data.frame["region_code"] != NATIONAL]
    frame = frame[frame["value"].notna()]
    value = {
        (str(r), int(y), str(i)): float(v)
        for r, y, i, v in zip(
            frame["region_code"], frame["year"], frame["indicator"], frame["value"], strict=True
        )
    }
    output = Output(threshold)
    counts = [c for c, i in catalogue.items() if i.sensitive and i.kind != "rate"]
    rates = [c for c, i in catalogue.items() if i.sensitive and i.kind == "rate" and i.unit == "%"]
    base: dict[Key, float] = {k: v for k, v in value.items() if k[2] in counts}
    for key in [k for k in value if k[2] in rates]:
        weight = value.get((key[0], key[1], catalogue[key[2]].weight))
        if weight is not None:
            base[key] = value[key] * weight / 100  # the numerator: people
    in_targets = {c for t in targets.values() for c in t.indicators}
    public = {k: v for k, v in value.items() if k[2] in in_targets and k not in base}
    output.base(list(base), list(base.values()))
    output.base(list(public), list(public.values()))
    if public:
        output.cells("public", "value", list(public), [[(k, 1.0)] for k in public],
                     sensitive=False, suppressible=False)  # fmt: skip
    cell_keys: list[Key] = list(base)
    output.cells("region", "value", cell_keys, [[(k, 1.0)] for k in cell_keys])
    # A percentage beside its respondents also gives the people in the other category
    # (respondents - numerator): protected like a count, never published itself.
    others: dict[Key, list[tuple[Hashable, float]]] = {}
    for key in [k for k in base if k[2] in rates]:
        respondents: Key = (key[0], key[1], catalogue[key[2]].weight)
        if respondents in base:
            others[key] = [(respondents, 1.0), (key, -1.0)]
    if others:
        output.cells("complement", "value", list(others), list(others.values()),
                     published=False)  # fmt: skip
    national: dict[Key, list[tuple[Hashable, float]]] = {}
    for key in base:
        national.setdefault((NATIONAL, key[1], key[2]), []).append((key, 1.0))
    output.cells("national", "value", list(national), list(national.values()))
    target_members: dict[tuple[str, str, int], list[tuple[Hashable, float]]] = {}
    parts: list[tuple[Hashable, float]]
    for target in targets.values():
        if not any(c in counts for c in target.indicators):
            continue
        for region, year in {(k[0], k[1]) for k in value if k[2] in target.indicators}:
            keys: list[Key] = [(region, year, c) for c in target.indicators]
            if all(p in base or p in public for p in keys):
                target_members[(target.id, region, year)] = [(p, 1.0) for p in keys]
        for year in {k[1] for k in value}:
            parts = [
                m
                for (t_id, _, y), members in target_members.items()
                if t_id == target.id and y == year
                for m in members
            ]
            if parts:
                target_members[(target.id, NATIONAL, year)] = parts
    if target_members:
        output.cells("target", "value", list(target_members), list(target_members.values()))
    for region in {k[0] for k in base}:
        output.knows(region, [k for k in base if k[0] == region])
    start = _start(base, others, threshold)
    decision = protect(output, np.r_[np.zeros(len(public), dtype=bool), start])
    hidden = pd.concat(
        [decision.mask("region", "value"), decision.mask("national", "value")]
    ).astype(bool)
    hidden = _rates_follow_weights(hidden, catalogue)
    target_hidden = (
        decision.mask("target", "value").astype(bool) if target_members else pd.Series(dtype=bool)
    )
    return MonitorProtection(hidden, target_hidden, decision.audit_seconds)


def _start(
    base: dict[Key, float], others: dict[Key, list[tuple[Hashable, float]]], threshold: int
) -> np.ndarray:
    """A fast first pattern for the regional cells (the audit adds what it still needs): per
    year and indicator the small values, and percentages whose other category is small; then
    the smallest other values until at least three are hidden and every one of them still
    leaves the others at least the threshold when a region knows its own (the national total
    is published)."""
    keys = list(base)
    values = np.array([base[k] for k in keys], dtype=np.float64)
    hidden = values < threshold
    complement = {k: base[m[0][0]] - base[k] for k, m in others.items()}  # type: ignore[index]
    hidden |= np.array([complement.get(k, np.inf) < threshold for k in keys], dtype=bool)
    groups: dict[tuple[int, str], list[int]] = {}
    for i, (_, year, indicator) in enumerate(keys):
        groups.setdefault((year, indicator), []).append(i)
    for members in groups.values():
        idx = np.array(members)
        while hidden[idx].any():
            chosen = values[idx][hidden[idx]]
            if len(chosen) >= 3 and (chosen.sum() - chosen.max()) >= threshold:
                break
            visible = idx[~hidden[idx]]
            if visible.size == 0:
                break
            hidden[visible[np.argmin(values[visible])]] = True
    return hidden


def _rates_follow_weights(hidden: pd.Series, catalogue: Catalogue) -> pd.Series:
    """A rate is hidden where its respondents are (the rate alone says little, but the page
    shows both), for percentages and grades alike."""
    rates_of: dict[str, list[str]] = {}
    for code, indicator in catalogue.items():
        if indicator.kind == "rate" and indicator.sensitive and indicator.weight:
            rates_of.setdefault(indicator.weight, []).append(code)
    extra = [
        (region, year, rate)
        for region, year, weight in hidden.index[hidden.to_numpy(dtype=bool)]
        for rate in rates_of.get(weight, ())
    ]
    if not extra:
        return hidden
    more = pd.Series(True, index=pd.MultiIndex.from_tuples(extra))
    combined: pd.Series = pd.concat([hidden, more]).groupby(level=[0, 1, 2], sort=False).any()
    return combined


def protection_for(
    data: MonitorData, threshold: int, targets: Mapping[str, Target] | None = None
) -> MonitorProtection:
    """The protection of ``data`` (computed once per data, threshold and set of targets)."""
    from ggzregio.monitor.catalogue import load_targets

    if targets is not None:
        chosen = dict(targets)
    else:
        chosen = dict(data.targets) or load_targets(data.catalogue)
    cache: dict[object, MonitorProtection] = data.__dict__.setdefault("_protection", {})
    key = (threshold, tuple(sorted((t.id, t.indicators) for t in chosen.values())))
    if key not in cache:
        cache[key] = protect_monitor(data, chosen, threshold)
    return cache[key]


def protected_wide(
    data: MonitorData, threshold: int, min_coverage: float | None = None
) -> pd.DataFrame:
    """The wide frame with the national rows (``NL``, none below ``min_coverage``; default
    :data:`~ggzregio.monitor.coverage.DEFAULT_MIN_COVERAGE`), every hidden value emptied: what
    figures and tables built from the whole series may show."""
    from ggzregio.monitor.coverage import DEFAULT_MIN_COVERAGE
    from ggzregio.monitor.data import with_national

    chosen = DEFAULT_MIN_COVERAGE if min_coverage is None else min_coverage
    wide = with_national(data, min_coverage=chosen)
    hidden = protection_for(data, threshold).values
    for region, year, indicator in hidden.index[hidden.to_numpy(dtype=bool)]:
        if indicator in wide and (region, year) in wide.index:
            wide.loc[(region, year), indicator] = np.nan
    return wide
