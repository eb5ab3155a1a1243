"""What goes into a regiobeeld report, gathered from the stored data through the same use cases
the web application uses (same caches, same suppression). Rendering is in
:mod:`ggzregio.report.document`."""

from __future__ import annotations

import contextvars
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ggzregio import __version__
from ggzregio.app import estimates as estimating
from ggzregio.app import monitor, planning
from ggzregio.app.context import Context
from ggzregio.app.errors import BusyError
from ggzregio.app.inventory import region_inventory
from ggzregio.app.regions import geography_source, get_region
from ggzregio.i18n import get_language
from ggzregio.monitor.coverage import DEFAULT_MIN_COVERAGE
from ggzregio.planning.capacity import Plan
from ggzregio.planning.gap import GapAnalysis
from ggzregio.storage import repository as repo
from ggzregio.storage.models import InventoryRecord, Region

if TYPE_CHECKING:
    from ggzregio.app.agenda_export import AgendaExport

#: Renders report content in a format (``html``, ``pdf``) to bytes: the report edge.
Render = Callable[["ReportContent", str], bytes]

DEFAULT_SCENARIO = "voorbeeldregio-1"
TREND_INDICATORS = ("places_zvw_admission", "places_bw", "fact_teams", "iht_teams")


@dataclass
class ReportContent:
    """Tables (DataFrames, already protected) and figures of one region's report."""

    region: Region
    summary: dict[str, Any]
    national_rate: float
    municipalities: pd.DataFrame
    top_areas: pd.DataFrame
    comparison: pd.DataFrame | None
    scenario: str
    #: The plan of the report's scenario for the region (tables written when rendered).
    plan: Plan
    inventory_year: int | None
    progress: pd.DataFrame
    trends: pd.DataFrame
    #: GeoJSON of the region's areas (None: none stored) and the values the map shows.
    boundaries: dict[str, Any] | None = None
    area_values: dict[str, float] = field(default_factory=dict)
    #: The gap against the inventory (members only).
    gap_analysis: GapAnalysis | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    #: Notes for the reader: metadata key to message key (named when rendered).
    notes: dict[str, str] = field(default_factory=dict)
    threshold: int = 10
    #: The share of the population national figures must cover (monitor coverage note).
    min_coverage: float = DEFAULT_MIN_COVERAGE
    #: The regiegroep's agenda, initiatives and latest review (members only; None: none).
    agenda: AgendaExport | None = None


def gather(
    ctx: Context,
    db: Session,
    code: str,
    *,
    include_observed: bool,
    scenario_name: str = DEFAULT_SCENARIO,
) -> ReportContent:
    """Everything the report shows for region ``code``. Observed (claims-based) figures only
    with ``include_observed`` (callers check the reader's role); they are suppressed below
    the threshold like everywhere else."""
    region = get_region(db, code)
    estimates = estimating.region_estimates(ctx, db, region)
    summary = estimating.region_summary(ctx, db, code)
    areas = estimates.tables["area"]
    values = dict(zip(areas["area_code"].astype(str), areas["prevalence_per_1000"], strict=True))
    comparison = None
    if include_observed:
        compared = estimating.region_comparison(ctx, db, region)
        if compared is not None:
            comparison = compared.shown("municipality_code")
    scenario = planning.public_scenario(db, scenario_name)
    inventory = region_inventory(db, region) if include_observed else None
    result = planning.plan_for(ctx, db, region, planning.norm_set(scenario), "up", True, inventory)
    progress = monitor.monitor_progress(ctx, db, monitor.DEFAULT_TARGET, [code, "NL"])
    series = monitor.monitor_series(ctx, db, code, list(TREND_INDICATORS))
    trends = series.pivot_table(
        index="year", columns="indicator", values="value_per_100k", aggfunc="first"
    ).reset_index()
    top = areas.sort_values("prevalence_per_1000", ascending=False).head(15)
    metadata = {
        "ggzregio_version": __version__,
        "model": str(estimates.metadata.get("model", "")),
        "model_source": str(estimates.metadata.get("model_source", "")),
        "data_version": region.data_version or str(estimates.metadata.get("data_version", "")),
        "monitor_data_version": monitor.monitor_data(ctx, db).data_version,
        "scenario": scenario.name,
        "synthetic": "yes" if region.synthetic else "no",
        **geography_source(db),
    }
    agenda = None
    if include_observed:  # agenda data is for the region's members only
        # Imported here: app.reviews imports this module.
        from ggzregio.app.agenda_export import agenda_export

        agenda = agenda_export(db, code)
    return ReportContent(
        region=region,
        summary=summary,
        national_rate=estimating.national_rate(ctx, db) or float("nan"),
        municipalities=estimates.tables["municipality_code"],
        top_areas=top,
        comparison=comparison,
        scenario=scenario.name,
        plan=result.plan,
        inventory_year=result.inventory_year,
        progress=progress,
        trends=trends,
        boundaries=repo.boundary(db, "area", code),
        area_values=values,
        gap_analysis=result.gap,
        metadata=metadata,
        notes=dict(estimates.notes),
        threshold=ctx.settings.threshold,
        min_coverage=ctx.settings.min_coverage,
        agenda=agenda,
    )


