"""Model specifications: the prevalence model as data, not as constants in code.

A :class:`ModelSpec` holds everything needed to predict EPA care prevalence for a small area:
the coefficients of the area percentages, the urbanity classes with their OAD bounds and
intercepts, and the table of empirical residual quantiles. Each number carries the
``seed:line`` citation it came from. The published model is shipped as
``data/models/trimbos-2017.toml``; a refitted model is saved in the same form.
"""

from __future__ import annotations

import itertools
import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import tomli_w
from numpy.typing import NDArray

#: The model used when none is named.
DEFAULT_MODEL_ID = "trimbos-2017"


class ModelSpecError(ValueError):
    """A model specification file is incomplete or inconsistent."""


@dataclass(frozen=True)
class Coefficient:
    """Weight of one area variable (a percentage 0-100) in prevalence per 1,000 adults."""

    variable: str
    value: float
    label_nl: str = ""
    label_en: str = ""
    cite: str = ""
    std_error: float | None = None


@dataclass(frozen=True)
class UrbanityClass:
    """An urbanity class: OAD from ``oad_min`` (inclusive) up to the next class's minimum."""

    code: int
    roman: str
    label_nl: str
    label_en: str
    oad_min: float
    intercept: float
    cite: str = ""
    std_error: float | None = None


@dataclass(frozen=True)
class ResidualQuantile:
    """Central interval of observed minus predicted prevalence (per 1,000) holding
    ``coverage`` percent of the areas in the fitting data."""

    coverage: int
    low: float
    high: float
    cite: str = ""


@dataclass(frozen=True)
class ModelSpec:
    """A named, versioned prevalence model."""

    id: str
    version: str
    name_nl: str
    name_en: str
    coefficients: tuple[Coefficient, ...]
    urbanity_classes: tuple[UrbanityClass, ...]
    residual_quantiles: tuple[ResidualQuantile, ...]
    exclusion_threshold_per_1000: float | None = None
    outcome: str = "EPA care prevalence per 1,000 adults (18+) per year"
    fit_year: int | None = None
    n_areas: int | None = None
    source: str = ""
    notes: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        codes = [c.code for c in self.urbanity_classes]
        if codes != list(range(1, len(codes) + 1)):
            raise ModelSpecError(f"model {self.id}: urbanity class codes must be 1..n, got {codes}")
        bounds = [c.oad_min for c in self.urbanity_classes]
        if bounds[0] != 0 or any(b >= a for b, a in itertools.pairwise(bounds)):
            raise ModelSpecError(
                f"model {self.id}: OAD lower bounds must start at 0 and increase, got {bounds}"
            )
        variables = [c.variable for c in self.coefficients]
        if len(set(variables)) != len(variables):
            raise ModelSpecError(f"model {self.id}: a variable occurs twice in {variables}")
        for q in self.residual_quantiles:
            if not (0 < q.coverage < 100 and q.low <= q.high):
                raise ModelSpecError(f"model {self.id}: bad residual quantile row {q}")

    @property
    def label(self) -> str:
        """``id@version``, the identifier written into every output."""
        return f"{self.id}@{self.version}"

    @property
    def variables(self) -> tuple[str, ...]:
        """Names of the area variables the model needs, in coefficient order."""
        return tuple(c.variable for c in self.coefficients)

    @property
    def oad_lower_bounds(self) -> NDArray[np.float64]:
        """Inclusive OAD lower bounds of classes 2..n (class 1 starts at 0)."""
        return np.array([c.oad_min for c in self.urbanity_classes[1:]], dtype=np.float64)

    @property
    def intercepts(self) -> NDArray[np.float64]:
        """Intercepts indexed by class code - 1."""
        return np.array([c.intercept for c in self.urbanity_classes], dtype=np.float64)

    def name(self, language: str = "nl") -> str:
        """The model's display name in ``language``."""
        return self.name_en if language == "en" else self.name_nl


def _from_mapping(data: Mapping[str, Any], origin: str) -> ModelSpec:
    try:
        known = {
            "id",
            "version",
            "name_nl",
            "name_en",
            "coefficients",
            "urbanity_classes",
            "residual_quantiles",
            "exclusion_threshold_per_1000",
            "outcome",
            "fit_year",
            "n_areas",
            "source",
            "notes",
        }
        extra = {k: v for k, v in data.items() if k not in known}
        return ModelSpec(
            id=str(data["id"]),
            version=str(data["version"]),
            name_nl=str(data.get("name_nl", data["id"])),
            name_en=str(data.get("name_en", data.get("name_nl", data["id"]))),
            coefficients=tuple(Coefficient(**c) for c in data["coefficients"]),
            urbanity_classes=tuple(UrbanityClass(**c) for c in data["urbanity_classes"]),
            residual_quantiles=tuple(ResidualQuantile(**q) for q in data["residual_quantiles"]),
            exclusion_threshold_per_1000=data.get("exclusion_threshold_per_1000"),
            outcome=str(data.get("outcome", "")),
            fit_year=data.get("fit_year"),
            n_areas=data.get("n_areas"),
            source=str(data.get("source", "")),
            notes=str(data.get("notes", "")),
            extra=extra,
        )
    except (KeyError, TypeError) as exc:
        raise ModelSpecError(f"{origin}: not a valid model specification ({exc})") from exc


def load_model(name_or_path: str | Path = DEFAULT_MODEL_ID) -> ModelSpec:
    """Load a model by id of a shipped model (``trimbos-2017``) or from a TOML file path."""
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise ModelSpecError(f"model file {path} does not exist")
        with path.open("rb") as fh:
            return _from_mapping(tomllib.load(fh), str(path))
    shipped = resources.files("ggzregio") / "data" / "models" / f"{name_or_path}.toml"
    if not shipped.is_file():
        raise ModelSpecError(
            f"unknown model '{name_or_path}'; shipped models: {', '.join(shipped_models())}"
        )
    return _from_mapping(tomllib.loads(shipped.read_text(encoding="utf-8")), str(name_or_path))


def shipped_models() -> list[str]:
    """Ids of the models shipped with the package."""
    folder = resources.files("ggzregio") / "data" / "models"
    return sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )


def model_to_toml(model: ModelSpec) -> str:
    """Serialise ``model`` to TOML text that :func:`load_model` reads back unchanged."""

    def clean(obj: Any) -> Any:
        if isinstance(obj, dict):
            return {k: clean(v) for k, v in obj.items() if v is not None}
        if isinstance(obj, list | tuple):
            return [clean(v) for v in obj]
        return obj

    data = asdict(model)
    extra = data.pop("extra")
    data.update(extra)
    return tomli_w.dumps(clean(data))
