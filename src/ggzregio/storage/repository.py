"""Reading and writing the stored state as the library's own types.

Every write that changes user data records what changed in ``edit_history`` (who, when, old
and new value) and an ``audit_log`` entry; callers run these inside one transaction
(:func:`ggzregio.storage.database.transaction`) so a failed import changes nothing.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import Any, Final

import pandas as pd
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ggzregio.inventory.model import Entry, Inventory
from ggzregio.monitor.catalogue import Catalogue
from ggzregio.monitor.data import TIDY_COLUMNS, MonitorData
from ggzregio.privacy.tables import Fact
from ggzregio.storage.models import (
    Area,
    AuditEntry,
    Boundary,
    Counter,
    Edit,
    InventoryRecord,
    MonitorValue,
    Municipality,
    ObservedCount,
    PublishedFact,
    Region,
    Scenario,
)

AREA_COLUMNS: Final = (
    "area_code",
    "area_name",
    "municipality_code",
    "municipality_name",
    "inhabitants",
    "adults",
    "oad",
    "urbanity_class",
    "pct_single_households",
    "pct_wwb",
    "pct_ao",
)
ENTRY_FIELDS: Final = ("fte", "places", "eur", "source", "note")


def audit(
    session: Session,
    action: str,
    user_id: int | None,
    region_code: str | None = None,
    detail: str = "",
    client: str = "",
) -> None:
    """Add an audit log entry (committed with the caller's transaction)."""
    session.add(
        AuditEntry(
            action=action, user_id=user_id, region_code=region_code, detail=detail, client=client
        )
    )


def _text(value: object) -> str | None:
    """A value as stored in the edit history; equal numbers give equal text (a whole number
    read from a form as 3610305.0 is no change from 3610305)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        value = int(value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def record_edits(
    session: Session,
    user_id: int | None,
    region_code: str | None,
    entity: str,
    entity_key: str,
    old: Mapping[str, object],
    new: Mapping[str, object],
) -> int:
    """Record one ``edit_history`` row per field whose value differs; returns how many."""
    changed = 0
    for field in sorted(set(old) | set(new)):
        before, after = _text(old.get(field)), _text(new.get(field))
        if before != after:
            session.add(
                Edit(
                    user_id=user_id,
                    region_code=region_code,
                    entity=entity,
                    entity_key=entity_key,
                    field=field,
                    old_value=before,
                    new_value=after,
                )
            )
            changed += 1
    return changed


# --- regions and areas --------------------------------------------------------------------


def regions(session: Session) -> list[Region]:
    return list(session.scalars(select(Region).order_by(Region.code)))


def area_count(session: Session, region_code: str) -> int:
    """How many areas region ``region_code`` has."""
    query = select(func.count()).select_from(Area).where(Area.region_code == region_code)
    return int(session.scalar(query) or 0)


def areas_elsewhere(session: Session, region_code: str, codes: Iterable[str]) -> dict[str, str]:
    """Which of the area ``codes`` are stored for another region than ``region_code``
    (area codes are unique over all regions): code to that region."""
    wanted = list(dict.fromkeys(str(c) for c in codes))
    found: dict[str, str] = {}
    for start in range(0, len(wanted), 900):
        query = select(Area.area_code, Area.region_code).where(
            Area.area_code.in_(wanted[start : start + 900]), Area.region_code != region_code
        )
        found.update({str(a): str(r) for a, r in session.execute(query)})
    return found


def municipalities(session: Session, region_code: str) -> list[Municipality]:
    """The municipalities of region ``region_code`` (by code)."""
    query = select(Municipality).where(Municipality.region_code == region_code)
    return list(session.scalars(query.order_by(Municipality.code)))


def add_shipped_norm_sets(session: Session) -> int:
    """Store the shipped norm sets that are not stored yet (public, no region); returns how
    many were added."""
    from ggzregio.planning.norms import shipped_norm_sets
    from ggzregio.planning.scenario_file import norm_set_data

    stored = set(session.scalars(select(Scenario.name).where(Scenario.region_code.is_(None))))
    added = [n for n in shipped_norm_sets() if n not in stored]
    for name in added:
        session.add(Scenario(region_code=None, name=name, data=norm_set_data(name)))
    return len(added)


def area_frame(session: Session, region_code: str | None = None) -> pd.DataFrame:
    """The canonical area table (with region code and name) of one region or of all."""
    query = select(Area, Region.name).join(Region, Region.code == Area.region_code)
    if region_code is not None:
        query = query.where(Area.region_code == region_code)
    rows = session.execute(query.order_by(Area.area_code)).all()
    records = []
    for area, region_name in rows:
        record: dict[str, Any] = {c: getattr(area, c) for c in AREA_COLUMNS}
        record.update(area.extra or {})
        record["region_code"] = area.region_code
        record["region_name"] = region_name
        records.append(record)
    frame = pd.DataFrame.from_records(
        records, columns=[*AREA_COLUMNS, "region_code", "region_name"]
    )
    return frame.dropna(axis="columns", how="all")


def replace_areas(session: Session, region_code: str, frame: pd.DataFrame) -> int:
    """Replace the areas of ``region_code`` by ``frame`` (a
    validated canonical area table). Observed counts are kept (joined by area code).
    Returns the number of areas."""
    session.execute(delete(Area).where(Area.region_code == region_code))
    extras = [c for c in frame.columns if c not in AREA_COLUMNS and not c.startswith("region_")]
    for row in frame.to_dict("records"):
        values = {c: _clean(row.get(c)) for c in AREA_COLUMNS}
        values["area_code"] = str(values["area_code"])
        for text in ("area_name", "municipality_code", "municipality_name"):
            values[text] = "" if values[text] is None else str(values[text])
        extra = {c: _clean(row[c]) for c in extras if c != "observed_cases"}
        session.add(Area(region_code=region_code, extra=extra, **values))
    session.flush()
    return len(frame)


def _clean(value: object) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def observed_frame(session: Session, region_code: str | None = None) -> pd.DataFrame:
    query = select(ObservedCount.area_code, ObservedCount.observed_cases)
    if region_code is not None:
        query = query.where(ObservedCount.region_code == region_code)
    rows = session.execute(query).all()
    return pd.DataFrame(rows, columns=["area_code", "observed_cases"])


def replace_observed(session: Session, region_code: str, frame: pd.DataFrame, source: str) -> int:
    session.execute(delete(ObservedCount).where(ObservedCount.region_code == region_code))
    session.add_all(
        ObservedCount(
            area_code=str(code), region_code=region_code, observed_cases=int(n), source=source
        )
        for code, n in zip(frame["area_code"], frame["observed_cases"], strict=True)
    )
    return len(frame)


# --- boundaries ---------------------------------------------------------------------------


def boundary(session: Session, level: str, region_code: str | None) -> dict[str, Any] | None:
    query = select(Boundary.geojson).where(Boundary.level == level)
    query = query.where(
        Boundary.region_code.is_(None)
        if region_code is None
        else Boundary.region_code == region_code
    )
    text = session.scalar(query)
    return None if text is None else dict(json.loads(text))


def store_boundary(
    session: Session,
    level: str,
    region_code: str | None,
    collection: Mapping[str, Any],
    source: str,
) -> None:
    query = delete(Boundary).where(Boundary.level == level)
    query = query.where(
        Boundary.region_code.is_(None)
        if region_code is None
        else Boundary.region_code == region_code
    )
    session.execute(query)
    session.add(
        Boundary(
            level=level,
            region_code=region_code,
            geojson=json.dumps(collection, separators=(",", ":")),
            source=source,
        )
    )


# --- scenarios ------------------------------------------------------------------------------


def scenarios(session: Session, region_code: str | None = None) -> list[Scenario]:
    """Shipped scenarios and, with ``region_code``, that region's own (private included:
    callers filter by access)."""
    query = select(Scenario).where(Scenario.region_code.is_(None))
    if region_code is not None:
        query = select(Scenario).where(
            (Scenario.region_code.is_(None)) | (Scenario.region_code == region_code)
        )
    return list(session.scalars(query.order_by(Scenario.region_code, Scenario.name)))


# --- inventories --------------------------------------------------------------------------


def inventory_from_record(record: InventoryRecord, region_name: str = "") -> Inventory:
    entries = {
        key: Entry(
            key,
            fte=values.get("fte"),
            places=values.get("places"),
            eur=values.get("eur"),
            source=values.get("source") or "",
            note=values.get("note") or "",
        )
        for key, values in (record.entries or {}).items()
    }
    return Inventory(
        region_code=record.region_code,
        year=record.year,
        entries=entries,
        region_name=region_name,
        inhabitants=record.inhabitants,
        compiled_by=record.compiled_by,
        source_file=record.source_file,
        data_version=f"database v{record.version}",
    )


def entries_json(inventory: Inventory) -> dict[str, dict[str, Any]]:
    return {
        key: {f: getattr(entry, f) for f in ENTRY_FIELDS}
        for key, entry in inventory.entries.items()
        if not entry.empty
    }


def inventory_years(session: Session, region_code: str) -> list[int]:
    query = select(InventoryRecord.year).where(InventoryRecord.region_code == region_code)
    return sorted(session.scalars(query))


def get_inventory(session: Session, region_code: str, year: int) -> InventoryRecord | None:
    return session.scalar(
        select(InventoryRecord).where(
            InventoryRecord.region_code == region_code, InventoryRecord.year == year
        )
    )


def latest_inventory(session: Session, region_code: str) -> InventoryRecord | None:
    return session.scalar(
        select(InventoryRecord)
        .where(InventoryRecord.region_code == region_code)
        .order_by(InventoryRecord.year.desc())
        .limit(1)
    )


def save_inventory(
    session: Session, inventory: Inventory, user_id: int | None
) -> tuple[InventoryRecord, int]:
    """Insert or update the inventory of its region and year, recording every changed value.
    Returns the record and the number of changed values."""
    record = get_inventory(session, inventory.region_code, inventory.year)
    new_entries = entries_json(inventory)
    old_flat: dict[str, object] = {}
    if record is None:
        record = InventoryRecord(region_code=inventory.region_code, year=inventory.year, version=0)
        session.add(record)
    else:
        old_flat = _flatten(record.entries or {})
        old_flat["inhabitants"] = record.inhabitants
    new_flat = _flatten(new_entries)
    new_flat["inhabitants"] = inventory.inhabitants
    changed = record_edits(
        session,
        user_id,
        inventory.region_code,
        "inventory",
        f"{inventory.region_code}/{inventory.year}",
        old_flat,
        new_flat,
    )
    record.entries = new_entries
    record.inhabitants = inventory.inhabitants
    record.compiled_by = inventory.compiled_by
    record.source_file = inventory.source_file
    record.version = (record.version or 0) + 1
    session.flush()
    return record, changed


def _flatten(entries: Mapping[str, Mapping[str, Any]]) -> dict[str, object]:
    return {f"{k}.{f}": v.get(f) for k, v in entries.items() for f in ENTRY_FIELDS if v.get(f)}


# --- monitor --------------------------------------------------------------------------------


def monitor_data(session: Session, catalogue: Catalogue) -> MonitorData:
    rows = session.execute(
        select(
            MonitorValue.region_code,
            MonitorValue.year,
            MonitorValue.indicator,
            MonitorValue.value,
            MonitorValue.unit,
            MonitorValue.source,
            MonitorValue.status,
        )
    ).all()
    frame = pd.DataFrame(rows, columns=list(TIDY_COLUMNS))
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype(float)
    names = {r.code: r.name for r in regions(session)}
    synthetic = bool(session.scalar(select(func.count()).where(Region.synthetic)))
    version = "database" + (" (SYNTHETISCH)" if synthetic else "")
    return MonitorData(frame, catalogue, names, version, synthetic=synthetic)


def save_monitor_values(
    session: Session, frame: pd.DataFrame, user_id: int | None, region_code: str | None
) -> int:
    """Insert or replace tidy monitor rows, recording changed values. Returns rows written."""
    written = 0
    for row in frame.to_dict("records"):
        key = (str(row["region_code"]), int(row["year"]), str(row["indicator"]))
        existing = session.get(MonitorValue, key)
        old = {"value": existing.value} if existing else {}
        record_edits(
            session,
            user_id,
            key[0],
            "monitor",
            "/".join(map(str, key)),
            old,
            {"value": float(row["value"])},
        )
        if existing is None:
            existing = MonitorValue(region_code=key[0], year=key[1], indicator=key[2])
            session.add(existing)
        existing.value = float(row["value"])
        existing.unit = str(row.get("unit") or "")
        existing.source = str(row.get("source") or "")
        existing.status = str(row.get("status") or "final")
        written += 1
    return written


def bulk_monitor(session: Session, frame: pd.DataFrame) -> None:
    """Fast insert of tidy rows into an empty table (demo loading)."""
    rows: list[dict[str, Any]] = [
        {str(k): v for k, v in row.items()} for row in frame[list(TIDY_COLUMNS)].to_dict("records")
    ]
    session.bulk_insert_mappings(MonitorValue, rows)


def edits(session: Session, region_code: str, limit: int = 200) -> list[Edit]:
    return list(
        session.scalars(
            select(Edit)
            .where(Edit.region_code == region_code)
            .order_by(Edit.id.desc())
            .limit(limit)
        )
    )


def counter(session: Session, name: str) -> int:
    record = session.get(Counter, name)
    return 0 if record is None else record.value


def bump(session: Session, name: str) -> None:
    """Raise counter ``name`` by one in the caller's transaction, atomically (an ``UPDATE ...
    SET value = value + 1``: two concurrent writers each count, none is lost)."""
    raised = session.execute(
        update(Counter).where(Counter.name == name).values(value=Counter.value + 1)
    )
    if not getattr(raised, "rowcount", 0):
        session.add(Counter(name=name, value=1))
        session.flush()


# --- disclosure history -------------------------------------------------------------------


def published_facts(session: Session, scope: str, before_revision: int) -> list[Fact]:
    """Facts published about ``scope`` by outputs of revisions before ``before_revision``."""
    query = select(PublishedFact.members, PublishedFact.value).where(
        PublishedFact.scope == scope, PublishedFact.revision < before_revision
    )
    return [Fact.from_json(list(m), float(v)) for m, v in session.execute(query).all()]


def remember_facts(session: Session, scope: str, revision: int, facts: list[Fact]) -> int:
    """Store the facts of an output of ``revision`` not stored before; the number added."""
    known = set(session.scalars(select(PublishedFact.digest).where(PublishedFact.scope == scope)))
    new = {}
    for fact in facts:
        digest = fact.digest()
        if digest not in known:
            new[digest] = fact
    session.add_all(
        PublishedFact(scope=scope, revision=revision, digest=d, members=f.to_json(), value=f.value)
        for d, f in new.items()
    )
    return len(new)


def forget_facts(session: Session, scope: str) -> None:
    """Drop the history of ``scope`` (its data were replaced as a whole)."""
    session.execute(delete(PublishedFact).where(PublishedFact.scope == scope))
