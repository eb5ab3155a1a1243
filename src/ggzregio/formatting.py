"""Number formatting for people: Dutch by default (1.234,5), English on request (1,234.5).

Formatting is for display only; data outputs keep full precision.
"""

from __future__ import annotations

import math

from ggzregio.i18n import Language, get_language


def format_number(
    value: float | int | None, decimals: int = 0, language: Language | None = None
) -> str:
    """Format ``value`` with ``decimals`` decimals and a thousands separator.

    >>> format_number(14.988166, 2, "nl")
    '14,99'
    >>> format_number(3917, 0, "nl")
    '3.917'
    >>> format_number(1234.5, 1, "en")
    '1,234.5'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if (language or get_language()) == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_shown(value: object, decimals: int = 0, language: Language | None = None) -> str:
    """A number formatted for people, or text (a suppression marker such as '<10') as it is.

    >>> format_shown(3917, 0, "nl"), format_shown("<10")
    ('3.917', '<10')
    """
    if isinstance(value, str):
        return value
    return format_number(None if value is None else float(value), decimals, language)  # type: ignore[arg-type]


def format_compact(value: float, max_decimals: int = 2, language: Language | None = None) -> str:
    """Like :func:`format_number` with at most ``max_decimals`` decimals and no trailing zeros.

    >>> format_compact(3.5, 2, "nl"), format_compact(7 / 3, 2, "nl"), format_compact(14.0, 2, "nl")
    ('3,5', '2,33', '14')
    """
    lang = language or get_language()
    text = format_number(round(value, max_decimals), max_decimals, lang)
    point = "," if lang == "nl" else "."
    if max_decimals > 0:
        text = text.rstrip("0").rstrip(point)
    return "0" if text in ("-0", "") else text
