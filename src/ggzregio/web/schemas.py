"""Pydantic models of what the API accepts (what it returns: :mod:`ggzregio.web.responses`).
Request models validate strictly (finite, non-negative numbers; bounded text; known choices)
so bad input is refused with a problem document naming the field, before anything is stored."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ggzregio.accounts import MAX_PASSWORD_LENGTH, TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS
from ggzregio.inventory.rules import MAX_AMOUNT, MAX_INHABITANTS, MAX_TEXT
from ggzregio.planning.scenario_file import ChangeValue


def _finite(value: float | None) -> float | None:
    if value is not None and not math.isfinite(value):
        raise ValueError("number must be finite")
    return value


# The bounds of inventory values are the inventory's rules (ggzregio.inventory.rules), which
# the use case applies to every way in; here they document the API and refuse early.
Amount = Annotated[float | None, Field(default=None, ge=0, le=MAX_AMOUNT), AfterValidator(_finite)]
ShortText = Annotated[str, Field(default="", max_length=MAX_TEXT)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]


class Strict(BaseModel):
    """Unknown fields are refused, and so are values of another JSON type: a number sent as a
    string (``"250.000"``, which lax parsing would read as 250) or a boolean as ``"true"``."""

    model_config = ConfigDict(extra="forbid", strict=True)


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
    inhabitants: Annotated[float | None, Field(default=None, gt=0, le=MAX_INHABITANTS)] = None
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
    expires_in_days: int = Field(
        TOKEN_DEFAULT_DAYS, ge=1, le=TOKEN_MAX_DAYS, description="Validity in days."
    )


class PasswordChange(Strict):
    current_password: Annotated[str, Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)]
    new_password: Annotated[str, Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)]


class ActiveSet(Strict):
    active: bool


class MemberSet(Strict):
    email: Annotated[str, Field(min_length=3, max_length=254)]
    role: Literal["viewer", "editor", "admin"] | None


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
