"""The delineation as one query, written once with Ibis: DuckDB by default, Spark the same way.

For year ``Y`` every rule of the rule set yields the people it matches (semantics in
``docs/claims.md`` and :mod:`ggzregio.claims.rules`); a person counts for the first rule that
matches, if insured in ``Y`` and at least ``min_age`` years old, in the PC4 of the persons
table.

Everything is one query that passes once over each claims table: per person the *mask* of the
rules that match (the sum of ``2**i`` over matching rules ``i``), then people per PC4 and mask.
Only those counts leave the engine, never rows of people; the first-matching rule and the
per-rule matches and additions follow from the masks. Tables are scanned from Parquet (or CSV)
where they lie; nothing is loaded into pandas but the counts.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from ggzregio.claims.reading import read_table, value_problems
from ggzregio.claims.reading import source as source  # where run.py and callers look it up
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


def read_tables(con: Any, folder: Path, *, check: bool = True) -> dict[str, ir.Table]:
    """The four input tables as Ibis tables of connection ``con`` (not loaded), each column of
    the type the schema gives it (:mod:`.reading`). With ``check``, first refuses every value
    that does not fit its column, with file, column, rule and rows."""
    if check:
        problems = [p for name in TABLES for p in value_problems(folder, name)]
        if problems:
            raise InputError(problems)
    return {name: read_table(con, folder, name) for name in TABLES}


def _span(table: ir.Table, open_until: datetime.date) -> tuple[ir.DateValue, ir.DateValue]:
    """Start and end of each row as dates; an open end (empty) runs to ``open_until``."""
    return table["start"].cast("date"), table["end"].cast("date").fill_null(open_until)


def _active(start: ir.DateValue, end: ir.DateValue, year: int) -> ir.BooleanValue:
    return (start <= datetime.date(year, 12, 31)) & (end >= datetime.date(year, 1, 1))


def _bits(conditions: list[tuple[int, ir.BooleanValue]]) -> ir.IntegerValue:
    """The sum of ``2**i`` over the conditions ``i`` that hold (disjoint bits: a bitwise or)."""
    total: ir.IntegerValue = ibis.literal(0, type="int64")
    for index, condition in conditions:
        total = total + condition.ifelse(1 << index, 0).cast("int64")
    return total


def _of_kind(rules: RuleSet, kind: str) -> list[tuple[int, Rule]]:
    return [(i, r) for i, r in enumerate(rules.rules) if r.kind == kind]


def _trajectory_bits(t: ir.Table, rules: RuleSet, year: int) -> ir.Table:
    """Per person with trajectories of a rule's products: the bits of the trajectory rules
    that match. One pass over the trajectories."""
    chosen = _of_kind(rules, "trajectories")
    products = sorted({p for _, rule in chosen for p in rule["products"]})
    t = t.filter(t["product"].isin(products))
    start, end = _span(t, FAR_FUTURE)
    minutes = t["minutes"].fill_null(0)
    aggregates: dict[str, ir.Value] = {}
    for index, rule in chosen:
        own = t["product"].isin(list(rule["products"]))
        now = own & _active(start, end, year)
        aggregates[f"m{index}"] = now.ifelse(minutes, 0).sum()
        aggregates[f"n{index}"] = now.any()
        for y in range(year - rule["window_years"] + 1, year):
            aggregates[f"y{index}_{y}"] = (own & _active(start, end, y)).any()
    per = t.group_by("person_id").aggregate(**aggregates)
    found = []
    for index, rule in chosen:
        earlier = range(year - rule["window_years"] + 1, year)
        care = sum((per[f"y{index}_{y}"].cast("int64") for y in earlier), ibis.literal(1))
        found.append(
            (
                index,
                per[f"n{index}"]
                & (per[f"m{index}"] >= rule["min_minutes_in_year"])
                & (care >= rule["min_years_with_care"]),
            )
        )
    return per.select("person_id", bits=_bits(found))


def _stay_bits(s: ir.Table, rules: RuleSet, year: int) -> ir.Table:
    """Per person with stays: the bits of the stay rules that match. One pass over the stays."""
    start, end = _span(s, datetime.date(year, 12, 31))
    days = end.delta(start, unit="day")
    stay_rules = _of_kind(rules, "stays")
    aggregates = {
        f"s{index}": (
            s["kind"].isin(list(rule["stay_kinds"]))
            & _active(start, end, year)
            & (days >= rule["min_days"])
        ).any()
        for index, rule in stay_rules
    }
    per = s.group_by("person_id").aggregate(**aggregates)
    return per.select("person_id", bits=_bits([(i, per[f"s{i}"]) for i, _ in stay_rules]))


def _dispensing_bits(d: ir.Table, t: ir.Table, rules: RuleSet, year: int) -> list[ir.Table]:
    """Per person with dispensings in ``year`` of a rule's ATC codes: the bits of the
    dispensing rules that match; rules ``without_ggz_contact`` only for people without a
    trajectory active in ``year``. One pass over the dispensings."""
    chosen = _of_kind(rules, "dispensings")
    date = d["date"].cast("date")
    prefixes = {
        index: ibis.or_(*(d["atc"].startswith(p) for p in rule["atc_prefixes"]))
        for index, rule in chosen
    }
    own = d.filter(
        (date >= datetime.date(year, 1, 1))
        & (date <= datetime.date(year, 12, 31))
        & ibis.or_(*prefixes.values())
    )
    supplied = own["days_supplied"].fill_null(0)
    aggregates = {f"d{index}": prefixes[index].ifelse(supplied, 0).sum() for index in prefixes}
    per = own.group_by("person_id").aggregate(**aggregates)
    parts = []
    for alone in (False, True):
        found = [
            (index, per[f"d{index}"] >= rule["min_days_supplied"])
            for index, rule in chosen
            if bool(rule["without_ggz_contact"]) == alone
        ]
        if not found:
            continue
        part = per
        if alone:
            part = per.anti_join(t.filter(_active(*_span(t, FAR_FUTURE), year)), "person_id")
        parts.append(part.select("person_id", bits=_bits(found)))
    return parts


def matches(tables: dict[str, ir.Table], rules: RuleSet, year: int) -> ir.Table:
    """Per person that any rule matches in ``year``: ``mask``, the sum of ``2**i`` over the
    matching rules ``i``. One pass over each claims table."""
    parts = []
    if _of_kind(rules, "trajectories"):
        parts.append(_trajectory_bits(tables["trajectories"], rules, year))
    if _of_kind(rules, "stays"):
        parts.append(_stay_bits(tables["stays"], rules, year))
    if _of_kind(rules, "dispensings"):
        parts += _dispensing_bits(tables["dispensings"], tables["trajectories"], rules, year)
    hits = ibis.union(*parts) if len(parts) > 1 else parts[0]
    hits = hits.filter(hits["bits"] > 0)
    return hits.group_by("person_id").aggregate(mask=hits["bits"].sum())


def eligible(persons: ir.Table, rules: RuleSet, year: int) -> ir.Table:
    """Adults insured in ``year``: person_id and pc4."""
    insured = (persons["insured_from"] <= year) & (persons["insured_to"].fill_null(9999) >= year)
    adult = (year - persons["birth_year"]) >= rules.min_age
    return persons.filter(insured & adult).select("person_id", "pc4")


def count_query(
    tables: dict[str, ir.Table], rules: RuleSet, year: int, *, with_eligible: bool = False
) -> ir.Table:
    """The one query of a run: people per PC4 and *rule mask* (the sum of the bits of the rules
    a person matches); ``with_eligible`` adds all eligible adults per PC4 as mask -1."""
    masks = matches(tables, rules, year)
    people = eligible(tables["persons"], rules, year)
    joined = masks.join(people, "person_id").select("pc4", "mask")
    counted = joined.group_by(["pc4", "mask"]).aggregate(n=joined.count())
    if not with_eligible:
        return counted
    everyone = people.group_by("pc4").aggregate(n=people.count())
    return counted.union(everyone.select("pc4", mask=ibis.literal(-1, type="int64"), n="n"))


def first_rule(masks: pd.Series) -> pd.Series:
    """The index of the first rule in each (positive) mask: its lowest set bit."""
    values = masks.to_numpy(np.int64)
    lowest = (values & -values).astype(np.float64)
    return pd.Series(np.log2(lowest).round().astype(np.int64), index=masks.index)


def summarise(by_mask: pd.DataFrame, rules: RuleSet, year: int) -> Counts:
    """Counts per PC4 and first-matching rule, and per rule, from people per PC4 and mask
    (with mask -1, when present: all eligible adults per PC4)."""
    names = [r.id for r in rules.rules]
    by_mask = by_mask.astype({"mask": "int64", "n": "int64"})
    everyone = by_mask[by_mask["mask"] < 0]
    hit = by_mask[by_mask["mask"] > 0]
    hit = hit.assign(rule=first_rule(hit["mask"]).map(dict(enumerate(names))))
    wide = hit.pivot_table(
        index="pc4", columns="rule", values="n", aggfunc="sum", fill_value=0
    ).reindex(columns=names, fill_value=0)
    if len(everyone):  # also the areas with eligible adults and no EPA: zero counts
        wide = wide.reindex(sorted(set(everyone["pc4"]) | set(wide.index)), fill_value=0)
    wide.columns.name = None
    wide.index.name = "pc4"
    wide.insert(0, "epa_adults", wide.sum(axis=1))
    wide = wide.reset_index()
    wide.insert(1, "year", year)
    bits = hit["mask"].to_numpy(np.int64)
    n = hit["n"].to_numpy(np.int64)
    per_rule = pd.DataFrame(
        {
            "rule": names,
            "matched": [int(n[(bits >> i) & 1 == 1].sum()) for i in range(len(names))],
            "added": [int(wide[name].sum()) for name in names],
        }
    )
    return Counts(
        wide.astype(dict.fromkeys(["year", "epa_adults", *names], "int64")),
        per_rule,
        int(everyone["n"].sum()) if len(everyone) else None,
    )


def delineate(
    con: Any, folder: str | Path, rules: RuleSet, year: int, *, with_eligible: bool = False
) -> Counts:
    """Count adults with EPA in care per PC4 and rule for ``year`` on connection ``con``;
    ``with_eligible`` also counts the adults insured in the year and lists the PC4 areas
    where they live without EPA (zero counts). The input is taken as checked (``run_claims``
    checks it first, :func:`ggzregio.claims.run.check_input`): a value that does not fit its
    column fails the query instead of being refused with its rows."""
    folder = Path(folder)
    tables = read_tables(con, folder, check=False)
    # One query over the claims; only people per PC4 and rule mask come back.
    by_mask = count_query(tables, rules, year, with_eligible=with_eligible).to_pandas()
    if with_eligible and not (by_mask["mask"] < 0).any():  # nothing to count, nor to publish
        path = folder / "persons"
        file = "persons/" if path.is_dir() else Path(source(folder, "persons")[0]).name
        values: dict[str, object] = {"year": year, "min_age": rules.min_age}
        raise InputError([Problem(file, "claims.no_eligible", values=values)])
    return summarise(by_mask, rules, year)


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
