"""Heavy work off the request loop, with a bounded queue.

Parsing an upload, hashing a password or converting boundaries can take seconds; run on the
event loop it would stall every other request (``/healthz`` included). :func:`off_loop` runs
such work in a worker thread, at most :data:`HEAVY_WORKERS` at a time per process, with up to
:data:`MAX_WAITING` more waiting; beyond that the request is refused at once with 503 and
``Retry-After`` (:class:`~ggzregio.app.errors.BusyError`) instead of piling up. The counters
are threading primitives, so they hold whatever event loop serves the request."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Final, ParamSpec, TypeVar

from starlette.concurrency import run_in_threadpool

from ggzregio.app.errors import BusyError

P = ParamSpec("P")
T = TypeVar("T")
#: Heavy tasks running at once per server process (the machine has 2 cores).
HEAVY_WORKERS: Final = 2
#: Heavy tasks waiting for a worker before new ones are refused.
MAX_WAITING: Final = 16
_SLOTS: Final = threading.BoundedSemaphore(HEAVY_WORKERS + MAX_WAITING)
_WORKERS: Final = threading.Semaphore(HEAVY_WORKERS)


async def off_loop(work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``work(*args, **kwargs)`` in a worker thread (see the module); 503 when the queue is
    full."""
    if not _SLOTS.acquire(blocking=False):
        raise BusyError("busy", "heavy work queue full")

    def run() -> T:
        with _WORKERS:
            return work(*args, **kwargs)

    try:
        return await run_in_threadpool(run)
    finally:
        _SLOTS.release()
