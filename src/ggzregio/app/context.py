"""What every use case works with: the database, the settings and the cache of derived
results, and who is acting.

Derived results (estimates, comparisons, monitor data) are cached per *revision*: a region's
revision changes when its areas or observed counts are replaced, the monitor revision when
monitor values change, so every worker process sees fresh results after an import. Results
hold codes and numbers, not text in a language, so one cached result serves every language.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from ggzregio.accounts import ANONYMOUS, Principal
from ggzregio.app.revision import RevisionMemo
from ggzregio.io.tables import limit
from ggzregio.monitor.coverage import DEFAULT_MIN_COVERAGE, check_min_coverage
from ggzregio.prevalence.model import ModelSpec, load_model
from ggzregio.privacy import DEFAULT_THRESHOLD

T = TypeVar("T")
#: Entries kept in the result cache before it is emptied (keys carry the data revision).
CACHE_ENTRIES = 512
#: The environment variable with the monitor's minimum coverage for national values.
MIN_COVERAGE_VARIABLE = "GGZREGIO_MIN_COVERAGE"


def min_coverage_from_env() -> float:
    """``GGZREGIO_MIN_COVERAGE`` (a share of the population, 0-1), else the default."""
    raw = os.environ.get(MIN_COVERAGE_VARIABLE, "").strip().replace(",", ".")  # 0,5 too
    if not raw:
        return DEFAULT_MIN_COVERAGE
    try:
        value = float(raw)
    except ValueError as exc:
        raise ValueError(f"{MIN_COVERAGE_VARIABLE}={raw!r} is not a share between 0 and 1") from exc
    return check_min_coverage(value)


def max_json_bytes_from_env() -> int:
    """``GGZREGIO_MAX_JSON_BYTES``, else 1 MiB: the largest JSON request body accepted."""
    return limit("MAX_JSON_BYTES", 1024 * 1024)


@dataclass(frozen=True)
class Settings:
    """What the application was started with."""

    database_url: str
    secure_cookies: bool = True
    threshold: int = DEFAULT_THRESHOLD
    page_size: int = 50
    max_page_size: int = 500
    max_upload_bytes: int = 20 * 1024 * 1024
    #: The largest JSON request body; larger ones are refused (413) while they arrive.
    max_json_bytes: int = field(default_factory=max_json_bytes_from_env)
    #: The monitor shows no national value where the reporting regions hold less than this
    #: share of the population (:mod:`ggzregio.monitor.coverage`).
    min_coverage: float = field(default_factory=min_coverage_from_env)

    def __post_init__(self) -> None:
        check_min_coverage(self.min_coverage)


@dataclass(frozen=True)
class Actor:
    """Who carries out a use case, and from where (for the audit log)."""

    principal: Principal = ANONYMOUS
    client: str = ""

    @property
    def user_id(self) -> int | None:
        return self.principal.user_id


@dataclass
class Context:
    """The database, settings and result cache of one running application."""

    engine: Engine
    factory: sessionmaker[Session]
    settings: Settings
    _cache: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _building: dict[tuple[Any, ...], threading.Lock] = field(default_factory=dict)
    revision: RevisionMemo = field(init=False)

    def __post_init__(self) -> None:
        self.revision = RevisionMemo(self.engine)

    @classmethod
    def open(cls, database_url: str | None = None, **settings: Any) -> Context:
        """A context on ``database_url`` (default: ``GGZREGIO_DATABASE_URL`` or the SQLite
        file of :func:`ggzregio.storage.database.default_url`)."""
        from ggzregio.storage.database import default_url, make_engine, session_factory

        url = database_url or default_url()
        engine = make_engine(url)
        return cls(engine, session_factory(engine), Settings(database_url=url, **settings))

    def model(self) -> ModelSpec:
        """The prevalence model the application uses."""
        return self.cached(("model",), load_model)

    def cached(self, key: tuple[Any, ...], build: Callable[[], T]) -> T:
        """The value for ``key``, built once (keys include the data revision). Concurrent
        requests for a missing key wait for the one that builds it instead of all building
        it (no stampede on a cold cache)."""
        with self._lock:
            if key in self._cache:
                return self._cache[key]  # type: ignore[no-any-return]
            building = self._building.setdefault(key, threading.Lock())
        with building:
            with self._lock:
                if key in self._cache:
                    return self._cache[key]  # type: ignore[no-any-return]
            try:
                value = build()
            except BaseException:
                with self._lock:
                    self._building.pop(key, None)
                raise
            with self._lock:
                if len(self._cache) > CACHE_ENTRIES:
                    self._cache.clear()
                self._cache[key] = value
                self._building.pop(key, None)
        return value
