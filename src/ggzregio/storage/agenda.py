"""Reading and writing the agenda's stored state as the core's types (:mod:`ggzregio.agenda`).

Texts and targets are appended, never updated; initiatives are updated in place with every
changed field in ``edit_history``; a review's snapshot is replaced while the review is open and
never after it is closed (:class:`ClosedReviewError`). Callers run these inside one
transaction and write the audit entry (:func:`ggzregio.storage.repository.audit`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
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
from ggzregio.storage.models import aware, now
from ggzregio.storage.repository import record_edits


class ClosedReviewError(Exception):
    """An update of a stored review that is closed (the storage's own guard)."""


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
    db: Session, region: str, item: Initiative, user_id: int | None
) -> tuple[InitiativeRecord, int]:
    """Insert or update the initiative ``item.key``; returns the record and the number of
    changed values (each in the edit history)."""
    record = initiative_record(db, region, item.key)
    old: dict[str, object] = {}
    if record is None:
        record = InitiativeRecord(region_code=region, key=item.key, created_by=user_id, revision=0)
        db.add(record)
    else:
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
    db: Session, region: str, review: ReviewSnapshot, user_id: int | None
) -> ReviewRecord:
    """Insert the review or replace the snapshot of an open one; a closed stored review is
    never changed (:class:`ClosedReviewError`)."""
    record = review_record(db, region, review.key)
    if record is None:
        record = ReviewRecord(region_code=region, key=review.key, created_by=user_id, revision=0)
        db.add(record)
    elif record.closed_at is not None:
        raise ClosedReviewError(f"{region}/{review.key}")
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
