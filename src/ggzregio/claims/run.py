"""One claims run: checks inside the engine, counting, suppression, and the run record.

Before anything is counted the input is checked where it lies (no rows leave the engine):
every table and required column present, no column named like a direct identifier, no id that
passes the BSN eleven-test, only known codes. Then the delineation counts adults with EPA per
PC4 and rule (:mod:`.pipeline`). Small-number suppression is applied before anything is
written: per PC4 (primary and secondary against the total, :mod:`ggzregio.privacy`) and per
rule. The run record states the input fingerprints, the rule set, the engine and the counts per
step, so a run can be reproduced and checked.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ggzregio import __version__
from ggzregio.claims.pipeline import Counts, delineate, duckdb_connection, read_tables, source
from ggzregio.claims.rules import RuleSet
from ggzregio.claims.schema import CODES, ID_COLUMNS, TABLES, identifier_problems
from ggzregio.errors import InputError, Problem
from ggzregio.io.results import ResultSet
from ggzregio.prevalence.aggregate import OBSERVED
from ggzregio.privacy import apply_suppression, check_threshold, marker, plan_suppression

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


@dataclass
class ClaimsResult:
    """What a run publishes (already suppressed) and its run record."""

    result: ResultSet
    record: dict[str, Any] = field(default_factory=dict)


def bsn_like_count(table: Any, column: str) -> int:
    """How many values of ``column`` pass the BSN eleven-test, computed in the engine."""
    text = table[column].cast("string").strip()
    candidates = table.filter(text.re_search(r"^[0-9]{8,9}$")).select(pid=text.lpad(9, "0"))
    pid = candidates["pid"]
    total = sum(pid.substr(i, 1).cast("int64") * w for i, w in enumerate(WEIGHTS))
    hits = candidates.filter(((total % 11) == 0) & (pid != "000000000"))
    return int(hits.count().to_pyarrow().as_py())


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
        if missing:
            continue
        for column in ID_COLUMNS:
            n = bsn_like_count(table, column)
            if n:
                problems.append(Problem(file, "claims.bsn_like_id", column, values={"n": n}))
        for column, allowed in CODES.items():
            if column not in present:
                continue
            bad = table.filter(~table[column].isin(list(allowed)) | table[column].isnull())
            found = bad.select(column).distinct().limit(5).to_pandas()[column].tolist()
            if found:
                values: dict[str, object] = {
                    "value": ", ".join(map(str, found)),
                    "allowed": ", ".join(allowed),
                }
                problems.append(Problem(file, "bad_choice", column, values=values))
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


def _protected(counts: Counts, threshold: int) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    areas = counts.per_area.rename(columns={"pc4": "area_code", "epa_adults": OBSERVED})
    areas = areas[["area_code", "year", OBSERVED]]
    plan = plan_suppression(areas, OBSERVED, [], threshold)
    table = apply_suppression(areas, plan.areas, [OBSERVED], threshold)
    rules = counts.per_rule.copy()
    small = (rules["matched"] < threshold) | (rules["added"] < threshold)
    for column in ("matched", "added"):
        values = rules[column].astype(object)
        values[small & (rules[column] < threshold)] = marker(threshold)
        rules[column] = values
    return table, rules, int(plan.areas.sum())


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
    areas, per_rule, hidden = _protected(counts, threshold)
    total = int(counts.per_area["epa_adults"].sum())
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
            "rules": per_rule.to_dict("records"),
            "epa_adults": total if total >= threshold else marker(threshold),
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
    return ClaimsResult(ResultSet({"area": areas, "rules": per_rule}, metadata), record)
