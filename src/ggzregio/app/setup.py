"""Setting up an instance: the database schema, a real division of the Netherlands (the
shipped 2024 geography or a lookup file) with its first national admin, or the synthetic
demo."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from ggzregio.app.context import Actor, Context
from ggzregio.app.errors import ConflictError
from ggzregio.errors import InputError, Problem
from ggzregio.geography import (
    GEOGRAPHIES,
    LAYERS,
    Geography,
    feature_collection,
    geography,
    merged_regions,
    municipality_layer,
)
from ggzregio.regions import read_lookup
from ggzregio.storage import repository as repo
from ggzregio.storage import users
from ggzregio.storage.database import current_revision, transaction, upgrade
from ggzregio.storage.models import Area, Municipality, Region

_REGION_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,31}$")


def schema_revision(ctx: Context) -> str | None:
    """The schema version of the database (None: not migrated)."""
    return current_revision(ctx.engine)


def upgrade_schema(ctx: Context) -> str | None:
    """Bring the schema to the newest version; returns it."""
    upgrade(ctx.engine)
    return current_revision(ctx.engine)


def load_demo(ctx: Context) -> bool:
    """Migrate and load the synthetic demo (regions, areas, accounts) unless it is there at
    the current demo version (a demo of another version is replaced); True when it was loaded
    now. Refuses a database set up for real regions."""
    from ggzregio.storage.demo import load_demo as load

    upgrade(ctx.engine)
    with ctx.factory() as db:
        real = [r.code for r in repo.regions(db) if r.division and r.division != "demo"]
    if real:
        raise ConflictError("setup.demo_on_real", ", ".join(real[:5]))
    return load(ctx.factory)


def database_label(ctx: Context) -> str:
    """The database's address without its password."""
    return ctx.engine.url.render_as_string(hide_password=True)


@dataclass(frozen=True)
class SetupReport:
    """What :func:`init_geography` created and what was there already."""

    division: str
    regions_created: list[str]
    regions_present: list[str]
    municipalities: int
    boundaries: int
    admin: str = ""
    admin_created: bool = False
    attribution: str = ""


def init_geography(
    ctx: Context,
    actor: Actor,
    geography_name: str,
    region_type: str,
    *,
    regions_file: Path | None = None,
    admin_email: str = "",
    admin_password: str = "",
) -> SetupReport:
    """Set up the regions of a real division: ``region_type`` of the shipped geography
    (``ggd``, ``zorgkantoor``, ``province``), or the regions of that type in a lookup file
    (any grouping of municipalities, e.g. the centrumgemeente regions), with their
    municipalities and the region and municipality boundaries; and the first national admin.
    Idempotent: what exists stays, names are brought up to date. Refuses to mix with the demo
    or with another division."""
    geo = geography(geography_name)
    if regions_file is None:
        division = geo.division(region_type)
        label = f"{geo.name}:{region_type}"
    else:
        lookup = read_lookup(regions_file)
        division = lookup.regions(geo.year, region_type).merge(
            geo.division("province")[["municipality_code", "municipality_name"]],
            on="municipality_code",
            how="left",
        )
        unknown = division.loc[division["municipality_name"].isna(), "municipality_code"]
        if len(unknown):
            values: dict[str, object] = {
                "values": ", ".join(sorted(unknown)[:10]),
                "year": geo.year,
            }
            raise InputError([Problem(lookup.source, "setup.unknown_municipality", values=values)])
        if division.empty:
            empty: dict[str, object] = {"kind": region_type, "year": geo.year, "values": "-"}
            raise InputError([Problem(lookup.source, "regions.unassigned", values=empty)])
        label = f"custom:{Path(lookup.source).name}:{region_type}"
    upgrade(ctx.engine)
    municipal = municipality_layer(geo, set(division["municipality_code"]))
    if regions_file is None:
        layer = geo.boundaries(LAYERS[region_type][0])
    else:
        layer = merged_regions(municipal, division)
    with transaction(ctx.factory) as db:
        existing = {r.code: r for r in repo.regions(db)}
        others = {r.division for r in existing.values()} - {label}
        if others:
            raise ConflictError(
                "setup.other_division", ", ".join(sorted(others)), have=", ".join(sorted(others))
            )
        created, present = [], []
        regions = division.drop_duplicates("region_code").sort_values("region_code")
        for code, name in zip(regions["region_code"], regions["region_name"], strict=True):
            region = existing.get(code)
            if region is None:
                db.add(
                    Region(code=code, name=name, division=label, data_version="", synthetic=False)
                )
                created.append(code)
            else:
                region.name = name
                present.append(code)
        db.flush()
        for row in division.itertuples(index=False):
            found = db.get(Municipality, row.municipality_code)
            if found is None:
                found = Municipality(code=row.municipality_code)
                db.add(found)
            found.name = str(row.municipality_name)
            found.region_code = str(row.region_code)
            found.source = label
        stored = _store_municipality_layers(db, geo, division, municipal, division["region_code"])
        repo.store_boundary(db, "region", None, layer, geo.attribution)
        repo.add_shipped_norm_sets(db)
        admin_created = False
        if admin_email and users.user_by_email(db, admin_email) is None:
            users.create_user(db, admin_email, admin_password, "", True)
            admin_created = True
        detail = f"{label}: {len(created)} new, {len(present)} present"
        repo.audit(db, "setup.geography", actor.user_id, None, detail, actor.client)
    return SetupReport(
        label,
        created,
        present,
        len(division),
        stored + 1,
        admin_email.strip().lower(),
        admin_created,
        geo.attribution,
    )


