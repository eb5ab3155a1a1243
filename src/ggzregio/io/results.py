"""Writing and reading result sets: one table per level, in CSV, Excel, Parquet or JSON.

- CSV and Parquet: the first table goes to the named file, every other level to a file beside
  it named ``<stem>.<level><suffix>`` (``out.csv``, ``out.region_code.csv``, ...).
- Excel: one formatted sheet per level plus an information sheet (model, data, caveats).
- JSON: one document ``{"metadata": {...}, "tables": {level: [rows]}}``.

All files of one result are written atomically together (see :mod:`ggzregio.io.atomic`).
CSV uses a comma delimiter and decimal point at full precision, for other programs; the Excel
file is the one meant for people.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd

from ggzregio.errors import InputError, Problem
from ggzregio.i18n import t
from ggzregio.io.atomic import write_files_atomically
from ggzregio.privacy.suppression import MARKER, SUPPRESSED

OUTPUT_FORMATS: Final = ("csv", "xlsx", "parquet", "json")
_SUFFIX = {"csv": ".csv", "xlsx": ".xlsx", "parquet": ".parquet", "json": ".json"}
_FROM_SUFFIX = {
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".json": "json",
}
#: Columns always read back as text (codes keep leading zeros).
TEXT_COLUMNS: Final = frozenset(
    {
        "area_code",
        "area_name",
        "municipality_code",
        "municipality_name",
        "region_code",
        "region_name",
        "model",
        "data_version",
        "total",
    }
)
EXCEL_MAX_ROWS: Final = 1_048_575
_PARQUET_KEY = b"ggzregio"


@dataclass
class ResultSet:
    """Tables keyed by level name (the first is the main table), free-text metadata, and per
    table the mask of hidden cells (small-number protection, :mod:`ggzregio.privacy`).

    Hidden cells are empty (NaN/None) in the tables themselves; numbers stay numbers. The
    neutral marker is applied only when rendering for people (CSV, Excel, pages, report); JSON
    gives ``null`` with the row's ``hidden`` columns, Parquet ``null`` with ``suppressed``."""

    tables: dict[str, pd.DataFrame]
    metadata: dict[str, str] = field(default_factory=dict)
    hidden: dict[str, pd.DataFrame] = field(default_factory=dict)
    #: What the tables publish about protected counts, as facts for the next output of the same
    #: data (:class:`ggzregio.privacy.tables.Fact`); not written to files.
    facts: list[Any] = field(default_factory=list)
    #: Per table why each hidden row is hidden (1 primary, 2 secondary): the audit trail of the
    #: disclosure decision, never rendered or written (docs/privacy.md).
    reasons: dict[str, pd.Series] = field(default_factory=dict)
    #: Notes for people: metadata key to message key (e.g. ``intervals``), named in the reader's
    #: language when rendered (:func:`ggzregio.labels.labelled`), so the result holds no words.
    notes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def protected(
        cls, tables: dict[str, pd.DataFrame], metadata: dict[str, str] | None = None
    ) -> ResultSet:
        """A result whose tables mark hidden rows with a ``suppressed`` column and leave their
        hidden cells empty: every empty cell of such a row is a hidden cell."""
        hidden = {}
        for level, table in tables.items():
            if SUPPRESSED in table:
                rows = table[SUPPRESSED].fillna(False).to_numpy(dtype=bool)
                hidden[level] = table.isna() & rows[:, None]
        return cls(tables, dict(metadata or {}), hidden)

    def mask(self, level: str) -> pd.DataFrame:
        """Hidden cells of ``level`` (all false where nothing is hidden)."""
        table = self.tables[level]
        mask = self.hidden.get(level)
        full = pd.DataFrame(False, index=table.index, columns=table.columns)
        if mask is not None:
            for column in mask.columns:
                if column in full:
                    full[column] = mask[column].reindex(table.index, fill_value=False).to_numpy()
        return full

    def shown(self, level: str, marker: str = MARKER) -> pd.DataFrame:
        """``level`` for people: hidden cells carry the neutral marker."""
        table = self.tables[level]
        mask = self.hidden.get(level)
        if mask is None or not mask.to_numpy().any():
            return table
        out = table.copy()
        for column in mask.columns:
            if column in out and mask[column].any():
                values = out[column].astype(object)
                values[mask[column].to_numpy(dtype=bool)] = marker
                out[column] = values
        return out

    def for_people(self) -> ResultSet:
        """The result with markers in its hidden cells (CSV and Excel)."""
        people = {lv: self.shown(lv) for lv in self.tables}
        return ResultSet(people, self.metadata, self.hidden, self.facts, self.reasons, self.notes)


