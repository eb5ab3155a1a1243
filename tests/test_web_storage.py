"""Storage: the Alembic migrations build exactly the models' schema on SQLite and PostgreSQL,
transactions roll back as a whole, and the CLI manages the database and accounts."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, select

from ggzregio.storage.database import (
    alembic_config,
    current_revision,
    make_engine,
    session_factory,
    transaction,
    upgrade,
)
from ggzregio.storage.models import Base, Region
from ggzregio.storage.users import authenticate, create_user
from tests.conftest import invoke
from tests.web_support import BACKENDS, Database, new_database


@pytest.fixture(params=BACKENDS)
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    yield from new_database(request.param, tmp_path)


def test_migrations_build_the_models_schema(fresh: Database) -> None:
    engine = make_engine(fresh.url)
    assert current_revision(engine) is None
    upgrade(engine)
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    # 0001 initial schema, 0002 simulation jobs, 0003 published facts, 0004 scenario data,
    # 0005 municipalities and divisions, 0006 one-time password links, 0007 pending imports,
    # 0008 job heartbeat, 0009 account life cycle, 0010 agenda, 0011 neighbourhood load
    assert head == "0011"
    assert current_revision(engine) == head
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == []


def test_scenarios_stored_as_toml_become_structured_data(fresh: Database) -> None:
    """Migration 0004 turns every stored TOML text into the same document, and back."""
    import sqlalchemy as sa

    from ggzregio.planning.scenario_file import norm_set_data, norm_set_text

    engine = make_engine(fresh.url)
    upgrade(engine, "0003")
    text = norm_set_text("voorbeeldregio-1")[0]
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO scenarios (name, toml, private, version, updated_at)"
                " VALUES (:n, :t, :p, 1, CURRENT_TIMESTAMP)"
            ),
            {"n": "voorbeeldregio-1", "t": text, "p": False},
        )
    upgrade(engine)
    with engine.connect() as connection:
        data = connection.execute(sa.select(sa.column("data")).select_from(sa.table("scenarios")))
        stored = data.scalar_one()
    if isinstance(stored, str):  # SQLite hands JSON back as text
        stored = json.loads(stored)
    assert stored == norm_set_data("voorbeeldregio-1")
    from alembic import command

    command.downgrade(alembic_config(engine), "0003")  # and down: the TOML holds the same
    with engine.connect() as connection:
        back = connection.execute(sa.text("SELECT toml FROM scenarios")).scalar_one()
    engine.dispose()
    assert tomllib.loads(back) == tomllib.loads(text)


def test_a_failed_transaction_changes_nothing(fresh: Database) -> None:
    engine = make_engine(fresh.url)
    upgrade(engine)
    factory = session_factory(engine)

    def half_way() -> None:
        with transaction(factory) as db:
            db.add(Region(code="R1", name="Een"))
            db.flush()
            raise RuntimeError("half way")

    with pytest.raises(RuntimeError):
        half_way()
    with factory() as db:
        assert db.scalar(select(func.count()).select_from(Region)) == 0
    engine.dispose()


def test_passwords_are_argon2_and_verified(fresh: Database) -> None:
    engine = make_engine(fresh.url)
    upgrade(engine)
    factory = session_factory(engine)
    with transaction(factory) as db:
        user = create_user(db, "Iemand@Voorbeeld.nl", "een-lang-wachtwoord")
        assert user.password_hash.startswith("$argon2id$")
        assert user.email == "iemand@voorbeeld.nl"
    with transaction(factory) as db:
        assert authenticate(db, "iemand@voorbeeld.nl", "een-lang-wachtwoord", "t") is not None
        assert authenticate(db, "iemand@voorbeeld.nl", "fout-wachtwoord", "t") is None
    engine.dispose()


def test_cli_db_and_users(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    code, output = invoke("db", "upgrade", "--database-url", url)
    assert code == 0
    assert "0011" in output
    code, output = invoke(
        "users", "add", "a@voorbeeld.nl", "--password", "kort", "--database-url", url
    )
    assert code == 2
    assert "10 tekens" in output
    code, output = invoke(
        "users",
        "add",
        "a@voorbeeld.nl",
        "--password",
        "lang-genoeg-wachtwoord",
        "--database-url",
        url,
    )
    assert code == 0, output
    code, output = invoke("users", "token", "a@voorbeeld.nl", "--database-url", url)
    assert code == 0
    assert output.strip().startswith("ggz_")
    code, output = invoke(
        "users", "role", "a@voorbeeld.nl", "RG99", "editor", "--database-url", url
    )
    assert code == 2
    assert "RG99" in output
