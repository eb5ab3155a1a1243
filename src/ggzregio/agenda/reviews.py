"""The policy cycle (beleidscyclus, 004:901-918): a peilmoment (review) freezes the state of a
region — progress per target, the plan against the latest inventory, the status of the
initiatives, the agenda texts — with the regiegroep's answers to the questions of the cycle
(004:903-905) and its decisions. A closed review is immutable; :mod:`ggzregio.agenda.compare`
compares two reviews.

A snapshot holds only plain values (tuples, no mutable containers) and round-trips through
:meth:`ReviewSnapshot.to_dict` / :meth:`ReviewSnapshot.from_dict` as JSON."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Final

from ggzregio.agenda.initiatives import Initiative
from ggzregio.agenda.problems import (
    TEXT_MAX,
    AgendaError,
    AgendaProblem,
    ReviewClosedError,
    check_choices,
    check_text,
    raise_if,
)
from ggzregio.agenda.reference import agenda_reference
from ggzregio.agenda.targets import Progress
from ggzregio.agenda.texts import AgendaText

SCHEMA: Final = "ggzregio-review/1"


@dataclass(frozen=True)
class TargetState:
    """A target's version and the latest observation at the review."""

    key: str
    indicator: str
    version: int
    value: float
    direction: str
    target_date: date
    latest: float | None = None
    latest_date: date | None = None
    achieved_share: float | None = None
    reached: bool | None = None

    @classmethod
    def of(cls, p: Progress) -> TargetState:
        t = p.target
        return cls(
            t.key, t.indicator, t.version, t.value, t.direction, t.target_date,
            p.latest, p.latest_date, p.achieved_share, p.reached,
        )  # fmt: skip


@dataclass(frozen=True)
class PlanFigure:
    """One line of the plan against the latest inventory, as given (units, fte or euros)."""

    key: str
    planned: float | None
    inventory: float | None

    @property
    def gap(self) -> float | None:
        if self.planned is None or self.inventory is None:
            return None
        return self.planned - self.inventory


@dataclass(frozen=True)
class InitiativeState:
    key: str
    name: str
    status: str


@dataclass(frozen=True)
class TextState:
    """The version of an agenda text current at the review."""

    speerpunt: str
    question: str
    version: int
    text: str

    @property
    def version_id(self) -> str:
        return f"{self.speerpunt}/{self.question}/v{self.version}"

    @property
    def slot(self) -> str:
        return f"{self.speerpunt}/{self.question}"


