"""Parameters of the flow model as data: value, uncertainty range and source.

The shipped set (``data/simulation/parameters.toml``) gives every parameter a central value, an
optional range the Monte Carlo draws from, and either a ``seed:line`` citation or the flag
``assumption = true`` with a note. A user file with the same layout may change any of them
(only the keys it names); it is validated like every settings file, each problem with the file
and dotted key.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, Literal

import numpy as np
from numpy.typing import NDArray

from ggzregio.categories import data_text
from ggzregio.errors import InputError
from ggzregio.io.settings import SettingsChecker, load_toml, load_toml_file

Distribution = Literal["fixed", "uniform", "triangular"]
DISTRIBUTIONS: Final[tuple[Distribution, ...]] = ("fixed", "uniform", "triangular")
STREAMS: Final = ("zvw", "wlz", "wmo")
#: Services and plan items whose spending is split over funding streams.
FUNDED: Final = ("ambulant", "fact", "iht", "short", "long", "bw", "other_epa", "ambulant_other")
SCHEMA: Final = "ggzregio-simulation-parameters/1"
#: Parameters that are shares of something and so must lie in [0, 1].
SHARES: Final = frozenset(
    {
        "not_in_care_share",
        "admitted_per_year",
        "fact_reach",
        "occupancy_clinical",
        "occupancy_bw",
        "utilisation_ambulant",
        "fact_direct_share",
        "iht_share",
        "iht_to_fact",
        "iht_to_short",
        "short_to_fact",
        "short_to_bw",
        "short_to_home",
        "long_to_bw",
        "long_to_fact",
        "bw_to_fact",
        "fact_to_ambulant",
        "epa_share_clinical",
        "renege_per_month",
        "fact_follows_capacity",
        "bw_follows_capacity",
        "long_follows_capacity",
        "mortality_per_year",
        "recovery_per_year",
    }
)
#: Mean stays in months: at least one month (the model's time step).
STAYS: Final = frozenset({"stay_ambulant", "stay_fact", "stay_iht", "stay_long", "stay_bw"})
#: Spreads (standard deviations) that cannot be negative.
SPREADS: Final = frozenset({"prevalence_regional_sd"})


@dataclass(frozen=True)
class Parameter:
    """One model parameter with its uncertainty and source."""

    name: str
    value: float
    low: float
    high: float
    dist: Distribution
    cite: str
    assumption: bool
    note: str

    @property
    def uncertain(self) -> bool:
        """True when draws vary."""
        return self.dist != "fixed" and self.high > self.low


@dataclass(frozen=True)
class ParameterSet:
    """Every parameter, the funding split per service, and where they came from."""

    parameters: dict[str, Parameter]
    funding: dict[str, dict[str, float]]
    funding_cite: str
    version: str
    source: str

    def __getitem__(self, name: str) -> Parameter:
        return self.parameters[name]

    def value(self, name: str) -> float:
        """The central value of ``name``."""
        return self.parameters[name].value

    @property
    def label(self) -> str:
        """``source@version`` for provenance."""
        return f"{self.source}@{self.version}"

    def assumptions(self) -> list[Parameter]:
        """The parameters that are stated assumptions (no seed gives them)."""
        return [p for p in self.parameters.values() if p.assumption]

    def with_values(self, **values: float) -> ParameterSet:
        """A copy with the named central values changed and made fixed (for tests and what-ifs)."""
        changed = dict(self.parameters)
        for name, value in values.items():
            changed[name] = replace(changed[name], value=value, low=value, high=value, dist="fixed")
        return replace(self, parameters=changed)


def draw(parameters: ParameterSet, n: int, rng: np.random.Generator) -> dict[str, NDArray[Any]]:
    """``n`` joint draws of every parameter (independent; central values when ``n`` is 1).

    With one draw the central values are used, so a single run is the point projection.
    """
    out: dict[str, NDArray[Any]] = {}
    for name, p in parameters.parameters.items():
        if n == 1 or not p.uncertain:
            out[name] = np.full(n, p.value)
        elif p.dist == "uniform":
            out[name] = rng.uniform(p.low, p.high, n)
        else:
            out[name] = rng.triangular(p.low, p.value, p.high, n)
    return out


def _parameter(check: SettingsChecker, name: str, table: Any, base: Parameter | None) -> Parameter:
    key = name
    if not isinstance(table, dict):
        check.add(key, "not_a_table")
        return base or Parameter(name, 0.0, 0.0, 0.0, "fixed", "", True, "")
    allowed = {"value", "range", "dist", "cite", "assumption", "note"}
    check.unknown(table, allowed, f"{key}.")
    value = base.value if base else math.nan
    if "value" in table:
        value = check.number(table["value"], f"{key}.value") or 0.0
    elif base is None:
        check.add(f"{key}.value", "missing_key")
    low, high = (base.low, base.high) if base and "value" not in table else (value, value)
    dist: Distribution = base.dist if base and "value" not in table else "fixed"
    if "range" in table:
        got = check.range(table["range"], f"{key}.range")
        if got is not None:
            low, high = got.low, got.high
            dist = "uniform"
            if not low <= value <= high:
                check.add(f"{key}.range", "value_outside_range", value=value)
    if "dist" in table:
        text = table["dist"]
        if text not in DISTRIBUTIONS:
            check.add(
                f"{key}.dist", "bad_choice", value=repr(text), allowed=", ".join(DISTRIBUTIONS)
            )
        else:
            dist = text
    for bound in (value, low, high):
        if name in SHARES and not 0 <= bound <= 1:
            check.add(f"{key}.value", "share_range", value=bound)
            break
        if name in STAYS and bound < 1:
            check.add(f"{key}.value", "stay_below_month", value=bound)
            break
        if name in SPREADS and bound < 0:
            check.add(f"{key}.value", "negative_value", value=bound)
            break
    assumption = bool(table.get("assumption", base.assumption if base else False))
    cite = check.text(table, "cite", f"{key}.cite", required=False) or (base.cite if base else "")
    note = check.text(table, "note", f"{key}.note", required=False) or (base.note if base else "")
    if base is None and not cite and not assumption:
        check.add(f"{key}.cite", "missing_source")
    return Parameter(name, value, low, high, dist, cite, assumption, note)


def _funding(check: SettingsChecker, table: Mapping[str, Any]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for service in FUNDED:
        if service not in table:
            continue
        split = table[service]
        key = f"funding.{service}"
        if not isinstance(split, dict):
            check.add(key, "not_a_table")
            continue
        check.unknown(split, set(STREAMS), f"{key}.")
        shares = {s: check.number(split.get(s, 0.0), f"{key}.{s}") or 0.0 for s in STREAMS}
        if not math.isclose(sum(shares.values()), 1.0, abs_tol=1e-9):
            check.add(key, "shares_sum", total=round(100 * sum(shares.values()), 4))
        out[service] = shares
    check.unknown(table, {*FUNDED, "cite", "assumption", "note"}, "funding.")
    return out


def parse_parameters(
    doc: Mapping[str, Any], file: str, base: ParameterSet | None = None
) -> ParameterSet:
    """Validate a parameter document; with ``base`` it changes only what it names."""
    check = SettingsChecker(file)
    if doc.get("schema", SCHEMA) != SCHEMA:
        check.add("schema", "normset_schema", expected=SCHEMA, value=repr(doc.get("schema")))
    params = dict(base.parameters) if base else {}
    funding = dict(base.funding) if base else {}
    funding_cite = base.funding_cite if base else ""
    for name, table in doc.items():
        if name in ("schema", "version"):
            continue
        if name == "funding":
            if isinstance(table, dict):
                funding.update(_funding(check, table))
                funding_cite = str(table.get("cite", funding_cite))
            else:
                check.add(name, "not_a_table")
            continue
        if base is not None and name not in params:
            check.add(name, "unknown_key", allowed=", ".join(sorted(params)))
            continue
        params[name] = _parameter(check, name, table, params.get(name))
    if base is None:
        missing = [s for s in FUNDED if s not in funding]
        for service in missing:
            check.add(f"funding.{service}", "missing_key")
    if check.problems:
        raise InputError(check.problems)
    version = str(doc.get("version", "")) or (base.version if base else "")
    if base is not None:
        version = f"{base.version}+{file}"
    return ParameterSet(params, funding, funding_cite, version, file)


@lru_cache(maxsize=1)
def default_parameters() -> ParameterSet:
    """The shipped parameter set."""
    text = data_text("simulation", "parameters.toml")
    return parse_parameters(load_toml(text, "parameters.toml"), "parameters.toml")


def load_parameters(path: str | Path | None) -> ParameterSet:
    """The shipped set, changed by the user file at ``path`` if given."""
    base = default_parameters()
    if path is None:
        return base
    _, doc = load_toml_file(Path(path))
    return parse_parameters(doc, Path(path).name, base)


__all__ = [
    "DISTRIBUTIONS",
    "FUNDED",
    "STREAMS",
    "InputError",
    "Parameter",
    "ParameterSet",
    "default_parameters",
    "draw",
    "load_parameters",
    "parse_parameters",
]
