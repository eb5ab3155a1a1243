"""Reading the claims tables as the schema types them, and refusing values that do not fit.

Type inference never decides what a column means; the schema does (:data:`.schema.TABLES`,
:data:`.schema.KIND_TYPES`). A CSV file is read with every column as text, and each column of
the schema is then converted to its kind; a Parquet column stored as another type is converted
the same way (whole numbers stored as floats to integers, timestamps to dates, numeric
pseudonyms to text). White space around an integer or a date is ignored, and an empty or blank
integer or date is empty: NULL of the column's type. So an optional column left empty
throughout (``insured_to``: still insured) is a column of empty integers, exactly as if it were
absent, and an absent optional column is read as empty too. Text is taken as it stands.

Before anything is counted, :func:`value_problems` refuses what does not fit: an empty value in
a required column, an integer that is not a whole number in digits (``3000``; not ``3.000``,
``12.5`` or ``drie``), a date that does not read year-month-day (``2024-01-31``; a time after
it is ignored), and a Parquet column whose type cannot hold its kind (a date stored as a
number). A refusal names the file, the column, the rule, the first rows (CSV: the header is
row 1; Parquet: the first record of each part is row 1) and how many rows there are. DuckDB
reads the files for this whatever the engine of the run, because it numbers records as the file
holds them. A first pass only counts (a Parquet column's empty values are counted from the
file's metadata when it has them); only when something is wrong are the rows looked up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import duckdb
import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

from ggzregio.claims.schema import KIND_TYPES, TABLES, Column
from ggzregio.errors import MAX_ROWS_SHOWN, InputError, Problem, sample_values
from ggzregio.i18n import t

#: Characters ignored around an integer or a date, as SQL (the set Ibis's ``strip`` removes).
_BLANKS: Final = " || ".join(f"chr({ord(c)})" for c in " \t\n\r\v\f")
#: At most how many files of a folder of Parquet parts one broken rule names.
FILES_SHOWN: Final = 3
#: How many values a scan fetches to quote a few distinct examples of broken values.
_EXAMPLES_FETCHED: Final = 50
_INTEGER_TYPES: Final = frozenset(
    {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT"}
    | {"UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"}
)
#: The kinds of column each family of stored types can hold.
ACCEPTED: Final[dict[str, frozenset[str]]] = {
    "string": frozenset(KIND_TYPES),
    "null": frozenset(KIND_TYPES),
    "integer": frozenset({"integer", "text", "code"}),
    "float": frozenset({"integer"}),
    "date": frozenset({"date"}),
}


def source(folder: Path, name: str) -> tuple[str, str]:
    """Where table ``name`` lies in ``folder`` and its format: a folder of Parquet parts,
    ``name.parquet`` or ``name.csv``."""
    if (folder / name).is_dir():
        return str(folder / name / "*.parquet"), "parquet"
    for suffix in ("parquet", "csv"):
        path = folder / f"{name}.{suffix}"
        if path.is_file():
            return str(path), suffix
    raise InputError([Problem(str(folder), "claims.missing_table", values={"table": name})])


# --- reading in the engine -------------------------------------------------------------------


def read_table(con: Any, folder: Path, name: str) -> ir.Table:
    """Table ``name`` of ``folder`` as an Ibis table of connection ``con`` (not loaded), every
    column of the schema of its kind's type and every absent optional column empty."""
    path, kind = source(folder, name)
    if kind == "parquet":
        if con.name == "pyspark" and (folder / name).is_dir():
            path = str(folder / name)  # Spark reads a folder of parts; DuckDB needs the glob
        raw = con.read_parquet(path)
    elif con.name == "duckdb":
        raw = con.read_csv(path, all_varchar=True, header=True)
    elif con.name == "pyspark":
        raw = con.read_csv(path, header=True, inferSchema=False)
    else:  # another engine's guess is converted like a Parquet file's types
        raw = con.read_csv(path)
    return typed(raw, TABLES[name])


