"""The ambulantisering monitor (SPEC.md §5): indicator series per region and year, progress
against targets from the 2008 baseline, year-on-year changes, benchmarks among similar regions,
the substitution view and figures."""
