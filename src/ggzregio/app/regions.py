"""Regions and their areas: the region list, area statistics, area boundaries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
from sqlalchemy.orm import Session

from ggzregio.app.context import Actor, Context
from ggzregio.app.errors import InvalidRequestError, NotFoundError
from ggzregio.app.files import Upload
from ggzregio.errors import InputError, Problem
from ggzregio.geo import feature_codes
from ggzregio.io.areas import read_areas
from ggzregio.io.tables import limit
from ggzregio.storage import repository as repo
from ggzregio.storage.database import transaction
from ggzregio.storage.models import Municipality, Region

if TYPE_CHECKING:
    from ggzregio.cbs_download import FetchUrl


#: Areas one region may hold (settable with ``GGZREGIO_MAX_AREAS``).
DEFAULT_MAX_AREAS = 50_000


def get_region(db: Session, code: str) -> Region:
    """The region ``code``; :class:`NotFoundError` when there is none."""
    region = db.get(Region, code)
    if region is None:
        raise NotFoundError("not_found", f"region {code}")
    return region


def regions(db: Session) -> list[Region]:
    """Every region, by code."""
    return repo.regions(db)


def area_table(db: Session, code: str) -> pd.DataFrame:
    """The area statistics (canonical area table) of region ``code``."""
    get_region(db, code)
    return repo.area_frame(db, code)


def area_boundaries(db: Session, code: str) -> dict[str, Any] | None:
    """GeoJSON of the region's areas, or None when none are stored."""
    get_region(db, code)
    return repo.boundary(db, "area", code)


def municipality_boundaries(db: Session, code: str) -> dict[str, Any] | None:
    """GeoJSON of the region's municipalities (set-up instances), or None."""
    get_region(db, code)
    return repo.boundary(db, "municipality", code)


def municipalities(db: Session, code: str) -> list[Municipality]:
    """The municipalities of region ``code``."""
    get_region(db, code)
    return repo.municipalities(db, code)


def region_boundaries(db: Session) -> dict[str, Any] | None:
    """GeoJSON of every region, or None when none are stored."""
    return repo.boundary(db, "region", None)


def store_area_boundaries(
    ctx: Context, actor: Actor, code: str, upload: Upload, code_property: str
) -> int:
    """Store boundaries for a region's areas: GeoJSON (WGS84 or RD New) or GeoPackage,
    reprojected to WGS84 and simplified without gaps between neighbours
    (:func:`ggzregio.boundaries.read_boundaries_bytes`). Features of other areas (a national
    buurt map) are left out; a file naming none of the region's areas is refused. Returns the
    number of features stored."""
    from ggzregio.boundaries import check_web_geometries, read_boundaries_bytes

    try:
        collection = read_boundaries_bytes(
            upload.data, upload.name, code_property=code_property or None
        ).collection
    except InputError:
        raise
    except Exception as exc:  # a broken file of any kind is refused, not a server error
        values: dict[str, object] = {"detail": type(exc).__name__}
        raise InputError([Problem(upload.name, "geo.unreadable", values=values)]) from exc
    with transaction(ctx.factory) as db:
        get_region(db, code)
        known = set(repo.area_frame(db, code)["area_code"].astype(str))
        features = [f for f in collection["features"] if str(f["properties"]["code"]) in known]
        check_web_geometries({"type": "FeatureCollection", "features": features}, upload.name)
        if not features:
            codes: dict[str, object] = {"codes": ", ".join(feature_codes(collection)[:5])}
            raise InputError(
                [Problem(upload.name, "geo.unknown_codes", code_property, values=codes)]
            )
        kept = {**collection, "features": features}
        repo.store_boundary(db, "area", code, kept, upload.name)
        get_region(db, code).revision += 1  # cached pages and answers show the new map
        detail = f"{upload.name}: {len(features)} of {len(collection['features'])}"
        repo.audit(db, "boundaries.upload", actor.user_id, code, detail, actor.client)
    return len(features)


