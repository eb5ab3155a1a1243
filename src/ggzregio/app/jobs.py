"""Simulation jobs with the database as the queue, shared by every server process.

A job is a row of ``simulation_jobs``. Submitting checks two limits — :data:`PER_ACCOUNT`
unfinished jobs per account (429) and :data:`QUEUED` unfinished jobs in all (503) — and wakes
this process's worker. A worker thread claims the oldest queued job with one guarded
``UPDATE ... WHERE status = 'queued'`` (so two processes never run the same job), runs it and
writes a heartbeat with its progress. Whatever process starts next (or the worker's own idle
loop) finds running jobs whose heartbeat stopped more than :data:`STALE_AFTER_S` ago — left by
a stopped or restarted server — and marks them failed with that reason; queued jobs are simply
picked up again. Finished jobs and their results are deleted after :data:`KEEP_DAYS` days.
The worker stops after :data:`IDLE_S` seconds without work and is started again by the next
submission or by the application's start when jobs are waiting."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Final

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ggzregio.app.context import Context
from ggzregio.app.errors import BusyError, RateLimitedError
from ggzregio.storage.database import transaction
from ggzregio.storage.models import SimulationJob, now

#: Unfinished (queued or running) jobs one account may have.
PER_ACCOUNT: Final = 2
#: Unfinished jobs of all accounts together.
QUEUED: Final = 20
#: A running job whose heartbeat is older than this was left by a stopped server process.
STALE_AFTER_S: Final = 120.0
#: Days a finished job and its result are kept.
KEEP_DAYS: Final = 7
#: Seconds a worker waits for new work before it stops.
IDLE_S: Final = 10.0
#: Seconds between looks for jobs left by a stopped process.
RECOVER_EVERY_S: Final = 15.0
INTERRUPTED: Final = "interrupted: the server stopped while the job ran; submit it again"
UNFINISHED: Final = ("queued", "running")

#: Runs a claimed job (``job_id``) to its end, writing its status: set by the simulation use case.
Runner = Callable[[Context, str], None]


def check_limits(db: Session, user_id: int | None) -> None:
    """Refuse a new job beyond the account's or the global limit."""
    mine = db.scalar(
        select(func.count(SimulationJob.id)).where(
            SimulationJob.user_id == user_id, SimulationJob.status.in_(UNFINISHED)
        )
    )
    if (mine or 0) >= PER_ACCOUNT:
        raise RateLimitedError("sim_jobs_per_account", str(PER_ACCOUNT), limit=PER_ACCOUNT)
    everyone = db.scalar(
        select(func.count(SimulationJob.id)).where(SimulationJob.status.in_(UNFINISHED))
    )
    if (everyone or 0) >= QUEUED:
        raise BusyError("busy", f"{everyone} simulation jobs waiting")


def claim(ctx: Context) -> str | None:
    """Take the oldest queued job for this process (None when there is none)."""
    with transaction(ctx.factory) as db:
        oldest = db.scalar(
            select(SimulationJob.id)
            .where(SimulationJob.status == "queued")
            .order_by(SimulationJob.created_at)
            .limit(1)
        )
        if oldest is None:
            return None
        moment = now()
        taken = db.execute(
            update(SimulationJob)
            .where(SimulationJob.id == oldest, SimulationJob.status == "queued")
            .values(status="running", started_at=moment, heartbeat_at=moment)
        )
        return oldest if getattr(taken, "rowcount", 0) == 1 else None


def heartbeat(ctx: Context, job_id: str, progress: float) -> None:
    """Record that the job still runs, with its progress."""
    with transaction(ctx.factory) as db:
        db.execute(
            update(SimulationJob)
            .where(SimulationJob.id == job_id)
            .values(progress=progress, heartbeat_at=now())
        )


def recover(ctx: Context, stale_after_s: float = STALE_AFTER_S) -> int:
    """Mark running jobs without a recent heartbeat as failed, with the reason; returns how
    many."""
    limit = now() - timedelta(seconds=stale_after_s)
    with transaction(ctx.factory) as db:
        done = db.execute(
            update(SimulationJob)
            .where(
                SimulationJob.status == "running",
                func.coalesce(SimulationJob.heartbeat_at, SimulationJob.started_at) < limit,
            )
            .values(status="failed", error=INTERRUPTED, finished_at=now())
        )
        return int(getattr(done, "rowcount", 0) or 0)


def clean(ctx: Context, keep_days: int = KEEP_DAYS) -> int:
    """Delete finished jobs (and their results) older than ``keep_days``; returns how many."""
    limit = now() - timedelta(days=keep_days)
    with transaction(ctx.factory) as db:
        done = db.execute(
            delete(SimulationJob).where(
                SimulationJob.status.in_(("done", "failed")), SimulationJob.finished_at < limit
            )
        )
        return int(getattr(done, "rowcount", 0) or 0)


def _any(ctx: Context, statuses: tuple[str, ...]) -> bool:
    with ctx.factory() as db:
        found = db.scalar(select(SimulationJob.id).where(SimulationJob.status.in_(statuses)))
    return found is not None


def waiting(ctx: Context) -> bool:
    """Whether any job is unfinished (queued, or running somewhere)."""
    return _any(ctx, UNFINISHED)


def running(ctx: Context) -> bool:
    """Whether any job is running (in this or another process)."""
    return _any(ctx, ("running",))


class Worker:
    """This process's job thread for one database (started on demand, stops when idle)."""

    def __init__(self, ctx: Context, run: Runner, idle_s: float = IDLE_S) -> None:
        self.ctx = ctx
        self.run = run
        self.idle_s = idle_s
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def wake(self) -> None:
        """Make sure the thread runs and looks for work now."""
        with self._lock:
            self._wake.set()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._loop, name="ggzregio-jobs", daemon=True
                )
                self._thread.start()

    def _loop(self) -> None:
        clean(self.ctx)
        idle_since = checked = 0.0
        while True:
            moment = time.monotonic()
            if moment - checked > RECOVER_EVERY_S:
                recover(self.ctx)
                checked = moment
            job_id = claim(self.ctx)
            if job_id is not None:
                self.run(self.ctx, job_id)
                idle_since = 0.0
                continue
            idle_since = idle_since or moment
            # Stay while any job runs anywhere: one left by a stopped process is recovered.
            if moment - idle_since > self.idle_s and not running(self.ctx):
                with self._lock:
                    if not self._wake.is_set():
                        self._thread = None
                        return
            self._wake.wait(timeout=1.0)
            self._wake.clear()


_WORKERS: dict[int, Worker] = {}
_REGISTRY: Final = threading.Lock()


def worker(ctx: Context, run: Runner) -> Worker:
    """The worker of ``ctx`` in this process."""
    with _REGISTRY:
        found = _WORKERS.get(id(ctx))
        if found is None or found.ctx is not ctx:
            found = Worker(ctx, run)
            _WORKERS[id(ctx)] = found
        return found
