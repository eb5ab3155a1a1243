"""The shape of a message catalogue: key → language → text."""

from __future__ import annotations

from typing import Literal, TypeAlias

Language = Literal["nl", "en"]
Catalogue: TypeAlias = dict[str, dict[Language, str]]
