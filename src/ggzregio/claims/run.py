"""One claims run: checks inside the engine, counting, suppression, and the run record.

Before anything is counted the input is checked where it lies (no rows leave the engine):
every table and required column present, no column named like a direct identifier, no id that
passes the BSN eleven-test, only known codes, every key (``person_id`` of ``persons``) on one
row only. Then the delineation counts adults with EPA per PC4 and rule (:mod:`.pipeline`).
Small-number suppression is applied before anything is written: per PC4 (primary and
secondary against the total, :mod:`ggzregio.privacy`) and per rule. The run record states the
input fingerprints, the rule set, the engine and the counts per step, so a run can be
reproduced and checked.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ggzregio import __version__
from ggzregio.claims.pipeline import Counts, delineate, duckdb_connection, read_tables, source
from ggzregio.claims.rules import RuleSet
from ggzregio.claims.schema import (
    CODES,
    DUPLICATE_ROWS_SHOWN,
    DUPLICATES_SHOWN,
    ELEVEN_WEIGHTS,
    ID_COLUMNS,
    TABLES,
    identifier_problems,
)
from ggzregio.errors import InputError, Problem
from ggzregio.io.results import ResultSet, json_rows
from ggzregio.prevalence.aggregate import OBSERVED
from ggzregio.privacy import (
    Output,
    check_threshold,
    plan_cross_suppression,
    plan_suppression,
    protect,
)
from ggzregio.privacy.tables import hide


@dataclass
class ClaimsResult:
    """What a run publishes (already suppressed) and its run record."""

    result: ResultSet
    record: dict[str, Any] = field(default_factory=dict)


def bsn_like(column: Any) -> Any:
    """Whether each value of ``column`` passes the BSN eleven-test (8 or 9 digits, weights
    9..2 and -1, a multiple of 11, not all zeros; surrounding white space ignored), as an
    engine expression.

    Cheap string tests guard the arithmetic: only values of 8 or 9 characters starting with a
    digit, or values with white space at either end, are converted to a number. Pseudonyms that
    start with a letter or have another length cost two comparisons (a guard that trims every
    value, or a regular expression, made the check 10-100 times slower on 50 million rows).
    """
    raw = column.cast("string")
    plain = (raw >= "0") & (raw < ":") & raw.length().between(8, 9)
    padded = ((raw < "!") | raw.endswith(" ") | raw.endswith("\t")) & raw.strip().length().between(
        8, 9
    )
    number = raw.try_cast("int64")  # the cast ignores surrounding white space
    digit = [(number // 10 ** (8 - i)) % 10 for i in range(9)]
    total = sum(d * w for d, w in zip(digit, ELEVEN_WEIGHTS, strict=True))
    eleven = number.between(1, 999_999_999) & ((total % 11) == 0)
    return (plain | padded).ifelse(eleven.fill_null(False), False)


def duplicate_rows(folder: Path, name: str, column: str) -> tuple[int, dict[str, list[int]]]:
    """Where the repeated values of key ``column`` of table ``name`` lie: how many values occur
    on more than one row, and per file the rows (as a person sees them) of the first few of
    those values (:data:`DUPLICATES_SHOWN`, by their first row; at most
    :data:`DUPLICATE_ROWS_SHOWN` rows).

    Only run when the check has found repeats. DuckDB reads the files where they lie, whatever
    the engine of the run, because it numbers records as the file holds them: in Parquet each
    record's number in its part (``file_row_number``; the first record is row 1); a CSV file is
    copied in file order (DuckDB preserves insertion order) into a temporary table of the key
    alone, whose ``rowid`` is the record's position (the header is row 1). One grouping over
    the key finds the repeated values and the first row of each (as one integer: part and row);
    a second scan fetches the rows of the first few. Only the count and row numbers come back,
    never ids."""
    path, kind = source(folder, name)
    key = '"' + column.replace('"', '""') + '"'
    con = duckdb.connect()
    if kind == "parquet":
        scan = (
            f"SELECT file_index AS part, filename AS file, file_row_number + 1 AS row, {key} AS key"
            " FROM read_parquet($path, file_row_number = true)"
        )
    else:
        copy = f"CREATE TEMP TABLE csv_rows AS SELECT {key} AS key FROM read_csv($path)"
        con.execute(copy, {"path": path})
        scan = "SELECT 0 AS part, $path AS file, rowid + 2 AS row, key FROM csv_rows"
    found = con.execute(
        f"""
        WITH keyed AS NOT MATERIALIZED ({scan}),
        repeated AS (
            SELECT key, min(part * (1::BIGINT << 40) + row) AS first FROM keyed
            WHERE key IS NOT NULL GROUP BY key HAVING count(*) > 1
        ),
        shown AS (SELECT key FROM repeated ORDER BY first LIMIT {int(DUPLICATES_SHOWN)})
        SELECT (SELECT count(*) FROM repeated) AS repeated, file, row
        FROM keyed SEMI JOIN shown USING (key)
        ORDER BY part, row LIMIT {int(DUPLICATE_ROWS_SHOWN)}
        """,
        {"path": path},
    ).fetchall()
    con.close()
    rows: dict[str, list[int]] = {}
    for _, file, row in found:
        label = Path(file).name if not (folder / name).is_dir() else f"{name}/{Path(file).name}"
        rows.setdefault(label, []).append(int(row))
    return (int(found[0][0]) if found else 0), rows


def _duplicate_problems(
    folder: Path, name: str, file: str, column: str, extra: int
) -> list[Problem]:
    """The refusal of key ``column`` with ``extra`` rows more than it has distinct values: per
    file that holds rows shown, one problem naming them."""
    repeated, rows = duplicate_rows(folder, name, column)
    values: dict[str, object] = {
        "n": extra,
        "ids": repeated or "?",
        "shown": min(repeated, DUPLICATES_SHOWN) or "?",
    }
    if not rows:  # DuckDB read the file otherwise than the engine: refuse without rows
        return [Problem(file, "claims.duplicate_key", column, values=values)]
    return [
        Problem(label, "claims.duplicate_key", column, rows=tuple(shown), values=values)
        for label, shown in rows.items()
    ]


def _table_problems(
    table: Any, file: str, present: list[str], unique: list[str], where: tuple[Path, str]
) -> list[Problem]:
    """BSN-like ids, unknown codes and repeated keys of one table, counted in one pass over it
    (a key is repeated when it has fewer distinct values than rows with a value; only then a
    second query finds the rows, :func:`duplicate_rows`). ``where`` is the folder and the table
    name."""
    codes = {c: allowed for c, allowed in CODES.items() if c in present}
    bad = {c: ~table[c].isin(list(allowed)) | table[c].isnull() for c, allowed in codes.items()}
    counts = {f"id_{c}": table.count(where=bsn_like(table[c])) for c in ID_COLUMNS}
    counts |= {f"code_{c}": table.count(where=bad[c]) for c in codes}
    counts |= {f"key_{c}": table[c].count() - table[c].nunique() for c in unique}
    found = table.aggregate(**counts).to_pyarrow().to_pylist()[0]
    problems = [
        Problem(file, "claims.bsn_like_id", c, values={"n": found[f"id_{c}"]})
        for c in ID_COLUMNS
        if found[f"id_{c}"]
    ]
    for column, allowed in codes.items():
        if not found[f"code_{column}"]:
            continue
        found_bad = table.filter(bad[column]).select(column).distinct().limit(5)
        examples = found_bad.to_pandas()[column].tolist()
        values: dict[str, object] = {
            "value": ", ".join(map(str, examples)),
            "allowed": ", ".join(allowed),
        }
        problems.append(Problem(file, "bad_choice", column, values=values))
    for column in unique:
        if found[f"key_{column}"]:
            problems += _duplicate_problems(*where, file, column, int(found[f"key_{column}"]))
    return problems


def check_input(con: Any, folder: Path) -> dict[str, Any]:
    """The input tables after every check; refuses with all problems found."""
    tables = read_tables(con, folder)
    problems: list[Problem] = []
    for name, columns in TABLES.items():
        table = tables[name]
        file = Path(source(folder, name)[0]).name if not (folder / name).is_dir() else f"{name}/"
        present = list(table.columns)
        problems += identifier_problems(file, present, [])
        missing = [c.name for c in columns if c.required and c.name not in present]
        problems += [
            Problem(file, "missing_column", c, values={"found": ", ".join(present)})
            for c in missing
        ]
        if not missing:
            unique = [c.name for c in columns if c.unique]
            problems += _table_problems(table, file, present, unique, (folder, name))
    if problems:
        raise InputError(problems)
    return tables


def fingerprints(folder: Path) -> list[dict[str, Any]]:
    """SHA-256 and size of every input file (what the run read)."""
    out = []
    for name in TABLES:
        path, _ = source(folder, name)
        files = sorted(Path(path).parent.glob(Path(path).name))
        for file in files:
            digest = hashlib.sha256()
            with file.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            out.append(
                {
                    "table": name,
                    "file": str(file.relative_to(folder)),
                    "bytes": file.stat().st_size,
                    "sha256": digest.hexdigest(),
                }
            )
    return out


def claims_output(counts: Counts, threshold: int) -> Output:
    """The published cells of a run, declared to the disclosure layer.

    Base counts: the adults per PC4 whose first matching rule is each rule, and per later rule
    the adults it matches that an earlier rule already added (national, unpublished). Published:
    per PC4 and rule the additions (``area_rules``), per PC4 their sum (``area``), per rule the
    national additions and matches (``rules``: matched = additions + overlap, so the first rule's
    matches equal its additions), and the national total."""
    names = list(counts.per_rule["rule"])
    pc4 = counts.per_area["pc4"].astype(str).tolist()
    n_areas, n_rules = len(pc4), len(names)
    output = Output(threshold)
    output.base(
        [(a, r) for a in pc4 for r in names],
        counts.per_area[names].to_numpy(np.float64).ravel(),
    )
    overlap = (counts.per_rule["matched"] - counts.per_rule["added"]).to_numpy(np.float64)
    output.base([("overlap", r) for r in names[1:]], overlap[1:])
    n_base = n_areas * n_rules + n_rules - 1
    cells = sp.identity(n_areas * n_rules, format="csr")
    cells.resize((n_areas * n_rules, n_base))
    output.cells("area_rules", "n", [(a, r) for a in pc4 for r in names], cells)
    rows = sp.csr_matrix(
        (
            np.ones(n_areas * n_rules),
            (np.repeat(np.arange(n_areas), n_rules), np.arange(n_areas * n_rules)),
        ),
        shape=(n_areas, n_base),
    )
    output.cells("area", "n", pc4, rows)
    columns = sp.csr_matrix(
        (
            np.ones(n_areas * n_rules),
            (np.tile(np.arange(n_rules), n_areas), np.arange(n_areas * n_rules)),
        ),
        shape=(n_rules, n_base),
    )
    output.cells("rules", "added", names, columns)
    overlaps = sp.csr_matrix(
        (np.ones(n_rules - 1), (np.arange(1, n_rules), n_areas * n_rules + np.arange(n_rules - 1))),
        shape=(n_rules, n_base),
    )
    output.cells("rules", "matched", names, sp.csr_matrix(columns + overlaps))
    output.cells("total", "n", ["total"], sp.csr_matrix(columns.sum(axis=0)))
    return output


def _protected(
    counts: Counts, threshold: int
) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame], int]:
    """The published tables with their hidden cells, every count of people protected together:
    a fast start from the specialised planners (per PC4 against the total, additions against
    the total, PC4 × rule against both margins), then the audit over the whole output, which
    adds cells until no hidden count can be narrowed below the threshold (:func:`protect`)."""
    names = list(counts.per_rule["rule"])
    areas = counts.per_area.rename(columns={"pc4": "area_code", "epa_adults": OBSERVED})
    plan = plan_suppression(areas[["area_code", "year", OBSERVED]], OBSERVED, [], threshold)
    national_hidden = np.array([areas[OBSERVED].sum() < threshold])
    added = counts.per_rule["added"].to_numpy(np.int64)
    added_hidden = plan_cross_suppression(
        added[None, :], national_hidden, np.zeros(len(names), dtype=bool), threshold
    )[0]
    start = plan_cross_suppression(
        areas[names].to_numpy(np.int64), plan.areas, added_hidden, threshold
    )
    initial = np.concatenate(
        [
            start.ravel(),
            plan.areas,
            added_hidden,
            added_hidden,
            national_hidden,
        ]
    )
    decision = protect(claims_output(counts, threshold), initial)
    area_hidden = decision.mask("area", "n").to_numpy(dtype=bool)
    area, area_mask = hide(areas[["area_code", "year", OBSERVED]], area_hidden, [OBSERVED])
    rules = counts.per_rule.copy()
    rule_masks = pd.DataFrame(
        {c: decision.mask("rules", c).to_numpy(dtype=bool) for c in ("matched", "added")}
    )
    for column in ("matched", "added"):
        rules[column] = rules[column].astype("Int64").mask(rule_masks[column].to_numpy())
    cell_hidden = decision.mask("area_rules", "n").to_numpy(dtype=bool).reshape(len(areas), -1)
    by_rule = areas[["area_code", "year"]].copy()
    for j, name in enumerate(names):
        by_rule[name] = areas[name].astype("Int64").mask(cell_hidden[:, j])
    cell_masks = pd.DataFrame(cell_hidden, columns=names, index=by_rule.index)
    tables = {"area": area, "rules": rules, "area_rules": by_rule}
    masks = {"area": area_mask, "rules": rule_masks, "area_rules": cell_masks}
    total_hidden = bool(decision.mask("total", "n").iloc[0])
    tables["area"].attrs["total_hidden"] = total_hidden
    return tables, masks, int(area_hidden.sum())


def run_claims(
    folder: str | Path,
    rules: RuleSet,
    year: int,
    *,
    threshold: int = 10,
    connect: Callable[[], Any] | None = None,
    engine: str = "duckdb",
    step: Callable[[str], None] | None = None,
) -> ClaimsResult:
    """Check, count, protect; ``step(name)`` is called as each step starts (for progress)."""
    check_threshold(threshold)
    folder = Path(folder)
    started = time.perf_counter()
    con = (connect or duckdb_connection)()
    say = step or (lambda name: None)
    say("check")
    check_input(con, folder)
    say("fingerprint")
    files = fingerprints(folder)
    say("count")
    counts = delineate(con, folder, rules, year, with_eligible=True)
    say("protect")
    tables, masks, hidden = _protected(counts, threshold)
    areas, per_rule = tables["area"], tables["rules"]
    total = int(counts.per_area["epa_adults"].sum())
    total_hidden = bool(areas.attrs.get("total_hidden", total < threshold))
    record: dict[str, Any] = {
        "ggzregio_version": __version__,
        "rule_set": rules.label,
        "rule_set_file": rules.source,
        "year": year,
        "engine": engine,
        "suppression_threshold": threshold,
        "inputs": files,
        "steps": {
            "eligible_adults": counts.eligible,
            "rules": json_rows(ResultSet({"rules": per_rule}, hidden=masks), "rules"),
            "epa_adults": None if total_hidden else total,
            "areas": len(areas),
            "areas_suppressed": hidden,
        },
        "seconds": round(time.perf_counter() - started, 3),
    }
    metadata = {
        "ggzregio_version": __version__,
        "rule_set": rules.label,
        "year": str(year),
        "engine": engine,
        "suppression_threshold": str(threshold),
        "honesty": rules.honesty.get("nl", ""),
        "input_sha256": ";".join(f["sha256"][:16] for f in files),
    }
    return ClaimsResult(ResultSet(tables, metadata, masks), record)
