"""User-facing text in Dutch (default) and English.

The language is taken from :func:`set_language` or the ``GGZREGIO_LANG`` environment variable
(``nl`` or ``en``). Developer-facing text (logs, docstrings) is English and does not go
through here.
"""

from __future__ import annotations

import os
from typing import Final

from ggzregio.messages import Catalogue, Language, all_messages

LANGUAGES: Final[tuple[Language, ...]] = ("nl", "en")

_current: Language | None = None

MESSAGES: Final[Catalogue] = all_messages()


def get_language() -> Language:
    """Return the active language: set explicitly, else ``GGZREGIO_LANG``, else Dutch."""
    if _current is not None:
        return _current
    env = os.environ.get("GGZREGIO_LANG", "nl").strip().lower()[:2]
    return "en" if env == "en" else "nl"


def set_language(language: Language | None) -> None:
    """Set the language for user-facing text (``None`` returns to the environment default)."""
    global _current
    _current = language


def t(key: str, /, **values: object) -> str:
    """Translate ``key`` into the active language and fill in ``values``.

    Unknown keys are returned as-is so that a missing translation is visible, not fatal.
    """
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    return entry[get_language()].format(**values)


__all__ = ["LANGUAGES", "MESSAGES", "Language", "get_language", "set_language", "t"]
