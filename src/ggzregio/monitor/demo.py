"""A synthetic but plausible monitor history 2008-2024 for the 43 demo regions.

National totals follow the cited anchors in ``data/monitor/demo.toml`` (Tabel 1's yearly
changes of intramural places, admission + stay about one sixth below 2008 by 2014 while BW is
1.5× its 2008 level, ~30,000 intensive trajectories in 2014, ~300 FACT teams in 2015, 80,000
waiting in 2022, quality of life 6.2, ...). Regions get a share of each national count that
follows their population with a region-specific level and trend; shares are allocated by
largest remainder so regional values add up exactly to the national totals. Deterministic
(seeded) and labelled SYNTHETISCH in every output.

Which anchors are seed figures and which are assumptions is stated in the data file (its
``cite`` and ``assumptions`` keys). The yearly factors and the values at 2008 and 2024 written
below, between and around the anchors, only shape the synthetic curves: none is a seed figure.
"""

from __future__ import annotations

import tomllib
from typing import Any, Final

import numpy as np
import pandas as pd

from ggzregio.categories import data_text
from ggzregio.demo import DEMO_SEED, allocate, demo_areas_path
from ggzregio.monitor.catalogue import Catalogue, load_catalogue
from ggzregio.monitor.data import MonitorData

DEMO_MONITOR_LABEL: Final = f"ggzregio-demo-monitor v1 (SYNTHETISCH / SYNTHETIC, seed {DEMO_SEED})"
_SOURCE: Final = "SYNTHETISCH demo"
#: Decimals kept per unit when allocating national totals (places from production are
#: fractional; teams are whole).
_DECIMALS: Final = {"places": 1, "teams": 0, "fte": 1, "eur": 0, "trajectories": 0, "persons": 0}


def _anchors() -> dict[str, Any]:
    return tomllib.loads(data_text("monitor", "demo.toml"))


def _path(start: float, factors: dict[tuple[int, int], float], years: list[int]) -> np.ndarray:
    """A series starting at ``start`` in the first year, multiplied each year by the factor of
    the period containing it (periods are (first, last] year spans)."""
    values = [start]
    for year in years[1:]:
        factor = next((f for (a, b), f in factors.items() if a < year <= b), 1.0)
        values.append(values[-1] * factor)
    return np.array(values)


def _interpolate(points: dict[int, float], years: list[int]) -> np.ndarray:
    xs = sorted(points)
    return np.interp(years, xs, [points[x] for x in xs])


def national_series(years: list[int], population: np.ndarray) -> dict[str, np.ndarray]:
    """National totals per indicator and year (counts), from the anchors."""
    a = _anchors()
    lv, yoy = a["levels"], a["yoy"]

    def yoy_factor(code: str, year: int) -> float:
        return 1 + float(yoy[code][str(year)])

    zvw = _path(
        lv["places_zvw_admission_2008"],
        {
            (2008, 2010): 1.01,
            (2010, 2012): 0.96,
            (2012, 2013): yoy_factor("places_zvw_admission", 2013),
            (2013, 2014): yoy_factor("places_zvw_admission", 2014),
            (2014, 2020): 0.96,
            (2020, 2100): 0.985,
        },
        years,
    )
    wlz = _path(
        lv["places_wlz_stay_2008"],
        {
            (2008, 2010): 1.005,
            (2010, 2012): 0.965,
            (2012, 2013): yoy_factor("places_wlz_stay", 2013),
            (2013, 2014): yoy_factor("places_wlz_stay", 2014),
            (2014, 2020): 0.97,
            (2020, 2100): 0.99,
        },
        years,
    )
    awbz_c = _path(
        lv["places_awbz_c_2008"],
        {
            (2012, 2013): yoy_factor("places_awbz_c", 2013),
            (2013, 2014): yoy_factor("places_awbz_c", 2014),
            (2014, 2100): 0.98,
        },
        years,
    )
    bw_growth = 1 + lv["bw_growth_2008_2014"]
    bw = _path(lv["places_bw_2008"], {(2008, 2014): bw_growth, (2014, 2100): 1.01}, years)
    per = population / 100_000
    t14 = years.index(2014)

    def spend(code: str, index: np.ndarray) -> np.ndarray:
        """€ million per 100,000 in 2014 × population, moved with ``index`` (1 in 2014)."""
        result: np.ndarray = lv[f"{code}_2014"] * 1e6 * per[t14] * index / index[t14]
        return result

    growth = np.array([1.02 ** (y - 2014) for y in years])
    ambulant = np.array([1.05 ** (y - 2014) for y in years])
    return {
        "places_zvw_admission": zvw,
        "places_wlz_stay": wlz,
        "places_awbz_c": awbz_c,
        "places_justice": np.full(len(years), float(lv["places_justice_2008"])),
        "places_bw": bw,
        "traj_lt_1800": _interpolate(
            {2008: 650_000, 2012: 760_000, 2014: lv["traj_lt_1800_2014"], 2024: 770_000}, years
        ),
        "traj_1800_6000": _interpolate(
            {2008: 100_000, 2014: lv["traj_1800_6000_2014"], 2024: 146_000}, years
        ),
        "traj_gt_6000": _interpolate(
            {2008: 28_000, 2012: 33_000, 2014: lv["traj_gt_6000_2014"], 2024: 37_000}, years
        ),
        "fact_teams": _interpolate({2008: 60, 2015: lv["fact_teams_2015"], 2024: 340}, years),
        "fact_teams_certified": _interpolate(
            {2008: 0, 2009: 0, 2015: lv["fact_teams_certified_2015"], 2024: 320}, years
        ),
        "fact_fte": _interpolate({2008: 420, 2015: lv["fact_fte_2015"], 2024: 3400}, years),
        "iht_teams": _interpolate({2008: 2, 2024: 34}, years),
        "vip_teams": _interpolate({2008: 15, 2024: 42}, years),
        "spend_zvw_intramural": spend("spend_zvw_intramural", zvw * growth),
        "spend_wlz": spend("spend_wlz", wlz * growth),
        "spend_wmo_bw": spend("spend_wmo_bw", bw),
        "spend_zvw_ambulant_epa": spend("spend_zvw_ambulant_epa", ambulant),
        "spend_wmo_ambulant": spend("spend_wmo_ambulant", ambulant),
        "spend_zvw_ambulant_other": spend("spend_zvw_ambulant_other", growth),
        "spend_justice": spend("spend_justice", growth),
        "waiting_persons": _interpolate(
            {2008: 40_000, 2018: 55_000, 2022: lv["waiting_persons_2022"], 2024: 85_000}, years
        ),
    }


