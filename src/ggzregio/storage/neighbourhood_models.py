"""SQLAlchemy models of the neighbourhood load (*draagkracht*, docs/neighbourhood.md;
migration 0011): the planned placements per area and year, the agreed ceilings per area, the
imported area indicators and the spreads adopted. Every row says who stored it and when; each
change is also in ``edit_history`` and ``audit_log`` (:mod:`ggzregio.storage.neighbourhood`).

Placements are counts of people (planning numbers, treated as sensitive): they are shown only
through the protected display of :func:`ggzregio.neighbourhood.display_tables`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ggzregio.storage.models import Base, now

#: Where a planned placement comes from.
ENTERED = "entered"
SPREAD = "spread"


class NeighbourhoodPlacement(Base):
    """Planned placements from sheltered housing and clinics into ordinary housing in one
    area and year: entered by the region, or from a spread it adopted."""

    __tablename__ = "neighbourhood_placements"
    __table_args__ = (UniqueConstraint("region_code", "area_code", "year", "source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    area_code: Mapped[str] = mapped_column(String(32))
    year: Mapped[int] = mapped_column(Integer)
    placements: Mapped[int] = mapped_column(Integer)
    #: ``entered`` or ``spread``
    source: Mapped[str] = mapped_column(String(16), default=ENTERED)
    updated_by: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class NeighbourhoodCeiling(Base):
    """The ceiling agreed for an area: a number of placements or a number per 1,000 adults."""

    __tablename__ = "neighbourhood_ceilings"
    __table_args__ = (UniqueConstraint("region_code", "area_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    area_code: Mapped[str] = mapped_column(String(32))
    #: ``placements`` or ``per_1000_adults``
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[float] = mapped_column(Float)
    agreed_on: Mapped[date | None] = mapped_column(Date)
    #: who agreed it (a municipality, the regiegroep), as the region wrote it
    agreed_by: Mapped[str] = mapped_column(String(200), default="")
    updated_by: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class AreaIndicator(Base):
    """An imported indicator value of an area (None: the source has no value)."""

    __tablename__ = "neighbourhood_indicators"
    __table_args__ = (UniqueConstraint("region_code", "area_code", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    area_code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(64))
    value: Mapped[float | None] = mapped_column(Float)
    source_file: Mapped[str] = mapped_column(String(300), default="")
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class NeighbourhoodSpread(Base):
    """A spread the region adopted for a year: how many placements, by which rule (its
    placements per area are the ``spread`` rows of :class:`NeighbourhoodPlacement`)."""

    __tablename__ = "neighbourhood_spreads"
    __table_args__ = (UniqueConstraint("region_code", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
