"""Database URL, engine and session factory, and schema upgrades through Alembic.

The embedded default is a SQLite file (``var/ggzregio.db`` under the working directory, or
``GGZREGIO_DATABASE_URL``); PostgreSQL is used by giving a ``postgresql://`` URL (driven by
psycopg 3).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_PATH: Final = Path("var") / "ggzregio.db"
ENV_URL: Final = "GGZREGIO_DATABASE_URL"


def default_url() -> str:
    """``GGZREGIO_DATABASE_URL`` or the SQLite file ``var/ggzregio.db``."""
    return os.environ.get(ENV_URL) or f"sqlite:///{DEFAULT_PATH}"


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs given without a driver."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def is_sqlite(url: str) -> bool:
    return make_url(normalise_url(url)).get_backend_name() == "sqlite"


#: Connections kept open per process, those opened on demand above them, and the seconds a
#: request waits for one before it is refused. Set with the web server's threads
#: (:mod:`ggzregio.web.work`): 4 request threads, 2 heavy-work threads, 2 report threads and
#: the simulation worker, some holding two sessions at once (a check, then a transaction):
#: 20 is every thread's connection with room to spare, so a request waits for a connection
#: only when something holds one far too long. Two server processes on PostgreSQL use at
#: most 40 (its default ``max_connections`` is 100).
POOL_SIZE: Final = 10
POOL_OVERFLOW: Final = 10
POOL_TIMEOUT_S: Final = 5


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default :func:`default_url`); SQLite gets WAL, foreign keys and
    a busy timeout so the web server's threads can share the file."""
    url = normalise_url(url or default_url())
    parsed = make_url(url)
    kwargs: dict[str, Any] = {"future": True}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
    # A connection for every thread that may use one (see POOL_SIZE), so a request does not
    # queue for a connection; one that still cannot get one within POOL_TIMEOUT_S is
    # answered 503 (docs/web.md, "Concurrency and limits").
    in_memory = parsed.get_backend_name() == "sqlite" and (parsed.database or "") in (
        "",
        ":memory:",
    )
    if not in_memory:  # an in-memory database has one connection per thread, no pool to size
        kwargs.update(pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW, pool_timeout=POOL_TIMEOUT_S)
    engine = create_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session that commits at the end or rolls everything back on any error."""
    with factory() as session, session.begin():
        yield session


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", "ggzregio.storage:migrations")
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (default: the newest)."""
    command.upgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database, or None for an empty one."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def has_schema(engine: Engine) -> bool:
    return inspect(engine).has_table("alembic_version")