def _regions() -> pd.DataFrame:
    areas = pd.read_csv(demo_areas_path(), dtype={"region_code": str})
    grouped = areas.groupby(["region_code", "region_name"], as_index=False)["inhabitants"].sum()
    return pd.DataFrame(grouped)


def generate_demo_monitor(seed: int = DEMO_SEED, catalogue: Catalogue | None = None) -> MonitorData:
    """The synthetic monitor history for the demo regions."""
    catalogue = catalogue or load_catalogue()
    a = _anchors()
    years = list(range(int(a["first_year"]), int(a["last_year"]) + 1))
    rng = np.random.default_rng(seed + 8)
    regions = _regions()
    n, t = len(regions), np.array(years) - years[-1]
    pop = regions["inhabitants"].to_numpy(float)[:, None] * (1.004**t)[None, :]
    population = np.vstack(
        [allocate(pop[:, j], round(pop[:, j].sum()), 0) for j in range(len(years))]
    ).T
    nat = national_series(years, population.sum(axis=0))
    records: list[tuple[str, int, str, float]] = []
    codes = regions["region_code"].tolist()
    for i, code in enumerate(codes):
        for j, year in enumerate(years):
            records.append((code, year, "population", float(population[i, j])))
    groups = {c: catalogue[c].group for c in nat if c in catalogue}
    level = {g: rng.lognormal(0, 0.2, n) for g in set(groups.values())}
    trend = {g: rng.normal(0, 0.015, n) for g in set(groups.values())}
    for code, totals in nat.items():
        if code not in catalogue:
            continue
        group = groups[code]
        scale = 10 ** _DECIMALS.get(catalogue[code].unit, 0)
        noise = rng.lognormal(0, 0.05, n)
        for j, year in enumerate(years):
            weights = population[:, j] * level[group] * noise * np.exp(trend[group] * (year - 2008))
            parts = allocate(weights, round(totals[j] * scale), 0) / scale
            records.extend((codes[i], year, code, float(parts[i])) for i in range(n))
    records.extend(_rates(rng, codes, years, population, a["levels"]))
    frame = pd.DataFrame.from_records(
        records, columns=["region_code", "year", "indicator", "value"]
    )
    frame["unit"] = frame["indicator"].map(lambda c: catalogue[c].unit)
    frame["source"] = _SOURCE
    frame["status"] = np.where(frame["year"] >= int(a["provisional_from"]), "provisional", "final")
    names = dict(zip(regions["region_code"], regions["region_name"], strict=True))
    return MonitorData(frame, catalogue, names, DEMO_MONITOR_LABEL, synthetic=True)


def _rates(
    rng: np.random.Generator,
    codes: list[str],
    years: list[int],
    population: np.ndarray,
    lv: dict[str, Any],
) -> list[tuple[str, int, str, float]]:
    """Waiting beyond the norm, outcome grades and shares with their respondents."""
    n = len(codes)
    out: list[tuple[str, int, str, float]] = []
    beyond = _interpolate({2008: 30.0, 2022: lv["waiting_beyond_norm_pct_2022"], 2024: 54.0}, years)
    offsets = rng.normal(0, 4, n)
    for j, year in enumerate(years):
        values = np.clip(beyond[j] + offsets + rng.normal(0, 1.5, n), 5, 95)
        out.extend(
            (codes[i], year, "waiting_beyond_norm_pct", round(float(values[i]), 1))
            for i in range(n)
        )
    outcome_years = [y for y in years if y >= 2016]
    spec = {
        "qol_grade": ("qol_respondents", lv["qol_grade_2016"], 0.025, 0.25, 0.08, (1, 10), 2),
        "paid_work_pct": (
            "work_respondents",
            lv["paid_work_pct_2016"],
            0.25,
            3.0,
            1.5,
            (0, 100),
            1,
        ),
        "lonely_pct": ("lonely_respondents", lv["lonely_pct_2016"], -0.4, 3.0, 1.5, (0, 100), 1),
    }
    for code, (weight, start, slope, spread, noise, (low, high), decimals) in spec.items():
        region_offset = rng.normal(0, spread, n)
        region_slope = slope + rng.normal(0, abs(slope) / 2 + 0.01, n)
        for year in outcome_years:
            j = years.index(year)
            respondents = np.maximum(rng.poisson(population[:, j] / 100_000 * 30), 3)
            values = start + region_offset + region_slope * (year - 2016) + rng.normal(0, noise, n)
            values = np.clip(values, low, high)
            for i in range(n):
                out.append((codes[i], year, code, round(float(values[i]), decimals)))
                out.append((codes[i], year, weight, float(respondents[i])))
    return out
