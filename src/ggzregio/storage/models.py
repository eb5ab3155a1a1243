"""SQLAlchemy 2 models: the web application's persistent state.

Reference data (regions, areas, boundaries, observed counts, monitor values), user work
(scenarios, inventories) and access control (users, memberships, tokens, sessions) plus the two
trails that make sure nothing is lost: ``edit_history`` (who changed which value from what to
what) and ``audit_log`` (sign-ins and changes). The schema is created by Alembic migrations
(:mod:`ggzregio.storage.migrations`), never by ``create_all`` outside tests of the models.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def now() -> datetime:
    """The current time in UTC (stored timezone-aware)."""
    return datetime.now(UTC)


def aware(value: datetime) -> datetime:
    """A stored moment as UTC: SQLite returns naive datetimes (they were stored in UTC)."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """Declarative base of every model."""


class Region(Base):
    __tablename__ = "regions"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    inhabitants: Mapped[int | None] = mapped_column(Integer)
    data_version: Mapped[str] = mapped_column(String(200), default="")
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Raised whenever the region's areas or observed counts change (cache key).
    revision: Mapped[int] = mapped_column(Integer, default=1)
    #: The division the region belongs to: ``nl-2024:ggd``, ``custom:<file>``, ``demo``.
    division: Mapped[str] = mapped_column(String(200), default="")


class Municipality(Base):
    """A municipality of the instance's division, and the region it belongs to."""

    __tablename__ = "municipalities"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), index=True)
    #: Where the municipality and its assignment come from (geography, lookup file).
    source: Mapped[str] = mapped_column(String(300), default="")


class Area(Base):
    """One row of the canonical area table (issue 2) for a region."""

    __tablename__ = "areas"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    area_code: Mapped[str] = mapped_column(String(32), unique=True)
    area_name: Mapped[str] = mapped_column(String(200), default="")
    municipality_code: Mapped[str] = mapped_column(String(32), default="")
    municipality_name: Mapped[str] = mapped_column(String(200), default="")
    inhabitants: Mapped[float | None] = mapped_column(Float)
    adults: Mapped[float] = mapped_column(Float)
    oad: Mapped[float | None] = mapped_column(Float)
    urbanity_class: Mapped[int | None] = mapped_column(Integer)
    pct_single_households: Mapped[float] = mapped_column(Float)
    pct_wwb: Mapped[float] = mapped_column(Float)
    pct_ao: Mapped[float] = mapped_column(Float)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ObservedCount(Base):
    """Observed EPA care count of an area (claims-based: sensitive)."""

    __tablename__ = "observed_counts"

    area_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    observed_cases: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(300), default="")


class Boundary(Base):
    """GeoJSON boundaries: of all regions (``level='region'``, no region), of the
    municipalities of one region (``level='municipality'``) or of its areas (``level='area'``)."""

    __tablename__ = "boundaries"
    __table_args__ = (UniqueConstraint("level", "region_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    level: Mapped[str] = mapped_column(String(16))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))
    geojson: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Scenario(Base):
    """A norm set as structured data (the document of the norm-set schema, validated by
    :func:`ggzregio.planning.scenario_file.norm_set_from_data`; TOML is only its import and
    export format). Shipped ones have no region and are public; a region's own can be marked
    private."""

    __tablename__ = "scenarios"
    __table_args__ = (UniqueConstraint("region_code", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    private: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class InventoryRecord(Base):
    """A region's checklist for one year; ``entries`` maps row key to its values."""

    __tablename__ = "inventories"
    __table_args__ = (UniqueConstraint("region_code", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    inhabitants: Mapped[float | None] = mapped_column(Float)
    compiled_by: Mapped[str] = mapped_column(String(200), default="")
    source_file: Mapped[str] = mapped_column(String(300), default="")
    entries: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class MonitorValue(Base):
    """One indicator value of a region and year (tidy form of :mod:`ggzregio.monitor.data`)."""

    __tablename__ = "monitor_values"

    region_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32), default="")
    source: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(16), default="final")


class Counter(Base):
    """Named revision counters (``monitor``: raised when monitor values change)."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    national_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Membership(Base):
    """A user's role (viewer, editor, admin) in one region."""

    __tablename__ = "memberships"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))


class PendingImport(Base):
    """An upload read and checked but not yet confirmed (the preview of a CBS table); its
    areas are stored only on confirmation. Only the hash of its token is kept."""

    __tablename__ = "pending_imports"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    user_id: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(300), default="")
    data_version: Mapped[str] = mapped_column(String(200), default="")
    areas: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class PasswordLink(Base):
    """A one-time link to set a password (new members, resets); only its SHA-256 is stored."""

    __tablename__ = "password_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[int | None] = mapped_column(Integer)


class ApiToken(Base):
    """An API token; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: After this moment the token is refused (migration 0009 gave older tokens 90 days).
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SessionRecord(Base):
    """A browser session; the cookie holds a random token, the table its SHA-256."""

    __tablename__ = "sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LoginAttempt(Base):
    """A failed sign-in, for rate limiting (per account name and per client address)."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    client: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)


class KnownDevice(Base):
    """A browser that signed in to an account before (a random cookie, its SHA-256 here): it
    may sign in to that account while the account or address is throttled (OWASP's device
    cookies), until it fails too often itself."""

    __tablename__ = "known_devices"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    failures: Mapped[int] = mapped_column(Integer, default=0)


class AuditEntry(Base):
    """Sign-ins, sign-outs, failed sign-ins and every change."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(64))
    region_code: Mapped[str | None] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")
    client: Mapped[str] = mapped_column(String(64), default="")


class Edit(Base):
    """One changed value: entity, field, old and new value, who and when."""

    __tablename__ = "edit_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer)
    region_code: Mapped[str | None] = mapped_column(String(32), index=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_key: Mapped[str] = mapped_column(String(200))
    field: Mapped[str] = mapped_column(String(200))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


class SimulationJob(Base):
    """A simulation run as a background job: request, progress and result (JSON)."""

    __tablename__ = "simulation_jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    #: Written while the job runs; a running job without a recent one was left by a stopped
    #: server process (:mod:`ggzregio.app.jobs`).
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    request: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str] = mapped_column(Text, default="")


class PublishedFact(Base):
    """A fact an output published about protected counts (a visible cell as a sum over base
    counts, with each member's value at the time), remembered so that later outputs of the
    same data are audited against it (docs/privacy.md)."""

    __tablename__ = "published_facts"
    __table_args__ = (UniqueConstraint("scope", "digest"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    scope: Mapped[str] = mapped_column(String(64), index=True)
    #: The data revision of the output that first published it: an output of revision R is
    #: audited against the facts of earlier revisions (so every output of one revision, in any
    #: language or format, hides the same cells).
    revision: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))
    members: Mapped[list[Any]] = mapped_column(JSON)
    value: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


# The feature tables live in their own modules; importing them here puts them in
# ``Base.metadata`` wherever the models are used (migrations are compared against it).
from ggzregio.storage import agenda_models, neighbourhood_models  # noqa: E402, F401  isort: skip
