"""published facts (disclosure history)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 09:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "published_facts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("scope", sa.String(length=64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("members", sa.JSON(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("scope", "digest"),
    )
    with op.batch_alter_table("published_facts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_published_facts_scope"), ["scope"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("published_facts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_published_facts_scope"))
    op.drop_table("published_facts")
