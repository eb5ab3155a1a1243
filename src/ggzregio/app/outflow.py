"""The number of placements to spread over a region's neighbourhoods, from the projection:
how many people the flow model expects to move from sheltered housing (BW) and long-stay
clinics into an ordinary home in the coming year (the ``to_housing`` variable, see
docs/simulation.md), under a plan of the region (by default the report's).

It is a model figure, not a count of people in a file: its median and 90 % band over draws
are shown, and the spread of that number over areas follows the small-number rules like any
other placement count (docs/neighbourhood.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from sqlalchemy.orm import Session

from ggzregio.accounts import ANONYMOUS
from ggzregio.app import planning, simulation
from ggzregio.app.context import Context
from ggzregio.app.reports import DEFAULT_SCENARIO
from ggzregio.simulation.parameters import default_parameters
from ggzregio.simulation.run import Settings, run_simulation

#: Draws for the projection of one region's outflow (enough for a median and a 90 % band).
DRAWS: Final = 200
VARIABLE: Final = "to_housing"


@dataclass(frozen=True)
class ProjectedOutflow:
    """Moves into ordinary homes in the first projection year: median and 90 % band."""

    region_code: str
    total: int
    low: int
    high: int
    scenario: str
    draws: int


def projected_outflow(
    ctx: Context, db: Session, code: str, scenario_name: str = DEFAULT_SCENARIO
) -> ProjectedOutflow:
    """The projected outflow of region ``code`` under the public plan ``scenario_name``
    (cached per data revision)."""
    stored = planning.public_scenario(db, scenario_name)
    revision = ctx.revision.get(db)

    def build() -> ProjectedOutflow:
        chosen = simulation.regions(ctx, db, (code,))
        plans = simulation.scenarios(db, ANONYMOUS, (stored.id,), chosen)
        settings = Settings(years=1, draws=DRAWS)
        result = run_simulation(chosen, plans, default_parameters(), ctx.model(), settings)
        yearly = next(iter(result.summaries.values())).yearly
        row = yearly[(yearly["variable"] == VARIABLE) & (yearly["year"] == 1)].iloc[0]
        return ProjectedOutflow(
            code,
            _whole(row["p50"]),
            _whole(row["p05"]),
            _whole(row["p95"]),
            stored.name,
            DRAWS,
        )

    return ctx.cached(("outflow", code, stored.id, revision), build)


def _whole(value: float) -> int:
    return 0 if not math.isfinite(value) else max(0, round(value))
