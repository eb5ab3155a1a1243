"""The message catalogue: every text in Dutch and English with the same placeholders."""

from __future__ import annotations

import string

from ggzregio.i18n import MESSAGES


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for key, entry in MESSAGES.items():
        assert set(entry) == {"nl", "en"}, key
        assert entry["nl"].strip(), key
        assert entry["en"].strip(), key
        assert _fields(entry["nl"]) == _fields(entry["en"]), key
