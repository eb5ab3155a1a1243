"""Expected EPA care prevalence per area, municipality, region and in total, and observed
(claims-based) versus expected, built from the stored data with the library's own functions,
cached per data revision and always protected."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ggzregio.app.context import Actor, Context
from ggzregio.app.errors import NotYetError
from ggzregio.app.files import Upload
from ggzregio.app.regions import get_region
from ggzregio.errors import InputError, Problem
from ggzregio.io.areas import areas_from_frame
from ggzregio.io.observed import attach_observed, join_observed
from ggzregio.io.results import ResultSet
from ggzregio.prevalence.aggregate import INDEX, SOURCE_REGION_TOTAL, SOURCE_TOTAL
from ggzregio.prevalence.run import run_compare, run_estimate
from ggzregio.storage import repository as repo
from ggzregio.storage.database import transaction
from ggzregio.storage.models import Region


def _global_revision(db: Session) -> tuple[int, int]:
    row = db.execute(select(func.count(Region.code), func.sum(Region.revision))).one()
    return int(row[0] or 0), int(row[1] or 0)


def data_label(db: Session) -> str:
    """The data versions of every region's area statistics, joined."""
    versions = sorted({r.data_version for r in repo.regions(db) if r.data_version})
    return "; ".join(versions) or "database"


def national_estimates(ctx: Context, db: Session) -> ResultSet | None:
    """Estimates of every area, aggregated per region and in total (open data: public);
    None while no region has area statistics."""

    def build() -> ResultSet | None:
        frame = repo.area_frame(db)
        if frame.empty:
            return None
        synthetic = bool(db.scalar(select(func.count()).where(Region.synthetic)))
        areas = areas_from_frame(frame, ctx.model(), "database")
        return run_estimate(
            areas, ctx.model(), ["region_code"], data_label=data_label(db), synthetic=synthetic
        )

    return ctx.cached(("national", _global_revision(db)), build)


def region_estimates(ctx: Context, db: Session, region: Region) -> ResultSet:
    """Estimates of a region's areas, per municipality and in total."""

    def build() -> ResultSet:
        frame = repo.area_frame(db, region.code)
        if frame.empty:
            raise NotYetError("no_areas", region.code)
        areas = areas_from_frame(frame, ctx.model(), f"database:{region.code}")
        return run_estimate(
            areas,
            ctx.model(),
            ["municipality_code"],
            data_label=region.data_version or "database",
            synthetic=region.synthetic,
        )

    return ctx.cached(("region", region.code, region.revision), build)


def region_comparison(ctx: Context, db: Session, region: Region) -> ResultSet | None:
    """Observed versus expected for a region (claims-based: callers check access first);
    None when no observed counts are stored. Small counts are suppressed, audited against
    everything earlier revisions published about the same observed counts (an editor who
    changes the area table must learn nothing from comparing before and after)."""
    threshold = ctx.settings.threshold

    def build() -> ResultSet | None:
        observed = repo.observed_frame(db, region.code)
        if observed.empty:
            return None
        counts = observed.set_index(observed["area_code"].astype(str))["observed_cases"]
        # Every area of the region; one without a stored count (suppressed at the source when
        # imported, or added since) is not compared, and the region says how many are.
        frame = repo.area_frame(db, region.code)
        areas = join_observed(
            areas_from_frame(frame, ctx.model(), f"database:{region.code}"), counts
        )
        scope = observed_scope(region.code)
        with transaction(ctx.factory) as session:
            history = repo.published_facts(session, scope, region.revision)
        result = run_compare(
            areas,
            ctx.model(),
            ["municipality_code"],
            threshold=threshold,
            data_label=region.data_version or "database",
            synthetic=region.synthetic,
            unpublished=counts,
            history=history,
        )
        try:
            with transaction(ctx.factory) as session:
                repo.remember_facts(session, scope, region.revision, result.facts)
        except IntegrityError:  # another worker stored the same facts first
            pass
        return result

    return ctx.cached(("compare", region.code, region.revision, threshold), build)


def comparison_or_404(ctx: Context, db: Session, code: str) -> ResultSet:
    """The comparison of region ``code``; :class:`NotFoundError` when none is stored."""
    result = region_comparison(ctx, db, get_region(db, code))
    if result is None:
        raise NotYetError("no_observed", code)
    return result


def observed_scope(region_code: str) -> str:
    """The disclosure history of a region's observed counts."""
    return f"observed:{region_code}"


def prevalence_factor(ctx: Context, db: Session, region: Region) -> float:
    """The region's expected EPA prevalence relative to the national rate (index / 100);
    1 while there are no area statistics."""
    national = national_estimates(ctx, db)
    if national is None:
        return 1.0
    table = national.tables["region_code"]
    row = table[table["region_code"] == region.code]
    return 1.0 if row.empty else float(row[INDEX].iloc[0]) / 100


def region_summary(ctx: Context, db: Session, code: str) -> dict[str, object]:
    """The region's row of the national estimates (empty when it has no areas)."""
    national = national_estimates(ctx, db)
    if national is None:
        return {}
    table = national.tables["region_code"]
    rows = table[table["region_code"] == code]
    return {} if rows.empty else {str(k): v for k, v in rows.iloc[0].items()}


def import_observed(ctx: Context, actor: Actor, code: str, upload: Upload) -> int:
    """Replace a region's observed EPA care counts per area (claims-based; stored, shown
    suppressed); a new disclosure history starts with new data."""
    with transaction(ctx.factory) as db:
        region = get_region(db, code)
        areas = areas_from_frame(repo.area_frame(db, code), ctx.model(), code)
        joined = upload.read(lambda p: attach_observed(areas, p))
        if {SOURCE_TOTAL, SOURCE_REGION_TOTAL} & set(joined.frame.columns):
            # Not stored yet: refused rather than silently dropped (the command line uses it).
            raise InputError([Problem(upload.name, "observed_total_not_stored", "area_code")])
        counts = joined.frame[["area_code", "observed_cases"]]
        n = repo.replace_observed(db, code, counts, upload.name)
        repo.forget_facts(db, observed_scope(code))
        region.revision += 1
        repo.audit(db, "observed.import", actor.user_id, code, f"{upload.name}: {n}", actor.client)
    return n


def has_statistics(db: Session, code: str) -> bool:
    """Whether region ``code`` has area statistics."""
    return bool(repo.area_count(db, code))


def national_rate(ctx: Context, db: Session) -> float | None:
    """The expected prevalence per 1,000 adults over every region with statistics."""
    national = national_estimates(ctx, db)
    if national is None:
        return None
    return float(national.tables["total"]["prevalence_per_1000"].iloc[0])
