"""Simulation jobs with the database as the queue (issue 21, point 3): limits per account and
in all, one process claims a job (never two), a job left running by a stopped server is marked
failed with the reason, a job left waiting is run by the next server process, and old jobs
are cleaned up."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from ggzregio.app import jobs
from ggzregio.app.context import Context
from ggzregio.app.errors import BusyError, RateLimitedError
from ggzregio.app.setup import load_demo
from ggzregio.storage.database import transaction
from ggzregio.storage.models import SimulationJob, User, now
from tests.web_support import EDITOR, client_for, token_for


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Context:
    ctx = Context.open(f"sqlite:///{tmp_path_factory.mktemp('jobs') / 'demo.db'}")
    assert load_demo(ctx)
    return ctx


def _editor_id(ctx: Context) -> int:
    with ctx.factory() as db:
        user = db.scalars(sa.select(User).where(User.email == EDITOR)).one()
        return user.id


def _job(ctx: Context, status: str, user_id: int | None, **values: object) -> str:
    job_id = f"{abs(hash((status, user_id, time.monotonic_ns()))):032x}"[:32]
    request = {"scenario_ids": [1], "regions": ["RG01"], "years": 1, "draws": 1,
               "transition_years": 1.0, "path": "linear", "seed": 1}  # fmt: skip
    with transaction(ctx.factory) as db:
        db.add(SimulationJob(id=job_id, user_id=user_id, status=status, request=request, **values))
    return job_id


def _clear(ctx: Context) -> None:
    with ctx.engine.begin() as connection:
        connection.execute(sa.delete(SimulationJob))


def test_limits_per_account_and_in_all(demo: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    _clear(demo)
    editor = _editor_id(demo)
    for _ in range(jobs.PER_ACCOUNT):
        _job(demo, "queued", editor)
    with demo.factory() as db, pytest.raises(RateLimitedError):
        jobs.check_limits(db, editor)
    with demo.factory() as db:
        jobs.check_limits(db, editor + 1000)  # another account may still submit
    monkeypatch.setattr(jobs, "QUEUED", jobs.PER_ACCOUNT)
    with demo.factory() as db, pytest.raises(BusyError):
        jobs.check_limits(db, editor + 1000)
    _clear(demo)


def test_the_api_refuses_a_third_job_of_one_account(demo: Context) -> None:
    _clear(demo)
    editor = _editor_id(demo)
    for _ in range(jobs.PER_ACCOUNT):
        _job(demo, "running", editor, heartbeat_at=now())
    client = client_for(demo.settings.database_url)
    token = {"Authorization": f"Bearer {token_for(demo.settings.database_url, EDITOR)}"}
    body = {"scenario_ids": [1, 2], "years": 2, "draws": 400}
    answer = client.post("/api/v1/simulations", json=body, headers=token)
    assert answer.status_code == 429, answer.text
    assert "2 simulaties" in answer.text
    _clear(demo)


def test_a_job_is_claimed_once(demo: Context) -> None:
    _clear(demo)
    job_id = _job(demo, "queued", None)
    assert jobs.claim(demo) == job_id
    assert jobs.claim(demo) is None  # a second process finds nothing to take
    with demo.factory() as db:
        job = db.get(SimulationJob, job_id)
        assert job is not None
        assert job.status == "running"
        assert job.heartbeat_at is not None
    _clear(demo)


def test_a_job_left_running_by_a_stopped_server_fails_with_the_reason(demo: Context) -> None:
    _clear(demo)
    old = now() - timedelta(seconds=jobs.STALE_AFTER_S + 60)
    stranded = _job(demo, "running", None, started_at=old, heartbeat_at=old, progress=0.67)
    alive = _job(demo, "running", None, started_at=old, heartbeat_at=now())
    assert jobs.recover(demo) == 1
    with demo.factory() as db:
        left = db.get(SimulationJob, stranded)
        running = db.get(SimulationJob, alive)
        assert left is not None
        assert running is not None
        assert left.status == "failed"
        assert "submit it again" in left.error
        assert running.status == "running"  # another process is still on it
    _clear(demo)


def test_a_job_left_waiting_is_run_by_the_next_server(demo: Context) -> None:
    _clear(demo)
    job_id = _job(demo, "queued", _editor_id(demo))
    client_for(demo.settings.database_url)  # a server process starts
    deadline = time.monotonic() + 120
    status = "queued"
    while time.monotonic() < deadline and status in ("queued", "running"):
        time.sleep(0.2)
        with demo.factory() as db:
            job = db.get(SimulationJob, job_id)
            assert job is not None
            status = job.status
    assert status == "done", job.error
    _clear(demo)


def test_old_finished_jobs_are_cleaned_up(demo: Context, tmp_path: Path) -> None:
    _clear(demo)
    gone = _job(demo, "done", None, finished_at=now() - timedelta(days=jobs.KEEP_DAYS + 1))
    kept = _job(demo, "failed", None, finished_at=now() - timedelta(days=1))
    waiting = _job(demo, "queued", None)
    assert jobs.clean(demo) == 1
    with demo.factory() as db:
        assert db.get(SimulationJob, gone) is None
        assert db.get(SimulationJob, kept) is not None
        assert db.get(SimulationJob, waiting) is not None
    _clear(demo)
