"""Synthetic national demo data: about 4,000 PC4-like areas in ~340 municipalities in ~43 regions.

SYNTHETIC: every area, municipality and region is invented ("Voorbeeldgemeente 017",
"Regio 05"). The distributions resemble Dutch small areas - address density (OAD), share of
one-person households, social-assistance (WWB) and disability (AO) benefit shares, adults
per area - but no figure describes a real place. The data are generated deterministically
from a seed by :func:`generate_demo_areas`; the shipped file ``data/demo/demo_areas.csv`` is
exactly its output (a test checks this), so anyone can regenerate it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ggzregio.io.atomic import write_text_atomically

DEMO_SEED = 2017
#: The demo's data version. Raise it whenever what the demo loads changes (the area table,
#: observed counts, inventories, monitor history, accounts): a demo database of another
#: version is loaded anew at the next ``ggzregio serve --demo`` (:mod:`ggzregio.storage.demo`).
DEMO_VERSION = "1"
DEMO_LABEL = f"ggzregio-demo v{DEMO_VERSION} (SYNTHETISCH / SYNTHETIC, seed {DEMO_SEED})"
DEMO_FILE = "demo_areas.csv"
#: SHA-256 of the shipped area table of this :data:`DEMO_VERSION`; a test fails when the file
#: changes without both being updated, so a changed demo always reaches existing databases.
DEMO_AREAS_SHA256 = "61e039943c506a617985e6db70e9d250bc71ced3e9e48035eeadf9a33ea177ad"
COLUMNS = (
    "area_code",
    "area_name",
    "municipality_code",
    "municipality_name",
    "region_code",
    "region_name",
    "inhabitants",
    "adults",
    "oad",
    "pct_single_households",
    "pct_wwb",
    "pct_ao",
)


@dataclass(frozen=True)
class DemoShape:
    """Size of the synthetic country."""

    n_regions: int = 43
    n_municipalities: int = 340
    n_areas: int = 4000
    inhabitants: int = 17_000_000


def allocate(weights: NDArray[np.float64], total: int, minimum: int) -> NDArray[np.int64]:
    """Split ``total`` into integers proportional to ``weights``, each at least ``minimum``
    (largest-remainder rounding, so the parts add up exactly)."""
    free = total - minimum * len(weights)
    share = weights / weights.sum() * free
    parts = np.floor(share).astype(np.int64)
    remainder = free - int(parts.sum())
    order = np.argsort(-(share - parts), kind="stable")
    parts[order[:remainder]] += 1
    result: NDArray[np.int64] = parts + minimum
    return result


def generate_demo_areas(seed: int = DEMO_SEED, shape: DemoShape | None = None) -> pd.DataFrame:
    """Generate the synthetic area table (canonical columns, see :data:`COLUMNS`)."""
    shape = shape or DemoShape()
    rng = np.random.default_rng(seed)
    n_reg, n_mun, n_area = shape.n_regions, shape.n_municipalities, shape.n_areas

    # Municipalities: lognormal sizes (a few large cities, many towns of 10,000-50,000),
    # grouped into regions of 2 or more municipalities.
    mun_region: NDArray[np.int64] = np.repeat(
        np.arange(n_reg), allocate(rng.dirichlet(np.full(n_reg, 8.0)), n_mun, 2)
    )
    mun_size = rng.lognormal(mean=np.log(30_000), sigma=0.95, size=n_mun)
    mun_pop = allocate(mun_size, shape.inhabitants, 1_000)
    # Urban character of a municipality rises with its size (log address density).
    z_size = (np.log(mun_pop) - np.log(mun_pop).mean()) / np.log(mun_pop).std()
    mun_log_oad = np.log(650) + 0.55 * z_size + rng.normal(0, 0.35, n_mun)
    mun_deprivation = 0.35 * z_size + rng.normal(0, 0.6, n_mun)

    # Areas per municipality roughly proportional to population, at least one.
    mun_areas = allocate(mun_pop.astype(np.float64) ** 0.9, n_area, 1)
    area_mun: NDArray[np.int64] = np.repeat(np.arange(n_mun), mun_areas)
    area_pop: NDArray[np.int64] = np.empty(n_area, dtype=np.int64)
    start = 0
    for m, k in enumerate(mun_areas):
        area_pop[start : start + k] = allocate(rng.dirichlet(np.full(k, 3.0)), int(mun_pop[m]), 0)
        start += k

    log_oad = mun_log_oad[area_mun] + rng.normal(0, 0.7, n_area)
    oad = np.clip(np.round(np.exp(log_oad)), 15, 9_000).astype(np.int64)
    density = np.log(oad / 500.0)
    deprivation = mun_deprivation[area_mun] + rng.normal(0, 0.8, n_area)

    pct_single = np.clip(
        24.0 + 7.5 * density + 3.0 * deprivation + rng.normal(0, 4.0, n_area), 6.0, 78.0
    )
    pct_wwb = np.clip(
        np.exp(np.log(1.6) + 0.35 * density + 0.45 * deprivation + rng.normal(0, 0.25, n_area)),
        0.0,
        25.0,
    )
    pct_ao = np.clip(
        5.0 + 0.2 * density + 1.1 * deprivation + rng.normal(0, 0.9, n_area), 0.5, 16.0
    )
    adult_share = np.clip(rng.normal(0.80, 0.03, n_area), 0.62, 0.93)
    adults = np.round(area_pop * adult_share).astype(np.int64)

    # PC4-like codes 1000-9999, increasing through regions and municipalities.
    codes = np.sort(rng.choice(np.arange(1000, 10_000), size=n_area, replace=False))
    order = np.lexsort((np.arange(n_area), area_mun, mun_region[area_mun]))
    area_mun, oad, area_pop, adults = area_mun[order], oad[order], area_pop[order], adults[order]
    pct_single, pct_wwb, pct_ao = pct_single[order], pct_wwb[order], pct_ao[order]

    mun_number: NDArray[np.int64] = area_mun + 1
    reg_number = mun_region[area_mun] + 1
    return pd.DataFrame(
        {
            "area_code": [f"{c:04d}" for c in codes],
            "area_name": [f"Voorbeeldgebied {c:04d}" for c in codes],
            "municipality_code": [f"VG{m:03d}" for m in mun_number],
            "municipality_name": [f"Voorbeeldgemeente {m:03d}" for m in mun_number],
            "region_code": [f"RG{r:02d}" for r in reg_number],
            "region_name": [f"Regio {r:02d}" for r in reg_number],
            "inhabitants": area_pop,
            "adults": adults,
            "oad": oad,
            "pct_single_households": np.round(pct_single, 2),
            "pct_wwb": np.round(pct_wwb, 2),
            "pct_ao": np.round(pct_ao, 2),
        },
        columns=list(COLUMNS),
    )


def demo_csv_text(frame: pd.DataFrame) -> str:
    """The CSV text of the shipped demo file (comma-delimited, decimal point, 2 decimals)."""
    text: str = frame.to_csv(index=False, lineterminator="\n", float_format="%.2f")
    return text


def demo_areas_path() -> Path:
    """Path of the shipped synthetic demo area table."""
    return Path(str(resources.files("ggzregio") / "data" / "demo" / DEMO_FILE))


def write_demo_areas(target: Path, seed: int = DEMO_SEED) -> Path:
    """Regenerate the demo area table into ``target`` (atomically)."""
    text = demo_csv_text(generate_demo_areas(seed))
    return write_text_atomically(target, text)


def demo_observed(seed: int = DEMO_SEED) -> pd.DataFrame:
    """Synthetic observed counts for the demo areas (``area_code``, ``observed_cases``), with
    planted intramural locations and under-reached areas (see
    :mod:`ggzregio.prevalence.synthetic`)."""
    from ggzregio.prevalence.model import load_model
    from ggzregio.prevalence.synthetic import simulate_observed

    areas = generate_demo_areas(seed)
    drawn = simulate_observed(areas, load_model(), seed=seed)
    return pd.DataFrame({"area_code": areas["area_code"], "observed_cases": drawn.observed})


def write_demo_observed(target: Path, seed: int = DEMO_SEED) -> Path:
    """Write synthetic observed counts for the demo areas to ``target`` (atomically)."""
    text: str = demo_observed(seed).to_csv(index=False, lineterminator="\n")
    return write_text_atomically(target, text)
