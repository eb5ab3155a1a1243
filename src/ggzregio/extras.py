"""Optional parts of the toolkit (extras of the package) and a clear error when one is missing.

``pip install ggzregio`` gives the library and the file-based command line: prevalence,
planning, inventory, monitor, privacy, simulation, CBS data, region lookups, figures as
standalone HTML. The rest comes with an extra (``pip install 'ggzregio[web]'``, ``[all]``
for everything); a function that needs one imports it when called, through :func:`require`,
so that a missing extra is refused with the command to install it instead of a traceback.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Final

from ggzregio.errors import GgzregioError
from ggzregio.i18n import t

#: The extra that brings each optional top-level module (pyproject.toml
#: ``[project.optional-dependencies]``; tests/test_packaging.py keeps the two in step).
EXTRAS: Final[dict[str, str]] = {
    "fastapi": "web",
    "starlette": "web",
    "uvicorn": "web",
    "jinja2": "web",
    "multipart": "web",
    "sqlalchemy": "db",
    "alembic": "db",
    "argon2": "db",
    "psycopg": "postgres",
    "ibis": "claims",
    "duckdb": "claims",
    "pyspark": "spark",
    "numba": "simulation",
    "shapely": "geo",
    "pyproj": "geo",
    "kaleido": "figures",
    "playwright": "figures",
    "cbsodata": "cbs",
}


class MissingExtraError(GgzregioError):
    """A command needs a package of an extra that is not installed."""

    def __init__(self, module: str, extra: str):
        self.module = module
        self.extra = extra
        super().__init__(t("extras.missing", module=module, extra=extra))


def require(module: str, extra: str | None = None) -> ModuleType:
    """Import ``module`` (of the extra ``extra``, default from :data:`EXTRAS`) or refuse with
    :class:`MissingExtraError` saying which extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(module, extra or EXTRAS[module.partition(".")[0]]) from exc


__all__ = ["EXTRAS", "MissingExtraError", "require"]