def output_format(path: Path, fmt: str | None = None) -> str:
    """The format to write: ``fmt`` if given, else from the file's extension (CSV if none)."""
    if fmt is not None:
        fmt = fmt.lower().lstrip(".")
        if fmt == "excel":
            fmt = "xlsx"
        if fmt not in OUTPUT_FORMATS:
            raise InputError([Problem(str(path), "unsupported_format", values={"suffix": fmt})])
        return fmt
    suffix = path.suffix.lower()
    if not suffix:
        return "csv"
    if suffix not in _FROM_SUFFIX:
        raise InputError([Problem(str(path), "unsupported_format", values={"suffix": suffix})])
    return _FROM_SUFFIX[suffix]


def output_paths(path: Path, levels: list[str], fmt: str) -> dict[str, Path]:
    """File per level for CSV/Parquet; the one file for Excel/JSON (keyed by the first level)."""
    suffix = _SUFFIX[fmt]
    main = path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
    if fmt in ("xlsx", "json"):
        return {levels[0]: main}
    stem = main.name[: -len(suffix)]
    return {
        level: main if i == 0 else main.with_name(f"{stem}.{level}{suffix}")
        for i, level in enumerate(levels)
    }


def write_results(result: ResultSet, path: str | Path, fmt: str | None = None) -> list[Path]:
    """Write ``result`` atomically; return the files written."""
    return write_files_atomically(result_writers(result, path, fmt))


def result_writers(
    result: ResultSet, path: str | Path, fmt: str | None = None
) -> dict[Path, Callable[[Path], object]]:
    """The file writers of ``result`` (for writing it atomically together with other files)."""
    from ggzregio.labels import labelled

    path = Path(path)
    fmt = output_format(path, fmt)
    result = labelled(result)
    levels = list(result.tables)
    paths = output_paths(path, levels, fmt)
    writers: dict[Path, Callable[[Path], object]] = {}
    if fmt == "csv":
        for level, target in paths.items():
            writers[target] = _csv_writer(result.shown(level))
    elif fmt == "parquet":
        for level, target in paths.items():
            writers[target] = _parquet_writer(result.tables[level], level, result.metadata)
    elif fmt == "json":
        writers[paths[levels[0]]] = lambda tmp: tmp.write_text(_to_json(result), encoding="utf-8")
    else:
        for level, table in result.tables.items():
            if len(table) > EXCEL_MAX_ROWS:
                raise InputError(
                    [Problem(str(path), "too_many_rows_excel", level, values={"n": len(table)})]
                )
        from ggzregio.io.excel import write_excel

        people = result.for_people()
        writers[paths[levels[0]]] = lambda tmp: write_excel(people, tmp)
    return writers


