"""Number formatting for people: Dutch by default (1.234,5), English on request (1,234.5).

Every number goes through Babel (CLDR data for ``nl_NL`` and ``en_GB``): grouping, decimal
sign and minus sign of the language. Years are never grouped (``2028``), infinity and
not-a-number are never shown raw, euros are shown with the currency sign of the language and
without cents unless asked for. Formatting is for display only; data outputs keep full
precision.

Pages format thousands of cells, so the Babel locales and number patterns are parsed once and
kept (:func:`_locale`, :func:`_pattern`); a value is rounded by Python (``f"{v:.2f}"``, the
binary value's correct rounding) and the digits are laid out by the pattern.
"""

from __future__ import annotations

import math
from functools import cache, lru_cache
from typing import Final

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

from ggzregio.i18n import LOCALES, MESSAGES, Language, get_language, t

#: The Babel (CLDR) locale of each language of the user interface.
#: Shown for a missing value (None or not-a-number).
MISSING: Final = "–"


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(LOCALES.get(language, LOCALES["nl"]))  # type: ignore[call-overload]


@cache
def _pattern(decimals: int, optional: bool = False, grouped: bool = True) -> NumberPattern:
    """``#,##0.00`` (``optional``: ``#,##0.##``, trailing zeros dropped; not grouped: ``0``)."""
    whole = "#,##0" if grouped else "0"
    return parse_pattern(whole + ("." + ("#" if optional else "0") * decimals if decimals else ""))


@cache
def _currency_pattern(language: str, decimals: int) -> NumberPattern:
    """The language's CLDR currency pattern (``¤ #,##0.00``) with ``decimals`` decimals."""
    standard = str(_locale(language).currency_formats["standard"].pattern)
    return parse_pattern(standard.replace("0.00", "0" + ("." + "0" * decimals if decimals else "")))


def _infinite(value: float, language: str) -> str:
    """The language's infinity sign (∞, -∞): a number, never 'inf'."""
    symbols = _locale(language).number_symbols["latn"]
    symbol = str(symbols["infinity"])
    return symbol if value > 0 else str(symbols["minusSign"]) + symbol


def _digits(value: float, decimals: int) -> str:
    """``value`` rounded to ``decimals`` as plain digits, without a minus on a rounded zero."""
    text = f"{value:.{decimals}f}"
    if text[0] == "-" and not text.strip("-0."):
        text = text[1:]
    return text


@lru_cache(maxsize=1 << 16)
def _apply(digits: str, decimals: int, optional: bool, language: str) -> str:
    """Babel's layout of rounded ``digits`` (kept: tables repeat values, and a pattern costs
    microseconds a cell)."""
    return str(_pattern(decimals, optional).apply(digits, _locale(language)))


def _missing(value: object) -> bool:
    """None, not-a-number and pandas' missing value (``pd.NA`` of a count column)."""
    if value is None or type(value).__name__ == "NAType":
        return True
    return isinstance(value, float) and math.isnan(value)


def _not_finite(value: object, lang: Language) -> str | None:
    """What a missing or infinite value shows ('–', '∞'), or None for a finite number."""
    if _missing(value):
        return MISSING
    number = float(value)  # type: ignore[arg-type]
    return _infinite(number, lang) if math.isinf(number) else None


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
    >>> format_number(float("nan")), format_number(float("inf"), 0, "nl"), format_number(-0.01, 1)
    ('–', '∞', '0,0')
    """
    lang = language or get_language()
    special = _not_finite(value, lang)
    if special is not None:
        return special
    decimals = max(int(decimals), 0)
    return _apply(_digits(float(value), decimals), decimals, False, lang)  # type: ignore[arg-type]


def format_shown(value: object, decimals: int = 0, language: Language | None = None) -> str:
    """A number formatted for people, or text (a suppression marker such as '<10') as it is.

    >>> format_shown(3917, 0, "nl"), format_shown("<10")
    ('3.917', '<10')
    """
    if isinstance(value, str):
        return value
    if _missing(value):
        return MISSING
    return format_number(float(value), decimals, language)  # type: ignore[arg-type]


def format_compact(value: float, max_decimals: int = 2, language: Language | None = None) -> str:
    """Like :func:`format_number` with at most ``max_decimals`` decimals and no trailing zeros.

    >>> format_compact(3.5, 2, "nl"), format_compact(7 / 3, 2, "nl"), format_compact(14.0, 2, "nl")
    ('3,5', '2,33', '14')
    """
    if _missing(value):
        return MISSING
    lang = language or get_language()
    if math.isinf(value):
        return _infinite(value, lang)
    decimals = max(int(max_decimals), 0)
    return _apply(_digits(value, decimals), decimals, True, lang)


def format_year(value: object, language: Language | None = None) -> str:
    """A year without a thousands separator; an infinite (projected) year is a year the trend
    never reaches: "niet op deze trend" / "not on this trend"; missing is '–'. Text (a
    suppression marker) is shown as it is.

    >>> format_year(2028.0), format_year(2027.6), format_year(None), format_year("x")
    ('2028', '2028', '–', 'x')
    >>> format_year(float("inf"), "en")
    'not on this trend'
    """
    if isinstance(value, str):
        return value
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return MISSING
    if math.isnan(number):
        return MISSING
    if math.isinf(number):
        return _translated("fmt.year_never", language) if number > 0 else MISSING
    lang = language or get_language()
    return str(_pattern(0, grouped=False).apply(_digits(number, 0), _locale(lang)))


def format_euro(
    value: float | int | None, decimals: int = 0, language: Language | None = None
) -> str:
    """An amount in euros with the currency sign of the language; whole euros unless
    ``decimals`` asks for cents (small unit prices only).

    >>> format_euro(12_345_678.9, 0, "nl"), format_euro(12_345_678.9, 0, "en")
    ('€\\xa012.345.679', '€12,345,679')
    >>> format_euro(-5_054_427, 0, "nl"), format_euro(12.5, 2, "nl"), format_euro(None)
    ('€\\xa0-5.054.427', '€\\xa012,50', '–')
    """
    lang = language or get_language()
    special = _not_finite(value, lang)
    if special is not None:
        return special
    decimals = max(int(decimals), 0)
    pattern = _currency_pattern(lang, decimals)
    digits = _digits(float(value), decimals)  # type: ignore[arg-type]
    return str(pattern.apply(digits, _locale(lang), "EUR", False))


def _translated(key: str, language: Language | None) -> str:
    if language is None:
        return t(key)
    entry = MESSAGES.get(key)
    return entry[language] if entry else key
