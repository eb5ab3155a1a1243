"""The planning page's form: an input field for each editable norm value of a scenario,
typed the Dutch way (``250.000``, ``12,5``; English ``250,000``, ``12.5``), and the changes
as typed values (numbers, ``[low, high]`` ranges) for :mod:`ggzregio.app.planning`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, Final

from ggzregio.categories import category_label
from ggzregio.errors import InputError, Problem
from ggzregio.i18n import t
from ggzregio.numbers import NumberError, format_user_number, parse_user_number
from ggzregio.planning.norms import NormSet
from ggzregio.planning.scenario_file import ChangeValue

EDITABLE: Final = ("per_100k", "catchment", "fte_per_unit")
#: Norm values that are counts (inhabitants per team): typed as whole numbers, and
#: ``250,000`` in Dutch (or ``250.000`` in English) is refused rather than read as 250.
COUNT_VALUES: Final = ("catchment",)
FORM_FILE: Final = "formulier"
#: Most significant digits a typed number may have (more than any norm or inventory value
#: needs; Babel's decimal arithmetic fails on numbers of more than 28 digits).
MAX_DIGITS: Final = 24
#: Longest hidden change value the form sends back (a number or ``[low, high]``).
MAX_CHANGE_TEXT: Final = 100


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    value: str


def plain(value: float) -> str:
    """A number for an input field, written so :func:`parse_number` reads it back exactly in
    the request's language (Dutch ``250.000`` and ``12,5``; English ``250,000`` and ``12.5``)."""
    return format_user_number(value)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def form_fields(doc: Mapping[str, Any], norms: NormSet) -> list[FormField]:
    """Input fields for the editable norm values of a scenario document (capacity and
    spending)."""
    fields = [FormField("budget.per_100k_eur", t("web.f_budget"), plain(norms.budget_per_100k_eur))]
    for category, values in doc.get("spending", {}).items():
        for key in ("amount_meur", "share"):
            if key in values and _number(values[key]):
                label = f"{category_label(category)} – {t('web.f_' + key)}"
                fields.append(FormField(f"spending.{category}.{key}", label, plain(values[key])))
    for key, item in doc.get("capacity", {}).items():
        name = t(f"item.{key}")
        name = key if name == f"item.{key}" else name
        for f in EDITABLE:
            value = item.get(f)
            if isinstance(value, list) and len(value) == 2:
                for i, end in enumerate(("min", "max")):
                    label = f"{name} – {t('web.f_' + f)} ({t('web.' + end)})"
                    fields.append(FormField(f"capacity.{key}.{f}.{i}", label, plain(value[i])))
            elif _number(value):
                fields.append(
                    FormField(f"capacity.{key}.{f}", f"{name} – {t('web.f_' + f)}", plain(value))
                )
    return fields


def parse_number(text: str, field: str, *, integer: bool = False) -> float:
    """A number typed into a form, read in the request's language by
    :func:`ggzregio.numbers.parse_user_number` (Dutch: ``250.000`` is 250000, ``12,5`` is 12.5;
    ``12.5`` is refused with the possible readings). Raises a
    :class:`~ggzregio.numbers.NumberError`, an :class:`InputError` naming the form and field."""
    digits = "".join(c for c in text if c.isdigit()).lstrip("0")
    if len(digits) > MAX_DIGITS:  # more significant digits than the parser's decimals hold
        raise NumberError("number_too_large", text[:60], field=field, source=FORM_FILE)
    return parse_user_number(text, integer=integer, field=field, source=FORM_FILE)


def _is_count(name: str) -> bool:
    """``capacity.iht.catchment`` (or one end of its range) holds a count."""
    parts = name.split(".")
    return parts[0] == "capacity" and len(parts) > 2 and parts[2] in COUNT_VALUES


def form_changes(fields: list[FormField], params: Mapping[str, str]) -> dict[str, ChangeValue]:
    """Dotted keys whose submitted value differs from the scenario's, as typed values (the two
    ends of a range joined into ``[low, high]``)."""
    problems: list[Problem] = []
    values: dict[str, float] = {}
    current = {f.name: parse_number(f.value, f.name) for f in fields}
    for f in fields:
        sent = params.get(f.name)
        if sent is None or sent.strip() == "":
            continue
        try:
            value = parse_number(sent, f.name, integer=_is_count(f.name))
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if value != current[f.name]:
            values[f.name] = value
    if problems:
        raise InputError(problems)
    changes: dict[str, ChangeValue] = {}
    for name, value in values.items():
        if name[-2:] in (".0", ".1"):
            base = name[:-2]
            low = values.get(base + ".0", current[base + ".0"])
            high = values.get(base + ".1", current[base + ".1"])
            changes[base] = [low, high]
        else:
            changes[name] = value
    return changes


def encoded(changes: Mapping[str, ChangeValue]) -> dict[str, str]:
    """The changes for the form's hidden fields (JSON values)."""
    return {name: json.dumps(value) for name, value in changes.items()}


def decoded(form: Mapping[str, object]) -> dict[str, ChangeValue]:
    """The changes sent back by the form's hidden ``change:<key>`` fields."""
    changes: dict[str, ChangeValue] = {}
    problems = []
    for key, raw in form.items():
        if not key.startswith("change:"):
            continue
        name = key[len("change:") :]
        text = str(raw)
        value: Any = None
        with suppress(ValueError):  # a number or a range: short (no JSON nested deep)
            value = json.loads(text) if len(text) <= MAX_CHANGE_TEXT else None
        if isinstance(value, bool) or not (
            _number(value) or (isinstance(value, list) and all(_number(v) for v in value))
        ):
            problems.append(
                Problem(FORM_FILE, "not_a_number", key=name, values={"value": text[:60]})
            )
            continue
        changes[name] = value
    if problems:
        raise InputError(problems)
    return changes
