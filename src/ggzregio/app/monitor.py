"""The ambulantisering monitor: indicator series, targets and progress, benchmark,
substitution, and data entry. Every table leaving here is protected (small counts of people
suppressed, :mod:`ggzregio.monitor.protection`)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.orm import Session

from ggzregio.app.context import Actor, Context
from ggzregio.app.errors import NotFoundError
from ggzregio.app.files import Upload
from ggzregio.app.regions import get_region
from ggzregio.errors import InputError, Problem
from ggzregio.monitor.benchmark import benchmark
from ggzregio.monitor.catalogue import Catalogue, Target, load_catalogue, load_targets
from ggzregio.monitor.data import MonitorData, protect_tidy, tidy_with_per_100k
from ggzregio.monitor.importing import read_monitor
from ggzregio.monitor.progress import progress, substitution
from ggzregio.monitor.protection import protection_for
from ggzregio.storage import repository as repo
from ggzregio.storage.database import transaction

logger = logging.getLogger(__name__)
#: The target and indicator shown when none is chosen.
DEFAULT_TARGET = "ba-intramural-2020"
DEFAULT_INDICATOR = "fact_teams"
#: The first year of the substitution table when the target names none.
DEFAULT_FIRST_YEAR = 2008


def catalogue(ctx: Context) -> Catalogue:
    return ctx.cached(("catalogue",), load_catalogue)


def targets(ctx: Context) -> dict[str, Target]:
    return ctx.cached(("targets",), lambda: load_targets(catalogue(ctx)))


def target_or_404(ctx: Context, target_id: str) -> Target:
    found = targets(ctx).get(target_id)
    if found is None:
        raise NotFoundError("not_found", f"target {target_id}")
    return found


def warm(ctx: Context) -> None:
    """Build the monitor data and its protection in the background (at start and after each
    change), so that the first page after a change does not wait for the audit."""

    def build() -> None:
        try:
            with ctx.factory() as db:
                protection_for(monitor_data(ctx, db), ctx.settings.threshold)
        except Exception:  # a warm-up that fails leaves the work to the next request
            logger.debug("monitor warm-up failed", exc_info=True)

    threading.Thread(target=build, name="ggzregio-warm-monitor", daemon=True).start()


def monitor_data(ctx: Context, db: Session) -> MonitorData:
    revision = repo.counter(db, "monitor")
    return ctx.cached(("monitor", revision), lambda: repo.monitor_data(db, catalogue(ctx)))


def latest_year(ctx: Context, db: Session) -> int:
    """The last year with monitor data (0 when there is none)."""
    data = monitor_data(ctx, db)
    return data.years[-1] if data.years else 0


def metadata(ctx: Context, db: Session) -> dict[str, str]:
    """Data version, suppression threshold and the minimum coverage of national values,
    written with every monitor table."""
    return {
        "data_version": monitor_data(ctx, db).data_version,
        "suppression_threshold": str(ctx.settings.threshold),
        "min_coverage": f"{ctx.settings.min_coverage:g}",
    }


def monitor_progress(
    ctx: Context, db: Session, target_id: str, regions: list[str] | None
) -> pd.DataFrame:
    """Progress towards a target per region and nationally, with the trend projection."""
    data = monitor_data(ctx, db)
    target = target_or_404(ctx, target_id)
    key = ("progress", repo.counter(db, "monitor"), target_id, tuple(regions or ()))
    settings = ctx.settings
    return ctx.cached(
        key,
        lambda: progress(
            data,
            target,
            regions,
            threshold=settings.threshold,
            min_coverage=settings.min_coverage,
        ),
    )


def monitor_benchmark(ctx: Context, db: Session, indicator: str, year: int | None) -> pd.DataFrame:
    """Regions compared on one indicator in one year (default: the latest)."""
    data = monitor_data(ctx, db)
    if indicator not in data.catalogue:
        raise NotFoundError("not_found", f"indicator {indicator}")
    chosen = year or latest_year(ctx, db)
    key = ("benchmark", repo.counter(db, "monitor"), indicator, chosen)
    settings = ctx.settings
    return ctx.cached(
        key,
        lambda: benchmark(data, indicator, chosen, settings.threshold, settings.min_coverage),
    )


def benchmark_year(ctx: Context, db: Session, indicator: str) -> int:
    """The latest year whose national value of ``indicator`` covers enough of the population
    (a region that already reports next year does not take the national comparison away from
    everyone); the latest year when none does."""
    years = monitor_data(ctx, db).years
    for year in reversed(years):
        table = monitor_benchmark(ctx, db, indicator, year)
        too_low = table.get("coverage_too_low")
        if too_low is None or not bool(too_low.fillna(False).astype(bool).any()):
            return year
    return years[-1] if years else 0


def monitor_substitution(ctx: Context, db: Session, first: int, last: int | None) -> pd.DataFrame:
    """Change in intramural places against change in ambulant capacity per region."""
    data = monitor_data(ctx, db)
    end = last or latest_year(ctx, db) or first
    key = ("substitution", repo.counter(db, "monitor"), first, end)
    return ctx.cached(key, lambda: substitution(data, first, end, ctx.settings.min_coverage))


def monitor_series(
    ctx: Context, db: Session, region_code: str, indicators: Iterable[str] | None = None
) -> pd.DataFrame:
    """A region's (or ``NL``'s) indicator series with per-100,000 values, protected."""
    data = monitor_data(ctx, db)
    key = ("series", repo.counter(db, "monitor"))
    tidy = ctx.cached(
        key, lambda: protect_tidy(tidy_with_per_100k(data), data, ctx.settings.threshold)
    )
    out = tidy[tidy["region_code"] == region_code]
    chosen = list(indicators or ())
    if chosen:
        out = out[out["indicator"].isin(chosen)]
    return out.reset_index(drop=True)


def region_series(
    ctx: Context, db: Session, code: str, indicators: Iterable[str] | None = None
) -> pd.DataFrame:
    """:func:`monitor_series` of a known region (:class:`NotFoundError` otherwise)."""
    get_region(db, code)
    return monitor_series(ctx, db, code, indicators)


@dataclass(frozen=True)
class RegionTables:
    """The monitor tables of a region's page, in the region's choice of target and indicator."""

    target: Target
    indicator: str
    year: int
    progress: pd.DataFrame
    benchmark: pd.DataFrame
    substitution: pd.DataFrame
    series: pd.DataFrame

    def named(self) -> dict[str, pd.DataFrame]:
        """The tables by their download name."""
        return {
            "voortgang": self.progress,
            "benchmark": self.benchmark,
            "substitutie": self.substitution,
            "monitor": self.series,
        }


def region_tables(
    ctx: Context, db: Session, code: str, target_id: str, indicator: str
) -> RegionTables:
    """Everything the monitor page of region ``code`` shows (an unknown target or indicator
    falls back to the default)."""
    get_region(db, code)
    data = monitor_data(ctx, db)
    known = targets(ctx)
    target = known.get(target_id) or known.get(DEFAULT_TARGET) or next(iter(known.values()))
    if indicator not in data.catalogue:
        indicator = DEFAULT_INDICATOR
    year = latest_year(ctx, db)
    shown = benchmark_year(ctx, db, indicator)
    return RegionTables(
        target,
        indicator,
        shown,
        monitor_progress(ctx, db, target.id, [code, "NL"]),
        monitor_benchmark(ctx, db, indicator, shown),
        monitor_substitution(ctx, db, target.baseline_year or DEFAULT_FIRST_YEAR, year),
        monitor_series(ctx, db, code),
    )


@dataclass(frozen=True)
class ValueIn:
    """One indicator value entered by hand."""

    indicator: str
    year: int
    value: float
    status: str = "final"
    source: str = ""


def store_values(ctx: Context, actor: Actor, code: str, frame: pd.DataFrame, what: str) -> int:
    """Store monitor rows of region ``code`` (all or nothing) and raise the monitor revision."""
    other = frame["region_code"].astype(str) != code
    if other.any():
        raise InputError([Problem(what, "other_region", "region_code", values={"region": code})])
    unknown = sorted(set(frame["indicator"]) - set(catalogue(ctx)))
    if unknown:
        values: dict[str, object] = {"values": ", ".join(unknown[:5])}
        raise InputError([Problem(what, "unknown_indicator", "indicator", values=values)])
    with transaction(ctx.factory) as db:
        get_region(db, code)
        n = repo.save_monitor_values(db, frame, actor.user_id, code)
        repo.bump(db, "monitor")
        repo.audit(db, "monitor.update", actor.user_id, code, f"{what}: {n}", actor.client)
    warm(ctx)
    return n


def enter_values(ctx: Context, actor: Actor, code: str, values: Iterable[ValueIn]) -> int:
    """Enter or correct indicator values (each change kept in the edit history)."""
    known = catalogue(ctx)
    frame = pd.DataFrame(
        [
            {
                "region_code": code,
                "year": v.year,
                "indicator": v.indicator,
                "value": v.value,
                "unit": known[v.indicator].unit if v.indicator in known else "",
                "source": v.source,
                "status": v.status,
            }
            for v in values
        ]
    )
    return store_values(ctx, actor, code, frame, "api")


def import_values(ctx: Context, actor: Actor, code: str, upload: Upload) -> int:
    """Store an uploaded monitor file (tidy table or the wide template), validated."""
    known = catalogue(ctx)
    read = upload.read(lambda p: read_monitor(p, known))
    return store_values(ctx, actor, code, read.frame, upload.name)
