"""scenarios stored as structured data instead of TOML text

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 11:00:00
"""

from __future__ import annotations

import json
import tomllib

import sqlalchemy as sa
import tomli_w
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _scenarios() -> sa.TableClause:
    """The columns of ``scenarios`` this migration reads and writes."""
    columns = (sa.column("id", sa.Integer), sa.column("toml", sa.Text), sa.column("data", sa.JSON))
    return sa.table("scenarios", *columns)


def upgrade() -> None:
    with op.batch_alter_table("scenarios", schema=None) as batch_op:
        batch_op.add_column(sa.Column("data", sa.JSON(), nullable=True))
    bind = op.get_bind()
    scenarios = _scenarios()
    for row in bind.execute(sa.select(scenarios.c.id, scenarios.c.toml)).all():
        data = tomllib.loads(row.toml)
        # Through JSON, so dates and other TOML-only types become text like in new rows.
        data = json.loads(json.dumps(data, default=str))
        bind.execute(scenarios.update().where(scenarios.c.id == row.id).values(data=data))
    with op.batch_alter_table("scenarios", schema=None) as batch_op:
        batch_op.alter_column("data", existing_type=sa.JSON(), nullable=False)
        batch_op.drop_column("toml")


def downgrade() -> None:
    with op.batch_alter_table("scenarios", schema=None) as batch_op:
        batch_op.add_column(sa.Column("toml", sa.Text(), nullable=True))
    bind = op.get_bind()
    scenarios = _scenarios()
    for row in bind.execute(sa.select(scenarios.c.id, scenarios.c.data)).all():
        text = tomli_w.dumps(row.data)
        bind.execute(scenarios.update().where(scenarios.c.id == row.id).values(toml=text))
    with op.batch_alter_table("scenarios", schema=None) as batch_op:
        batch_op.alter_column("toml", existing_type=sa.Text(), nullable=False)
        batch_op.drop_column("data")
