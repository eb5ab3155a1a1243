"""Pydantic models of what the API returns: every ``/api/v1`` response body is documented in
the OpenAPI description. Tables are lists of :class:`Row`: the table's columns (as in the
downloads) plus ``hidden``, the columns whose value is withheld to protect small counts of
people (the value is ``null``; see docs/privacy.md)."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from ggzregio.io.results import ResultSet, hidden_columns, records
from ggzregio.privacy import SUPPRESSED

T = TypeVar("T")
HIDDEN_DOC = (
    "Columns of this row whose value is withheld (null) because it would disclose, or help "
    "to derive, a count of fewer people than the suppression threshold. An empty list when "
    "nothing in the row is hidden."
)


class Row(BaseModel):
    """One row of a result table: its columns, and which of them are hidden."""

    model_config = ConfigDict(extra="allow")
    hidden: list[str] = Field(default_factory=list, description=HIDDEN_DOC)


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    page: int = Field(description="Page number (from 1).")
    size: int = Field(description="Items per page.")
    total: int = Field(description="Items in the whole list.")
    metadata: dict[str, str] = Field(
        default_factory=dict, description="Model and data versions and other provenance."
    )


class RegionOut(BaseModel):
    code: str
    name: str
    inhabitants: int | None
    data_version: str | None
    synthetic: bool
    estimate: Row | None = Field(description="The region's row of the national estimates.")


class Feature(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: Literal["Feature"]
    properties: dict[str, Any] | None = None
    geometry: dict[str, Any] | None = None


class FeatureCollection(BaseModel):
    """GeoJSON (WGS84) of areas or regions."""

    model_config = ConfigDict(extra="allow")
    type: Literal["FeatureCollection"]
    features: list[Feature]


class AreasStored(BaseModel):
    areas: int = Field(description="Areas stored.")


class FeaturesStored(BaseModel):
    features: int = Field(description="Boundary features stored.")


class ScenarioOut(BaseModel):
    id: int
    name: str
    title: str = Field(description="The norm set's name in the request's language.")
    region_code: str | None
    private: bool
    version: int
    kind: str


class ScenarioDetail(ScenarioOut):
    norms: dict[str, Any] = Field(description="The norm-set document (structured data).")
    toml: str = Field(description="The same document as a norm-set TOML file.")


class PlanOut(BaseModel):
    metadata: dict[str, str]
    total_eur: float
    tables: dict[str, list[Row]]


class InventoryYears(BaseModel):
    years: list[int]


class EntryOut(BaseModel):
    fte: float | None = None
    places: float | None = None
    eur: float | None = None
    source: str = ""
    note: str = ""


class InventoryOut(BaseModel):
    region_code: str
    year: int
    inhabitants: float | None
    compiled_by: str
    source_file: str
    version: str
    entries: dict[str, EntryOut]


class Changed(BaseModel):
    changed: int = Field(description="Values changed.")


class InventoryUploaded(Changed):
    year: int


class Written(BaseModel):
    written: int = Field(description="Values written.")


class EditOut(BaseModel):
    at: str
    user_id: int | None
    entity: str
    key: str
    field: str
    old: str | None
    new: str | None


class IndicatorOut(BaseModel):
    code: str
    name: str = Field(description="In the request's language.")
    unit: str
    kind: str
    direction: str
    sensitive: bool
    source: str


class TargetOut(BaseModel):
    id: str
    name: str = Field(description="In the request's language.")
    indicators: list[str]
    baseline_year: int
    target_year: int


class MeOut(BaseModel):
    email: str
    name: str
    national_admin: bool
    roles: dict[str, str]


class TokenOut(BaseModel):
    token: str = Field(description="The secret, shown only once.")
    name: str


class MemberOut(BaseModel):
    email: str
    region_code: str
    role: str | None


class AuditOut(BaseModel):
    at: str
    user_id: int | None
    action: str
    region_code: str | None
    detail: str | None
    client: str | None


class ScenarioRef(BaseModel):
    id: str
    label: str
    version: str


class SimulationOut(BaseModel):
    scenarios: list[ScenarioRef]
    regions: list[str]
    yearly: list[Row] = Field(description="Yearly summary of the key variables per region.")
    monthly: list[Row] = Field(description="Monthly series for the first regions.")
    comparison: list[Row]
    metadata: dict[str, Any]


class JobAccepted(BaseModel):
    id: str
    status: str
    url: str


class JobOut(BaseModel):
    id: str
    status: Literal["queued", "running", "done", "failed"]
    progress: float
    request: dict[str, Any]
    created_at: str
    result: SimulationOut | None = None
    error: str | None = None


def paginate(
    items: list[Any] | pd.DataFrame,
    page: int,
    size: int,
    metadata: dict[str, str] | None = None,
    hidden: pd.DataFrame | None = None,
) -> dict[str, Any]:
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
    return {"items": chunk, "page": page, "size": size, "total": total, "metadata": metadata or {}}


def table_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """All rows of a table for JSON, each with its (empty) ``hidden`` list."""
    return paginate(frame, 1, max(len(frame), 1))["items"]  # type: ignore[no-any-return]


class ProblemItem(BaseModel):
    """One broken rule: where (file, sheet, rows, column, key, or the request field's
    location) and what, in the request's language."""

    model_config = ConfigDict(extra="allow")
    rule: str
    message: str


class Problem(BaseModel):
    """An error, as RFC 9457 problem details (``application/problem+json``)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[ProblemItem] = Field(default_factory=list)


#: Every API error, documented once for all routes.
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": {
        "model": Problem,
        "description": "Refused: problem details naming the rule broken.",
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    },
    "5XX": {
        "model": Problem,
        "description": "Server error: problem details.",
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    },
}
