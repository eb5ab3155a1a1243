"""the regiegroep's agenda: speerpunten, texts, evidence, initiatives, targets, reviews

Texts and outcome targets are append-only (a new row per version); a review keeps a frozen
snapshot (JSON) and is immutable once ``closed_at`` is set (docs/agenda.md).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 16:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _created() -> list[sa.Column[object]]:
    """Who made a row and when (every agenda table)."""
    return [
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    ]


def _index(table: str, *columns: str, unique: bool = False) -> None:
    name = f"ix_{table}_{'_'.join(columns)}"
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(name), list(columns), unique=unique)


def upgrade() -> None:
    op.create_table(
        "agenda_speerpunten",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("region_code", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("nl", sa.String(length=200), nullable=False),
        sa.Column("en", sa.String(length=200), nullable=False),
        sa.Column("description_nl", sa.Text(), nullable=False),
        sa.Column("description_en", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=True),
        *_created(),
        sa.ForeignKeyConstraint(["region_code"], ["regions.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("region_code", "key"),
    )
    op.create_table(
        "agenda_texts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("region_code", sa.String(length=32), nullable=False),
        sa.Column("speerpunt", sa.String(length=64), nullable=False),
        sa.Column("question", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["region_code"], ["regions.code"]),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("region_code", "speerpunt", "question", "version"),
    )
    _index("agenda_texts", "region_code")
    op.create_table(
        "agenda_evidence",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("region_code", sa.String(length=32), nullable=False),
        sa.Column("speerpunt", sa.String(length=64), nullable=False),
        sa.Column("question", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("ref", sa.String(length=200), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        *_created(),
        sa.ForeignKeyConstraint(["region_code"], ["regions.code"]),
        sa.PrimaryKeyConstraint("id"),
    )
    _index("agenda_evidence", "region_code")
    op.create_table(
        "initiatives",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("region_code", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("lead", sa.String(length=300), nullable=False),
        sa.Column("partners", sa.JSON(), nullable=False),
        sa.Column("funding", sa.JSON(), nullable=False),
        sa.Column("integrated", sa.Boolean(), nullable=False),
        sa.Column("budget_cents", sa.BigInteger(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("indicators", sa.JSON(), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        *_created(),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["region_code"], ["regions.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("region_code", "key"),
    )
    op.create_table(
        "initiative_speerpunten",
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("speerpunt", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["initiative_id"], ["initiatives.id"]),
        sa.PrimaryKeyConstraint("initiative_id", "speerpunt"),
    )
    op.create_table(
        "initiative_areas",
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=16), nullable=False),
        sa.Column("municipality_code", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["initiative_id"], ["initiatives.id"]),
        sa.PrimaryKeyConstraint("initiative_id", "area_code"),
    )
    _index("initiative_areas", "municipality_code")
    op.create_table(
        "initiative_status_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("before", sa.String(length=32), nullable=False),
        sa.Column("after", sa.String(length=32), nullable=False),
        sa.Column("changed_by", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["initiative_id"], ["initiatives.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    _index("initiative_status_changes", "initiative_id")
    op.create_table(
        "outcome_targets",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("region_code", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("indicator", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("direction", sa.String(length=16), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=False),
        sa.Column("agreed_at", sa.Date(), nullable=False),
        sa.Column("agreed_by", sa.String(length=300), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_created(),
        sa.ForeignKeyConstraint(["region_code"], ["regions.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("region_code", "key", "version"),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("region_code", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        *_created(),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["region_code"], ["regions.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("region_code", "key"),
    )


def downgrade() -> None:
    op.drop_table("reviews")
    op.drop_table("outcome_targets")
    with op.batch_alter_table("initiative_status_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_initiative_status_changes_initiative_id"))
    op.drop_table("initiative_status_changes")
    with op.batch_alter_table("initiative_areas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_initiative_areas_municipality_code"))
    op.drop_table("initiative_areas")
    op.drop_table("initiative_speerpunten")
    op.drop_table("initiatives")
    with op.batch_alter_table("agenda_evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_evidence_region_code"))
    op.drop_table("agenda_evidence")
    with op.batch_alter_table("agenda_texts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_texts_region_code"))
    op.drop_table("agenda_texts")
    op.drop_table("agenda_speerpunten")
