"""A simulation run as a result set (tidy tables plus metadata) for writing and the web."""

from __future__ import annotations

import pandas as pd

from ggzregio.i18n import t
from ggzregio.io.results import ResultSet
from ggzregio.simulation.compare import compare
from ggzregio.simulation.run import SimulationResult


def _stack(result: SimulationResult, period: str) -> pd.DataFrame:
    frames = []
    for scenario, summary in result.summaries.items():
        frame = summary.monthly if period == "month" else summary.yearly
        frames.append(frame.assign(scenario=scenario))
    table = pd.concat(frames, ignore_index=True)
    labels = {v: t(f"sim.var.{v}") for v in table["variable"].unique()}
    table["label"] = table["variable"].map(labels)
    first = ["scenario", "region_code", period, "variable", "label", "unit"]
    return table[first + [c for c in table.columns if c not in first]]


def parameters_table(result: SimulationResult) -> pd.DataFrame:
    """Every parameter with its value, range, distribution and source or assumption."""
    rows = [
        {
            "parameter": p.name,
            "value": p.value,
            "low": p.low,
            "high": p.high,
            "distribution": p.dist,
            "source": p.cite,
            "assumption": p.assumption,
            "note": p.note,
        }
        for p in result.parameters.parameters.values()
    ]
    return pd.DataFrame(rows)


def result_set(result: SimulationResult, outcomes: list[str] | None = None) -> ResultSet:
    """Tables ``yearly`` (first), ``monthly``, ``comparison`` (with two or more scenarios) and
    ``parameters``, with the run's provenance as metadata."""
    tables = {"yearly": _stack(result, "year"), "monthly": _stack(result, "month")}
    if len(result.summaries) > 1:
        comparison = compare(result, outcomes)
        comparison.insert(2, "label", comparison["outcome"].map(lambda o: t(f"sim.outcome.{o}")))
        tables["comparison"] = comparison
    tables["parameters"] = parameters_table(result)
    return ResultSet(tables, dict(result.metadata))
