"""simulation jobs: heartbeat (the database is the job queue of every server process)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 14:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("simulation_jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_simulation_jobs_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("simulation_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_simulation_jobs_status"))
        batch_op.drop_column("heartbeat_at")
