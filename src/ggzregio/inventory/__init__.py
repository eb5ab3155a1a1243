"""The inventory of current regional GGZ capacity and spending: the checklist of SPEC.md §4
as a typed model (:mod:`~ggzregio.inventory.model`), its Excel template
(:mod:`~ggzregio.inventory.excel`) and a synthetic example (:mod:`~ggzregio.inventory.demo`)."""

from ggzregio.inventory.excel import read_inventory_excel, write_inventory_excel
from ggzregio.inventory.model import (
    ChecklistRow,
    Entry,
    Inventory,
    category_totals,
    check_totals,
    checklist_rows,
    inventory_frame,
)

__all__ = [
    "ChecklistRow",
    "Entry",
    "Inventory",
    "category_totals",
    "check_totals",
    "checklist_rows",
    "inventory_frame",
    "read_inventory_excel",
    "write_inventory_excel",
]
