"""User-facing text in Dutch (default) and English.

The language is taken from :func:`set_language` or the ``GGZREGIO_LANG`` environment variable
(``nl`` or ``en``). Developer-facing text (logs, docstrings) is English and does not go
through here.
"""

from __future__ import annotations

import os
from contextvars import ContextVar
from typing import Final

from ggzregio.messages import Catalogue, Language, all_messages

LANGUAGES: Final[tuple[Language, ...]] = ("nl", "en")
#: The CLDR locale (Babel) whose number symbols and patterns each language uses.
LOCALES: Final[dict[Language, str]] = {"nl": "nl_NL", "en": "en_GB"}

_process: Language | None = None
#: Per-request language of the web application (set by its middleware); wins over the
#: process-wide choice so concurrent requests in different languages do not mix.
_request: ContextVar[Language | None] = ContextVar("ggzregio_language", default=None)

MESSAGES: Final[Catalogue] = all_messages()


def get_language() -> Language:
    """Return the active language: set explicitly, else ``GGZREGIO_LANG``, else Dutch."""
    chosen = _request.get() or _process
    if chosen is not None:
        return chosen
    env = os.environ.get("GGZREGIO_LANG", "nl").strip().lower()[:2]
    return "en" if env == "en" else "nl"


def set_language(language: Language | None) -> None:
    """Set the language for user-facing text (``None`` returns to the environment default)."""
    global _process
    _process = language


def set_request_language(language: Language | None) -> object:
    """Set the language of the current context (a web request); returns a reset token."""
    return _request.set(language)


def reset_request_language(token: object) -> None:
    _request.reset(token)  # type: ignore[arg-type]


def t(key: str, /, **values: object) -> str:
    """Translate ``key`` into the active language and fill in ``values``.

    Unknown keys are returned as-is so that a missing translation is visible, not fatal.
    """
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    return entry[get_language()].format_map(_Values(values))


class _Values(dict[str, object]):
    """Format values where a missing one shows as '?' instead of failing (a server must not
    crash on a message that lacks a detail)."""

    def __missing__(self, key: str) -> str:
        return "?"


__all__ = [
    "LANGUAGES",
    "MESSAGES",
    "Language",
    "get_language",
    "reset_request_language",
    "set_language",
    "set_request_language",
    "t",
]
