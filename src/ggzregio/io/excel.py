"""Formatted Excel output (one sheet per level plus an information sheet) and reading it back."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ggzregio.i18n import t
from ggzregio.io.cells import text_cells_only
from ggzregio.io.results import TEXT_COLUMNS, ResultSet

INFO_SHEET = "toelichting"
_LEVEL_ROW = "sheet:"


def _sheet_name(level: str, used: set[str]) -> str:
    key = f"sheet.{level}"
    name = t(key)
    if name == key:
        name = level
    name = name[:31]
    base, i = name, 2
    while name in used:
        name = f"{base[:28]}_{i}"
        i += 1
    used.add(name)
    return name


def _number_format(column: str) -> str | None:
    if column in ("adults", "inhabitants", "n_areas") or column.startswith("implied_"):
        return "#,##0"
    if column.endswith("_per_1000") or column.startswith("pct_"):
        return "0.00"
    if (
        column.endswith("_cases")
        or column.endswith("per_100k_inhabitants")
        or column.startswith("index")
    ):
        return "#,##0.0"
    return None


def write_excel(result: ResultSet, target: Path) -> None:
    """Write a :class:`~ggzregio.io.results.ResultSet` as a formatted workbook to ``target``."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    used = {INFO_SHEET}
    sheets = {level: _sheet_name(level, used) for level in result.tables}
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        info_rows = [(key, str(value)) for key, value in result.metadata.items()]
        info_rows += [(f"{_LEVEL_ROW}{sheet}", level) for level, sheet in sheets.items()]
        pd.DataFrame(info_rows, columns=["item", "value"]).to_excel(
            writer, sheet_name=INFO_SHEET, index=False
        )
        for level, table in result.tables.items():
            table.to_excel(writer, sheet_name=sheets[level], index=False)
        book = writer.book
        header_font = Font(bold=True, color="FFFFFF")
        header_fill = PatternFill("solid", fgColor="1F4E79")
        for sheet_name in [*sheets.values(), INFO_SHEET]:
            ws = book[sheet_name]
            ws.freeze_panes = "A2"
            if ws.max_row > 1:
                ws.auto_filter.ref = ws.dimensions
            for cell in ws[1]:
                cell.font = header_font
                cell.fill = header_fill
                cell.alignment = Alignment(wrap_text=False)
            for idx, cell in enumerate(ws[1], start=1):
                letter = get_column_letter(idx)
                header = str(cell.value)
                width = max(10, min(60, len(header) + 2))
                ws.column_dimensions[letter].width = width
                fmt = _number_format(header)
                if fmt:
                    for (col_cell,) in ws.iter_rows(min_row=2, min_col=idx, max_col=idx):
                        col_cell.number_format = fmt
        text_cells_only(book)
        book[INFO_SHEET].column_dimensions["A"].width = 28
        book[INFO_SHEET].column_dimensions["B"].width = 120
        book.move_sheet(INFO_SHEET, offset=len(sheets))


def read_excel_results(path: Path) -> ResultSet:
    """Read a workbook written by :func:`write_excel` back into a ResultSet."""
    sheets = pd.read_excel(path, sheet_name=None, dtype=object)
    info = sheets.pop(INFO_SHEET)
    metadata: dict[str, str] = {}
    order: dict[str, str] = {}
    for key, value in zip(info["item"], info["value"], strict=True):
        if str(key).startswith(_LEVEL_ROW):
            order[str(key)[len(_LEVEL_ROW) :]] = str(value)
        else:
            metadata[str(key)] = "" if pd.isna(value) else str(value)
    tables: dict[str, pd.DataFrame] = {}
    for sheet, level in order.items():
        table = sheets[sheet]
        for column in table.columns:
            if column not in TEXT_COLUMNS:
                table[column] = _numeric_if_possible(table[column])
            else:
                table[column] = table[column].map(lambda v: None if pd.isna(v) else str(v))
        tables[level] = table
    return ResultSet(tables, metadata)


def _numeric_if_possible(column: pd.Series) -> pd.Series:
    try:
        return pd.to_numeric(column)
    except (ValueError, TypeError):
        return column
