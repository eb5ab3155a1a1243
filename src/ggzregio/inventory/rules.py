"""The rules of an inventory, in one place for every way in (the browser form, the API and the
Excel template): the year, the number of inhabitants, each recorded value and text, and the
totals against their parts (:func:`~ggzregio.inventory.model.check_totals`).

Each problem names the field as the person typed it (``fact.fte``, ``inhabitants``, ``year``).
"""

from __future__ import annotations

import math
from typing import Final

from ggzregio.errors import Problem
from ggzregio.inventory.model import MEASURES, Entry, Inventory, check_totals, checklist_rows
from ggzregio.numbers import format_user_number

#: The years an inventory may describe.
FIRST_YEAR: Final = 1990
LAST_YEAR: Final = 2100
#: Upper bound of a recorded fte, places or euro value (a checklist row of a region; larger is
#: a typing error, and keeps every derived total finite).
MAX_AMOUNT: Final = 1e12
#: Upper bound of a region's number of inhabitants (the Netherlands has about 18 million).
MAX_INHABITANTS: Final = 1e8
#: Longest source or note of a checklist row.
MAX_TEXT: Final = 500


def _shown(value: float) -> str:
    """A number in a message, written the way the person types it (``100.000.000``); one far
    beyond every bound in exponent notation (``1e+308``)."""
    return format_user_number(value) if abs(value) <= MAX_AMOUNT * 1000 else f"{value:g}"


def year_problems(year: object, file: str, key: str = "year") -> list[Problem]:
    """Problems of an inventory year: a whole number from :data:`FIRST_YEAR` to
    :data:`LAST_YEAR`."""
    whole = isinstance(year, int) and not isinstance(year, bool)
    if whole and FIRST_YEAR <= year <= LAST_YEAR:  # type: ignore[operator]
        return []
    values: dict[str, object] = {"value": year, "low": FIRST_YEAR, "high": LAST_YEAR}
    return [Problem(file, "bad_year", key=key, values=values)]


def inhabitants_problems(value: float | None, file: str, key: str = "inhabitants") -> list[Problem]:
    """Problems of a number of inhabitants: none, or a finite number above 0 and at most
    :data:`MAX_INHABITANTS`."""
    if value is None or (math.isfinite(value) and 0 < value <= MAX_INHABITANTS):
        return []
    values: dict[str, object] = {"value": _shown(value), "high": _shown(MAX_INHABITANTS)}
    return [Problem(file, "bad_inhabitants", key=key, values=values)]


def amount_problems(value: float | None, file: str, key: str) -> list[Problem]:
    """Problems of a recorded fte, places or euro value: none, or a finite number from 0 to
    :data:`MAX_AMOUNT`."""
    if value is None or (math.isfinite(value) and 0 <= value <= MAX_AMOUNT):
        return []
    if math.isfinite(value) and value < 0:
        return [Problem(file, "negative", key=key, values={"values": _shown(value)})]
    values: dict[str, object] = {"value": _shown(value), "high": _shown(MAX_AMOUNT)}
    return [Problem(file, "amount_range", key=key, values=values)]


def entry_problems(entry: Entry, file: str) -> list[Problem]:
    """Problems of one checklist row: a known code, valid values and short texts."""
    if entry.key not in checklist_rows():
        return [Problem(file, "unknown_row", key=entry.key, values={"value": entry.key})]
    problems = [
        p for m in MEASURES for p in amount_problems(entry.value(m), file, f"{entry.key}.{m}")
    ]
    for name in ("source", "note"):
        text: str = getattr(entry, name)
        if len(text) > MAX_TEXT:
            key = f"{entry.key}.{name}"
            problems.append(Problem(file, "text_too_long", key=key, values={"max": MAX_TEXT}))
    return problems


def inventory_problems(inventory: Inventory, file: str) -> list[Problem]:
    """Every problem of an inventory: year, inhabitants, each row, and totals (checked only
    when the values themselves are valid)."""
    problems = year_problems(inventory.year, file)
    problems += inhabitants_problems(inventory.inhabitants, file)
    for entry in inventory.entries.values():
        problems += entry_problems(entry, file)
    return problems or check_totals(inventory, file)
