"""Observed EPA care from claims microdata (SPEC.md §2; 004:1752-1769) — work in progress.

- :mod:`.schema` — the input tables and the refusal of direct identifiers (BSN eleven-test)
- :mod:`.rules` — the delineation as a readable YAML rule set
- :mod:`.synthetic` — synthetic claims with a planted EPA population (known answers)

Still to come (issue 9): the counting pipeline (DuckDB, and Spark through one definition),
suppression before output, the run record, the command line and the benchmark.
"""
