"""The data revision: everything a public read depends on, read from the database at most
every :data:`MAX_AGE` seconds per worker process, and at once after any commit in this process
or, for a SQLite file, after any change of the file by another process (its size and
modification time are compared, a stat call, no query). On PostgreSQL a change made through
another worker process is therefore seen within :data:`MAX_AGE` seconds."""

from __future__ import annotations

import os
import time
from typing import Any, Final

from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session

from ggzregio.storage.models import Counter, Region, Scenario

MAX_AGE: Final = 0.5
_commits = 0  # commits seen in this process (any session)


@event.listens_for(Session, "after_commit")
def _count_commit(_session: Session) -> None:
    global _commits
    _commits += 1


#: The counter raised by every write of a scenario (create, change, delete).
SCENARIOS: Final = "scenarios"
#: The counter raised by every write of a region's agenda (texts, initiatives, targets,
#: reviews; :data:`ggzregio.app.agenda.AGENDA` is the same name).
AGENDA: Final = "agenda"


def _counter(name: str) -> Any:
    return (
        select(func.coalesce(func.max(Counter.value), 0))
        .where(Counter.name == name)
        .scalar_subquery()
    )


def data_revision(db: Session) -> tuple[Any, ...]:
    """Everything a public read depends on, in one round trip. Each part changes whenever what
    it covers changes: region revisions only grow (regions are not deleted), the monitor,
    scenario and agenda counters are raised by every write, and the scenarios' count, largest
    id, summed versions and latest change also catch a write that bypassed the counter (a
    count and a sum alone stay the same when one scenario is deleted and another created)."""
    regions = select(func.coalesce(func.sum(Region.revision), 0)).scalar_subquery()
    scenarios = select(
        func.count(Scenario.id),
        func.coalesce(func.max(Scenario.id), 0),
        func.coalesce(func.sum(Scenario.version), 0),
        func.max(Scenario.updated_at),
    ).subquery()
    query = select(
        regions, _counter("monitor"), _counter(SCENARIOS), _counter(AGENDA), *scenarios.c
    )
    return tuple(db.execute(query).one())


class RevisionMemo:
    """The data revision as last read by this worker, and whether it may still be trusted."""

    def __init__(self, engine: Engine) -> None:
        url = engine.url
        database = url.database or ""
        self._files: tuple[str, ...] = ()
        if url.get_backend_name() == "sqlite" and database and database != ":memory:":
            self._files = (database, database + "-wal")
        self._value: tuple[Any, ...] | None = None
        self._checked = 0.0
        self._commits = -1
        self._token: tuple[int, ...] = ()

    def _file_token(self) -> tuple[int, ...]:
        token: list[int] = []
        for path in self._files:
            try:
                stat = os.stat(path)
            except OSError:
                token += [0, 0]
            else:
                token += [stat.st_mtime_ns, stat.st_size]
        return tuple(token)

    def fresh(self) -> tuple[Any, ...] | None:
        """The revision if nothing can have changed since it was read, else None."""
        if (
            self._value is None
            or self._commits != _commits
            or time.monotonic() - self._checked > MAX_AGE
            or (self._files and self._file_token() != self._token)
        ):
            return None
        return self._value

    def get(self, db: Session) -> tuple[Any, ...]:
        """The current revision, read from the database when the memo is not fresh."""
        value = self.fresh()
        if value is None:
            # Take the markers before the query: a change in between makes the next
            # check read again instead of trusting an old value.
            commits, token, checked = _commits, self._file_token(), time.monotonic()
            value = data_revision(db)
            self._value = value
            self._commits, self._token, self._checked = commits, token, checked
        return value
