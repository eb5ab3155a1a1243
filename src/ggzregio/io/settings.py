"""Checking settings files (TOML: norm sets, scenarios, indicator catalogues, targets).

A :class:`SettingsChecker` collects every problem of one file, each with the file, the dotted
key (``capacity.fact.per_100k``) and the rule broken, so the user can fix them all in one go.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ggzregio.errors import InputError, Problem
from ggzregio.ranges import Range


def load_toml_file(path: Path) -> tuple[str, dict[str, Any]]:
    """Read a TOML file: its text and its document; a missing file or other suffix is refused."""
    if not path.is_file():
        raise InputError([Problem(str(path), "file_not_found")])
    if path.suffix.lower() != ".toml":
        raise InputError([Problem(path.name, "unsupported_format", values={"suffix": path.suffix})])
    text = path.read_text(encoding="utf-8")
    return text, load_toml(text, path.name)


def load_toml(text: str, file: str) -> dict[str, Any]:
    """Parse TOML or refuse it with the parser's message (line and column)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError([Problem(file, "toml_syntax", values={"detail": str(exc)})]) from exc


class SettingsChecker:
    """Collects problems while reading one settings file (each with file, dotted key, rule)."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def add(self, key: str | None, rule: str, **values: object) -> None:
        self.problems.append(Problem(self.file, rule, key=key, values=values))

    def unknown(self, table: Mapping[str, Any], allowed: set[str], prefix: str) -> None:
        for key in table:
            if key not in allowed:
                self.add(f"{prefix}{key}", "unknown_key", allowed=", ".join(sorted(allowed)))

    def number(self, value: Any, key: str, *, positive: bool = False) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            self.add(key, "not_a_number", value=repr(value))
            return None
        if value < 0 or (positive and value == 0):
            self.add(key, "must_be_positive" if positive else "negative_value", value=value)
            return None
        return float(value)

    def range(self, value: Any, key: str) -> Range | None:
        if isinstance(value, list):
            if len(value) != 2:
                self.add(key, "bad_range", value=repr(value))
                return None
            low, high = self.number(value[0], key), self.number(value[1], key)
            if low is None or high is None:
                return None
            if low > high:
                self.add(key, "bad_range", value=repr(value))
                return None
            return Range(low, high)
        single = self.number(value, key)
        return None if single is None else Range(single, single)

    def text(self, table: Mapping[str, Any], name: str, key: str, required: bool = True) -> str:
        value = table.get(name)
        if value is None:
            if required:
                self.add(key, "missing_key")
            return ""
        if not isinstance(value, str):
            self.add(key, "not_text", value=repr(value))
            return ""
        return value

    def table(self, parent: Mapping[str, Any], name: str, key: str) -> dict[str, Any]:
        value = parent.get(name)
        if value is None:
            self.add(key, "missing_key")
            return {}
        if not isinstance(value, dict):
            self.add(key, "not_a_table")
            return {}
        return value

    def optional(self, table: Mapping[str, Any], name: str, key: str) -> float | None:
        """``table[name]`` as a number ≥ 0 if present, else None."""
        return None if name not in table else self.number(table[name], f"{key}.{name}")
