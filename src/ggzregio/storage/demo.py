"""Loading the synthetic demo into an empty database: regions, areas with synthetic
boundaries and observed counts, the shipped scenarios, an inventory per region, the monitor
history, and three demo accounts (documented in the README; demo use only)."""

from __future__ import annotations

from typing import Final

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from ggzregio.demo import DEMO_LABEL, demo_areas_path, demo_observed
from ggzregio.geo import DEMO_SOURCE, synthetic_boundaries
from ggzregio.inventory.demo import demo_inventory
from ggzregio.monitor.demo import generate_demo_monitor
from ggzregio.storage.database import transaction
from ggzregio.storage.models import Region
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


def is_empty(session: Session) -> bool:
    return not session.scalar(select(func.count()).select_from(Region))


def load_demo(factory: sessionmaker[Session], with_users: bool = True) -> bool:
    """Fill an empty database with the demo; returns False (doing nothing) when it has data."""
    with transaction(factory) as session:
        if not is_empty(session):
            return False
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
        audit(session, "demo.loaded", None, detail=DEMO_LABEL)
    return True
