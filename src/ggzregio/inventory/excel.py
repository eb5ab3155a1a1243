"""The Excel template of the checklist: written for a regiegroep secretary, read back strictly.

The workbook has three sheets: ``regio`` (region code and name, year, inhabitants, who filled
it in), ``checklist`` (one row per checklist row: fte, places, euros, source, note) and
``uitleg`` (how to fill it in). Headers may be Dutch or English; codes in column A identify
the rows, so the labels may be changed freely. Every problem is reported with sheet, row and
column, and nothing is returned unless the whole workbook is valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from ggzregio.errors import InputError, Problem, sample_values
from ggzregio.i18n import t
from ggzregio.inventory.model import (
    Entry,
    Inventory,
    check_totals,
    checklist_rows,
    children,
    entries_from,
)
from ggzregio.inventory.rules import FIRST_YEAR, LAST_YEAR, MAX_INHABITANTS, inhabitants_problems
from ggzregio.io.atomic import write_files_atomically
from ggzregio.io.cells import text_cells_only
from ggzregio.io.tables import detect_decimal, parse_numbers, parse_text, read_table
from ggzregio.numbers import format_user_number, number_style

REGION_SHEET: Final = "regio"
CHECKLIST_SHEET: Final = "checklist"
HELP_SHEET: Final = "uitleg"
#: Header aliases (normalised) → field. Dutch and English headers are both accepted.
CHECKLIST_COLUMNS: Final = {
    "code": "code",
    "voorziening": "label",
    "provision": "label",
    "fte": "fte",
    "plaatsen": "places",
    "places": "places",
    "euro": "eur",
    "euros": "eur",
    "eur": "eur",
    "bron": "source",
    "source": "source",
    "toelichting": "note",
    "note": "note",
}
REGION_COLUMNS: Final = {
    "code": "code",
    "gegeven": "label",
    "item": "label",
    "waarde": "value",
    "value": "value",
}
REGION_FIELDS: Final = ("region_code", "region_name", "year", "inhabitants", "compiled_by")
YEAR_RANGE: Final = (FIRST_YEAR, LAST_YEAR)


def write_inventory_excel(inventory: Inventory | None, target: Path) -> Path:
    """Write the template (empty, or filled with ``inventory``) to ``target`` atomically."""
    write_files_atomically({target: lambda tmp: _write(inventory, tmp)})
    return target


def _write(inventory: Inventory | None, target: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E79")
    input_fill = PatternFill("solid", fgColor="FFF8DC")
    book = Workbook()
    region = book.active
    region.title = REGION_SHEET
    region.append(["code", t("inv.col.item"), t("inv.col.value"), t("inv.col.help")])
    meta = {
        "region_code": inventory.region_code if inventory else None,
        "region_name": inventory.region_name if inventory else None,
        "year": inventory.year if inventory and inventory.year else None,
        "inhabitants": inventory.inhabitants if inventory else None,
        "compiled_by": inventory.compiled_by if inventory else None,
    }
    for name in REGION_FIELDS:
        region.append([name, t(f"inv.field.{name}"), meta[name] or None, t(f"inv.hint.{name}")])
        region.cell(region.max_row, 3).fill = input_fill
    region.cell(5, 3).number_format = "#,##0"
    sheet = book.create_sheet(CHECKLIST_SHEET)
    sheet.append(
        [
            "code",
            t("inv.col.label"),
            "fte",
            t("inv.col.places"),
            t("inv.col.eur"),
            t("inv.col.source"),
            t("inv.col.note"),
        ]
    )
    for key, row in checklist_rows().items():
        entry = inventory.entry(key) if inventory else Entry(key)
        sheet.append(
            [
                key,
                row.label(),
                entry.fte,
                entry.places,
                entry.eur,
                entry.source or None,
                entry.note or None,
            ]
        )
        r = sheet.max_row
        sheet.cell(r, 2).alignment = Alignment(indent=2 * row.depth())
        if children(key):
            sheet.cell(r, 2).font = Font(bold=True)
        for col, fmt in ((3, "#,##0.0"), (4, "#,##0"), (5, "#,##0")):
            sheet.cell(r, col).number_format = fmt
            sheet.cell(r, col).fill = input_fill
    check = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="ggzregio",
        error=t("inv.validation"),
    )
    sheet.add_data_validation(check)
    check.add(f"C2:E{sheet.max_row}")
    for ws, widths in ((region, (14, 26, 24, 70)), (sheet, (24, 62, 10, 10, 16, 30, 40))):
        ws.freeze_panes = "A2"
        for cell in ws[1]:
            cell.font = header_font
            cell.fill = header_fill
        for i, width in enumerate(widths):
            ws.column_dimensions[chr(ord("A") + i)].width = width
    help_sheet = book.create_sheet(HELP_SHEET)
    for line in t("inv.instructions").split("\n"):
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 110
    text_cells_only(book).save(target)


def _columns(frame: pd.DataFrame, aliases: dict[str, str], name: str, sheet: str) -> pd.DataFrame:
    renamed = {c: aliases[c] for c in frame.columns if c in aliases}
    frame = frame.rename(columns=renamed)
    if "code" not in frame.columns:
        found = ", ".join(str(c) for c in frame.columns)
        problem = Problem(
            name, "missing_column", column="code", sheet=sheet, values={"found": found}
        )
        raise InputError([problem])
    return frame


def read_inventory_excel(path: str | Path) -> Inventory:
    """Read a filled-in template. Raises :class:`InputError` listing every problem."""
    path = Path(path)
    raw = read_table(path, sheet=CHECKLIST_SHEET)
    name = raw.source.name
    frame = _columns(raw.frame, CHECKLIST_COLUMNS, name, CHECKLIST_SHEET)
    problems: list[Problem] = []
    codes, missing = parse_text(frame["code"])
    rows = np.asarray(frame.index)
    known = checklist_rows()
    unknown = [
        (r, c) for r, c, m in zip(rows, codes, missing, strict=True) if not m and c not in known
    ]
    if unknown:
        problems.append(
            Problem(
                name,
                "unknown_checklist_code",
                column="code",
                rows=tuple(int(r) for r, _ in unknown),
                sheet=CHECKLIST_SHEET,
                values={
                    "values": sample_values([c for _, c in unknown]),
                    "known": ", ".join(known),
                },
            )
        )
    seen: dict[str, int] = {}
    duplicates: list[int] = []
    for r, c in zip(rows, codes, strict=True):
        if c in seen:
            duplicates.append(int(r))
        seen.setdefault(str(c), int(r))
    if duplicates:
        problems.append(
            Problem(name, "duplicate_row_code", "code", tuple(duplicates), sheet=CHECKLIST_SHEET)
        )
    numbers = {m: frame[m] for m in ("fte", "places", "eur") if m in frame.columns}
    # Hand-typed text cells ('12,5', '250.000') follow the active language unless the file
    # itself shows its decimal separator (see ggzregio.io.tables.detect_decimal).
    decimal = detect_decimal(numbers, number_style().decimal, name)
    parsed = {}
    for measure, series in numbers.items():
        column = parse_numbers(series, decimal)
        parsed[measure] = column.values
        bad = rows[column.bad]
        if len(bad):
            values = sample_values(list(series[column.bad]))
            problems.append(
                Problem(
                    name,
                    "non_numeric",
                    measure,
                    tuple(int(r) for r in bad),
                    values={"values": values, "decimal": decimal},
                    sheet=CHECKLIST_SHEET,
                )
            )
        negative = rows[np.nan_to_num(column.values, nan=0.0) < 0]
        if len(negative):
            values = sample_values(list(column.values[column.values < 0]))
            problems.append(
                Problem(
                    name,
                    "negative",
                    measure,
                    tuple(int(r) for r in negative),
                    values={"values": values},
                    sheet=CHECKLIST_SHEET,
                )
            )
    texts = {f: parse_text(frame[f])[0] if f in frame.columns else None for f in ("source", "note")}
    entries = []
    for i, (row, code) in enumerate(zip(rows, codes, strict=True)):
        if code not in known:
            continue

        def number(measure: str, i: int = i) -> float | None:
            if measure not in parsed or np.isnan(parsed[measure][i]):
                return None
            return float(parsed[measure][i])

        def text(field: str, i: int = i) -> str:
            series = texts[field]
            return "" if series is None or series.iloc[i] is None else str(series.iloc[i])

        entries.append(
            Entry(
                key=str(code),
                fte=number("fte"),
                places=number("places"),
                eur=number("eur"),
                source=text("source"),
                note=text("note"),
                row=int(row),
            )
        )
    meta = _read_region(path, name, problems)
    inventory = Inventory(
        region_code=meta.region_code,
        region_name=meta.region_name,
        year=meta.year,
        inhabitants=meta.inhabitants,
        compiled_by=meta.compiled_by,
        entries=entries_from(entries),
        source_file=name,
        data_version=raw.source.data_version,
    )
    if not problems:
        problems.extend(check_totals(inventory, name, CHECKLIST_SHEET))
    if problems:
        raise InputError(problems)
    return inventory


@dataclass(frozen=True)
class _RegionFields:
    region_code: str = ""
    region_name: str = ""
    year: int = 0
    inhabitants: float | None = None
    compiled_by: str = ""


def _read_region(path: Path, name: str, problems: list[Problem]) -> _RegionFields:
    """The ``regio`` sheet; problems appended."""
    raw = read_table(path, sheet=REGION_SHEET)
    frame = _columns(raw.frame, REGION_COLUMNS, name, REGION_SHEET)
    if "value" not in frame.columns:
        found = ", ".join(str(c) for c in frame.columns)
        problems.append(
            Problem(name, "missing_column", "waarde", sheet=REGION_SHEET, values={"found": found})
        )
        return _RegionFields()
    codes, _ = parse_text(frame["code"])
    texts, missing = parse_text(frame["value"])
    values: dict[str, str] = {}
    cells: dict[str, object] = {}
    rows: dict[str, int] = {}
    for i, (row, code) in enumerate(zip(frame.index, codes, strict=True)):
        if code in REGION_FIELDS and not missing[i]:
            values[str(code)] = str(texts.iloc[i])
            cells[str(code)] = frame["value"].iloc[i]
        if code in REGION_FIELDS:
            rows[str(code)] = int(row)

    def bad(field_name: str, rule: str, **kw: object) -> None:
        row = (rows[field_name],) if field_name in rows else ()
        problems.append(Problem(name, rule, "waarde", row, values=kw, sheet=REGION_SHEET))

    if "region_code" not in values:
        bad("region_code", "missing_field", field=t("inv.field.region_code"))
    year = 0
    if "year" not in values:
        bad("year", "missing_field", field=t("inv.field.year"))
    else:
        text = values["year"]
        year = int(text) if text.isascii() and text.isdigit() else -1  # not '²'
        if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
            bad("year", "bad_year", value=text, low=YEAR_RANGE[0], high=YEAR_RANGE[1])
    inhabitants = None
    if "inhabitants" in cells:
        cell = pd.Series([cells["inhabitants"]], dtype=object)
        decimal = detect_decimal({"inhabitants": cell}, number_style().decimal, name)
        column = parse_numbers(cell, decimal, integer=True)
        number = float(column.values[0])
        if column.bad[0] or inhabitants_problems(number, name):
            high = format_user_number(MAX_INHABITANTS)
            bad("inhabitants", "bad_inhabitants", value=values["inhabitants"], high=high)
        else:
            inhabitants = number
    return _RegionFields(
        region_code=values.get("region_code", ""),
        region_name=values.get("region_name", ""),
        year=year,
        inhabitants=inhabitants,
        compiled_by=values.get("compiled_by", ""),
    )
