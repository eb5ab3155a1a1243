"""The spending categories of the reference frame (SPEC.md §3, Tabel 1-3: 004:1114-1134,
1329-1351, 1442-1464), shared by planning and the inventory, and the shipped data files."""

from __future__ import annotations

from importlib import resources
from typing import Final

from ggzregio.i18n import t

#: The four categories of the €38 million per 100,000 (order as in the seed's tables).
CATEGORIES: Final = ("clinical", "bw", "ambulant_epa", "ambulant_other")
#: Justice-funded care, outside the €38 million frame (004:1140-1142).
JUSTICE: Final = "justice"


def category_label(category: str) -> str:
    """Name of a spending category in the active language."""
    return t(f"category.{category}")


def data_text(*parts: str) -> str:
    """Text of a file shipped under ``ggzregio/data``."""
    return resources.files("ggzregio").joinpath("data", *parts).read_text(encoding="utf-8")
