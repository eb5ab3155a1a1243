"""Reading user tables (CSV, Excel, Parquet) into raw frames with row numbers people see.

CSV: comma, semicolon or tab delimited, detected from the header line; UTF-8 with or without
byte-order mark. Decimal separator: a comma-delimited file uses the point; otherwise it is
detected from the text cells themselves (Dutch Excel writes ``23,14``): a cell that is a valid
number only with a decimal comma (``23,14``, ``1.234,5``) or only with a decimal point
(``23.14``, ``1,234.5``) decides, and a file with both is refused. Cells valid either way
(``1.500``, ``250,000``, ``5000``) do not decide; then a semicolon or tab delimited file uses
the comma and Excel/Parquet the active language's separator. Text cells follow the grammar of
:mod:`ggzregio.numbers` for that separator (thousands grouping in threes with the other
symbol). Fully empty rows are ignored. Column names are compared without case and
surrounding spaces; spaces and hyphens count as underscores.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ggzregio.errors import InputError, Problem, sample_values
from ggzregio.numbers import number_style, parse_number_texts, valid_in

Decimal = Literal[",", "."]
FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
}
#: Cell texts that mean "no value".
MISSING_TOKENS = frozenset({"", "na", "n/a", "nan", "null", "none"})


@dataclass(frozen=True)
class SourceInfo:
    """Where a table came from and how it was read; reported with every result."""

    name: str
    format: str
    sha256: str
    delimiter: str | None = None
    decimal: Decimal | None = None
    sheet: str | None = None

    @property
    def data_version(self) -> str:
        """Identifies the exact input: file name and the start of its SHA-256."""
        return f"{self.name} sha256:{self.sha256[:12]}"


@dataclass(frozen=True)
class RawTable:
    """A table as read: normalised column names, cell values untouched (text, numbers or
    missing), and an index holding the row number a person sees in the file."""

    frame: pd.DataFrame
    source: SourceInfo


def normalise_column(name: object) -> str:
    """'  PCT WWB ' → 'pct_wwb'."""
    return str(name).strip().lower().replace(" ", "_").replace("-", "_")


def read_table(
    path: str | Path, *, sheet: str | None = None, encoding: str = "utf-8-sig"
) -> RawTable:
    """Read a CSV, Excel or Parquet file as a :class:`RawTable`; refuse it with an
    :class:`InputError` if it is missing, empty or malformed."""
    path = Path(path)
    name = path.name
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError([Problem(name, "unsupported_format", values={"suffix": path.suffix})])
    if not path.is_file():
        raise InputError([Problem(str(path), "file_not_found")])
    data = path.read_bytes()
    if not data.strip():
        raise InputError([Problem(name, "empty_file")])
    source = SourceInfo(name=name, format=fmt, sha256=hashlib.sha256(data).hexdigest())
    if fmt == "csv":
        frame, delimiter = _read_csv(data, name, encoding)
        source = replace(source, delimiter=delimiter)
    elif fmt == "xlsx":
        frame = _read_excel(data, name, sheet)
        source = replace(source, sheet=sheet)
    else:
        frame = _read_parquet(data, name)
    _check_rows(frame, name)
    _check_columns(frame, name)
    frame = frame.rename(columns=normalise_column)
    # Drop rows without any value (blank lines, trailing ';;;' rows from spreadsheet exports).
    frame = frame[~frame.map(_is_missing_cell).all(axis=1)] if len(frame) else frame
    if frame.empty:
        raise InputError([Problem(name, "no_rows")])
    return RawTable(frame=frame, source=source)


def _is_missing_cell(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and value.strip().lower() in MISSING_TOKENS


def _read_csv(data: bytes, name: str, encoding: str) -> tuple[pd.DataFrame, str]:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError([Problem(name, "encoding", values={"line": line})]) from exc
    header_line = text.lstrip("\r\n").split("\n", 1)[0]
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    delimiter = max(counts, key=lambda d: counts[d])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    numbers: list[int] = []
    header: list[str] | None = None
    bad_rows: list[int] = []
    for record in reader:
        if header is None:
            if not any(cell.strip() for cell in record):
                continue
            header = record
            while header and not header[-1].strip():  # trailing delimiters in the header
                header.pop()
            continue
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header) and not any(c.strip() for c in record[len(header) :]):
            record = record[: len(header)]
        if len(record) != len(header):
            bad_rows.append(reader.line_num)
            continue
        rows.append(record)
        numbers.append(reader.line_num)
    if header is None:
        raise InputError([Problem(name, "empty_file")])
    if bad_rows:
        raise InputError(
            [Problem(name, "field_count", rows=tuple(bad_rows), values={"expected": len(header)})]
        )
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(numbers, name="row"), dtype=object)
    return frame, delimiter


#: Rows any table may have, and cells one Excel sheet may declare: checked while reading,
#: before the slow part (settable with ``GGZREGIO_MAX_ROWS`` and ``GGZREGIO_MAX_CELLS``).
DEFAULT_MAX_ROWS: Final = 500_000
DEFAULT_MAX_CELLS: Final = 2_000_000


def limit(name: str, default: int) -> int:
    """A reading limit from the environment (``GGZREGIO_<NAME>``), else ``default``."""
    raw = os.environ.get(f"GGZREGIO_{name}", "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() else default


def _check_rows(frame: pd.DataFrame, name: str) -> None:
    most = limit("MAX_ROWS", DEFAULT_MAX_ROWS)
    if len(frame) > most:
        raise InputError([Problem(name, "too_many_rows", values={"n": len(frame), "max": most})])


def _check_cells(data: bytes, name: str, sheet: str | None) -> None:
    """Refuse a sheet whose declared size exceeds the cell limit, from its dimension record
    (read without parsing the cells: a 4-million-cell sheet is refused in milliseconds)."""
    import openpyxl

    most = limit("MAX_CELLS", DEFAULT_MAX_CELLS)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # not a workbook openpyxl can open: pandas names the problem next
        return
    try:
        sheet_names = book.sheetnames
        chosen = book[sheet] if sheet in sheet_names else book[sheet_names[0]]
        rows, columns = chosen.max_row or 0, chosen.max_column or 0
    finally:
        book.close()
    if rows * columns > most:
        values = {"n": rows * columns, "rows": rows, "columns": columns, "max": most}
        raise InputError([Problem(name, "too_many_cells", values=values)])


def _read_excel(data: bytes, name: str, sheet: str | None) -> pd.DataFrame:
    _check_cells(data, name, sheet)
    try:
        frame = pd.read_excel(
            io.BytesIO(data), sheet_name=sheet if sheet is not None else 0, dtype=object
        )
    except Exception as exc:  # a damaged workbook fails in many ways (zip, XML, pandas)
        detail = str(exc) or type(exc).__name__
        raise InputError([Problem(name, "unreadable", values={"detail": detail})]) from exc
    frame.index = pd.Index(np.arange(len(frame)) + 2, name="row")
    return frame


def _read_parquet(data: bytes, name: str) -> pd.DataFrame:
    try:
        frame = pd.read_parquet(io.BytesIO(data))
    except (ValueError, OSError) as exc:
        raise InputError([Problem(name, "unreadable", values={"detail": str(exc)})]) from exc
    frame.index = pd.Index(np.arange(len(frame)) + 1, name="row")
    return frame


def _check_columns(frame: pd.DataFrame, name: str) -> None:
    normalised = [normalise_column(c) for c in frame.columns]
    seen: set[str] = set()
    problems = []
    for column in normalised:
        if column in seen:
            problems.append(Problem(name, "duplicate_column", column=column))
        seen.add(column)
    if problems:
        raise InputError(problems)


# --- cell parsing -------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedColumn:
    """Numbers parsed from one column: values (NaN where missing or bad) and masks."""

    values: NDArray[np.float64]
    missing: NDArray[np.bool_]
    bad: NDArray[np.bool_]


def _text_cells(series: pd.Series) -> pd.Series:
    """The cells of ``series`` that are text, stripped (numbers from Excel/Parquet excluded)."""
    if series.dtype != object and not pd.api.types.is_string_dtype(series.dtype):
        return pd.Series([], dtype=object)
    is_text = series.map(lambda v: isinstance(v, str))
    return series[is_text].astype(str).str.strip()


def detect_decimal(columns: dict[str, pd.Series], default: Decimal, file: str) -> Decimal:
    """Decide the decimal separator from the text cells of ``columns``.

    A cell that is a valid number only with a decimal comma (``12,5``, ``1.234,5``) means a
    decimal comma; one valid only with a decimal point (``12.5``, ``1,234.5``) a decimal
    point; both in one file is refused; neither (only cells such as ``1.500`` or ``5000``
    that read either way) gives ``default``.
    """
    comma_row: int | None = None
    dot_row: int | None = None
    for series in columns.values():
        text = _text_cells(series)
        if text.empty:
            continue
        with_comma, with_point = valid_in(text, ","), valid_in(text, ".")
        has_comma = with_comma & ~with_point
        has_dot = with_point & ~with_comma
        if comma_row is None and has_comma.any():
            comma_row = int(text.index[has_comma][0])
        if dot_row is None and has_dot.any():
            dot_row = int(text.index[has_dot][0])
    if comma_row is not None and dot_row is not None:
        raise InputError(
            [Problem(file, "mixed_decimal", values={"comma_row": comma_row, "dot_row": dot_row})]
        )
    if comma_row is not None:
        return ","
    if dot_row is not None:
        return "."
    return default


def choose_decimal(raw: RawTable, columns: list[str]) -> Decimal:
    """The decimal separator for ``raw``'s numeric ``columns``: a comma-delimited CSV uses the
    point; otherwise it is detected (default: comma for semicolon/tab CSV, else the active
    language's separator, so a hand-typed Excel text cell ``250.000`` is 250000 in Dutch)."""
    if raw.source.delimiter == ",":
        return "."
    default: Decimal = "," if raw.source.delimiter in (";", "\t") else number_style().decimal
    return detect_decimal({c: raw.frame[c] for c in columns}, default, raw.source.name)


def parse_numbers(series: pd.Series, decimal: Decimal, *, integer: bool = False) -> ParsedColumn:
    """Parse a column of cells into floats. Text cells follow :mod:`ggzregio.numbers` with
    ``decimal`` (``1.500,5`` with a decimal comma, ``1,500.5`` with a decimal point); numeric
    cells are taken as they are. Infinite values count as bad. With ``integer`` (counts), a
    text cell written as the other convention's thousands (``350,000`` with a decimal comma)
    counts as bad rather than as 350; fractions are left to the caller's own check."""
    if pd.api.types.is_bool_dtype(series.dtype):
        bad = np.ones(len(series), dtype=bool)
        return ParsedColumn(np.full(len(series), np.nan), np.zeros(len(series), bool), bad)
    if pd.api.types.is_numeric_dtype(series.dtype):
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        missing = np.isnan(values)
        bad = np.isinf(values)
        return ParsedColumn(np.where(bad, np.nan, values), missing, bad)
    is_text = series.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
    missing = series.map(_is_missing_cell).to_numpy(dtype=bool)
    values = np.full(len(series), np.nan)
    other = ~is_text & ~missing
    if other.any():
        values[other] = pd.to_numeric(series[other], errors="coerce").to_numpy(dtype=np.float64)
    text_mask = is_text & ~missing
    if text_mask.any():
        parsed, _ = parse_number_texts(series[text_mask], decimal, integer=integer)
        values[text_mask] = parsed
    bad = ~missing & ~np.isfinite(values)
    values[bad] = np.nan
    return ParsedColumn(values, missing, bad)


def parse_text(series: pd.Series) -> tuple[pd.Series, NDArray[np.bool_]]:
    """Text cells stripped; whole numbers from Excel/Parquet become '1011', not '1011.0'.
    Returns the texts and a missing mask."""

    def as_text(value: object) -> str:
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    missing = series.map(_is_missing_cell).to_numpy(dtype=bool)
    text = series.map(as_text).astype(object)
    text[missing] = None
    return text, missing


def offending(series: pd.Series, mask: NDArray[np.bool_]) -> tuple[tuple[int, ...], str]:
    """Row numbers and a sample of the original cell values where ``mask`` holds."""
    rows = tuple(int(r) for r in series.index[mask])
    return rows, sample_values(list(series[mask].iloc[:3]))