def municipality_codes(ctx: Context, code: str) -> list[str]:
    """The GM codes of region ``code`` (a region of a real division);
    :class:`InvalidRequestError` for a region without municipalities (the demo)."""
    with ctx.factory() as db:
        get_region(db, code)
        found = [m.code for m in repo.municipalities(db, code)]
    if not found:
        raise InvalidRequestError("setup.not_real", code)
    return found


def download_area_boundaries(
    ctx: Context, actor: Actor, code: str, year: int, fetch: FetchUrl | None = None
) -> int:
    """The buurt boundaries of the region's municipalities from PDOK (optional, online),
    stored like an upload (:func:`store_area_boundaries`); offline, an :class:`InputError`
    says so and names the manual download. Returns the number of features stored."""
    import tempfile
    from pathlib import Path

    from ggzregio.cbs_download import download_buurt_boundaries

    municipalities = municipality_codes(ctx, code)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"pdok-buurten-{year}-{code}.geojson"
        download_buurt_boundaries(municipalities, target, year=year, fetch=fetch)
        upload = Upload.of(target.name, target.read_bytes())
    return store_area_boundaries(ctx, actor, code, upload, "buurtcode")


def import_areas(ctx: Context, actor: Actor, code: str, upload: Upload) -> int:
    """Replace a region's area statistics by an area table (validated rule by rule; all or
    nothing); returns the number of areas."""
    spec = ctx.model()
    table = upload.read(lambda p: read_areas(p, spec))
    frame = table.frame
    if "region_code" in frame.columns:
        other = frame["region_code"].astype(str) != code
        if other.any():
            rows = tuple(int(r) for r in frame.index[other.to_numpy()][:20])
            problem = Problem(upload.name, "other_region", "region_code", rows, {"region": code})
            raise InputError([problem])
    with transaction(ctx.factory) as db:
        region = get_region(db, code)
        check_area_table(db, code, frame, upload.name)
        n = repo.replace_areas(
            db, code, frame.drop(columns=["region_code", "region_name"], errors="ignore")
        )
        region.revision += 1
        region.data_version = table.source.data_version
        region.synthetic = False
        detail = f"{upload.name}: {n}"
        repo.audit(db, "areas.import", actor.user_id, code, detail, actor.client)
    return n


def geography_source(db: Session) -> dict[str, str]:
    """For an instance set up with the shipped geography: its source and how the regions were
    assigned (written into every export that uses its regions); empty otherwise."""
    from ggzregio.geography import ATTRIBUTION

    divisions = {r.division for r in repo.regions(db)}
    if not any(d.startswith("nl-") or d.startswith("custom:") for d in divisions):
        return {}
    out = {"geography": ATTRIBUTION, "division": ", ".join(sorted(divisions))}
    if any(d.startswith("nl-") for d in divisions):
        out["division_note"] = "derived from the boundaries (largest overlap)"
    return out


def check_area_table(db: Session, code: str, frame: pd.DataFrame, file: str) -> None:
    """An area table for region ``code`` holds only areas of its own municipalities (for a
    region of a division set up with ``ggzregio db init``) and no area stored for another
    region; refused with the codes otherwise."""
    most = limit("MAX_AREAS", DEFAULT_MAX_AREAS)
    if len(frame) > most:  # a region page must stay light (all of NL has ~14,500 buurten)
        raise InputError([Problem(file, "too_many_areas", values={"n": len(frame), "max": most})])
    own = {m.code for m in repo.municipalities(db, code)}
    problems = []
    if own and "municipality_code" in frame.columns:
        foreign = frame["municipality_code"].astype(str)
        outside = ~foreign.isin(own)
        if outside.any():
            rows = tuple(int(r) for r in frame.index[outside.to_numpy()][:20])
            values: dict[str, object] = {
                "region": code,
                "values": ", ".join(sorted(set(foreign[outside]))[:5]),
            }
            problems.append(
                Problem(file, "areas.outside_region", "municipality_code", rows, values)
            )
    taken = repo.areas_elsewhere(db, code, frame["area_code"].astype(str))
    if taken:
        listed = ", ".join(f"{a} ({r})" for a, r in list(taken.items())[:5])
        problems.append(Problem(file, "areas.taken", "area_code", values={"values": listed}))
    if problems:
        raise InputError(problems)