#: Reports made at once per process (each gathers its content, then waits its turn at the
#: browser, which renders one at a time: :mod:`ggzregio.report.renderer`).
BUILDERS: Final = 2
#: Distinct reports waiting to be made before a request for another is refused (503).
MAX_PENDING: Final = 8
#: Rendered reports kept per process (keys carry the data revision; the least recently used
#: leave first).
KEEP: Final = 32
_BUILDS: Final = ThreadPoolExecutor(BUILDERS, thread_name_prefix="ggzregio-report")
ReportKey = tuple[Any, ...]


class ReportStore:
    """Rendered reports by key (what the report is, then the two parts of the data it shows:
    revision and inventory marker), and the reports being made. A report is made once however
    many ask for it; those who ask wait for that one (at most as long as they choose: the
    report goes on being made and is kept for when they come back)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done: OrderedDict[ReportKey, bytes] = OrderedDict()
        self._pending: dict[ReportKey, Future[bytes]] = {}

    def job(self, key: ReportKey, build: Callable[[], bytes]) -> Future[bytes]:
        """The report for ``key``: done, being made, or started now (in the language and
        context of the caller); :class:`BusyError` when too many are being made."""
        with self._lock:
            if key in self._done:
                self._done.move_to_end(key)
                done: Future[bytes] = Future()
                done.set_result(self._done[key])
                return done
            found = self._pending.get(key)
            if found is None:
                self._drop_superseded(key)
                if len(self._pending) >= MAX_PENDING:
                    raise BusyError("busy", "reports being made")
                found = _BUILDS.submit(contextvars.copy_context().run, self._make, key, build)
                self._pending[key] = found
            return found

    def _drop_superseded(self, key: ReportKey) -> None:
        """Reports of the same region, format, language and role for older data that have not
        started yet are not made any more (their waiters get 503): after an import only the
        report of the new data is worth the browser's time."""
        for other in [k for k in self._pending if k[:-2] == key[:-2] and k != key]:
            if self._pending[other].cancel():
                del self._pending[other]

    def _make(self, key: ReportKey, build: Callable[[], bytes]) -> bytes:
        try:
            data = build()
            with self._lock:
                self._done[key] = data
                while len(self._done) > KEEP:
                    self._done.popitem(last=False)
            return data
        finally:
            with self._lock:
                self._pending.pop(key, None)


def report_job(
    ctx: Context, code: str, fmt: str, *, include_observed: bool, render: Render
) -> Future[bytes]:
    """The report of region ``code`` in ``fmt``, rendered by ``render`` and kept per region,
    format, language, role (with or without observed figures) and data revision (the
    inventory's too for members): done, or being made in a report thread. The database
    session is closed before rendering starts: a slow render holds no connection, and no
    request thread waits for the browser."""
    with ctx.factory() as db:
        get_region(db, code)
        marker = select(
            func.count(InventoryRecord.id),
            func.max(InventoryRecord.version),
            func.max(InventoryRecord.updated_at),
        ).where(InventoryRecord.region_code == code)
        inventory = tuple(db.execute(marker).one()) if include_observed else ()
        key = ("report", code, fmt, get_language(), include_observed, ctx.revision.get(db),
               inventory)  # fmt: skip

    def build() -> bytes:
        with ctx.factory() as session:
            content = gather(ctx, session, code, include_observed=include_observed)
        return render(content, fmt)

    return ctx.cached(("report-store",), ReportStore).job(key, build)


def report_file(
    ctx: Context, code: str, fmt: str, *, include_observed: bool, render: Render
) -> bytes:
    """:func:`report_job`, waited for (the command line, tests)."""
    return report_job(ctx, code, fmt, include_observed=include_observed, render=render).result()