def _rebuild_boundaries(db: Session, geo_name: str) -> None:
    """Region and municipality boundaries after the division changed: each region's
    municipalities, and the regions as their municipalities' polygons together."""
    geo = geography(geo_name)
    rows = db.scalars(select(Municipality).where(Municipality.region_code.is_not(None))).all()
    division = pd.DataFrame(
        {
            "municipality_code": [m.code for m in rows],
            "region_code": [m.region_code for m in rows],
        }
    )
    names = {r.code: r.name for r in repo.regions(db)}
    division["region_name"] = division["region_code"].map(names)
    layer = municipality_layer(geo, set(division["municipality_code"]))
    _store_municipality_layers(db, geo, division, layer, names)
    repo.store_boundary(db, "region", None, merged_regions(layer, division), geo.attribution)


def _store_municipality_layers(
    db: Session,
    geo: Geography,
    division: pd.DataFrame,
    municipalities: dict[str, Any],
    regions: Iterable[str],
) -> int:
    """Store each of ``regions``' municipality boundaries (a region left without
    municipalities gets an empty layer); returns how many layers were stored."""
    by_code = {f["properties"]["code"]: f for f in municipalities["features"]}
    codes = list(dict.fromkeys(str(c) for c in regions))
    for code in codes:
        chosen = division.loc[division["region_code"] == code, "municipality_code"]
        features = [by_code[m] for m in chosen if m in by_code]
        collection = feature_collection(features, geo.attribution)
        repo.store_boundary(db, "municipality", code, collection, geo.attribution)
    return len(codes)


def _geography_of(db: Session) -> str:
    """The shipped geography the instance was set up with (its divisions' prefix)."""
    for region in repo.regions(db):
        if region.division and region.division != "demo":
            prefix = region.division.split(":", 1)[0]
            return prefix if prefix in GEOGRAPHIES else "nl-2024"
    raise ConflictError("setup.not_real")


def save_region(
    ctx: Context, actor: Actor, code: str, name: str, municipality_codes: list[str]
) -> list[str]:
    """Create region ``code`` (or rename it, and move municipalities into it) from a list of
    municipalities of the instance's division, as a national admin does in the web
    application; a municipality leaves the region it was in. Returns the regions whose
    municipalities changed. Audited."""
    code, name = code.strip().upper(), name.strip()
    problems = []
    if not _REGION_CODE.match(code):
        problems.append(Problem("regio", "setup.bad_region_code", "code", values={"value": code}))
    if not name:
        problems.append(Problem("regio", "missing_key", "name"))
    wanted = [c.strip().upper() for c in municipality_codes if c.strip()]
    with transaction(ctx.factory) as db:
        geo_name = _geography_of(db)
        known = {m.code: m for m in db.scalars(select(Municipality))}
        unknown = [c for c in wanted if c not in known]
        if unknown:
            values: dict[str, object] = {
                "values": ", ".join(unknown[:10]),
                "year": geography(geo_name).year,
            }
            problems.append(
                Problem("regio", "setup.unknown_municipality", "municipalities", values=values)
            )
        if db.get(Region, code.upper()) is None and not wanted:
            problems.append(Problem("regio", "setup.no_municipalities", "municipalities"))
        if problems:
            raise InputError(problems)
        region = db.get(Region, code)
        division = next(r.division for r in repo.regions(db) if r.division and r.division != "demo")
        if region is None:
            region = Region(code=code, name=name, division=division, data_version="")
            db.add(region)
            action = "region.create"
        else:
            region.name = name
            action = "region.update"
        db.flush()
        moving = [m for m in wanted if known[m].region_code != code]
        query = select(Area.municipality_code).where(Area.municipality_code.in_(moving))
        with_areas = sorted({str(m) for m in db.scalars(query.distinct())}) if moving else []
        if with_areas:
            listed: dict[str, object] = {"values": ", ".join(with_areas[:10])}
            rule = "setup.municipality_has_areas"
            raise InputError([Problem("regio", rule, "municipalities", values=listed)])
        changed = {code}
        for municipality in moving:
            changed.add(str(known[municipality].region_code))
            known[municipality].region_code = code
        for changed_code in changed:  # cached pages and answers show the new division
            found = db.get(Region, changed_code)
            if found is not None:
                found.revision += 1
        if len(changed) > 1 or action == "region.create":
            _rebuild_boundaries(db, geo_name)
        detail = f"{code} {name}: {', '.join(wanted)}"
        repo.audit(db, action, actor.user_id, code, detail[:1000], actor.client)
    return sorted(changed)
