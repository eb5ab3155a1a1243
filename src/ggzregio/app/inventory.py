"""The capacity inventory of a region: the checklist per year, entered in the browser, through
the API or as the filled-in Excel template, with every changed value in the edit history."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy.orm import Session

from ggzregio.app.context import Actor, Context
from ggzregio.app.errors import NotYetError
from ggzregio.app.files import Upload
from ggzregio.app.regions import get_region
from ggzregio.errors import InputError, Problem
from ggzregio.inventory.excel import read_inventory_excel, write_inventory_excel
from ggzregio.inventory.model import Entry, Inventory, checklist_rows
from ggzregio.inventory.rules import inventory_problems, year_problems
from ggzregio.storage import repository as repo
from ggzregio.storage.database import transaction
from ggzregio.storage.models import Edit, Region

#: The year of a new inventory when none is chosen.
DEFAULT_YEAR = 2026


def region_inventory(db: Session, region: Region, year: int | None = None) -> Inventory | None:
    """The region's inventory of ``year`` (default: the latest), or None."""
    record = (
        repo.get_inventory(db, region.code, year)
        if year is not None
        else repo.latest_inventory(db, region.code)
    )
    return None if record is None else repo.inventory_from_record(record, region.name)


def inventory_or_404(db: Session, code: str, year: int | None = None) -> Inventory:
    """The inventory of region ``code`` and ``year``; :class:`NotYetError` when there is none."""
    inventory = region_inventory(db, get_region(db, code), year)
    if inventory is None:
        raise NotYetError("no_inventory", f"inventory {code} {year or ''}".strip())
    return inventory


def blank_inventory(region: Region, year: int) -> Inventory:
    """An empty checklist for the region and year."""
    return Inventory(
        region_code=region.code,
        year=year,
        region_name=region.name,
        inhabitants=float(region.inhabitants) if region.inhabitants else None,
    )


def inventory_or_blank(db: Session, region: Region, year: int) -> Inventory:
    return region_inventory(db, region, year) or blank_inventory(region, year)


def inventory_years(db: Session, code: str) -> list[int]:
    get_region(db, code)
    return repo.inventory_years(db, code)


def save_inventory(ctx: Context, actor: Actor, inventory: Inventory, file: str, action: str) -> int:
    """Check the inventory against the rules of :mod:`ggzregio.inventory.rules` (the same for
    the form, the API and the Excel template) and store it with its edit history (all or
    nothing); returns the number of values changed."""
    problems = inventory_problems(inventory, file)
    if problems:
        raise InputError(problems)
    with transaction(ctx.factory) as db:
        get_region(db, inventory.region_code)
        _, changed = repo.save_inventory(db, inventory, actor.user_id)
        detail = f"{inventory.year}: {changed}"
        repo.audit(db, action, actor.user_id, inventory.region_code, detail, actor.client)
    return changed


#: Fields of a checklist row a change may set.
ENTRY_FIELDS = ("fte", "places", "eur", "source", "note")


@dataclass(frozen=True)
class EntryChange:
    """The fields of one checklist row that a change sets (``None`` empties a value); the
    fields not named keep their stored value."""

    key: str
    fields: Mapping[str, float | str | None] = field(default_factory=dict)

    def applied(self, entry: Entry) -> Entry:
        """``entry`` with these fields set."""
        known = {k: v for k, v in self.fields.items() if k in ENTRY_FIELDS}
        if "source" in known or "note" in known:
            known.update({k: known[k] or "" for k in ("source", "note") if k in known})
        return replace(entry, **known)  # type: ignore[arg-type]


def change_inventory(
    ctx: Context,
    actor: Actor,
    code: str,
    year: int,
    changes: Iterable[EntryChange],
    inhabitants: float | None = None,
    file: str = "inventory",
) -> int:
    """Set the given fields of the given rows of the stored inventory of ``year`` (or of a
    blank one), leaving every other field as it was, and store it; returns the number of
    values changed. The form and the API both come here."""
    changes = list(changes)
    problems = year_problems(year, file)
    unknown = [c.key for c in changes if c.key not in checklist_rows()]
    if unknown:
        named: dict[str, object] = {"value": ", ".join(unknown)}
        problems.append(Problem(file, "unknown_row", key="key", values=named))
    if problems:
        raise InputError(problems)
    with ctx.factory() as db:
        region = get_region(db, code)
        current = inventory_or_blank(db, region, year)
    merged = dict(current.entries)
    for change in changes:
        merged[change.key] = change.applied(merged.get(change.key) or Entry(change.key))
    inventory = Inventory(
        region_code=code,
        year=year,
        entries={k: v for k, v in merged.items() if not v.empty},
        region_name=region.name,
        inhabitants=inhabitants if inhabitants is not None else current.inhabitants,
        compiled_by=current.compiled_by,
        source_file=current.source_file,
    )
    return save_inventory(ctx, actor, inventory, file, "inventory.update")


def import_inventory(
    ctx: Context, actor: Actor, code: str, upload: Upload
) -> tuple[Inventory, int]:
    """Store a filled-in Excel template (refused as a whole when any cell breaks a rule);
    returns the inventory as stored and the number of values changed."""
    read = upload.read(read_inventory_excel)
    if read.region_code and read.region_code != code:
        problem = Problem(
            upload.name, "other_region", "regio", values={"region": code}, sheet="regio"
        )
        raise InputError([problem])
    inventory = Inventory(
        region_code=code,
        year=read.year,
        entries=read.entries,
        region_name=read.region_name,
        inhabitants=read.inhabitants,
        compiled_by=read.compiled_by,
        source_file=upload.name,
    )
    return inventory, save_inventory(ctx, actor, inventory, upload.name, "inventory.upload")


def inventory_template(db: Session, code: str, year: int | None) -> bytes:
    """The Excel template, filled in with the stored inventory of ``year`` (or blank)."""
    region = get_region(db, code)
    inventory = region_inventory(db, region, year) or blank_inventory(region, DEFAULT_YEAR)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"inventaris-{code}.xlsx"
        write_inventory_excel(inventory, target)
        return target.read_bytes()


def edit_history(db: Session, code: str, limit: int = 5000) -> list[Edit]:
    """Every changed value in the region, newest first: who, when, old and new."""
    get_region(db, code)
    return repo.edits(db, code, limit=limit)


def entries_json(inventory: Inventory) -> dict[str, dict[str, object]]:
    """The inventory's filled-in rows as JSON-ready values."""
    return repo.entries_json(inventory)
