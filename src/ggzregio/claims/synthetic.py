"""Synthetic claims with a planted EPA population: realistic volumes, known answers.

Persons are spread over PC4 areas. A known share are *planted*: adults insured in the year
whose claims match exactly one rule of the default delineation, well inside its thresholds:

- ``specialist_multiyear``: specialist trajectories in the year before (2,000-5,000 minutes) and
  in the year (2,500-8,000 minutes, split over two trajectories);
- ``long_stay``: a clinical, Wlz or BW stay that started three years before and is still open;
- ``basis_chronic``: the chronic basis-GGZ product in the year;
- ``antipsychotics_without_contact``: twelve 30-day dispensings of an antipsychotic (N05A) and
  no GGZ trajectory.

*Near misses* that must not count sit clearly outside: specialist care under 1,200 minutes,
specialist care in one year only, a 45-day clinical stay, two antipsychotic dispensings,
antipsychotics with a (non-chronic) basis-GGZ trajectory, minors with specialist care, and
people with the chronic product who were not insured in the year. Everyone else may have
basis-GGZ trajectories (on average ``trajectories_per_client`` each over the year and the two
before) and dispensings of other medicines, for volume. With the default shares a million
persons give about 88,000 GGZ clients, 236,000 trajectories and 3.9 million dispensings, so
14 million persons give the 1.2 million GGZ clients a year of a national claims file.

Tables are written in chunks of persons to Parquet (``persons/part-00000.parquet``, ...), so
tens of millions of rows never sit in memory at once. The answer key, planted adults per PC4
and rule, is returned and written as ``planted.csv`` beside the tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ggzregio.io.atomic import write_text_atomically

PLANTED_PATTERNS: Final = (
    "specialist_multiyear",
    "long_stay",
    "basis_chronic",
    "antipsychotics_without_contact",
)
#: Share of each planted pattern (antipsychotics without contact: 8 %, 004:1780-1782).
PLANTED_SHARES: Final = (0.55, 0.12, 0.25, 0.08)
NEAR_MISSES: Final = (
    "specialist_low_minutes",
    "specialist_one_year",
    "short_stay",
    "antipsychotics_short",
    "antipsychotics_with_contact",
    "minor_specialist",
    "uninsured_chronic",
)
OTHER_ATC: Final = ("N06AB06", "C09AA05", "A10BA02", "N02BE01", "R03AC02", "N05BA01")
ANTIPSYCHOTIC: Final = "N05AX08"


@dataclass(frozen=True)
class Shape:
    """How much to generate."""

    year: int = 2024
    persons: int = 100_000
    pc4_areas: int = 200
    planted_share: float = 0.02
    near_miss_share: float = 0.02
    ggz_share: float = 0.06  # background people with basis-GGZ trajectories
    trajectories_per_client: float = 3.0  # mean per background GGZ client over three years
    dispensings_per_person: float = 4.0
    chunk_persons: int = 500_000
    seed: int = 20_240_101


def _day(year: int, month: int, day: int) -> np.datetime64:
    return np.datetime64(f"{year:04d}-{month:02d}-{day:02d}")


class _Chunk:
    """Records of one chunk of persons, built table by table."""

    def __init__(self) -> None:
        self.rows: dict[str, list[pd.DataFrame]] = {
            "trajectories": [],
            "stays": [],
            "dispensings": [],
        }

    def trajectories(self, ids: np.ndarray, start: np.datetime64 | np.ndarray,
                     end: np.datetime64 | np.ndarray, product: str,
                     minutes: np.ndarray) -> None:  # fmt: skip
        n = len(ids)
        self.rows["trajectories"].append(
            pd.DataFrame(
                {
                    "person_id": ids,
                    "start": np.broadcast_to(start, n),
                    "end": np.broadcast_to(end, n),
                    "product": product,
                    "minutes": minutes.astype(np.int64),
                    "contacts": np.maximum(minutes // 45, 1).astype(np.int64),
                    "diagnosis_group": "psychotische stoornissen"
                    if product != "basis"
                    else "overig",
                }
            )
        )

    def stays(
        self, ids: np.ndarray, start: np.datetime64, end: np.datetime64 | None, kinds: np.ndarray
    ) -> None:
        n = len(ids)
        self.rows["stays"].append(
            pd.DataFrame(
                {
                    "person_id": ids,
                    "start": np.full(n, start),
                    "end": pd.Series(
                        np.full(
                            n,
                            end if end is not None else np.datetime64("NaT"),
                            dtype="datetime64[D]",
                        )
                    ),
                    "kind": kinds,
                }
            )
        )

    def dispensings(
        self, ids: np.ndarray, dates: np.ndarray, atc: np.ndarray, days: np.ndarray
    ) -> None:
        self.rows["dispensings"].append(
            pd.DataFrame(
                {
                    "person_id": ids,
                    "date": dates,
                    "atc": atc,
                    "days_supplied": days.astype(np.int64),
                }
            )
        )

    def frame(self, table: str) -> pd.DataFrame:
        parts = self.rows[table]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def _monthly(ids: np.ndarray, year: int, months: int) -> tuple[np.ndarray, np.ndarray]:
    """``months`` dispensing dates per person (the 5th of months 1..months)."""
    dates = np.array([_day(year, m, 5) for m in range(1, months + 1)])
    return np.repeat(ids, months), np.tile(dates, len(ids))


def _chunk(
    first: int, count: int, shape: Shape, rng: np.random.Generator, codes: np.ndarray
) -> tuple[pd.DataFrame, _Chunk, np.ndarray, np.ndarray]:
    year = shape.year
    index = np.arange(first, first + count)
    ids = np.array([f"P{i:010d}" for i in index], dtype=object)
    role = rng.choice(
        3,
        size=count,
        p=[
            shape.planted_share,
            shape.near_miss_share,
            1 - shape.planted_share - shape.near_miss_share,
        ],
    )
    pattern = np.where(
        role == 0, rng.choice(len(PLANTED_PATTERNS), size=count, p=PLANTED_SHARES), -1
    )
    miss = np.where(role == 1, rng.integers(0, len(NEAR_MISSES), size=count), -1)
    age = rng.integers(18, 90, size=count)
    age[miss == NEAR_MISSES.index("minor_specialist")] = rng.integers(
        12, 18, size=int((miss == NEAR_MISSES.index("minor_specialist")).sum())
    )
    insured_to = np.full(count, np.nan)
    insured_to[miss == NEAR_MISSES.index("uninsured_chronic")] = year - 1
    pc4 = codes[rng.integers(0, len(codes), size=count)]
    persons = pd.DataFrame(
        {
            "person_id": ids,
            "birth_year": (year - age).astype(np.int64),
            "sex": rng.choice(np.array(["M", "V", "X"]), size=count, p=[0.49, 0.5, 0.01]),
            "pc4": pc4,
            "insurer": rng.choice(np.array(["ZV01", "ZV02", "ZV03"]), size=count),
            "insured_from": np.full(count, 2015, dtype=np.int64),
            "insured_to": pd.array(insured_to, dtype="Int64"),
        }
    )
    c = _Chunk()
    jan, dec = _day(year, 1, 15), _day(year, 12, 15)

    def who(mask: np.ndarray) -> np.ndarray:
        return np.asarray(ids[mask])

    def n(mask: np.ndarray) -> int:
        return int(mask.sum())

    def specialist_two_years(
        mask: np.ndarray, before: tuple[int, int], now: tuple[int, int]
    ) -> None:
        """Specialist trajectories in the year before and in the year, minutes in the ranges;
        the year's minutes are split over two trajectories (January-June, July-December), so
        only their sum reaches a threshold."""
        prev_start, prev_end = _day(year - 1, 3, 1), _day(year - 1, 12, 31)
        c.trajectories(
            who(mask), prev_start, prev_end, "specialist", rng.integers(*before, n(mask))
        )
        minutes = rng.integers(*now, n(mask))
        first = minutes // 2
        c.trajectories(who(mask), jan, _day(year, 6, 30), "specialist", first)
        c.trajectories(who(mask), _day(year, 7, 1), dec, "specialist", minutes - first)

    def antipsychotics(mask: np.ndarray, months: int) -> None:
        """A 30-day antipsychotic dispensing in each of the first ``months`` months."""
        pid, dates = _monthly(who(mask), year, months)
        c.dispensings(
            pid, dates, np.full(len(pid), ANTIPSYCHOTIC, dtype=object), np.full(len(pid), 30)
        )

    p = {name: pattern == i for i, name in enumerate(PLANTED_PATTERNS)}
    m = {name: miss == i for i, name in enumerate(NEAR_MISSES)}
    # Planted EPA.
    specialist_two_years(p["specialist_multiyear"], (2000, 5001), (2500, 8001))
    stay = p["long_stay"]
    c.stays(
        who(stay),
        _day(year - 3, 6, 1),
        None,
        rng.choice(np.array(["clinical", "wlz", "bw"]), n(stay)),
    )
    chronic = p["basis_chronic"]
    c.trajectories(who(chronic), jan, dec, "basis_chronic", rng.integers(200, 1200, n(chronic)))
    antipsychotics(p["antipsychotics_without_contact"], 12)
    # Near misses.
    specialist_two_years(m["specialist_low_minutes"], (200, 1201), (200, 1201))
    one = m["specialist_one_year"]
    c.trajectories(who(one), jan, dec, "specialist", rng.integers(3000, 6001, n(one)))
    short = m["short_stay"]
    c.stays(
        who(short), _day(year, 3, 1), _day(year, 4, 15), np.full(n(short), "clinical", dtype=object)
    )
    antipsychotics(m["antipsychotics_short"], 2)
    contact = m["antipsychotics_with_contact"]
    antipsychotics(contact, 12)
    c.trajectories(who(contact), jan, dec, "basis", rng.integers(200, 1200, n(contact)))
    specialist_two_years(m["minor_specialist"], (2000, 5001), (2500, 8001))
    gone = m["uninsured_chronic"]
    c.trajectories(who(gone), jan, dec, "basis_chronic", rng.integers(200, 1200, n(gone)))
    # Background volume: basis GGZ under 1,800 minutes, other medicines.
    rest = role == 2
    ggz = rest & (rng.random(count) < shape.ggz_share)
    # Several basis trajectories per client (at least one), over the year and the two before.
    many = 1 + rng.poisson(max(shape.trajectories_per_client - 1.0, 0.0), n(ggz))
    starts = np.datetime64(f"{year - 2}-01-01") + rng.integers(0, 3 * 365, int(many.sum()))
    c.trajectories(
        np.repeat(who(ggz), many),
        starts.astype("datetime64[D]"),
        (starts + rng.integers(30, 240, len(starts))).astype("datetime64[D]"),
        "basis",
        rng.integers(100, 1700, len(starts)),
    )
    per = rng.poisson(shape.dispensings_per_person, size=count) * rest
    total = int(per.sum())
    pid = np.repeat(ids, per)
    offsets = rng.integers(0, 365, size=total).astype("timedelta64[D]")
    dates = np.datetime64(f"{year}-01-01") + offsets
    c.dispensings(
        pid,
        dates,
        rng.choice(np.array(OTHER_ATC, dtype=object), size=total),
        rng.integers(7, 91, size=total),
    )
    return persons, c, pc4[role == 0], pattern[role == 0]


def generate(target: str | Path, shape: Shape | None = None) -> pd.DataFrame:
    """Write synthetic claims under ``target`` and return the planted adults per PC4 and rule."""
    shape = shape or Shape()
    target = Path(target)
    rng = np.random.default_rng(shape.seed)
    if not 1 <= shape.pc4_areas <= 9000:
        raise ValueError(
            f"pc4_areas must be 1-9000 (PC4 codes are 1000-9999), not {shape.pc4_areas}"
        )
    spread = (np.arange(shape.pc4_areas) * 8999) // max(shape.pc4_areas - 1, 1)
    codes = np.array([f"{1000 + int(i)}" for i in spread], dtype=object)
    planted: list[pd.DataFrame] = []
    for number, first in enumerate(range(0, shape.persons, shape.chunk_persons)):
        count = min(shape.chunk_persons, shape.persons - first)
        persons, chunk, pc4, pattern = _chunk(first, count, shape, rng, codes)
        tables = {"persons": persons, **{name: chunk.frame(name) for name in chunk.rows}}
        for name, frame in tables.items():
            folder = target / name
            folder.mkdir(parents=True, exist_ok=True)
            part = folder / f"part-{number:05d}.parquet"
            tmp = part.with_name(part.name + ".tmp")
            pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp)
            tmp.replace(part)
        planted.append(
            pd.DataFrame({"pc4": pc4, "rule": np.array(PLANTED_PATTERNS, dtype=object)[pattern]})
        )
    answer = pd.concat(planted, ignore_index=True)
    table = (
        answer.groupby(["pc4", "rule"]).size().unstack(fill_value=0)
        .reindex(columns=list(PLANTED_PATTERNS), fill_value=0)
    )  # fmt: skip
    table.insert(0, "epa_adults", table.sum(axis=1))
    table = table.reset_index()
    table.insert(1, "year", shape.year)
    write_text_atomically(target / "planted.csv", table.to_csv(index=False))
    return table
