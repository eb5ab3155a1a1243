"""Reading and writing the neighbourhood load's stored state (docs/neighbourhood.md): planned
placements per area and year, ceilings per area, imported indicators and adopted spreads.

Every change of a placement or a ceiling is recorded in ``edit_history`` (old and new value,
who, when; a placement's row has no region, so the region's history pages, which its viewers
read, never show a count of people unprotected); callers add the ``audit_log`` entry and raise
the region's revision in the same transaction (:mod:`ggzregio.app.neighbourhood`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ggzregio.storage.models import Area, now
from ggzregio.storage.neighbourhood_models import (
    ENTERED,
    SPREAD,
    AreaIndicator,
    NeighbourhoodCeiling,
    NeighbourhoodPlacement,
    NeighbourhoodSpread,
)
from ggzregio.storage.repository import record_edits

PLACEMENT_ENTITY = "neighbourhood_placement"
CEILING_ENTITY = "neighbourhood_ceiling"


@dataclass(frozen=True)
class StoredCeiling:
    """A ceiling as stored: kind (``placements`` / ``per_1000_adults``), value, when and by
    whom it was agreed."""

    kind: str
    value: float
    agreed_on: date | None = None
    agreed_by: str = ""


def placements(
    session: Session, region_code: str, year: int, source: str | None = None
) -> dict[str, int]:
    """Planned placements per area code of one year (both sources summed unless ``source``)."""
    query = select(NeighbourhoodPlacement.area_code, NeighbourhoodPlacement.placements).where(
        NeighbourhoodPlacement.region_code == region_code, NeighbourhoodPlacement.year == year
    )
    if source is not None:
        query = query.where(NeighbourhoodPlacement.source == source)
    out: dict[str, int] = {}
    for code, n in session.execute(query):
        out[str(code)] = out.get(str(code), 0) + int(n)
    return out


def placement_years(session: Session, region_code: str) -> list[int]:
    """The years with stored placements or an adopted spread."""
    years = set(
        session.scalars(
            select(NeighbourhoodPlacement.year).where(
                NeighbourhoodPlacement.region_code == region_code
            )
        )
    )
    years |= set(
        session.scalars(
            select(NeighbourhoodSpread.year).where(NeighbourhoodSpread.region_code == region_code)
        )
    )
    return sorted(int(y) for y in years)


def set_placements(
    session: Session,
    region_code: str,
    year: int,
    values: Mapping[str, int | None],
    user_id: int | None,
    source: str = ENTERED,
) -> int:
    """Set the ``source`` placements of the named areas (None or 0 removes the entry), with
    one edit-history row per changed value; returns how many changed."""
    current = {
        r.area_code: r
        for r in session.scalars(
            select(NeighbourhoodPlacement).where(
                NeighbourhoodPlacement.region_code == region_code,
                NeighbourhoodPlacement.year == year,
                NeighbourhoodPlacement.source == source,
            )
        )
    }
    changed = 0
    for code, value in values.items():
        row = current.get(code)
        new = None if not value else int(value)
        old = None if row is None else row.placements
        key = f"{region_code}/{year}/{code}"
        # Kept without a region: the region's edit history is readable by its viewers
        # (``/api/v1/regions/{code}/history``), and placements are counts of people that
        # only the protected display may show. The key names region, year and area.
        changed += record_edits(
            session, user_id, None, PLACEMENT_ENTITY, key, {source: old}, {source: new}
        )
        if new is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(NeighbourhoodPlacement(
                region_code=region_code, area_code=code, year=year, placements=new,
                source=source, updated_by=user_id, updated_at=now(),
            ))  # fmt: skip
        elif row.placements != new:
            row.placements, row.updated_by, row.updated_at = new, user_id, now()
    session.flush()
    return changed


def ceilings(session: Session, region_code: str) -> dict[str, StoredCeiling]:
    """The ceiling of every area that has one."""
    query = select(NeighbourhoodCeiling).where(NeighbourhoodCeiling.region_code == region_code)
    return {
        r.area_code: StoredCeiling(r.kind, float(r.value), r.agreed_on, r.agreed_by)
        for r in session.scalars(query)
    }


def set_ceilings(
    session: Session,
    region_code: str,
    values: Mapping[str, StoredCeiling | None],
    user_id: int | None,
) -> int:
    """Set or remove (None) the ceilings of the named areas, recording every changed field;
    returns how many fields changed."""
    query = select(NeighbourhoodCeiling).where(NeighbourhoodCeiling.region_code == region_code)
    current = {r.area_code: r for r in session.scalars(query)}
    changed = 0
    for code, ceiling in values.items():
        row = current.get(code)
        old = {} if row is None else _ceiling_fields(
            StoredCeiling(row.kind, row.value, row.agreed_on, row.agreed_by))  # fmt: skip
        new = {} if ceiling is None else _ceiling_fields(ceiling)
        changed += record_edits(session, user_id, region_code, CEILING_ENTITY,
                                f"{region_code}/{code}", old, new)  # fmt: skip
        if ceiling is None:
            if row is not None:
                session.delete(row)
            continue
        if row is None:
            row = NeighbourhoodCeiling(region_code=region_code, area_code=code)
            session.add(row)
        if old != new:
            row.kind, row.value = ceiling.kind, float(ceiling.value)
            row.agreed_on, row.agreed_by = ceiling.agreed_on, ceiling.agreed_by
            row.updated_by, row.updated_at = user_id, now()
    session.flush()
    return changed


def _ceiling_fields(ceiling: StoredCeiling) -> dict[str, object]:
    return {
        "kind": ceiling.kind,
        "value": float(ceiling.value),
        "agreed_on": None if ceiling.agreed_on is None else ceiling.agreed_on.isoformat(),
        "agreed_by": ceiling.agreed_by or None,
    }


def area_values(
    session: Session, region_code: str, names: tuple[str, ...]
) -> dict[str, dict[str, object]]:
    """Per area code the named extra columns of the stored area table (a CBS import keeps
    ``pct_corporation_rental`` there; :func:`ggzregio.storage.repository.area_frame` shows
    only the canonical columns)."""
    query = select(Area.area_code, Area.extra).where(Area.region_code == region_code)
    return {
        str(code): {n: (extra or {}).get(n) for n in names}
        for code, extra in session.execute(query)
    }


def indicators(session: Session, region_code: str) -> dict[str, dict[str, float | None]]:
    """Imported indicators per area code: name → value (None: no value in the source)."""
    query = select(AreaIndicator.area_code, AreaIndicator.name, AreaIndicator.value).where(
        AreaIndicator.region_code == region_code
    )
    out: dict[str, dict[str, float | None]] = {}
    for code, name, value in session.execute(query):
        out.setdefault(str(code), {})[str(name)] = None if value is None else float(value)
    return out


def replace_indicators(
    session: Session,
    region_code: str,
    values: Mapping[str, Mapping[str, float | None]],
    names: tuple[str, ...],
    source_file: str,
    user_id: int | None,
) -> int:
    """Replace the indicators ``names`` of the region by ``values`` (area → name → value);
    other indicators are kept. Returns the number of values stored."""
    session.execute(
        delete(AreaIndicator).where(
            AreaIndicator.region_code == region_code, AreaIndicator.name.in_(names)
        )
    )
    rows = [
        AreaIndicator(
            region_code=region_code,
            area_code=code,
            name=name,
            value=value,
            source_file=source_file,
            created_by=user_id,
            created_at=now(),
        )
        for code, named in values.items()
        for name, value in named.items()
        if name in names
    ]
    session.add_all(rows)
    session.flush()
    return len(rows)


def spread_record(session: Session, region_code: str, year: int) -> NeighbourhoodSpread | None:
    """The spread the region adopted for ``year``, if any."""
    return session.scalar(
        select(NeighbourhoodSpread).where(
            NeighbourhoodSpread.region_code == region_code, NeighbourhoodSpread.year == year
        )
    )


def adopt_spread(
    session: Session,
    region_code: str,
    year: int,
    total: int,
    rule: str,
    placed: Mapping[str, int],
    user_id: int | None,
) -> int:
    """Store a spread for ``year``: its record and its placements (replacing an earlier spread
    of that year); returns the number of changed placement values."""
    earlier = placements(session, region_code, year, SPREAD)
    values: dict[str, int | None] = dict.fromkeys(earlier)
    values.update({code: n for code, n in placed.items() if n})
    changed = set_placements(session, region_code, year, values, user_id, SPREAD)
    record = spread_record(session, region_code, year)
    if record is None:
        record = NeighbourhoodSpread(region_code=region_code, year=year)
        session.add(record)
    record.total, record.rule, record.created_by, record.created_at = total, rule, user_id, now()
    session.flush()
    return changed
