"""Dutch number formatting for display."""

from __future__ import annotations

import pytest

from ggzregio.formatting import format_number


@pytest.mark.parametrize(
    ("value", "decimals", "language", "text"),
    [
        (14.988166, 2, "nl", "14,99"),
        (58.7086, 0, "nl", "59"),
        (17_000_000, 0, "nl", "17.000.000"),
        (1234.5, 1, "nl", "1.234,5"),
        (1234.5, 1, "en", "1,234.5"),
        (-0.25, 2, "nl", "-0,25"),
        (float("nan"), 2, "nl", "–"),
        (None, 0, "nl", "–"),
    ],
)
def test_format_number(value: float | None, decimals: int, language: str, text: str) -> None:
    assert format_number(value, decimals, language) == text  # type: ignore[arg-type]
