"""Readable summary tables for the terminal (Dutch number formatting by default)."""

from __future__ import annotations

import pandas as pd

from ggzregio.formatting import format_number
from ggzregio.i18n import t
from ggzregio.prevalence.aggregate import INDEX, NAME_COLUMNS, PER_100K
from ggzregio.prevalence.estimate import EXPECTED, PREVALENCE


def summary_table(table: pd.DataFrame, level: str) -> tuple[list[str], list[list[str]]]:
    """Header and formatted rows of an aggregated (or area) table for display."""
    name_column = NAME_COLUMNS.get(level)
    has_inhabitants = "inhabitants" in table.columns
    header = [t("table.name")]
    if "n_areas" in table.columns:
        header.append(t("table.areas"))
    if has_inhabitants:
        header.append(t("table.inhabitants"))
    header += [t("table.adults"), t("table.expected"), t("table.per_1000")]
    if PER_100K in table.columns:
        header += [t("table.per_100k"), t("table.index")]
    rows: list[list[str]] = []
    for record in table.to_dict(orient="records"):
        if name_column and name_column in record and record[name_column] is not None:
            name = str(record[name_column])
        elif level == "total":
            name = t("table.total")
        else:
            name = str(record.get(level, ""))
        row = [name]
        if "n_areas" in record:
            row.append(format_number(record["n_areas"]))
        if has_inhabitants:
            row.append(format_number(record["inhabitants"]))
        row += [
            format_number(record["adults"]),
            format_number(record[EXPECTED], 0),
            format_number(record[PREVALENCE], 2),
        ]
        if PER_100K in record:
            row += [format_number(record[PER_100K], 0), format_number(record[INDEX], 0)]
        rows.append(row)
    return header, rows
