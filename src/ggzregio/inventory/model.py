"""The checklist of current GGZ capacity and spending in a region (SPEC.md §4, 004:1500-1545).

Every row of the checklist may be recorded in fte, places and/or euros, each optional, with a
source and a free-text note. Rows form a hierarchy (``Ambulante GGZ totaal`` → ``Specialistische
GGZ (totaal)`` → ``FACT``...): where a total is stated, the sum of its parts may not exceed it.
The rows themselves are data (``data/planning/checklist.toml``).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Final

import pandas as pd

from ggzregio.categories import CATEGORIES, JUSTICE, data_text
from ggzregio.errors import Problem
from ggzregio.i18n import get_language

MEASURES: Final = ("fte", "places", "eur")
#: Relative slack allowed when checking a stated total against the sum of its parts.
TOTAL_TOLERANCE: Final = 1e-9


@dataclass(frozen=True)
class ChecklistRow:
    """One row of the checklist."""

    key: str
    nl: str
    en: str
    category: str
    cite: str
    parent: str | None = None
    norms: tuple[str, ...] = ()

    def label(self) -> str:
        """The row's name in the active language."""
        return self.en if get_language() == "en" else self.nl

    def depth(self) -> int:
        """0 for a top-level total, 1 for its parts, 2 for parts of parts."""
        rows = checklist_rows()
        depth, parent = 0, self.parent
        while parent is not None:
            depth += 1
            parent = rows[parent].parent
        return depth


@cache
def checklist_rows() -> dict[str, ChecklistRow]:
    """The checklist rows in their printed order, keyed by code."""
    doc = tomllib.loads(data_text("planning", "checklist.toml"))
    return {
        r["key"]: ChecklistRow(
            key=r["key"],
            nl=r["nl"],
            en=r["en"],
            category=r["category"],
            cite=r["cite"],
            parent=r.get("parent"),
            norms=tuple(r.get("norm", ())),
        )
        for r in doc["row"]
    }


@cache
def _children() -> dict[str, tuple[str, ...]]:
    rows = checklist_rows().values()
    return {key: tuple(r.key for r in rows if r.parent == key) for key in checklist_rows()}


def children(key: str) -> list[str]:
    """Codes of the direct parts of row ``key``."""
    return list(_children().get(key, ()))


@dataclass(frozen=True)
class Entry:
    """What was recorded for one checklist row (every value optional)."""

    key: str
    fte: float | None = None
    places: float | None = None
    eur: float | None = None
    source: str = ""
    note: str = ""
    #: Row number in the file it was read from (for messages), if any.
    row: int | None = None

    def value(self, measure: str) -> float | None:
        """The recorded fte, places or euros."""
        value: float | None = getattr(self, measure)
        return value

    @property
    def empty(self) -> bool:
        """True when nothing is recorded."""
        return all(self.value(m) is None for m in MEASURES) and not (self.source or self.note)


@dataclass(frozen=True)
class Inventory:
    """A region's filled-in checklist for one year."""

    region_code: str
    year: int
    entries: dict[str, Entry] = field(default_factory=dict)
    region_name: str = ""
    inhabitants: float | None = None
    compiled_by: str = ""
    source_file: str = ""
    data_version: str = ""

    def entry(self, key: str) -> Entry:
        """The entry of row ``key`` (an empty one if nothing was recorded)."""
        return self.entries.get(key) or Entry(key)

    def with_entry(self, entry: Entry) -> Inventory:
        """A copy with ``entry`` set."""
        return replace(self, entries={**self.entries, entry.key: entry})

    def value(self, key: str, measure: str) -> float | None:
        """Recorded value of row ``key`` in ``measure``."""
        return self.entry(key).value(measure)

    def total(self, key: str, measure: str) -> float | None:
        """The stated value of ``key``, else the sum of its parts' totals (None if nothing)."""
        stated = self.value(key, measure)
        if stated is not None:
            return stated
        parts = [self.total(child, measure) for child in children(key)]
        known = [p for p in parts if p is not None]
        return sum(known) if known else None


def check_totals(inventory: Inventory, file: str, sheet: str | None = None) -> list[Problem]:
    """Problems where a stated total is smaller than the sum of its parts (per measure)."""
    problems: list[Problem] = []
    for key in checklist_rows():
        parts = children(key)
        if not parts:
            continue
        for measure in MEASURES:
            stated = inventory.value(key, measure)
            if stated is None:
                continue
            known = [v for v in (inventory.total(p, measure) for p in parts) if v is not None]
            total = sum(known)
            if total > stated * (1 + TOTAL_TOLERANCE) + TOTAL_TOLERANCE:
                entry = inventory.entry(key)
                problems.append(
                    Problem(
                        file,
                        "parts_exceed_total",
                        column=measure,
                        rows=(entry.row,) if entry.row else (),
                        sheet=sheet,
                        values={"row": key, "total": stated, "parts": total},
                    )
                )
    return problems


def category_totals(inventory: Inventory, measure: str = "eur") -> dict[str, float]:
    """Current values per spending category (clinical, bw, ambulant EPA, ambulant other,
    justice).

    Each leaf row counts in its own category. What a stated total holds beyond its parts
    counts in the total's category (other ambulant care for the ambulant totals, clinical for
    the intramural total), so nothing recorded is lost.
    """
    totals = dict.fromkeys((*CATEGORIES, JUSTICE), 0.0)
    rows = checklist_rows()
    for key, row in rows.items():
        parts = children(key)
        own = inventory.value(key, measure)
        if not parts:
            totals[row.category] += own or 0.0
            continue
        if own is not None:
            known = [v for v in (inventory.total(p, measure) for p in parts) if v is not None]
            totals[row.category] += max(own - sum(known), 0.0)
    return totals


def norm_current(inventory: Inventory, norm: str, measure: str) -> float | None:
    """The current value compared with capacity item ``norm`` (sum of the rows mapped to it)."""
    values = [inventory.total(r.key, measure) for r in checklist_rows().values() if norm in r.norms]
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def inventory_frame(inventory: Inventory) -> pd.DataFrame:
    """The checklist as a table: one row per checklist row, recorded and derived totals."""
    records = []
    for key, row in checklist_rows().items():
        entry = inventory.entry(key)
        derived = {f"{m}_total": inventory.total(key, m) for m in MEASURES}
        records.append(
            {
                "code": key,
                "label": ("  " * row.depth()) + row.label(),
                "category": row.category,
                "fte": entry.fte,
                "places": entry.places,
                "eur": entry.eur,
                **derived,
                "source": entry.source,
                "note": entry.note,
                "cite": row.cite,
            }
        )
    return pd.DataFrame.from_records(records)


def empty_inventory(region_code: str = "", year: int = 0) -> Inventory:
    """An inventory with nothing recorded."""
    return Inventory(region_code=region_code, year=year)


def entries_from(values: Iterable[Entry]) -> dict[str, Entry]:
    """Entries keyed by row code, empty ones left out."""
    return {e.key: e for e in values if not e.empty}


def is_number(value: object) -> bool:
    """True for a finite int/float that is not a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def describe(inventory: Inventory) -> Mapping[str, str]:
    """Metadata about the inventory for outputs."""
    return {
        "inventory_region": inventory.region_code,
        "inventory_region_name": inventory.region_name,
        "inventory_year": str(inventory.year),
        "inventory_inhabitants": ""
        if inventory.inhabitants is None
        else f"{inventory.inhabitants:.0f}",
        "inventory_compiled_by": inventory.compiled_by,
        "inventory_file": inventory.source_file,
        "inventory_data_version": inventory.data_version,
    }
