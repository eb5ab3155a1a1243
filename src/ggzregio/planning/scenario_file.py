"""Reading, validating and writing norm-set and scenario files (TOML).

Every problem found is reported at once, each naming the file, the dotted key
(``capacity.fact.per_100k``) and the rule broken; a file with any problem is refused.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import tomllib
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any, Final

import tomli_w

from ggzregio.categories import CATEGORIES, data_text
from ggzregio.errors import InputError, Problem
from ggzregio.io.atomic import write_text_atomically
from ggzregio.io.settings import SettingsChecker, load_toml, load_toml_file
from ggzregio.planning.norms import (
    PER,
    SCHEMA,
    UNITS,
    CapacityNorm,
    NormSet,
    Reading,
    SpendingNorm,
    UnitCosts,
    planning_reference,
    shipped_norm_sets,
)
from ggzregio.ranges import Range

_TOP: Final = {
    "schema",
    "id",
    "version",
    "kind",
    "based_on",
    "name",
    "description",
    "budget",
    "spending",
    "capacity",
    "unit_costs",
}
_BUDGET: Final = {"per_100k_eur", "cite", "basis", "basis_note"}
_SPENDING: Final = {"amount_meur", "share", "cite", "note", "assumption", "alternatives"}
_READING: Final = {"amount_meur", "share", "cite", "note"}
_CAPACITY: Final = {
    "unit",
    "per_100k",
    "catchment",
    "fte_per_unit",
    "caseload_per_unit",
    "category",
    "part_of",
    "scale_with_prevalence",
    "cite",
    "note",
    "assumption",
    "increment",
    "baseline_per_100k",
}
_UNIT_COSTS: Final = {"fte_eur", "clinical_place_eur", "bw_place_eur", "note"}
_ID: Final = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
#: Printed shares of a shares-based set must add up to 100 % within this tolerance.
SHARE_TOLERANCE: Final = 0.005


def parse_norm_set(text: str, file: str) -> NormSet:
    """Validate the TOML ``text`` of a norm set or scenario and return it.

    Raises :class:`~ggzregio.errors.InputError` listing every problem (file, key, rule).
    """
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return norm_set_from_data(load_toml(text, file), file, digest)


def data_digest(doc: Mapping[str, Any]) -> str:
    """SHA-256 of a norm-set document in canonical JSON (keys sorted): its content version."""
    canonical = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def norm_set_from_data(doc: Mapping[str, Any], file: str, sha256: str | None = None) -> NormSet:
    """Validate a norm-set document (the structure of the TOML schema, e.g. as stored in
    the database) and return it; ``sha256`` defaults to :func:`data_digest`.

    Raises :class:`~ggzregio.errors.InputError` listing every problem (file, key, rule).
    """
    check = SettingsChecker(file)
    check.unknown(doc, _TOP, "")
    if doc.get("schema") != SCHEMA:
        check.add("schema", "normset_schema", expected=SCHEMA, value=repr(doc.get("schema")))
    set_id = check.text(doc, "id", "id")
    if set_id and not _ID.match(set_id):
        check.add("id", "bad_id", value=set_id)
    version = doc.get("version")
    if not isinstance(version, str | int | float) or isinstance(version, bool) or version == "":
        check.add("version", "missing_key")
    kind = doc.get("kind", "scenario")
    if kind not in ("reference", "scenario"):
        check.add("kind", "bad_choice", value=repr(kind), allowed="reference, scenario")
    name = check.table(doc, "name", "name")
    if name and not isinstance(name.get("nl"), str):
        check.add("name.nl", "missing_key")
    description = doc.get("description", {})
    budget = check.table(doc, "budget", "budget")
    check.unknown(budget, _BUDGET, "budget.")
    per_100k = budget.get("per_100k_eur", planning_reference().budget_per_100k_eur)
    budget_eur = check.number(per_100k, "budget.per_100k_eur", positive=True)
    basis = budget.get("basis", "amounts")
    if basis not in ("amounts", "shares"):
        check.add("budget.basis", "bad_choice", value=repr(basis), allowed="amounts, shares")
    spending = _spending(check, check.table(doc, "spending", "spending"), basis)
    capacity = _capacity(check, check.table(doc, "capacity", "capacity"))
    unit_costs = _unit_costs(check, doc.get("unit_costs"))
    if check.problems:
        raise InputError(check.problems)
    return NormSet(
        id=set_id,
        version=str(version),
        kind="reference" if kind == "reference" else "scenario",
        name={str(k): str(v) for k, v in name.items()},
        description={str(k): str(v) for k, v in description.items() if k != "cite"},
        cite=str(description.get("cite", "")),
        budget_per_100k_eur=float(budget_eur or 0.0),
        budget_cite=str(budget.get("cite", "")),
        basis="shares" if basis == "shares" else "amounts",
        basis_note=str(budget.get("basis_note", "")),
        spending=spending,
        capacity=capacity,
        based_on=str(doc.get("based_on", "")),
        unit_costs=unit_costs,
        source=file,
        sha256=sha256 or data_digest(doc),
    )


def _spending(check: SettingsChecker, table: dict[str, Any], basis: str) -> dict[str, SpendingNorm]:
    out: dict[str, SpendingNorm] = {}
    for category in table:
        if category not in CATEGORIES:
            check.add(f"spending.{category}", "unknown_category", allowed=", ".join(CATEGORIES))
    for category in CATEGORIES:
        key = f"spending.{category}"
        entry = check.table(table, category, key) if table else {}
        if not entry:
            continue
        check.unknown(entry, _SPENDING, f"{key}.")
        amount = check.optional(entry, "amount_meur", key)
        share = check.optional(entry, "share", key)
        if share is not None and share > 1:
            check.add(f"{key}.share", "share_range", value=share)
        needed = "amount_meur" if basis == "amounts" else "share"
        if (amount if basis == "amounts" else share) is None and needed not in entry:
            check.add(f"{key}.{needed}", "missing_for_basis", basis=basis)
        readings = []
        for i, alt in enumerate(entry.get("alternatives", [])):
            alt_key = f"{key}.alternatives[{i + 1}]"
            check.unknown(alt, _READING, f"{alt_key}.")
            readings.append(
                Reading(
                    check.optional(alt, "amount_meur", alt_key),
                    check.optional(alt, "share", alt_key),
                    check.text(alt, "cite", f"{alt_key}.cite"),
                    str(alt.get("note", "")),
                )
            )
        out[category] = SpendingNorm(
            category=category,
            amount_meur=amount,
            share=share,
            cite=check.text(entry, "cite", f"{key}.cite"),
            note=str(entry.get("note", "")),
            assumption=bool(entry.get("assumption", False)),
            alternatives=tuple(readings),
        )
    if basis == "shares" and len(out) == len(CATEGORIES):
        total = sum(s.share or 0.0 for s in out.values())
        if abs(total - 1) > SHARE_TOLERANCE:
            check.add("spending", "shares_sum", total=f"{total * 100:.1f}")
    return out


def _capacity(check: SettingsChecker, table: dict[str, Any]) -> dict[str, CapacityNorm]:
    out: dict[str, CapacityNorm] = {}
    for item, entry in table.items():
        key = f"capacity.{item}"
        if not isinstance(entry, dict):
            check.add(key, "not_a_table")
            continue
        check.unknown(entry, _CAPACITY, f"{key}.")
        unit = entry.get("unit")
        if unit not in UNITS:
            check.add(f"{key}.unit", "bad_choice", value=repr(unit), allowed=", ".join(UNITS))
            continue
        category = entry.get("category")
        if category not in CATEGORIES:
            check.add(f"{key}.category", "bad_choice", value=repr(category), allowed=CATEGORIES)
        per = check.range(entry["per_100k"], f"{key}.per_100k") if "per_100k" in entry else None
        catchment = None
        if "catchment" in entry:
            catchment = check.number(entry["catchment"], f"{key}.catchment", positive=True)
            if "per_100k" in entry:
                check.add(f"{key}.catchment", "per_100k_and_catchment")
            elif catchment is not None:
                per = Range(PER / catchment, PER / catchment)
        unquantified = "per_100k" not in entry and "catchment" not in entry
        if unquantified and not entry.get("note"):
            check.add(key, "unquantified_needs_note")
        fte = check.optional(entry, "fte_per_unit", key)
        if unit in ("teams", "centres") and per is not None and fte is None:
            check.add(f"{key}.fte_per_unit", "missing_key")
        caseload = None
        if "caseload_per_unit" in entry:
            caseload = check.range(entry["caseload_per_unit"], f"{key}.caseload_per_unit")
        increment = bool(entry.get("increment", False))
        baseline = None
        if "baseline_per_100k" in entry:
            baseline = check.range(entry["baseline_per_100k"], f"{key}.baseline_per_100k")
        elif increment:
            check.add(f"{key}.baseline_per_100k", "missing_key")
        out[item] = CapacityNorm(
            key=item,
            unit=unit,
            per_100k=per,
            category=str(category),
            cite=check.text(entry, "cite", f"{key}.cite"),
            catchment=catchment,
            fte_per_unit=fte,
            caseload_per_unit=caseload,
            part_of=entry.get("part_of"),
            scale_with_prevalence=bool(entry.get("scale_with_prevalence", True)),
            note=str(entry.get("note", "")),
            assumption=bool(entry.get("assumption", False)),
            increment=increment,
            baseline_per_100k=baseline,
        )
    for norm in out.values():
        if norm.part_of is None:
            continue
        parent = out.get(norm.part_of)
        key = f"capacity.{norm.key}.part_of"
        if parent is None or parent.unit != norm.unit:
            check.add(key, "bad_part_of", value=norm.part_of)
        elif parent.per_100k and norm.per_100k and norm.per_100k.high > parent.per_100k.high:
            check.add(key, "part_exceeds_total", value=norm.part_of)
    return out


def _unit_costs(check: SettingsChecker, table: Any) -> UnitCosts | None:
    if table is None:
        return None
    if not isinstance(table, dict):
        check.add("unit_costs", "not_a_table")
        return None
    check.unknown(table, _UNIT_COSTS, "unit_costs.")
    base = planning_reference().unit_costs
    values = {
        name: (check.optional(table, name, "unit_costs") or getattr(base, name))
        for name in ("fte_eur", "clinical_place_eur", "bw_place_eur")
    }
    note = str(table.get("note", "")) or "scenario"
    derivation = {
        name: (note if name in table else base.derivation[name])
        for name in ("fte_eur", "clinical_place_eur", "bw_place_eur")
    }
    return UnitCosts(**values, derivation=derivation)


def norm_set_text(name: str | Path) -> tuple[str, str]:
    """The TOML text of a shipped norm set (by id) or a scenario file, and its file name."""
    if isinstance(name, str) and name in shipped_norm_sets():
        return data_text("norms", f"{name}.toml"), f"{name}.toml"
    path = Path(name)
    if not path.is_file():
        problem = Problem(str(path), "unknown_norm_set", values={"known": shipped_norm_sets()})
        raise InputError([problem])
    text, _ = load_toml_file(path)
    return text, str(path)


def norm_set_data(name: str | Path) -> dict[str, Any]:
    """The document of a shipped norm set (by id) or a scenario file (validated)."""
    text, file = norm_set_text(name)
    parse_norm_set(text, file)
    return toml_document(text, file)


def toml_document(text: str, file: str) -> dict[str, Any]:
    """A norm-set TOML text as the document that is stored: through JSON, so dates and other
    TOML-only values become text."""
    doc: dict[str, Any] = json.loads(json.dumps(load_toml(text, file), default=str))
    return doc


def load_norm_set(name: str | Path) -> NormSet:
    """A shipped norm set by id (``voorbeeldregio-1``) or a scenario file by path."""
    return parse_norm_set(*norm_set_text(name))


def set_value(doc: dict[str, Any], dotted: str, text: str) -> None:
    """Set ``capacity.fact.per_100k`` = ``5`` (numbers, ``[60, 70]`` ranges, true/false, text)."""
    parts = dotted.split(".")
    target = doc
    for part in parts[:-1]:
        target = target.setdefault(part, {})
        if not isinstance(target, dict):
            raise InputError([Problem("--set", "not_a_table", key=dotted)])
    target[parts[-1]] = _parse_value(text)


def _parse_value(text: str) -> Any:
    value = text.strip()
    try:
        return tomllib.loads(f"v = {value}")["v"]
    except tomllib.TOMLDecodeError:
        return value


#: Top-level tables whose values a scenario may change (identity and schema stay).
EDITABLE_TABLES: Final = ("capacity", "spending", "budget", "unit_costs", "name", "description")
#: A changed value: a number, a range ``[low, high]``, true/false or text.
ChangeValue = float | int | bool | str | list[float]


def apply_changes(
    doc: Mapping[str, Any],
    changes: Mapping[str, ChangeValue],
    file: str,
    new_id: str | None = None,
) -> dict[str, Any]:
    """A copy of the norm-set document with ``changes`` (dotted key to typed value) applied;
    only the tables of :data:`EDITABLE_TABLES` may change, and ``new_id`` renames the copy into
    a scenario based on the original. Values are taken as they are (a text stays text): the
    result is validated by :func:`norm_set_from_data`, not here."""
    out: dict[str, Any] = copy.deepcopy(dict(doc))
    if new_id is not None:
        out.update(id=new_id, kind="scenario", based_on=str(doc.get("id", "")))
    problems = []
    for dotted, value in changes.items():
        parts = dotted.split(".")
        if parts[0] not in EDITABLE_TABLES or len(parts) < 2 or "" in parts:
            allowed = ", ".join(EDITABLE_TABLES)
            problems.append(Problem(file, "unknown_key", key=dotted, values={"allowed": allowed}))
            continue
        if parts[0] == "capacity" and parts[1] not in out.get("capacity", {}):
            allowed = ", ".join(sorted(out.get("capacity", {})))
            problems.append(Problem(file, "unknown_key", key=dotted, values={"allowed": allowed}))
            continue
        target = out
        for part in parts[:-1]:
            target = target.setdefault(part, {})
            if not isinstance(target, dict):
                problems.append(Problem(file, "not_a_table", key=dotted))
                break
        else:
            target[parts[-1]] = list(value) if isinstance(value, list) else value
    if problems:
        raise InputError(problems)
    return out


def copy_norm_set(
    source: str | Path,
    target: Path,
    new_id: str,
    changes: Mapping[str, str] | None = None,
    version: str = "1.0",
) -> NormSet:
    """Copy a norm set into a scenario file with ``changes`` applied; validate, then write
    atomically. Nothing is written if the result is invalid."""
    text, file = norm_set_text(source)
    base = parse_norm_set(text, file)
    doc = tomllib.loads(text)
    doc.update(id=new_id, version=version, kind="scenario", based_on=base.label)
    for dotted, text in (changes or {}).items():
        set_value(doc, dotted, text)
    header = (
        f"# Scenario '{new_id}', copied from {base.label} on {date.today().isoformat()}.\n"
        "# Change any value; keep or replace the `cite` of what you change. Checked on load.\n"
    )
    text = header + tomli_w.dumps(_ordered(doc))
    scenario = parse_norm_set(text, str(target))
    write_text_atomically(target, text)
    return scenario


def norm_set_toml(doc: Mapping[str, Any]) -> str:
    """A norm-set document as TOML text (keys in the schema's order)."""
    return tomli_w.dumps(_ordered(doc))


def _ordered(doc: Mapping[str, Any]) -> dict[str, Any]:
    order = ["schema", "id", "version", "kind", "based_on"]
    head = {k: doc[k] for k in order if k in doc}
    return head | {k: v for k, v in doc.items() if k not in head}
