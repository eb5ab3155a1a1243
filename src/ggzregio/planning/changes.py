"""The changes a scenario may make to a norm set, checked before they are applied.

A change is a dotted key (``capacity.fact.per_100k``) with a typed value, sent by the planning
page, the API or a saved scenario. Only the values a person sets may change (no identity,
schema or alternative readings), each with the kind of value its field holds: a finite number
of a sensible size (so every derived capacity and euro amount stays finite), a range
``[low, high]`` of such numbers, text, or true/false. What the numbers mean is checked after
the changes are applied, by :func:`~ggzregio.planning.scenario_file.norm_set_from_data`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Final

from ggzregio.errors import InputError, Problem

#: Largest size of a changed number (one trillion: above any count, share or euro amount of a
#: norm set; keeps products of them finite).
MAX_NUMBER: Final = 1e12
#: Smallest size of a changed number other than 0 (a catchment of 1e-320 inhabitants would
#: make an infinite number of teams).
MIN_NUMBER: Final = 1e-6
#: Longest changed text.
MAX_TEXT: Final = 2000

NUMBER, RANGE, TEXT, FLAG = "number", "range", "text", "flag"
#: Per table, the fields a change may set and the kind of value each holds.
FIELDS: Final[Mapping[str, Mapping[str, str]]] = {
    "capacity": {
        "per_100k": RANGE,
        "catchment": NUMBER,
        "fte_per_unit": NUMBER,
        "caseload_per_unit": RANGE,
        "unit": TEXT,
        "category": TEXT,
        "part_of": TEXT,
        "scale_with_prevalence": FLAG,
        "increment": FLAG,
        "baseline_per_100k": RANGE,
        "cite": TEXT,
        "note": TEXT,
        "assumption": FLAG,
    },
    "spending": {
        "amount_meur": NUMBER,
        "share": NUMBER,
        "cite": TEXT,
        "note": TEXT,
        "assumption": FLAG,
    },
    "budget": {"per_100k_eur": NUMBER, "basis": TEXT, "cite": TEXT, "basis_note": TEXT},
    "unit_costs": {
        "fte_eur": NUMBER,
        "clinical_place_eur": NUMBER,
        "bw_place_eur": NUMBER,
        "note": TEXT,
    },
    "name": {"nl": TEXT, "en": TEXT},
    "description": {"nl": TEXT, "en": TEXT, "cite": TEXT},
}
#: Tables whose fields sit under a named entry (``capacity.<item>.<field>``).
_NESTED: Final = ("capacity", "spending")


def _number(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    size = abs(float(value))
    return math.isfinite(size) and (size == 0 or MIN_NUMBER <= size <= MAX_NUMBER)


def _field(dotted: str) -> str | None:
    """The kind of value ``dotted`` holds, or None when no change may set it."""
    parts = dotted.split(".")
    table = FIELDS.get(parts[0])
    if table is None or "" in parts:
        return None
    if len(parts) != (3 if parts[0] in _NESTED else 2):
        return None
    return table.get(parts[-1])


def change_problems(changes: Mapping[str, object], file: str) -> list[Problem]:
    """Problems of ``changes``: keys no change may set, and values of the wrong kind."""
    problems: list[Problem] = []
    for dotted, value in changes.items():
        kind = _field(str(dotted))
        shown = repr(value)[:60]
        if kind is None:
            table = FIELDS.get(str(dotted).split(".")[0])
            allowed = ", ".join(sorted(table) if table else FIELDS)
            problems.append(Problem(file, "unknown_key", key=dotted, values={"allowed": allowed}))
        elif kind == NUMBER and not _number(value):
            limits = {"value": shown, "low": MIN_NUMBER, "high": MAX_NUMBER}
            problems.append(Problem(file, "change_number", key=dotted, values=limits))
        elif kind == RANGE and not (
            _number(value)
            or (isinstance(value, list) and len(value) == 2 and all(_number(v) for v in value))
        ):
            problems.append(Problem(file, "change_range", key=dotted, values={"value": shown}))
        elif kind == TEXT and not isinstance(value, str):
            problems.append(Problem(file, "not_text", key=dotted, values={"value": shown}))
        elif kind == TEXT and len(str(value)) > MAX_TEXT:
            problems.append(Problem(file, "text_too_long", key=dotted, values={"max": MAX_TEXT}))
        elif kind == FLAG and not isinstance(value, bool):
            problems.append(Problem(file, "change_flag", key=dotted, values={"value": shown}))
    return problems


def check_changes(changes: Mapping[str, object], file: str) -> None:
    """Refuse ``changes`` with an :class:`InputError` listing every problem."""
    problems = change_problems(changes, file)
    if problems:
        raise InputError(problems)
