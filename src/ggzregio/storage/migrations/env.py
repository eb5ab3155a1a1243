"""Alembic environment: runs migrations on the engine passed in ``config.attributes``
(see :func:`ggzregio.storage.database.upgrade`) or on ``GGZREGIO_DATABASE_URL``."""

from __future__ import annotations

from alembic import context

from ggzregio.storage.database import make_engine
from ggzregio.storage.models import Base

config = context.config
engine = config.attributes.get("engine") or make_engine()

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
