"""Dynamic projection: a regional flow model of adults with EPA, month by month (SPEC.md §6).

- :mod:`.parameters` — parameters as data with sources and uncertainty ranges
- :mod:`.capacity` — places per service now and under a plan, and the transition path
- :mod:`.calibration` — the steady state of the current situation, solved per draw
- :mod:`.model` — the monthly stock-and-flow model (compiled kernel)
- :mod:`.queueing` — waiting: backlog plus M/M/c random variation (Erlang C)
- :mod:`.outputs` — derived quantities, spending, summaries over draws
- :mod:`.blocks` — variables x months x draws in one array, quantiles over draws fast
- :mod:`.compare` — scenarios side by side
- :mod:`.run` — a whole run with provenance, shared by CLI, web and API
"""
