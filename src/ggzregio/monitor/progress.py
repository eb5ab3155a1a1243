"""Progress against targets, year-on-year changes and the substitution view.

Progress per region (and nationally): the value in the baseline year and the latest year, the
change since baseline, the required path (linear from the baseline value to the target between
baseline and target year), ahead or behind that path, and a projection of when the target is
met on the current trend: an ordinary least squares fit of ``ln(value)`` on the year over the
last ``n_years`` years, with 90 % uncertainty from the fit's parameter covariance (seeded
draws), and the probability the trend meets the target by the target year.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from ggzregio.monitor.catalogue import POPULATION, Target, load_targets
from ggzregio.monitor.coverage import DEFAULT_MIN_COVERAGE, below, coverage_of, reporting
from ggzregio.monitor.data import (
    NATIONAL,
    PER,
    MonitorData,
    coverage,
    national,
    per_100k,
    summed,
    with_national,
)
from ggzregio.monitor.protection import protection_for
from ggzregio.privacy import DEFAULT_THRESHOLD

DEFAULT_FIT_YEARS: Final = 5
DRAWS: Final = 4000
SEED: Final = 2008


@dataclass(frozen=True)
class Projection:
    """When the log-linear trend reaches the target."""

    slope: float  # yearly change of ln(value)
    year: float  # median projected year (inf: not on this trend)
    low: float  # 5 % quantile
    high: float  # 95 % quantile
    probability_by_target: float
    years_used: tuple[int, ...]


def log_linear_projection(
    years: np.ndarray,
    values: np.ndarray,
    goal: float,
    target_year: int,
    seed: int = SEED,
    direction: float | None = None,
) -> Projection | None:
    """Fit ``ln(value) = a + b·year`` and solve for the year the fit reaches ``goal``.

    ``direction`` is the sign of the change the target asks for (goal minus baseline; default:
    from the first value to the goal). Returns None when fewer than 3 positive values are
    available. Draws of (a, b) from the fit's estimated covariance give the 5-95 % range; a
    draw whose trend is already past the goal in the last year has reached it then, and a draw
    whose trend moves away from the goal never reaches it (year = inf).
    """
    import statsmodels.api as sm

    mask = np.isfinite(values) & (values > 0)
    years, values = years[mask], values[mask]
    if len(years) < 3 or goal <= 0:
        return None
    x = sm.add_constant(years - years[0])
    fit = sm.OLS(np.log(values), x).fit()
    params = np.asarray(fit.params, dtype=float)
    cov = np.asarray(fit.cov_params(), dtype=float)
    rng = np.random.default_rng(seed)
    draws = rng.multivariate_normal(params, cov, size=DRAWS, method="svd")
    target = np.log(goal)
    sign = np.sign(target - np.log(values[0])) if direction is None else np.sign(direction)
    last = years[-1] - years[0]

    def solve(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            t = (target - a) / b
        start = a + b * last
        # Already past the goal on the fitted trend: reached by the last year.
        passed = (start - target) * sign >= 0 if sign else np.isclose(start, target)
        # A trend that moves away from the goal (or is flat) never reaches it.
        towards = np.sign(target - start) == np.sign(b)
        reached = passed | np.isclose(start, target) | (towards & (b != 0))
        year = np.where(passed, last, np.maximum(t, last))
        return np.where(reached, year + years[0], np.inf)

    point = float(solve(np.array([params[0]]), np.array([params[1]]))[0])
    sample = solve(draws[:, 0], draws[:, 1])
    return Projection(
        slope=float(params[1]),
        year=point,
        low=float(np.quantile(sample, 0.05, method="inverted_cdf")),
        high=float(np.quantile(sample, 0.95, method="inverted_cdf")),
        probability_by_target=float(np.mean(sample <= target_year + 1e-9)),
        years_used=tuple(int(y) for y in years),
    )


def target_series(
    data: MonitorData,
    target: Target,
    normalise: bool = False,
    threshold: int = DEFAULT_THRESHOLD,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
) -> pd.Series:
    """The target's summed indicators per (region, year), national rows included. Nationally
    only the regions reporting all the target's indicators count (per 100,000: over their
    population), and a year below ``min_coverage`` has no national value. For sensitive counts
    (people from client data) small regional values are hidden before anything else."""
    regional = data.wide().drop(index=NATIONAL, level="region_code", errors="ignore")
    raw_regional = summed(regional, target.indicators)
    nat_raw = _national_target(data, regional, target, False, min_coverage)
    nat = (
        _national_target(data, regional, target, normalise, min_coverage) if normalise else nat_raw
    )
    values = summed(per_100k(data, regional), target.indicators) if normalise else raw_regional
    raw = _with_national_rows(raw_regional, nat_raw)
    series = _with_national_rows(values, nat).reindex(raw.index)
    indicators = [data.catalogue[c] for c in target.indicators]
    if any(i.sensitive for i in indicators):
        protection = protection_for(data, threshold, published_targets(data, target))
        hidden = protection.target_mask(target.id, series.index) & raw.notna().to_numpy()
        if len(target.indicators) == 1:
            tidy = pd.DataFrame(
                {
                    "region_code": series.index.get_level_values("region_code"),
                    "year": series.index.get_level_values("year"),
                    "indicator": target.indicators[0],
                }
            )
            hidden |= protection.mask(tidy)
        series[hidden] = np.nan
    return series


def target_coverage(data: MonitorData, target: Target) -> pd.DataFrame:
    """Per year: the coverage of the target's national value (regions reporting all its
    indicators, :data:`~ggzregio.monitor.coverage.COVERAGE_COLUMNS`)."""
    return coverage(data, target.indicators)


def _national_target(
    data: MonitorData, regional: pd.DataFrame, target: Target, normalise: bool, min_coverage: float
) -> pd.Series:
    """The target's national value per year over the regions reporting all its indicators:
    a sum of counts (per 100,000: divided by those regions' population) or, for a rate, the
    weighted national mean."""
    codes = list(target.indicators)
    mask = reporting(data.catalogue, regional, codes)
    years = regional.index.get_level_values("year")
    if any(data.catalogue[c].kind == "rate" for c in codes if c in data.catalogue):
        nat = summed(national(data, regional, 0.0), codes)
    else:
        values = summed(regional, codes).where(mask)
        if normalise and POPULATION in regional:
            population = regional[POPULATION].where(regional[POPULATION] > 0)
            both = values.notna() & population.notna()
            nat = (
                values.where(both).groupby(years).sum(min_count=1)
                / population.where(both).groupby(years).sum(min_count=1)
                * PER
            )
        else:
            nat = values.groupby(years).sum(min_count=1)
    low = below(coverage_of(mask, regional, data.regions_total()), min_coverage)
    nat = nat.astype(float)
    nat[low.reindex(nat.index, fill_value=True).to_numpy(bool)] = np.nan
    return nat


def _with_national_rows(regional: pd.Series, nat: pd.Series) -> pd.Series:
    index = pd.MultiIndex.from_product([[NATIONAL], nat.index], names=["region_code", "year"])
    national_rows = pd.Series(nat.to_numpy(float), index=index)
    combined: pd.Series = pd.concat([regional.astype(float), national_rows]).sort_index()
    return combined


def published_targets(data: MonitorData, target: Target) -> dict[str, Target]:
    """The targets published with ``data`` (its own, else the shipped ones). A target that is
    not among them joins them for good, so every later output uses the same protection."""
    if not data.targets:
        data.targets = load_targets(data.catalogue)
    if target.id not in data.targets:
        data.targets[target.id] = target
    return data.targets


def progress(
    data: MonitorData,
    target: Target,
    regions: list[str] | None = None,
    n_years: int = DEFAULT_FIT_YEARS,
    normalise: bool = False,
    threshold: int = DEFAULT_THRESHOLD,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
) -> pd.DataFrame:
    """One row per region (and ``NL``): baseline, latest, change, path, status, projection;
    the ``NL`` row with the coverage of its baseline and latest year (regions reporting, share
    of the population). Only years from the baseline year on count."""
    series = target_series(data, target, normalise, threshold, min_coverage)
    rows = []
    codes = regions or list(dict.fromkeys(series.index.get_level_values("region_code")))
    for code in codes:
        if code not in series.index.get_level_values("region_code"):
            continue
        s = series.xs(code, level="region_code").dropna()
        row = _progress_row(code, s, target, n_years)
        if code == NATIONAL:
            row = _national_coverage(data, target, row, normalise, min_coverage)
        rows.append(row)
    return pd.DataFrame.from_records(rows)


def _national_coverage(
    data: MonitorData, target: Target, row: dict[str, object], normalise: bool, min_coverage: float
) -> dict[str, object]:
    """The national row with its coverage; without a national verdict when the baseline year
    is below ``min_coverage`` (``low_coverage``) or, for counts not per 100,000, when the
    reporting regions differ between the baseline and the latest year (``coverage_changed``:
    two sums over different regions are not comparable)."""
    covered = target_coverage(data, target)
    y0 = target.baseline_year
    latest = row.get("latest_year")
    latest_year = int(latest) if isinstance(latest, int | float) else None
    facts: dict[str, object] = {"regions_total": data.regions_total()}
    for prefix, year in (("baseline_", y0), ("", latest_year)):
        if year is not None and year in covered.index:
            at = covered.index.get_loc(year)
            facts[f"{prefix}regions_reporting"] = int(covered["regions_reporting"].to_numpy()[at])
            share = covered["population_share"].to_numpy(float)[at]
            facts[f"{prefix}population_share"] = float(share)
    identity = {k: row[k] for k in ("region_code", "target") if k in row}
    if row.get("status") == "no_baseline":
        too_low = y0 in covered.index and bool(below(covered, min_coverage).get(y0, True))
        status = "low_coverage" if too_low else "no_baseline"
        return identity | {"baseline_year": y0} | facts | {"status": status}
    if latest_year is not None and not normalise:
        regional = data.wide().drop(index=NATIONAL, level="region_code", errors="ignore")
        mask = reporting(data.catalogue, regional, target.indicators)
        if _reporting_regions(mask, y0) != _reporting_regions(mask, latest_year):
            years = {k: row[k] for k in ("baseline_year", "target_year", "latest_year")}
            return identity | years | facts | {"status": "coverage_changed"}
    return row | facts


def _reporting_regions(mask: pd.Series, year: int) -> frozenset[str]:
    chosen = mask[mask.to_numpy(bool) & (mask.index.get_level_values("year") == year)]
    return frozenset(str(c) for c in chosen.index.get_level_values("region_code"))


def _progress_row(code: str, s: pd.Series, target: Target, n_years: int) -> dict[str, object]:
    """Progress of one series. Years before the baseline year do not count (a series may start
    earlier, e.g. capacity grew from 2000 to 2010). A target met in the latest year is ``met``
    (with the first year it was met, probability 1 if that is by the target year, no trend
    projection); met before but no longer is ``no_longer_met``."""
    y0, y1 = target.baseline_year, target.target_year
    row: dict[str, object] = {"region_code": code, "target": target.id}
    s = s[s.index >= y0]
    if y0 not in s.index or s.empty:
        return row | {"status": "no_baseline"}
    baseline = float(s[y0])
    goal = target.goal(baseline)
    latest_year = int(s.index.max())
    latest = float(s[latest_year])
    fraction = min(max((latest_year - y0) / (y1 - y0), 0.0), 1.0)
    path = baseline + (goal - baseline) * fraction
    direction = float(np.sign(goal - baseline))
    reached = (s - goal) * direction >= 0 if direction else pd.Series(True, index=s.index)
    met_now = bool(reached.iloc[-1])
    met_year = int(s.index[reached.to_numpy(bool)].min()) if reached.any() else None
    ahead = bool((latest - path) * direction >= 0) if direction else True
    if met_now:
        status = "met"
    elif met_year is not None:
        status = "no_longer_met"
    else:
        status = "ahead" if ahead else "behind"
    recent = s[s.index > latest_year - n_years]
    projection = log_linear_projection(
        recent.index.to_numpy(dtype=float),
        recent.to_numpy(dtype=float),
        goal,
        y1,
        direction=direction,
    )
    row |= {
        "baseline_year": y0,
        "baseline": baseline,
        "target_year": y1,
        "goal": goal,
        "latest_year": latest_year,
        "latest": latest,
        "change": latest - baseline,
        "change_pct": (latest / baseline - 1) * 100 if baseline else np.nan,
        "path_value": path,
        "gap_to_path": latest - path,
        "status": status,
    }
    if met_year is not None:
        row["met_year"] = met_year
    if projection is not None:
        row |= {
            "trend_pct_per_year": (np.exp(projection.slope) - 1) * 100,
            "projected_year": projection.year,
            "projected_year_p05": projection.low,
            "projected_year_p95": projection.high,
            "probability_met_by_target": projection.probability_by_target,
            "fit_years": f"{projection.years_used[0]}-{projection.years_used[-1]}",
        }
    if met_now and met_year is not None:
        # Observed, not projected: met in ``met_year`` (certain), whatever the trend does next.
        row |= {
            "projected_year": met_year,
            "projected_year_p05": met_year,
            "projected_year_p95": met_year,
            "probability_met_by_target": 1.0 if met_year <= y1 else 0.0,
        }
    return row


def year_on_year(
    data: MonitorData,
    indicators: list[str],
    first: int | None = None,
    last: int | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
) -> pd.DataFrame:
    """Yearly change in % per indicator and region (and ``NL``), like Tabel 1 (002:228-236):
    one row per region and indicator, one column per pair of years (``2012-2013``). Small
    regional values of sensitive counts are hidden, and so are the changes computed from them;
    nationally, years below ``min_coverage`` have no value."""
    wide = with_national(data, min_coverage=min_coverage)
    protection = protection_for(data, threshold)
    for code in indicators:
        meta = data.catalogue.get(code)
        if meta is not None and meta.sensitive and code in wide:
            tidy = wide.index.to_frame(index=False).assign(indicator=code)
            wide.loc[protection.mask(tidy), code] = np.nan
    years = [y for y in data.years if (first is None or y >= first) and (last is None or y <= last)]
    rows = []
    for (code, ind), values in _series_by_region(wide, indicators):
        row: dict[str, object] = {"region_code": code, "indicator": ind}
        for a, b in itertools.pairwise(years):
            va, vb = values.get(a, np.nan), values.get(b, np.nan)
            row[f"{a}-{b}"] = (vb / va - 1) * 100 if va and np.isfinite(va) else np.nan
        rows.append(row)
    frame = pd.DataFrame.from_records(rows)
    national_first = frame["region_code"].eq(NATIONAL).map({True: 0, False: 1})
    return (
        frame.assign(_o=national_first)
        .sort_values(["_o", "region_code"], kind="stable")
        .drop(columns="_o")
        .reset_index(drop=True)
    )


def _series_by_region(
    wide: pd.DataFrame, indicators: list[str]
) -> list[tuple[tuple[str, str], dict[int, float]]]:
    out = []
    for code in dict.fromkeys(wide.index.get_level_values("region_code")):
        block = wide.xs(code, level="region_code")
        for ind in indicators:
            if ind in block:
                out.append(
                    ((str(code), ind), {int(str(y)): float(v) for y, v in block[ind].items()})
                )
    return out


def substitution(
    data: MonitorData, first: int, last: int, min_coverage: float = DEFAULT_MIN_COVERAGE
) -> pd.DataFrame:
    """Per region and nationally: change per 100,000 inhabitants between ``first`` and ``last`` in
    institutional spending (clinical, Wlz, BW) and in ambulant EPA + Wmo ambulant spending, and
    per funding stream, so cost shifts between Zvw, Wlz and Wmo become visible (000:3415-3419).
    Nationally per 100,000 over the reporting regions; below ``min_coverage`` no value."""
    wide = per_100k(data, with_national(data, min_coverage=min_coverage))
    roles = {
        role: [c for c, i in data.catalogue.items() if i.role == role and c in wide]
        for role in ("institutional", "ambulant")
    }
    streams = {
        f: [
            c for c, i in data.catalogue.items() if i.funding == f and i.unit == "eur" and c in wide
        ]
        for f in ("Zvw", "Wlz", "Wmo", "Justitie")
    }
    years = wide.index.get_level_values("year")
    start = wide[years == first].droplevel("year")
    end = wide[years == last].droplevel("year")
    regions = start.index[start.index.isin(end.index)]
    start, end = start.loc[regions], end.loc[regions]
    out = pd.DataFrame({"region_code": regions, "from_year": first, "to_year": last})
    for name, codes in [*roles.items(), *streams.items()]:
        if codes:
            change = end[codes].to_numpy(float) - start[codes].to_numpy(float)
            out[f"delta_{name.lower()}_per_100k"] = change.sum(axis=1)
    if {"delta_institutional_per_100k", "delta_ambulant_per_100k"} <= set(out.columns):
        inst = out["delta_institutional_per_100k"]
        if (inst < 0).any():
            ratio = out["delta_ambulant_per_100k"] / -inst
            out["ambulant_per_institutional_euro"] = ratio.where(inst < 0)
    return out
