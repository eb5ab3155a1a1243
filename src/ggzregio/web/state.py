"""Application state: database, settings and caches of derived results.

Derived results (estimates, comparisons, monitor data) are cached per *revision*: a region's
revision changes when its areas or observed counts are replaced, the monitor revision when
monitor values change, so every worker process sees fresh results after an import.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fastapi import Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from ggzregio.privacy import DEFAULT_THRESHOLD
from ggzregio.web.cache import FastResponses, RevisionMemo

T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    """What the server was started with."""

    database_url: str
    secure_cookies: bool = True
    threshold: int = DEFAULT_THRESHOLD
    page_size: int = 50
    max_page_size: int = 500
    max_upload_bytes: int = 20 * 1024 * 1024


@dataclass
class AppState:
    engine: Engine
    factory: sessionmaker[Session]
    settings: Settings
    _cache: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _building: dict[tuple[Any, ...], threading.Lock] = field(default_factory=dict)
    fast: FastResponses = field(default_factory=FastResponses)
    revision: RevisionMemo = field(init=False)

    def __post_init__(self) -> None:
        self.revision = RevisionMemo(self.engine)

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
                if len(self._cache) > 512:
                    self._cache.clear()
                self._cache[key] = value
                self._building.pop(key, None)
        return value


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.ggzregio
    return state
