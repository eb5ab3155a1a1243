"""Observed EPA care from claims microdata: a claims folder delineated into protected counts
per area (DuckDB or Spark through Ibis), written with its run record; and synthetic claims
folders with a planted population (known answers)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from ggzregio.claims.rules import RuleSet, load_rules
from ggzregio.errors import InputError, Problem
from ggzregio.extras import require
from ggzregio.io.atomic import write_files_atomically
from ggzregio.io.results import output_format, output_paths, result_writers
from ggzregio.privacy import DEFAULT_THRESHOLD

ENGINES: Final = ("duckdb", "spark")


@dataclass(frozen=True)
class Delineation:
    """A finished run: the rule set used, the run record and the files written."""

    rules: RuleSet
    record: dict[str, Any]
    written: list[Path]


def delineate(
    input_dir: Path,
    year: int,
    out_file: Path,
    *,
    rules: Path | None = None,
    engine: str = "duckdb",
    threshold: int = DEFAULT_THRESHOLD,
    step: Callable[[str], None] | None = None,
) -> Delineation:
    """Delineate EPA care in the claims folder ``input_dir`` for ``year`` and write the
    protected tables and the run record beside them, all or nothing. ``step`` hears the
    name of each step as it starts."""
    # The counting engines come with the extras claims (Ibis, DuckDB) and spark (PySpark).
    require("ibis", "claims")
    require("duckdb", "claims")
    if engine == "spark":
        require("pyspark", "spark")
    from ggzregio.claims.pipeline import duckdb_connection, spark_connection
    from ggzregio.claims.run import run_claims

    if not input_dir.is_dir():
        raise InputError([Problem(str(input_dir), "file_not_found")])
    rule_set = load_rules(rules)
    fmt = output_format(out_file)
    connect = spark_connection if engine == "spark" else duckdb_connection
    result = run_claims(
        input_dir,
        rule_set,
        year,
        threshold=threshold,
        connect=connect,
        engine=engine,
        step=step or (lambda _name: None),
    )
    writers = result_writers(result.result, out_file, fmt)
    main = output_paths(out_file, list(result.result.tables), fmt)["area"]
    record_path = main.with_name(main.name.split(".")[0] + ".run.json")
    text = json.dumps(result.record, indent=2, ensure_ascii=False, default=str)
    writers[record_path] = lambda tmp: tmp.write_text(text, encoding="utf-8")
    return Delineation(rule_set, result.record, write_files_atomically(writers))


@dataclass(frozen=True)
class SyntheticFolder:
    """A synthetic claims folder: its claim rows and the planted adults with EPA care."""

    rows: int
    planted_epa_adults: int


def synthetic_claims(
    target: Path, *, persons: int, areas: int, year: int, seed: int
) -> SyntheticFolder:
    """Write a synthetic claims folder to ``target`` (new or empty), all or nothing: written
    beside it and moved into place when complete."""
    import pyarrow.parquet as pq

    from ggzregio.claims.synthetic import Shape, generate

    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError([Problem(str(target), "claims.target_not_empty")])
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        shape = Shape(year=year, persons=persons, pc4_areas=areas, seed=seed)
        planted = generate(partial, shape)
        if target.exists():
            target.rmdir()
        partial.rename(target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    rows = sum(pq.ParquetFile(part).metadata.num_rows for part in target.glob("*/part-*.parquet"))
    return SyntheticFolder(rows, int(planted["epa_adults"].sum()))
