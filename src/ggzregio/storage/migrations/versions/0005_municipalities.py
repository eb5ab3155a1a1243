"""municipalities of the division, and the division of each region

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "municipalities",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("region_code", sa.String(length=32), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["region_code"], ["regions.code"]),
        sa.PrimaryKeyConstraint("code"),
    )
    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_municipalities_region_code"), ["region_code"], unique=False
        )
    with op.batch_alter_table("regions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("division", sa.String(length=200), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("regions", schema=None) as batch_op:
        batch_op.drop_column("division")
    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_municipalities_region_code"))
    op.drop_table("municipalities")
