"""Helpers for the web tests: databases (SQLite always, PostgreSQL when reachable), a loaded
demo per backend, clients, sign-in and tokens."""

from __future__ import annotations

import os
import re
import uuid
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from ggzregio.storage.database import make_engine, session_factory, transaction, upgrade
from ggzregio.storage.demo import DEMO_PASSWORD, load_demo
from ggzregio.storage.users import create_token, create_user, set_role, user_by_email
from ggzregio.web import create_app

PG_ADMIN_URL = os.environ.get("GGZREGIO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
EDITOR = "redacteur@demo.ggzregio.nl"  # editor of RG01
VIEWER = "lezer@demo.ggzregio.nl"  # viewer of RG02
ADMIN = "beheer@demo.ggzregio.nl"  # national admin
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, connect_timeout=2):
            return True
    except Exception:
        return False


PG_AVAILABLE = postgres_available()
SKIP_PG = pytest.mark.skipif(
    not PG_AVAILABLE,
    reason=f"PostgreSQL tests skipped: no server reachable at {PG_ADMIN_URL}",
)
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=SKIP_PG),
]


@dataclass
class Database:
    url: str
    backend: str


def new_database(backend: str, folder: Path) -> Iterator[Database]:
    """An empty database of ``backend`` (a fresh PostgreSQL database, dropped afterwards)."""
    if backend == "sqlite":
        yield Database(f"sqlite:///{folder / 'test.db'}", backend)
        return
    import psycopg

    name = f"ggzregio_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield Database(url, backend)
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def demo_database(url: str) -> None:
    """Schema at head and the demo loaded, plus one private scenario of RG02."""
    engine = make_engine(url)
    upgrade(engine)
    factory = session_factory(engine)
    load_demo(factory)
    engine.dispose()


#: Engines of the applications the tests made: their pooled connections are closed after each
#: test (a disposed engine opens new ones when used again), so none is left to the collector.
ENGINES: weakref.WeakSet[Engine] = weakref.WeakSet()


def client_for(url: str) -> TestClient:
    app = create_app(url)
    ENGINES.add(app.state.ggzregio.engine)
    return TestClient(app, base_url="https://testserver", follow_redirects=False)


def close_connections() -> None:
    """Close the pooled connections of every application the tests made."""
    for engine in list(ENGINES):
        engine.dispose()


def login(client: TestClient, email: str, password: str = DEMO_PASSWORD) -> None:
    page = client.get("/login")
    token = CSRF.search(page.text)
    assert token, "no CSRF token on the sign-in page"
    response = client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token.group(1), "next": "/"},
    )
    assert response.status_code == 303, response.text[:500]


def csrf_of(client: TestClient, path: str) -> str:
    found = CSRF.search(client.get(path).text)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def token_for(url: str, email: str) -> str:
    factory = session_factory(make_engine(url))
    with transaction(factory) as db:
        user = user_by_email(db, email)
        assert user is not None
        return create_token(db, user, "test")


def add_user(
    url: str, email: str, roles: dict[str, str], password: str = "geheim-wachtwoord"
) -> None:
    factory = session_factory(make_engine(url))
    with transaction(factory) as db:
        user = create_user(db, email, password)
        for region, role in roles.items():
            set_role(db, user, region, role)
