"""The application layer: ggzregio's use cases on stored data, one module per capability.

Each use case loads what it needs from the database, validates, computes with the pure domain
core (:mod:`ggzregio.prevalence`, :mod:`ggzregio.planning`, ...), stores, and caches derived
results per data revision. It raises domain errors only (:mod:`ggzregio.app.errors`,
:class:`ggzregio.errors.InputError`, :class:`ggzregio.privacy.DisclosureError`) and imports
nothing from FastAPI, Starlette or Typer: the command line, the web pages, the API and the
report all call it, and none of them calls another (docs/architecture.md).

- :mod:`~ggzregio.app.context`: the database, settings and the result cache;
- :mod:`~ggzregio.app.regions`: regions, areas, boundaries and observed counts;
- :mod:`~ggzregio.app.estimates`: expected prevalence and observed versus expected;
- :mod:`~ggzregio.app.planning`: scenarios (structured data) and plans with their gap;
- :mod:`~ggzregio.app.inventory`: the capacity inventory and its edit history;
- :mod:`~ggzregio.app.monitor`: the ambulantisering monitor;
- :mod:`~ggzregio.app.simulation`: projections, at once or as background jobs;
- :mod:`~ggzregio.app.claims`: observed counts from claims data;
- :mod:`~ggzregio.app.accounts`: sign-in, tokens, members and the audit log;
- :mod:`~ggzregio.app.reports`: what the regiobeeld report shows.
"""
