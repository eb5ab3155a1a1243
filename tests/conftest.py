"""Shared fixtures: the published model, small valid area tables and file writers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest

from ggzregio.i18n import set_language
from ggzregio.prevalence import ModelSpec, load_model

HEADER = (
    "area_code,area_name,municipality_code,region_code,inhabitants,adults,oad,"
    "pct_single_households,pct_wwb,pct_ao"
)


@pytest.fixture(scope="session")
def model() -> ModelSpec:
    return load_model("trimbos-2017")


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    """Every test starts in the default language (Dutch); afterwards the pooled database
    connections of the applications it made are closed."""
    set_language(None)
    yield
    from tests.web_support import close_connections

    close_connections()


def valid_rows() -> list[str]:
    return [
        "1011,Centrum,GM01,R1,5000,3917,1200,23.14,5.60,3.45",
        "1012,Oost,GM01,R1,4000,3000,2600,40.00,8.00,5.00",
        "2001,Dorp,GM02,R1,2000,1600,300,20.00,1.00,4.00",
        "3001,Stad,GM03,R2,9000,7000,3000,50.00,10.00,6.00",
    ]


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write CSV text (header + rows) to a file and return its path."""

    def write(
        rows: list[str] | None = None,
        header: str = HEADER,
        name: str = "areas.csv",
        encoding: str = "utf-8",
    ) -> Path:
        path = tmp_path / name
        lines = [header, *(valid_rows() if rows is None else rows)]
        path.write_text("\n".join(lines) + "\n", encoding=encoding)
        return path

    return write


@pytest.fixture
def areas_frame() -> pd.DataFrame:
    from io import StringIO

    return pd.read_csv(StringIO("\n".join([HEADER, *valid_rows()])), dtype={"area_code": str})


def invoke(*args: str) -> tuple[int, str]:
    """Run the ``ggzregio`` command line in-process; return exit code and output."""
    from typer.testing import CliRunner

    from ggzregio.cli import app

    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


# --- web application --------------------------------------------------------------------------


from tests.web_support import BACKENDS, Database, demo_database, new_database  # noqa: E402


@pytest.fixture(scope="session", params=BACKENDS)
def web_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """A database with the demo loaded, once per backend (SQLite; PostgreSQL when reachable)."""
    folder = tmp_path_factory.mktemp(f"web-{request.param}")
    for database in new_database(request.param, folder):
        demo_database(database.url)
        yield database
