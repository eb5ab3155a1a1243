"""The delineation as one query, written once with Ibis: DuckDB by default, Spark the same way.

For year ``Y`` every rule of the rule set yields the people it matches (semantics in
``docs/claims.md`` and :mod:`ggzregio.claims.rules`); a person counts for the first rule that
matches, if insured in ``Y`` and at least ``min_age`` years old, in the PC4 of the persons
table. The result is counted per PC4 and rule inside the engine: only counts leave it, never
rows of people. Tables are scanned from Parquet (or CSV) where they lie; nothing is loaded into
pandas but the counts.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

from ggzregio.claims.rules import Rule, RuleSet
from ggzregio.claims.schema import TABLES
from ggzregio.errors import InputError, Problem

FAR_FUTURE = datetime.date(9999, 12, 31)


@dataclass(frozen=True)
class Counts:
    """Counts of one run: adults with EPA per PC4 and first-matching rule, and per rule the
    people it matches at all and the people it adds to the rules before it."""

    per_area: pd.DataFrame  # pc4, year, epa_adults, one column per rule
    per_rule: pd.DataFrame  # rule, matched, added
    eligible: int | None = None  # adults insured in the year (when asked for)


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


def read_tables(con: Any, folder: Path) -> dict[str, ir.Table]:
    """The four input tables as Ibis tables of connection ``con`` (not loaded)."""
    tables = {}
    for name in TABLES:
        path, kind = source(folder, name)
        if kind == "parquet" and con.name == "pyspark" and (folder / name).is_dir():
            path = str(folder / name)  # Spark reads a folder of parts; DuckDB needs the glob
        tables[name] = con.read_parquet(path) if kind == "parquet" else con.read_csv(path)
    return tables


def _active(start: ir.DateValue, end: ir.DateValue, year: int) -> ir.BooleanValue:
    return (start <= datetime.date(year, 12, 31)) & (end >= datetime.date(year, 1, 1))


def _trajectory_rule(t: ir.Table, rule: Rule, year: int) -> ir.Table:
    own = t.filter(t["product"].isin(list(rule["products"])))
    start = own["start"].cast("date")
    end = own["end"].cast("date").fill_null(FAR_FUTURE)
    in_year = own.filter(_active(start, end, year))
    minutes = in_year.group_by("person_id").aggregate(minutes=in_year["minutes"].fill_null(0).sum())
    enough = minutes.filter(minutes["minutes"] >= rule["min_minutes_in_year"]).select("person_id")
    years = [
        own.filter(_active(start, end, y)).select("person_id").distinct().mutate(y=ibis.literal(y))
        for y in range(year - rule["window_years"] + 1, year + 1)
    ]
    with_care = ibis.union(*years) if len(years) > 1 else years[0]
    counted = with_care.group_by("person_id").aggregate(n=with_care.count())
    long_enough = counted.filter(counted["n"] >= rule["min_years_with_care"]).select("person_id")
    return enough.join(long_enough, "person_id").select("person_id")


def _stay_rule(s: ir.Table, rule: Rule, year: int) -> ir.Table:
    own = s.filter(s["kind"].isin(list(rule["stay_kinds"])))
    start = own["start"].cast("date")
    end = own["end"].cast("date").fill_null(datetime.date(year, 12, 31))
    days = end.delta(start, unit="day")
    return own.filter(_active(start, end, year) & (days >= rule["min_days"])).select("person_id")


def _dispensing_rule(d: ir.Table, t: ir.Table, rule: Rule, year: int) -> ir.Table:
    date = d["date"].cast("date")
    atc = d["atc"]
    prefix = ibis.or_(*(atc.startswith(p) for p in rule["atc_prefixes"]))
    own = d.filter(
        (date >= datetime.date(year, 1, 1)) & (date <= datetime.date(year, 12, 31)) & prefix
    )
    days = own.group_by("person_id").aggregate(days=own["days_supplied"].sum())
    hit = days.filter(days["days"] >= rule["min_days_supplied"]).select("person_id")
    if rule["without_ggz_contact"]:
        start = t["start"].cast("date")
        end = t["end"].cast("date").fill_null(FAR_FUTURE)
        contact = t.filter(_active(start, end, year)).select("person_id").distinct()
        hit = hit.anti_join(contact, "person_id")
    return hit


def matches(tables: dict[str, ir.Table], rules: RuleSet, year: int) -> ir.Table:
    """Every (person_id, rule index) pair where the rule matches in ``year``."""
    parts = []
    for index, rule in enumerate(rules.rules):
        if rule.kind == "trajectories":
            found = _trajectory_rule(tables["trajectories"], rule, year)
        elif rule.kind == "stays":
            found = _stay_rule(tables["stays"], rule, year)
        else:
            found = _dispensing_rule(tables["dispensings"], tables["trajectories"], rule, year)
        parts.append(found.distinct().mutate(rule=ibis.literal(index)))
    return ibis.union(*parts) if len(parts) > 1 else parts[0]


def eligible(persons: ir.Table, rules: RuleSet, year: int) -> ir.Table:
    """Adults insured in ``year``: person_id and pc4."""
    insured = (persons["insured_from"] <= year) & (persons["insured_to"].fill_null(9999) >= year)
    adult = (year - persons["birth_year"]) >= rules.min_age
    return persons.filter(insured & adult).select("person_id", "pc4")


def _keep(con: Any, expr: ir.Table) -> ir.Table:
    """Compute ``expr`` once and keep it in the engine: a temporary table where the engine has
    them (DuckDB), else Ibis's cache (Spark)."""
    try:
        return con.create_table(f"keep_{uuid.uuid4().hex[:16]}", expr, temp=True)
    except NotImplementedError:
        return expr.cache()


