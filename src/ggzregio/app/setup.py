"""Setting up an instance: the database schema, a real division of the Netherlands (the
shipped 2024 geography or a lookup file) with its first national admin, or the synthetic
demo."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ggzregio.app.context import Actor, Context
from ggzregio.app.errors import ConflictError
from ggzregio.errors import InputError, Problem
from ggzregio.geography import LAYERS, geography, merged_regions, municipality_layer
from ggzregio.regions import read_lookup
from ggzregio.storage import repository as repo
from ggzregio.storage import users
from ggzregio.storage.database import current_revision, transaction, upgrade
from ggzregio.storage.models import Municipality, Region


def schema_revision(ctx: Context) -> str | None:
    """The schema version of the database (None: not migrated)."""
    return current_revision(ctx.engine)


def upgrade_schema(ctx: Context) -> str | None:
    """Bring the schema to the newest version; returns it."""
    upgrade(ctx.engine)
    return current_revision(ctx.engine)


def load_demo(ctx: Context) -> bool:
    """Migrate and load the synthetic demo (regions, areas, accounts) unless present; True
    when it was loaded now."""
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
    by_code = {f["properties"]["code"]: f for f in municipal["features"]}
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
        stored = 0
        for code, rows in division.groupby("region_code"):
            features = [by_code[m] for m in rows["municipality_code"] if m in by_code]
            collection = {
                "type": "FeatureCollection",
                "features": features,
                "attribution": geo.attribution,
            }
            repo.store_boundary(db, "municipality", str(code), collection, geo.attribution)
            stored += 1
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
