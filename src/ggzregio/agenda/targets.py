"""Outcome targets (streefcijfers) on the monitor's outcome indicators, agreed with a date and
periodically re-set (004:1010, footnote 8; examples of ambitions in 004:975-982). A re-set adds
a version and keeps every earlier one, so the target in force on any date can be shown, and
progress measured against it and against the earlier ones."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Final, Literal

from ggzregio.agenda.problems import (
    NAME_MAX,
    TEXT_MAX,
    AgendaProblem,
    check_choices,
    check_key,
    check_text,
    raise_if,
)
from ggzregio.agenda.reference import outcome_indicators
from ggzregio.numbers import format_user_number

Direction = Literal["at_least", "at_most"]
DIRECTIONS: Final[tuple[Direction, ...]] = ("at_least", "at_most")


@dataclass(frozen=True)
class OutcomeTarget:
    """One version of a target: ``indicator`` reaches ``value`` (at least or at most) by
    ``target_date``; agreed on ``agreed_at`` by ``agreed_by`` (e.g. "regiegroep")."""

    key: str
    indicator: str
    value: float
    direction: Direction
    target_date: date
    agreed_at: date
    agreed_by: str
    version: int = 1
    note: str = ""

    def reached(self, value: float) -> bool:
        """Whether ``value`` meets the target."""
        return value >= self.value if self.direction == "at_least" else value <= self.value


def default_direction(indicator: str) -> Direction:
    """``at_most`` for an indicator where lower is better (loneliness), else ``at_least``."""
    found = outcome_indicators().get(indicator)
    return "at_most" if found is not None and found.direction == "lower_better" else "at_least"


def validate_target(target: OutcomeTarget) -> list[AgendaProblem]:
    """A known outcome indicator, a value within the indicator's range, a known direction,
    a target date after the agreement, and who agreed it."""
    known = outcome_indicators()
    problems = check_key("key", target.key)
    if target.indicator not in known:
        shown = {"value": target.indicator, "allowed": ", ".join(sorted(known))}
        problems.append(AgendaProblem("indicator", "not_an_outcome", shown))
    elif not math.isfinite(target.value):
        problems.append(AgendaProblem("value", "required"))
    else:
        bounds = known[target.indicator].bounds()
        if bounds is None and target.value < 0:
            shown = {"value": format_user_number(target.value)}
            problems.append(AgendaProblem("value", "negative", shown))
        elif bounds is not None and not bounds[0] <= target.value <= bounds[1]:
            numbers = {"value": target.value, "low": bounds[0], "high": bounds[1]}
            shown = {k: format_user_number(v) for k, v in numbers.items()}
            problems.append(AgendaProblem("value", "outside_bounds", shown))
    problems += check_choices("direction", [target.direction], DIRECTIONS)
    if target.target_date <= target.agreed_at:
        values = {"end": target.target_date.isoformat(), "start": target.agreed_at.isoformat()}
        problems.append(AgendaProblem("target_date", "end_before_start", values))
    problems += check_text("agreed_by", target.agreed_by, maximum=NAME_MAX)
    return problems + check_text("notes", target.note, required=False, maximum=TEXT_MAX)


def reset_target(history: Sequence[OutcomeTarget], new: OutcomeTarget) -> tuple[OutcomeTarget, ...]:
    """The history with ``new`` added as the next version (1 for the first agreement); the
    earlier versions are kept unchanged. ``new`` must be for the same key and indicator and
    agreed no earlier than the latest version. Raises :class:`AgendaError`."""
    ordered = target_history(history)
    problems = validate_target(new)
    if ordered:
        last = ordered[-1]
        if new.key != last.key:
            values = {"value": new.key, "expected": last.key}
            problems.append(AgendaProblem("key", "other_target", values))
        if new.indicator != last.indicator:
            values = {"value": new.indicator, "expected": last.indicator}
            problems.append(AgendaProblem("indicator", "other_target", values))
        if new.agreed_at < last.agreed_at:
            values = {"value": new.agreed_at.isoformat(), "last": last.agreed_at.isoformat()}
            problems.append(AgendaProblem("agreed_at", "earlier_than_last", values))
    raise_if(problems)
    version = ordered[-1].version + 1 if ordered else 1
    return (*ordered, replace(new, version=version))


def target_history(history: Sequence[OutcomeTarget]) -> tuple[OutcomeTarget, ...]:
    """The versions oldest first."""
    return tuple(sorted(history, key=lambda t: t.version))


def target_in_force(history: Sequence[OutcomeTarget], on_date: date) -> OutcomeTarget | None:
    """The version in force on ``on_date``: the latest agreed on or before it (``None``: no
    target had been agreed yet)."""
    agreed = [t for t in target_history(history) if t.agreed_at <= on_date]
    return agreed[-1] if agreed else None


@dataclass(frozen=True)
class Progress:
    """Progress of an indicator's series against one version of a target.

    ``baseline`` is the last observation on or before the agreement (else the first one);
    ``expected`` the value on the straight path from the baseline to the target at the latest
    observation's date; ``achieved_share`` the part of the way from baseline to target covered
    (``None`` when the baseline already was the target value)."""

    target: OutcomeTarget
    baseline_date: date | None
    baseline: float | None
    latest_date: date | None
    latest: float | None
    remaining: float | None
    achieved_share: float | None
    expected: float | None
    reached: bool | None
    on_track: bool | None


def _observations(series: Mapping[date, float | None]) -> list[tuple[date, float]]:
    return sorted(
        (d, float(v)) for d, v in series.items() if v is not None and math.isfinite(float(v))
    )


def progress(series: Mapping[date, float | None], target: OutcomeTarget) -> Progress:
    """How the observed ``series`` (date → value; missing values skipped) stands against
    ``target``."""
    points = _observations(series)
    if not points:
        return Progress(target, None, None, None, None, None, None, None, None, None)
    before = [p for p in points if p[0] <= target.agreed_at]
    base_date, base = before[-1] if before else points[0]
    last_date, last = points[-1]
    gap = target.value - base
    share = None if gap == 0 else (last - base) / gap
    expected: float | None = None
    on_track: bool | None = None
    if last_date > base_date:
        span = (target.target_date - base_date).days
        elapsed = min((last_date - base_date).days, span)
        expected = target.value if span <= 0 else base + gap * elapsed / span
        on_track = target.reached(last) or (
            last >= expected if target.direction == "at_least" else last <= expected
        )
    return Progress(
        target,
        base_date,
        base,
        last_date,
        last,
        target.value - last,
        share,
        expected,
        target.reached(last),
        on_track,
    )


def progress_history(
    series: Mapping[date, float | None], history: Sequence[OutcomeTarget]
) -> tuple[Progress, ...]:
    """Progress against every version, oldest first: the one in force and the earlier ones."""
    return tuple(progress(series, t) for t in target_history(history))


def outcome_codes() -> Collection[str]:
    """The indicator codes a target may be set on."""
    return tuple(outcome_indicators())


__all__ = [
    "DIRECTIONS",
    "OutcomeTarget",
    "Progress",
    "default_direction",
    "outcome_codes",
    "progress",
    "progress_history",
    "reset_target",
    "target_history",
    "target_in_force",
    "validate_target",
]