@dataclass(frozen=True)
class ReviewSnapshot:
    """The frozen state of a region at a peilmoment. ``answers`` are (review question key,
    answer) pairs; ``closed_at``/``closed_by`` are set once by :meth:`close`."""

    key: str
    region: str
    title: str
    held_on: date
    created_by: int
    targets: tuple[TargetState, ...] = ()
    plan: tuple[PlanFigure, ...] = ()
    initiatives: tuple[InitiativeState, ...] = ()
    texts: tuple[TextState, ...] = ()
    answers: tuple[tuple[str, str], ...] = ()
    decisions: tuple[str, ...] = ()
    closed_at: datetime | None = None
    closed_by: int | None = None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    def edit(self, **changes: Any) -> ReviewSnapshot:
        """A copy with ``changes``; refused once the review is closed."""
        if self.closed_at is not None:
            raise ReviewClosedError(self.closed_at.isoformat())
        if {"closed_at", "closed_by"} & set(changes):
            raise ValueError("a review is closed with close(), not edit()")
        return replace(self, **changes)

    def with_answer(self, question: str, answer: str) -> ReviewSnapshot:
        """A copy with the regiegroep's answer to a question of the cycle (replacing an earlier
        answer to the same question while the review is open)."""
        if self.closed_at is not None:
            raise ReviewClosedError(self.closed_at.isoformat())
        raise_if(_check_answers({question: answer}))
        kept = tuple((q, a) for q, a in self.answers if q != question)
        return self.edit(answers=tuple(sorted((*kept, (question, answer)))))

    def with_decision(self, decision: str) -> ReviewSnapshot:
        """A copy with one more decision of the regiegroep."""
        if self.closed_at is not None:
            raise ReviewClosedError(self.closed_at.isoformat())
        raise_if(check_text("decision", decision, maximum=TEXT_MAX))
        return self.edit(decisions=(*self.decisions, decision))

    def close(self, *, by: int, at: datetime) -> ReviewSnapshot:
        """A closed copy; a closed review cannot be closed again or edited."""
        if self.closed_at is not None:
            raise ReviewClosedError(self.closed_at.isoformat())
        return replace(self, closed_at=at, closed_by=by)

    def numbers(self) -> dict[str, float | None]:
        """Every number of the review by a stable key (``target.<key>.latest``,
        ``plan.<key>.gap``, ...), the basis of the comparison of two reviews."""
        out: dict[str, float | None] = {}
        for t in self.targets:
            out[f"target.{t.key}.value"] = t.value
            out[f"target.{t.key}.version"] = float(t.version)
            out[f"target.{t.key}.latest"] = t.latest
            out[f"target.{t.key}.achieved_share"] = t.achieved_share
        for p in self.plan:
            out[f"plan.{p.key}.planned"] = p.planned
            out[f"plan.{p.key}.inventory"] = p.inventory
            out[f"plan.{p.key}.gap"] = p.gap
        return out

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict (dates as ISO text)."""
        return {
            "schema": SCHEMA,
            "key": self.key,
            "region": self.region,
            "title": self.title,
            "held_on": self.held_on.isoformat(),
            "created_by": self.created_by,
            "targets": [_target_dict(t) for t in self.targets],
            "plan": [_plan_dict(p) for p in self.plan],
            "initiatives": [_initiative_dict(i) for i in self.initiatives],
            "texts": [_text_dict(x) for x in self.texts],
            "answers": [{"question": q, "answer": a} for q, a in self.answers],
            "decisions": list(self.decisions),
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "closed_by": self.closed_by,
        }  # fmt: skip

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReviewSnapshot:
        """Read :meth:`to_dict` back; refuses anything else with :class:`AgendaError`."""
        try:
            if data.get("schema") != SCHEMA:
                raise ValueError(f"schema must be {SCHEMA}")
            return cls(
                key=_str(data["key"]),
                region=_str(data["region"]),
                title=_str(data["title"]),
                held_on=date.fromisoformat(data["held_on"]),
                created_by=_int(data["created_by"]),
                targets=tuple(_target(t) for t in data["targets"]),
                plan=tuple(
                    PlanFigure(_str(p["key"]), _num(p["planned"]), _num(p["inventory"]))
                    for p in data["plan"]
                ),
                initiatives=tuple(
                    InitiativeState(_str(i["key"]), _str(i["name"]), _str(i["status"]))
                    for i in data["initiatives"]
                ),
                texts=tuple(_text(x) for x in data["texts"]),
                answers=tuple((_str(a["question"]), _str(a["answer"])) for a in data["answers"]),
                decisions=tuple(_str(d) for d in data["decisions"]),
                closed_at=_datetime(data["closed_at"]),
                closed_by=None if data["closed_by"] is None else _int(data["closed_by"]),
            )  # fmt: skip
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            problem = AgendaProblem("review", "bad_snapshot", {"detail": str(exc)[:200]})
            raise AgendaError([problem]) from exc


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__}")
    return value


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, found {type(value).__name__}")
    return value


def _num(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, found {type(value).__name__}")
    return float(value)


def _datetime(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(_str(value))


def _target_dict(t: TargetState) -> dict[str, Any]:
    return {
        "key": t.key,
        "indicator": t.indicator,
        "version": t.version,
        "value": t.value,
        "direction": t.direction,
        "target_date": t.target_date.isoformat(),
        "latest": t.latest,
        "latest_date": t.latest_date.isoformat() if t.latest_date else None,
        "achieved_share": t.achieved_share,
        "reached": t.reached,
    }


def _plan_dict(p: PlanFigure) -> dict[str, Any]:
    return {"key": p.key, "planned": p.planned, "inventory": p.inventory}


def _initiative_dict(i: InitiativeState) -> dict[str, Any]:
    return {"key": i.key, "name": i.name, "status": i.status}


def _text_dict(x: TextState) -> dict[str, Any]:
    return {"speerpunt": x.speerpunt, "question": x.question, "version": x.version, "text": x.text}


def _text(x: Mapping[str, Any]) -> TextState:
    return TextState(_str(x["speerpunt"]), _str(x["question"]), _int(x["version"]), _str(x["text"]))


def _by_key(i: InitiativeState) -> str:
    return i.key


def _target(d: Mapping[str, Any]) -> TargetState:
    value = _num(d["value"])
    if value is None:
        raise ValueError("a target needs a value")
    reached = d["reached"]
    if reached is not None and not isinstance(reached, bool):
        raise TypeError("reached must be true, false or null")
    return TargetState(
        _str(d["key"]), _str(d["indicator"]), _int(d["version"]), value, _str(d["direction"]),
        date.fromisoformat(d["target_date"]), _num(d["latest"]),
        None if d["latest_date"] is None else date.fromisoformat(d["latest_date"]),
        _num(d["achieved_share"]), reached,
    )  # fmt: skip


def _check_answers(answers: Mapping[str, str]) -> list[AgendaProblem]:
    """Answers to the questions of the policy cycle (004:903-905), each at most TEXT_MAX long."""
    allowed = agenda_reference().keys("review_questions")
    problems = check_choices("review_question", answers, allowed)
    return problems + [
        p
        for a in answers.values()
        for p in check_text("answer", a, required=False, maximum=TEXT_MAX)
    ]


def take_review(
    *,
    key: str,
    region: str,
    title: str,
    held_on: date,
    created_by: int,
    progress: Iterable[Progress] = (),
    plan: Mapping[str, tuple[float | None, float | None]] | None = None,
    initiatives: Iterable[Initiative] = (),
    texts: Iterable[AgendaText] = (),
    answers: Mapping[str, str] | None = None,
    decisions: Sequence[str] = (),
) -> ReviewSnapshot:
    """Freeze the state: ``progress`` per target (the version in force), ``plan`` as
    key → (planned, inventory), the initiatives' statuses and the current agenda ``texts``
    (pass the current versions, e.g. from :func:`~ggzregio.agenda.texts.current_texts`).
    Raises :class:`AgendaError` for an answer to an unknown question or an over-long text."""
    progress, initiatives, texts = tuple(progress), tuple(initiatives), tuple(texts)
    problems = _check_answers(answers or {})
    problems += [p for d in decisions for p in check_text("decision", d, maximum=TEXT_MAX)]
    problems += check_choices("targets", [p.target.key for p in progress], None)
    problems += check_choices("initiatives", [i.key for i in initiatives], None)
    problems += check_choices("text", [f"{x.speerpunt}/{x.question}" for x in texts], None)
    raise_if(problems)
    return ReviewSnapshot(
        key=key,
        region=region,
        title=title,
        held_on=held_on,
        created_by=created_by,
        targets=tuple(sorted((TargetState.of(p) for p in progress), key=lambda t: t.key)),
        plan=tuple(PlanFigure(k, v[0], v[1]) for k, v in sorted((plan or {}).items())),
        initiatives=tuple(
            sorted((InitiativeState(i.key, i.name, i.status) for i in initiatives), key=_by_key)
        ),
        texts=tuple(
            sorted(
                (TextState(x.speerpunt, x.question, x.version, x.text) for x in texts),
                key=lambda x: x.slot,
            )
        ),
        answers=tuple(sorted((answers or {}).items())),
        decisions=tuple(decisions),
    )  # fmt: skip


__all__ = [
    "SCHEMA",
    "InitiativeState",
    "PlanFigure",
    "ReviewSnapshot",
    "TargetState",
    "TextState",
    "take_review",
]
