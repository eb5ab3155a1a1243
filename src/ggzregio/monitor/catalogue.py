"""The indicator catalogue of the monitor (``data/monitor/indicators.toml``) and the targets
(``data/monitor/targets.toml``), both extensible with user files of the same shape."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal

from ggzregio.categories import data_text
from ggzregio.errors import InputError, Problem
from ggzregio.i18n import MESSAGES, get_language, t
from ggzregio.io.settings import SettingsChecker, load_toml, load_toml_file

Kind = Literal["count", "rate", "denominator"]
KINDS: Final = ("count", "rate", "denominator")
DIRECTIONS: Final = ("higher_better", "lower_better", "neutral")
ROLES: Final = ("institutional", "ambulant")
FUNDING: Final = ("Zvw", "Wlz", "Wmo", "Justitie")
POPULATION: Final = "population"
_INDICATOR_KEYS: Final = {
    "code",
    "group",
    "kind",
    "unit",
    "direction",
    "funding",
    "role",
    "weight",
    "sensitive",
    "nl",
    "en",
    "definition",
    "source",
    "minimum",
    "maximum",
}
_TARGET_KEYS: Final = {
    "id",
    "nl",
    "en",
    "indicators",
    "baseline_year",
    "target_year",
    "relative_change",
    "absolute_change",
    "target_value",
    "example",
    "source",
    "note",
}
#: A number written as text in a targets file: a decimal or a fraction (no exponent).
_FRACTION: Final = re.compile(r"[-+]?\d{1,15}(\.\d{1,15})?(/\d{1,15})?")
#: Plausible bounds per unit for rates (values outside are refused on import).
RATE_BOUNDS: Final = {"%": (0.0, 100.0), "grade": (1.0, 10.0)}


@dataclass(frozen=True)
class Indicator:
    """One indicator of the monitor."""

    code: str
    group: str
    kind: Kind
    unit: str
    direction: str
    nl: str
    en: str
    definition: str
    source: str
    funding: str = ""
    role: str = ""
    weight: str = ""
    sensitive: bool = False

    def name(self) -> str:
        """The indicator's name in the active language."""
        return self.en if get_language() == "en" else self.nl

    def unit_name(self) -> str:
        """The indicator's unit in the active language (``eur``: "euro"), else as written."""
        return t(f"unit.{self.unit}") if f"unit.{self.unit}" in MESSAGES else self.unit

    @property
    def normalised(self) -> bool:
        """Whether the indicator is shown per 100,000 inhabitants (counts only)."""
        return self.kind == "count"

    def bounds(self) -> tuple[float, float] | None:
        """Allowed range of a rate (None: only 'not negative')."""
        return RATE_BOUNDS.get(self.unit) if self.kind == "rate" else None


@dataclass(frozen=True)
class Target:
    """A target: the sum of ``indicators`` changes from baseline year to target year."""

    id: str
    nl: str
    en: str
    indicators: tuple[str, ...]
    baseline_year: int
    target_year: int
    source: str
    #: Kept exact (a fraction such as ``"-1/3"`` in the file, or a decimal as written).
    relative_change: Fraction | None = None
    absolute_change: float | None = None
    target_value: float | None = None
    example: bool = False
    note: str = ""

    def name(self) -> str:
        """The target's name in the active language."""
        return self.en if get_language() == "en" else self.nl

    def goal(self, baseline: float) -> float:
        """The target level for a region whose baseline value is ``baseline``."""
        if self.target_value is not None:
            return self.target_value
        if self.relative_change is not None:
            # Exact rational arithmetic, rounded once: one third less than 300 is 200.0.
            return float(Fraction(baseline) * (1 + self.relative_change))
        return baseline + (self.absolute_change or 0.0)


class Catalogue(dict[str, Indicator]):
    """Indicators by code, in catalogue order."""

    version: str = ""

    def groups(self) -> list[str]:
        """Indicator groups in catalogue order (one sheet each in the wide template)."""
        return list(dict.fromkeys(i.group for i in self.values()))


