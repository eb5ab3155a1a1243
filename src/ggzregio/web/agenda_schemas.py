"""Pydantic models of the agenda API (requests and responses): agenda texts, initiatives,
outcome targets and reviews. Requests validate strictly (bounded text without control
characters, keys as the core's, finite numbers; a number is a JSON number, never a string:
``"250.000"`` is refused, not read as 250); the core's rules are applied by the use case
(:mod:`ggzregio.app.agenda`) to every way in."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
)

from ggzregio.agenda import AgendaText, Initiative, OutcomeTarget, Progress, StatusChange
from ggzregio.agenda.problems import AREAS_MAX, BUDGET_MAX_CENTS, NAME_MAX, TEXT_MAX
from ggzregio.text import control_character


def _printable(value: str) -> str:
    """Refuse NUL and other control characters (newlines and tabs are text)."""
    if control_character(value, lines=True) is not None:
        raise ValueError("text must not contain control characters")
    return value


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("number must be finite")
    return value


Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,59}$")]
#: A funding stream (``Zvw``, ``re-integratie``): the reference's keys are not all lower case.
Stream = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$")]
Name = Annotated[str, Field(max_length=NAME_MAX), AfterValidator(_printable)]
LongText = Annotated[str, Field(max_length=TEXT_MAX), AfterValidator(_printable)]
Code = Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9]+$")]
Reference = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.:/-]+$")]
Day = Annotated[date, Field(ge=date(1990, 1, 1), le=date(2100, 12, 31))]
Budget = Annotated[StrictInt, Field(ge=0, le=BUDGET_MAX_CENTS, description="In euro cents.")]
Revision = Annotated[StrictInt, Field(ge=0, le=2**31 - 1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- requests ---------------------------------------------------------------------------------


class AgendaTextIn(Strict):
    speerpunt: Key
    question: Key
    text: LongText
    expected_version: StrictInt | None = Field(
        None, ge=0, le=1_000_000, description="The version the text was based on (0: none)."
    )


class EvidenceIn(Strict):
    speerpunt: Key
    question: Key
    kind: Key
    ref: Reference
    label: Name = ""


class SpeerpuntIn(Strict):
    nl: Name = ""
    en: Name = ""
    description_nl: LongText = ""
    description_en: LongText = ""
    priority: StrictInt | None = Field(None, ge=1, le=99)


class InitiativeIn(Strict):
    key: Key
    name: Name
    speerpunten: list[Key] = Field(min_length=1, max_length=20)
    lead: Name
    status: Key = "idee"
    funding: list[Stream] = Field(min_length=1, max_length=10)
    kind: Literal["initiative", "proeftuin"] = "initiative"
    partners: list[Name] = Field(default_factory=list, max_length=50)
    areas: list[Code] = Field(default_factory=list, max_length=AREAS_MAX)
    integrated: StrictBool = False
    budget_cents: Budget | None = None
    start: Day | None = None
    end: Day | None = None
    indicators: list[Key] = Field(default_factory=list, max_length=20)
    targets: list[Key] = Field(default_factory=list, max_length=20)
    notes: LongText = ""

    def core(self) -> Initiative:
        values = self.model_dump()
        for name in ("speerpunten", "funding", "partners", "areas", "indicators", "targets"):
            values[name] = tuple(values[name])
        return Initiative(**values)


class InitiativeUpdate(Strict):
    """A change of an initiative: only the fields sent change, every field left out keeps
    its stored value (``null`` clears the budget, start or end)."""

    key: Key | None = Field(None, description="Ignored: the key in the path is kept.")
    name: Name | None = None
    speerpunten: list[Key] | None = Field(None, min_length=1, max_length=20)
    lead: Name | None = None
    status: Key | None = None
    funding: list[Stream] | None = Field(None, min_length=1, max_length=10)
    kind: Literal["initiative", "proeftuin"] | None = None
    partners: list[Name] | None = Field(None, max_length=50)
    areas: list[Code] | None = Field(None, max_length=AREAS_MAX)
    integrated: StrictBool | None = None
    budget_cents: Budget | None = None
    start: Day | None = None
    end: Day | None = None
    indicators: list[Key] | None = Field(None, max_length=20)
    targets: list[Key] | None = Field(None, max_length=20)
    notes: LongText | None = None
    note: Name = Field("", description="A note with the status change, if the status changes.")
    expected_revision: Revision | None = Field(
        None, description="The revision the change is based on: another one stored is 409."
    )

    def changes(self) -> dict[str, object]:
        """The fields sent (``null`` only where it means "none": budget, start, end)."""
        sent = self.model_dump(exclude_unset=True, exclude={"key", "note", "expected_revision"})
        out: dict[str, object] = {}
        for name, value in sent.items():
            if value is None and name not in ("budget_cents", "start", "end"):
                continue
            out[name] = tuple(value) if isinstance(value, list) else value
        return out


class StatusIn(Strict):
    status: Key
    note: Name = ""


class OutcomeTargetIn(Strict):
    key: Key
    indicator: Key
    value: Annotated[StrictFloat, Field(ge=-1e9, le=1e9), AfterValidator(_finite)]
    direction: Literal["at_least", "at_most"] | None = Field(
        None, description="Default: follows the indicator (loneliness: at_most)."
    )
    target_date: Day
    agreed_at: Day
    agreed_by: Name
    note: LongText = ""


class ReviewIn(Strict):
    key: Key
    title: Name
    held_on: Day
    answers: dict[Key, LongText] = Field(default_factory=dict, max_length=10)
    decisions: list[LongText] = Field(default_factory=list, max_length=100)


class ReviewUpdate(Strict):
    title: Name | None = None
    answers: dict[Key, LongText] = Field(default_factory=dict, max_length=10)
    decisions: list[LongText] | None = Field(None, max_length=100)
    refresh: StrictBool = Field(False, description="Take the frozen state again now.")


# --- responses --------------------------------------------------------------------------------


class SpeerpuntOut(BaseModel):
    key: str
    name: str = Field(description="In the request's language.")
    source: str
    priority: int | None


class QuestionOut(BaseModel):
    key: str
    name: str


class AgendaTextOut(BaseModel):
    speerpunt: str
    question: str
    version: int
    text: str
    author_id: int | None
    author: str | None = Field(description="Who wrote it: the account's name, else e-mail.")
    at: str

    @classmethod
    def of(cls, x: AgendaText, names: Mapping[int, str]) -> AgendaTextOut:
        return cls(
            speerpunt=x.speerpunt, question=x.question, version=x.version, text=x.text,
            author_id=x.author_id or None, author=names.get(x.author_id), at=x.at.isoformat(),
        )  # fmt: skip


class EvidenceOut(BaseModel):
    speerpunt: str
    question: str
    kind: str
    ref: str
    label: str


class AgendaOut(BaseModel):
    speerpunten: list[SpeerpuntOut]
    questions: list[QuestionOut]
    texts: list[AgendaTextOut] = Field(description="The current version of every text.")
    evidence: list[EvidenceOut]


class TextDiffOut(BaseModel):
    before_version: int | None
    after_version: int | None
    ops: list[tuple[str, str]] = Field(description="Runs of equal / delete / insert words.")


class StatusChangeOut(BaseModel):
    before: str
    after: str
    by: int | None
    by_name: str | None = Field(description="Who changed it: the account's name, else e-mail.")
    at: str
    note: str

    @classmethod
    def of(cls, c: StatusChange, names: Mapping[int, str]) -> StatusChangeOut:
        return cls(
            before=c.before, after=c.after, by=c.by or None, by_name=names.get(c.by),
            at=c.at.isoformat(), note=c.note,
        )  # fmt: skip


class InitiativeOut(BaseModel):
    key: str
    name: str
    kind: str
    speerpunten: list[str]
    lead: str
    partners: list[str]
    status: str
    funding: list[str]
    integrated: bool
    budget_cents: int | None
    start: date | None
    end: date | None
    areas: list[str]
    municipalities: list[str]
    indicators: list[str]
    targets: list[str]
    notes: str

    @classmethod
    def of(cls, i: Initiative) -> InitiativeOut:
        return cls(
            key=i.key, name=i.name, kind=i.kind, speerpunten=list(i.speerpunten), lead=i.lead,
            partners=list(i.partners), status=i.status, funding=list(i.funding),
            integrated=i.integrated, budget_cents=i.budget_cents, start=i.start, end=i.end,
            areas=list(i.areas), municipalities=sorted(i.municipalities()),
            indicators=list(i.indicators), targets=list(i.targets), notes=i.notes,
        )  # fmt: skip


class InitiativeDetail(InitiativeOut):
    revision: int = Field(description="Raised by every change; send it as expected_revision.")
    status_history: list[StatusChangeOut]


class OutcomeTargetOut(BaseModel):
    key: str
    indicator: str
    version: int
    value: float
    direction: str
    target_date: date
    agreed_at: date
    agreed_by: str
    note: str

    @classmethod
    def of(cls, t: OutcomeTarget) -> OutcomeTargetOut:
        return cls(
            key=t.key, indicator=t.indicator, version=t.version, value=t.value,
            direction=t.direction, target_date=t.target_date, agreed_at=t.agreed_at,
            agreed_by=t.agreed_by, note=t.note,
        )  # fmt: skip


class ProgressOut(BaseModel):
    version: int
    baseline: float | None
    baseline_date: date | None
    latest: float | None
    latest_date: date | None
    remaining: float | None
    achieved_share: float | None
    expected: float | None
    reached: bool | None
    on_track: bool | None

    @classmethod
    def of(cls, p: Progress) -> ProgressOut:
        return cls(
            version=p.target.version, baseline=p.baseline, baseline_date=p.baseline_date,
            latest=p.latest, latest_date=p.latest_date, remaining=p.remaining,
            achieved_share=p.achieved_share, expected=p.expected, reached=p.reached,
            on_track=p.on_track,
        )  # fmt: skip


class TargetProgressOut(BaseModel):
    key: str
    in_force: int | None = Field(description="The version in force today.")
    versions: list[OutcomeTargetOut]
    progress: list[ProgressOut] = Field(description="Progress against every version.")


class ReviewSummaryOut(BaseModel):
    key: str
    title: str
    held_on: date
    closed: bool
    closed_at: str | None


class ReviewOut(BaseModel):
    """A review's snapshot as stored (schema ``ggzregio-review/1``)."""

    model_config = ConfigDict(extra="allow")
    schema_: str = Field(alias="schema")
    key: str
    region: str
    title: str
    held_on: str
    closed_at: str | None


class ComparisonOut(BaseModel):
    """What changed from one review to another (see docs/agenda.md)."""

    model_config = ConfigDict(extra="allow")
    before: str
    after: str
    empty: bool
    comparison: dict[str, Any]
