"""Message catalogues per part of the toolkit, merged into one for :mod:`ggzregio.i18n`.

Each module holds the user-facing texts of one part in Dutch and English. A key may be
defined only once; :func:`all_messages` refuses duplicates so no text silently overrides another.
"""

from __future__ import annotations

from ggzregio.messages import (
    accounts,
    agenda,
    claims,
    columns,
    common,
    data,
    inventory,
    monitor,
    neighbourhood,
    numbers,
    planning,
    prevalence,
    report,
    setup,
    simulation,
    web,
)
from ggzregio.messages.types import Catalogue, Language


def all_messages() -> Catalogue:
    """Every catalogue merged; a key defined twice is a programming error."""
    merged: Catalogue = {}
    for module in (
        common,
        prevalence,
        planning,
        inventory,
        monitor,
        web,
        columns,
        data,
        report,
        simulation,
        claims,
        numbers,
        setup,
        accounts,
        agenda,
        neighbourhood,
    ):
        for key, entry in module.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"message key {key!r} defined twice")
            merged[key] = entry
    return merged


__all__ = ["Catalogue", "Language", "all_messages"]
