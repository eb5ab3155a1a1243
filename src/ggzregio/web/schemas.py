"""Pydantic models of what the API accepts and returns. Request models validate strictly
(finite, non-negative numbers; bounded text; known choices) so bad input is refused with a
problem document naming the field, before anything is stored."""

from __future__ import annotations

import json
import math
from typing import Annotated, Any, Literal

import pandas as pd
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ggzregio.io.results import ResultSet, hidden_columns
from ggzregio.privacy import SUPPRESSED


def _finite(value: float | None) -> float | None:
    if value is not None and not math.isfinite(value):
        raise ValueError("number must be finite")
    return value


Amount = Annotated[float | None, Field(default=None, ge=0, le=1e12), AfterValidator(_finite)]
ShortText = Annotated[str, Field(default="", max_length=500)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
ChangeValue = float | int | bool | str | list[float]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlanRequest(Strict):
    scenario_id: int = Field(ge=1, le=2_147_483_647)
    changes: dict[Annotated[str, Field(max_length=100)], ChangeValue] = Field(
        default_factory=dict, max_length=100
    )
    rounding: Literal["up", "nearest", "down"] = "up"
    with_prevalence: bool = False
    with_gap: bool = False


class ScenarioCreate(Strict):
    name: Slug
    based_on: int = Field(ge=1, le=2_147_483_647)
    changes: dict[Annotated[str, Field(max_length=100)], ChangeValue] = Field(
        default_factory=dict, max_length=100
    )
    private: bool = True


class ScenarioUpdate(Strict):
    changes: dict[Annotated[str, Field(max_length=100)], ChangeValue] = Field(
        default_factory=dict, max_length=100
    )
    private: bool | None = None


class EntryIn(Strict):
    key: Annotated[str, Field(min_length=1, max_length=64)]
    fte: Amount = None
    places: Amount = None
    eur: Amount = None
    source: ShortText = ""
    note: ShortText = ""


class InventoryUpdate(Strict):
    inhabitants: Annotated[float | None, Field(default=None, gt=0, le=1e8)] = None
    entries: list[EntryIn] = Field(default_factory=list, max_length=200)


class MonitorValueIn(Strict):
    indicator: Annotated[str, Field(min_length=1, max_length=64)]
    year: int = Field(ge=1990, le=2100)
    value: Annotated[float, Field(ge=-1e12, le=1e12), AfterValidator(_finite)]
    status: Literal["provisional", "final"] = "final"
    source: ShortText = ""


class MonitorUpdate(Strict):
    values: list[MonitorValueIn] = Field(min_length=1, max_length=5000)


class TokenCreate(Strict):
    name: Annotated[str, Field(min_length=1, max_length=100)]


class MemberSet(Strict):
    email: Annotated[str, Field(min_length=3, max_length=254)]
    role: Literal["viewer", "editor", "admin"] | None


class Page(BaseModel):
    """One page of a list."""

    items: list[dict[str, Any]]
    page: int
    size: int
    total: int
    metadata: dict[str, str] = Field(default_factory=dict)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts (NaN to null, numpy to Python)."""
    if frame.empty:
        return []
    result: list[dict[str, Any]] = json.loads(frame.to_json(orient="records", date_format="iso"))
    return result


def paginate(
    items: list[dict[str, Any]] | pd.DataFrame,
    page: int,
    size: int,
    metadata: dict[str, str] | None = None,
    hidden: pd.DataFrame | None = None,
) -> Page:
    """One page of ``items``. For a table, a hidden value is ``null`` and each row lists its
    hidden columns under ``hidden`` (``hidden`` mask given, or the empty cells of rows marked
    ``suppressed``); markers are for people, not for the API."""
    total = len(items)
    start = (page - 1) * size
    if isinstance(items, pd.DataFrame):
        frame = items.iloc[start : start + size]
        if hidden is None and SUPPRESSED in frame:
            hidden = ResultSet.protected({"t": frame}).hidden.get("t")
        chunk = records(frame)
        flags: list[list[str]] = (
            [[] for _ in chunk]
            if hidden is None
            else hidden_columns(hidden.reindex(frame.index).fillna(False))
        )
        for row, columns in zip(chunk, flags, strict=True):
            for column in columns:
                row[column] = None
            row["hidden"] = columns
    else:
        chunk = items[start : start + size]
    return Page(items=chunk, page=page, size=size, total=total, metadata=metadata or {})


class SimulationRequest(Strict):
    """A simulation: plans (stored scenario ids), regions (codes; none = all) and settings."""

    scenario_ids: list[Annotated[int, Field(ge=1, le=2_147_483_647)]] = Field(
        min_length=1, max_length=5
    )
    regions: list[Annotated[str, Field(min_length=1, max_length=32)]] = Field(
        default_factory=list, max_length=500
    )
    years: int = Field(10, ge=1, le=30)
    draws: int = Field(200, ge=1, le=5000)
    transition_years: float = Field(5.0, ge=0, le=30)
    path: Literal["linear", "step", "front", "back"] = "linear"
    seed: int = Field(20_260_101, ge=0, le=2**32 - 1)
