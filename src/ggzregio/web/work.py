"""Bounded work per server process: request threads, requests in progress and heavy work off
the request loop, each with a limit that answers 503 with ``Retry-After`` instead of a queue
that grows (sized together with the database pool: :mod:`ggzregio.storage.database`).

- **Request threads** (:data:`REQUEST_THREADS`): the synchronous routes and dependencies run
  in AnyIO's thread pool, limited to this many at once (set when the application starts). On
  a 2-core machine more threads only take turns at the interpreter lock, and the event loop
  (``/healthz``, cached reads, writing answers) waits its turn behind every one of them.
- **Requests in progress** (:data:`MAX_IN_PROGRESS`): requests past the response cache (the
  cached fast path and ``/healthz`` are not counted) beyond this are refused at once
  (:func:`admit`), so waiting for a request thread is bounded too.
- **Heavy work** (:func:`off_loop`): parsing an upload, hashing a password or converting
  boundaries can take seconds; it runs in its own :data:`HEAVY_WORKERS` threads (not the
  request threads), with up to :data:`MAX_WAITING` more waiting; beyond that the request is
  refused at once (:class:`~ggzregio.app.errors.BusyError`). The counters are threading
  primitives, so they hold whatever event loop serves the request."""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Annotated, Final, ParamSpec, TypeVar

from fastapi import Depends, Request

from ggzregio.accounts import Principal
from ggzregio.app.errors import BusyError
from ggzregio.web.deps import Db
from ggzregio.web.security import Who

P = ParamSpec("P")
T = TypeVar("T")
#: Threads for synchronous routes per server process (AnyIO's default is 40).
REQUEST_THREADS: Final = 4
#: Requests past the response cache in progress per server process before new ones get 503.
MAX_IN_PROGRESS: Final = 64
#: Heavy tasks running at once per server process (the machine has 2 cores).
HEAVY_WORKERS: Final = 2
#: Heavy tasks waiting for a worker before new ones are refused.
MAX_WAITING: Final = 16
#: Paths never refused (the health check answers whatever the load).
UNCOUNTED: Final = frozenset({"/healthz"})
_SLOTS: Final = threading.BoundedSemaphore(HEAVY_WORKERS + MAX_WAITING)
_HEAVY: Final = ThreadPoolExecutor(HEAVY_WORKERS, thread_name_prefix="ggzregio-heavy")
_IN_PROGRESS: Final = threading.BoundedSemaphore(MAX_IN_PROGRESS)


def limit_request_threads() -> None:
    """Give the running event loop's thread pool :data:`REQUEST_THREADS` threads (called
    when the application starts, in its event loop)."""
    import anyio.to_thread

    anyio.to_thread.current_default_thread_limiter().total_tokens = REQUEST_THREADS


async def admit(request: Request) -> AsyncIterator[None]:
    """A dependency of every route: a place among :data:`MAX_IN_PROGRESS` requests in
    progress, or 503 at once."""
    if request.url.path in UNCOUNTED:
        yield
        return
    if not _IN_PROGRESS.acquire(blocking=False):
        raise BusyError("busy", "too many requests in progress")
    try:
        yield
    finally:
        _IN_PROGRESS.release()


async def off_loop(work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``work(*args, **kwargs)`` in a heavy-work thread (see the module), in the caller's
    context (language); 503 when the queue is full."""
    if not _SLOTS.acquire(blocking=False):
        raise BusyError("busy", "heavy work queue full")
    try:
        context = contextvars.copy_context()
        call = partial(context.run, partial(work, *args, **kwargs))
        return await asyncio.get_running_loop().run_in_executor(_HEAVY, call)
    finally:
        _SLOTS.release()


async def released(who: Who, db: Db) -> Principal:
    """Who is asking, with the request's database session closed: an ``async`` route that
    then awaits a body, heavy work or a report holds no connection meanwhile (the session
    connects again if the route uses it later)."""
    db.close()
    return who


#: The principal of the request for ``async`` routes (:func:`released`).
Caller = Annotated[Principal, Depends(released)]