def typed(table: ir.Table, columns: Sequence[Column]) -> ir.Table:
    """``table`` with each column of ``columns`` converted to its kind's type, and each absent
    optional column added, empty. Other columns are kept as they are."""
    present = set(table.columns)
    changes: dict[str, ir.Value] = {}
    for column in columns:
        target = dt.dtype(KIND_TYPES[column.kind])
        if column.name in present:
            value = table[column.name]
            if value.type() != target:
                changes[column.name] = _converted(value, target)
        elif not column.required:
            changes[column.name] = ibis.null(target)
    return table.mutate(**changes) if changes else table


def _converted(value: ir.Value, target: dt.DataType) -> ir.Value:
    if value.type().is_string():  # an integer or a date written as text; blank is empty
        return value.strip().nullif("").cast(target)
    return value.cast(target)


# --- checking the values where they lie -------------------------------------------------------


@dataclass(frozen=True)
class _Check:
    """One rule for the values of one column: ``condition`` (SQL) holds where one breaks it."""

    column: Column
    rule: str
    condition: str
    #: Only empty values break it (a required column not stored as text): the metadata of a
    #: Parquet file may show there are none without a scan.
    nulls: bool = False


def family(stored: str) -> str:
    """The family of a DuckDB type name: string, null, integer, float, date or other."""
    name = stored.upper().strip('"')
    if name.startswith("VARCHAR"):
        return "string"
    if name == "NULL":
        return "null"
    if name in _INTEGER_TYPES:
        return "integer"
    if name in ("FLOAT", "DOUBLE") or name.startswith("DECIMAL"):
        return "float"
    if name == "DATE" or name.startswith("TIMESTAMP"):
        return "date"
    return "other"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _checks(column: Column, stored: str) -> list[_Check]:
    """The rules for the values of ``column`` stored as DuckDB type ``stored`` (one it can
    hold)."""
    value, kind = _quoted(column.name), family(stored)
    trimmed = f"trim({value}, {_BLANKS})"
    checks = []
    if column.required:
        if kind == "string":
            checks.append(_Check(column, "claims.required_value", f"coalesce({trimmed}, '') = ''"))
        else:
            checks.append(_Check(column, "claims.required_value", f"{value} IS NULL", nulls=True))
    if column.kind == "integer" and kind == "string":
        whole = f"regexp_full_match({trimmed}, '[+-]?[0-9]{{1,18}}')"
        checks.append(_Check(column, "claims.not_integer", f"{trimmed} <> '' AND NOT {whole}"))
    elif column.kind == "integer" and kind == "float":
        number = f"{value}::DOUBLE"
        broken = f"NOT isfinite({number}) OR {number} <> trunc({number}) OR abs({number}) >= 1e18"
        checks.append(_Check(column, "claims.not_integer", f"{value} IS NOT NULL AND ({broken})"))
    elif column.kind == "date" and kind == "string":
        date = f"TRY_CAST({trimmed} AS DATE)"
        checks.append(_Check(column, "claims.not_date", f"{trimmed} <> '' AND {date} IS NULL"))
    return checks


def value_problems(folder: Path, name: str) -> list[Problem]:
    """The values of table ``name`` in ``folder`` that do not fit their column, one problem per
    column and rule (per file of a folder of parts, for the first :data:`FILES_SHOWN` files
    that hold them). Columns absent from the file are left to the column check."""
    path, kind = source(folder, name)
    parts = (folder / name).is_dir()
    whole = f"{name}/" if parts else Path(path).name
    scan = (
        "read_parquet($path)"
        if kind == "parquet"
        else "read_csv($path, all_varchar = true, header = true)"
    )
    if kind == "csv" and Path(path).stat().st_size == 0:
        return [Problem(whole, "empty_file")]
    con = duckdb.connect()
    problems: list[Problem] = []
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {scan}", {"path": path}).fetchall()
        stored = {str(row[0]): str(row[1]) for row in described}
        checks: list[_Check] = []
        for column in TABLES[name]:
            if column.name not in stored:
                continue
            if column.kind not in ACCEPTED.get(family(stored[column.name]), frozenset()):
                kind_text = t(f"claims.kind.{column.kind}")
                values: dict[str, object] = {"type": stored[column.name], "kind": kind_text}
                problems.append(Problem(whole, "claims.column_type", column.name, values=values))
                continue
            checks += _checks(column, stored[column.name])
        if kind == "parquet":
            checks = _unsettled(con, path, checks)
        if not checks:
            return problems
        counted = ", ".join(f"count(*) FILTER (WHERE {c.condition})" for c in checks)
        found = con.execute(f"SELECT {counted} FROM {scan}", {"path": path}).fetchone() or ()
        broken = [check for check, n in zip(checks, found, strict=True) if n]
        if broken:
            problems += _located(con, (path, kind, name, parts), scan, broken)
    except duckdb.Error as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        problems.append(Problem(whole, "unreadable", values={"detail": detail}))
    finally:
        con.close()
    return problems