def read_results(path: str | Path, fmt: str | None = None, main_level: str = "area") -> ResultSet:
    """Read a result set written by :func:`write_results` (all levels).

    For CSV and Parquet the named file holds ``main_level`` (Parquet files also record their
    level and the metadata themselves) and the ``<stem>.<level><suffix>`` files beside it
    the other levels.
    """
    path = Path(path)
    fmt = output_format(path, fmt)
    if fmt == "json":
        doc = json.loads(path.read_text(encoding="utf-8"))
        tables, hidden = {}, {}
        for level, rows in doc["tables"].items():
            flags = [set(row.pop("hidden", None) or ()) for row in rows]
            table = _restore_text(pd.DataFrame.from_records(rows))
            tables[level] = table
            columns = sorted(set().union(*flags)) if flags else []
            hidden[level] = pd.DataFrame(
                {c: [c in f for f in flags] for c in columns}, index=table.index
            )
        return ResultSet(tables, dict(doc.get("metadata", {})), hidden)
    if fmt == "xlsx":
        from ggzregio.io.excel import read_excel_results

        return read_excel_results(path)
    suffix = path.suffix
    stem = path.name[: -len(suffix)]
    files = {main_level: path} | {
        p.name[len(stem) + 1 : -len(suffix)]: p
        for p in sorted(path.parent.glob(f"{stem}.*{suffix}"))
    }
    result = ResultSet({})
    for level, file in files.items():
        if fmt == "csv":
            header = pd.read_csv(file, nrows=0).columns
            dtypes = {c: str for c in header if c in TEXT_COLUMNS}
            result.tables[level] = pd.read_csv(
                file, dtype=dtypes, keep_default_na=False, na_values=[""]
            )
        else:
            import pyarrow.parquet as pq

            arrow = pq.read_table(file)
            raw = (arrow.schema.metadata or {}).get(_PARQUET_KEY)
            info = json.loads(raw) if raw else {}
            result.metadata = dict(info.get("metadata", result.metadata))
            result.tables[str(info.get("level", level))] = arrow.to_pandas()
    return result


def _csv_writer(table: pd.DataFrame) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        from ggzregio.io.cells import csv_safe

        csv_safe(table).to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")

    return write


def _parquet_writer(
    table: pd.DataFrame, level: str, metadata: Mapping[str, str]
) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        arrow = pa.Table.from_pandas(_parquet_safe(table), preserve_index=False)
        info = json.dumps({"level": level, "metadata": dict(metadata)}).encode("utf-8")
        arrow = arrow.replace_schema_metadata({**(arrow.schema.metadata or {}), _PARQUET_KEY: info})
        pq.write_table(arrow, tmp)

    return write


def _parquet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """Parquet columns hold one type: a column mixing numbers and text (a suppression marker
    among counts) is stored as text."""
    out = table.copy()
    for column in out.columns:
        if out[column].dtype == object:
            kinds = {type(v) for v in out[column] if v is not None and not _is_nan(v)}
            if len(kinds) > 1:
                out[column] = [None if v is None or _is_nan(v) else str(v) for v in out[column]]
    return out


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts (NaN to null, numpy to Python)."""
    if frame.empty:
        return []
    result: list[dict[str, Any]] = json.loads(frame.to_json(orient="records", date_format="iso"))
    return result


def hidden_columns(mask: pd.DataFrame) -> list[list[str]]:
    """Per row of a mask of hidden cells, the names of its hidden columns."""
    names = [str(c) for c in mask.columns]
    return [[names[j] for j in np.flatnonzero(row)] for row in mask.to_numpy(dtype=bool)]


def json_rows(result: ResultSet, level: str) -> list[dict[str, Any]]:
    """Rows of ``level`` for JSON: a hidden value is ``null`` and the row lists its hidden
    columns under ``hidden`` (empty list when nothing is hidden)."""
    table = result.tables[level]
    rows = []
    for row, hidden in zip(
        table.to_dict(orient="records"), hidden_columns(result.mask(level)), strict=True
    ):
        clean = {str(k): (None if k in hidden else _clean(v)) for k, v in row.items()}
        clean["hidden"] = hidden
        rows.append(clean)
    return rows


def _to_json(result: ResultSet) -> str:
    tables = {level: json_rows(result, level) for level in result.tables}
    return json.dumps({"metadata": result.metadata, "tables": tables}, ensure_ascii=False)


def _restore_text(table: pd.DataFrame) -> pd.DataFrame:
    for column in table.columns:
        if column in TEXT_COLUMNS:
            table[column] = table[column].astype(object)
    return table


def describe_written(paths: list[Path]) -> str:
    """'Geschreven: a.csv, a.region_code.csv'."""
    return t("cli.written", files=", ".join(str(p) for p in paths))
