"""Cells that cannot attack: what ggzregio writes to Excel and CSV is data, never a formula.

A text such as ``=HYPERLINK("http://...")`` typed into an area name, an inventory source or a
monitor note would otherwise become a live formula in a download that other people open
(OWASP, *CSV injection*)."""

from __future__ import annotations

from typing import Any, Final

import pandas as pd

#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00")


def text_cells_only(book: Any) -> Any:
    """Every cell of ``book`` that openpyxl would write as a formula (a text starting with
    ``=``) written as the text it is: ggzregio never writes formulas, so a name such as
    ``=HYPERLINK(...)`` typed into an area table cannot become a live formula in a download."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    return book


def csv_safe(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with each text cell that starts like a formula prefixed with ``'`` (OWASP's
    advice for CSV), so a spreadsheet shows it as text; numbers stay numbers."""
    texts = [c for c in table.columns if pd.api.types.is_object_dtype(table[c])
             or pd.api.types.is_string_dtype(table[c])]  # fmt: skip
    if not texts:
        return table
    out = table.copy()
    for column in texts:
        values = out[column].map(_one_line_break)
        risky = values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_STARTS))
        out[column] = values.where(~risky, "'" + values.astype(str)) if risky.any() else values
    return out


def _one_line_break(value: object) -> object:
    """A carriage return inside a text written as a line break, which the CSV writer quotes
    (a bare ``\r`` is not quoted, and spreadsheets would start a new row there)."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value
