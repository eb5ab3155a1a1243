"""What goes into a regiobeeld report, gathered from the stored data through the same services
the web application uses (same caches, same suppression)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from sqlalchemy.orm import Session

from ggzregio import __version__
from ggzregio.accounts import ANONYMOUS
from ggzregio.charts import year_axis
from ggzregio.errors import InputError, Problem
from ggzregio.geo import map_figure
from ggzregio.i18n import t
from ggzregio.planning.figures import capacity_figure
from ggzregio.planning.tables import capacity_frame, gap_items_frame
from ggzregio.storage import repository as repo
from ggzregio.storage.models import Region
from ggzregio.web import services
from ggzregio.web.state import AppState

DEFAULT_SCENARIO = "voorbeeldregio-1"
TREND_INDICATORS = ("places_zvw_admission", "places_bw", "fact_teams", "iht_teams")


@dataclass
class ReportContent:
    """Tables (DataFrames, already protected) and figures of one region's report."""

    region: Region
    summary: dict[str, Any]
    national_rate: float
    municipalities: pd.DataFrame
    top_areas: pd.DataFrame
    comparison: pd.DataFrame | None
    scenario: str
    capacity: pd.DataFrame
    gap: pd.DataFrame | None
    inventory_year: int | None
    progress: pd.DataFrame
    trends: pd.DataFrame
    figures: dict[str, go.Figure] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)
    threshold: int = 10


def gather(
    state: AppState,
    db: Session,
    code: str,
    *,
    include_observed: bool,
    scenario_name: str = DEFAULT_SCENARIO,
) -> ReportContent:
    """Everything the report shows for region ``code``. Observed (claims-based) figures only
    with ``include_observed`` (callers check the reader's role); they are suppressed below
    the threshold like everywhere else."""
    region = db.get(Region, code)
    if region is None:
        raise InputError([Problem("database", "regions.unassigned",
                                  values={"kind": "", "year": "", "values": code})])  # fmt: skip
    estimates = services.region_estimates(state, db, region)
    national = services.national_estimates(state, db)
    regions = national.tables["region_code"]
    summary = {str(k): v for k, v in regions[regions["region_code"] == code].iloc[0].items()}
    areas = estimates.tables["area"]
    figures: dict[str, go.Figure] = {}
    collection = repo.boundary(db, "area", code)
    if collection is not None:
        values = dict(
            zip(areas["area_code"].astype(str), areas["prevalence_per_1000"], strict=True)
        )
        figures["map"] = map_figure(
            collection, values, title=t("web.map_areas", region=region.name),
            value_label=t("col.prevalence_per_1000"), decimals=1,
        )  # fmt: skip
    comparison = None
    if include_observed:
        compared = services.region_comparison(state, db, region, state.settings.threshold)
        if compared is not None:
            comparison = compared.shown("municipality_code")
    scenario = next(
        (s for s in services.visible_scenarios(db, ANONYMOUS, None) if s.name == scenario_name),
        None,
    )
    if scenario is None:
        raise InputError([Problem("database", "not_found", values={"values": scenario_name})])
    inventory = services.region_inventory(db, region) if include_observed else None
    result = services.plan_for(
        state, db, region, services.norm_set(scenario), "up", True, inventory
    )
    gap = gap_items_frame(result.gap) if result.gap is not None else None
    if result.gap is not None:
        figures["capacity"] = capacity_figure(result.gap)
    progress = services.monitor_progress(state, db, "ba-intramural-2020", [code, "NL"])
    series = services.monitor_series(state, db, code, list(TREND_INDICATORS))
    trends = series.pivot_table(
        index="year", columns="indicator", values="value_per_100k", aggfunc="first"
    ).reset_index()
    if not trends.empty:
        names = {k: v.name() for k, v in services.catalogue(state).items()}
        figures["trend"] = _trend_figure(trends, names)
    top = areas.sort_values("prevalence_per_1000", ascending=False).head(15)
    metadata = {
        "ggzregio_version": __version__,
        "model": str(estimates.metadata.get("model", "")),
        "model_source": str(estimates.metadata.get("model_source", "")),
        "data_version": region.data_version or str(estimates.metadata.get("data_version", "")),
        "monitor_data_version": services.monitor_data(state, db).data_version,
        "scenario": scenario.name,
        "synthetic": "yes" if region.synthetic else "no",
        "intervals": str(estimates.metadata.get("intervals", "")),
    }
    return ReportContent(
        region=region,
        summary=summary,
        national_rate=float(national.tables["total"]["prevalence_per_1000"].iloc[0]),
        municipalities=estimates.tables["municipality_code"],
        top_areas=top,
        comparison=comparison,
        scenario=scenario.name,
        capacity=capacity_frame(result.plan),
        gap=gap,
        inventory_year=result.inventory_year,
        progress=progress,
        trends=trends,
        figures=figures,
        metadata=metadata,
        threshold=state.settings.threshold,
    )


def _trend_figure(trends: pd.DataFrame, names: dict[str, str]) -> go.Figure:
    fig = go.Figure()
    for indicator in TREND_INDICATORS:
        if indicator in trends.columns:
            fig.add_trace(
                go.Scatter(
                    x=trends["year"], y=trends[indicator], mode="lines+markers",
                    name=names.get(indicator, indicator),
                )
            )  # fmt: skip
    fig.update_layout(
        title=t("report.trend_title"),
        xaxis_title=t("report.year"),
        yaxis_title=t("report.per_100k"),
        template="plotly_white",
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
    )
    return year_axis(fig)
