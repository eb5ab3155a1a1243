"""Initiatives and proeftuinen (004:755-826): what a regiegroep mobilises per speerpunt, with
lead and partners, where it runs, how it is funded (one or more streams, integrated budgets
allowed: 004:812-818, 004:887-891), its budget and period, its status and the outcome
indicators and targets it is meant to move. Status changes are recorded, never overwritten;
the seeds name no order of statuses, so any change is allowed (see the reference data)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Final, Literal

from ggzregio.agenda.problems import (
    AREAS_MAX,
    BUDGET_MAX_CENTS,
    TEXT_MAX,
    AgendaProblem,
    check_choices,
    check_key,
    check_text,
    raise_if,
)
from ggzregio.agenda.reference import agenda_reference
from ggzregio.i18n import Language
from ggzregio.numbers import NumberError, parse_user_decimal

Kind = Literal["initiative", "proeftuin"]
KINDS: Final[tuple[Kind, ...]] = ("initiative", "proeftuin")
#: Municipality (GM0363), district (WK036301), neighbourhood (BU03630000) or postcode (1012).
_AREA: Final = re.compile(r"GM\d{4}|WK\d{6}|BU\d{8}|[1-9]\d{3}")
#: The budget field of a form, for messages about the number typed.
BUDGET_FIELD: Final = "budget"


@dataclass(frozen=True)
class Initiative:
    """An initiative or proeftuin of a region's agenda. ``budget_cents`` is in euro cents
    (``None``: not known); ``areas`` are municipality, district, neighbourhood or postcode
    codes; ``indicators`` are monitor indicator codes and ``targets`` outcome-target keys."""

    key: str
    name: str
    speerpunten: tuple[str, ...]
    lead: str
    status: str
    funding: tuple[str, ...]
    kind: Kind = "initiative"
    partners: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    integrated: bool = False
    budget_cents: int | None = None
    start: date | None = None
    end: date | None = None
    indicators: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    notes: str = ""

    @property
    def budget(self) -> Decimal | None:
        """The budget in euros (exact)."""
        return None if self.budget_cents is None else Decimal(self.budget_cents) / 100

    def municipalities(self) -> frozenset[str]:
        """The municipality codes (GM....) of the areas; postcodes name no municipality."""
        return frozenset(municipality_of(a) for a in self.areas if municipality_of(a))


def municipality_of(area: str) -> str:
    """``GM0363`` for GM0363, WK036301 and BU03630000; ``""`` for a postcode or unknown code."""
    if area[:2] in ("GM", "WK", "BU") and len(area) >= 6:
        return "GM" + area[2:6]
    return ""


def parse_budget(text: str, *, language: Language | None = None) -> int | None:
    """Read a budget in euros as typed (``"1.250.000"`` or ``"12.500,50"`` in Dutch) into euro
    cents; empty text is ``None``. Raises :class:`~ggzregio.numbers.NumberError` (the shared
    number rules) or :class:`~ggzregio.agenda.problems.AgendaError` (negative, sub-cent)."""
    if not text.strip():
        return None
    value = parse_user_decimal(text, language=language, field=BUDGET_FIELD)
    problems = []
    if value < 0:
        problems.append(AgendaProblem("budget", "negative", {"value": text.strip()}))
    elif value != value.quantize(Decimal("0.01")):
        problems.append(AgendaProblem("budget", "cents", {"value": text.strip()}))
    elif value * 100 > BUDGET_MAX_CENTS:
        problems.append(_too_large(text.strip()))
    raise_if(problems)
    return int(value * 100)


def _too_large(value: object) -> AgendaProblem:
    maximum = f"{Decimal(BUDGET_MAX_CENTS) / 100:f}"
    return AgendaProblem("budget", "too_large", {"value": str(value)[:40], "maximum": maximum})


def in_region(area: str, codes: Collection[str]) -> bool:
    """Whether ``area`` is one of the region's ``codes`` (its municipalities and areas), or a
    district or neighbourhood of one of its municipalities."""
    return area in codes or (area[:2] in ("WK", "BU") and municipality_of(area) in codes)


def validate_initiative(
    item: Initiative,
    *,
    speerpunten: Collection[str] | None = None,
    indicators: Collection[str] | None = None,
    targets: Collection[str] | None = None,
    areas: Collection[str] | None = None,
) -> list[AgendaProblem]:
    """Every broken rule of ``item``, each naming the field. ``speerpunten`` are the keys the
    region has (default: the five of the agenda); ``indicators``, ``targets`` and ``areas``
    the known codes and keys (``areas``: the region's municipality and area codes, see
    :func:`in_region`; none is checked when ``None``)."""
    ref = agenda_reference()
    allowed = ref.keys("speerpunten") if speerpunten is None else speerpunten
    problems = check_key("key", item.key) + check_text("name", item.name)
    problems += check_choices("speerpunten", item.speerpunten, allowed, required=True)
    problems += check_text("lead", item.lead)
    problems += check_choices("partners", item.partners, None)
    problems += [p for partner in item.partners for p in check_text("partners", partner)]
    problems += _check_areas(item.areas, areas)
    problems += check_choices("funding", item.funding, ref.keys("funding"), required=True)
    if item.integrated and len(set(item.funding)) < 2:
        count = {"count": len(set(item.funding))}
        problems.append(AgendaProblem("integrated", "integrated_needs_two", count))
    if item.budget_cents is not None and item.budget_cents < 0:
        problems.append(AgendaProblem("budget", "negative", {"value": item.budget}))
    elif item.budget_cents is not None and item.budget_cents > BUDGET_MAX_CENTS:
        problems.append(_too_large(item.budget))
    if item.start is not None and item.end is not None and item.end < item.start:
        values = {"start": item.start.isoformat(), "end": item.end.isoformat()}
        problems.append(AgendaProblem("end", "end_before_start", values))
    problems += check_choices("status", [item.status], ref.keys("statuses"))
    problems += check_choices("kind", [item.kind], KINDS)
    problems += check_choices("indicators", item.indicators, indicators)
    problems += check_choices("targets", item.targets, targets)
    return problems + check_text("notes", item.notes, required=False, maximum=TEXT_MAX)


def _check_areas(values: tuple[str, ...], known: Collection[str] | None) -> list[AgendaProblem]:
    """At most :data:`AREAS_MAX` area codes, each well formed and (when ``known`` is given)
    in the region."""
    if len(values) > AREAS_MAX:
        return [AgendaProblem("areas", "too_many", {"count": len(values), "maximum": AREAS_MAX})]
    problems = check_choices("areas", values, None)
    for i, area in enumerate(values):
        if not _AREA.fullmatch(area):
            problems.append(AgendaProblem("areas", "bad_area", {"value": area[:20]}, i))
        elif known is not None and not in_region(area, known):
            problems.append(AgendaProblem("areas", "not_in_region", {"value": area}, i))
    return problems


def filter_initiatives(
    items: Iterable[Initiative],
    speerpunt: str | None = None,
    status: str | None = None,
    municipality: str | None = None,
) -> list[Initiative]:
    """The initiatives on ``speerpunt``, with ``status``, running in ``municipality`` (a GM code;
    an initiative in one of its districts or neighbourhoods counts); ``None`` does not filter."""
    return [
        item
        for item in items
        if (speerpunt is None or speerpunt in item.speerpunten)
        and (status is None or item.status == status)
        and (municipality is None or municipality in item.municipalities())
    ]


@dataclass(frozen=True)
class StatusChange:
    """A recorded change of an initiative's status: who, when, from what to what."""

    initiative: str
    before: str
    after: str
    by: int
    at: datetime
    note: str = ""


def change_status(
    item: Initiative, status: str, *, by: int, at: datetime, note: str = ""
) -> tuple[Initiative, StatusChange]:
    """The initiative with its new status and the record of the change. Any known status may
    follow any other (the seeds set no order); the same status again is refused."""
    problems = check_choices("status", [status], agenda_reference().keys("statuses"))
    if status == item.status:
        problems.append(AgendaProblem("status", "status_unchanged", {"value": status}))
    problems += check_text("notes", note, required=False, maximum=TEXT_MAX)
    raise_if(problems)
    return replace(item, status=status), StatusChange(item.key, item.status, status, by, at, note)


def status_history(changes: Iterable[StatusChange], initiative: str) -> tuple[StatusChange, ...]:
    """The status changes of one initiative, oldest first."""
    return tuple(sorted((c for c in changes if c.initiative == initiative), key=lambda c: c.at))


__all__ = [
    "KINDS",
    "Initiative",
    "NumberError",
    "StatusChange",
    "change_status",
    "filter_initiatives",
    "in_region",
    "municipality_of",
    "parse_budget",
    "status_history",
    "validate_initiative",
]