def _unsettled(con: Any, path: str, checks: list[_Check]) -> list[_Check]:
    """``checks`` less those for empty values that the Parquet metadata rules out: every row
    group of every part counts the column's empty values, and they add up to none."""
    if not any(check.nulls for check in checks):
        return checks
    rows = con.execute(
        "SELECT path_in_schema, count(*) - count(stats_null_count), sum(stats_null_count)"
        " FROM parquet_metadata($path) GROUP BY path_in_schema",
        {"path": path},
    ).fetchall()
    none_empty = {str(column) for column, unknown, empty in rows if not unknown and not empty}
    return [c for c in checks if not (c.nulls and c.column.name in none_empty)]


def _located(
    con: Any, where: tuple[str, str, str, bool], scan: str, broken: list[_Check]
) -> list[Problem]:
    """Problems for the ``broken`` checks, with their rows: a CSV file is copied in file order
    (DuckDB keeps insertion order) into a temporary table of one integer per record, the bits of
    the checks it breaks, whose ``rowid`` is the record's position (the header is row 1); in
    Parquet each record's number in its part (``file_row_number``; the first record is row 1)."""
    path, kind, name, parts = where
    bits = " + ".join(
        f"(CASE WHEN {c.condition} THEN {1 << i} ELSE 0 END)" for i, c in enumerate(broken)
    )
    if kind == "csv":
        copy = f"CREATE TEMP TABLE flagged AS SELECT ({bits})::BIGINT AS bits FROM {scan}"
        con.execute(copy, {"path": path})
        numbered = "SELECT 0 AS part, $path AS file, rowid + 2 AS row, bits FROM flagged"
    else:
        numbered = (
            f"SELECT file_index AS part, filename AS file, file_row_number + 1 AS row, ({bits})"
            " AS bits FROM read_parquet($path, file_row_number = true)"
        )
    problems = []
    for index, check in enumerate(broken):
        where_broken = f"bits & {1 << index} <> 0"
        files = con.execute(
            f"SELECT part, file, count(*) FROM ({numbered}) WHERE {where_broken}"
            f" GROUP BY part, file ORDER BY part LIMIT {FILES_SHOWN}",
            {"path": path},
        ).fetchall()
        values = _examples(con, path, scan, check)
        for part, file, n in files:
            rows = con.execute(
                f"SELECT row FROM ({numbered}) WHERE {where_broken} AND part = $part"
                f" ORDER BY row LIMIT {MAX_ROWS_SHOWN}",
                {"path": path, "part": part},
            ).fetchall()
            label = f"{name}/{Path(file).name}" if parts else Path(path).name
            problems.append(
                Problem(
                    label,
                    check.rule,
                    check.column.name,
                    rows=tuple(int(row) for (row,) in rows),
                    values=values,
                    row_count=int(n),
                )
            )
    return problems


def _examples(con: Any, path: str, scan: str, check: _Check) -> dict[str, object]:
    """A few distinct broken values to quote, unless the column's values may not be shown (an
    empty value has none to show)."""
    if check.rule == "claims.required_value":
        return {}
    if not check.column.show_values:
        return {"values": t("claims.values_hidden")}
    fetched = con.execute(
        f"SELECT {_quoted(check.column.name)} FROM {scan} WHERE {check.condition}"
        f" LIMIT {_EXAMPLES_FETCHED}",
        {"path": path},
    ).fetchall()
    return {"values": sample_values([value for (value,) in fetched])}