def delineate(
    con: Any, folder: str | Path, rules: RuleSet, year: int, *, with_eligible: bool = False
) -> Counts:
    """Count adults with EPA in care per PC4 and rule for ``year`` on connection ``con``;
    ``with_eligible`` also counts the adults insured in the year (one more scan of persons,
    for the run record)."""
    tables = read_tables(con, Path(folder))
    people = eligible(tables["persons"], rules, year)
    # One pass over the claims: the matches of eligible people are cached in the engine (person,
    # PC4 and rule: a small fraction of the input) and counted there.
    found = _keep(con, matches(tables, rules, year).join(people, "person_id"))
    first = found.group_by(["person_id", "pc4"]).aggregate(rule=found["rule"].min())
    per_area_long = first.group_by(["pc4", "rule"]).aggregate(n=first.count()).to_pandas()
    matched = found.group_by("rule").aggregate(n=found["person_id"].nunique()).to_pandas()
    n_eligible = int(people.count().to_pyarrow().as_py()) if with_eligible else None
    names = [r.id for r in rules.rules]
    wide = (
        per_area_long.assign(rule=per_area_long["rule"].map(dict(enumerate(names))))
        .pivot_table(index="pc4", columns="rule", values="n", aggfunc="sum", fill_value=0)
        .reindex(columns=names, fill_value=0)
    )
    wide.columns.name = None
    wide.insert(0, "epa_adults", wide.sum(axis=1))
    wide = wide.reset_index()
    wide.insert(1, "year", year)
    added = per_area_long.groupby("rule")["n"].sum()
    per_rule = pd.DataFrame(
        {
            "rule": names,
            "matched": [int(matched.set_index("rule")["n"].get(i, 0)) for i in range(len(names))],
            "added": [int(added.get(i, 0)) for i in range(len(names))],
        }
    )
    return Counts(
        wide.astype(dict.fromkeys(["year", "epa_adults", *names], "int64")), per_rule, n_eligible
    )


def spark_connection(cores: int | str = "*") -> Any:
    """A PySpark session in local mode through Ibis (the same pipeline on Spark). On a cluster,
    pass ``ibis.pyspark.connect(session)`` of your own session instead."""
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("ggzregio-claims")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return ibis.pyspark.connect(session)


def duckdb_connection(threads: int | None = None) -> Any:
    """An in-memory DuckDB connection (the embedded default engine)."""
    con = ibis.duckdb.connect()
    if threads:
        con.raw_sql(f"SET threads = {int(threads)}")
    return con
