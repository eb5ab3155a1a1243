"""uploads waiting for confirmation (previews)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pending_imports",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("region_code", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("data_version", sa.String(length=200), nullable=False),
        sa.Column("areas", sa.JSON(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["region_code"], ["regions.code"]),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    with op.batch_alter_table("pending_imports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pending_imports_region_code"), ["region_code"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("pending_imports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pending_imports_region_code"))
    op.drop_table("pending_imports")
