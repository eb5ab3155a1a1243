"""Plain text as people type it: no control characters (NUL, escape, the C1 codes), which no
name, address or sentence holds and PostgreSQL cannot store (NUL). One rule for every way in:
accounts, the agenda, neighbourhood load and the API's text fields."""

from __future__ import annotations

import unicodedata
from typing import Final

#: What a text of several lines may hold besides printable characters.
LINE_BREAKS: Final = "\t\n\r"


def control_character(value: str, *, lines: bool = False) -> str | None:
    """The first control character of ``value`` as ``U+0000`` (None: plain text); tab and
    line breaks count as text only where ``lines``."""
    allowed = LINE_BREAKS if lines else ""
    bad = next((c for c in value if unicodedata.category(c) == "Cc" and c not in allowed), None)
    return None if bad is None else f"U+{ord(bad):04X}"


def printable(value: str) -> bool:
    """No control characters at all (a name, an address, a token's name)."""
    return control_character(value) is None


def without_control(value: str) -> str:
    """``value`` with its control characters left out (for the audit log of a refused try)."""
    return "".join(c for c in value if unicodedata.category(c) != "Cc")
