"""Benchmark: the claims delineation (Ibis on DuckDB) against a minimal hand-written DuckDB SQL
query computing the same counts on the same Parquet files (the practical limit on this machine).

Run:  .venv/bin/python benchmarks/bench_claims.py [--persons 2000000] [--folder DIR] [--repeat 3]

Generates synthetic claims (unless ``--folder`` holds them already), then times both, checks
that they give identical counts per PC4 and reports rows per second, the ratio and, with
``--memory``, the peak memory of each (each run once in a fresh process that reports its own
peak resident memory, VmHWM). For the 50-million-row figure: ``--persons 10000000``. Not a test:
figures are reported, not asserted. It also times a whole run as the CLI makes it (input
checks, SHA-256 of every file, counting with the eligible adults, suppression).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from ggzregio.claims.pipeline import delineate, duckdb_connection
from ggzregio.claims.rules import default_rules
from ggzregio.claims.run import run_claims
from ggzregio.claims.synthetic import Shape, generate

YEAR = 2024
#: The default rule set written out by hand in SQL (thresholds of rules-default.yaml).
BASELINE = """
WITH p AS (
  SELECT person_id, pc4 FROM read_parquet('{f}/persons/*.parquet')
  WHERE insured_from <= {y} AND coalesce(insured_to, 9999) >= {y} AND {y} - birth_year >= 18
), t AS (
  SELECT person_id, product, minutes, CAST(start AS DATE) AS s,
         coalesce(CAST("end" AS DATE), DATE '9999-12-31') AS e
  FROM read_parquet('{f}/trajectories/*.parquet')
), spec AS (
  SELECT person_id FROM t WHERE product = 'specialist'
    AND s <= DATE '{y}-12-31' AND e >= DATE '{y}-01-01'
  GROUP BY person_id HAVING sum(coalesce(minutes, 0)) >= 1800
  INTERSECT
  SELECT person_id FROM (
    SELECT DISTINCT person_id, y FROM t, range({y} - 2, {y} + 1) r(y)
    WHERE product = 'specialist' AND s <= make_date(y, 12, 31) AND e >= make_date(y, 1, 1)
  ) GROUP BY person_id HAVING count(*) >= 2
), stay AS (
  SELECT DISTINCT person_id FROM read_parquet('{f}/stays/*.parquet')
  WHERE kind IN ('clinical', 'wlz', 'bw') AND CAST(start AS DATE) <= DATE '{y}-12-31'
    AND coalesce(CAST("end" AS DATE), DATE '{y}-12-31') >= DATE '{y}-01-01'
    AND date_diff('day', CAST(start AS DATE),
                  coalesce(CAST("end" AS DATE), DATE '{y}-12-31')) >= 365
), chronic AS (
  SELECT DISTINCT person_id FROM t WHERE product = 'basis_chronic'
    AND s <= DATE '{y}-12-31' AND e >= DATE '{y}-01-01'
), ap AS (
  SELECT person_id FROM read_parquet('{f}/dispensings/*.parquet')
  WHERE atc LIKE 'N05A%' AND CAST("date" AS DATE) BETWEEN DATE '{y}-01-01' AND DATE '{y}-12-31'
  GROUP BY person_id HAVING sum(days_supplied) >= 180
  EXCEPT
  SELECT person_id FROM t WHERE s <= DATE '{y}-12-31' AND e >= DATE '{y}-01-01'
), hit AS (
  SELECT person_id, 0 AS r FROM spec UNION ALL SELECT person_id, 1 FROM stay
  UNION ALL SELECT person_id, 2 FROM chronic UNION ALL SELECT person_id, 3 FROM ap
), first AS (
  SELECT person_id, min(r) AS r FROM hit GROUP BY person_id
)
SELECT pc4, r, count(*) AS n FROM first JOIN p USING (person_id) GROUP BY pc4, r ORDER BY pc4, r
"""


def _rows(folder: Path) -> int:
    return sum(
        pq.ParquetFile(part).metadata.num_rows
        for name in ("persons", "trajectories", "stays", "dispensings")
        for part in (folder / name).glob("*.parquet")
    )


def _best(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


_CHILD = """
import json, sys, time
from pathlib import Path
folder, which = Path(sys.argv[1]), sys.argv[2]
start = time.perf_counter()
if which == "pipeline":
    from ggzregio.claims.pipeline import delineate, duckdb_connection
    from ggzregio.claims.rules import default_rules
    delineate(duckdb_connection(), folder, default_rules(), int(sys.argv[3]))
else:
    import duckdb
    duckdb.sql(sys.argv[4]).fetchall()
seconds = time.perf_counter() - start
# VmHWM is the peak of this process's own memory. ru_maxrss is not: a child started with
# vfork/posix_spawn inherits the parent's peak at exec, which made both variants look alike.
status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
peak = int(status) / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak}))
"""


def peak_memory(folder: Path, which: str, sql: str) -> dict[str, float]:
    """Seconds and peak resident memory (MB) of one run in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(folder), which, str(YEAR), sql],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=2_000_000)
    parser.add_argument("--folder", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory", action="store_true", help="also measure peak memory")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp)
        if not (folder / "persons").is_dir():
            generate(folder, Shape(persons=args.persons, pc4_areas=400))
        rows = _rows(folder)
        rules = default_rules()
        ours = delineate(duckdb_connection(), folder, rules, YEAR)
        sql = BASELINE.format(f=folder, y=YEAR)
        hand = duckdb.sql(sql).df()
        mine = ours.per_area.melt(
            id_vars=["pc4", "year", "epa_adults"], var_name="rule", value_name="n"
        )
        assert int(hand["n"].sum()) == int(mine["n"].sum()), "the two disagree"
        pipeline_s = _best(lambda: delineate(duckdb_connection(), folder, rules, YEAR), args.repeat)
        baseline_s = _best(lambda: duckdb.sql(sql).fetchall(), args.repeat)
        whole = run_claims(folder, rules, YEAR).record  # checks, fingerprints, counts, protection
        whole_s = _best(lambda: run_claims(folder, rules, YEAR), args.repeat)
        memory = (
            {w: peak_memory(folder, w, sql) for w in ("pipeline", "baseline")}
            if args.memory
            else {}
        )
    results = {
        "rows": float(rows),
        "pipeline_s": pipeline_s,
        "baseline_s": baseline_s,
        "ratio": pipeline_s / baseline_s,
        "whole_run_s": whole_s,
    }
    print(f"claims delineation on {rows:,} rows")
    print(f"  pipeline (Ibis on DuckDB)  {pipeline_s:7.3f} s   {rows / pipeline_s:14,.0f} rows/s")
    print(f"  hand-written DuckDB SQL    {baseline_s:7.3f} s   {rows / baseline_s:14,.0f} rows/s")
    print(f"  ratio pipeline / baseline  {results['ratio']:7.2f}")
    print(
        f"  whole run (checks, SHA-256, counts incl. eligible adults, suppression) {whole_s:.3f} s;"
        f" {whole['steps']['areas']} PC4, {whole['steps']['epa_adults']} adults with EPA"
    )
    for which, figures in memory.items():
        results[f"{which}_peak_mb"] = figures["peak_mb"]
        print(
            f"  {which:9s} in a fresh process: {figures['seconds']:6.2f} s (incl. start-up), "
            f"peak memory {figures['peak_mb']:7.0f} MB"
        )
    return results


if __name__ == "__main__":
    main()
