"""Loading the synthetic demo into an empty database: regions, areas with synthetic
boundaries and observed counts, the shipped scenarios, an inventory per region, the monitor
history, and three demo accounts (documented in the README; demo use only).

A database that holds the demo at the current data version (:data:`DEMO_LABEL`, recorded in
the audit log as ``demo.loaded``) is left as it is, so ``ggzregio serve --demo`` on an existing
demo database does no work. One that holds the demo of another version is emptied and loaded
anew (its audit log and revision counters kept, so no cached answer of the old data is reused).
"""

from __future__ import annotations

from typing import Final

import pandas as pd
from sqlalchemy import MetaData, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from ggzregio.demo import DEMO_LABEL, demo_areas_path, demo_observed
from ggzregio.geo import DEMO_SOURCE, synthetic_boundaries
from ggzregio.inventory.demo import demo_inventory
from ggzregio.monitor.demo import generate_demo_monitor
from ggzregio.storage.database import transaction
from ggzregio.storage.models import AuditEntry, Counter, Region
from ggzregio.storage.repository import (
    add_shipped_norm_sets,
    audit,
    bulk_monitor,
    replace_areas,
    replace_observed,
    save_inventory,
    store_boundary,
)
from ggzregio.storage.users import create_user, set_role

#: Demo accounts: (email, name, national admin, {region: role}). Password: DEMO_PASSWORD.
DEMO_PASSWORD: Final = "demo-wachtwoord"
DEMO_USERS: Final[tuple[tuple[str, str, bool, dict[str, str]], ...]] = (
    ("beheer@demo.ggzregio.nl", "Landelijk beheer (demo)", True, {}),
    ("redacteur@demo.ggzregio.nl", "Redacteur Regio 01 (demo)", False, {"RG01": "editor"}),
    ("lezer@demo.ggzregio.nl", "Lezer Regio 02 (demo)", False, {"RG02": "viewer"}),
)


#: The audit action that records which demo version was loaded.
LOADED: Final = "demo.loaded"
#: Tables a reload keeps: the schema version, the audit log (the security trail) and the
#: revision counters (raised instead, so caches keyed by them see new data).
_KEPT: Final = frozenset({"alembic_version", "audit_log", "counters"})


def is_empty(session: Session) -> bool:
    return not session.scalar(select(func.count()).select_from(Region))


def loaded_version(session: Session) -> str | None:
    """The demo version last loaded into the database (None: never)."""
    query = select(AuditEntry.detail).where(AuditEntry.action == LOADED)
    return session.scalar(query.order_by(AuditEntry.id.desc()).limit(1))


def _holds_only_demo(session: Session) -> bool:
    divisions = set(session.scalars(select(Region.division).distinct()))
    return divisions == {"demo"}


def _clear(session: Session) -> int:
    """Empty every table but :data:`_KEPT` (read from the database, so tables of every
    migration are covered) for a reload; returns the regions' summed revisions, from which
    the new regions count on (revisions only grow)."""
    revisions = int(session.scalar(select(func.coalesce(func.sum(Region.revision), 0))) or 0)
    tables = MetaData()
    tables.reflect(bind=session.connection())
    for table in reversed(tables.sorted_tables):  # dependants before what they refer to
        if table.name not in _KEPT:
            session.execute(table.delete())
    session.execute(update(Counter).values(value=Counter.value + 1))
    return revisions


def load_demo(factory: sessionmaker[Session], with_users: bool = True) -> bool:
    """Fill an empty database with the demo, or replace a demo of another version; returns
    False (doing nothing) when it holds the current demo or other data."""
    with transaction(factory) as session:
        revision = 1
        if not is_empty(session):
            if not _holds_only_demo(session) or loaded_version(session) == DEMO_LABEL:
                return False
            revision += _clear(session)
        areas = pd.read_csv(
            demo_areas_path(),
            dtype={"area_code": str, "municipality_code": str, "region_code": str},
        )
        grouped = areas.groupby(["region_code", "region_name"], as_index=False)["inhabitants"].sum()
        totals = list(
            zip(grouped["region_code"], grouped["region_name"], grouped["inhabitants"], strict=True)
        )
        for code, name, inhabitants in totals:
            session.add(
                Region(
                    code=code,
                    name=name,
                    inhabitants=int(inhabitants),
                    data_version=DEMO_LABEL,
                    synthetic=True,
                    division="demo",
                    revision=revision,
                )
            )
        session.flush()
        observed = demo_observed().merge(areas[["area_code", "region_code"]], on="area_code")
        region_fc, area_fcs = synthetic_boundaries(areas)
        store_boundary(session, "region", None, region_fc, DEMO_SOURCE)
        for code, _name, inhabitants in totals:
            own = areas[areas["region_code"] == code]
            replace_areas(session, code, own)
            replace_observed(
                session, code, observed[observed["region_code"] == code], "demo (synthetisch)"
            )
            store_boundary(session, "area", code, area_fcs[code], DEMO_SOURCE)
            save_inventory(session, demo_inventory(code, float(inhabitants)), None)
        add_shipped_norm_sets(session)
        bulk_monitor(session, generate_demo_monitor().frame)
        if with_users:
            for email, display, national, roles in DEMO_USERS:
                user = create_user(session, email, DEMO_PASSWORD, display, national)
                for region, role in roles.items():
                    set_role(session, user, region, role)
        audit(session, LOADED, None, detail=DEMO_LABEL)
    return True
