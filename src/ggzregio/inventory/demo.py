"""A synthetic, filled-in checklist for trying the gap analysis (clearly marked synthetic).

The figures per 100,000 inhabitants are invented near the 2014 baseline of SPEC.md §3 (about
2 FACT teams, 100 clinical and 100 BW places, €38 million of which about 12 % ambulant EPA);
they describe no real region.
"""

from __future__ import annotations

from typing import Final

from ggzregio.inventory.model import Entry, Inventory, checklist_rows, children

DEMO_SOURCE: Final = "SYNTHETISCH voorbeeld (ggzregio)"
#: Synthetic values per 100,000 inhabitants: row → (fte, places, € million). Totals are
#: derived from their parts plus the stated remainder, so they never fall short.
_PER_100K: Final[dict[str, tuple[float | None, float | None, float | None]]] = {
    "poh_ggz": (12.0, None, 1.1),
    "basis_ggz": (None, None, 3.0),
    "fact": (22.0, None, 2.3),
    "vip": (5.0, None, 0.5),
    "ambulant_support": (25.0, None, 2.0),
    "other_ambulant_epa": (4.0, None, 0.3),
    "first_year_admission": (None, 58.0, 8.7),
    "long_stay": (None, 40.0, 6.2),
    "sheltered_housing": (None, 105.0, 6.3),
    "justice_intramural": (None, 8.0, 1.3),
}
#: Spending of a total beyond its listed parts (other specialist ambulant care), € million.
_REMAINDER: Final = {"specialist_total": 8.3, "ambulant_total": 0.0, "intramural_total": 0.0}


def demo_inventory(region_code: str, inhabitants: float, year: int = 2026) -> Inventory:
    """A synthetic inventory for a region of ``inhabitants``."""
    scale = inhabitants / 100_000
    entries: dict[str, Entry] = {}
    for key, (fte, places, meur) in _PER_100K.items():
        entries[key] = Entry(
            key,
            fte=None if fte is None else round(fte * scale, 1),
            places=None if places is None else round(places * scale),
            eur=None if meur is None else round(meur * 1e6 * scale),
            source=DEMO_SOURCE,
        )
    # Totals bottom-up: the parts as rounded above plus the remainder.
    for key in ("specialist_total", "ambulant_total", "intramural_total"):
        eur = sum(entries[c].eur or 0.0 for c in children(key) if c in entries)
        eur += round(_REMAINDER[key] * 1e6 * scale)
        entries[key] = Entry(key, eur=eur, source=DEMO_SOURCE)
    return Inventory(
        region_code=region_code,
        year=year,
        entries={k: entries[k] for k in checklist_rows() if k in entries},
        region_name=f"Demoregio {region_code}",
        inhabitants=float(round(inhabitants)),
        compiled_by=DEMO_SOURCE,
    )
