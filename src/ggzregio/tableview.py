"""Tables as people see them: columns with their header, decimals and kind, and cells
formatted in the active language (Dutch numbers: 14,99; years without grouping; euros with
the currency sign; codes by their name). Shared by the web pages and the report."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import pandas as pd

from ggzregio.formatting import MISSING, format_euro, format_number, format_shown, format_year
from ggzregio.i18n import MESSAGES, get_language, t


def format_date(value: datetime | None) -> str:
    """Dutch date and time: 22-11-2026 14:05 (English: 2026-11-22 14:05)."""
    if value is None:
        return "–"
    return value.strftime("%d-%m-%Y %H:%M" if get_language() == "nl" else "%Y-%m-%d %H:%M")


def format_cell_number(value: object, decimals: int = 0) -> str:
    try:
        return format_shown(value, decimals)
    except (TypeError, ValueError):
        return str(value)


def format_cell_euro(value: object, decimals: int = 0) -> str:
    if isinstance(value, str):
        return value
    try:
        return format_euro(None if value is None else float(value), decimals)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)


#: How a column is shown: text (or codes), a number, a year (never grouped: 2028; an infinite
#: projected year is "niet op deze trend") or an amount in euros ("€ 12.345.678").
Kind = Literal["", "number", "year", "eur"]


@dataclass(frozen=True)
class Column:
    """A column shown in a table: frame column, message key of its header, decimals
    (None for text), and for a column of codes the message-key prefix that names them in the
    user's language (``"status."``: ``below`` is shown as ``status.below``, "onder doel").

    ``kind="year"`` shows years without a thousands separator; ``kind="eur"`` shows euros with
    the currency sign (whole euros unless ``decimals`` says otherwise). ``decimals_from`` names
    a frame column with each row's decimals (a table of mixed units: euros without cents next
    to fte with one decimal)."""

    key: str
    label: str
    decimals: int | None = None
    codes: str = ""
    kind: Kind = ""
    decimals_from: str = ""

    @property
    def numeric(self) -> bool:
        return self.kind in ("number", "year", "eur") or self.decimals is not None


@dataclass(frozen=True)
class TableView:
    """A table as the page shows it: headers, formatted cells with sort keys, download name."""

    name: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[tuple[str, str], ...], ...]
    download: str = ""
    caption: str = ""


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _sort_key(number: float) -> str:
    """A sort key the page's script reads with ``parseFloat`` (``Infinity``, not ``inf``)."""
    if number in (math.inf, -math.inf):
        return "Infinity" if number > 0 else "-Infinity"
    return repr(number)


def _cell(col: Column, value: object, record: Mapping[Any, Any]) -> tuple[str, str]:
    """The text and sort key of one cell."""
    if col.kind == "year":
        if isinstance(value, str):
            return value, value
        if _blank(value):
            return MISSING, ""
        return format_year(value), _sort_key(float(value))  # type: ignore[arg-type]
    if not col.numeric or isinstance(value, str):
        text = "" if _blank(value) else str(value)
        if col.codes and f"{col.codes}{text}" in MESSAGES:
            text = t(f"{col.codes}{text}")
        return text, text
    if _blank(value) or pd.isna(value):  # type: ignore[call-overload]
        return MISSING, ""
    number = float(value)  # type: ignore[arg-type]
    decimals = col.decimals or 0
    if col.decimals_from:
        row_decimals = record.get(col.decimals_from)
        if isinstance(row_decimals, int | float) and not _blank(row_decimals):
            decimals = int(row_decimals)
    if col.kind == "eur":
        return format_euro(number, decimals), _sort_key(number)
    return format_number(number, decimals), _sort_key(number)


def table_view(
    name: str,
    title: str,
    frame: pd.DataFrame,
    columns: Sequence[Column],
    download: str = "",
    caption: str = "",
    links: Mapping[str, str] | None = None,
    labels: Mapping[str, Mapping[str, str]] | None = None,
) -> TableView:
    """Format ``frame`` for display: numbers in the active language, years without a
    thousands separator, infinity and not-a-number never raw, suppression markers as they
    are, codes by their name (``codes`` message prefix, or ``labels``: per column key a
    code -> name mapping, e.g. indicator codes to their names), a sort key per cell (raw
    number or text)."""
    present = [c for c in columns if c.key in frame.columns]
    named = labels or {}
    rows = []
    for record in frame.to_dict("records"):
        cells = []
        for col in present:
            value = record.get(col.key)
            names = named.get(col.key)
            if names is not None and not _blank(value) and str(value) in names:
                text = names[str(value)]
                cells.append((text, text))
            else:
                cells.append(_cell(col, value, record))
        rows.append(tuple(cells))
    return TableView(name, title, tuple(present), tuple(rows), download, caption)
