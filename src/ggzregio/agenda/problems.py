"""Problems found in agenda input: each names the field and the rule broken (messages in
:mod:`ggzregio.messages.agenda`), so a form can show every problem next to its field."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Final

from ggzregio.errors import GgzregioError
from ggzregio.i18n import t
from ggzregio.text import control_character

#: Keys of speerpunten, questions, initiatives and targets: lower case, digits, '-' and '_'.
KEY: Final = re.compile(r"[a-z0-9][a-z0-9_-]{0,59}")
#: Longest name of a speerpunt, initiative or organisation.
NAME_MAX: Final = 200
#: Longest agenda text, note or answer (characters).
TEXT_MAX: Final = 50_000
#: Largest budget in euro cents (10^15 cents: 10 trillion euros), for every way in (the API's
#: bound, the page's amount, the core's check) and well inside the database's BIGINT.
BUDGET_MAX_CENTS: Final = 10**15
#: Most areas an initiative names (the API's list bound and the page's field alike).
AREAS_MAX: Final = 500


@dataclass(frozen=True)
class AgendaProblem:
    """One broken rule: ``field`` (``agenda.field.<field>``) and ``rule`` (``agenda.rule.<rule>``)
    with the values the message shows; ``index`` is the position in a list field, if any."""

    field: str
    rule: str
    values: Mapping[str, object] = _field(default_factory=dict)
    index: int | None = None

    def message(self) -> str:
        """The problem as one line in the active language: "einddatum: ligt vóór ..."."""
        return f"{t(f'agenda.field.{self.field}')}: {t(f'agenda.rule.{self.rule}', **self.values)}"


class AgendaError(GgzregioError):
    """Agenda input was refused; carries every problem found."""

    def __init__(self, problems: Sequence[AgendaProblem]):
        self.problems: tuple[AgendaProblem, ...] = tuple(problems)
        super().__init__("\n".join(p.message() for p in self.problems))

    def rules(self) -> set[tuple[str, str]]:
        """The (field, rule) pairs broken (handy in tests and the API)."""
        return {(p.field, p.rule) for p in self.problems}


class ReviewClosedError(AgendaError):
    """An edit of a closed review (peilmoment) was attempted."""

    def __init__(self, closed_at: str):
        super().__init__([AgendaProblem("review", "review_closed", {"closed_at": closed_at})])


def raise_if(problems: Sequence[AgendaProblem]) -> None:
    """Raise :class:`AgendaError` when there are problems."""
    if problems:
        raise AgendaError(problems)


def check_text(
    name: str, value: str, *, required: bool = True, maximum: int = NAME_MAX
) -> list[AgendaProblem]:
    """A text field: present (when required), not longer than ``maximum`` and without control
    characters (NUL and the like); a long text (``maximum`` above :data:`NAME_MAX`) may hold
    tabs and line breaks."""
    if len(value) > maximum:
        return [AgendaProblem(name, "too_long", {"length": len(value), "maximum": maximum})]
    # Control characters are never in a name; a long text may hold tab and line breaks.
    control = control_character(value, lines=maximum > NAME_MAX)
    if control is not None:
        return [AgendaProblem(name, "control_character", {"code": control})]
    if not value.strip():
        return [AgendaProblem(name, "required")] if required else []
    return []


def check_key(name: str, value: str) -> list[AgendaProblem]:
    """A key field: the :data:`KEY` pattern."""
    if not value:
        return [AgendaProblem(name, "required")]
    return [] if KEY.fullmatch(value) else [AgendaProblem(name, "bad_key", {"value": value})]


def check_choices(
    name: str,
    values: Iterable[str],
    allowed: Collection[str] | None,
    *,
    required: bool = False,
) -> list[AgendaProblem]:
    """A list field: each value known (when ``allowed`` is given), none twice, at least one
    when ``required``."""
    items = list(values)
    problems: list[AgendaProblem] = []
    if required and not items:
        problems.append(AgendaProblem(name, "required"))
    seen: set[str] = set()
    for i, value in enumerate(items):
        if value in seen:
            problems.append(AgendaProblem(name, "duplicate", {"value": value}, i))
        seen.add(value)
        if allowed is not None and value not in allowed:
            shown = ", ".join(sorted(allowed))
            problems.append(AgendaProblem(name, "unknown", {"value": value, "allowed": shown}, i))
    return problems