def _indicators(doc: dict[str, Any], file: str, known: set[str]) -> list[Indicator]:
    check = SettingsChecker(file)
    out = []
    codes = set(known)
    for i, entry in enumerate(doc.get("indicator", []), start=1):
        key = f"indicator[{i}]"
        check.unknown(entry, _INDICATOR_KEYS, f"{key}.")
        code = check.text(entry, "code", f"{key}.code")
        if code in codes:
            check.add(f"{key}.code", "duplicate_indicator", value=code)
        codes.add(code)
        kind = entry.get("kind")
        if kind not in KINDS:
            check.add(f"{key}.kind", "bad_choice", value=repr(kind), allowed=", ".join(KINDS))
        direction = entry.get("direction", "neutral")
        if direction not in DIRECTIONS:
            check.add(f"{key}.direction", "bad_choice", value=repr(direction), allowed=DIRECTIONS)
        role = entry.get("role", "")
        if role and role not in ROLES:
            check.add(f"{key}.role", "bad_choice", value=repr(role), allowed=", ".join(ROLES))
        funding = entry.get("funding", "")
        if funding and funding not in FUNDING:
            check.add(f"{key}.funding", "bad_choice", value=repr(funding), allowed=FUNDING)
        out.append(
            Indicator(
                code=code,
                group=check.text(entry, "group", f"{key}.group"),
                kind=kind if kind in KINDS else "count",
                unit=check.text(entry, "unit", f"{key}.unit"),
                direction=str(direction),
                nl=check.text(entry, "nl", f"{key}.nl"),
                en=str(entry.get("en") or entry.get("nl", "")),
                definition=str(entry.get("definition", "")),
                source=check.text(entry, "source", f"{key}.source"),
                funding=str(funding),
                role=str(role),
                weight=str(entry.get("weight", "")),
                sensitive=bool(entry.get("sensitive", False)),
            )
        )
    for indicator in out:
        if indicator.weight and indicator.weight not in codes:
            check.add(
                f"indicator '{indicator.code}'.weight",
                "unknown_indicator_ref",
                value=indicator.weight,
            )
    if check.problems:
        raise InputError(check.problems)
    return out


@cache
def _shipped() -> tuple[str, tuple[Indicator, ...]]:
    doc = load_toml(data_text("monitor", "indicators.toml"), "indicators.toml")
    return str(doc["version"]), tuple(_indicators(doc, "indicators.toml", set()))


def load_catalogue(extra: Path | None = None) -> Catalogue:
    """The shipped catalogue, extended with the indicators of ``extra`` (a TOML file)."""
    version, shipped = _shipped()
    catalogue = Catalogue((i.code, i) for i in shipped)
    catalogue.version = version
    if extra is not None:
        doc = _read(extra)
        for indicator in _indicators(doc, extra.name, set(catalogue)):
            catalogue[indicator.code] = indicator
        catalogue.version = f"{version}+{extra.name}"
    return catalogue


def _read(path: Path) -> dict[str, Any]:
    return load_toml_file(path)[1]


def _targets(doc: dict[str, Any], file: str, catalogue: Catalogue) -> list[Target]:
    check = SettingsChecker(file)
    out = []
    for i, entry in enumerate(doc.get("target", []), start=1):
        key = f"target[{i}]"
        check.unknown(entry, _TARGET_KEYS, f"{key}.")
        indicators = entry.get("indicators", [])
        if not isinstance(indicators, list) or not indicators:
            check.add(f"{key}.indicators", "missing_key")
            indicators = []
        for code in indicators:
            if code not in catalogue:
                check.add(f"{key}.indicators", "unknown_indicator_ref", value=code)
        years = [entry.get("baseline_year"), entry.get("target_year")]
        if not all(isinstance(y, int) and not isinstance(y, bool) for y in years):
            check.add(f"{key}.target_year", "bad_target_years")
            continue
        if years[1] <= years[0]:
            check.add(f"{key}.target_year", "bad_target_years")
        given = [k for k in ("relative_change", "absolute_change", "target_value") if k in entry]
        if len(given) != 1:
            check.add(key, "one_change_kind")
        change: dict[str, Any] = {}
        for name in given:
            exact = exact_number(entry[name])
            if exact is None:
                check.add(f"{key}.{name}", "bad_fraction", value=repr(entry[name]))
            else:
                change[name] = exact if name == "relative_change" else float(exact)
        out.append(
            Target(
                id=check.text(entry, "id", f"{key}.id"),
                nl=check.text(entry, "nl", f"{key}.nl"),
                en=str(entry.get("en") or entry.get("nl", "")),
                indicators=tuple(str(c) for c in indicators),
                baseline_year=int(years[0]),
                target_year=int(years[1]),
                source=check.text(entry, "source", f"{key}.source"),
                example=bool(entry.get("example", False)),
                note=str(entry.get("note", "")),
                **change,
            )
        )
    if check.problems:
        raise InputError(check.problems)
    return out


def exact_number(value: object) -> Fraction | None:
    """A number of a targets file, exactly: an integer, a decimal as written (``-0.333`` is
    -333/1000) or a fraction in text (``"-1/3"``, ``"2/3"``); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(repr(value)) if math.isfinite(value) else None
    if isinstance(value, str) and _FRACTION.fullmatch(value.replace(" ", "")):
        try:
            return Fraction(value.replace(" ", ""))
        except ZeroDivisionError:
            return None
    return None


def load_targets(catalogue: Catalogue, extra: Path | None = None) -> dict[str, Target]:
    """The shipped targets plus those of ``extra`` (a TOML file), by id."""
    doc = load_toml(data_text("monitor", "targets.toml"), "targets.toml")
    targets = {t.id: t for t in _targets(doc, "targets.toml", catalogue)}
    if extra is not None:
        for target in _targets(_read(extra), extra.name, catalogue):
            if target.id in targets:
                problem = Problem(extra.name, "duplicate_target", key=target.id)
                raise InputError([problem])
            targets[target.id] = target
    return targets
