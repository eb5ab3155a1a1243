"""The regiegroep's agenda (docs/agenda.md): speerpunten and their versioned texts with
evidence links, initiatives and proeftuinen, and outcome targets that are re-set. Reviews
(peilmomenten) are in :mod:`ggzregio.app.reviews`.

Viewers of a region read, editors write (the web checks the route's role; writes check it here
too). Client organisations in the regiegroep are ordinary members with a role. Every write is
one transaction with its audit entry (who, from where) and raises the ``agenda`` counter;
nothing entered is lost: texts and targets are appended, initiatives keep every changed value in
the edit history and every status change."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime
from typing import Any, Final

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ggzregio.agenda import (
    AgendaError,
    AgendaText,
    EvidenceLink,
    Initiative,
    OutcomeTarget,
    Progress,
    ReviewClosedError,
    Speerpunt,
    StatusChange,
    Term,
    TextDiff,
    add_version,
    agenda_reference,
    change_status,
    current_texts,
    diff_versions,
    filter_initiatives,
    outcome_indicators,
    progress_history,
    region_speerpunten,
    reset_target,
    target_in_force,
    validate_evidence,
    validate_initiative,
)
from ggzregio.agenda.problems import raise_if
from ggzregio.app import revision
from ggzregio.app.context import Actor, Context
from ggzregio.app.errors import ConflictError, ForbiddenError, InvalidRequestError, NotFoundError
from ggzregio.app.monitor import region_series
from ggzregio.app.regions import get_region
from ggzregio.storage import agenda as store
from ggzregio.storage import repository as repo
from ggzregio.storage.database import transaction

#: The counter every agenda write raises (part of the data revision, see docs/agenda.md).
AGENDA: Final = revision.AGENDA


class AgendaInputError(InvalidRequestError):
    """Agenda input refused by the core: every problem (field and rule) at once (422)."""

    def __init__(self, exc: AgendaError) -> None:
        self.problems = exc.problems
        text = "; ".join(p.message() for p in exc.problems)
        super().__init__("agenda.invalid", text, problems=text)


@contextmanager
def refused() -> Iterator[None]:
    """The core's refusals as application errors: a closed review is a conflict (409), any
    other rule broken is invalid input (422)."""
    try:
        yield
    except ReviewClosedError as exc:
        closed = dict(exc.problems[0].values)
        raise ConflictError("agenda.rule.review_closed", str(exc), **closed) from exc
    except AgendaError as exc:
        raise AgendaInputError(exc) from exc


def check_editor(actor: Actor, code: str) -> None:
    """Writes need an editor of the region (the web's guard checks the same)."""
    if not actor.principal.can(code, "editor"):
        raise ForbiddenError("forbidden", code)


def written(db: Session, actor: Actor, code: str, action: str, detail: str) -> None:
    """The audit entry of a write and the raised data revision (in the write's transaction)."""
    repo.audit(db, action, actor.user_id, code, detail, actor.client)
    repo.bump(db, AGENDA)


def moment() -> datetime:
    return datetime.now(UTC)


# --- speerpunten and texts --------------------------------------------------------------------


def speerpunten(db: Session, code: str) -> list[Speerpunt]:
    """The five of the inclusion agenda plus the region's own, by the region's priority."""
    get_region(db, code)
    return list(region_speerpunten(store.own_speerpunten(db, code), store.priorities(db, code)))


def questions() -> tuple[Term, ...]:
    """The five guiding questions per speerpunt (004:738-742)."""
    return agenda_reference().questions


@dataclass(frozen=True)
class AgendaOverview:
    """What the agenda grid shows: speerpunten × questions, the current texts and evidence."""

    speerpunten: list[Speerpunt]
    questions: tuple[Term, ...]
    current: dict[tuple[str, str], AgendaText]
    evidence: dict[tuple[str, str], list[EvidenceLink]]

    def text(self, speerpunt: str, question: str) -> AgendaText | None:
        return self.current.get((speerpunt, question))


def overview(db: Session, code: str) -> AgendaOverview:
    points = speerpunten(db, code)
    return AgendaOverview(
        points, questions(), current_texts(store.texts(db, code)), store.evidence(db, code)
    )


def _slot(db: Session, code: str, speerpunt: str, question: str) -> None:
    """A known speerpunt of the region and a guiding question, else :class:`NotFoundError`."""
    if speerpunt not in {s.key for s in speerpunten(db, code)}:
        raise NotFoundError("not_found", f"speerpunt {speerpunt}")
    if question not in agenda_reference().keys("questions"):
        raise NotFoundError("not_found", f"question {question}")


def text_versions(db: Session, code: str, speerpunt: str, question: str) -> list[AgendaText]:
    """Every version of one text, oldest first."""
    _slot(db, code, speerpunt, question)
    return store.texts(db, code, speerpunt, question)


def text_diff(
    db: Session, code: str, speerpunt: str, question: str, before: int, after: int
) -> TextDiff:
    """The word diff of two versions of one text (:class:`NotFoundError` for an unknown one)."""
    found = {v.version: v for v in text_versions(db, code, speerpunt, question)}
    if before not in found or after not in found:
        raise NotFoundError("not_found", f"version {before} or {after}")
    return diff_versions(found[before], found[after])


def write_text(
    ctx: Context,
    actor: Actor,
    code: str,
    speerpunt: str,
    question: str,
    text: str,
    expected: int | None = None,
) -> AgendaText:
    """Append the next version of a text. ``expected`` is the version the writer started from
    (0: none yet); a newer one stored meanwhile is a conflict, never a lost update."""
    check_editor(actor, code)
    try:
        with transaction(ctx.factory) as db:
            keys = [s.key for s in speerpunten(db, code)]
            history = store.texts(db, code, speerpunt, question)
            latest = history[-1].version if history else 0
            if expected is not None and expected != latest:
                raise ConflictError("agenda.stale", f"{speerpunt}/{question} v{latest}")
            with refused():
                new = _next_text(history, speerpunt, question, text, actor, keys)
            store.append_text(db, code, new)
            written(db, actor, code, "agenda.text", new.version_id)
    except IntegrityError as exc:
        raise ConflictError("agenda.stale", f"{speerpunt}/{question}") from exc
    return new


def _next_text(
    history: list[AgendaText],
    speerpunt: str,
    question: str,
    text: str,
    actor: Actor,
    keys: list[str],
) -> AgendaText:
    at = max([moment(), *(v.at for v in history)])
    return add_version(
        history,
        speerpunt=speerpunt,
        question=question,
        text=text,
        author_id=actor.user_id or 0,
        at=at,
        speerpunten=keys,
    )


def add_evidence(
    ctx: Context, actor: Actor, code: str, speerpunt: str, question: str, link: EvidenceLink
) -> None:
    """Link a text's slot to evidence (a monitor indicator, a target, the plan, the gap, the
    regiobeeld); indicator codes and target keys must exist."""
    check_editor(actor, code)
    with transaction(ctx.factory) as db:
        _slot(db, code, speerpunt, question)
        indicators = list(outcome_indicators())
        known = [t.key for t in store.targets(db, code)]
        with refused():
            raise_if(validate_evidence(link, indicators=indicators, targets=known))
        store.add_evidence(db, code, speerpunt, question, link, actor.user_id)
        written(db, actor, code, "agenda.evidence", f"{speerpunt}/{question} {link.kind}")


def save_speerpunt(ctx: Context, actor: Actor, code: str, item: Speerpunt) -> None:
    """Set the priority of one of the five, or add or change one of the region's own (a key
    of the five is refused for an own speerpunt by the core)."""
    check_editor(actor, code)
    reference = set(agenda_reference().keys("speerpunten"))
    with transaction(ctx.factory) as db:
        get_region(db, code)
        if item.key in reference:
            term = agenda_reference().term("speerpunten", item.key)
            assert term is not None
            item = Speerpunt(item.key, term.nl, term.en, "reference", item.priority)
            source = "reference"
        else:
            with refused():
                region_speerpunten([item], {})
            source = "region"
        store.save_speerpunt(db, code, item, source, actor.user_id)
        written(db, actor, code, "agenda.speerpunt", item.key)


# --- initiatives ------------------------------------------------------------------------------


def initiatives(
    db: Session,
    code: str,
    speerpunt: str | None = None,
    status: str | None = None,
    municipality: str | None = None,
) -> list[Initiative]:
    """The region's initiatives, filtered (a municipality matches its districts too)."""
    get_region(db, code)
    items = filter_initiatives(store.initiatives(db, code), speerpunt=speerpunt, status=status)
    if municipality:
        lookup = store.area_municipalities(db, code)
        items = [i for i in items if municipality in municipalities_of(i, lookup)]
    return items


def municipalities_of(item: Initiative, lookup: Mapping[str, str]) -> set[str]:
    """Where an initiative runs: the municipalities its codes name and those of its areas."""
    return set(item.municipalities()) | {lookup[a] for a in item.areas if a in lookup}


#: (code, name) of the region's municipalities, for the filter.
municipality_choices = store.municipality_choices


@dataclass(frozen=True)
class InitiativeMap:
    """How many initiatives run in each shape of the region's map (municipalities, else
    areas: an area counts an initiative in it or in its municipality)."""

    collection: dict[str, Any]
    counts: Mapping[str, float | None]


def initiative_map(db: Session, code: str, items: list[Initiative]) -> InitiativeMap | None:
    lookup = store.area_municipalities(db, code)
    where = [(set(i.areas), municipalities_of(i, lookup)) for i in items]
    shapes = repo.boundary(db, "municipality", code)
    if shapes is not None:
        counts = {m: float(sum(m in ms for _, ms in where)) for m in _codes(shapes)}
        return InitiativeMap(shapes, counts)
    shapes = repo.boundary(db, "area", code)
    if shapes is None:
        return None
    counts = {
        a: float(sum(a in areas or lookup.get(a) in ms for areas, ms in where))
        for a in _codes(shapes)
    }
    return InitiativeMap(shapes, counts)


def _codes(collection: Mapping[str, Any]) -> list[str]:
    return [str(f["properties"]["code"]) for f in collection.get("features", [])]


def initiative(db: Session, code: str, key: str) -> Initiative:
    get_region(db, code)
    found = store.initiative(db, code, key)
    if found is None:
        raise NotFoundError("not_found", f"initiative {key}")
    return found


def status_changes(db: Session, code: str, key: str | None = None) -> list[StatusChange]:
    get_region(db, code)
    return store.status_changes(db, code, key)


def _check_initiative(db: Session, code: str, item: Initiative) -> None:
    """The core's rules, with the region's speerpunten, targets and places (areas)."""
    keys = [s.key for s in speerpunten(db, code)]
    targets = {t.key for t in store.targets(db, code)}
    places = store.region_places(db, code)
    with refused():
        found = validate_initiative(
            item, speerpunten=keys, indicators=list(outcome_indicators()), targets=targets,
            areas=places,
        )  # fmt: skip
        raise_if(found)


def initiative_revision(db: Session, code: str, key: str) -> int:
    """The stored revision of an initiative (raised by every change): what a writer sends
    back as ``expected_revision``."""
    record = store.initiative_record(db, code, key)
    if record is None:
        raise NotFoundError("not_found", f"initiative {key}")
    return record.revision


def account_names(db: Session, ids: Sequence[int]) -> dict[int, str]:
    """Who wrote a version or changed a status: the account's name, else its e-mail."""
    return store.account_names(db, ids)


@contextmanager
def _claimed(key: str) -> Iterator[None]:
    """A row changed by someone else since it was read is a conflict (409)."""
    try:
        yield
    except store.ChangedMeanwhileError as exc:
        raise ConflictError("agenda.changed_meanwhile", key) from exc


#: The fields of an initiative a change may set (its key stays).
INITIATIVE_FIELDS: Final = frozenset(f.name for f in fields(Initiative)) - {"key"}


def create_initiative(ctx: Context, actor: Actor, code: str, item: Initiative) -> Initiative:
    """Store a new initiative (a key already used in the region is a conflict)."""
    check_editor(actor, code)
    try:
        with transaction(ctx.factory) as db:
            get_region(db, code)
            if store.initiative_record(db, code, item.key) is not None:
                raise ConflictError("agenda.key_taken", item.key, value=item.key)
            _check_initiative(db, code, item)
            store.save_initiative(db, code, item, actor.user_id)
            written(db, actor, code, "initiative.create", item.key)
    except IntegrityError as exc:
        raise ConflictError("agenda.key_taken", item.key, value=item.key) from exc
    return item


def update_initiative(
    ctx: Context,
    actor: Actor,
    code: str,
    key: str,
    changes: Mapping[str, Any],
    note: str = "",
    expected: int | None = None,
) -> tuple[Initiative, int]:
    """Change the given fields of an initiative (:data:`INITIATIVE_FIELDS`; any other keeps
    its stored value, its key stays); a changed status is also kept as a status change.
    ``expected`` is the revision the writer started from: another one stored (someone
    changed it meanwhile) is a conflict, as is a concurrent change. Returns the stored
    initiative and the number of values changed."""
    check_editor(actor, code)
    unknown = set(changes) - INITIATIVE_FIELDS
    if unknown:
        raise InvalidRequestError("invalid_input", ", ".join(sorted(unknown)))
    with transaction(ctx.factory) as db:
        record = store.initiative_record(db, code, key)
        if record is None:
            raise NotFoundError("not_found", f"initiative {key}")
        seen = record.revision
        if expected is not None and expected != seen:
            raise ConflictError("agenda.changed_meanwhile", f"{key} r{seen}")
        before = record.status
        stored = store.initiative(db, code, key)
        assert stored is not None
        item = replace(stored, **changes)
        _check_initiative(db, code, item)
        with _claimed(key):
            _, changed = store.save_initiative(db, code, item, actor.user_id, seen)
        if item.status != before:
            at = moment()
            change = StatusChange(key, before, item.status, actor.user_id or 0, at, note)
            store.add_status_change(db, record, change)
        written(db, actor, code, "initiative.update", f"{key}: {changed}")
    return item, changed


def set_status(
    ctx: Context, actor: Actor, code: str, key: str, status: str, note: str = ""
) -> StatusChange:
    """Record a status change (every change is allowed and kept; the same status is refused)."""
    check_editor(actor, code)
    with transaction(ctx.factory) as db:
        record = store.initiative_record(db, code, key)
        if record is None:
            raise NotFoundError("not_found", f"initiative {key}")
        seen = record.revision
        current = store.initiative(db, code, key)
        assert current is not None
        with refused():
            updated, change = change_status(
                current, status, by=actor.user_id or 0, at=moment(), note=note
            )
            _check_initiative(db, code, updated)
        with _claimed(key):  # two changes at once: one is refused, the history never stale
            store.save_initiative(db, code, updated, actor.user_id, seen)
        store.add_status_change(db, record, change)
        written(db, actor, code, "initiative.status", f"{key}: {change.before} → {change.after}")
    return change


# --- outcome targets --------------------------------------------------------------------------


def target_histories(db: Session, code: str) -> dict[str, tuple[OutcomeTarget, ...]]:
    """Every version of every target of the region, per key (oldest first)."""
    get_region(db, code)
    out: dict[str, list[OutcomeTarget]] = {}
    for target in store.targets(db, code):
        out.setdefault(target.key, []).append(target)
    return {k: tuple(v) for k, v in out.items()}


def set_target(ctx: Context, actor: Actor, code: str, target: OutcomeTarget) -> OutcomeTarget:
    """Agree a target, or re-set it: a new version; the earlier ones are kept."""
    check_editor(actor, code)
    try:
        with transaction(ctx.factory) as db:
            get_region(db, code)
            history = store.targets(db, code, target.key)
            with refused():
                new = reset_target(history, target)[-1]
            store.append_target(db, code, new, actor.user_id)
            written(db, actor, code, "target.set", f"{new.key} v{new.version}")
    except IntegrityError as exc:
        raise ConflictError("agenda.stale", target.key) from exc
    return new


def observation_date(year: int) -> date:
    """The date a yearly monitor value stands for: the end of its year."""
    return date(year, 12, 31)


def outcome_series(
    ctx: Context, db: Session, code: str, indicator: str
) -> dict[date, float | None]:
    """The region's (protected) monitor series of one indicator, by date."""
    frame = region_series(ctx, db, code, [indicator])
    out: dict[date, float | None] = {}
    for year, value in zip(frame["year"], frame["value"], strict=True):
        out[observation_date(int(year))] = None if value != value else float(value)  # NaN
    return out


@dataclass(frozen=True)
class TargetProgress:
    """A target's versions, the one in force on ``on`` and progress against each version."""

    key: str
    history: tuple[OutcomeTarget, ...]
    in_force: OutcomeTarget | None
    progress: tuple[Progress, ...]
    series: Mapping[date, float | None]

    def current(self) -> Progress | None:
        """Progress against the version in force."""
        if self.in_force is None:
            return None
        return next((p for p in self.progress if p.target == self.in_force), None)


def target_progress(
    ctx: Context, db: Session, code: str, on: date | None = None
) -> list[TargetProgress]:
    """Progress of every target against the version in force on ``on`` (default: today) and
    against the earlier versions, from the region's monitor series."""
    on = on or moment().date()
    out = []
    for key, history in target_histories(db, code).items():
        series = outcome_series(ctx, db, code, history[-1].indicator)
        progress = tuple(progress_history(series, history))
        out.append(TargetProgress(key, history, target_in_force(history, on), progress, series))
    return out
