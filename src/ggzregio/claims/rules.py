"""The delineation of adults with EPA in care as a readable rule set (YAML).

A rule set names a minimum age and an ordered list of rules; a person counts once when any rule
matches in the year. Four kinds of rule (semantics for year ``Y``, see ``docs/claims.md``):

- ``trajectories``: trajectories with a product in ``products`` that are active in ``Y`` add
  up to at least ``min_minutes_in_year`` minutes, and the person has such trajectories in at
  least ``min_years_with_care`` of the calendar years ``Y - window_years + 1 .. Y``;
- ``stays``: a stay of a kind in ``stay_kinds`` active in ``Y`` lasting at least ``min_days``
  (an open stay runs to the end of ``Y``);
- ``dispensings``: dispensings in ``Y`` with an ATC code starting with one of ``atc_prefixes``
  add up to at least ``min_days_supplied`` days; with ``without_ggz_contact`` only for people
  without any trajectory active in ``Y``.

The shipped default (``data/claims/rules-default.yaml``) follows the seed's description and says
plainly that its thresholds are assumptions. Users copy it, change thresholds, add rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import yaml

from ggzregio.categories import data_text
from ggzregio.claims.schema import CODES
from ggzregio.errors import InputError, Problem
from ggzregio.io.settings import SettingsChecker

SCHEMA: Final = "ggzregio-claims-rules/1"
KINDS: Final = ("trajectories", "stays", "dispensings")
#: Each rule is one bit of a 64-bit rule mask in the pipeline.
MAX_RULES: Final = 62
#: Keys of each kind with their meaning: (required, whole number?).
_KEYS: Final[dict[str, dict[str, tuple[bool, bool]]]] = {
    "trajectories": {
        "min_minutes_in_year": (True, True),
        "min_years_with_care": (True, True),
        "window_years": (True, True),
    },
    "stays": {"min_days": (True, True)},
    "dispensings": {"min_days_supplied": (True, True)},
}
_LISTS: Final = {"trajectories": "products", "stays": "stay_kinds", "dispensings": "atc_prefixes"}
_COMMON: Final = {"id", "kind", "assumption", "note", "cite"}


@dataclass(frozen=True)
class Rule:
    """One rule of the delineation."""

    id: str
    kind: str
    values: dict[str, Any]
    assumption: bool
    note: str
    cite: str

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


@dataclass(frozen=True)
class RuleSet:
    """A validated rule set and where it came from."""

    id: str
    version: str
    min_age: int
    rules: tuple[Rule, ...]
    name: dict[str, str] = field(default_factory=dict)
    honesty: dict[str, str] = field(default_factory=dict)
    source: str = ""

    @property
    def label(self) -> str:
        """``id@version``, written with every output."""
        return f"{self.id}@{self.version}"


def _whole(check: SettingsChecker, value: Any, key: str) -> int | None:
    number = check.number(value, key)
    if number is None:
        return None
    if number != int(number):
        check.add(key, "not_a_number", value=repr(value))
        return None
    return int(number)


def _rule(check: SettingsChecker, raw: Any, index: int, seen: set[str]) -> Rule | None:
    key = f"rules[{index}]"
    if not isinstance(raw, dict):
        check.add(key, "not_a_table")
        return None
    rule_id = check.text(raw, "id", f"{key}.id")
    if rule_id in seen:
        check.add(f"{key}.id", "claims.duplicate_rule", value=rule_id)
    seen.add(rule_id)
    kind = check.text(raw, "kind", f"{key}.kind")
    if kind not in KINDS:
        if kind:
            check.add(f"{key}.kind", "bad_choice", value=repr(kind), allowed=", ".join(KINDS))
        return None
    list_key = _LISTS[kind]
    allowed = _COMMON | set(_KEYS[kind]) | {list_key}
    if kind == "dispensings":
        allowed.add("without_ggz_contact")
    check.unknown(raw, allowed, f"{key}.")
    values: dict[str, Any] = {}
    for name, (required, _) in _KEYS[kind].items():
        if name not in raw:
            if required:
                check.add(f"{key}.{name}", "missing_key")
            continue
        values[name] = _whole(check, raw[name], f"{key}.{name}")
    items = raw.get(list_key)
    if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
        check.add(f"{key}.{list_key}", "claims.bad_list")
    else:
        codes = CODES.get({"products": "product", "stay_kinds": "kind"}.get(list_key, ""), ())
        for item in items:
            if codes and item not in codes:
                check.add(
                    f"{key}.{list_key}", "bad_choice", value=repr(item), allowed=", ".join(codes)
                )
        values[list_key] = tuple(items)
    if kind == "dispensings":
        values["without_ggz_contact"] = bool(raw.get("without_ggz_contact", False))
    years, window = values.get("min_years_with_care"), values.get("window_years")
    if kind == "trajectories" and years and window and years > window:
        check.add(f"{key}.min_years_with_care", "claims.years_exceed_window")
    assumption = bool(raw.get("assumption", False))
    cite = check.text(raw, "cite", f"{key}.cite", required=False)
    if not cite and not assumption:
        check.add(f"{key}.cite", "missing_source")
    note = check.text(raw, "note", f"{key}.note", required=False)
    return Rule(rule_id, kind, values, assumption, note, cite)


def parse_rules(doc: Any, file: str) -> RuleSet:
    """Validate a rule-set document; every problem is reported with its dotted key."""
    check = SettingsChecker(file)
    if not isinstance(doc, Mapping):
        raise InputError([Problem(file, "not_a_table")])
    if doc.get("schema") != SCHEMA:
        check.add("schema", "normset_schema", expected=SCHEMA, value=repr(doc.get("schema")))
    check.unknown(
        doc,
        {"schema", "id", "version", "cite", "name", "honesty", "min_age", "min_age_cite", "rules"},
        "",
    )
    rule_set_id = check.text(doc, "id", "id")
    version = str(doc.get("version", ""))
    if not version:
        check.add("version", "missing_key")
    min_age = _whole(check, doc.get("min_age", 18), "min_age")
    raw_rules = doc.get("rules")
    rules: list[Rule] = []
    if not isinstance(raw_rules, list) or not raw_rules:
        check.add("rules", "claims.bad_list")
    else:
        seen: set[str] = set()
        for i, raw in enumerate(raw_rules):
            rule = _rule(check, raw, i, seen)
            if rule is not None:
                rules.append(rule)
        if len(raw_rules) > MAX_RULES:
            check.add("rules", "claims.too_many_rules", max=MAX_RULES, n=len(raw_rules))
    if check.problems:
        raise InputError(check.problems)
    texts = {k: dict(doc.get(k) or {}) for k in ("name", "honesty")}
    return RuleSet(
        rule_set_id, version, min_age or 0, tuple(rules), texts["name"], texts["honesty"], file
    )


def _load_yaml(text: str, file: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(
            [Problem(file, "claims.yaml_syntax", values={"detail": str(exc)})]
        ) from exc


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """The shipped rule set."""
    return parse_rules(
        _load_yaml(data_text("claims", "rules-default.yaml"), "rules-default.yaml"),
        "rules-default.yaml",
    )


def load_rules(path: str | Path | None) -> RuleSet:
    """The rule set in ``path`` (YAML), or the shipped default."""
    if path is None:
        return default_rules()
    path = Path(path)
    if not path.is_file():
        raise InputError([Problem(str(path), "file_not_found")])
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise InputError([Problem(path.name, "unsupported_format", values={"suffix": path.suffix})])
    return parse_rules(_load_yaml(path.read_text(encoding="utf-8"), path.name), path.name)
