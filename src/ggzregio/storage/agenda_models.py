"""SQLAlchemy models of the regiegroep's agenda (migration 0010, docs/agenda.md): the region's
speerpunten and priorities, versioned agenda texts and their evidence links, initiatives with
their speerpunten, areas and status changes, outcome targets and reviews (peilmomenten).

Agenda texts and outcome targets are append-only: a new version is a new row, numbered by the
core (:mod:`ggzregio.agenda`); the unique keys turn a concurrent write of the same version into
an integrity error the application reports as a conflict. A review row with ``closed_at`` set
is never updated again (:func:`ggzregio.storage.agenda.save_review` refuses it)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ggzregio.storage.models import Base, now


class AgendaSpeerpunt(Base):
    """A region's own speerpunt (``source="region"``) or the priority it gives one of the five
    of the inclusion agenda (``source="reference"``)."""

    __tablename__ = "agenda_speerpunten"
    __table_args__ = (UniqueConstraint("region_code", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    key: Mapped[str] = mapped_column(String(64))
    nl: Mapped[str] = mapped_column(String(200), default="")
    en: Mapped[str] = mapped_column(String(200), default="")
    description_nl: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(16), default="region")
    priority: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class AgendaTextRecord(Base):
    """One version of the text of a speerpunt and guiding question (append-only)."""

    __tablename__ = "agenda_texts"
    __table_args__ = (UniqueConstraint("region_code", "speerpunt", "question", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    speerpunt: Mapped[str] = mapped_column(String(64))
    question: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class AgendaEvidenceRecord(Base):
    """A link from an agenda text's slot to evidence ggzregio holds."""

    __tablename__ = "agenda_evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    speerpunt: Mapped[str] = mapped_column(String(64))
    question: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    ref: Mapped[str] = mapped_column(String(200))
    label: Mapped[str] = mapped_column(String(300), default="")
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class InitiativeRecord(Base):
    """An initiative or proeftuin of a region; ``revision`` counts its changes."""

    __tablename__ = "initiatives"
    __table_args__ = (UniqueConstraint("region_code", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16), default="initiative")
    lead: Mapped[str] = mapped_column(String(300), default="")
    partners: Mapped[list[Any]] = mapped_column(JSON, default=list)
    funding: Mapped[list[Any]] = mapped_column(JSON, default=list)
    integrated: Mapped[bool] = mapped_column(Boolean, default=False)
    budget_cents: Mapped[int | None] = mapped_column(BigInteger)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(32))
    indicators: Mapped[list[Any]] = mapped_column(JSON, default=list)
    targets: Mapped[list[Any]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)

    speerpunt_rows: Mapped[list[InitiativeSpeerpunt]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="InitiativeSpeerpunt.speerpunt"
    )
    area_rows: Mapped[list[InitiativeArea]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="InitiativeArea.area_code"
    )


class InitiativeSpeerpunt(Base):
    __tablename__ = "initiative_speerpunten"

    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id"), primary_key=True)
    speerpunt: Mapped[str] = mapped_column(String(64), primary_key=True)


class InitiativeArea(Base):
    """An area an initiative runs in, with its municipality (for the filter and the map)."""

    __tablename__ = "initiative_areas"

    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id"), primary_key=True)
    area_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    municipality_code: Mapped[str | None] = mapped_column(String(16), index=True)


class StatusChangeRecord(Base):
    __tablename__ = "initiative_status_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id"), index=True)
    before: Mapped[str] = mapped_column(String(32))
    after: Mapped[str] = mapped_column(String(32))
    changed_by: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    note: Mapped[str] = mapped_column(Text, default="")


class OutcomeTargetRecord(Base):
    """One version of an outcome target (append-only: a re-set is a new row)."""

    __tablename__ = "outcome_targets"
    __table_args__ = (UniqueConstraint("region_code", "key", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    key: Mapped[str] = mapped_column(String(64))
    indicator: Mapped[str] = mapped_column(String(64))
    value: Mapped[float] = mapped_column(Float)
    direction: Mapped[str] = mapped_column(String(16))
    target_date: Mapped[date] = mapped_column(Date)
    agreed_at: Mapped[date] = mapped_column(Date)
    agreed_by: Mapped[str] = mapped_column(String(300))
    version: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class ReviewRecord(Base):
    """A review (peilmoment): its frozen snapshot (``ReviewSnapshot.to_dict()``)."""

    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("region_code", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    key: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    held_on: Mapped[date] = mapped_column(Date)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by: Mapped[int | None] = mapped_column(Integer)
