"""Reading and writing the agenda's stored state as the core's types (:mod:`ggzregio.agenda`).

Texts and targets are appended, never updated; initiatives are updated in place with every
changed field in ``edit_history``; a review's snapshot is replaced while the review is open and
never after it is closed (:class:`ClosedReviewError`). An update of an initiative or a review
first claims its row: ``UPDATE … SET revision = seen + 1 WHERE revision = seen`` (and, for a
review, ``closed_at IS NULL``), with ``seen`` the revision the caller read. The claim locks the
row until the transaction ends, so of two concurrent writers the second finds the row changed
(:class:`ChangedMeanwhileError`, or :class:`ClosedReviewError` with the stored closing time)
instead of overwriting the first. Callers run these inside one transaction and write the audit
entry (:func:`ggzregio.storage.repository.audit`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, select, update
from sqlalchemy.orm import Session

from ggzregio.agenda import (
    AgendaText,
    EvidenceLink,
    Initiative,
    OutcomeTarget,
    ReviewSnapshot,
    Speerpunt,
    StatusChange,
    municipality_of,
)
from ggzregio.agenda.targets import Direction
from ggzregio.storage.agenda_models import (
    AgendaEvidenceRecord,
    AgendaSpeerpunt,
    AgendaTextRecord,
    InitiativeArea,
    InitiativeRecord,
    InitiativeSpeerpunt,
    OutcomeTargetRecord,
    ReviewRecord,
    StatusChangeRecord,
)
from ggzregio.storage.models import Area, Municipality, User, aware, now
from ggzregio.storage.repository import record_edits


class ClosedReviewError(Exception):
    """An update of a stored review that is closed (the storage's own guard); ``closed_at``
    is the stored closing time."""

    def __init__(self, key: str, closed_at: datetime) -> None:
        super().__init__(key)
        self.closed_at = closed_at


class ChangedMeanwhileError(Exception):
    """The stored row's revision is no longer the one the writer read: someone else changed
    it meanwhile (a stale copy is never written)."""


Claimed = type[InitiativeRecord] | type[ReviewRecord]


def _claim(
    db: Session, model: Claimed, row_id: int, seen: int, *where: ColumnElement[bool]
) -> bool:
    """Raise the row's revision from ``seen`` (locking it to the end of the transaction);
    ``False`` when the row has another revision or fails ``where``."""
    statement = (
        update(model)
        .where(model.id == row_id, model.revision == seen, *where)
        .values(revision=seen + 1)
        .execution_options(synchronize_session=False)
    )
    return cast(CursorResult[Any], db.execute(statement)).rowcount == 1


# --- speerpunten ------------------------------------------------------------------------------


def speerpunt_rows(db: Session, region: str) -> list[AgendaSpeerpunt]:
    query = select(AgendaSpeerpunt).where(AgendaSpeerpunt.region_code == region)
    return list(db.scalars(query.order_by(AgendaSpeerpunt.key)))


def own_speerpunten(db: Session, region: str) -> list[Speerpunt]:
    """The region's own speerpunten (not the five of the agenda)."""
    return [
        Speerpunt(r.key, r.nl, r.en, "region", r.priority, r.description_nl, r.description_en)
        for r in speerpunt_rows(db, region)
        if r.source == "region"
    ]


def priorities(db: Session, region: str) -> dict[str, int | None]:
    return {r.key: r.priority for r in speerpunt_rows(db, region)}


def save_speerpunt(
    db: Session, region: str, item: Speerpunt, source: str, user_id: int | None
) -> None:
    """Insert or update the region's row of speerpunt ``item.key`` (edits recorded)."""
    query = select(AgendaSpeerpunt).where(
        AgendaSpeerpunt.region_code == region, AgendaSpeerpunt.key == item.key
    )
    row = db.scalar(query)
    fields = {
        "nl": item.nl,
        "en": item.en,
        "description_nl": item.description_nl,
        "description_en": item.description_en,
        "source": source,
        "priority": item.priority,
    }
    old: dict[str, object] = {}
    if row is None:
        row = AgendaSpeerpunt(region_code=region, key=item.key, created_by=user_id)
        db.add(row)
    else:
        old = {k: getattr(row, k) for k in fields}
    record_edits(db, user_id, region, "speerpunt", f"{region}/{item.key}", old, fields)
    for name, value in fields.items():
        setattr(row, name, value)
    db.flush()


# --- who and where ----------------------------------------------------------------------------


def region_places(db: Session, region: str) -> set[str]:
    """The codes of the region's municipalities and areas (and the municipalities its area
    table names): where an initiative of the region can run."""
    municipalities = select(Municipality.code).where(Municipality.region_code == region)
    areas = select(Area.area_code, Area.municipality_code).where(Area.region_code == region)
    found = set(db.scalars(municipalities))
    for area, municipality in db.execute(areas):
        found.update(c for c in (area, municipality) if c)
    return found


def area_municipalities(db: Session, region: str) -> dict[str, str]:
    """The municipality of each area of the region's area table (a postcode area names its
    municipality only there)."""
    query = select(Area.area_code, Area.municipality_code).where(Area.region_code == region)
    return {str(area): str(municipality) for area, municipality in db.execute(query).all()}


def municipality_choices(db: Session, region: str) -> list[tuple[str, str]]:
    """(code, name) of the region's municipalities (else those its area table names)."""
    query = select(Municipality.code, Municipality.name).where(Municipality.region_code == region)
    known = [(c, n) for c, n in db.execute(query.order_by(Municipality.code))]
    if known:
        return known
    areas = select(Area.municipality_code, Area.municipality_name).where(Area.region_code == region)
    return sorted({(c, n) for c, n in db.execute(areas)})


def account_names(db: Session, ids: Sequence[int]) -> dict[int, str]:
    """The name of each account (its e-mail address when it has no name), for "who changed
    what" next to a version or status change."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    rows = db.execute(select(User.id, User.name, User.email).where(User.id.in_(wanted)))
    return {i: (name or "").strip() or email for i, name, email in rows}


# --- texts and evidence -----------------------------------------------------------------------


def _text(r: AgendaTextRecord) -> AgendaText:
    return AgendaText(r.speerpunt, r.question, r.text, r.version, r.author_id or 0, aware(r.at))


def texts(
    db: Session, region: str, speerpunt: str | None = None, question: str | None = None
) -> list[AgendaText]:
    """Every stored version (of one slot when given), oldest first."""
    query = select(AgendaTextRecord).where(AgendaTextRecord.region_code == region)
    if speerpunt is not None:
        query = query.where(AgendaTextRecord.speerpunt == speerpunt)
    if question is not None:
        query = query.where(AgendaTextRecord.question == question)
    order = (AgendaTextRecord.speerpunt, AgendaTextRecord.question, AgendaTextRecord.version)
    return [_text(r) for r in db.scalars(query.order_by(*order))]


def append_text(db: Session, region: str, text: AgendaText) -> None:
    """Append a version (a second writer of the same version fails on the unique key)."""
    db.add(
        AgendaTextRecord(
            region_code=region,
            speerpunt=text.speerpunt,
            question=text.question,
            version=text.version,
            text=text.text,
            author_id=text.author_id or None,
            at=text.at,
        )
    )
    db.flush()


def evidence(db: Session, region: str) -> dict[tuple[str, str], list[EvidenceLink]]:
    """Evidence links per (speerpunt, question)."""
    query = select(AgendaEvidenceRecord).where(AgendaEvidenceRecord.region_code == region)
    out: dict[tuple[str, str], list[EvidenceLink]] = {}
    for r in db.scalars(query.order_by(AgendaEvidenceRecord.id)):
        out.setdefault((r.speerpunt, r.question), []).append(EvidenceLink(r.kind, r.ref, r.label))
    return out


def add_evidence(
    db: Session, region: str, speerpunt: str, question: str, link: EvidenceLink, user: int | None
) -> None:
    db.add(
        AgendaEvidenceRecord(
            region_code=region,
            speerpunt=speerpunt,
            question=question,
            kind=link.kind,
            ref=link.ref,
            label=link.label,
            created_by=user,
        )
    )
    db.flush()


# --- initiatives ------------------------------------------------------------------------------


def _initiative(r: InitiativeRecord) -> Initiative:
    return Initiative(
        key=r.key,
        name=r.name,
        speerpunten=tuple(s.speerpunt for s in r.speerpunt_rows),
        lead=r.lead,
        status=r.status,
        funding=tuple(r.funding or ()),
        kind="proeftuin" if r.kind == "proeftuin" else "initiative",
        partners=tuple(r.partners or ()),
        areas=tuple(a.area_code for a in r.area_rows),
        integrated=r.integrated,
        budget_cents=r.budget_cents,
        start=r.start_date,
        end=r.end_date,
        indicators=tuple(r.indicators or ()),
        targets=tuple(r.targets or ()),
        notes=r.notes,
    )


def initiative_record(db: Session, region: str, key: str) -> InitiativeRecord | None:
    query = select(InitiativeRecord).where(
        InitiativeRecord.region_code == region, InitiativeRecord.key == key
    )
    return db.scalar(query)


def initiatives(db: Session, region: str) -> list[Initiative]:
    query = select(InitiativeRecord).where(InitiativeRecord.region_code == region)
    return [_initiative(r) for r in db.scalars(query.order_by(InitiativeRecord.key))]


def initiative(db: Session, region: str, key: str) -> Initiative | None:
    record = initiative_record(db, region, key)
    return None if record is None else _initiative(record)


def _fields(item: Initiative) -> dict[str, Any]:
    """The initiative's values as stored (and as compared for the edit history)."""
    return {
        "name": item.name,
        "kind": item.kind,
        "lead": item.lead,
        "partners": list(item.partners),
        "funding": list(item.funding),
        "integrated": item.integrated,
        "budget_cents": item.budget_cents,
        "start_date": item.start,
        "end_date": item.end,
        "status": item.status,
        "indicators": list(item.indicators),
        "targets": list(item.targets),
        "notes": item.notes,
    }


def _history_fields(item: Initiative) -> dict[str, object]:
    out: dict[str, object] = dict(_fields(item))
    for name in ("start_date", "end_date"):
        value = out[name]
        out[name] = value.isoformat() if value is not None else None  # type: ignore[attr-defined]
    out["speerpunten"] = sorted(item.speerpunten)
    out["areas"] = sorted(item.areas)
    return out


def save_initiative(
    db: Session, region: str, item: Initiative, user_id: int | None, seen: int | None = None
) -> tuple[InitiativeRecord, int]:
    """Insert the initiative ``item.key`` (``seen`` is ``None``; a second one with the key
    fails on the unique key, also when written concurrently) or update it, claiming the row
    at revision ``seen``: :class:`ChangedMeanwhileError` when it has another one. Returns the
    record and the number of changed values (each in the edit history)."""
    record = None if seen is None else initiative_record(db, region, item.key)
    old: dict[str, object] = {}
    if seen is None:
        record = InitiativeRecord(region_code=region, key=item.key, created_by=user_id, revision=0)
        db.add(record)
    else:
        if record is None or not _claim(db, InitiativeRecord, record.id, seen):
            raise ChangedMeanwhileError(f"{region}/{item.key}")
        record.revision = seen
        old = _history_fields(_initiative(record))
    changed = record_edits(
        db, user_id, region, "initiative", f"{region}/{item.key}", old, _history_fields(item)
    )
    for name, value in _fields(item).items():
        setattr(record, name, value)
    unique = dict.fromkeys(item.speerpunten)
    record.speerpunt_rows = [InitiativeSpeerpunt(speerpunt=s) for s in unique]
    record.area_rows = [
        InitiativeArea(area_code=a, municipality_code=municipality_of(a) or None)
        for a in dict.fromkeys(item.areas)
    ]
    record.revision = (record.revision or 0) + 1
    record.updated_at = now()
    db.flush()
    return record, changed


def add_status_change(db: Session, record: InitiativeRecord, change: StatusChange) -> None:
    db.add(
        StatusChangeRecord(
            initiative_id=record.id,
            before=change.before,
            after=change.after,
            changed_by=change.by or None,
            at=change.at,
            note=change.note,
        )
    )
    db.flush()


def status_changes(db: Session, region: str, key: str | None = None) -> list[StatusChange]:
    """The status changes of the region's initiatives (of one when given), oldest first."""
    query = (
        select(StatusChangeRecord, InitiativeRecord.key)
        .join(InitiativeRecord, InitiativeRecord.id == StatusChangeRecord.initiative_id)
        .where(InitiativeRecord.region_code == region)
    )
    if key is not None:
        query = query.where(InitiativeRecord.key == key)
    rows = db.execute(query.order_by(StatusChangeRecord.id)).all()
    return [
        StatusChange(k, r.before, r.after, r.changed_by or 0, aware(r.at), r.note) for r, k in rows
    ]


# --- targets ----------------------------------------------------------------------------------


def _target(r: OutcomeTargetRecord) -> OutcomeTarget:
    direction: Direction = "at_most" if r.direction == "at_most" else "at_least"
    return OutcomeTarget(
        r.key, r.indicator, r.value, direction, r.target_date, r.agreed_at, r.agreed_by,
        r.version, r.note,
    )  # fmt: skip


def targets(db: Session, region: str, key: str | None = None) -> list[OutcomeTarget]:
    """Every version of the region's targets (of one when given), by key and version."""
    query = select(OutcomeTargetRecord).where(OutcomeTargetRecord.region_code == region)
    if key is not None:
        query = query.where(OutcomeTargetRecord.key == key)
    order = (OutcomeTargetRecord.key, OutcomeTargetRecord.version)
    return [_target(r) for r in db.scalars(query.order_by(*order))]


def append_target(db: Session, region: str, target: OutcomeTarget, user_id: int | None) -> None:
    db.add(
        OutcomeTargetRecord(
            region_code=region,
            key=target.key,
            indicator=target.indicator,
            value=target.value,
            direction=target.direction,
            target_date=target.target_date,
            agreed_at=target.agreed_at,
            agreed_by=target.agreed_by,
            version=target.version,
            note=target.note,
            created_by=user_id,
        )
    )
    db.flush()


# --- reviews ----------------------------------------------------------------------------------


def review_record(db: Session, region: str, key: str) -> ReviewRecord | None:
    query = select(ReviewRecord).where(ReviewRecord.region_code == region, ReviewRecord.key == key)
    return db.scalar(query)


def review_records(db: Session, region: str) -> list[ReviewRecord]:
    query = select(ReviewRecord).where(ReviewRecord.region_code == region)
    return list(db.scalars(query.order_by(ReviewRecord.held_on, ReviewRecord.id)))


def snapshot(record: ReviewRecord) -> ReviewSnapshot:
    return ReviewSnapshot.from_dict(record.snapshot)


def save_review(
    db: Session, region: str, review: ReviewSnapshot, user_id: int | None, seen: int | None = None
) -> ReviewRecord:
    """Insert the review (``seen`` is ``None``; a second one with the key fails on the unique
    key, also when written concurrently) or replace the snapshot of an open one, claimed at
    revision ``seen``. A closed stored review is never changed (:class:`ClosedReviewError`,
    with the stored closing time); one changed since ``seen`` is
    :class:`ChangedMeanwhileError`."""
    record = None if seen is None else review_record(db, region, review.key)
    if seen is None:
        record = ReviewRecord(region_code=region, key=review.key, created_by=user_id, revision=0)
        db.add(record)
    else:
        if record is None:
            raise ChangedMeanwhileError(f"{region}/{review.key}")
        if not _claim(db, ReviewRecord, record.id, seen, ReviewRecord.closed_at.is_(None)):
            stored = select(ReviewRecord.closed_at).where(ReviewRecord.id == record.id)
            closed = db.scalar(stored)  # as committed, not the copy in memory
            if closed is not None:
                raise ClosedReviewError(f"{region}/{review.key}", aware(closed))
            raise ChangedMeanwhileError(f"{region}/{review.key}")
        record.revision = seen
    record.title = review.title
    record.held_on = review.held_on
    record.snapshot = review.to_dict()
    record.closed_at = review.closed_at
    record.closed_by = review.closed_by
    record.revision = (record.revision or 0) + 1
    record.updated_at = now()
    db.flush()
    return record


def closed_at(record: ReviewRecord) -> datetime | None:
    return None if record.closed_at is None else aware(record.closed_at)


def latest_closed(records: Sequence[ReviewRecord]) -> ReviewRecord | None:
    closed = [r for r in records if r.closed_at is not None]
    return closed[-1] if closed else None
