"""Setting up an instance: the database schema and the synthetic demo."""

from __future__ import annotations

from ggzregio.app.context import Context
from ggzregio.storage.database import current_revision, upgrade


def schema_revision(ctx: Context) -> str | None:
    """The schema version of the database (None: not migrated)."""
    return current_revision(ctx.engine)


def upgrade_schema(ctx: Context) -> str | None:
    """Bring the schema to the newest version; returns it."""
    upgrade(ctx.engine)
    return current_revision(ctx.engine)


def load_demo(ctx: Context) -> bool:
    """Migrate and load the synthetic demo (regions, areas, accounts) unless present; True
    when it was loaded now."""
    from ggzregio.storage.demo import load_demo as load

    upgrade(ctx.engine)
    return load(ctx.factory)


def database_label(ctx: Context) -> str:
    """The database's address without its password."""
    return ctx.engine.url.render_as_string(hide_password=True)
